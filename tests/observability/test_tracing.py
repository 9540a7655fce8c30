"""Traces (architecture §9): one trace from the request through the queue to the worker and the model."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export import ConsoleSpanExporter
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode

from resumax_adapters import Settings
from resumax_adapters.memory.task_queue import ImmediateTaskQueue
from resumax_adapters.observability import (
    TRACEPARENT,
    TracingTaskQueue,
    configure_observability,
    extract_trace_context,
    flush_tracing,
    inject_trace_context,
    observed_task_handler,
)
from resumax_adapters.observability.tracing import LLM_SPAN, span_exporter_named, tracer
from resumax_core.errors import InvalidInput
from resumax_core.use_cases.tasks import RUN_OPTIMIZATION, TaskDispatcher
from tests.api.support import memory_settings
from tests.conftest import REPO_ROOT
from tests.fakes import FailingLanguageModel
from tests.observability.support import observed_api


def _named(spans: tuple[ReadableSpan, ...], name: str) -> list[ReadableSpan]:
    return [span for span in spans if span.name == name]


def _one(spans: tuple[ReadableSpan, ...], name: str) -> ReadableSpan:
    found = _named(spans, name)
    assert len(found) == 1, (name, [span.name for span in spans])
    return found[0]


async def test_one_trace_runs_from_the_request_through_the_queue_to_the_worker_and_the_model(
    settings: Settings, spans: InMemorySpanExporter
) -> None:
    async with observed_api(settings) as api:
        headers = await api.user("ada@example.com")
        resume = await api.upload_resume(headers)
        job = await api.add_job(headers)
        spans.clear()
        optimization = await api.completed_optimization(headers, resume["id"], job["id"])
        assert optimization["status"] == "completed"
        job_args = [info.args for info in api.resumax.queue.jobs() if info.task == RUN_OPTIMIZATION]

    finished = tuple(spans.get_finished_spans())
    request = _one(finished, "POST /optimize")
    enqueue = _one(finished, f"enqueue {RUN_OPTIMIZATION}")
    worker = _one(finished, RUN_OPTIMIZATION)
    model_calls = _named(finished, LLM_SPAN)

    assert request.kind is SpanKind.SERVER and request.parent is None
    assert request.attributes is not None and request.attributes["http.route"] == "/optimize"
    assert request.attributes["http.response.status_code"] == 202
    trace_id = request.context.trace_id
    assert enqueue.kind is SpanKind.PRODUCER and enqueue.parent is not None
    assert enqueue.parent.span_id == request.context.span_id
    assert worker.kind is SpanKind.CONSUMER and worker.context.trace_id == trace_id, "the worker continues"
    assert worker.parent is not None and worker.parent.span_id == enqueue.context.span_id
    assert model_calls, "every engine call has its span"
    for call in model_calls:
        assert call.kind is SpanKind.CLIENT and call.context.trace_id == trace_id
        assert call.parent is not None and call.parent.span_id == worker.context.span_id
        assert call.attributes is not None and call.attributes["gen_ai.request.model"] == "offline"

    [args] = job_args
    traceparent = args[TRACEPARENT]
    assert traceparent.split("-")[1] == format(trace_id, "032x"), "the job args carry the trace"
    assert set(args) == {"user_id", "optimization_id", TRACEPARENT}, "ids and the trace context only"


async def test_each_request_starts_its_own_trace_whatever_the_caller_sends(
    settings: Settings, spans: InMemorySpanExporter
) -> None:
    offered = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
    async with observed_api(settings) as api:
        await api.client.get("/healthz", headers={"traceparent": offered})
        await api.client.get("/healthz")
    first, second = _named(tuple(spans.get_finished_spans()), "GET /healthz")
    assert first.parent is None and format(first.context.trace_id, "032x") not in offered
    assert first.context.trace_id != second.context.trace_id


async def test_a_failing_model_marks_its_span_with_the_code_never_the_message(
    settings: Settings, spans: InMemorySpanExporter
) -> None:
    async with observed_api(settings, llm=FailingLanguageModel()) as api:
        headers = await api.user("ada@example.com")
        resume = await api.upload_resume(headers)
        job = await api.add_job(headers)
        optimization = await api.completed_optimization(headers, resume["id"], job["id"])
    assert optimization["status"] == "failed"

    finished = tuple(spans.get_finished_spans())
    failed_calls = _named(finished, LLM_SPAN)
    assert failed_calls
    for call in failed_calls:
        assert call.status.status_code is StatusCode.ERROR
        assert call.status.description == "llm_unavailable"
        assert call.attributes is not None and call.attributes["error.type"] == "llm_unavailable"
        assert not call.events, "no exception event: its message could quote user text"
    for span in finished:
        assert "timed out" not in str(span.attributes) + str(span.status.description)


async def test_the_dispatcher_drops_the_trace_context_before_the_use_case(
    spans: InMemorySpanExporter,
) -> None:
    seen: list[Mapping[str, str]] = []

    async def use_case(args: Mapping[str, str]) -> None:
        seen.append(dict(args))

    dispatcher = TaskDispatcher()
    dispatcher.register(RUN_OPTIMIZATION, use_case)
    queue = TracingTaskQueue(ImmediateTaskQueue(observed_task_handler(dispatcher)))
    with tracer().start_as_current_span("caller"):
        await queue.enqueue(RUN_OPTIMIZATION, {"user_id": "u1", "optimization_id": "o1"})
    await queue.enqueue(RUN_OPTIMIZATION, {"user_id": "u1", "optimization_id": "o2"})

    assert seen == [
        {"user_id": "u1", "optimization_id": "o1"},
        {"user_id": "u1", "optimization_id": "o2"},
    ]
    finished = tuple(spans.get_finished_spans())
    caller = _one(finished, "caller")
    with_parent, without_parent = _named(finished, RUN_OPTIMIZATION)
    assert with_parent.context.trace_id == caller.context.trace_id
    assert without_parent.context.trace_id != caller.context.trace_id, "no traceparent: a new trace"


def test_trace_context_round_trips_through_a_dict_of_strings(spans: InMemorySpanExporter) -> None:
    assert inject_trace_context() == {}, "no span in progress: nothing to carry"
    with tracer().start_as_current_span("parent") as parent:
        carried = inject_trace_context({"user_id": "u1"})
    assert carried["user_id"] == "u1"
    restored = trace.get_current_span(extract_trace_context(carried)).get_span_context()
    assert restored.trace_id == parent.get_span_context().trace_id
    assert restored.span_id == parent.get_span_context().span_id
    malformed = extract_trace_context({TRACEPARENT: "not-a-trace"})
    assert not trace.get_current_span(malformed).get_span_context().is_valid


def test_exporters_are_named_by_a_setting() -> None:
    assert span_exporter_named("none") is None
    assert isinstance(span_exporter_named("console"), ConsoleSpanExporter)
    with pytest.raises(InvalidInput, match="Unknown trace exporter"):
        span_exporter_named("jaeger-thrift")


def test_without_the_sdk_tracing_is_a_no_op_and_the_app_still_serves(tmp_path: Path) -> None:
    probe = f"""
