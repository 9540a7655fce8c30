"""Running the Alembic migrations programmatically, for SQLite and PostgreSQL async URLs.

No ``alembic.ini`` is involved: the configuration is built here and points at the ``migrations`` folder
beside this module. Each call opens its own short-lived engine and disposes of it.

The plain functions block until done and work from any thread; called while an event loop runs in the
thread (an app's startup), they run on a helper thread and block that loop meanwhile, so async callers
should rather await the ``*_async`` twins.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from resumax_adapters.sql.engine import create_engine, sqlite_file
from resumax_adapters.sql.errors import translated_connect_errors, translated_errors

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

_Command = Callable[[Config], None]
_T = TypeVar("_T")


def alembic_config() -> Config:
    """The Alembic configuration of resuMAX's migration history."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    return config


def head_revision() -> str:
    """The newest revision of the migration history."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError(f"no migrations found in {MIGRATIONS_DIR}")
    return head


async def upgrade_database_async(url: str, revision: str = "head") -> None:
    """Migrate the database at ``url`` up to ``revision``, creating a SQLite file and its folder if needed.

    Raises DatabaseUnavailable if the database cannot be reached.
    """
    path = sqlite_file(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    await _run_command(url, lambda config: command.upgrade(config, revision))


async def downgrade_database_async(url: str, revision: str) -> None:
    """Migrate the database at ``url`` down to ``revision`` (``"base"`` drops every table)."""
    await _run_command(url, lambda config: command.downgrade(config, revision))


async def current_revision_async(url: str) -> str | None:
    """The revision the database at ``url`` is at; None if it was never migrated (or does not exist)."""
    path = sqlite_file(url)
    if path is not None and not path.exists():
        return None

    def read(connection: Connection) -> str | None:
        return MigrationContext.configure(connection).get_current_revision()

    engine = create_engine(url, foreign_keys=False)
    try:
        with translated_connect_errors():
            connection = await engine.connect()
        try:
            with translated_errors():
                return await connection.run_sync(read)
        finally:
            await connection.close()
    finally:
        await engine.dispose()


def upgrade_database(url: str, revision: str = "head") -> None:
    """Blocking ``upgrade_database_async``."""
    _run_blocking(lambda: upgrade_database_async(url, revision))


def downgrade_database(url: str, revision: str) -> None:
    """Blocking ``downgrade_database_async``."""
    _run_blocking(lambda: downgrade_database_async(url, revision))


def current_revision(url: str) -> str | None:
    """Blocking ``current_revision_async``."""
    return _run_blocking(lambda: current_revision_async(url))


def _run_blocking(make: Callable[[], Coroutine[Any, Any, _T]]) -> _T:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make())
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="resumax-migrate") as pool:
        return pool.submit(lambda: asyncio.run(make())).result()


async def _run_command(url: str, run: _Command) -> None:
    # SQLite foreign keys stay off while migrating: a batch operation rebuilds a table by dropping it,
    # and with enforcement on that drop would cascade-delete every row that refers to it.
    engine = create_engine(url, foreign_keys=False)

    def in_connection(connection: Connection) -> None:
        config = alembic_config()
        config.attributes["connection"] = connection
        run(config)

    try:
        with translated_connect_errors():
            connection = await engine.connect()
        try:
            with translated_errors():
                async with connection.begin():
                    if engine.dialect.name == "sqlite":
                        # One migrator at a time, all or nothing: the driver would otherwise commit
                        # each DDL statement on its own, and two starting apps would race.
                        await connection.exec_driver_sql("BEGIN IMMEDIATE")
                    await connection.run_sync(in_connection)
        finally:
            await connection.close()
    finally:
        await engine.dispose()
