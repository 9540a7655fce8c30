"""The app the browser tests run: ``resumax_http.app.create_app`` with the web routes mounted.

Run by uvicorn in a subprocess (``python -m uvicorn --factory tests.e2e.server_app:create_test_app``)
until ``resumax serve`` mounts the web app itself; then the tests use ``resumax serve`` directly.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.routing import Mount

from resumax_http.app import create_app
from resumax_http.web import web_routes


def web_is_mounted(app: Starlette) -> bool:
    """True when the app already serves the web app's assets (``create_app`` mounts it itself)."""
    return any(isinstance(route, Mount) and route.path == "/static" for route in app.router.routes)


def create_test_app() -> Starlette:
    """The API app from the environment's settings, with the web routes in front of the API's."""
    app = create_app()
    if not web_is_mounted(app):
        app.router.routes[0:0] = web_routes()
    return app
