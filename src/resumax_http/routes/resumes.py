"""Resume routes: presigned upload, direct multipart upload, parse, list, read, rename, delete."""

from __future__ import annotations

from typing import Any

from pydantic import Field, ValidationError
from starlette.datastructures import UploadFile
from starlette.responses import Response

from resumax_core.errors import FileTooLarge
from resumax_http.endpoint import Call, Operation, endpoint, json_response, no_content
from resumax_http.errors import ApiError, validation_error
from resumax_http.schemas.common import RequestModel
from resumax_http.schemas.resumes import (
    MAX_TITLE,
    ParseStartedOut,
    PresignIn,
    PresignOut,
    RenameResumeIn,
    ResumeDetailOut,
    ResumeListOut,
    ResumeOut,
)

TAG = "resumes"
_GENERIC_MEDIA_TYPES = frozenset({"", "application/octet-stream"})

UPLOAD_FORM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["file"],
    "properties": {
        "file": {"type": "string", "format": "binary", "description": "PDF, DOCX, TXT or Markdown."},
        "title": {
            "type": "string",
            "minLength": 1,
            "maxLength": MAX_TITLE,
        },
    },
    "additionalProperties": False,
}


class UploadFieldsIn(RequestModel):
    """The text fields of a multipart upload."""

    title: str | None = Field(default=None, min_length=1, max_length=MAX_TITLE)


@endpoint(
    Operation(
        summary="Start a resume upload",
        description="Creates the resume and a short-lived upload link scoped to it. Upload the file as "
        "`method` says, then call POST /resumes/{resumeId}/parse. Requires a confirmed email.",
        tag=TAG,
        body=PresignIn,
        responses={201: PresignOut},
    )
)
async def presign(call: Call) -> Response:
    body = await call.body(PresignIn)
    started = await call.app.create_resume_upload.execute(
        call.user.id, body.filename, body.mime_type, body.size, body.title
    )
    return json_response(PresignOut.of(started), 201)


@endpoint(
    Operation(
        summary="Upload a resume in one request",
        description="A multipart form with `file` and an optional `title`; the file is parsed at once.",
        tag=TAG,
        body_media=("multipart/form-data",),
        body_schema=UPLOAD_FORM_SCHEMA,
        responses={201: ResumeDetailOut},
    )
)
async def upload(call: Call) -> Response:
    media = call.request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media != "multipart/form-data":
        raise ApiError("unsupported_media_type", "Send the file as multipart/form-data.")
    limit = call.settings.max_upload_bytes
    async with call.request.form(max_files=1, max_fields=2, max_part_size=16 * 1024) as form:
        unknown = sorted(set(form.keys()) - {"file", "title"})
        if unknown:
            raise ApiError(
                "invalid_input",
                "Unknown form field.",
                details={"field": unknown[0], "fields": {name: "Unknown field." for name in unknown}},
            )
        file = form.get("file")
        if not isinstance(file, UploadFile):
            raise ApiError(
                "invalid_input", "Attach the resume as `file`.", details={"field": "file", "fields": {}}
            )
        title = form.get("title")
        try:
            fields = UploadFieldsIn.model_validate({"title": title} if title is not None else {})
        except ValidationError as exc:
            raise validation_error(exc, location="form") from None
        data = await file.read(limit + 1)
        filename = file.filename or "resume"
        declared = (file.content_type or "").split(";")[0].strip().lower()
    if len(data) > limit:
        raise FileTooLarge(details={"maxBytes": limit})
    resume = await call.app.add_resume.execute(
        call.user.id,
        filename,
        data,
        media_type=None if declared in _GENERIC_MEDIA_TYPES else declared,
        title=fields.title,
    )
    return json_response(ResumeDetailOut.of(resume), 201)


@endpoint(
    Operation(
        summary="Parse an uploaded resume",
        description="Queues parsing; poll GET /resumes/{resumeId} for parseStatus.",
        tag=TAG,
        responses={202: ParseStartedOut},
    )
)
async def parse(call: Call) -> Response:
    resume = await call.app.start_resume_parse.execute(call.user.id, call.path_id("resumeId"))
    return json_response(ParseStartedOut(resume_id=resume.id, status=resume.parse_status), 202)


@endpoint(Operation(summary="Your resumes", tag=TAG, responses={200: ResumeListOut}))
async def list_resumes(call: Call) -> Response:
    resumes = await call.app.list_resumes.execute(call.user.id)
    return json_response(ResumeListOut(items=[ResumeOut.of(resume) for resume in resumes]))


@endpoint(Operation(summary="One resume with its parsed sections", tag=TAG, responses={200: ResumeDetailOut}))
async def get_resume(call: Call) -> Response:
    resume = await call.app.get_resume.execute(call.user.id, call.path_id("resumeId"))
    return json_response(ResumeDetailOut.of(resume))


@endpoint(Operation(summary="Rename a resume", tag=TAG, body=RenameResumeIn, responses={200: ResumeOut}))
async def rename_resume(call: Call) -> Response:
    body = await call.body(RenameResumeIn)
    resume = await call.app.rename_resume.execute(call.user.id, call.path_id("resumeId"), body.title)
    return json_response(ResumeOut.of(resume))


@endpoint(Operation(summary="Delete a resume and its file", tag=TAG, responses={204: None}))
async def delete_resume(call: Call) -> Response:
    await call.app.delete_resume.execute(call.user.id, call.path_id("resumeId"))
    return no_content()
