"""Browser tests of the web app: a real server process, Debian's Chromium driven by Playwright.

The server is ``resumax serve`` when the CLI has that command and the app mounts the web routes itself,
otherwise uvicorn running ``tests.e2e.server_app:create_test_app`` (the same app plus the web routes).
Every test module gets its own data directory with ``RESUMAX_MAIL_URL=outbox://``, so tests read the
verification and reset links from the outbox's ``.eml`` files, as a person on a local install would.

Without Playwright or a ``chromium`` binary on PATH the test modules skip (``support.skip_without_browser``),
unless ``RESUMAX_REQUIRE_BROWSER=1`` (then they fail). Screenshots go to ``tests/e2e/artifacts/``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.e2e.support import ARTIFACTS_DIR, BROWSER_ARGS, Server, chromium_path

REPO_ROOT = Path(__file__).resolve().parents[2]
MAX_UPLOAD_BYTES = 2_000_000
"""The server's upload limit in these tests: below the web app's own 10 MB check, so one test can
see the server refuse a file the browser let through."""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve_command_ready() -> bool:
    """True when ``resumax serve`` exists and the app it serves already mounts the web routes."""
    try:
        from resumax_cli.main import build_cli
        from resumax_http.app import create_app
        from tests.e2e.server_app import web_is_mounted
    except ImportError:
        return False
    names = {command.name for command in build_cli().registered_commands}
    return "serve" in names and web_is_mounted(create_app())


def _server_command(port: int) -> list[str]:
    if _serve_command_ready():
        return [sys.executable, "-m", "resumax_cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    return [
        sys.executable, "-m", "uvicorn", "--factory", "tests.e2e.server_app:create_test_app",
        "--host", "127.0.0.1", "--port", str(port), "--no-access-log",
    ]  # fmt: skip


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A real resuMAX server process on a free port, with its own data directory and outbox."""
    data_dir = tmp_path_factory.mktemp("resumax-data")
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "RESUMAX_DATA_DIR": str(data_dir),
        "RESUMAX_MAIL_URL": "outbox://",
        "RESUMAX_BASE_URL": base_url,
        "RESUMAX_MAX_UPLOAD_BYTES": str(MAX_UPLOAD_BYTES),
        "RESUMAX_ARGON2_TIME_COST": "2",
        "RESUMAX_ARGON2_MEMORY_KIB": "19456",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH", "")])),
    }
    for name in ("RESUMAX_DATABASE_URL", "RESUMAX_STORAGE_URL", "RESUMAX_QUEUE_URL", "RESUMAX_SECRET_KEY"):
        env.pop(name, None)
    log_path = data_dir / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            _server_command(port), cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            _wait_until_up(base_url, process, log_path)
            yield Server(
                base_url=base_url, data_dir=data_dir, outbox_dir=data_dir / "outbox", log_path=log_path
            )
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)


def _wait_until_up(base_url: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited early:\n{log_path.read_text(errors='replace')[-4000:]}")
        try:
            if httpx.get(f"{base_url}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the server did not start:\n{log_path.read_text(errors='replace')[-4000:]}")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Headless Debian Chromium (Playwright's own browsers are never downloaded).

    Module-scoped: Playwright's sync API keeps an event loop running in this thread while it is open,
    which would stop the asyncio tests of other modules from running their own."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=BROWSER_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Where screenshots go (gitignored); failure shots of an earlier run are removed first."""
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    for stale in ARTIFACTS_DIR.glob("failure-*.png"):
        stale.unlink()
    return ARTIFACTS_DIR


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Keep each phase's report on the item, so fixtures can tell whether the test failed."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