import asyncio, sys
sys.modules["opentelemetry.sdk"] = None  # as if only opentelemetry-api were installed
import httpx
from resumax_adapters.observability import configure_tracing, inject_trace_context
from resumax_adapters.observability.tracing import traced
from resumax_http.app import create_app
from tests.api.support import memory_settings

assert configure_tracing() is False
with traced("nothing"):
    assert inject_trace_context() == {{}}

async def main():
    app = create_app(memory_settings(__import__("pathlib").Path({str(tmp_path)!r})))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            assert (await client.get("/healthz")).status_code == 200
            assert "resumax_http_request_duration_seconds" in (await client.get("/metrics")).text

asyncio.run(main())
"""
    subprocess.run([sys.executable, "-c", probe], check=True, timeout=120, cwd=REPO_ROOT)


def test_without_an_exporter_spans_are_not_recorded_but_logs_still_join_request_and_job(
    tmp_path: Path,
) -> None:
    probe = f"""
import asyncio, io, logging, pathlib
from opentelemetry import trace
from resumax_adapters.llm.offline import OfflineLanguageModel
from tests.api.support import memory_settings
from tests.fakes import ObservingLanguageModel
from tests.observability.support import observed_api, server_lines

recorded = []

async def note(request):
    recorded.append(trace.get_current_span().is_recording())
    logging.getLogger("resumax.worker.example").info("engine called")

async def main():
    stream = io.StringIO()
    settings = memory_settings(pathlib.Path({str(tmp_path)!r}), log_json=True)
    assert settings.trace_exporter == "none"
    engine = ObservingLanguageModel(OfflineLanguageModel(), note)
    async with observed_api(settings, llm=engine, log_stream=stream) as api:
        headers = await api.user("ada@example.com")
        resume = await api.upload_resume(headers)
        job = await api.add_job(headers)
        await api.completed_optimization(headers, resume["id"], job["id"])
    lines = server_lines(stream.getvalue())
    optimize = [l for l in lines if l.get("route") == "/optimize" and l.get("method") == "POST"]
    calls = [l for l in lines if l["event"] == "engine called"]
    assert len(optimize) == 1 and calls, lines
    assert len(optimize[0]["trace_id"]) == 32
    assert all(l["trace_id"] == optimize[0]["trace_id"] for l in calls), "the job joins the request"
    assert recorded and not any(recorded), "no exporter: nothing is recorded"

asyncio.run(main())
"""
    subprocess.run([sys.executable, "-c", probe], check=True, timeout=120, cwd=REPO_ROOT)


def test_configuring_twice_exports_each_span_once(tmp_path: Path) -> None:
    exporter = InMemorySpanExporter()
    try:
        for _ in range(2):
            configure_observability(memory_settings(tmp_path), span_exporter=exporter)
        with tracer().start_as_current_span("once"):
            pass
        flush_tracing()
        assert [span.name for span in exporter.get_finished_spans()] == ["once"]
    finally:
        exporter.shutdown()
