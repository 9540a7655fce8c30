"""The SQL unit of work (SQLite or PostgreSQL through SQLAlchemy 2 async)."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncEngine

from resumax_adapters.sql.errors import translated_connect_errors, translated_errors
from resumax_adapters.sql.executor import SqlExecutor
from resumax_adapters.sql.repositories import (
    SqlAuditLogRepository,
    SqlCreditRepository,
    SqlExportRepository,
    SqlIdempotencyRepository,
    SqlJobDescriptionRepository,
    SqlOptimizationRepository,
    SqlRefreshTokenRepository,
    SqlResumeRepository,
    SqlUserRepository,
    SqlVersionRepository,
)
from resumax_core.errors import DatabaseUnavailable
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


class SqlUnitOfWork:
    """One database transaction over all repositories (implements ``UnitOfWork``).

    ``async with uow:`` checks a connection out of the engine's pool and begins a transaction; leaving
    the block rolls back whatever was not committed and returns the connection. ``commit`` may be awaited
    more than once; work after the last commit is rolled back. A unit of work is not reentrant, and may
    be used for several blocks one after another. Database failures raise ``DatabaseUnavailable``.
    """

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._db = SqlExecutor(savepoint_writes=engine.dialect.name != "sqlite")
        self.users: UserRepository = SqlUserRepository(self._db)
        self.resumes: ResumeRepository = SqlResumeRepository(self._db)
        self.job_descriptions: JobDescriptionRepository = SqlJobDescriptionRepository(self._db)
        self.optimizations: OptimizationRepository = SqlOptimizationRepository(self._db)
        self.versions: VersionRepository = SqlVersionRepository(self._db)
        self.exports: ExportRepository = SqlExportRepository(self._db)
        self.credits: CreditRepository = SqlCreditRepository(self._db)
        self.refresh_tokens: RefreshTokenRepository = SqlRefreshTokenRepository(self._db)
        self.audit_log: AuditLogRepository = SqlAuditLogRepository(self._db)
        self.idempotency: IdempotencyRepository = SqlIdempotencyRepository(self._db)

    async def __aenter__(self) -> Self:
        if self._db.active:
            raise RuntimeError("this unit of work is already open; take a new one from the factory")
        with translated_connect_errors():
            connection = await self._engine.connect()
        # The transaction begins with the first statement (SQLAlchemy's autobegin), and closing the
        # connection rolls back whatever is uncommitted: one round trip fewer each way.
        self._db.attach(connection)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        connection = self._db.detach()
        try:
            with translated_errors():
                await connection.close()
        except DatabaseUnavailable:
            # The error that ended the block matters more than a failed cleanup of a broken connection.
            if exc is None:
                raise

    async def commit(self) -> None:
        """Make everything done so far in this block durable."""
        with translated_errors():
            await self._db.connection.commit()

    async def rollback(self) -> None:
        """Discard everything done since the last commit; the block stays usable."""
        with translated_errors():
            await self._db.connection.rollback()


class SqlUnitOfWorkFactory:
    """Makes a fresh ``SqlUnitOfWork`` per call, all sharing one engine (implements ``UnitOfWorkFactory``).

    The factory does not own the engine: whoever created it disposes of it.
    """

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    def __call__(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine)
