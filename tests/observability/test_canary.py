"""The canary test (SECURITY 31): a whole user journey through the API with marked secrets and text, and
not one of them in any log line (structlog's or the standard library's, every logger, at DEBUG, raw or
rendered), span, metric or job record."""

from __future__ import annotations

import asyncio
import io
import json
import logging
from typing import Any

import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from resumax_adapters import Settings
from tests.api.support import EXAMPLES, Api, bearer
from tests.observability.support import CLIENT_LOGGERS, observed_api, server_lines

EMAIL = "canary.7f3a9c@example.com"
PASSWORD = "Canary-Pass-7f3a9c-first"
NEW_PASSWORD = "Canary-Pass-7f3a9c-second"
RESET_PASSWORD = "Canary-Pass-7f3a9c-third"
NAME = "Canary Name 7f3a9c"
RESUME_TEXT = "CANARYRESUME7f3a9c"
UPLOADED_TEXT = "CANARYUPLOAD7f3a9c"
JOB_TEXT = "CANARYJOB7f3a9c"


async def _wait_parsed(api: Api, headers: dict[str, str], resume_id: str) -> dict[str, Any]:
    for _ in range(500):
        resume = dict((await api.client.get(f"/resumes/{resume_id}", headers=headers)).json())
        if resume["parseStatus"] in ("completed", "failed"):
            return resume
        await asyncio.sleep(0.01)
    raise AssertionError("the resume was not parsed")


async def _journey(api: Api) -> dict[str, str]:
    """Every step a user takes, from sign-up to a downloaded export and a reset password; returns the
    secrets it met on the way."""
    client, met = api.client, {}
    registered = await client.post(
        "/auth/register", json={"email": EMAIL, "password": PASSWORD, "name": NAME}
    )
    assert registered.status_code == 202
    met["verification token"] = api.emailed_token(EMAIL, "/verify-email")
    assert (await client.post("/auth/verify", json={"token": met["verification token"]})).status_code == 200
    wrong = await client.post("/auth/login", json={"email": EMAIL, "password": PASSWORD + "-wrong"})
    assert wrong.status_code == 401
    session = await api.login(EMAIL, PASSWORD)
    met["access token"], met["refresh token"] = session["accessToken"], session["refreshToken"]
    headers = bearer(session["accessToken"])
    notify = await client.put("/users/me", headers=headers, json={"preferences": {"notifyWhenReady": True}})
    assert notify.status_code == 200

    resume_text = (EXAMPLES / "resume.txt").read_text()
    marked = resume_text.replace(
        "Backend developer who builds", f"Backend developer {RESUME_TEXT} who builds"
    )
    data = marked.encode()
    upload = (
        await client.post(
            "/resumes/presign",
            headers=headers,
            json={"filename": "canary.txt", "mimeType": "text/plain", "size": len(data)},
        )
    ).json()
    met["upload link token"] = upload["uploadUrl"].split("token=")[1]
    assert (await client.put(upload["uploadUrl"], content=data, headers=upload["headers"])).status_code < 300
    assert (await client.post(f"/resumes/{upload['resumeId']}/parse", headers=headers)).status_code == 202
    parsed = await _wait_parsed(api, headers, upload["resumeId"])
    assert RESUME_TEXT in json.dumps(parsed["parsedSections"]), "the canary went through the pipeline"
    direct = await api.upload_resume(headers, resume_text.replace("Backend developer", UPLOADED_TEXT))
    assert UPLOADED_TEXT in json.dumps(direct["parsedSections"])

    job = await api.add_job(headers, (EXAMPLES / "job.txt").read_text() + f"\nNote: {JOB_TEXT}\n")
    optimization = await api.completed_optimization(headers, upload["resumeId"], job["id"])
    assert optimization["status"] == "completed"
    accepted = await client.post(
        f"/optimize/{optimization['id']}/accept", headers=headers, json={"applyAll": True}
    )
    assert accepted.status_code == 201
    export = await client.post(
        "/exports", headers=headers, json={"versionId": accepted.json()["id"], "format": "text"}
    )
    download_url = export.json()["downloadUrl"]
    met["download link token"] = download_url.split("token=")[1]
    downloaded = await client.get(download_url)
    assert downloaded.status_code == 200

    refreshed = await client.post("/auth/refresh", json={"refreshToken": session["refreshToken"]})
    met["rotated refresh token"] = refreshed.json()["refreshToken"]
    changed = await client.post(
        "/auth/password",
        headers=bearer(refreshed.json()["accessToken"]),
        json={"currentPassword": PASSWORD, "newPassword": NEW_PASSWORD},
    )
    assert changed.status_code == 200, changed.text
    met["session after the change"] = changed.json()["accessToken"]
    old = await client.post("/auth/login", json={"email": EMAIL, "password": PASSWORD})
    assert old.status_code == 401
    await client.post("/auth/password-reset/request", json={"email": EMAIL})
    met["reset token"] = api.emailed_token(EMAIL, "/reset-password")
    confirmed = await client.post(
        "/auth/password-reset/confirm", json={"token": met["reset token"], "newPassword": RESET_PASSWORD}
    )
    assert confirmed.status_code == 200, confirmed.text
    final = await api.login(EMAIL, RESET_PASSWORD)
    met["last refresh token"] = final["refreshToken"]
    logout = await client.post(
        "/auth/logout", headers=bearer(final["accessToken"]), json={"refreshToken": final["refreshToken"]}
    )
    assert logout.status_code in (200, 204)
    met["metrics"] = (await client.get("/metrics")).text
    return met


async def test_a_whole_journey_leaves_no_secret_and_no_text_in_logs_spans_metrics_or_jobs(
    settings: Settings, spans: InMemorySpanExporter, caplog: pytest.LogCaptureFixture
) -> None:
    rendered = io.StringIO()
    caplog.set_level(logging.DEBUG)
    async with observed_api(settings, log_stream=rendered) as api:
        met = await _journey(api)
        jobs = api.resumax.queue.jobs()  # type: ignore[attr-defined]

    raw = "\n".join(
        caplog.handler.format(record)
        for record in caplog.records
        if not record.name.startswith(CLIENT_LOGGERS)
    )
    lines = server_lines(rendered.getvalue())
    output = "\n".join(json.dumps(line) for line in lines)
    assert "POST /auth/login 401" in raw and '"status": 401' in output, "the journey was logged"
    assert any(line.get("task") == "run_optimization" for line in lines), "the worker's lines too"
    assert any(line.get("level") == "debug" for line in lines), "at DEBUG"
    span_text = "\n".join(
        json.dumps([span.name, dict(span.attributes or {}), span.status.description, len(span.events)])
        for span in spans.get_finished_spans()
    )
    assert "POST /optimize" in span_text and "run_optimization" in span_text
    job_records = json.dumps([[job.task, dict(job.args), job.error_code] for job in jobs])
    metrics = met.pop("metrics")

    canaries = {
        "email": EMAIL,
        "email's local part": EMAIL.split("@")[0],
        "password": PASSWORD,
        "new password": NEW_PASSWORD,
        "reset password": RESET_PASSWORD,
        "name": NAME,
        "resume text": RESUME_TEXT,
        "uploaded text": UPLOADED_TEXT,
        "job text": JOB_TEXT,
        **met,
    }
    for where, text in {
        "raw log records": raw,
        "rendered log lines": output,
        "spans": span_text,
        "metrics": metrics,
        "job records": job_records,
    }.items():
        for what, canary in canaries.items():
            assert canary not in text, f"the {what} reached the {where}"
