"""The Alembic history, run as the application runs it: on SQLite always, on PostgreSQL when configured."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import Connection

from resumax_adapters.sql.engine import create_engine
from resumax_adapters.sql.migrate import (
    current_revision,
    current_revision_async,
    downgrade_database,
    downgrade_database_async,
    head_revision,
    upgrade_database,
    upgrade_database_async,
)
from resumax_adapters.sql.tables import metadata, users

EXPECTED_COLUMNS = {table.name: {column.name for column in table.columns} for table in metadata.sorted_tables}
ADA = {
    "id": "00000000-0000-0000-0000-000000000001",
    "email": "Ada@example.com",
    "email_normalized": "ada@example.com",
    "password_hash": "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA",
    "name": "Ada Lovelace",
    "role": "user",
    "preferences": {"notify": True},
    "created_at": datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC),
    "updated_at": datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC),
}


@pytest.fixture(params=["sqlite", "postgres"])
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database with no tables; for SQLite, a file in a folder that does not exist yet."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'not' / 'yet' / 'resumax.db'}"
    return str(request.getfixturevalue("empty_postgres_url"))


async def _schema(url: str) -> dict[str, set[str]]:
    def read(connection: Connection) -> dict[str, set[str]]:
        inspector = sa.inspect(connection)
        return {
            name: {c["name"] for c in inspector.get_columns(name)} for name in inspector.get_table_names()
        }

    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(read)
    finally:
        await engine.dispose()


async def _drift(url: str) -> list[object]:
    def compare(connection: Connection) -> list[object]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, metadata))

    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(compare)
    finally:
        await engine.dispose()


async def _write(url: str, statement: sa.Executable) -> None:
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.execute(statement)
    finally:
        await engine.dispose()


async def _read(url: str, statement: sa.Select[tuple[object, ...]]) -> list[tuple[object, ...]]:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return [tuple(row) for row in await connection.execute(statement)]
    finally:
        await engine.dispose()


async def test_upgrade_creates_every_table_and_column(empty_database_url: str) -> None:
    assert await current_revision_async(empty_database_url) is None
    await upgrade_database_async(empty_database_url)
    schema = await _schema(empty_database_url)
    assert schema.pop("alembic_version") == {"version_num"}
    assert schema == EXPECTED_COLUMNS
    assert set(schema) == {
        "users",
        "resumes",
        "job_descriptions",
        "optimizations",
        "optimization_versions",
        "export_artifacts",
        "credit_ledger",
        "refresh_tokens",
        "audit_log",
        "idempotency_records",
    }
    assert await current_revision_async(empty_database_url) == head_revision()


async def test_the_migrated_schema_matches_the_table_definitions(empty_database_url: str) -> None:
    await upgrade_database_async(empty_database_url)
    assert await _drift(empty_database_url) == []


async def test_downgrade_to_base_drops_everything_and_upgrade_works_again(empty_database_url: str) -> None:
    await upgrade_database_async(empty_database_url)
    await downgrade_database_async(empty_database_url, "base")
    assert await _schema(empty_database_url) == {"alembic_version": {"version_num"}}
    assert await current_revision_async(empty_database_url) is None
    await upgrade_database_async(empty_database_url, "head")
    assert set(await _schema(empty_database_url)) == {"alembic_version", *EXPECTED_COLUMNS}
    assert await current_revision_async(empty_database_url) == head_revision()


async def test_the_sessions_migration_keeps_existing_users_both_ways(empty_database_url: str) -> None:
    url = empty_database_url
    await upgrade_database_async(url, "0001")
    schema_before = await _schema(url)
    await _write(url, sa.insert(users).values(ADA))
    await upgrade_database_async(url, "0002")
    assert await _read(url, sa.select(users.c.id, users.c.sessions_valid_after)) == [(ADA["id"], None)]
    await downgrade_database_async(url, "0001")
    assert await _schema(url) == schema_before
    assert await _read(url, sa.select(users.c.id, users.c.email, users.c.preferences)) == [
        (ADA["id"], ADA["email"], ADA["preferences"])
    ]
    # The rebuilt users table (SQLite) keeps its constraints.
    for clash in ({"email_normalized": "ada@example.com"}, {"role": "root"}):
        with pytest.raises(sa.exc.IntegrityError):
            await _write(
                url, sa.insert(users).values({**ADA, "id": "another", "email_normalized": "x", **clash})
            )


def test_the_blocking_functions_work_from_synchronous_code(empty_database_url: str) -> None:
    upgrade_database(empty_database_url)
    assert current_revision(empty_database_url) == head_revision()
    downgrade_database(empty_database_url, "base")
    assert current_revision(empty_database_url) is None


async def test_the_blocking_functions_work_inside_a_running_event_loop(empty_database_url: str) -> None:
    upgrade_database(empty_database_url)
    assert current_revision(empty_database_url) == head_revision()


async def test_upgrading_twice_changes_nothing(empty_database_url: str) -> None:
    await upgrade_database_async(empty_database_url)
    await upgrade_database_async(empty_database_url)
    assert await current_revision_async(empty_database_url) == head_revision()


async def test_asking_a_missing_sqlite_file_for_its_revision_does_not_create_it(tmp_path: Path) -> None:
    path = tmp_path / "absent.db"
    assert await current_revision_async(f"sqlite+aiosqlite:///{path}") is None
    assert not path.exists()
