"""ASGI middleware: request ids, access logs, metrics and traces, safety headers, the last-resort 500,
and body size caps.

Both classes are plain ASGI (not ``BaseHTTPMiddleware``) so streamed responses, event streams and
request bodies pass through untouched and unbuffered.
"""

from __future__ import annotations

import json
import logging
import re
import time
import traceback
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from resumax_adapters.observability.logging import log_access, request_context
from resumax_adapters.observability.metrics import UNMATCHED_ROUTE, get_metrics
from resumax_adapters.observability.tracing import (
    http_server_span,
    name_http_route,
    record_http_status,
)
from resumax_core.errors import ResumaxError
from resumax_http.errors import ApiError, payload_too_large, response_for

log = logging.getLogger("resumax.http")

REQUEST_ID_HEADER = "X-Request-ID"
_SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")

SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("X-Content-Type-Options", "nosniff"),
    ("Cache-Control", "no-store"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    ("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
)
"""Set on every response unless the route chose its own value (the docs page sets its own CSP)."""
_RAW_SECURITY_HEADERS = tuple((name.lower().encode(), value.encode()) for name, value in SECURITY_HEADERS)
_RAW_REQUEST_ID_HEADER = REQUEST_ID_HEADER.lower().encode()


def loggable_path(path: str) -> str:
    """The path as one safe log token: control and non-ASCII characters escaped, at most 200 chars."""
    return path.encode("unicode_escape").decode("ascii")[:200]


def incoming_request_id(headers: Headers) -> str:
    """The caller's X-Request-ID when it is a plain token of 8–128 safe characters, else a new one."""
    offered = headers.get(REQUEST_ID_HEADER)
    if offered is not None and _SANE_REQUEST_ID.match(offered):
        return offered
    return uuid.uuid4().hex


def stamp_headers(message: Message, request_id: str) -> None:
    """Add the request id and every security header the response did not set itself to an
    ``http.response.start`` message (an existing request id header is replaced)."""
    raw: list[tuple[bytes, bytes]] = [
        (name, value) for name, value in message.get("headers", ()) if name.lower() != _RAW_REQUEST_ID_HEADER
    ]
    present = {name.lower() for name, _ in raw}
    raw.append((_RAW_REQUEST_ID_HEADER, request_id.encode("latin-1")))
    raw.extend(header for header in _RAW_SECURITY_HEADERS if header[0] not in present)
    message["headers"] = raw


def served_route(scope: Scope, routes: Sequence[BaseRoute]) -> str:
    """The template of the route that served ``scope``: the one the router recorded in the scope, else
    (a request refused before routing) the one it would have picked (``route_template``)."""
    matched = scope.get("route")
    if matched is not None:
        return str(getattr(matched, "path", UNMATCHED_ROUTE))
    return route_template(scope, routes)


def route_template(scope: Scope, routes: Sequence[BaseRoute]) -> str:
    """The path template of the route that will serve ``scope`` (``/resumes/{resumeId}``), as the router
    picks it (the first full match, else the first partial one, a 405); ``unmatched`` when none does."""
    partial: BaseRoute | None = None
    for route in routes:
        match, _ = route.matches(scope)
        if match is Match.FULL:
            return str(getattr(route, "path", UNMATCHED_ROUTE))
        if match is Match.PARTIAL and partial is None:
            partial = route
    return str(getattr(partial, "path", UNMATCHED_ROUTE)) if partial is not None else UNMATCHED_ROUTE


def error_code_of(response: Response) -> str | None:
    """The ``code`` of an error response's JSON body (``errors.error_body``), if it has one."""
    try:
        body = json.loads(bytes(getattr(response, "body", b"")))
    except (ValueError, TypeError):
        return None
    code = body.get("code") if isinstance(body, dict) else None
    return code if isinstance(code, str) else None


class RequestContextMiddleware:
    """Outermost layer: gives each request an id, stamps headers, answers a generic 500 for anything
    that escaped every handler, and observes the request: one access log line, the latency and error
    metrics by route template, and a server span; log lines written meanwhile carry the request id,
    the route and (once authenticated) the user id.

    The access log holds the method, the path without its query string (signed links carry tokens
    there), the route template, the status, the time taken, the error code, the request id and the user
    id: never bodies or headers. ``routes`` are the app's routes, to name each request's template.
    """

    def __init__(self, app: ASGIApp, *, routes: Sequence[BaseRoute] = ()) -> None:
        self.app = app
        self.routes = tuple(routes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = incoming_request_id(Headers(scope=scope))
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        method = str(scope.get("method", "-"))
        with (
            request_context(request_id, lambda: served_route(scope, self.routes), method, state),
            http_server_span(method, request_id) as span,
        ):
            status, route = await self._serve(scope, receive, send)
            name_http_route(span, method, route)
            record_http_status(span, status)

    async def _serve(self, scope: Scope, receive: Receive, send: Send) -> tuple[int, str]:
        """Serve the request; its status and route template."""
        state: dict[str, Any] = scope["state"]
        request_id: str = state["request_id"]
        started_at = time.perf_counter()
        outcome = {"status": 500, "started": False}

        async def stamped_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                outcome["status"], outcome["started"] = message["status"], True
                stamp_headers(message, request_id)
            await send(message)

        try:
            await self.app(scope, receive, stamped_send)
        except Exception as exc:  # noqa: BLE001 - the last resort: whatever escaped becomes a generic 500
            self._log_failure(exc, request_id)
            if not outcome["started"]:
                response = response_for(exc, request_id)
                state["error_code"] = error_code_of(response)
                await response(scope, receive, stamped_send)
        finally:
            status = int(outcome["status"])
            route = served_route(scope, self.routes)
            self._observe(scope, route, status, time.perf_counter() - started_at)
        return status, route

    @staticmethod
    def _observe(scope: Scope, route: str, status: int, seconds: float) -> None:
        state: dict[str, Any] = scope["state"]
        method, path = str(scope.get("method", "-")), loggable_path(str(scope.get("path", "-")))
        error_code = state.get("error_code") if status >= 400 else None
        fields: dict[str, Any] = {
            "method": method,
            "path": path,
            "route": route,
            "status": status,
            "latency_ms": round(seconds * 1000, 1),
            "request_id": state["request_id"],
        }
        if state.get("user_id") is not None:
            fields["user_id"] = state["user_id"]
        if error_code is not None:
            fields["error_code"] = error_code
        message = (
            f"{method} {path} {status} {seconds * 1000:.1f}ms "
            f"request_id={state['request_id']} user_id={state.get('user_id', '-')}"
        )
        log_access(log, message, fields)
        get_metrics().observe_request(method, route, status, seconds, error_code)

    @staticmethod
    def _log_failure(exc: Exception, request_id: str) -> None:
        if isinstance(exc, ApiError | ResumaxError):
            return
        # The frames, not the exception's text: messages of third-party errors can quote user data.
        frames = "".join(traceback.format_tb(exc.__traceback__))
        log.error("unhandled %s request_id=%s\n%s", type(exc).__name__, request_id, frames)


class BodySizeLimitMiddleware:
    """Refuses request bodies over the limit ``limit_for(scope)`` gives the route: at once when the
    declared Content-Length is over it, otherwise as soon as the bytes read pass it (413 either way),
    so an oversized body is never read whole."""

    def __init__(self, app: ASGIApp, *, limit_for: Callable[[Scope], int]) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope)
        declared = Headers(scope=scope).get("content-length")
        if declared is not None:
            if not declared.isascii() or not declared.isdigit():
                raise ApiError("malformed_request", "The Content-Length header is not valid.")
            if len(declared) > 18 or int(declared) > limit:
                raise payload_too_large(limit)
        received = 0

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise payload_too_large(limit)
            return message

        await self.app(scope, counted_receive, send)
