"""Routes of the web app: the HTML shell of the single-page app and its static assets.

Every page path answers the same ``index.html``; the script reads the URL and draws the page (history
fallback), so a reload or a link from an email lands where it points. The HTML carries a strict
Content-Security-Policy (no inline script or style anywhere in the app) and is revalidated on every
load; the assets under ``/static`` are revalidated too (``no-cache`` with an ETag, answered 304 when
unchanged), because their names carry no content hash and a stale module graph would mix versions.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import anyio
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import NotModifiedResponse, StaticFiles
from starlette.types import Scope

STATIC_DIR = Path(__file__).resolve().parent / "static"
INDEX_FILE = STATIC_DIR / "index.html"

PAGE_PATHS: tuple[str, ...] = (
    "/",
    "/app",
    "/app/{path:path}",
    "/login",
    "/signup",
    "/verify-email",
    "/reset-password",
)
"""Paths that answer the app's HTML; the client-side router decides what each one shows."""

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
"""The policy of the app's HTML with storage on the same origin (local disk)."""

ASSET_CACHE_CONTROL = "no-cache"
HTML_HEADERS: dict[str, str] = {
    "Cache-Control": "no-cache",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
_MEDIA_TYPES: dict[str, str] = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".svg": "image/svg+xml",
    ".json": "application/json",
}


def content_security_policy(storage_url: str | None = None, s3_endpoint_url: str | None = None) -> str:
    """The page policy. With S3 storage the browser uploads to the bucket, so ``connect-src`` lists it."""
    if not storage_url or not storage_url.lower().startswith("s3"):
        return CONTENT_SECURITY_POLICY
    if s3_endpoint_url:
        parts = urlsplit(s3_endpoint_url)
        bucket_origin = f"{parts.scheme}://{parts.netloc}" if parts.netloc else "https://*.amazonaws.com"
    else:
        bucket_origin = "https://*.amazonaws.com"
    return CONTENT_SECURITY_POLICY.replace("connect-src 'self'", f"connect-src 'self' {bucket_origin}")


def _policy_for(request: Request) -> str:
    resumax: Any = getattr(request.app.state, "resumax", None)
    settings = getattr(resumax, "settings", None)
    if settings is None:
        return CONTENT_SECURITY_POLICY
    return content_security_policy(settings.storage_url, settings.s3_endpoint_url)


async def app_page(request: Request) -> Response:
    """The single-page app's HTML, for every page path."""
    html = await anyio.Path(INDEX_FILE).read_bytes()
    headers = {**HTML_HEADERS, "Content-Security-Policy": _policy_for(request)}
    return Response(html, media_type="text/html; charset=utf-8", headers=headers)


class AppAssets(StaticFiles):
    """``StaticFiles`` with explicit JavaScript/CSS media types (module scripts need them under
    ``nosniff``, whatever the host's mimetypes table says) and revalidating cache headers."""

    def file_response(
        self,
        full_path: str | os.PathLike[str],
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        suffix = Path(full_path).suffix.lower()
        response = FileResponse(
            full_path,
            status_code=status_code,
            stat_result=stat_result,
            media_type=_MEDIA_TYPES.get(suffix),
            headers={"Cache-Control": ASSET_CACHE_CONTROL, "X-Content-Type-Options": "nosniff"},
        )
        if self.is_not_modified(response.headers, Headers(scope=scope)):
            return NotModifiedResponse(response.headers)
        return response


def web_routes() -> list[BaseRoute]:
    """The web app's routes. Mount them before the API's: ``/verify-email`` and ``/reset-password``
    are pages of the app."""
    pages: list[BaseRoute] = [Route(path, app_page, methods=["GET", "HEAD"]) for path in PAGE_PATHS]
    return [*pages, Mount("/static", app=AppAssets(directory=STATIC_DIR), name="static")]
