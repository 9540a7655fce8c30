"""An in-memory unit of work with the same observable behaviour as the SQL one.

Used by tests and by ``RESUMAX_DATABASE_URL=memory://``. The contract suite in
``tests/contract/test_unit_of_work.py`` holds it to the SQL adapter's behaviour: what is committed, what
is rolled back, which clashes are a Conflict, which records are invisible to whom, and how JSON and
datetimes come back (JSON through a serialisation round trip, datetimes in UTC).
"""

from __future__ import annotations

import builtins
import json
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, ClassVar, Generic, Self, TypeVar, cast

import attrs

from resumax_core.entities import (
    CreditEntry,
    ExportArtifact,
    JobDescription,
    Optimization,
    OptimizationStatus,
    Resume,
    User,
    Version,
)
from resumax_core.errors import Conflict, NotFound
from resumax_core.ports.unit_of_work import (
    CreditRepository,
    ExportRepository,
    JobDescriptionRepository,
    OptimizationRepository,
    ResumeRepository,
    UserRepository,
    VersionRepository,
)

Record = TypeVar("Record", User, Resume, JobDescription, Optimization, Version, ExportArtifact, CreditEntry)
Owned = TypeVar("Owned", Resume, JobDescription, Optimization, Version, ExportArtifact, CreditEntry)
Tables = dict[str, dict[str, Any]]

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
}
TABLE_NAMES = ("users", "resumes", "job_descriptions", "optimizations", "versions", "exports", "credits")
_STALE_STATUSES = (OptimizationStatus.QUEUED, OptimizationStatus.PROCESSING)


def normalize_email(email: str) -> str:
    """The form under which emails are compared (as in the SQL adapter)."""
    return email.casefold()


def _empty_tables() -> Tables:
    return {name: {} for name in TABLE_NAMES}


@attrs.define
class InMemoryStore:
    """The committed state: one dict per table, mapping id → record. Share one store between factories
    (or units of work) that must see each other's commits."""

    tables: Tables = attrs.field(factory=_empty_tables)


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


def _unique_keys(table: str, record: Any) -> Iterator[tuple[str, Any]]:
    yield "id", record.id
    if table == "users":
        yield "email", normalize_email(record.email)
    elif table == "optimizations" and record.idempotency_key is not None:
        yield "idempotency_key", (record.user_id, record.idempotency_key)
    elif table == "credits" and record.stripe_event_id is not None:
        yield "stripe_event_id", record.stripe_event_id


def _check_unique(tables: Tables, table: str, record: Any, message: str) -> None:
    """Conflict if another record of ``table`` shares an identity or a unique key with ``record``."""
    keys = dict(_unique_keys(table, record))
    for other in tables[table].values():
        if other.id == record.id:
            continue
        if any(keys.get(name) == value for name, value in _unique_keys(table, other)):
            raise Conflict(message)


def _check_references(tables: Tables, table: str, record: Any, message: str) -> None:
    for (child, column), parent in _REFERENCES.items():
        if child == table and getattr(record, column) not in tables[parent]:
            raise Conflict(message)


def _delete_cascading(tables: Tables, table: str, ids: Iterable[str]) -> None:
    doomed = {record_id for record_id in ids if record_id in tables[table]}
    if not doomed:
        return
    for record_id in doomed:
        del tables[table][record_id]
    for (child, column), parent in _REFERENCES.items():
        if parent == table:
            orphans = [r.id for r in tables[child].values() if getattr(r, column) in doomed]
            _delete_cascading(tables, child, orphans)


class _Transaction:
    """The working copy of an open unit of work, shared by its repositories."""

    def __init__(self, store: InMemoryStore) -> None:
        self._store = store
        self._base: Tables | None = None
        self._work: Tables | None = None

    @property
    def active(self) -> bool:
        return self._work is not None

    @property
    def tables(self) -> Tables:
        if self._work is None:
            raise RuntimeError("use the repositories inside 'async with uow:'")
        return self._work

    def begin(self) -> None:
        self._base = {name: dict(rows) for name, rows in self._store.tables.items()}
        self._work = {name: dict(rows) for name, rows in self._store.tables.items()}

    def restart(self) -> None:
        """Drop the working copy's changes and take a fresh snapshot; RuntimeError outside a block."""
        if not self.active:
            raise RuntimeError("use the unit of work inside 'async with uow:'")
        self.begin()

    def end(self) -> None:
        self._base = self._work = None

    def commit(self) -> None:
        """Apply what changed since ``begin`` onto the store, re-checking the constraints against what
        other units of work committed meanwhile; Conflict (and nothing applied) if they no longer hold."""
        base, work = self._base, self.tables
        if base is None:
            raise RuntimeError("use the unit of work inside 'async with uow:'")
        merged = {name: dict(rows) for name, rows in self._store.tables.items()}
        for name in TABLE_NAMES:
            _delete_cascading(merged, name, [i for i in base[name] if i not in work[name]])
        changed = [
            (name, record)
            for name in TABLE_NAMES
            for record_id, record in work[name].items()
            if base[name].get(record_id) is not record
        ]
        for name, record in changed:
            if record.id not in base[name] and record.id in self._store.tables[name]:
                raise Conflict("The change conflicts with one committed meanwhile.")
            merged[name][record.id] = record
        for name, record in changed:
            _check_unique(merged, name, record, "The change conflicts with one committed meanwhile.")
            _check_references(merged, name, record, "The change refers to a record deleted meanwhile.")
        self._store.tables = merged
        self.begin()


class _Repository(Generic[Record]):
    table: ClassVar[str]
    noun: ClassVar[str]
    conflict_message: ClassVar[str] = "This record already exists or refers to a missing record."

    def __init__(self, transaction: _Transaction) -> None:
        self._tx = transaction

    @property
    def _rows(self) -> dict[str, Record]:
        return cast(dict[str, Record], self._tx.tables[self.table])

    def _add(self, record: Record) -> None:
        stored = _stored(record)
        tables = self._tx.tables
        if stored.id in tables[self.table]:
            raise Conflict(self.conflict_message)
        _check_unique(tables, self.table, stored, self.conflict_message)
        _check_references(tables, self.table, stored, self.conflict_message)
        tables[self.table][stored.id] = stored


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

    async def list(self, user_id: str) -> builtins.list[Resume]:
        return self._list(user_id)

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
        """Queued or processing optimizations of any user untouched since ``updated_before``, oldest first."""
        if updated_before.utcoffset() is None:
            raise ValueError("updated_before is a naive datetime; use an aware one")
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
