"""The SQL engine's connection settings, and how an unreachable database is reported."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

from resumax_adapters.sql.engine import create_engine
from resumax_adapters.sql.unit_of_work import SqlUnitOfWorkFactory
from resumax_core.errors import DatabaseUnavailable


async def test_sqlite_connections_enforce_foreign_keys_and_use_wal(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'pragmas.db'}")
    try:
        async with engine.connect() as connection:
            pragmas = {
                name: (await connection.exec_driver_sql(f"PRAGMA {name}")).scalar()
                for name in ("foreign_keys", "journal_mode", "busy_timeout", "synchronous")
            }
    finally:
        await engine.dispose()
    assert pragmas == {"foreign_keys": 1, "journal_mode": "wal", "busy_timeout": 5000, "synchronous": 1}


def test_creating_an_engine_connects_to_nothing(tmp_path: Path) -> None:
    path = tmp_path / "lazy.db"
    create_engine(f"sqlite+aiosqlite:///{path}")
    assert not path.exists()


def test_server_databases_check_pooled_connections_before_use() -> None:
    pytest.importorskip("asyncpg")
    engine = create_engine("postgresql+asyncpg://nobody@127.0.0.1:1/none")
    assert engine.sync_engine.pool._pre_ping


async def _aiosqlite_threads_finished() -> None:
    # After a failed connect aiosqlite stops its worker thread without waiting for it, and the thread
    # then reports to this event loop: the loop must outlive it.
    for _ in range(200):
        if not any("_connection_worker_thread" in thread.name for thread in threading.enumerate()):
            return
        await asyncio.sleep(0.01)


async def test_an_unreachable_sqlite_file_is_reported_as_unavailable(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'missing' / 'dir' / 'x.db'}")
    try:
        with pytest.raises(DatabaseUnavailable):
            async with SqlUnitOfWorkFactory(engine)() as uow:
                await uow.users.get("someone")
    finally:
        await engine.dispose()
        await _aiosqlite_threads_finished()


async def test_a_refused_server_connection_is_reported_as_unavailable() -> None:
    pytest.importorskip("asyncpg")
    engine = create_engine("postgresql+asyncpg://nobody@127.0.0.1:1/none")
    try:
        with pytest.raises(DatabaseUnavailable):
            async with SqlUnitOfWorkFactory(engine)():
                pass
    finally:
        await engine.dispose()
