"""OpenTelemetry traces from a request through the queue to the worker and the language model.

The trace of an optimization: the HTTP server span (``POST /optimize``, started by the HTTP middleware),
its child ``enqueue run_optimization`` (``TracingTaskQueue``, which copies the W3C ``traceparent`` of
that span into the job's args), then in the worker ``run_optimization`` continuing the same trace from
that arg (``observed_task_handler``), with one ``llm.propose`` child per engine call
(``TracedLanguageModel``).

Spans carry names, route templates, task names, ids and error codes: never exception messages, bodies
or text (an exception's message may quote a resume), so spans are started with exception recording off
and failures are marked with their error code only.

Only the OpenTelemetry API is needed to run: without the SDK (``configure_tracing`` returns False) every
span is a no-op and no ``traceparent`` is sent.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Final

from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.trace import Span, SpanKind, Status, StatusCode
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from resumax_adapters.observability.metrics import Metrics, get_metrics
from resumax_core.errors import InvalidInput, ResumaxError
from resumax_core.ports import LanguageModel, TaskQueue
from resumax_core.ports.language_model import Proposal, RewriteRequest
from resumax_core.ports.task_queue import TaskStatus
from resumax_core.use_cases.tasks import TRACE_CONTEXT_ARG

TRACEPARENT: Final = TRACE_CONTEXT_ARG
"""The job arg carrying the W3C trace context; the core's dispatcher drops it before a use case runs."""
TRACER_NAME: Final = "resumax"
LLM_SPAN: Final = "llm.propose"
EXPORTERS: Final = ("none", "console", "otlp")

_propagator = TraceContextTextMapPropagator()
_added_exporters: dict[str, Any] = {}


@functools.cache
def tracer() -> trace.Tracer:
    """resuMAX's tracer on the global provider: a no-op one until tracing is configured, and then (the
    API's proxy tracer delegates once a provider is set) the SDK's."""
    return trace.get_tracer(TRACER_NAME)


def _record_when_exported_sampler() -> Any:
    """A sampler that records spans only once an exporter is attached (``exporting``). Until then spans
    are not recorded (nothing would read them, and recording costs more than the rest of a cheap
    request's observability together) but still get trace and span ids: log lines carry them, and job
    args carry the ``traceparent``, so a request's and its job's lines share a trace id either way."""
    from opentelemetry.sdk.trace.sampling import Decision, Sampler, SamplingResult

    class RecordWhenExported(Sampler):
        exporting = False

        def should_sample(
            self,
            parent_context: Context | None,
            trace_id: int,
            name: str,
            kind: SpanKind | None = None,
            attributes: Any = None,
            links: Any = None,
            trace_state: Any = None,
        ) -> SamplingResult:
            parent = trace.get_current_span(parent_context).get_span_context()
            state = parent.trace_state if parent.is_valid else None
            if self.exporting:
                return SamplingResult(Decision.RECORD_AND_SAMPLE, attributes, state)
            return SamplingResult(Decision.DROP, None, state)

        def get_description(self) -> str:
            return "RecordWhenExported"

    return RecordWhenExported()


def configure_tracing(
    exporter: Any | None = None, *, batch: bool = True, service_name: str = "resumax", key: str | None = None
) -> bool:
    """Install the SDK's tracer provider for this process (once; a provider someone else installed,
    e.g. ``opentelemetry-instrument``, is kept as it is) and send finished spans to ``exporter`` if
    given, in batches (``batch``) or one by one. An exporter (or one with the same ``key``) is added only
    once. Spans are recorded from the first exporter on; before, they only carry ids.

    Returns False, changing nothing, when the OpenTelemetry SDK is not installed.
    """
    try:
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor
    except ImportError:
        return False
    provider = trace.get_tracer_provider()
    if not isinstance(provider, TracerProvider):
        provider = TracerProvider(
            resource=Resource.create({"service.name": service_name}), sampler=_record_when_exported_sampler()
        )
        trace.set_tracer_provider(provider)
    if exporter is not None:
        identity = key or f"id:{id(exporter)}"
        if identity not in _added_exporters:
            processor = BatchSpanProcessor(exporter) if batch else SimpleSpanProcessor(exporter)
            provider.add_span_processor(processor)
            _added_exporters[identity] = exporter
        if hasattr(provider.sampler, "exporting"):
            provider.sampler.exporting = True
    return True


def span_exporter_named(name: str) -> Any | None:
    """The span exporter a setting names: ``none``, ``console`` (stdout) or ``otlp`` (OTLP over HTTP to
    ``OTEL_EXPORTER_OTLP_ENDPOINT``; needs ``opentelemetry-exporter-otlp-proto-http``)."""
    if name == "none":
        return None
    if name == "console":
        from opentelemetry.sdk.trace.export import ConsoleSpanExporter

        return ConsoleSpanExporter()
    if name == "otlp":
        try:
            from opentelemetry.exporter.otlp.proto.http.trace_exporter import (  # type: ignore[import-not-found,unused-ignore]
                OTLPSpanExporter,
            )
        except ImportError as exc:
            raise InvalidInput(
                "The otlp trace exporter needs opentelemetry-exporter-otlp-proto-http installed."
            ) from exc
        return OTLPSpanExporter()
    raise InvalidInput(f"Unknown trace exporter {name!r} (use one of {', '.join(EXPORTERS)}).")


