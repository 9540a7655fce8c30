"""SQL repositories: one per record type, each scoped by the owner's ``user_id``.

The contracts are the Protocols' in ``resumax_core.ports.unit_of_work``; these implementations add only
how rows are found: ``list`` orders by ``created_at`` then ``id``, newest first, and soft-deleted resumes
and job descriptions are invisible to ``get``, ``list`` and ``update`` alike.

Refresh tokens change only through conditional UPDATEs whose row count says whether they applied: the
database's row lock (PostgreSQL) or write lock (SQLite) makes a concurrent second ``consume`` wait for the
first transaction and then find the token used.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable
from datetime import datetime
from typing import Any, ClassVar, Generic

import attrs
import sqlalchemy as sa

from resumax_adapters.sql import tables
from resumax_adapters.sql.executor import SqlExecutor
from resumax_adapters.sql.rows import Record, from_row, normalize_email, to_row
from resumax_core.entities import (
    AuditEvent,
    CreditEntry,
    ExportArtifact,
    IdempotencyRecord,
    JobDescription,
    Optimization,
    OptimizationStatus,
    RefreshToken,
    Resume,
    ResumeSummary,
    User,
    Version,
)
from resumax_core.errors import NotFound

_ACTIVE_STATUSES = [status.value for status in OptimizationStatus if not status.is_final]
_STALE_STATUSES = [
    OptimizationStatus.QUEUED.value,
    OptimizationStatus.PROCESSING.value,
    OptimizationStatus.GENERATING.value,
]


def _require_aware(value: datetime, name: str) -> None:
    if value.utcoffset() is None:
        raise ValueError(f"{name} is a naive datetime; use an aware one")


_STATEMENTS: dict[tuple[type[Any], str], sa.Select[Any]] = {}
"""Statements built once per repository class (``_OwnedRepository._prebuilt``)."""


def _newest_first(table: sa.Table) -> tuple[sa.UnaryExpression[Any], ...]:
    return (table.c.created_at.desc(), table.c.id.desc())


class _OwnedRepository(Generic[Record]):
    """Shared queries for records that belong to a user.

    The queries every request runs (get by id, list) are built once per class with ``bindparam``
    placeholders: building a statement costs more than running it on SQLite.
    """

    table: ClassVar[sa.Table]
    entity: ClassVar[type[Any]]
    noun: ClassVar[str]
    soft_deletes: ClassVar[bool] = False

    def __init__(self, executor: SqlExecutor) -> None:
        self._db = executor

    def _visible(self, user_id: str | sa.BindParameter[str]) -> list[sa.ColumnElement[bool]]:
        conditions = [self.table.c.user_id == user_id]
        if self.soft_deletes:
            conditions.append(self.table.c.deleted_at.is_(None))
        return conditions

    @classmethod
    def _prebuilt(cls, name: str, build: Callable[[], sa.Select[Any]]) -> sa.Select[Any]:
        key = (cls, name)
        if key not in _STATEMENTS:
            _STATEMENTS[key] = build()
        return _STATEMENTS[key]

    async def _insert(self, record: Record, conflict_message: str | None = None) -> None:
        message = conflict_message or f"This {self.noun} already exists or refers to a missing record."
        await self._db.write(sa.insert(self.table).values(to_row(record)), conflict_message=message)

    async def _get(self, user_id: str, record_id: str) -> Record | None:
        statement = self._prebuilt(
            "get",
            lambda: sa.select(self.table).where(
                self.table.c.id == sa.bindparam("record_id"), *self._visible(sa.bindparam("user_id"))
            ),
        )
        row = await self._db.fetch_one(statement, {"record_id": record_id, "user_id": user_id})
        return None if row is None else from_row(self.entity, row)

    async def _list(self, user_id: str, *conditions: sa.ColumnElement[bool]) -> builtins.list[Record]:
        if not conditions:
            statement = self._prebuilt(
                "list",
                lambda: (
                    sa.select(self.table)
                    .where(*self._visible(sa.bindparam("user_id")))
                    .order_by(*_newest_first(self.table))
                ),
            )
            rows = await self._db.fetch_all(statement, {"user_id": user_id})
        else:
            statement = (
                sa.select(self.table)
                .where(*self._visible(user_id), *conditions)
                .order_by(*_newest_first(self.table))
            )
            rows = await self._db.fetch_all(statement)
        return [from_row(self.entity, row) for row in rows]

    async def _update(self, record: Record, conflict_message: str | None = None) -> None:
        row = to_row(record)
        record_id, user_id = row.pop("id"), row.pop("user_id")
        statement = (
            sa.update(self.table).where(self.table.c.id == record_id, *self._visible(user_id)).values(row)
        )
        if await self._db.write(statement, conflict_message=conflict_message) == 0:
            raise NotFound(f"{self.noun.capitalize()} not found.")


_USER_BY_ID = sa.select(tables.users).where(tables.users.c.id == sa.bindparam("user_id"))
_RESUME_SUMMARY_COLUMNS = tuple(tables.resumes.c[field.name] for field in attrs.fields(ResumeSummary))


class SqlUserRepository:
    def __init__(self, executor: SqlExecutor) -> None:
        self._db = executor

    async def add(self, user: User) -> None:
        """Store a new user; Conflict if the id or the email (case-insensitive) is taken."""
        await self._db.write(
            sa.insert(tables.users).values(to_row(user)),
            conflict_message="An account with this email already exists.",
        )

    async def get(self, user_id: str) -> User | None:
        row = await self._db.fetch_one(_USER_BY_ID, {"user_id": user_id})
        return None if row is None else from_row(User, row)

    async def get_by_email(self, email: str) -> User | None:
        statement = sa.select(tables.users).where(tables.users.c.email_normalized == normalize_email(email))
        row = await self._db.fetch_one(statement)
        return None if row is None else from_row(User, row)

    async def update(self, user: User) -> None:
        """Replace the stored user; NotFound if absent, Conflict if the new email is taken."""
        row = to_row(user)
        user_id = row.pop("id")
        statement = sa.update(tables.users).where(tables.users.c.id == user_id).values(row)
        touched = await self._db.write(
            statement, conflict_message="An account with this email already exists."
        )
        if touched == 0:
            raise NotFound("User not found.")

    async def delete(self, user_id: str) -> None:
        """Delete the user and everything they own, children first; no-op if absent. Their audit events
        stay, still carrying the user's id.

        Explicit deletes rather than relying on ON DELETE CASCADE alone, so the outcome does not depend
        on a connection having SQLite's foreign-key enforcement switched on.
        """
        for table in (
            tables.refresh_tokens,
            tables.idempotency_records,
            tables.export_artifacts,
            tables.optimization_versions,
            tables.credit_ledger,
            tables.optimizations,
            tables.job_descriptions,
            tables.resumes,
        ):
            await self._db.write(sa.delete(table).where(table.c.user_id == user_id))
        await self._db.write(sa.delete(tables.users).where(tables.users.c.id == user_id))


class SqlResumeRepository(_OwnedRepository[Resume]):
    table = tables.resumes
    entity = Resume
    noun = "resume"
    soft_deletes = True

    async def add(self, resume: Resume) -> None:
        await self._insert(resume)

    async def get(self, user_id: str, resume_id: str) -> Resume | None:
        return await self._get(user_id, resume_id)

    async def list(self, user_id: str) -> builtins.list[ResumeSummary]:
        statement = self._prebuilt(
            "summaries",
            lambda: (
                sa.select(*_RESUME_SUMMARY_COLUMNS)
                .where(*self._visible(sa.bindparam("user_id")))
                .order_by(*_newest_first(self.table))
            ),
        )
        rows = await self._db.fetch_all(statement, {"user_id": user_id})
        return [from_row(ResumeSummary, row) for row in rows]

    async def update(self, resume: Resume) -> None:
        await self._update(resume)


class SqlJobDescriptionRepository(_OwnedRepository[JobDescription]):
    table = tables.job_descriptions
    entity = JobDescription
    noun = "job description"
    soft_deletes = True

    async def add(self, job: JobDescription) -> None:
        await self._insert(job)

    async def get(self, user_id: str, job_id: str) -> JobDescription | None:
        return await self._get(user_id, job_id)

    async def list(self, user_id: str) -> builtins.list[JobDescription]:
        return await self._list(user_id)

    async def update(self, job: JobDescription) -> None:
        await self._update(job)


class SqlOptimizationRepository(_OwnedRepository[Optimization]):
    table = tables.optimizations
    entity = Optimization
    noun = "optimization"
    _key_taken = "An optimization with this idempotency key already exists."

    async def add(self, optimization: Optimization) -> None:
        await self._insert(optimization, self._key_taken)

    async def get(self, user_id: str, optimization_id: str) -> Optimization | None:
        return await self._get(user_id, optimization_id)

    async def get_by_idempotency_key(self, user_id: str, key: str) -> Optimization | None:
        statement = sa.select(self.table).where(self.table.c.idempotency_key == key, *self._visible(user_id))
        row = await self._db.fetch_one(statement)
        return None if row is None else from_row(Optimization, row)

    async def list(self, user_id: str) -> builtins.list[Optimization]:
        return await self._list(user_id)

    async def update(self, optimization: Optimization) -> None:
        await self._update(optimization, self._key_taken)

    async def count_active(self, user_id: str) -> int:
        statement = (
            sa.select(sa.func.count())
            .select_from(self.table)
            .where(*self._visible(user_id), self.table.c.status.in_(_ACTIVE_STATUSES))
        )
        return int(await self._db.scalar(statement))

    async def list_stale(self, updated_before: datetime, limit: int = 100) -> builtins.list[Optimization]:
        """Queued, processing or generating optimizations of any user untouched since ``updated_before``,
        oldest first."""
        _require_aware(updated_before, "updated_before")
        statement = (
            sa.select(self.table)
            .where(self.table.c.status.in_(_STALE_STATUSES), self.table.c.updated_at < updated_before)
            .order_by(self.table.c.updated_at, self.table.c.id)
            .limit(limit)
        )
        return [from_row(Optimization, row) for row in await self._db.fetch_all(statement)]


class SqlVersionRepository(_OwnedRepository[Version]):
    table = tables.optimization_versions
    entity = Version
    noun = "version"

    async def add(self, version: Version) -> None:
        await self._insert(version)

    async def get(self, user_id: str, version_id: str) -> Version | None:
        return await self._get(user_id, version_id)

    async def list(self, user_id: str, optimization_id: str | None = None) -> builtins.list[Version]:
        if optimization_id is None:
            return await self._list(user_id)
        return await self._list(user_id, self.table.c.optimization_id == optimization_id)


class SqlExportRepository(_OwnedRepository[ExportArtifact]):
    table = tables.export_artifacts
    entity = ExportArtifact
    noun = "export"

    async def add(self, artifact: ExportArtifact) -> None:
        await self._insert(artifact)

    async def get(self, user_id: str, artifact_id: str) -> ExportArtifact | None:
        return await self._get(user_id, artifact_id)

    async def list(self, user_id: str, version_id: str) -> builtins.list[ExportArtifact]:
        return await self._list(user_id, self.table.c.version_id == version_id)


class SqlCreditRepository(_OwnedRepository[CreditEntry]):
    table = tables.credit_ledger
    entity = CreditEntry
    noun = "credit entry"

    async def add(self, entry: CreditEntry) -> None:
        """Append to the ledger; Conflict if the Stripe event was already recorded."""
        await self._insert(entry, "This credit entry or Stripe event is already recorded.")

    async def balance(self, user_id: str) -> int:
        """The sum of the user's deltas; 0 without entries."""
        statement = sa.select(sa.func.coalesce(sa.func.sum(self.table.c.delta), 0)).where(
            *self._visible(user_id)
        )
        return int(await self._db.scalar(statement))

    async def list(self, user_id: str) -> builtins.list[CreditEntry]:
        return await self._list(user_id)


