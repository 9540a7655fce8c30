"""The web app's routes without a browser: the HTML shell on every page path, its security and cache
headers, and the static assets' media types and revalidation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from resumax_http.web import CONTENT_SECURITY_POLICY, web_routes
from resumax_http.web.routes import STATIC_DIR, content_security_policy


@pytest.fixture
def client() -> Iterator[TestClient]:
    # Synchronous on purpose: the browser tests keep Playwright's event loop running in this thread.
    with TestClient(Starlette(routes=web_routes())) as test_client:
        yield test_client


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/app",
        "/app/optimizations/abc123",
        "/login",
        "/signup",
        "/verify-email?token=t",
        "/reset-password",
    ],
)
def test_every_page_path_answers_the_app_shell(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["cache-control"] == "no-cache"
    assert '<script type="module" src="/static/js/main.js"></script>' in response.text


def test_the_shell_has_no_inline_script_or_style() -> None:
    html = (STATIC_DIR / "index.html").read_text()
    assert re.findall(r"<script(?![^>]*\bsrc=)", html) == []
    assert "<style" not in html and "style=" not in html


def test_assets_reference_nothing_outside_the_origin() -> None:
    for path in STATIC_DIR.rglob("*"):
        if path.suffix in {".js", ".css", ".html"}:
            text = path.read_text()
            assert not re.search(r"(?:src|href)=\"https?://|@import|url\(\s*['\"]?https?:", text), path
            assert "innerHTML" not in text and "insertAdjacentHTML" not in text, path


def test_modules_are_served_as_javascript_and_revalidated(client: TestClient) -> None:
    response = client.get("/static/js/main.js")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/javascript; charset=utf-8"
    assert response.headers["cache-control"] == "no-cache"
    again = client.get("/static/js/main.js", headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304
    css = client.get("/static/css/app.css")
    assert css.headers["content-type"] == "text/css; charset=utf-8"


def test_static_files_stay_inside_their_folder(client: TestClient) -> None:
    assert (client.get("/static/../routes.py")).status_code == 404
    assert (client.get("/static/%2e%2e/routes.py")).status_code == 404
    assert (client.get("/static/js/missing.js")).status_code == 404


def test_every_module_import_resolves() -> None:
    for module in (STATIC_DIR / "js").rglob("*.js"):
        for target in re.findall(r"^import [^;]*? from \"(\.[^\"]+)\";", module.read_text(), flags=re.M):
            assert (module.parent / target).resolve().is_file(), f"{module.name} imports missing {target}"


def test_with_s3_storage_the_page_may_upload_to_the_bucket() -> None:
    assert content_security_policy(None) == CONTENT_SECURITY_POLICY
    assert content_security_policy("file:///data/blobs") == CONTENT_SECURITY_POLICY
    policy = content_security_policy("s3://bucket/prefix", "http://127.0.0.1:9000")
    assert "connect-src 'self' http://127.0.0.1:9000;" in policy
    assert "connect-src 'self' https://*.amazonaws.com;" in content_security_policy("s3://bucket")
    assert Path(STATIC_DIR / "index.html").is_file()
