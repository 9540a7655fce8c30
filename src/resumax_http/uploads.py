"""Reading a one-file multipart upload (``file`` plus a few text fields) without trusting any of it."""

from __future__ import annotations

from typing import Any, TypeVar

from attrs import frozen
from pydantic import ValidationError
from starlette.datastructures import UploadFile

from resumax_core.errors import FileTooLarge
from resumax_http.endpoint import Call
from resumax_http.errors import ApiError, validation_error
from resumax_http.schemas.common import RequestModel

F = TypeVar("F", bound=RequestModel)
GENERIC_MEDIA_TYPES = frozenset({"", "application/octet-stream"})
_MAX_TEXT_FIELD_BYTES = 16 * 1024


@frozen
class UploadedFile:
    filename: str
    data: bytes
    media_type: str | None
    """The type the client declared for the file; None when it declared only a generic one."""


def is_multipart(call: Call) -> bool:
    media = call.request.headers.get("content-type", "").split(";")[0].strip().lower()
    return media == "multipart/form-data"


def form_schema(description: str, text_fields: dict[str, int]) -> dict[str, Any]:
    """The OpenAPI schema of a form with a required ``file`` and optional text fields (name → max length)."""
    properties: dict[str, Any] = {"file": {"type": "string", "format": "binary", "description": description}}
    properties.update(
        {name: {"type": "string", "minLength": 1, "maxLength": most} for name, most in text_fields.items()}
    )
    return {"type": "object", "required": ["file"], "properties": properties, "additionalProperties": False}


async def read_upload(call: Call, fields: type[F], *, noun: str, default_name: str) -> tuple[UploadedFile, F]:
    """The form's ``file`` (at most ``settings.max_upload_bytes``, else 413) and its text fields as
    ``fields``: 415 unless multipart, 422 for a missing file or an unknown or invalid field."""
    if not is_multipart(call):
        raise ApiError("unsupported_media_type", "Send the file as multipart/form-data.")
    limit = call.settings.max_upload_bytes
    allowed = {"file", *fields.model_fields}
    async with call.request.form(
        max_files=1, max_fields=len(allowed), max_part_size=_MAX_TEXT_FIELD_BYTES
    ) as form:
        unknown = sorted(set(form.keys()) - allowed)
        if unknown:
            raise ApiError(
                "invalid_input",
                "Unknown form field.",
                details={"field": unknown[0], "fields": {name: "Unknown field." for name in unknown}},
            )
        file = form.get("file")
        if not isinstance(file, UploadFile):
            raise ApiError(
                "invalid_input", f"Attach the {noun} as `file`.", details={"field": "file", "fields": {}}
            )
        values = {name: form[name] for name in fields.model_fields if name in form}
        if any(not isinstance(value, str) for value in values.values()):
            raise ApiError(
                "invalid_input", "Only `file` may be a file.", details={"field": "form", "fields": {}}
            )
        try:
            parsed = fields.model_validate(values)
        except ValidationError as exc:
            raise validation_error(exc, location="form") from None
        data = await file.read(limit + 1)
        filename = file.filename or default_name
        declared = (file.content_type or "").split(";")[0].strip().lower()
    if len(data) > limit:
        raise FileTooLarge(details={"maxBytes": limit})
    media_type = None if declared in GENERIC_MEDIA_TYPES else declared
    return UploadedFile(filename=filename, data=data, media_type=media_type), parsed
