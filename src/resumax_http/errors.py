"""Errors as HTTP: one table from stable error codes to statuses, and one JSON shape for every error.

Every error response is ``{"code", "message", "details"?, "requestId"}`` (architecture §9). Codes come
from the core (``resumax_core.errors``) or, for problems that exist only in HTTP (a malformed body, a
wrong method), from ``ApiError`` here. A code missing from the table inherits the status of its nearest
mapped ancestor class, so a new ``Unavailable`` subclass is a 503 without touching this module. Anything
that is not a resuMAX error is a 500 with a generic message: no exception text, no traceback.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from resumax_core.errors import RateLimited, ResumaxError, Unauthorized, Unavailable

GENERIC_MESSAGE = "Something went wrong inside resuMAX. Try again; if it keeps happening, contact support."

STATUS_BY_CODE: Mapping[str, int] = {
    "internal_error": 500,
    "invalid_input": 422,
    "document_error": 422,
    "unsupported_file_type": 415,
    "file_type_mismatch": 415,
    "file_too_large": 413,
    "empty_document": 422,
    "too_many_pages": 422,
    "encrypted_document": 422,
    "corrupt_document": 422,
    "no_text_layer": 422,
    "unsafe_document": 422,
    "parse_limit_exceeded": 422,
    "unauthorized": 401,
    "forbidden": 403,
    "not_found": 404,
    "conflict": 409,
    "invalid_state": 409,
    "idempotency_conflict": 409,
    "rate_limited": 429,
    "unavailable": 503,
    "database_unavailable": 503,
    "storage_unavailable": 503,
    "queue_unavailable": 503,
    "llm_unavailable": 503,
    # Codes that exist only in HTTP (raised as ApiError):
    "malformed_request": 400,
    "method_not_allowed": 405,
    "payload_too_large": 413,
    "unsupported_media_type": 415,
}
"""The one table of error code → HTTP status."""


class ApiError(Exception):
    """A failure of the HTTP exchange itself, with a code from ``STATUS_BY_CODE``."""

    def __init__(
        self,
        code: str,
        message: str,
        *,
        details: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        if code not in STATUS_BY_CODE:
            raise ValueError(f"unmapped error code {code!r}")
        super().__init__(message)
        self.code, self.message = code, message
        self.details: dict[str, Any] = dict(details or {})
        self.headers: dict[str, str] = dict(headers or {})

    @property
    def status_code(self) -> int:
        return STATUS_BY_CODE[self.code]


def payload_too_large(limit: int) -> ApiError:
    return ApiError("payload_too_large", "The request body is too large.", details={"maxBytes": limit})


def status_for(error: ResumaxError) -> int:
    """The HTTP status of a core error: its code's, else the nearest mapped ancestor's, else 500."""
    for cls in type(error).__mro__:
        code = getattr(cls, "code", None)
        if isinstance(code, str) and code in STATUS_BY_CODE:
            return STATUS_BY_CODE[code]
    return 500


def validation_error(exc: ValidationError, *, location: str = "body") -> ApiError:
    """A pydantic failure as a 422 ``invalid_input`` naming each field (or 400 for unreadable JSON).

    Only pydantic's messages travel, never the rejected input, which may be a password.
    """
    errors = exc.errors(include_url=False, include_input=False, include_context=False)
    if any(error["type"] == "json_invalid" for error in errors):
        return ApiError("malformed_request", "The request body is not valid JSON.")
    fields: dict[str, str] = {}
    for error in errors:
        path = ".".join(str(part) for part in error["loc"]) or location
        fields.setdefault(path, _message(error["type"], error["msg"]))
    first = next(iter(fields), location)
    return ApiError(
        "invalid_input",
        f"The {location} is not valid: check {first}.",
        details={"field": first, "fields": fields},
    )


def _message(kind: str, message: str) -> str:
    if kind == "extra_forbidden":
        return "Unknown field: this field cannot be set."
    return message


def error_body(
    code: str, message: str, request_id: str | None, details: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {"code": code, "message": message}
    if details:
        body["details"] = dict(details)
    body["requestId"] = request_id or ""
    return body


def error_response(
    status: int,
    code: str,
    message: str,
    request_id: str | None,
    *,
    details: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    return JSONResponse(
        error_body(code, message, request_id, details), status_code=status, headers=dict(headers or {})
    )


def response_for(exc: BaseException, request_id: str | None) -> Response:
    """The error response for any exception; unknown ones become a generic 500."""
    if isinstance(exc, ApiError):
        return error_response(
            exc.status_code, exc.code, exc.message, request_id, details=exc.details, headers=exc.headers
        )
    if isinstance(exc, ResumaxError):
        return _core_error_response(exc, request_id)
    if isinstance(exc, HTTPException):
        return _http_exception_response(exc, request_id)
    return error_response(500, "internal_error", GENERIC_MESSAGE, request_id)


def _core_error_response(exc: ResumaxError, request_id: str | None) -> Response:
    status = status_for(exc)
    headers: dict[str, str] = {}
    if isinstance(exc, RateLimited):
        headers["Retry-After"] = str(max(1, math.ceil(exc.retry_after)))
    elif isinstance(exc, Unauthorized):
        headers["WWW-Authenticate"] = 'Bearer realm="resumax"'
    elif isinstance(exc, Unavailable):
        headers["Retry-After"] = "5"
    if status >= 500 and not isinstance(exc, Unavailable):
        return error_response(status, "internal_error", GENERIC_MESSAGE, request_id)
    return error_response(status, exc.code, exc.message, request_id, details=exc.details, headers=headers)


def _http_exception_response(exc: HTTPException, request_id: str | None) -> Response:
    headers = dict(exc.headers or {})
    if exc.status_code == 404:
        return error_response(404, "not_found", "Not found.", request_id, headers=headers)
    if exc.status_code == 405:
        return error_response(
            405, "method_not_allowed", "This method is not allowed here.", request_id, headers=headers
        )
    if exc.status_code == 400:
        # Starlette raises this for malformed multipart bodies; its detail says what was wrong.
        return error_response(400, "malformed_request", str(exc.detail), request_id, headers=headers)
    if exc.status_code == 413:
        return error_response(
            413, "payload_too_large", "The request body is too large.", request_id, headers=headers
        )
    return error_response(500, "internal_error", GENERIC_MESSAGE, request_id)


def request_id_of(request: Request) -> str | None:
    value = getattr(request.state, "request_id", None)
    return value if isinstance(value, str) else None


async def handle_exception(request: Request, exc: Exception) -> Response:
    """Starlette exception handler for ApiError, ResumaxError and HTTPException."""
    return response_for(exc, request_id_of(request))
