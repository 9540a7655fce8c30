"""Fixtures for the UnitOfWork contract suite: a factory per adapter, and throwaway databases.

PostgreSQL runs when ``RESUMAX_TEST_POSTGRES_URL`` names a server (a ``postgresql+asyncpg://`` URL whose
user may create databases); each session gets its own database, dropped afterwards. Without the variable
those tests skip, or fail when ``RESUMAX_REQUIRE_SERVICES=1``.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from resumax_adapters.memory.unit_of_work import InMemoryStore, InMemoryUnitOfWorkFactory
from resumax_adapters.sql.engine import create_engine
from resumax_adapters.sql.migrate import upgrade_database
from resumax_adapters.sql.tables import metadata
from resumax_adapters.sql.unit_of_work import SqlUnitOfWorkFactory
from resumax_core.ports.unit_of_work import UnitOfWorkFactory

POSTGRES_URL_VARIABLE = "RESUMAX_TEST_POSTGRES_URL"
UOW_ADAPTERS = ["memory", "sqlite", "postgres"]


def _run_isolated(make: Callable[[], Coroutine[Any, Any, None]]) -> None:
    # A thread of its own keeps these loops apart from the ones pytest-asyncio manages.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(lambda: asyncio.run(make())).result()


async def _admin(url: str, statement: str) -> None:
    engine = create_async_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        async with engine.connect() as connection:
            await connection.exec_driver_sql(statement)
    finally:
        await engine.dispose()


@contextmanager
def throwaway_postgres_database(admin_url: str) -> Iterator[str]:
    """Create an empty database on the server of ``admin_url``; yield its URL; drop it afterwards."""
    name = f"resumax_test_{uuid.uuid4().hex[:12]}"
    _run_isolated(lambda: _admin(admin_url, f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        _run_isolated(lambda: _admin(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def postgres_admin_url() -> str:
    """The PostgreSQL server to test against; skips (or fails, if services are required) without one."""
    url = os.environ.get(POSTGRES_URL_VARIABLE)
    if not url:
        if os.environ.get("RESUMAX_REQUIRE_SERVICES") == "1":
            pytest.fail(f"{POSTGRES_URL_VARIABLE} is not set but RESUMAX_REQUIRE_SERVICES=1")
        pytest.skip(f"set {POSTGRES_URL_VARIABLE} to run the PostgreSQL contract tests")
    return url


@pytest.fixture(scope="session")
def migrated_postgres_url(postgres_admin_url: str) -> Iterator[str]:
    """A database of this session's own, migrated to head, dropped at the end of the session."""
    with throwaway_postgres_database(postgres_admin_url) as url:
        upgrade_database(url)
        yield url


@pytest.fixture
def empty_postgres_url(postgres_admin_url: str) -> Iterator[str]:
    """A database of this test's own, with no tables, dropped after the test."""
    with throwaway_postgres_database(postgres_admin_url) as url:
        yield url


@pytest.fixture(scope="session")
def migrated_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated to head once per session; tests work on copies of it."""
    path = tmp_path_factory.mktemp("sqlite-template") / "resumax.db"
    upgrade_database(f"sqlite+aiosqlite:///{path}")
    return path


@pytest.fixture(params=UOW_ADAPTERS)
async def uow_factory(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[UnitOfWorkFactory]:
    """A unit-of-work factory over an empty, migrated store, once per adapter."""
    if request.param == "memory":
        yield InMemoryUnitOfWorkFactory(InMemoryStore())
        return
    if request.param == "sqlite":
        path = tmp_path / "resumax.db"
        shutil.copyfile(request.getfixturevalue("migrated_sqlite_template"), path)
        url = f"sqlite+aiosqlite:///{path}"
    else:
        url = request.getfixturevalue("migrated_postgres_url")
    engine = create_engine(url)
    try:
        if request.param == "postgres":
            names = ", ".join(table.name for table in metadata.sorted_tables)
            async with engine.begin() as connection:
                await connection.execute(sa.text(f"TRUNCATE {names} CASCADE"))
        yield SqlUnitOfWorkFactory(engine)
    finally:
        await engine.dispose()
