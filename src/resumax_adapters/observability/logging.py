"""Structured logs: every logger (structlog's and the standard library's) as JSON lines or console lines.

``configure_logging`` installs one handler on the root logger whose formatter is structlog's
``ProcessorFormatter``, so records from any library (uvicorn, RQ, SQLAlchemy, resuMAX's stdlib loggers)
and from structlog loggers come out alike: ``timestamp``, ``level``, ``logger``, ``event``, the request's
``request_id``, ``user_id`` and ``route`` while one is being served, any ``extra=`` fields (``status``,
``latency_ms``, ``error_code``, ...), ``trace_id``/``span_id`` inside a span, and ``exception`` as plain
text. Every event is redacted (``redact_event``) before anything renders it. Calling it again
replaces that handler (never two).

Request context: ``request_context`` marks the request being served. Its fields are read when a line is
logged, so the ``user_id`` that authentication stores in the request's state later still shows up, and
they vanish when the request ends, so tasks the request spawned (the in-process queue's workers) do not
keep stamping its id on their lines. ``job_context`` gives a job's lines the task and user instead.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any, Final, TextIO

import structlog
from attrs import define
from opentelemetry import trace

from resumax_adapters.observability.redaction import redact_event, redact_text

LEVELS: Final = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
_LEADING_KEYS: Final = ("timestamp", "level", "logger", "event")
_NOISE: Final = ("color_message",)
"""Extras some libraries attach that only repeat the message (uvicorn's ANSI-coloured copy)."""


@define
class RequestContext:
    """The request being served: its id, its route template (asked of ``route_of`` when a line is
    logged: the router finds the route after the request began), and its mutable state (``user_id``
    appears there once the caller is authenticated)."""

    request_id: str
    route_of: Callable[[], str]
    method: str
    state: Mapping[str, Any]
    active: bool = True

    @property
    def route(self) -> str:
        return self.route_of()


_request: ContextVar[RequestContext | None] = ContextVar("resumax_request", default=None)


@contextmanager
def request_context(
    request_id: str, route_of: Callable[[], str], method: str, state: Mapping[str, Any]
) -> Iterator[RequestContext]:
    """Stamp log lines written while the block runs with this request's id, route (``route_of``
    answers the template once the router knows it) and user."""
    context = RequestContext(request_id=request_id, route_of=route_of, method=method, state=state)
    token = _request.set(context)
    try:
        yield context
    finally:
        context.active = False
        _request.reset(token)


@contextmanager
def job_context(task: str, user_id: str | None) -> Iterator[None]:
    """Stamp a job's log lines with its task and user, and with nothing of the request that spawned the
    worker running it."""
    request_token = _request.set(None)
    saved = structlog.contextvars.get_contextvars()
    structlog.contextvars.clear_contextvars()
    structlog.contextvars.bind_contextvars(task=task, **({"user_id": user_id} if user_id else {}))
    try:
        yield
    finally:
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(**saved)
        _request.reset(request_token)


def add_request_context(
    _logger: object, _method: str, event_dict: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    """structlog processor: the current request's ``request_id``, ``user_id`` and ``route``."""
    context = _request.get()
    if context is None or not context.active:
        return event_dict
    event_dict.setdefault("request_id", context.request_id)
    event_dict.setdefault("route", context.route)
    user_id = context.state.get("user_id")
    if user_id is not None:
        event_dict.setdefault("user_id", user_id)
    return event_dict


def add_trace_ids(
    _logger: object, _method: str, event_dict: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    """structlog processor: ``trace_id`` and ``span_id`` of the span in progress, to join logs to traces."""
    context = trace.get_current_span().get_span_context()
    if context.is_valid:
        event_dict.setdefault("trace_id", format(context.trace_id, "032x"))
        event_dict.setdefault("span_id", format(context.span_id, "016x"))
    return event_dict


def _drop_noise(
    _logger: object, _method: str, event_dict: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    for key in _NOISE:
        event_dict.pop(key, None)
    return event_dict


def _leading_keys_first(
    _logger: object, _method: str, event_dict: MutableMapping[str, Any]
) -> dict[str, Any]:
    """The same event with timestamp, level, logger and event first, for people reading raw lines."""
    ordered = {key: event_dict[key] for key in _LEADING_KEYS if key in event_dict}
    ordered.update((key, value) for key, value in event_dict.items() if key not in ordered)
    return ordered


def _context_processors() -> list[Any]:
    return [
        structlog.contextvars.merge_contextvars,
        add_request_context,
        add_trace_ids,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True, key="timestamp"),
    ]


def _finishing_processors() -> list[Any]:
    return [
        structlog.processors.StackInfoRenderer(),
        # Plain tracebacks, never a renderer that prints frame locals (they hold passwords and text).
        structlog.processors.format_exc_info,
        redact_event,
        _leading_keys_first,
    ]


def _renderer(json: bool, stream: TextIO | None) -> tuple[Any, bool]:
    """The final renderer, and whether it renders console lines without colours."""
    if json:
        return structlog.processors.JSONRenderer(sort_keys=False), False
    target = stream if stream is not None else sys.stderr
    colors = bool(getattr(target, "isatty", lambda: False)())
    renderer = structlog.dev.ConsoleRenderer(colors=colors, exception_formatter=structlog.dev.plain_traceback)
    return renderer, not colors


ACCESS_FIELDS: Final = "resumax_access_fields"
"""The ``extra=`` key under which ``log_access`` hands its fields to the formatter."""


def log_access(logger: logging.Logger, message: str, fields: Mapping[str, Any]) -> None:
    """Log one access line: ``message`` for people, ``fields`` (each also a record attribute, as
    ``extra=`` makes them) for machines. The fields must be values the server produced itself (method,
    route template, status, ids, timings) plus the request path, the one piece of caller text, which
    the formatter redacts like any other string."""
    if logger.isEnabledFor(logging.INFO):
        logger.info(message, extra={**fields, ACCESS_FIELDS: fields})


def _utc_iso(created: float) -> str:
    return datetime.fromtimestamp(created, UTC).isoformat().replace("+00:00", "Z")


class ResumaxFormatter(structlog.stdlib.ProcessorFormatter):
    """structlog's ``ProcessorFormatter`` with a short path for access lines (``log_access``): one per
    request, so worth rendering directly with the same keys the full chain gives them, instead of
    through every processor. Every string in them is still redacted. Without colours, console access
    lines are laid out here the way structlog's console renderer lays them out."""

    def __init__(self, *, renderer: Any, plain_console: bool = False, **kwargs: Any) -> None:
        super().__init__(
            processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer], **kwargs
        )
        self._render = _plain_console_line if plain_console else renderer

    def format(self, record: logging.LogRecord) -> str:
        fields = record.__dict__.get(ACCESS_FIELDS)
        if not isinstance(fields, Mapping) or record.exc_info or record.stack_info:
            return super().format(record)
        event: dict[str, Any] = {
            "timestamp": _utc_iso(record.created),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": redact_text(record.getMessage()),
        }
        event.update(structlog.contextvars.get_contextvars())
        add_request_context(None, "", event)
        add_trace_ids(None, "", event)
        for key, value in fields.items():
            event[key] = redact_text(value) if isinstance(value, str) else value
        return str(self._render(None, "info", event))


def _plain_console_line(_logger: object, _method: str, event: Mapping[str, Any]) -> str:
    """``timestamp [level] event [logger] key=value...``, the other keys sorted, as structlog's
    ``ConsoleRenderer(colors=False)`` renders them."""
    rest = " ".join(f"{key}={event[key]}" for key in sorted(event) if key not in _LEADING_KEYS)
    return f"{event['timestamp']} [{event['level']:<9}] {event['event']:<30} [{event['logger']}] {rest}"


class ResumaxLogHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The handler ``configure_logging`` installs on the root logger (found again by its class). Without
    a stream it writes to whatever ``sys.stderr`` is when a line is logged (test runners swap it)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        logging.Handler.__init__(self)
        self._stream = stream

    @property
    def stream(self) -> TextIO:
        return self._stream if self._stream is not None else sys.stderr

    @stream.setter
    def stream(self, value: TextIO | None) -> None:
        self._stream = value


def configure_logging(level: str = "INFO", *, json: bool = True, stream: TextIO | None = None) -> None:
    """Send every log record to ``stream`` (default: the current stderr) as JSON lines (``json``) or
    console lines, at ``level`` and above. Idempotent: the handler it installed before is replaced."""
    name = level.upper()
    if name not in LEVELS:
        raise ValueError(f"unknown log level {level!r} (use one of {', '.join(LEVELS)})")
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            *_context_processors(),
            *_finishing_processors(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=False,
    )
    renderer, plain_console = _renderer(json, stream)
    formatter = ResumaxFormatter(
        foreign_pre_chain=[
            *_context_processors(),
            structlog.stdlib.ExtraAdder(),
            _drop_noise,
            *_finishing_processors(),
        ],
        renderer=renderer,
        plain_console=plain_console,
    )
    handler = ResumaxLogHandler(stream)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    for existing in list(root.handlers):
        if isinstance(existing, ResumaxLogHandler):
            root.removeHandler(existing)
    root.addHandler(handler)
    root.setLevel(name)
    # No line resuMAX writes shows the caller's file, thread or process: skip collecting them for every
    # record (the logging HOWTO's "Optimization" section).
    logging._srcfile = None
    logging.logThreads = False
    logging.logProcesses = False
    logging.logMultiprocessing = False


def installed_handler() -> logging.Handler | None:
    """The handler ``configure_logging`` installed, if any."""
    return next((h for h in logging.getLogger().handlers if isinstance(h, ResumaxLogHandler)), None)
