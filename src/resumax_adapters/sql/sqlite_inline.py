"""SQLite for the async engine without a thread per connection: statements run on the event loop itself.

A local SQLite statement takes microseconds, far less than handing it to a worker thread and waking the
loop with its answer (what ``aiosqlite`` does for every call: cursor, execute, fetch, close, commit,
rollback). So resuMAX connects SQLAlchemy's ``sqlite+aiosqlite`` dialect to ``InlineConnection`` through
``async_creator``: the same dialect, SQL and types, but each call runs at once in the calling thread.

What must never happen is the loop waiting on a lock: the connections use ``busy_timeout=0``, and a
statement that finds the database locked by another connection or process (``SQLITE_BUSY``) is retried
after an ``asyncio.sleep`` with growing pauses until ``busy_timeout_ms`` has passed; then the lock error is
raised as SQLite would have raised it. Other requests run during the pauses. Lock errors that waiting
cannot cure (``SQLITE_BUSY_SNAPSHOT``: a write on a stale read snapshot) are raised at once.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Any, TypeVar

T = TypeVar("T")

SQLITE_BUSY = 5
SQLITE_BUSY_RECOVERY = 5 | (1 << 8)
_RETRYABLE = frozenset({SQLITE_BUSY, SQLITE_BUSY_RECOVERY})
_FIRST_PAUSE_S = 0.001
_LONGEST_PAUSE_S = 0.05


def _is_retryable_lock(error: sqlite3.OperationalError) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code in _RETRYABLE
    return "database is locked" in str(error)


async def _patiently(call: Callable[[], T], busy_timeout_ms: int) -> T:
    """``call()``, retried with async pauses while SQLite answers that the database is locked."""
    try:
        return call()
    except sqlite3.OperationalError as error:
        if not _is_retryable_lock(error):
            raise
        deadline = time.monotonic() + busy_timeout_ms / 1000
        pause = _FIRST_PAUSE_S
        while True:
            await asyncio.sleep(pause)
            try:
                return call()
            except sqlite3.OperationalError as again:
                if not _is_retryable_lock(again) or time.monotonic() >= deadline:
                    raise
            pause = min(pause * 2, _LONGEST_PAUSE_S)


class InlineCursor:
    """The async cursor interface SQLAlchemy's aiosqlite adapter drives, over a ``sqlite3.Cursor``."""

    def __init__(self, connection: InlineConnection, cursor: sqlite3.Cursor) -> None:
        self._connection = connection
        self._cursor = cursor

    async def __aenter__(self) -> InlineCursor:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._cursor.lastrowid

    @property
    def arraysize(self) -> int:
        return self._cursor.arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._cursor.arraysize = value

    async def execute(self, sql: str, parameters: Any = ()) -> InlineCursor:
        await _patiently(lambda: self._cursor.execute(sql, parameters), self._connection.busy_timeout_ms)
        return self

    async def executemany(self, sql: str, seq_of_parameters: Iterable[Any]) -> InlineCursor:
        rows = list(seq_of_parameters)
        await _patiently(lambda: self._cursor.executemany(sql, rows), self._connection.busy_timeout_ms)
        return self

    async def fetchone(self) -> Any:
        return self._cursor.fetchone()

    async def fetchmany(self, size: int | None = None) -> Sequence[Any]:
        return self._cursor.fetchmany(self._cursor.arraysize if size is None else size)

    async def fetchall(self) -> Sequence[Any]:
        return self._cursor.fetchall()

    async def close(self) -> None:
        self._cursor.close()


class InlineConnection:
    """The async connection interface SQLAlchemy's aiosqlite adapter drives, over a ``sqlite3.Connection``
    that is only ever used from the thread that runs the event loop."""

    def __init__(self, connection: sqlite3.Connection, busy_timeout_ms: int) -> None:
        self._connection: sqlite3.Connection | None = connection
        self.busy_timeout_ms = busy_timeout_ms

    @property
    def _conn(self) -> sqlite3.Connection:
        if self._connection is None:
            raise ValueError("no active connection")
        return self._connection

    def cursor(self) -> InlineCursor:
        return InlineCursor(self, self._conn.cursor())

    @property
    def isolation_level(self) -> str | None:
        return self._conn.isolation_level

    @isolation_level.setter
    def isolation_level(self, value: str | None) -> None:
        self._conn.isolation_level = value  # type: ignore[assignment]

    @property
    def in_transaction(self) -> bool:
        return self._conn.in_transaction

    async def commit(self) -> None:
        await _patiently(self._conn.commit, self.busy_timeout_ms)

    async def rollback(self) -> None:
        self._conn.rollback()

    async def create_function(self, *args: Any, **kwargs: Any) -> None:
        self._conn.create_function(*args, **kwargs)

    async def close(self) -> None:
        self.stop()

    def stop(self) -> None:
        """Close at once (SQLAlchemy's terminate); there is no thread to stop."""
        if self._connection is not None:
            connection, self._connection = self._connection, None
            connection.close()


def inline_connector(
    database: str, *, uri: bool, busy_timeout_ms: int, pragmas: Sequence[str]
) -> Callable[[], Any]:
    """An ``async_creator`` for ``create_async_engine``: opens ``database`` (a path, ``:memory:`` or, with
    ``uri``, a ``file:`` URI), runs ``pragmas`` and answers an ``InlineConnection``."""

    async def connect() -> InlineConnection:
        connection = await _patiently(
            lambda: sqlite3.connect(database, uri=uri, check_same_thread=False, timeout=0),
            busy_timeout_ms,
        )
        try:
            for pragma in (*pragmas, "PRAGMA busy_timeout=0"):
                await _patiently(partial(connection.execute, pragma), busy_timeout_ms)
        except BaseException:
            connection.close()
            raise
        return InlineConnection(connection, busy_timeout_ms)

    return connect
