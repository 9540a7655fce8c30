"""Errors through HTTP: one shape, one status table, request ids, a generic 500, and hostile input."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from resumax_core.errors import (
    DatabaseUnavailable,
    RateLimited,
    ResumaxError,
    Unavailable,
    all_error_classes,
)
from resumax_http.errors import STATUS_BY_CODE, status_for
from tests.api.support import Api, memory_settings, running


def test_every_core_error_code_has_a_status() -> None:
    for cls in all_error_classes():
        assert cls.code in STATUS_BY_CODE, cls
    assert status_for(DatabaseUnavailable()) == 503
    assert status_for(RateLimited()) == 429

    class Unmapped(Unavailable):
        code = "brand_new_outage"

    assert status_for(Unmapped()) == 503, "an unmapped code inherits its parent's status"


async def test_errors_have_one_shape_and_a_request_id(api: Api) -> None:
    headers = await api.user("ada@example.com")
    cases = [
        ("GET", "/no/such/route", None, 404, "not_found"),
        ("DELETE", "/healthz", None, 405, "method_not_allowed"),
        ("GET", "/resumes/11111111-1111-4111-8111-111111111111", None, 404, "not_found"),
        ("GET", "/resumes/..%2F..%2Fetc", None, 404, "not_found"),
        ("POST", "/job-descriptions", {"text": 5}, 422, "invalid_input"),
        ("POST", "/job-descriptions", {}, 422, "invalid_input"),
        ("PATCH", "/resumes/11111111-1111-4111-8111-111111111111", {"title": ""}, 422, "invalid_input"),
    ]
    for method, path, body, status, code in cases:
        response = await api.client.request(method, path, headers=headers, json=body)
        assert response.status_code == status, (method, path, response.text)
        error = response.json()
        assert error["code"] == code
        assert error["message"]
        assert error["requestId"] == response.headers["x-request-id"]
        assert set(error) <= {"code", "message", "details", "requestId"}

    invalid = await api.client.post("/job-descriptions", headers=headers, json={"text": 5, "extra": 1})
    assert set(invalid.json()["details"]["fields"]) == {"text", "extra"}


async def test_bodies_that_are_not_json_objects(api: Api) -> None:
    headers = {**(await api.user("ada@example.com")), "Content-Type": "application/json"}
    malformed = await api.client.post("/job-descriptions", headers=headers, content=b'{"text": ')
    assert malformed.status_code == 400 and malformed.json()["code"] == "malformed_request"
    empty = await api.client.post("/job-descriptions", headers=headers, content=b"")
    assert empty.status_code == 422
    listed = await api.client.post("/job-descriptions", headers=headers, content=b"[]")
    assert listed.status_code == 422
    form = await api.client.post(
        "/job-descriptions", headers={"Authorization": headers["Authorization"]}, data={"text": "x" * 50}
    )
    assert form.status_code == 415 and form.json()["code"] == "unsupported_media_type"
    deep = b'{"text": ' + b"[" * 10_000 + b"]" * 10_000 + b"}"
    assert (await api.client.post("/job-descriptions", headers=headers, content=deep)).status_code in (
        400,
        422,
    )
    huge_number = b'{"filename": "a.txt", "mimeType": "text/plain", "size": ' + b"9" * 5000 + b"}"
    response = await api.client.post("/resumes/presign", headers=headers, content=huge_number)
    assert response.status_code in (400, 413, 422)
    lone_surrogate = b'{"text": "\\ud800 a job description long enough"}'
    assert (
        await api.client.post("/job-descriptions", headers=headers, content=lone_surrogate)
    ).status_code in (
        400,
        422,
    )


async def test_request_ids_are_echoed_when_sane_and_made_otherwise(api: Api) -> None:
    sane = await api.client.get("/healthz", headers={"X-Request-ID": "req-1234abcd"})
    assert sane.headers["x-request-id"] == "req-1234abcd"
    for insane in (b"short", b"has spaces in it", b"x" * 200, b"new\xe2\x80\xa8line", b"a;b=c<script>"):
        response = await api.client.get("/healthz", headers={"X-Request-ID": insane})
        assert response.headers["x-request-id"].encode() != insane
        assert len(response.headers["x-request-id"]) == 32
    error = await api.client.get("/nope", headers={"X-Request-ID": "trace-0000-1111"})
    assert error.json()["requestId"] == "trace-0000-1111"


async def test_an_unexpected_failure_is_a_generic_500_without_details(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    headers = await api.user("ada@example.com")

    detail = "-".join(("canary", "internal", "detail"))

    async def explode(user_id: str) -> None:
        raise RuntimeError(detail)

    api.resumax.list_resumes.execute = explode  # type: ignore[method-assign,assignment]
    with caplog.at_level(logging.INFO, logger="resumax"):
        response = await api.client.get("/resumes", headers=headers)
    assert response.status_code == 500
    body = response.json()
    assert body["code"] == "internal_error"
    assert (
        "canary" not in response.text
        and "Traceback" not in response.text
        and "RuntimeError" not in response.text
    )
    assert body["requestId"] == response.headers["x-request-id"]
    assert "canary" not in caplog.text
    assert f"unhandled RuntimeError request_id={body['requestId']}" in caplog.text


async def test_rate_limits_and_outages_map_to_429_and_503(api: Api) -> None:
    headers = await api.user("ada@example.com")

    async def busy(user_id: str) -> None:
        raise RateLimited(retry_after=7.2)

    async def down(user_id: str) -> None:
        raise DatabaseUnavailable()

    api.resumax.list_resumes.execute = busy  # type: ignore[method-assign,assignment]
    limited = await api.client.get("/resumes", headers=headers)
    assert limited.status_code == 429 and limited.headers["retry-after"] == "8"
    api.resumax.list_resumes.execute = down  # type: ignore[method-assign,assignment]
    unavailable = await api.client.get("/resumes", headers=headers)
    assert unavailable.status_code == 503 and unavailable.json()["code"] == "database_unavailable"

    async def base_error(user_id: str) -> None:
        raise ResumaxError("an internal message")

    api.resumax.list_resumes.execute = base_error  # type: ignore[method-assign,assignment]
    internal = await api.client.get("/resumes", headers=headers)
    assert internal.status_code == 500 and "an internal message" not in internal.text


async def test_health_and_readiness(api: Api) -> None:
    assert (await api.client.get("/healthz")).json() == {"status": "ok", "checks": {}}
    ready = await api.client.get("/readyz")
    assert ready.json() == {"status": "ready", "checks": {"database": "ok"}}

    class BrokenUnitOfWork:
        async def __aenter__(self) -> None:
            raise DatabaseUnavailable()

        async def __aexit__(self, *args: object) -> None:
            return None

    api.resumax.uow = BrokenUnitOfWork  # type: ignore[assignment]
    down = await api.client.get("/readyz")
    assert down.status_code == 503 and down.json()["code"] == "database_unavailable"
    assert "retry-after" in down.headers


async def test_an_app_that_is_not_started_answers_503(tmp_path: Path) -> None:
    from httpx import ASGITransport, AsyncClient

    from resumax_http.app import create_app

    app = create_app(memory_settings(tmp_path))
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://testserver") as client:
        assert (await client.get("/readyz")).status_code == 503
        assert (await client.get("/healthz")).status_code == 200


async def test_every_response_carries_the_safety_headers(api: Api) -> None:
    for path in ("/healthz", "/nope", "/docs", "/openapi.json"):
        response = await api.client.get(path)
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert response.headers["x-request-id"]


async def test_the_sqlite_app_starts_migrated(tmp_path: Path) -> None:
    from tests.api.support import sqlite_settings

    async with running(sqlite_settings(tmp_path)) as api:
        assert (await api.client.get("/readyz")).status_code == 200
        await api.signup("ada@example.com")


async def test_the_access_log_is_one_line_per_request(api: Api, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="resumax.http"):
        await api.client.get("/resumes/abc%0AERROR%20forged%20entry?token=secret-in-query")
    lines = [record.getMessage() for record in caplog.records if record.name == "resumax.http"]
    assert len(lines) == 1 and "\n" not in lines[0]
    assert lines[0].startswith("GET /resumes/abc\\nERROR forged entry 401")
    assert "secret-in-query" not in lines[0]


async def test_meta_names_the_outbox_only_on_a_local_install(tmp_path: Path) -> None:
    local = memory_settings(tmp_path, mail_url="outbox://", base_url="http://127.0.0.1:8000")
    async with running(local) as api:
        meta = (await api.client.get("/meta")).json()
    assert meta == {
        "mailMode": "outbox",
        "outboxDir": str(tmp_path / "outbox"),
        "maxUploadBytes": local.max_upload_bytes,
        "templates": ["classic", "modern"],
        "defaultTemplate": "classic",
    }
    public = memory_settings(tmp_path, mail_url="outbox://", base_url="https://resumax.example.com")
    async with running(public) as api:
        assert (await api.client.get("/meta")).json()["outboxDir"] is None
