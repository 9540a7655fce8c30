"""Fixtures of the litellm engine tests: a scripted local server and engines pointed at it."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import pytest

from tests.llm.server import FakeLLMServer, RecordingSleep

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")


@pytest.fixture
def server() -> Iterator[FakeLLMServer]:
    with FakeLLMServer() as running:
        yield running


@pytest.fixture
def sleep() -> RecordingSleep:
    return RecordingSleep()


@pytest.fixture
async def make_engine(server: FakeLLMServer, sleep: RecordingSleep) -> AsyncIterator[Callable[..., Any]]:
    """``make_engine(**overrides)``: a LiteLLMLanguageModel on the test server with fast, recorded
    backoff; litellm's HTTP clients are closed on this test's event loop afterwards."""
    pytest.importorskip("litellm")
    from resumax_adapters.llm.litellm_engine import LiteLLMLanguageModel
    from resumax_adapters.llm.litellm_engine.retry import Backoff

    made: list[LiteLLMLanguageModel] = []

    def make(**overrides: Any) -> LiteLLMLanguageModel:
        settings: dict[str, Any] = {
            "model": "openai/test-model",
            "api_base": server.base_url,
            "timeout_seconds": 5,
            "max_retries": 2,
            "backoff": Backoff(base_seconds=0.01, max_seconds=0.05),
            "sleep": sleep,
        }
        settings.update(overrides)
        engine = LiteLLMLanguageModel(**settings)
        made.append(engine)
        return engine

    yield make
    if made:
        await made[0].aclose()
