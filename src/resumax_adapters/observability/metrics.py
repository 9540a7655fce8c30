"""Prometheus metrics: HTTP latency and errors, queue depth, job durations, parse and LLM failures.

One ``Metrics`` per process, made on first use (``get_metrics``), on its own registry (never the global
one, so nothing registers at import time and tests can build their own). Labels are bounded sets only:
route templates (``/resumes/{resumeId}``, never a raw path or id), status classes (``2xx``), error codes,
task names and outcomes.

Series:
- ``resumax_http_request_duration_seconds{method,route,status_class}`` (histogram)
- ``resumax_http_request_errors_total{method,route,status_class,code}`` (4xx and 5xx answers)
- ``resumax_queue_depth{queue}`` (jobs waiting; refreshed by ``observe_queue_depth`` before a scrape)
- ``resumax_job_duration_seconds{task,outcome}`` (histogram; outcome ``succeeded``, ``failed``, ``cancelled``)
- ``resumax_parse_failures_total{code}`` and ``resumax_llm_failures_total{code}``
- the process collectors (CPU, memory, open files, GC) of this process.

Forking workers (RQ's work horses) die after each job, taking their samples with them: run them with
``PROMETHEUS_MULTIPROC_DIR`` set (prometheus_client's own switch) and ``render_metrics`` aggregates every
process's samples from that directory instead.
"""

from __future__ import annotations

import contextlib
import inspect
import os
import threading
from collections.abc import Callable
from typing import Any, Final

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    gc_collector,
    generate_latest,
    platform_collector,
    process_collector,
)

from resumax_core.entities import ParsedDocument
from resumax_core.errors import ResumaxError
from resumax_core.ports import DocumentParser

CONTENT_TYPE: Final = "text/plain; version=0.0.4; charset=utf-8"
"""The classic Prometheus text format, which every scraper reads."""

MULTIPROCESS_ENV: Final = "PROMETHEUS_MULTIPROC_DIR"
HTTP_BUCKETS: Final = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
JOB_BUCKETS: Final = (0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0)
METHODS: Final = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
UNMATCHED_ROUTE: Final = "unmatched"
"""The route label of a request no route matched: raw paths never become labels."""


def status_class(status: int) -> str:
    """``404`` → ``"4xx"``."""
    return f"{status // 100}xx"


def error_code_label(code: str | None) -> str:
    return code if code else "none"


class Metrics:
    """resuMAX's collectors on ``registry`` (a new one by default)."""

    def __init__(self, registry: CollectorRegistry | None = None, *, process_collectors: bool = True) -> None:
        self.registry = registry if registry is not None else CollectorRegistry()
        self.request_duration = Histogram(
            "resumax_http_request_duration_seconds",
            "Time to answer an HTTP request, by route template and status class.",
            ["method", "route", "status_class"],
            buckets=HTTP_BUCKETS,
            registry=self.registry,
        )
        self.request_errors = Counter(
            "resumax_http_request_errors",
            "HTTP requests answered with a 4xx or 5xx status, by route template, status class and code.",
            ["method", "route", "status_class", "code"],
            registry=self.registry,
        )
        self.queue_depth = Gauge(
            "resumax_queue_depth",
            "Jobs waiting in the task queue (read when metrics are scraped).",
            ["queue"],
            registry=self.registry,
            multiprocess_mode="livemostrecent",
        )
        self.job_duration = Histogram(
            "resumax_job_duration_seconds",
            "Time a background job ran, by task and outcome.",
            ["task", "outcome"],
            buckets=JOB_BUCKETS,
            registry=self.registry,
        )
        self.parse_failures = Counter(
            "resumax_parse_failures",
            "Documents the parser refused or could not read, by error code.",
            ["code"],
            registry=self.registry,
        )
        self.llm_failures = Counter(
            "resumax_llm_failures",
            "Language model calls that failed, by error code.",
            ["code"],
            registry=self.registry,
        )
        if process_collectors and not os.environ.get(MULTIPROCESS_ENV):
            process_collector.ProcessCollector(registry=self.registry)
            platform_collector.PlatformCollector(registry=self.registry)
            gc_collector.GCCollector(registry=self.registry)

    def observe_request(
        self, method: str, route: str, status: int, seconds: float, error_code: str | None = None
    ) -> None:
        """Record one answered request; a 4xx or 5xx also counts as an error with its code."""
        method = method if method in METHODS else "other"
        klass = status_class(status)
        self.request_duration.labels(method, route, klass).observe(seconds)
        if status >= 400:
            self.request_errors.labels(method, route, klass, error_code_label(error_code)).inc()

    def observe_job(self, task: str, outcome: str, seconds: float) -> None:
        self.job_duration.labels(task, outcome).observe(seconds)

    def count_parse_failure(self, code: str) -> None:
        self.parse_failures.labels(code).inc()

    def count_llm_failure(self, code: str) -> None:
        self.llm_failures.labels(code).inc()

    def set_queue_depth(self, queue: str, depth: int | None) -> None:
        """Record the depth of ``queue``; None (unknown, e.g. the broker is down) removes the series."""
        if depth is not None:
            self.queue_depth.labels(queue).set(depth)
            return
        with contextlib.suppress(KeyError):  # never recorded: nothing to remove
            self.queue_depth.remove(queue)

    def render(self) -> bytes:
        return generate_latest(self.registry)


