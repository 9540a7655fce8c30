"""Alembic environment for resuMAX.

``resumax_adapters.sql.migrate`` opens an async connection and hands its sync facade over in
``config.attributes["connection"]`` (SQLAlchemy's ``AsyncConnection.run_sync``), so asyncpg and aiosqlite
are the only drivers ever used. Run without that attribute (offline ``--sql`` mode, or the ``alembic``
command with ``sqlalchemy.url`` set), it builds its own async engine from the URL.
"""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

from resumax_adapters.sql.engine import create_engine, is_sqlite
from resumax_adapters.sql.tables import metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=is_sqlite(connection.engine.url),
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_with_own_engine(url: str) -> None:
    engine = create_engine(url, foreign_keys=False)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(_run)
    finally:
        await engine.dispose()


def _run_offline(url: str) -> None:
    context.configure(url=url, target_metadata=metadata, literal_binds=True, render_as_batch=is_sqlite(url))
    with context.begin_transaction():
        context.run_migrations()


def _main() -> None:
    shared: Connection | None = context.config.attributes.get("connection")
    if shared is not None:
        _run(shared)
        return
    url = context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no connection and no sqlalchemy.url; use resumax_adapters.sql.migrate")
    if context.is_offline_mode():
        _run_offline(url)
    else:
        asyncio.run(_run_with_own_engine(url))


_main()
