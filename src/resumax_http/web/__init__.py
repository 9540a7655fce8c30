"""The resuMAX web app: hand-written ES modules and CSS served by ``resumax serve`` on the API's origin.

``web_routes()`` returns the routes to mount: the single-page app's HTML on ``/``, ``/app/…`` and the
public pages (``/login``, ``/signup``, ``/verify-email``, ``/reset-password``), and the static assets
under ``/static``. No build step and no third-party hosts: every asset ships inside this package.
"""

from __future__ import annotations

from resumax_http.web.routes import CONTENT_SECURITY_POLICY, web_routes

__all__ = ["CONTENT_SECURITY_POLICY", "web_routes"]
