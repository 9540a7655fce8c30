"""Resume routes: presigned upload, direct multipart upload, parse, list, read, rename, delete."""

from __future__ import annotations

from pydantic import Field
from starlette.responses import Response

from resumax_http.endpoint import Call, Operation, endpoint, json_response, no_content
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
from resumax_http.uploads import form_schema, read_upload

TAG = "resumes"

UPLOAD_FORM_SCHEMA = form_schema("PDF, DOCX, TXT or Markdown.", {"title": MAX_TITLE})


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
    file, fields = await read_upload(call, UploadFieldsIn, noun="resume", default_name="resume")
    resume = await call.app.add_resume.execute(
        call.user.id, file.filename, file.data, media_type=file.media_type, title=fields.title
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
