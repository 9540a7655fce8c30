"""``resumax serve``: run the HTTP API with uvicorn on the embedded defaults (in-process worker included)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

import typer

from resumax_adapters import Settings
from resumax_cli.runtime import guarded

APP_FACTORY = "resumax_http.app:create_app"


def log_config(level: str) -> dict[str, Any]:
    """uvicorn's and resuMAX's loggers go to the root handler the app configures (structured, redacted)."""
    upper = level.upper()
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "loggers": {
            "uvicorn": {"level": upper, "handlers": [], "propagate": True},
            "uvicorn.error": {"level": upper, "propagate": True},
            "uvicorn.access": {"level": "WARNING", "propagate": True},
            "resumax": {"level": upper, "propagate": True},
        },
    }


def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    reload: Annotated[
        bool, typer.Option("--reload/--no-reload", help="Restart when the code changes (development).")
    ] = False,
) -> None:
    """Serve the resuMAX API and its docs (/docs) with the in-process worker.

    Emails are written to the outbox folder unless RESUMAX_MAIL_URL says otherwise: open the
    verification email there and follow its link.
    """
    import uvicorn

    address = f"http://{host}:{port}"
    if "RESUMAX_BASE_URL" not in os.environ and host not in ("0.0.0.0", "::"):
        # Links in emails must reach this server; the app (and a reloader's child) reads this variable.
        os.environ["RESUMAX_BASE_URL"] = address
    settings = guarded(Settings.from_env)
    typer.echo(f"resuMAX API on {address} (docs at {address}/docs)")
    if urlsplit(settings.mail_url).scheme == "outbox":
        typer.echo(f"Emails (verification and password reset links) go to {settings.outbox_dir}")
    if settings.base_url.rstrip("/") != address:
        typer.echo(f"Links in emails point to {settings.base_url} (set RESUMAX_BASE_URL to change it)")
    uvicorn.run(
        APP_FACTORY,
        factory=True,
        host=host,
        port=port,
        reload=reload,
        reload_dirs=[str(Path(__file__).resolve().parents[2])] if reload else None,
        # The API logs each request itself, without query strings: signed links carry tokens there.
        access_log=False,
        log_config=log_config(settings.log_level),
    )
