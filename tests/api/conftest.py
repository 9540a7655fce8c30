"""Fixtures of the HTTP API tests: a running app on memory:// with a client."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.api.support import Api, memory_settings, running
from tests.fakes import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def api(tmp_path: Path) -> AsyncIterator[Api]:
    """An app on memory:// (real clock, in-process worker, in-memory mailer)."""
    async with running(memory_settings(tmp_path)) as started:
        yield started


@pytest.fixture
async def timed_api(tmp_path: Path, clock: FakeClock) -> AsyncIterator[Api]:
    """An app on memory:// whose tokens and throttles follow ``clock``."""
    async with running(memory_settings(tmp_path), clock=clock) as started:
        yield started