_metrics: Metrics | None = None


def get_metrics() -> Metrics:
    """This process's metrics, created on first use."""
    global _metrics
    if _metrics is None:
        _metrics = Metrics()
    return _metrics


def _scrape_registry() -> CollectorRegistry:
    if os.environ.get(MULTIPROCESS_ENV):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return registry
    return get_metrics().registry


def render_metrics() -> tuple[bytes, str]:
    """This process's metrics (or, with ``PROMETHEUS_MULTIPROC_DIR`` set, every process's) in the
    Prometheus text format: ``(body, content_type)``."""
    return generate_latest(_scrape_registry()), CONTENT_TYPE


class MetricsServer:
    """A running metrics endpoint (``start_metrics_server``)."""

    def __init__(self, server: Any, thread: threading.Thread) -> None:
        self._server, self._thread = server, thread

    @property
    def port(self) -> int:
        return int(self._server.server_port)

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def start_metrics_server(port: int, addr: str = "127.0.0.1") -> MetricsServer:
    """Serve the metrics over HTTP from a daemon thread, for processes without an HTTP app (the worker):
    every process's samples with ``PROMETHEUS_MULTIPROC_DIR`` set, else this one's. Port 0 picks one."""
    from prometheus_client import start_http_server

    server, thread = start_http_server(port, addr=addr, registry=_scrape_registry())
    return MetricsServer(server, thread)


async def queue_depth(queue: object) -> int | None:
    """How many jobs wait in ``queue``: its ``depth()`` (sync or async) when it has one, else the queued
    jobs its ``jobs()`` lists (the in-process queues); None when it exposes neither or cannot answer."""
    queue = getattr(queue, "inner", queue)
    depth: Callable[[], object] | None = getattr(queue, "depth", None)
    try:
        if callable(depth):
            value: Any = depth()
            if inspect.isawaitable(value):
                value = await value
            return int(value)
        jobs: Callable[[], object] | None = getattr(queue, "jobs", None)
        if callable(jobs):
            listed = jobs()
            if isinstance(listed, tuple | list):
                return sum(1 for job in listed if getattr(job, "status", None) == "queued")
    except ResumaxError:
        return None  # the broker is unreachable: a missing series says so better than a stale number
    return None


async def observe_queue_depth(queue: object, metrics: Metrics | None = None) -> None:
    """Refresh ``resumax_queue_depth`` from ``queue`` before a scrape; a queue that cannot tell its
    depth has no series."""
    name = str(getattr(getattr(queue, "inner", queue), "name", "default"))
    (metrics or get_metrics()).set_queue_depth(name, await queue_depth(queue))


class MeteredDocumentParser:
    """A ``DocumentParser`` that counts the failures of ``inner`` by error code, then re-raises them."""

    def __init__(self, inner: DocumentParser, metrics: Metrics | None = None) -> None:
        self.inner = inner
        self._metrics = metrics

    async def parse(self, data: bytes, media_type: str) -> ParsedDocument:
        try:
            return await self.inner.parse(data, media_type)
        except ResumaxError as exc:
            (self._metrics or get_metrics()).count_parse_failure(exc.code)
            raise
        except Exception:
            (self._metrics or get_metrics()).count_parse_failure("internal_error")
            raise