class SqlRefreshTokenRepository:
    """Refresh tokens, found by the hash of the token (the token itself is the credential)."""

    def __init__(self, executor: SqlExecutor) -> None:
        self._db = executor

    async def add(self, token: RefreshToken) -> None:
        """Store a new token; Conflict if its id or hash is taken or its user does not exist."""
        await self._db.write(
            sa.insert(tables.refresh_tokens).values(to_row(token)),
            conflict_message="This refresh token already exists or refers to a missing user.",
        )

    async def get_by_hash(self, token_hash: str) -> RefreshToken | None:
        statement = sa.select(tables.refresh_tokens).where(tables.refresh_tokens.c.token_hash == token_hash)
        row = await self._db.fetch_one(statement)
        return None if row is None else from_row(RefreshToken, row)

    async def consume(self, token_hash: str, now: datetime) -> RefreshToken | None:
        """Mark the token used if it is unused, unrevoked and unexpired (both expiries), and return it."""
        _require_aware(now, "now")
        table = tables.refresh_tokens
        statement = (
            sa.update(table)
            .where(
                table.c.token_hash == token_hash,
                table.c.used_at.is_(None),
                table.c.revoked_at.is_(None),
                table.c.expires_at > now,
                table.c.family_expires_at > now,
            )
            .values(used_at=now)
        )
        if await self._db.write(statement) != 1:
            return None
        return await self.get_by_hash(token_hash)

    async def revoke_family(self, user_id: str, family_id: str, now: datetime) -> int:
        """Revoke the family's tokens not yet revoked (used ones too); return how many."""
        table = tables.refresh_tokens
        return await self._revoke(now, table.c.user_id == user_id, table.c.family_id == family_id)

    async def revoke_all(self, user_id: str, now: datetime, *, except_family: str | None = None) -> int:
        """Revoke the user's tokens not yet revoked, but those of ``except_family``; return how many."""
        table = tables.refresh_tokens
        conditions = [table.c.user_id == user_id]
        if except_family is not None:
            conditions.append(table.c.family_id != except_family)
        return await self._revoke(now, *conditions)

    async def _revoke(self, now: datetime, *conditions: sa.ColumnElement[bool]) -> int:
        _require_aware(now, "now")
        table = tables.refresh_tokens
        statement = sa.update(table).where(*conditions, table.c.revoked_at.is_(None)).values(revoked_at=now)
        return await self._db.write(statement)


