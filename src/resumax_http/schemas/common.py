"""Base classes of the API's pydantic models, and the shapes every route shares.

Request models accept camelCase names only and refuse unknown fields (so a client cannot set ``userId``,
``role``, ``emailVerified``, ``credits`` or ``status``: mass assignment is a 422), and refuse NUL and
unpaired surrogate characters anywhere in a string. Response models are built from core records by
field name and always serialise camelCase; they list exactly what a client may see, so a hash, a
storage key or an internal counter can never leak by being added to a record.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic.alias_generators import to_camel

MAX_ID_LENGTH = 64
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$"


def _clean(value: Any) -> bool:
    """True when no string inside ``value`` holds a NUL or an unpaired surrogate."""
    if isinstance(value, str):
        if "\x00" in value:
            return False
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return True
    if isinstance(value, dict):
        return all(_clean(k) and _clean(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return all(_clean(item) for item in value)
    if isinstance(value, BaseModel):
        return all(_clean(getattr(value, name)) for name in type(value).model_fields)
    return True


class RequestModel(BaseModel):
    """A request body or query: camelCase only, no unknown fields, no NUL or lone surrogates."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        validate_by_alias=True,
        validate_by_name=False,
        extra="forbid",
        frozen=True,
    )

    @field_validator("*", mode="after")
    @classmethod
    def _no_hidden_characters(cls, value: Any) -> Any:
        if not _clean(value):
            raise ValueError("must not contain NUL or unpaired surrogate characters")
        return value


class QueryModel(RequestModel):
    """Query-string parameters: unknown ones are ignored (proxies and caches add their own)."""

    model_config = ConfigDict(extra="ignore")


class ResponseModel(BaseModel):
    """A response body: built by field name, serialised camelCase."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
        extra="forbid",
    )


class ErrorOut(ResponseModel):
    """Every error: a stable code, a message for people, optional details, and the request id."""

    code: str = Field(description="Stable machine-readable code, e.g. not_found or rate_limited.")
    message: str
    details: dict[str, Any] | None = Field(
        default=None, description="Structured context, e.g. {field: 'email'}; absent when empty."
    )
    request_id: str = Field(description="The X-Request-ID of this request, for support.")


class StatusOut(ResponseModel):
    status: str


class HealthOut(ResponseModel):
    status: str
    checks: dict[str, str] = Field(default_factory=dict)


class MetaOut(ResponseModel):
    """What the server tells anyone about itself, so clients can check files and explain email."""

    mail_mode: str
    outbox_dir: str | None = None
    max_upload_bytes: int
    templates: list[str]
    default_template: str
