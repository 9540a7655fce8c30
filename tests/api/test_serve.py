"""``resumax serve`` and the app factory uvicorn calls: settings from the environment, nothing at import."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import httpx
import pytest
import typer
import uvicorn
from typer.testing import CliRunner

from resumax_cli.commands.serve import APP_FACTORY, serve
from resumax_http.app import create_app


def _cli() -> typer.Typer:
    cli = typer.Typer()
    cli.command()(serve)
    return cli


def test_serve_runs_uvicorn_with_the_factory_and_says_where_the_outbox_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[str, dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: calls.append((app, kwargs)))
    monkeypatch.setenv("RESUMAX_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("RESUMAX_MAIL_URL", raising=False)
    monkeypatch.delenv("RESUMAX_BASE_URL", raising=False)

    result = CliRunner().invoke(_cli(), ["--port", "8123", "--host", "0.0.0.0"])
    assert result.exit_code == 0, result.output
    assert str(tmp_path / "outbox") in result.output
    assert "http://0.0.0.0:8123/docs" in result.output
    assert "Links in emails point to http://127.0.0.1:8000" in result.output
    (target, options) = calls[0]
    assert target == APP_FACTORY == "resumax_http.app:create_app"
    assert options["factory"] is True and options["reload"] is False
    assert (options["host"], options["port"]) == ("0.0.0.0", 8123)
    assert options["access_log"] is False, "the API logs requests itself, without query-string tokens"
    assert "resumax" in options["log_config"]["loggers"]

    CliRunner().invoke(_cli(), ["--reload"])
    assert calls[-1][1]["reload"] is True and calls[-1][1]["reload_dirs"]


def test_serve_reports_bad_configuration_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: pytest.fail("must not start"))
    monkeypatch.setenv("RESUMAX_SECRET_KEY", "too-short")
    result = CliRunner().invoke(_cli(), [])
    assert result.exit_code != 0
    assert "RESUMAX_SECRET_KEY" in result.output


async def test_the_factory_reads_the_environment_and_builds_nothing_at_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = importlib.import_module("resumax_http.app")
    assert not [name for name, value in vars(module).items() if type(value).__name__ == "Starlette"]
    monkeypatch.setenv("RESUMAX_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("RESUMAX_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'served.db'}")
    app = create_app()
    assert not (tmp_path / "served.db").exists(), "nothing connects before the lifespan starts"
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            assert (await client.get("/readyz")).status_code == 200
    assert (tmp_path / "served.db").exists()
