"""Running the app wired the way bootstrap should wire observability, and reading what it emitted."""

from __future__ import annotations

import io
import json
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

from resumax_adapters import Resumax, Settings
from resumax_adapters.llm.offline import OfflineLanguageModel
from resumax_adapters.observability import (
    configure_observability,
    observed_task_handler,
)
from resumax_adapters.parsing.standard import StandardDocumentParser
from resumax_adapters.queue.inprocess import InProcessTaskQueue
from resumax_core.ports import LanguageModel
from tests.api.support import Api, running

CLIENT_LOGGERS = ("httpx", "httpcore")
"""The test's own HTTP client logs the URLs it calls (signed links included): not the server's logs."""


@asynccontextmanager
async def observed_api(
    settings: Settings, *, llm: LanguageModel | None = None, log_stream: io.StringIO | None = None
) -> AsyncIterator[Api]:
    """The app as bootstrap wires it (it adds the tracing queue, traced engine and metered parser), with
    an in-process queue whose jobs run through ``observed_task_handler`` and short retry delays. With
    ``log_stream``, every log line is rendered there too."""
    wired: dict[str, Resumax] = {}

    async def dispatch(task: str, args: Mapping[str, str]) -> None:
        await wired["app"].dispatcher(task, args)

    inner = InProcessTaskQueue(observed_task_handler(dispatch), concurrency=2, retry_delays=(0.01,))
    parser = StandardDocumentParser(max_bytes=settings.max_upload_bytes, max_pages=settings.max_pages)
    async with running(
        settings,
        queue=inner,
        llm=llm or OfflineLanguageModel(),
        parser=parser,
    ) as api:
        wired["app"] = api.resumax
        if log_stream is not None:
            configure_observability(settings, log_stream=log_stream)
        try:
            yield api
        finally:
            await inner.stop(timeout=10)
            parser.close()


def json_lines(text: str) -> list[dict[str, Any]]:
    """The JSON log lines of ``text`` (every line must be one)."""
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def server_lines(text: str) -> list[dict[str, Any]]:
    return [line for line in json_lines(text) if not str(line.get("logger", "")).startswith(CLIENT_LOGGERS)]
