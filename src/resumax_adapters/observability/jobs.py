"""Observing background jobs where a worker runs them: one span, one duration, one log line per job."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Mapping

from opentelemetry.trace import SpanKind

from resumax_adapters.observability.logging import job_context
from resumax_adapters.observability.metrics import Metrics, get_metrics
from resumax_adapters.observability.tracing import error_label, extract_trace_context, traced
from resumax_core.ports.task_queue import TaskHandler

log = logging.getLogger("resumax.jobs")


def observed_task_handler(handler: TaskHandler, metrics: Metrics | None = None) -> TaskHandler:
    """``handler`` (the dispatcher) run inside a span named after the task that continues the trace of
    the job's ``traceparent`` arg, with its duration recorded by task and outcome (``succeeded``,
    ``failed``, ``cancelled``), one log line when it ends, and every line it logs stamped with the task
    and the job's ``user_id``.

    The args go on unchanged: the dispatcher drops ``traceparent`` before a use case sees them.
    """

    async def run(task: str, args: Mapping[str, str]) -> None:
        with job_context(task, args.get("user_id")):
            started = time.perf_counter()
            outcome, error_code = "failed", None
            try:
                with traced(
                    task,
                    kind=SpanKind.CONSUMER,
                    attributes={"messaging.operation.type": "process", "resumax.task": task},
                    context=extract_trace_context(args),
                ):
                    await handler(task, args)
                outcome = "succeeded"
            except asyncio.CancelledError:
                outcome = "cancelled"
                raise
            except Exception as exc:
                error_code = error_label(exc)
                raise
            finally:
                seconds = time.perf_counter() - started
                (metrics or get_metrics()).observe_job(task, outcome, seconds)
                _log_end(task, outcome, seconds, error_code)

    return run


def _log_end(task: str, outcome: str, seconds: float, error_code: str | None) -> None:
    fields: dict[str, object] = {"outcome": outcome, "duration_ms": round(seconds * 1000, 1)}
    if error_code is not None:
        fields["error_code"] = error_code
    level = logging.INFO if outcome == "succeeded" else logging.WARNING
    log.log(level, "job %s %s in %.1fms", task, outcome, seconds * 1000, extra=fields)
