"""An in-memory unit of work with the same observable behaviour as the SQL one.

Used by tests and by ``RESUMAX_DATABASE_URL=memory://``. The contract suite in
``tests/contract/test_unit_of_work.py`` holds it to the SQL adapter's behaviour: what is committed, what
is rolled back, which clashes are a Conflict, which records are invisible to whom, and how JSON and
datetimes come back (JSON through a serialisation round trip, datetimes in UTC).

A unit of work reads a snapshot taken when its block began, except for refresh tokens and idempotency
records, which it reads as a read-committed database does (its own writes, else the last commit). Token
``consume`` and revocations, and ``idempotency.add``, lock the row they touch until the transaction ends,
as PostgreSQL's row locks do: a second ``consume`` of a token, or a second insert of an idempotency key,
waits for the first transaction, then finds the token used or the key taken (or, if that transaction
rolled back, goes ahead); a revocation racing a ``consume`` is never lost.
"""

from __future__ import annotations

import asyncio
import builtins
import json
import threading
import time
from collections.abc import Callable, Hashable, Iterable, Iterator
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, ClassVar, Generic, Self, TypeVar, cast

import attrs

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
from resumax_core.errors import Conflict, DatabaseUnavailable, NotFound
from resumax_core.ports.unit_of_work import (
    AuditLogRepository,
    CreditRepository,
    ExportRepository,
    IdempotencyRepository,
    JobDescriptionRepository,
    OptimizationRepository,
    RefreshTokenRepository,
    ResumeRepository,
    UserRepository,
    VersionRepository,
)

Record = TypeVar(
    "Record",
    User,
    Resume,
    JobDescription,
    Optimization,
    Version,
    ExportArtifact,
    CreditEntry,
    RefreshToken,
    AuditEvent,
    IdempotencyRecord,
)
Owned = TypeVar("Owned", Resume, JobDescription, Optimization, Version, ExportArtifact, CreditEntry)
Tables = dict[str, dict[Hashable, Any]]

# (child table, column) → parent table: what a foreign key would check and cascade in SQL.
_REFERENCES: dict[tuple[str, str], str] = {
    ("resumes", "user_id"): "users",
    ("job_descriptions", "user_id"): "users",
    ("optimizations", "user_id"): "users",
    ("optimizations", "resume_id"): "resumes",
    ("optimizations", "job_description_id"): "job_descriptions",
    ("versions", "user_id"): "users",
    ("versions", "optimization_id"): "optimizations",
    ("exports", "user_id"): "users",
    ("exports", "version_id"): "versions",
    ("credits", "user_id"): "users",
    ("refresh_tokens", "user_id"): "users",
    ("idempotency", "user_id"): "users",
}
TABLE_NAMES = (
    "users",
    "resumes",
    "job_descriptions",
    "optimizations",
    "versions",
    "exports",
    "credits",
    "refresh_tokens",
    "audit_log",
    "idempotency",
)
_STALE_STATUSES = (OptimizationStatus.QUEUED, OptimizationStatus.PROCESSING, OptimizationStatus.GENERATING)
ROW_LOCK_TIMEOUT_S = 5.0
"""How long a write waits for another transaction's row lock before DatabaseUnavailable (SQLite's busy
timeout in the SQL adapter)."""
_ROW_LOCK_POLL_S = 0.002


def normalize_email(email: str) -> str:
    """The form under which emails are compared (as in the SQL adapter)."""
    return email.casefold()


def _empty_tables() -> Tables:
    return {name: {} for name in TABLE_NAMES}


@attrs.define
class InMemoryStore:
    """The committed state: one dict per table, mapping id → record, and the row locks the open
    transactions hold. Share one store between factories (or units of work) that must see each other's
    commits."""

    tables: Tables = attrs.field(factory=_empty_tables)
    row_locks: dict[tuple[str, Hashable], _Transaction] = attrs.field(factory=dict, eq=False, repr=False)
    mutex: threading.Lock = attrs.field(factory=threading.Lock, eq=False, repr=False)


