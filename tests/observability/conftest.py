"""Fixtures of the observability tests: spans in memory, and logging restored after each test."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
import structlog
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from resumax_adapters import Settings
from resumax_adapters.observability import configure_tracing
from resumax_adapters.observability.logging import ResumaxLogHandler
from tests.api.support import memory_settings

_EXPORTER = InMemorySpanExporter()


@pytest.fixture
def spans() -> Iterator[InMemorySpanExporter]:
    """Every span finished during the test (exported one by one, so nothing waits in a batch)."""
    configure_tracing(_EXPORTER, batch=False)
    _EXPORTER.clear()
    yield _EXPORTER
    _EXPORTER.clear()


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    """Put back the root logger's resuMAX handler and level as they were before the test."""
    root = logging.getLogger()
    before, level = [h for h in root.handlers if isinstance(h, ResumaxLogHandler)], root.level
    yield
    for handler in list(root.handlers):
        if isinstance(handler, ResumaxLogHandler) and handler not in before:
            root.removeHandler(handler)
    for handler in before:
        if handler not in root.handlers:
            root.addHandler(handler)
    root.setLevel(level)
    structlog.contextvars.clear_contextvars()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """memory:// everything, JSON logs at DEBUG."""
    return memory_settings(tmp_path, log_json=True, log_level="DEBUG")
