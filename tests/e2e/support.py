"""Helpers of the browser tests: the server handle, the outbox, API seeding and page utilities."""

from __future__ import annotations

import email
import importlib.util
import json
import os
import re
import shutil
import time
from email import policy
from pathlib import Path
from typing import Any

import httpx
import pytest
from attrs import frozen

E2E_DIR = Path(__file__).resolve().parent
ARTIFACTS_DIR = E2E_DIR / "artifacts"
EXAMPLES_DIR = E2E_DIR.parents[1] / "examples"

BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
PASSWORD = "correct horse battery staple 42"


def chromium_path() -> str | None:
    """Debian's Chromium on PATH (Playwright's own browser builds are never downloaded)."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def skip_without_browser() -> None:
    """At a test module's top: skip it when Playwright or Chromium is missing, or fail when the
    environment says a browser is required (``RESUMAX_REQUIRE_BROWSER=1``)."""
    reason = None
    if importlib.util.find_spec("playwright") is None:
        reason = (
            "the playwright package is not installed (pip install playwright; never `playwright install`)"
        )
    elif chromium_path() is None:
        reason = "no chromium on PATH (apt-get install -y chromium)"
    if reason is None:
        return
    if os.environ.get("RESUMAX_REQUIRE_BROWSER") == "1":
        pytest.fail(f"RESUMAX_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason}", allow_module_level=True)


@frozen
class Server:
    """A running resuMAX server: where it listens and where it keeps its data and outbox."""

    base_url: str
    data_dir: Path
    outbox_dir: Path
    log_path: Path

    def url(self, path: str) -> str:
        return self.base_url + path


def _body_text(path: Path) -> tuple[str, str]:
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    part = message.get_body(preferencelist=("plain", "html"))
    body = part.get_content() if part is not None else ""
    return str(message.get("To", "")), str(body)


def link_from_outbox(server: Server, to: str, path: str, *, timeout: float = 15.0) -> str:
    """The newest link to ``path`` (e.g. ``/verify-email``) in an email to ``to`` in the outbox."""
    pattern = re.compile(re.escape(server.base_url + path) + r"\?token=[^\s\"'<>]+")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found: list[tuple[str, str]] = []
        if server.outbox_dir.is_dir():
            for file in sorted(server.outbox_dir.glob("*.eml")):
                recipient, body = _body_text(file)
                if recipient.casefold() == to.casefold():
                    found.extend((file.name, match) for match in pattern.findall(body))
        if found:
            return sorted(found)[-1][1]
        time.sleep(0.2)
    raise AssertionError(f"no email to {to} with a {path} link in {server.outbox_dir}")


class ApiUser:
    """A user made through the HTTP API, for tests that need data without clicking through it."""

    def __init__(self, server: Server, email_address: str, name: str) -> None:
        self.server, self.email, self.name = server, email_address, name
        self.client = httpx.Client(base_url=server.base_url, timeout=30)
        self.access_token = ""

    def close(self) -> None:
        self.client.close()

    def _auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.access_token}"}

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self.client.request(method, path, headers=self._auth(), **kwargs)
        assert response.status_code < 400, (method, path, response.status_code, response.text)
        return response.json() if response.content else None

    def register(self, *, verify: bool = True) -> ApiUser:
        response = self.client.post(
            "/auth/register", json={"email": self.email, "password": PASSWORD, "name": self.name}
        )
        assert response.status_code == 202, response.text
        if verify:
            token = link_from_outbox(self.server, self.email, "/verify-email").split("token=", 1)[1]
            verified = self.client.post("/auth/verify", json={"token": token})
            assert verified.status_code == 200, verified.text
        return self

    def login(self) -> ApiUser:
        response = self.client.post("/auth/login", json={"email": self.email, "password": PASSWORD})
        assert response.status_code == 200, response.text
        self.access_token = response.json()["accessToken"]
        return self

    def upload_resume(self, path: Path) -> dict[str, Any]:
        data = path.read_bytes()
        presigned = self.call(
            "POST",
            "/resumes/presign",
            json={"filename": path.name, "mimeType": "text/plain", "size": len(data)},
        )
        put = httpx.put(presigned["uploadUrl"], content=data, headers=presigned["headers"], timeout=30)
        assert put.status_code < 300, put.text
        resume_id = presigned["resumeId"]
        self.call("POST", f"/resumes/{resume_id}/parse")
        return self.wait_for(f"/resumes/{resume_id}", "parseStatus")

    def add_job(self, path: Path) -> dict[str, Any]:
        return self.call("POST", "/job-descriptions", json={"text": path.read_text()})

    def optimize(self, resume_id: str, job_id: str) -> dict[str, Any]:
        started = self.call("POST", "/optimize", json={"resumeId": resume_id, "jobDescriptionId": job_id})
        return self.wait_for(f"/optimize/{started['optimizationId']}", "status")

    def wait_for(self, path: str, field: str, *, timeout: float = 60.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            record: dict[str, Any] = self.call("GET", path)
            if record[field] in ("completed", "failed"):
                assert record[field] == "completed", record
                return record
            time.sleep(0.3)
        raise AssertionError(f"{path} did not finish")

    def session_script(self) -> str:
        """An init script that puts this user's access token in the tab, as the app does after login."""
        token = json.dumps(self.access_token)
        return (
            f"try {{ sessionStorage.setItem('resumax.accessToken', {token});"
            " sessionStorage.setItem('resumax.accessExpiresAt', String(Date.now() + 600000)); } catch (e) {}"
        )