def _stored(record: Record) -> Record:
    """A private copy of ``record`` as a database would give it back: JSON values through a JSON round
    trip, datetimes in UTC. Raises ValueError on a naive datetime, as the SQL adapter does."""
    changes: dict[str, Any] = {}
    for name, value in attrs.asdict(record, recurse=False).items():
        if isinstance(value, dict | list):
            changes[name] = json.loads(json.dumps(value))
        elif isinstance(value, datetime):
            if value.utcoffset() is None:
                raise ValueError(f"{type(record).__name__}.{name} is a naive datetime; use an aware one")
            changes[name] = value.astimezone(UTC)
    return attrs.evolve(record, **changes)


def _require_aware(value: datetime, name: str) -> None:
    if value.utcoffset() is None:
        raise ValueError(f"{name} is a naive datetime; use an aware one")


def _row_id(table: str, record: Any) -> Hashable:
    """The primary key of ``record`` in ``table``: its id, or (user_id, scope, key) for idempotency."""
    if table == "idempotency":
        return (record.user_id, record.scope, record.key)
    return cast(Hashable, record.id)


def _unique_keys(table: str, record: Any) -> Iterator[tuple[str, Any]]:
    yield "id", _row_id(table, record)
    if table == "users":
        yield "email", normalize_email(record.email)
    elif table == "optimizations" and record.idempotency_key is not None:
        yield "idempotency_key", (record.user_id, record.idempotency_key)
    elif table == "credits" and record.stripe_event_id is not None:
        yield "stripe_event_id", record.stripe_event_id
    elif table == "refresh_tokens":
        yield "token_hash", record.token_hash


def _check_unique(tables: Tables, table: str, record: Any, message: str) -> None:
    """Conflict if another record of ``table`` shares an identity or a unique key with ``record``."""
    keys = dict(_unique_keys(table, record))
    for row_id, other in tables[table].items():
        if row_id == keys["id"]:
            continue
        if any(keys.get(name) == value for name, value in _unique_keys(table, other)):
            raise Conflict(message)


def _check_references(tables: Tables, table: str, record: Any, message: str) -> None:
    for (child, column), parent in _REFERENCES.items():
        if child == table and getattr(record, column) not in tables[parent]:
            raise Conflict(message)


def _delete_cascading(tables: Tables, table: str, ids: Iterable[Hashable]) -> None:
    doomed = {record_id for record_id in ids if record_id in tables[table]}
    if not doomed:
        return
    for record_id in doomed:
        del tables[table][record_id]
    for (child, column), parent in _REFERENCES.items():
        if parent == table:
            orphans = [i for i, r in tables[child].items() if getattr(r, column) in doomed]
            _delete_cascading(tables, child, orphans)


