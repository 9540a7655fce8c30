"""Fixtures of the hostile-file tests: the production parser (worker processes, default limits)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from resumax_adapters.parsing.standard import StandardDocumentParser


@pytest.fixture
async def parser() -> AsyncIterator[StandardDocumentParser]:
    """A StandardDocumentParser as bootstrap builds it, closed after the test."""
    async with StandardDocumentParser() as parser:
        yield parser