class SqlAuditLogRepository:
    """Security events. ``user_id`` is no foreign key: the events of a deleted account stay."""

    def __init__(self, executor: SqlExecutor) -> None:
        self._db = executor

    async def add(self, event: AuditEvent) -> None:
        await self._db.write(
            sa.insert(tables.audit_log).values(to_row(event)),
            conflict_message="This audit event is already recorded.",
        )

    async def list(self, user_id: str, limit: int = 100) -> builtins.list[AuditEvent]:
        table = tables.audit_log
        statement = (
            sa.select(table)
            .where(table.c.user_id == user_id)
            .order_by(table.c.created_at.desc(), table.c.id.desc())
            .limit(limit)
        )
        return [from_row(AuditEvent, row) for row in await self._db.fetch_all(statement)]


class SqlIdempotencyRepository:
    """First responses to requests sent with an ``Idempotency-Key``, one per (user, scope, key)."""

    def __init__(self, executor: SqlExecutor) -> None:
        self._db = executor

    async def get(self, user_id: str, scope: str, key: str) -> IdempotencyRecord | None:
        table = tables.idempotency_records
        statement = sa.select(table).where(
            table.c.user_id == user_id, table.c.scope == scope, table.c.key == key
        )
        row = await self._db.fetch_one(statement)
        return None if row is None else from_row(IdempotencyRecord, row)

    async def add(self, record: IdempotencyRecord) -> None:
        """Store the first response; Conflict if the key is taken or the user does not exist."""
        await self._db.write(
            sa.insert(tables.idempotency_records).values(to_row(record)),
            conflict_message="A request with this idempotency key was already recorded.",
        )


__all__ = [
    "SqlAuditLogRepository",
    "SqlCreditRepository",
    "SqlExportRepository",
    "SqlIdempotencyRepository",
    "SqlJobDescriptionRepository",
    "SqlOptimizationRepository",
    "SqlRefreshTokenRepository",
    "SqlResumeRepository",
    "SqlUserRepository",
    "SqlVersionRepository",
]
