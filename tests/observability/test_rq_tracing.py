"""The trace crosses a real Redis: RQ stores the ``traceparent`` arg as JSON and its worker continues the
trace (runs when ``RESUMAX_TEST_REDIS_URL`` is set, like the queue contract)."""

from __future__ import annotations

import os
from collections.abc import Mapping

import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from resumax_adapters.observability import TracingTaskQueue, observed_task_handler
from resumax_adapters.observability.tracing import tracer
from resumax_core.use_cases.tasks import RUN_OPTIMIZATION, TaskDispatcher


def _redis_url() -> str:
    url = os.environ.get("RESUMAX_TEST_REDIS_URL")
    if url:
        return url
    if os.environ.get("RESUMAX_REQUIRE_SERVICES") == "1":
        pytest.fail("RESUMAX_REQUIRE_SERVICES=1 but RESUMAX_TEST_REDIS_URL is not set")
    pytest.skip("set RESUMAX_TEST_REDIS_URL to run the RQ trace test")


async def test_an_rq_job_continues_the_trace_of_the_request_that_queued_it(
    spans: InMemorySpanExporter,
) -> None:
    url = _redis_url()
    rq_adapter = pytest.importorskip("resumax_adapters.queue.rq")
    seen: list[Mapping[str, str]] = []

    async def use_case(args: Mapping[str, str]) -> None:
        seen.append(dict(args))

    dispatcher = TaskDispatcher()
    dispatcher.register(RUN_OPTIMIZATION, use_case)
    queue, settle, close = rq_adapter.contract_harness(url, observed_task_handler(dispatcher))
    try:
        with tracer().start_as_current_span("POST /optimize") as request:
            await TracingTaskQueue(queue).enqueue(
                RUN_OPTIMIZATION, {"user_id": "u1", "optimization_id": "o1"}
            )
        await settle()
    finally:
        await close()

    assert seen == [{"user_id": "u1", "optimization_id": "o1"}]
    [worker] = [span for span in spans.get_finished_spans() if span.name == RUN_OPTIMIZATION]
    assert worker.kind is SpanKind.CONSUMER
    assert worker.context.trace_id == request.get_span_context().trace_id