def flush_tracing(timeout_millis: int = 5000) -> None:
    """Export the spans still buffered; call before a process ends without running ``atexit`` (RQ's
    work horses leave with ``os._exit``)."""
    provider = trace.get_tracer_provider()
    force_flush = getattr(provider, "force_flush", None)
    if callable(force_flush):
        force_flush(timeout_millis)


def inject_trace_context(carrier: dict[str, str] | None = None) -> dict[str, str]:
    """``carrier`` (or a new dict) with the current span's ``traceparent`` added, when there is a span
    (recorded or not); job args carry it to the worker."""
    carrier = {} if carrier is None else carrier
    headers: dict[str, str] = {}
    _propagator.inject(headers)
    if TRACEPARENT in headers:
        carrier[TRACEPARENT] = headers[TRACEPARENT]
    return carrier


def extract_trace_context(carrier: Mapping[str, str]) -> Context:
    """The trace context a ``traceparent`` in ``carrier`` names; an empty context (a new trace, never the
    ambient one) when there is none or it is malformed."""
    value = carrier.get(TRACEPARENT)
    if not value:
        return Context()
    return _propagator.extract({TRACEPARENT: value}, context=Context())


def error_label(exc: BaseException) -> str:
    """What a span or metric says about a failure: the error code, else the exception's class name."""
    return exc.code if isinstance(exc, ResumaxError) else type(exc).__name__


def mark_failed(span: Span, exc: BaseException) -> None:
    label = error_label(exc)
    span.set_attribute("error.type", label)
    span.set_status(Status(StatusCode.ERROR, label))


@contextmanager
def traced(
    name: str,
    *,
    kind: SpanKind = SpanKind.INTERNAL,
    attributes: Mapping[str, Any] | None = None,
    context: Context | None = None,
) -> Iterator[Span]:
    """A current span around the block; a failure marks it with its code, never its message."""
    with tracer().start_as_current_span(
        name,
        context=context,
        kind=kind,
        attributes=dict(attributes or {}),
        record_exception=False,
        set_status_on_exception=False,
    ) as span:
        try:
            yield span
        except Exception as exc:
            mark_failed(span, exc)
            raise


@contextmanager
def http_server_span(method: str, request_id: str) -> Iterator[Span]:
    """The server span of one HTTP request. It is named ``METHOD`` until ``name_http_route`` gives it its
    route template (``METHOD /route/{template}``), once the router has found the route.

    It starts a new trace: the API is public, and a caller's ``traceparent`` would let it choose our
    trace ids and switch sampling off for its own requests.
    """
    attributes = {"http.request.method": method, "resumax.request_id": request_id}
    with traced(method, kind=SpanKind.SERVER, attributes=attributes, context=Context()) as span:
        yield span


def name_http_route(span: Span, method: str, route: str) -> None:
    span.update_name(f"{method} {route}")
    span.set_attribute("http.route", route)


def record_http_status(span: Span, status: int) -> None:
    """Note the answer's status on the server span; a 5xx marks it failed."""
    span.set_attribute("http.response.status_code", status)
    if status >= 500:
        span.set_status(Status(StatusCode.ERROR, str(status)))


class TracingTaskQueue:
    """A ``TaskQueue`` that traces each enqueue and carries the trace to the job as a ``traceparent``
    arg. ``inner`` is the wrapped queue (its own extra methods live there)."""

    def __init__(self, inner: TaskQueue) -> None:
        self.inner = inner

    async def enqueue(
        self,
        task: str,
        args: Mapping[str, str],
        *,
        idempotency_key: str | None = None,
        max_retries: int = 2,
    ) -> str:
        attributes = {"messaging.operation.type": "send", "resumax.task": task}
        with traced(f"enqueue {task}", kind=SpanKind.PRODUCER, attributes=attributes) as span:
            job_id = await self.inner.enqueue(
                task,
                inject_trace_context(dict(args)),
                idempotency_key=idempotency_key,
                max_retries=max_retries,
            )
            span.set_attribute("messaging.message.id", job_id)
            return job_id

    async def status(self, job_id: str) -> TaskStatus:
        return await self.inner.status(job_id)


class TracedLanguageModel:
    """A ``LanguageModel`` that puts each ``propose`` call of ``inner`` in an ``llm.propose`` span (engine,
    rewrite task, section, token usage) and counts its failures by code."""

    def __init__(self, inner: LanguageModel, metrics: Metrics | None = None) -> None:
        self.inner = inner
        self._metrics = metrics

    @property
    def name(self) -> str:
        return self.inner.name

    async def propose(self, request: RewriteRequest) -> Proposal:
        attributes = {
            "gen_ai.request.model": self.inner.name,
            "resumax.rewrite.task": str(request.task.value),
            "resumax.rewrite.section_index": request.section_index,
        }
        with traced(LLM_SPAN, kind=SpanKind.CLIENT, attributes=attributes) as span:
            try:
                proposal = await self.inner.propose(request)
            except Exception as exc:
                (self._metrics or get_metrics()).count_llm_failure(
                    exc.code if isinstance(exc, ResumaxError) else "internal_error"
                )
                raise
            span.set_attribute("gen_ai.usage.input_tokens", proposal.usage.prompt_tokens)
            span.set_attribute("gen_ai.usage.output_tokens", proposal.usage.completion_tokens)
            span.set_attribute("resumax.changes", len(proposal.changes))
            return proposal