class _Transaction:
    """The working copy of an open unit of work, shared by its repositories."""

    def __init__(self, store: InMemoryStore) -> None:
        self._store = store
        self._base: Tables | None = None
        self._work: Tables | None = None
        self._locked: set[tuple[str, Hashable]] = set()

    @property
    def active(self) -> bool:
        return self._work is not None

    @property
    def tables(self) -> Tables:
        if self._work is None:
            raise RuntimeError("use the repositories inside 'async with uow:'")
        return self._work

    def begin(self) -> None:
        self._release_row_locks()
        self._base = {name: dict(rows) for name, rows in self._store.tables.items()}
        self._work = {name: dict(rows) for name, rows in self._store.tables.items()}

    def restart(self) -> None:
        """Drop the working copy's changes and take a fresh snapshot; RuntimeError outside a block."""
        if not self.active:
            raise RuntimeError("use the unit of work inside 'async with uow:'")
        self.begin()

    def end(self) -> None:
        self._release_row_locks()
        self._base = self._work = None

    def commit(self) -> None:
        """Apply what changed since ``begin`` onto the store, re-checking the constraints against what
        other units of work committed meanwhile; Conflict (and nothing applied) if they no longer hold."""
        base, work = self._base, self.tables
        if base is None:
            raise RuntimeError("use the unit of work inside 'async with uow:'")
        with self._store.mutex:
            merged = {name: dict(rows) for name, rows in self._store.tables.items()}
            for name in TABLE_NAMES:
                _delete_cascading(merged, name, [i for i in base[name] if i not in work[name]])
            changed = [
                (name, record_id, record)
                for name in TABLE_NAMES
                for record_id, record in work[name].items()
                if base[name].get(record_id) is not record
            ]
            for name, record_id, record in changed:
                if record_id not in base[name] and record_id in self._store.tables[name]:
                    raise Conflict("The change conflicts with one committed meanwhile.")
                merged[name][record_id] = record
            for name, _, record in changed:
                _check_unique(merged, name, record, "The change conflicts with one committed meanwhile.")
                _check_references(merged, name, record, "The change refers to a record deleted meanwhile.")
            self._store.tables = merged
        self.begin()

    # Read-committed reads and row locks, for the repositories that need a database's concurrency rules.

    def latest(self, table: str, row_id: Hashable) -> Any | None:
        """The row as a read-committed database shows it: as this transaction left it if it wrote (or
        deleted) it, else as last committed."""
        if self._changed(table, row_id):
            return self.tables[table].get(row_id)
        return self._store.tables[table].get(row_id)

    def latest_rows(self, table: str) -> builtins.list[Any]:
        """Every row of ``table`` as ``latest`` shows it."""
        rows = (self.latest(table, row_id) for row_id in {*self.tables[table], *self._store.tables[table]})
        return [row for row in rows if row is not None]

    async def update_row(
        self, table: str, row_id: Hashable, change: Callable[[Any], Any | None]
    ) -> Any | None:
        """One row's conditional UPDATE: wait for the row's lock, re-read the row, and store ``change(row)``
        unless that is None (the row no longer qualifies; its lock is let go). Returns what was stored."""
        await self._lock_row(table, row_id)
        current = self.latest(table, row_id)
        updated = None if current is None else change(current)
        if updated is None:
            self._unlock_row_if_unchanged(table, row_id)
            return None
        stored = _stored(updated)
        self.tables[table][row_id] = stored
        return stored

    async def insert_row(self, table: str, record: Any, conflict_message: str) -> None:
        """An INSERT under a primary key: wait for the key's lock (held by a transaction that inserted the
        same key), then Conflict if the key is taken, as last committed or by this transaction."""
        row_id = _row_id(table, record)
        await self._lock_row(table, row_id)
        try:
            if self.latest(table, row_id) is not None:
                raise Conflict(conflict_message)
            _check_references(self.tables, table, record, conflict_message)
        except Conflict:
            self._unlock_row_if_unchanged(table, row_id)
            raise
        self.tables[table][row_id] = record

    def _changed(self, table: str, row_id: Hashable) -> bool:
        if self._base is None:
            raise RuntimeError("use the repositories inside 'async with uow:'")
        return self.tables[table].get(row_id) is not self._base[table].get(row_id)

    async def _lock_row(self, table: str, row_id: Hashable) -> None:
        """Hold the row's lock until this transaction ends, once no other open transaction holds it;
        DatabaseUnavailable after ``ROW_LOCK_TIMEOUT_S``."""
        key = (table, row_id)
        deadline = time.monotonic() + ROW_LOCK_TIMEOUT_S
        while True:
            with self._store.mutex:
                holder = self._store.row_locks.setdefault(key, self)
            if holder is self:
                self._locked.add(key)
                return
            if time.monotonic() >= deadline:
                raise DatabaseUnavailable()
            await asyncio.sleep(_ROW_LOCK_POLL_S)

    def _unlock_row_if_unchanged(self, table: str, row_id: Hashable) -> None:
        key = (table, row_id)
        if key in self._locked and not self._changed(table, row_id):
            with self._store.mutex:
                del self._store.row_locks[key]
            self._locked.discard(key)

    def _release_row_locks(self) -> None:
        if not self._locked:
            return
        with self._store.mutex:
            for key in self._locked:
                del self._store.row_locks[key]
        self._locked.clear()


