"""The connection a unit of work holds, shared by its repositories, with errors translated."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Executable, RowMapping
from sqlalchemy.ext.asyncio import AsyncConnection

from resumax_adapters.sql.errors import translated_errors


class SqlExecutor:
    """Runs statements on the unit of work's current connection.

    Outside ``async with uow:`` there is no connection and every call raises RuntimeError.
    """

    def __init__(self, *, savepoint_writes: bool) -> None:
        # PostgreSQL aborts the whole transaction after a failed statement; a savepoint around each write
        # keeps the unit of work usable after a Conflict, as it is on SQLite and in memory. SQLite needs
        # none (it undoes only the failed statement) and its driver's legacy mode mishandles savepoints.
        self._savepoint_writes = savepoint_writes
        self._connection: AsyncConnection | None = None

    @property
    def connection(self) -> AsyncConnection:
        if self._connection is None:
            raise RuntimeError("use the repositories inside 'async with uow:'")
        return self._connection

    @property
    def active(self) -> bool:
        return self._connection is not None

    def attach(self, connection: AsyncConnection) -> None:
        self._connection = connection

    def detach(self) -> AsyncConnection:
        connection = self.connection
        self._connection = None
        return connection

    async def fetch_one(
        self, statement: Executable, parameters: Mapping[str, Any] | None = None
    ) -> RowMapping | None:
        """The first row ``statement`` answers; ``parameters`` fill its ``bindparam`` placeholders."""
        with translated_errors():
            result = await self.connection.execute(statement, parameters)
            return result.mappings().first()

    async def fetch_all(
        self, statement: Executable, parameters: Mapping[str, Any] | None = None
    ) -> Sequence[RowMapping]:
        with translated_errors():
            result = await self.connection.execute(statement, parameters)
            return result.mappings().all()

    async def scalar(self, statement: Executable) -> Any:
        with translated_errors():
            return await self.connection.scalar(statement)

    async def write(self, statement: Executable, *, conflict_message: str | None = None) -> int:
        """Run an INSERT, UPDATE or DELETE; return how many rows it touched."""
        connection = self.connection
        with translated_errors(conflict_message):
            if self._savepoint_writes:
                async with connection.begin_nested():
                    result = await connection.execute(statement)
            else:
                result = await connection.execute(statement)
            return int(result.rowcount)
