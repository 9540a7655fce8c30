"""``configure_observability(settings)``: logs, traces and metrics for one process, called by each shell."""

from __future__ import annotations

from typing import Any, TextIO

from prometheus_client import disable_created_metrics

from resumax_adapters.observability.logging import configure_logging
from resumax_adapters.observability.metrics import get_metrics
from resumax_adapters.observability.tracing import configure_tracing, span_exporter_named
from resumax_adapters.settings import Settings


def configure_observability(
    settings: Settings,
    *,
    service_name: str = "resumax",
    log_stream: TextIO | None = None,
    span_exporter: Any | None = None,
) -> None:
    """Set up this process's observability from ``settings``: every logger as JSON lines
    (``log_json``) or console lines at ``log_level``, the OpenTelemetry SDK (when installed) exporting to
    ``span_exporter`` or to the exporter the settings name, and the metrics collectors.

    Idempotent: calling it again replaces the log handler and adds no exporter twice. ``create_app`` and
    the worker entry point call it; nothing does at import time.
    """
    configure_logging(settings.log_level, json=settings.log_json, stream=log_stream)
    if span_exporter is not None:
        configure_tracing(span_exporter, service_name=service_name)
    else:
        # Settings has no trace_exporter field yet; read it once it does, default "none".
        name = settings.trace_exporter
        configure_tracing(span_exporter_named(name), service_name=service_name, key=f"named:{name}")
    # ``*_created`` series double the series count and no dashboard of ours reads them.
    disable_created_metrics()  # type: ignore[no-untyped-call]
    get_metrics()