class _Repository(Generic[Record]):
    table: ClassVar[str]
    noun: ClassVar[str]
    conflict_message: ClassVar[str] = "This record already exists or refers to a missing record."

    def __init__(self, transaction: _Transaction) -> None:
        self._tx = transaction

    @property
    def _rows(self) -> dict[Hashable, Record]:
        return cast(dict[Hashable, Record], self._tx.tables[self.table])

    def _add(self, record: Record) -> None:
        stored = _stored(record)
        tables = self._tx.tables
        row_id = _row_id(self.table, stored)
        if row_id in tables[self.table]:
            raise Conflict(self.conflict_message)
        _check_unique(tables, self.table, stored, self.conflict_message)
        _check_references(tables, self.table, stored, self.conflict_message)
        tables[self.table][row_id] = stored


class _OwnedRepository(_Repository[Owned]):
    soft_deletes: ClassVar[bool] = False

    def _visible(self, user_id: str, record: Owned) -> bool:
        deleted = self.soft_deletes and getattr(record, "deleted_at", None) is not None
        return record.user_id == user_id and not deleted

    def _get(self, user_id: str, record_id: str) -> Owned | None:
        record = self._rows.get(record_id)
        return _stored(record) if record is not None and self._visible(user_id, record) else None

    def _list(self, user_id: str, keep: Callable[[Owned], bool] = lambda _: True) -> builtins.list[Owned]:
        found = [r for r in self._rows.values() if self._visible(user_id, r) and keep(r)]
        found.sort(key=lambda r: (r.created_at, r.id), reverse=True)
        return [_stored(r) for r in found]

    def _update(self, record: Owned) -> None:
        current = self._rows.get(record.id)
        if current is None or not self._visible(record.user_id, current):
            raise NotFound(f"{self.noun.capitalize()} not found.")
        stored = _stored(record)
        _check_unique(self._tx.tables, self.table, stored, self.conflict_message)
        _check_references(self._tx.tables, self.table, stored, self.conflict_message)
        self._rows[stored.id] = stored


class InMemoryUserRepository(_Repository[User]):
    table = "users"
    noun = "user"
    conflict_message = "An account with this email already exists."

    async def add(self, user: User) -> None:
        self._add(user)

    async def get(self, user_id: str) -> User | None:
        user = self._rows.get(user_id)
        return None if user is None else _stored(user)

    async def get_by_email(self, email: str) -> User | None:
        wanted = normalize_email(email)
        for user in self._rows.values():
            if normalize_email(user.email) == wanted:
                return _stored(user)
        return None

    async def update(self, user: User) -> None:
        if user.id not in self._rows:
            raise NotFound("User not found.")
        stored = _stored(user)
        _check_unique(self._tx.tables, self.table, stored, self.conflict_message)
        self._rows[user.id] = stored

    async def delete(self, user_id: str) -> None:
        _delete_cascading(self._tx.tables, self.table, [user_id])


class InMemoryResumeRepository(_OwnedRepository[Resume]):
    table = "resumes"
    noun = "resume"
    soft_deletes = True

    async def add(self, resume: Resume) -> None:
        self._add(resume)

    async def get(self, user_id: str, resume_id: str) -> Resume | None:
        return self._get(user_id, resume_id)

    async def list(self, user_id: str) -> builtins.list[ResumeSummary]:
        return [resume.summary() for resume in self._list(user_id)]

    async def update(self, resume: Resume) -> None:
        self._update(resume)


class InMemoryJobDescriptionRepository(_OwnedRepository[JobDescription]):
    table = "job_descriptions"
    noun = "job description"
    soft_deletes = True

    async def add(self, job: JobDescription) -> None:
        self._add(job)

    async def get(self, user_id: str, job_id: str) -> JobDescription | None:
        return self._get(user_id, job_id)

    async def list(self, user_id: str) -> builtins.list[JobDescription]:
        return self._list(user_id)

    async def update(self, job: JobDescription) -> None:
        self._update(job)


