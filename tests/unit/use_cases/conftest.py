"""A resuMAX wired entirely in memory, with a controllable clock; and the bundled example files."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from resumax_adapters import Resumax, Settings, bootstrap
from resumax_core.entities import User
from tests.fakes import FakeClock

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
ALICE = "11111111-1111-4111-8111-111111111111"
BOB = "22222222-2222-4222-8222-222222222222"


def memory_settings(tmp_path: Path) -> Settings:
    return Settings(
        data_dir=tmp_path,
        database_url="memory://",
        storage_url="memory://",
        queue_url="immediate://",
        secret_key="test-secret-key-that-is-long-enough-to-sign",
    )


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


async def add_users(app: Resumax, *user_ids: str) -> None:
    """Store users directly (accounts have their own use cases; these tests start after sign-up)."""
    now = app.clock.now()
    async with app.uow() as uow:
        for user_id in user_ids:
            await uow.users.add(
                User(user_id, f"{user_id[:4]}@example.com", "x", "Test", now, now, email_verified_at=now)
            )
        await uow.commit()


@pytest.fixture
async def app(tmp_path: Path, clock: FakeClock) -> AsyncIterator[Resumax]:
    async with bootstrap(memory_settings(tmp_path), clock=clock) as wired:
        await add_users(wired, ALICE, BOB)
        yield wired


@pytest.fixture
def resume_bytes() -> bytes:
    return (EXAMPLES / "resume.txt").read_bytes()


@pytest.fixture
def job_text() -> str:
    return (EXAMPLES / "job.txt").read_text()
