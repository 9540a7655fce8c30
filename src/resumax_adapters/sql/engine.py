"""Building the async engine for a database URL (``sqlite+aiosqlite://…`` or ``postgresql+asyncpg://…``)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.dialects.sqlite.aiosqlite import SQLiteDialect_aiosqlite
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from resumax_adapters.sql.sqlite_inline import inline_connector

SQLITE_BUSY_TIMEOUT_MS = 5000


def is_sqlite(url: str | URL) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_file(url: str | URL) -> Path | None:
    """The database file of a SQLite URL; None for in-memory databases and non-SQLite URLs."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return None
    return Path(database)


def create_engine(
    url: str, *, foreign_keys: bool = True, busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS
) -> AsyncEngine:
    """An async engine for ``url``. Opens no connection.

    SQLite connections run their statements on the event loop (``sqlite_inline``: no thread per
    connection), with ``foreign_keys=ON`` (unless ``foreign_keys`` is False, which only migrations ask
    for), WAL journaling and ``synchronous=NORMAL``; a locked database is waited for without blocking
    the loop, for up to ``busy_timeout_ms``. Other databases get ``pool_pre_ping`` so a connection
    dropped by the server is replaced instead of failing a request. The caller owns the engine and must
    ``await engine.dispose()``.
    """
    if not is_sqlite(url):
        return create_async_engine(url, pool_pre_ping=True)
    parsed = make_url(url)
    (database, *_), options = SQLiteDialect_aiosqlite().create_connect_args(parsed)
    pragmas = (
        f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}",
        "PRAGMA journal_mode=WAL",
        "PRAGMA synchronous=NORMAL",
    )
    connect = inline_connector(
        str(database),
        uri=bool(options.get("uri")),
        busy_timeout_ms=busy_timeout_ms,
        pragmas=pragmas,
    )
    return create_async_engine(parsed, async_creator=connect)