class InMemoryOptimizationRepository(_OwnedRepository[Optimization]):
    table = "optimizations"
    noun = "optimization"
    conflict_message = "An optimization with this idempotency key already exists."

    async def add(self, optimization: Optimization) -> None:
        self._add(optimization)

    async def get(self, user_id: str, optimization_id: str) -> Optimization | None:
        return self._get(user_id, optimization_id)

    async def get_by_idempotency_key(self, user_id: str, key: str) -> Optimization | None:
        for record in self._rows.values():
            if record.idempotency_key == key and self._visible(user_id, record):
                return _stored(record)
        return None

    async def list(self, user_id: str) -> builtins.list[Optimization]:
        return self._list(user_id)

    async def update(self, optimization: Optimization) -> None:
        self._update(optimization)

    async def count_active(self, user_id: str) -> int:
        return sum(1 for r in self._rows.values() if self._visible(user_id, r) and not r.status.is_final)

    async def list_stale(self, updated_before: datetime, limit: int = 100) -> builtins.list[Optimization]:
        """Queued, processing or generating optimizations of any user untouched since ``updated_before``,
        oldest first."""
        _require_aware(updated_before, "updated_before")
        stale = [
            r for r in self._rows.values() if r.status in _STALE_STATUSES and r.updated_at < updated_before
        ]
        stale.sort(key=lambda r: (r.updated_at, r.id))
        return [_stored(r) for r in stale[:limit]]


class InMemoryVersionRepository(_OwnedRepository[Version]):
    table = "versions"
    noun = "version"

    async def add(self, version: Version) -> None:
        self._add(version)

    async def get(self, user_id: str, version_id: str) -> Version | None:
        return self._get(user_id, version_id)

    async def list(self, user_id: str, optimization_id: str | None = None) -> builtins.list[Version]:
        return self._list(user_id, lambda r: optimization_id is None or r.optimization_id == optimization_id)


class InMemoryExportRepository(_OwnedRepository[ExportArtifact]):
    table = "exports"
    noun = "export"

    async def add(self, artifact: ExportArtifact) -> None:
        self._add(artifact)

    async def get(self, user_id: str, artifact_id: str) -> ExportArtifact | None:
        return self._get(user_id, artifact_id)

    async def list(self, user_id: str, version_id: str) -> builtins.list[ExportArtifact]:
        return self._list(user_id, lambda r: r.version_id == version_id)


class InMemoryCreditRepository(_OwnedRepository[CreditEntry]):
    table = "credits"
    noun = "credit entry"
    conflict_message = "This credit entry or Stripe event is already recorded."

    async def add(self, entry: CreditEntry) -> None:
        self._add(entry)

    async def balance(self, user_id: str) -> int:
        return sum(r.delta for r in self._rows.values() if self._visible(user_id, r))

    async def list(self, user_id: str) -> builtins.list[CreditEntry]:
        return self._list(user_id)


class InMemoryRefreshTokenRepository(_Repository[RefreshToken]):
    """Reads the last committed state; ``consume`` and the revocations lock the rows they change."""

    table = "refresh_tokens"
    noun = "refresh token"
    conflict_message = "This refresh token already exists or refers to a missing user."

    async def add(self, token: RefreshToken) -> None:
        self._add(token)

    async def get_by_hash(self, token_hash: str) -> RefreshToken | None:
        found = self._find(token_hash)
        return None if found is None else _stored(found)

    async def consume(self, token_hash: str, now: datetime) -> RefreshToken | None:
        _require_aware(now, "now")
        found = self._find(token_hash)
        if found is None:
            return None

        def use(token: RefreshToken) -> RefreshToken | None:
            usable = token.used_at is None and token.revoked_at is None
            unexpired = token.expires_at > now and token.family_expires_at > now
            return attrs.evolve(token, used_at=now) if usable and unexpired else None

        used = await self._tx.update_row(self.table, found.id, use)
        return None if used is None else _stored(used)

    async def revoke_family(self, user_id: str, family_id: str, now: datetime) -> int:
        return await self._revoke(now, lambda t: t.user_id == user_id and t.family_id == family_id)

    async def revoke_all(self, user_id: str, now: datetime, *, except_family: str | None = None) -> int:
        return await self._revoke(
            now, lambda t: t.user_id == user_id and (except_family is None or t.family_id != except_family)
        )

    async def _revoke(self, now: datetime, chosen: Callable[[RefreshToken], bool]) -> int:
        _require_aware(now, "now")

        def revoke(token: RefreshToken) -> RefreshToken | None:
            return attrs.evolve(token, revoked_at=now) if chosen(token) and token.revoked_at is None else None

        candidates = sorted(t.id for t in self._tx.latest_rows(self.table) if revoke(t) is not None)
        revoked = [await self._tx.update_row(self.table, token_id, revoke) for token_id in candidates]
        return sum(1 for token in revoked if token is not None)

    def _find(self, token_hash: str) -> RefreshToken | None:
        tokens: builtins.list[RefreshToken] = self._tx.latest_rows(self.table)
        return next((t for t in tokens if t.token_hash == token_hash), None)


