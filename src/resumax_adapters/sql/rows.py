"""Mapping between table rows and the frozen entities of the core."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from enum import Enum
from typing import Any, TypeVar

import attrs

from resumax_core.entities import (
    AuditEvent,
    CreditEntry,
    ExportArtifact,
    ExportFormat,
    IdempotencyRecord,
    JobDescription,
    Optimization,
    OptimizationStatus,
    ParseStatus,
    RefreshToken,
    Resume,
    ResumeSummary,
    Role,
    SourceType,
    User,
    Version,
)

Record = TypeVar(
    "Record",
    User,
    Resume,
    ResumeSummary,
    JobDescription,
    Optimization,
    Version,
    ExportArtifact,
    CreditEntry,
    RefreshToken,
    AuditEvent,
    IdempotencyRecord,
)

_ENUM_FIELDS: dict[type[Any], dict[str, type[Enum]]] = {
    User: {"role": Role},
    Resume: {"parse_status": ParseStatus},
    ResumeSummary: {"parse_status": ParseStatus},
    JobDescription: {"source_type": SourceType},
    Optimization: {"status": OptimizationStatus},
    ExportArtifact: {"format": ExportFormat},
}


def normalize_email(email: str) -> str:
    """The form under which emails are compared: two emails differing only in case are the same."""
    return email.casefold()


def to_row(record: Any) -> dict[str, Any]:
    """Column values for ``record``: enums as their values; raises ValueError on a naive datetime."""
    row: dict[str, Any] = {}
    for name, value in attrs.asdict(record, recurse=False).items():
        if isinstance(value, datetime) and value.utcoffset() is None:
            raise ValueError(f"{type(record).__name__}.{name} is a naive datetime; use an aware one")
        row[name] = value.value if isinstance(value, Enum) else value
    if isinstance(record, User):
        row["email_normalized"] = normalize_email(record.email)
    return row


def from_row(entity: type[Record], row: Mapping[Any, Any]) -> Record:
    """The entity stored in ``row`` (extra columns such as ``email_normalized`` are ignored)."""
    enums = _ENUM_FIELDS.get(entity, {})
    values: dict[str, Any] = {
        field.name: enums[field.name](row[field.name]) if field.name in enums else row[field.name]
        for field in attrs.fields(entity)
    }
    return entity(**values)
