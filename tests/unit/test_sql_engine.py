"""The SQL engine's connection settings, and how an unreachable database is reported."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

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
    # busy_timeout 0: SQLite never waits inside a statement; the driver waits between retries instead.
    assert pragmas == {"foreign_keys": 1, "journal_mode": "wal", "busy_timeout": 0, "synchronous": 1}


def test_creating_an_engine_connects_to_nothing(tmp_path: Path) -> None:
    path = tmp_path / "lazy.db"
    create_engine(f"sqlite+aiosqlite:///{path}")
    assert not path.exists()


def test_server_databases_check_pooled_connections_before_use() -> None:
    pytest.importorskip("asyncpg")
    engine = create_engine("postgresql+asyncpg://nobody@127.0.0.1:1/none")
    assert engine.sync_engine.pool._pre_ping


async def test_an_unreachable_sqlite_file_is_reported_as_unavailable(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'missing' / 'dir' / 'x.db'}")
    try:
        with pytest.raises(DatabaseUnavailable):
            async with SqlUnitOfWorkFactory(engine)() as uow:
                await uow.users.get("someone")
    finally:
        await engine.dispose()


async def test_a_refused_server_connection_is_reported_as_unavailable() -> None:
    pytest.importorskip("asyncpg")
    engine = create_engine("postgresql+asyncpg://nobody@127.0.0.1:1/none")
    try:
        with pytest.raises(DatabaseUnavailable):
            async with SqlUnitOfWorkFactory(engine)():
                pass
    finally:
        await engine.dispose()


# Statements run on the event loop: no thread per connection, and a lock never stalls the loop.


async def _write_user(engine: AsyncEngine, user_id: str) -> None:
    async with engine.begin() as connection:
        await connection.exec_driver_sql("INSERT INTO probe (id) VALUES (?)", (user_id,))


async def _probe_engine(path: Path, **options: int) -> AsyncEngine:
    engine = create_engine(f"sqlite+aiosqlite:///{path}", **options)
    async with engine.begin() as connection:
        await connection.exec_driver_sql("CREATE TABLE probe (id TEXT PRIMARY KEY)")
    return engine


async def test_sqlite_statements_start_no_thread(tmp_path: Path) -> None:
    before = set(threading.enumerate())
    engine = await _probe_engine(tmp_path / "threads.db")
    try:
        await _write_user(engine, "a")
        async with engine.connect() as connection:
            assert (await connection.exec_driver_sql("SELECT count(*) FROM probe")).scalar() == 1
        assert set(threading.enumerate()) <= before
    finally:
        await engine.dispose()


def _hold_write_lock(path: Path, held: threading.Event, release: threading.Event) -> None:
    """Another connection (as another process would) holding SQLite's write lock until ``release``."""
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO probe (id) VALUES ('other')")
        held.set()
        release.wait(10)
        other.execute("COMMIT")
    finally:
        other.close()


async def test_a_write_waits_for_a_lock_without_stalling_the_event_loop(tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    engine = await _probe_engine(path)
    held, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(path, held, release))
    holder.start()
    try:
        assert held.wait(5)
        write = asyncio.create_task(_write_user(engine, "mine"))
        ticks = 0
        for _ in range(20):  # the loop keeps serving other work while the write waits
            await asyncio.sleep(0.01)
            ticks += 1
        assert not write.done(), "the write waits for the other connection's lock"
        release.set()
        await asyncio.wait_for(write, 5)
        assert ticks == 20
        async with engine.connect() as connection:
            rows = (await connection.exec_driver_sql("SELECT id FROM probe ORDER BY id")).scalars().all()
        assert rows == ["mine", "other"]
    finally:
        release.set()
        holder.join(10)
        await engine.dispose()


async def test_a_lock_held_past_the_busy_timeout_is_reported_as_unavailable(tmp_path: Path) -> None:
    path = tmp_path / "stuck.db"
    engine = await _probe_engine(path, busy_timeout_ms=200)
    held, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(path, held, release))
    holder.start()
    try:
        assert held.wait(5)
        with pytest.raises(DatabaseUnavailable):
            async with SqlUnitOfWorkFactory(engine)() as uow:
                await uow._db.write(sa.text("INSERT INTO probe (id) VALUES ('late')"))
    finally:
        release.set()
        holder.join(10)
        await engine.dispose()
