"""Driving the HTTP API in tests: an app on memory:// (or a temp SQLite), a client, and the sign-up flow."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from email import policy
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import httpx
from starlette.applications import Starlette

from resumax_adapters import Resumax, Settings
from resumax_http.app import create_app
from resumax_http.config import ApiConfig, Throttle

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SECRET = "test-secret-key-that-is-long-enough-to-sign-everything"
PASSWORD = "correct horse battery staple 42"
BASE_URL = "http://testserver"

FAST = ApiConfig(
    sse_poll_seconds=0.01,
    sse_heartbeat_seconds=0.05,
    sse_max_seconds=20,
    auth_per_ip=Throttle(1000, 60),
    optimize_per_user=Throttle(1000, 60),
)


def memory_settings(tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "data_dir": tmp_path,
        "database_url": "memory://",
        "storage_url": "memory://",
        "queue_url": "inprocess://",
        "mail_url": "memory://",
        "secret_key": SECRET,
        "argon2_time_cost": 2,
        "argon2_memory_kib": 19_456,
        "base_url": BASE_URL,
    }
    values.update(overrides)
    return Settings(**values)


def sqlite_settings(tmp_path: Path, **overrides: Any) -> Settings:
    """A temp SQLite database, files on disk and the outbox mailer: the embedded default, in a folder."""
    values: dict[str, Any] = {
        "database_url": f"sqlite+aiosqlite:///{tmp_path / 'resumax.db'}",
        "storage_url": (tmp_path / "blobs").as_uri(),
        "mail_url": "outbox://",
    }
    values.update(overrides)
    return memory_settings(tmp_path, **values)


class Api:
    """A running app and a client for it, with the steps most tests start with."""

    def __init__(self, app: Starlette, client: httpx.AsyncClient) -> None:
        self.app, self.client = app, client

    @property
    def resumax(self) -> Resumax:
        resumax = self.app.state.resumax
        assert isinstance(resumax, Resumax)
        return resumax

    def email_text(self, to: str) -> str:
        """The newest email to ``to`` (from the in-memory mailer or the outbox folder)."""
        mailer = self.resumax.mailer
        latest = mailer.latest(to)  # type: ignore[attr-defined]
        assert latest is not None, f"no email to {to}"
        if isinstance(latest, Path):
            message = BytesParser(policy=policy.default).parsebytes(latest.read_bytes())
            body = message.get_body(preferencelist=("plain",))
            assert body is not None
            return str(body.get_content())
        return str(latest.text)

    def emailed_token(self, to: str, path: str) -> str:
        """The token of the ``{base_url}{path}?token=`` link in the newest email to ``to``."""
        text = self.email_text(to)
        match = re.search(re.escape(f"{path}?token=") + r"([A-Za-z0-9._~%-]+)", text)
        assert match, f"no {path} link in the email to {to}"
        return httpx.URL(f"{BASE_URL}{path}?token={match.group(1)}").params["token"]

    async def register(
        self, email: str, password: str = PASSWORD, name: str = "Ada Lovelace"
    ) -> httpx.Response:
        return await self.client.post(
            "/auth/register", json={"email": email, "password": password, "name": name}
        )

    async def login(self, email: str, password: str = PASSWORD) -> dict[str, Any]:
        response = await self.client.post("/auth/login", json={"email": email, "password": password})
        assert response.status_code == 200, response.text
        return dict(response.json())

    async def signup(self, email: str, password: str = PASSWORD, *, verify: bool = True) -> dict[str, Any]:
        """Register, confirm the email through the emailed link, and log in: the login response."""
        response = await self.register(email, password)
        assert response.status_code == 202, response.text
        if verify:
            token = self.emailed_token(email, "/verify-email")
            verified = await self.client.post("/auth/verify", json={"token": token})
            assert verified.status_code == 200, verified.text
        return await self.login(email, password)

    async def user(self, email: str, password: str = PASSWORD) -> dict[str, str]:
        """Sign up and return the Authorization header of the new user."""
        session = await self.signup(email, password)
        return bearer(session["accessToken"])

    async def upload_resume(self, headers: dict[str, str], text: str | None = None) -> dict[str, Any]:
        """Upload a text resume directly (multipart) and return it, parsed."""
        data = (text if text is not None else (EXAMPLES / "resume.txt").read_text()).encode()
        response = await self.client.post(
            "/resumes",
            headers=headers,
            files={"file": ("resume.txt", data, "text/plain")},
            data={"title": "Mine"},
        )
        assert response.status_code == 201, response.text
        return dict(response.json())

    async def add_job(self, headers: dict[str, str], text: str | None = None) -> dict[str, Any]:
        body = {"text": text if text is not None else (EXAMPLES / "job.txt").read_text()}
        response = await self.client.post("/job-descriptions", headers=headers, json=body)
        assert response.status_code == 201, response.text
        return dict(response.json())

    async def completed_optimization(
        self, headers: dict[str, str], resume_id: str, job_id: str
    ) -> dict[str, Any]:
        response = await self.client.post(
            "/optimize", headers=headers, json={"resumeId": resume_id, "jobDescriptionId": job_id}
        )
        assert response.status_code == 202, response.text
        return await self.wait_for(headers, response.json()["optimizationId"])

    async def wait_for(self, headers: dict[str, str], optimization_id: str) -> dict[str, Any]:
        for _ in range(500):
            polled = await self.client.get(f"/optimize/{optimization_id}", headers=headers)
            assert polled.status_code == 200, polled.text
            body = dict(polled.json())
            if body["status"] in ("completed", "failed"):
                return body
            await asyncio.sleep(0.01)
        raise AssertionError("the optimization did not finish")

    async def version(self, headers: dict[str, str]) -> tuple[dict[str, Any], dict[str, Any]]:
        """A resume, a job, a completed optimization and an accepted version: (optimization, version)."""
        resume = await self.upload_resume(headers)
        job = await self.add_job(headers)
        optimization = await self.completed_optimization(headers, resume["id"], job["id"])
        assert optimization["status"] == "completed", optimization
        accepted = await self.client.post(
            f"/optimize/{optimization['id']}/accept", headers=headers, json={"applyAll": True}
        )
        assert accepted.status_code == 201, accepted.text
        return optimization, dict(accepted.json())


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@asynccontextmanager
async def running(
    settings: Settings, *, api_config: ApiConfig = FAST, **overrides: Any
) -> AsyncIterator[Api]:
    """Start an app (its lifespan) and give a client for it; stop it afterwards."""
    app = create_app(settings, api_config=api_config, **overrides)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=BASE_URL) as client:
            yield Api(app, client)


def sse_events(text: str) -> list[tuple[str, Any]]:
    """The (event, data) pairs of an event stream; comments and retry lines are skipped."""
    events: list[tuple[str, Any]] = []
    for block in text.split("\n\n"):
        name, data = "message", None
        for line in block.splitlines():
            if line.startswith("event: "):
                name = line[len("event: ") :]
            elif line.startswith("data: "):
                data = json.loads(line[len("data: ") :])
        if data is not None:
            events.append((name, data))
    return events