class InMemoryAuditLogRepository(_Repository[AuditEvent]):
    table = "audit_log"
    noun = "audit event"
    conflict_message = "This audit event is already recorded."

    async def add(self, event: AuditEvent) -> None:
        self._add(event)

    async def list(self, user_id: str, limit: int = 100) -> builtins.list[AuditEvent]:
        found = [e for e in self._rows.values() if e.user_id == user_id]
        found.sort(key=lambda e: (e.created_at, e.id), reverse=True)
        return [_stored(e) for e in found[:limit]]


class InMemoryIdempotencyRepository(_Repository[IdempotencyRecord]):
    """Reads the last committed state; ``add`` locks its key, so a concurrent second ``add`` waits."""

    table = "idempotency"
    noun = "idempotency record"
    conflict_message = "A request with this idempotency key was already recorded."

    async def get(self, user_id: str, scope: str, key: str) -> IdempotencyRecord | None:
        record = self._tx.latest(self.table, (user_id, scope, key))
        return None if record is None else _stored(record)

    async def add(self, record: IdempotencyRecord) -> None:
        await self._tx.insert_row(self.table, _stored(record), self.conflict_message)


class InMemoryUnitOfWork:
    """One transaction over an ``InMemoryStore`` (implements ``UnitOfWork``).

    ``async with`` takes a snapshot of the store; repositories read and write the snapshot; ``commit``
    applies the changes to the store (raising Conflict if a concurrent commit broke a uniqueness or
    reference rule meanwhile); leaving the block discards anything not committed.
    """

    def __init__(self, store: InMemoryStore) -> None:
        self._tx = _Transaction(store)
        self.users: UserRepository = InMemoryUserRepository(self._tx)
        self.resumes: ResumeRepository = InMemoryResumeRepository(self._tx)
        self.job_descriptions: JobDescriptionRepository = InMemoryJobDescriptionRepository(self._tx)
        self.optimizations: OptimizationRepository = InMemoryOptimizationRepository(self._tx)
        self.versions: VersionRepository = InMemoryVersionRepository(self._tx)
        self.exports: ExportRepository = InMemoryExportRepository(self._tx)
        self.credits: CreditRepository = InMemoryCreditRepository(self._tx)
        self.refresh_tokens: RefreshTokenRepository = InMemoryRefreshTokenRepository(self._tx)
        self.audit_log: AuditLogRepository = InMemoryAuditLogRepository(self._tx)
        self.idempotency: IdempotencyRepository = InMemoryIdempotencyRepository(self._tx)

    async def __aenter__(self) -> Self:
        if self._tx.active:
            raise RuntimeError("this unit of work is already open; take a new one from the factory")
        self._tx.begin()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._tx.end()

    async def commit(self) -> None:
        """Make everything done so far in this block visible to every later unit of work."""
        self._tx.commit()

    async def rollback(self) -> None:
        """Discard everything done since the last commit; the block stays usable."""
        self._tx.restart()


class InMemoryUnitOfWorkFactory:
    """Makes a fresh ``InMemoryUnitOfWork`` per call, all over one store (a ``UnitOfWorkFactory``)."""

    def __init__(self, store: InMemoryStore | None = None) -> None:
        self.store = store if store is not None else InMemoryStore()

    def __call__(self) -> InMemoryUnitOfWork:
        return InMemoryUnitOfWork(self.store)
