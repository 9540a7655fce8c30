"""Health, readiness, metrics, the OpenAPI document and the interactive docs page."""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.responses import JSONResponse, Response

from resumax_adapters import Resumax
from resumax_adapters.observability import observe_queue_depth, render_metrics
from resumax_http import docs_page
from resumax_http.endpoint import Call, Operation, Raw, endpoint, json_response
from resumax_http.schemas.common import HealthOut, MetaOut

TAG = "system"
PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
_HTML = Raw(media_types=("text/html",), description="An HTML page.")


def _page(html: str) -> Response:
    return Response(
        html, media_type="text/html; charset=utf-8", headers={"Content-Security-Policy": PAGE_POLICY}
    )


def _asset(text: str, media_type: str) -> Response:
    return Response(text, media_type=media_type, headers={"Cache-Control": "public, max-age=3600"})


@endpoint(Operation(summary="Liveness: the process answers", tag=TAG, auth=False, responses={200: HealthOut}))
async def healthz(call: Call) -> Response:
    return json_response(HealthOut(status="ok"))


@endpoint(
    Operation(
        summary="Readiness: the database answers",
        description="503 while starting, stopping, or when the database is unavailable.",
        tag=TAG,
        auth=False,
        responses={200: HealthOut},
    )
)
async def readyz(call: Call) -> Response:
    async with call.app.uow() as uow:
        await uow.users.get("readiness-probe")
    return json_response(HealthOut(status="ready", checks={"database": "ok"}))


@endpoint(
    Operation(
        summary="Server facts for clients: email delivery, the upload limit, export templates",
        description=(
            "The outbox folder is named only when the server's public address is this machine (a local "
            "install), so a person can open the verification email there."
        ),
        tag=TAG,
        auth=False,
        responses={200: MetaOut},
    )
)
async def meta(call: Call) -> Response:
    settings = call.app.settings
    mode = urlsplit(settings.mail_url).scheme or "outbox"
    local = urlsplit(settings.base_url).hostname in ("127.0.0.1", "localhost", "::1")
    templates = list(call.app.render_document.templates)
    return json_response(
        MetaOut(
            mail_mode=mode,
            outbox_dir=str(settings.outbox_dir) if mode == "outbox" and local else None,
            max_upload_bytes=settings.max_upload_bytes,
            templates=templates,
            default_template=settings.default_template
            if settings.default_template in templates
            else templates[0],
        )
    )


@endpoint(
    Operation(
        summary="Prometheus metrics",
        description=(
            "Request latency and errors by route template, queue depth, job durations, parse and "
            "language-model failures, in the Prometheus text format. Expose it to the scraper only."
        ),
        tag=TAG,
        auth=False,
        responses={200: Raw(media_types=("text/plain",), description="Prometheus text format 0.0.4.")},
    )
)
async def metrics(call: Call) -> Response:
    running = getattr(call.request.app.state, "resumax", None)
    if isinstance(running, Resumax):
        await observe_queue_depth(running.queue)
    body, content_type = render_metrics()
    return Response(body, headers={"Content-Type": content_type})


@endpoint(
    Operation(
        summary="This API's OpenAPI 3.1 document",
        tag=TAG,
        auth=False,
        responses={200: Raw(media_types=("application/json",), schema={"type": "object"})},
    )
)
async def openapi_document(call: Call) -> Response:
    return JSONResponse(call.request.app.state.openapi)


@endpoint(Operation(summary="Interactive API documentation", tag=TAG, auth=False, responses={200: _HTML}))
async def docs(call: Call) -> Response:
    return _page(docs_page.DOCS_HTML)


@endpoint(
    Operation(
        summary="The docs page's script",
        tag=TAG,
        auth=False,
        responses={200: Raw(media_types=("text/javascript",))},
    )
)
async def docs_script(call: Call) -> Response:
    return _asset(docs_page.DOCS_JS, "text/javascript; charset=utf-8")


@endpoint(
    Operation(
        summary="The docs page's stylesheet",
        tag=TAG,
        auth=False,
        responses={200: Raw(media_types=("text/css",))},
    )
)
async def stylesheet(call: Call) -> Response:
    return _asset(docs_page.STYLESHEET, "text/css; charset=utf-8")
