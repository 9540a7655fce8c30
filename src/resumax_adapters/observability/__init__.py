"""Observability: structured logs (structlog), Prometheus metrics and OpenTelemetry traces.

- ``configure_observability(settings)``: what a process (the HTTP app, the worker) calls once at start.
- ``logging``: every logger as redacted JSON or console lines; ``request_context`` / ``job_context``.
- ``metrics``: the collectors, ``render_metrics()``, ``start_metrics_server``, ``observe_queue_depth``,
  ``MeteredDocumentParser``.
- ``tracing``: ``configure_tracing``, the ``traceparent`` carried in job args, ``TracingTaskQueue`` and
  ``TracedLanguageModel``.
- ``jobs``: ``observed_task_handler``, the span, duration and log context of each job in a worker.
"""

from resumax_adapters.observability.configure import configure_observability
from resumax_adapters.observability.jobs import observed_task_handler
from resumax_adapters.observability.logging import configure_logging, job_context, request_context
from resumax_adapters.observability.metrics import (
    MeteredDocumentParser,
    get_metrics,
    observe_queue_depth,
    render_metrics,
    start_metrics_server,
)
from resumax_adapters.observability.tracing import (
    TRACEPARENT,
    TracedLanguageModel,
    TracingTaskQueue,
    configure_tracing,
    extract_trace_context,
    flush_tracing,
    inject_trace_context,
)

__all__ = [
    "TRACEPARENT",
    "MeteredDocumentParser",
    "TracedLanguageModel",
    "TracingTaskQueue",
    "configure_logging",
    "configure_observability",
    "configure_tracing",
    "extract_trace_context",
    "flush_tracing",
    "get_metrics",
    "inject_trace_context",
    "job_context",
    "observe_queue_depth",
    "observed_task_handler",
    "render_metrics",
    "request_context",
    "start_metrics_server",
]
