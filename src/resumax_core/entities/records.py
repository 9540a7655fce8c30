"""The stored records of the spec's data model (§6). Frozen: change one with ``attrs.evolve``.

Every record but User belongs to exactly one user through ``user_id``; repositories never return a record
to anyone but its owner.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from attrs import field, fields, frozen

from resumax_core.entities.enums import (
    ExportFormat,
    OptimizationStatus,
    ParseStatus,
    Role,
    SourceType,
)


def _json_dict() -> dict[str, Any]:
    return {}


@frozen
class User:
    id: str
    email: str
    password_hash: str
    name: str
    created_at: datetime
    updated_at: datetime
    email_verified_at: datetime | None = None
    preferences: dict[str, Any] = field(factory=_json_dict)
    role: Role = Role.USER
    sessions_valid_after: datetime | None = None
    """Access tokens issued before this instant are refused (set by password change, reset, logout-all)."""


@frozen
class Resume:
    """An uploaded resume. ``parsed_sections`` holds the ParsedDocument as JSON once parsing completed."""

    id: str
    user_id: str
    title: str
    original_filename: str
    storage_key: str
    mime_type: str
    size_mb: float
    created_at: datetime
    updated_at: datetime
    parse_status: ParseStatus = ParseStatus.PENDING
    parsed_text: str | None = None
    parsed_sections: dict[str, Any] | None = None
    parse_error_code: str | None = None
    last_score: float | None = None
    deleted_at: datetime | None = None

    def summary(self) -> ResumeSummary:
        return ResumeSummary(**{name: getattr(self, name) for name in _SUMMARY_FIELDS})


@frozen
class ResumeSummary:
    """A resume as lists show it: everything but the stored file's key and the parsed document, which
    can weigh hundreds of kilobytes per resume and no list needs."""

    id: str
    user_id: str
    title: str
    original_filename: str
    mime_type: str
    size_mb: float
    created_at: datetime
    updated_at: datetime
    parse_status: ParseStatus
    parse_error_code: str | None
    last_score: float | None


_SUMMARY_FIELDS = tuple(summary_field.name for summary_field in fields(ResumeSummary))


@frozen
class JobDescription:
    """A job description; ``metadata`` holds the job analysis (skills, seniority, salary...) as JSON."""

    id: str
    user_id: str
    title: str
    source_type: SourceType
    sanitized_text: str
    created_at: datetime
    updated_at: datetime
    company: str | None = None
    location: str | None = None
    storage_key: str | None = None
    metadata: dict[str, Any] = field(factory=_json_dict)
    deleted_at: datetime | None = None


@frozen
class Optimization:
    """One run of tailoring a resume to a job (the spec's OptimizationRequest).

    ``result`` holds the scores and the suggested changes once generated, as JSON.
    """

    id: str
    user_id: str
    resume_id: str
    job_description_id: str
    created_at: datetime
    updated_at: datetime
    status: OptimizationStatus = OptimizationStatus.QUEUED
    strategy: str = "default"
    credits_spent: int = 0
    summary: str | None = None
    alignment_score: float | None = None
    result: dict[str, Any] | None = None
    error_code: str | None = None
    error_message: str | None = None
    attempts: int = 0
    idempotency_key: str | None = None
    completed_at: datetime | None = None


@frozen
class Version:
    """The resume as the user accepted it: which changes, the resulting sections, and the diff."""

    id: str
    optimization_id: str
    user_id: str
    accepted_changes: dict[str, Any]
    optimized_sections: dict[str, Any]
    diff: list[dict[str, Any]]
    created_at: datetime
    score: float | None = None
    output_storage_key: str | None = None
    tokens_used: int = 0
    cost_usd: float = 0.0


@frozen
class ExportArtifact:
    """A rendered file of a version; ``check`` records the round-trip readability check."""

    id: str
    version_id: str
    user_id: str
    format: ExportFormat
    storage_key: str
    created_at: datetime
    expires_at: datetime
    template: str = "classic"
    size_bytes: int = 0
    check: dict[str, Any] = field(factory=_json_dict)


@frozen
class CreditEntry:
    """One line of the credit ledger; ``balance_after`` is the running balance after this entry."""

    id: str
    user_id: str
    delta: int
    reason: str
    balance_after: int
    created_at: datetime
    stripe_event_id: str | None = None


@frozen
class RefreshToken:
    """One refresh token of a session family, stored only as a hash.

    A family is one login; each refresh rotates the token within the family. ``family_expires_at`` is the
    absolute end of the session, carried across rotations. A token used twice revokes its whole family.
    """

    id: str
    user_id: str
    family_id: str
    token_hash: str
    created_at: datetime
    expires_at: datetime
    family_expires_at: datetime
    used_at: datetime | None = None
    revoked_at: datetime | None = None


@frozen
class AuditEvent:
    """A security event (login, failure, reset, token reuse, deletion). Never holds a secret."""

    id: str
    event: str
    created_at: datetime
    user_id: str | None = None
    details: dict[str, Any] = field(factory=_json_dict)


@frozen
class IdempotencyRecord:
    """The first response to a request sent with an ``Idempotency-Key``, replayed for the same key."""

    user_id: str
    scope: str
    key: str
    request_hash: str
    status_code: int
    response: dict[str, Any]
    created_at: datetime
