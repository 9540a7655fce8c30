"""The Starlette application factory: ``create_app(settings=None, **bootstrap_overrides)``.

Nothing is built at import time. ``create_app`` reads the settings (``Settings.from_env()`` by default),
sets up the process's logs, traces and metrics (``configure_observability``), and assembles the routes
(the web app's pages and assets, then the API) and the middleware; resuMAX itself is wired and started
by the app's lifespan (database migrations, the in-process worker) and closed when the server stops.
Run it with ``uvicorn --factory resumax_http.app:create_app`` or ``resumax serve``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Scope

from resumax_adapters import Settings, bootstrap
from resumax_adapters.observability import configure_observability
from resumax_core.errors import ResumaxError
from resumax_http.config import ApiConfig
from resumax_http.errors import ApiError, handle_exception
from resumax_http.middleware import BodySizeLimitMiddleware, RequestContextMiddleware, error_code_of
from resumax_http.openapi import build_openapi
from resumax_http.routes import api_routes
from resumax_http.web import web_routes

UPLOAD_ROUTES = frozenset({("PUT", "/blobs/upload"), ("POST", "/resumes")})
JSON_OR_UPLOAD_ROUTES = frozenset({("POST", "/job-descriptions")})
"""Routes that take JSON, or a file when the body is multipart/form-data."""


def _body_limits(settings: Settings, config: ApiConfig) -> Any:
    upload_limit = settings.max_upload_bytes + config.multipart_overhead_bytes

    def limit_for(scope: Scope) -> int:
        route = (scope.get("method"), scope.get("path"))
        if route in UPLOAD_ROUTES:
            return upload_limit
        if route in JSON_OR_UPLOAD_ROUTES:
            media = Headers(scope=scope).get("content-type", "").split(";")[0].strip().lower()
            return upload_limit if media == "multipart/form-data" else config.max_json_bytes
        return config.max_json_bytes

    return limit_for


async def _handle_and_note(request: Request, exc: Exception) -> Response:
    """``handle_exception``, noting the answer's error code for the access log and the error metric."""
    response = await handle_exception(request, exc)
    request.state.error_code = error_code_of(response)
    return response


def create_app(
    settings: Settings | None = None, *, api_config: ApiConfig | None = None, **bootstrap_overrides: Any
) -> Starlette:
    """The resuMAX HTTP API. ``bootstrap_overrides`` go to ``bootstrap`` (tests pass fakes there);
    ``api_config`` tunes HTTP-only limits and timings."""
    settings = settings or Settings.from_env()
    config = api_config or ApiConfig()
    configure_observability(settings, service_name="resumax-api")

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with bootstrap(settings, **bootstrap_overrides) as resumax:
            app.state.resumax = resumax
            try:
                yield
            finally:
                del app.state.resumax

    routes = api_routes()
    # The web app's pages first: /verify-email and /reset-password (the emailed links) are its pages.
    all_routes = [*web_routes(), *routes]
    app = Starlette(
        routes=all_routes,
        middleware=[
            Middleware(RequestContextMiddleware, routes=all_routes),
            Middleware(BodySizeLimitMiddleware, limit_for=_body_limits(settings, config)),
        ],
        exception_handlers={
            ApiError: _handle_and_note,
            ResumaxError: _handle_and_note,
            HTTPException: _handle_and_note,
        },
        lifespan=lifespan,
    )
    app.state.api_config = config
    app.state.openapi = build_openapi(routes)
    return app
