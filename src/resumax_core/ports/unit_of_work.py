"""Persistence: a unit of work with one repository per record type.

Contract for every adapter:
- ``async with uow:`` opens a transaction; leaving the block without ``await uow.commit()`` rolls back, so
  a use case that fails half-way leaves the store as it was.
- Every read and write of a user-owned record takes the owner's ``user_id``; a record of another user is
  invisible (``get`` returns None, ``update``/``delete`` raise NotFound). Tenancy is enforced here, not in
  each route.
- Soft-deleted resumes and job descriptions are invisible to ``get`` and ``list``.
- ``list`` returns newest first.
- Failures of the store surface as ``DatabaseUnavailable``; a uniqueness clash (e.g. a second user with the
  same email, or a second optimization with the same idempotency key) surfaces as ``Conflict``.
"""

from __future__ import annotations

import builtins
from datetime import datetime
from types import TracebackType
from typing import Protocol, Self

from resumax_core.entities import (
    AuditEvent,
    CreditEntry,
    ExportArtifact,
    IdempotencyRecord,
    JobDescription,
    Optimization,
    RefreshToken,
    Resume,
    ResumeSummary,
    User,
    Version,
)


class UserRepository(Protocol):
    async def add(self, user: User) -> None:
        """Store a new user; raise Conflict if the email (case-insensitive) is taken."""

    async def get(self, user_id: str) -> User | None: ...

    async def get_by_email(self, email: str) -> User | None:
        """Look a user up by email, case-insensitively."""

    async def update(self, user: User) -> None:
        """Replace the stored user with this one; raise NotFound if it does not exist."""

    async def delete(self, user_id: str) -> None:
        """Delete the user and every record they own (their audit events are kept); no-op if absent."""


class ResumeRepository(Protocol):
    async def add(self, resume: Resume) -> None: ...

    async def get(self, user_id: str, resume_id: str) -> Resume | None: ...

    async def list(self, user_id: str) -> list[ResumeSummary]:
        """The user's resumes without their parsed documents, newest first."""

    async def update(self, resume: Resume) -> None:
        """Replace the stored resume (matched by id and ``resume.user_id``); NotFound otherwise."""


class JobDescriptionRepository(Protocol):
    async def add(self, job: JobDescription) -> None: ...

    async def get(self, user_id: str, job_id: str) -> JobDescription | None: ...

    async def list(self, user_id: str) -> list[JobDescription]: ...

    async def update(self, job: JobDescription) -> None: ...


class OptimizationRepository(Protocol):
    async def add(self, optimization: Optimization) -> None:
        """Store a new optimization; raise Conflict if (user_id, idempotency_key) is already used."""

    async def get(self, user_id: str, optimization_id: str) -> Optimization | None: ...

    async def get_by_idempotency_key(self, user_id: str, key: str) -> Optimization | None: ...

    async def list(self, user_id: str) -> list[Optimization]: ...

    async def update(self, optimization: Optimization) -> None: ...

    async def count_active(self, user_id: str) -> int:
        """How many of the user's optimizations are not yet completed or failed."""

    async def list_stale(self, updated_before: datetime, limit: int = 100) -> builtins.list[Optimization]:
        """Unfinished optimizations (queued, processing, generating) of any user, idle since a cutoff.

        Used only by the reconciler, which re-enqueues them; it is the one cross-tenant read.
        """


class VersionRepository(Protocol):
    async def add(self, version: Version) -> None: ...

    async def get(self, user_id: str, version_id: str) -> Version | None: ...

    async def list(self, user_id: str, optimization_id: str | None = None) -> list[Version]: ...


class ExportRepository(Protocol):
    async def add(self, artifact: ExportArtifact) -> None: ...

    async def get(self, user_id: str, artifact_id: str) -> ExportArtifact | None: ...

    async def list(self, user_id: str, version_id: str) -> list[ExportArtifact]: ...


class CreditRepository(Protocol):
    async def add(self, entry: CreditEntry) -> None: ...

    async def balance(self, user_id: str) -> int: ...

    async def list(self, user_id: str) -> list[CreditEntry]: ...


class RefreshTokenRepository(Protocol):
    async def add(self, token: RefreshToken) -> None: ...

    async def get_by_hash(self, token_hash: str) -> RefreshToken | None:
        """The token with this hash, used, revoked or not (reuse detection needs to see used ones)."""

    async def consume(self, token_hash: str, now: datetime) -> RefreshToken | None:
        """Atomically mark an unused, unrevoked, unexpired token as used and return it; None when it is
        not usable. Of two concurrent calls for the same token at most one gets it."""

    async def revoke_family(self, user_id: str, family_id: str, now: datetime) -> int: ...

    async def revoke_all(self, user_id: str, now: datetime, *, except_family: str | None = None) -> int:
        """Revoke every session of the user (but ``except_family``); return how many tokens."""


class AuditLogRepository(Protocol):
    async def add(self, event: AuditEvent) -> None: ...

    async def list(self, user_id: str, limit: int = 100) -> builtins.list[AuditEvent]:
        """The user's events, newest first."""


class IdempotencyRepository(Protocol):
    async def get(self, user_id: str, scope: str, key: str) -> IdempotencyRecord | None: ...

    async def add(self, record: IdempotencyRecord) -> None:
        """Store the first response; Conflict if (user_id, scope, key) exists."""


class UnitOfWork(Protocol):
    """One transaction over all repositories. Rolls back unless ``commit`` was awaited."""

    users: UserRepository
    resumes: ResumeRepository
    job_descriptions: JobDescriptionRepository
    optimizations: OptimizationRepository
    versions: VersionRepository
    exports: ExportRepository
    credits: CreditRepository
    refresh_tokens: RefreshTokenRepository
    audit_log: AuditLogRepository
    idempotency: IdempotencyRepository

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self) -> UnitOfWork:
        """A fresh unit of work; each ``async with`` block is one transaction."""
