"""Accounts through HTTP: passwords (SECURITY 10), enumeration (11), reset links (13), throttling (14),
mass assignment (18), what responses never contain (19), the refresh cookie, and the profile routes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx

from tests.api.support import BASE_URL, PASSWORD, Api, bearer, memory_settings, running
from tests.fakes import FakeClock

EMAIL = "ada@example.com"


def _without_request_id(response: httpx.Response) -> tuple[int, Any]:
    body = response.json()
    if isinstance(body, dict):
        body.pop("requestId", None)
    return response.status_code, body


async def test_password_rules_hold_through_the_api(api: Api) -> None:
    long_password = "x1-" * 42 + "ab"
    assert len(long_password) == 128
    assert (await api.register(EMAIL, long_password)).status_code == 202
    api.emailed_token(EMAIL, "/verify-email")
    assert (await api.login(EMAIL, long_password))["accessToken"]
    truncated = await api.client.post("/auth/login", json={"email": EMAIL, "password": long_password[:127]})
    assert truncated.status_code == 401

    for weak in ("seven77", "password123"):
        response = await api.register("weak@example.com", weak)
        assert response.status_code == 422, weak
        assert response.json()["code"] == "invalid_input"


async def test_register_login_and_reset_answer_the_same_for_known_and_unknown_emails(api: Api) -> None:
    await api.signup(EMAIL)
    known = await api.register(EMAIL, "some other passphrase 1")
    unknown = await api.register("nobody@example.com", "some other passphrase 1")
    assert _without_request_id(known) == _without_request_id(unknown)
    assert "already has an account" in api.email_text(EMAIL)

    wrong_password = await api.client.post(
        "/auth/login", json={"email": EMAIL, "password": "wrong passphrase 1"}
    )
    no_account = await api.client.post(
        "/auth/login", json={"email": "ghost@example.com", "password": "whatever 1"}
    )
    assert _without_request_id(wrong_password) == _without_request_id(no_account)
    assert wrong_password.status_code == 401

    reset_known = await api.client.post("/auth/password-reset/request", json={"email": EMAIL})
    reset_unknown = await api.client.post("/auth/password-reset/request", json={"email": "ghost@example.com"})
    assert (
        _without_request_id(reset_known)
        == _without_request_id(reset_unknown)
        == (202, {"status": "requested"})
    )


async def test_emailed_links_use_the_configured_base_url_whatever_the_host_header(api: Api) -> None:
    forged = {"Host": "evil.example", "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https"}
    response = await api.client.post(
        "/auth/register", headers=forged, json={"email": EMAIL, "password": PASSWORD, "name": "Ada"}
    )
    assert response.status_code == 202
    await api.client.post("/auth/password-reset/request", headers=forged, json={"email": EMAIL})
    text = api.email_text(EMAIL)
    links = re.findall(r"https?://[^\s/]+/reset-password", text)
    assert links == [f"{BASE_URL}/reset-password"]
    assert "evil.example" not in text


async def test_repeated_failed_logins_are_throttled_not_locked_out(timed_api: Api, clock: FakeClock) -> None:
    await timed_api.signup(EMAIL)
    statuses = []
    for _ in range(11):
        response = await timed_api.client.post(
            "/auth/login", json={"email": EMAIL, "password": "guess 12345"}
        )
        statuses.append(response.status_code)
    assert statuses[:9].count(401) == 9 and statuses[-1] == 429
    throttled = await timed_api.client.post("/auth/login", json={"email": EMAIL, "password": PASSWORD})
    assert throttled.status_code == 429
    assert int(throttled.headers["retry-after"]) >= 1
    assert throttled.json()["code"] == "rate_limited"
    clock.advance(int(throttled.headers["retry-after"]))
    assert (await timed_api.login(EMAIL))["accessToken"], "throttled for a while, never locked out"


async def test_auth_routes_are_throttled_per_client_address(tmp_path: Path) -> None:
    from resumax_http.config import ApiConfig, Throttle

    async with running(memory_settings(tmp_path), api_config=ApiConfig(auth_per_ip=Throttle(3, 60))) as api:
        statuses = [(await api.register(f"user{i}@example.com")).status_code for i in range(4)]
        assert statuses == [202, 202, 202, 429]
        limited = await api.client.post("/auth/login", json={"email": EMAIL, "password": PASSWORD})
        assert limited.status_code == 429 and "retry-after" in limited.headers


async def test_a_client_cannot_set_protected_fields(api: Api) -> None:
    headers = await api.user(EMAIL)
    before = (await api.client.get("/users/me", headers=headers)).json()
    attempts: list[tuple[str, str, dict[str, Any]]] = [
        (
            "POST",
            "/auth/register",
            {"email": "eve@example.com", "password": PASSWORD, "name": "Eve", "role": "admin"},
        ),
        (
            "POST",
            "/auth/register",
            {"email": "eve@example.com", "password": PASSWORD, "name": "E", "emailVerified": True},
        ),
        ("PUT", "/users/me", {"name": "Ada", "role": "admin"}),
        ("PUT", "/users/me", {"emailVerified": True}),
        ("PUT", "/users/me", {"userId": "someone-else"}),
        ("PUT", "/users/me", {"credits": 1000}),
        ("PUT", "/users/me", {"email": "other@example.com"}),
        ("POST", "/job-descriptions", {"text": "A job " * 10, "userId": "someone-else"}),
        ("POST", "/optimize", {"resumeId": "a", "jobDescriptionId": "b", "status": "completed"}),
        ("POST", "/optimize", {"resumeId": "a", "jobDescriptionId": "b", "credits": 0}),
    ]
    for method, path, body in attempts:
        response = await api.client.request(method, path, headers=headers, json=body)
        assert response.status_code == 422, (path, body, response.text)
        error = response.json()
        assert error["code"] == "invalid_input"
        assert error["details"]["field"] in body
    assert (await api.client.get("/users/me", headers=headers)).json() == before


async def test_responses_never_carry_hashes_storage_keys_or_internal_fields(api: Api) -> None:
    bodies: list[str] = []

    async def keep(response: httpx.Response) -> None:
        await response.aread()
        if response.headers.get("content-type", "").startswith(("application/json", "text/event-stream")):
            bodies.append(response.text)

    api.client.event_hooks["response"].append(keep)
    headers = await api.user(EMAIL)
    optimization, version = await api.version(headers)
    export = await api.client.post(
        "/exports", headers=headers, json={"versionId": version["id"], "format": "text"}
    )
    for path in (
        "/users/me",
        "/users/me/audit",
        "/resumes",
        f"/resumes/{optimization['resumeId']}",
        f"/job-descriptions/{optimization['jobDescriptionId']}",
        "/optimize",
        f"/optimize/{optimization['id']}/events",
        f"/versions/{version['id']}",
        f"/exports/{export.json()['id']}",
    ):
        await api.client.get(path, headers=headers)
    await api.client.post("/auth/refresh")
    user_id = (await api.client.get("/users/me", headers=headers)).json()["id"]
    everything = "\n".join(bodies)
    assert len(bodies) > 15
    for leak in (
        "passwordHash",
        "password_hash",
        "$argon2",
        "storageKey",
        "storage_key",
        "outputStorageKey",
        f"u/{user_id}/",
        "sessionsValidAfter",
        "idempotencyKey",
        "tokenHash",
        "creditsSpent",
        '"attempts"',
        '"userId"',
        '"role"',
        PASSWORD,
    ):
        assert leak not in everything, leak


async def test_the_refresh_cookie_is_httponly_strict_and_scoped_to_auth(api: Api, tmp_path: Path) -> None:
    await api.register(EMAIL)
    login = await api.client.post("/auth/login", json={"email": EMAIL, "password": PASSWORD})
    cookie = login.headers["set-cookie"]
    assert cookie.startswith("resumax_refresh=")
    attributes = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert {"httponly", "path=/auth", "samesite=strict"} <= attributes
    assert "secure" not in attributes

    https = memory_settings(tmp_path / "https", base_url="https://resumax.example")
    async with running(https) as secure_api:
        await secure_api.register(EMAIL)
        response = await secure_api.client.post("/auth/login", json={"email": EMAIL, "password": PASSWORD})
        assert "secure" in {part.strip().lower() for part in response.headers["set-cookie"].split(";")}


async def test_an_unverified_user_may_sign_in_but_not_upload_until_verified(api: Api) -> None:
    session = await api.signup(EMAIL, verify=False)
    headers = bearer(session["accessToken"])
    assert session["user"]["emailVerified"] is False
    presign = await api.client.post(
        "/resumes/presign",
        headers=headers,
        json={"filename": "cv.pdf", "mimeType": "application/pdf", "size": 10},
    )
    assert presign.status_code == 403
    assert presign.json()["details"] == {"reason": "email_not_verified"}
    resend = await api.client.post("/auth/verify/resend", headers=headers)
    assert resend.status_code == 202
    token = api.emailed_token(EMAIL, "/verify-email")
    assert (await api.client.post("/auth/verify", json={"token": token})).status_code == 200
    me = await api.client.get("/users/me", headers=headers)
    assert me.json()["emailVerified"] is True
    bad = await api.client.post("/auth/verify", json={"token": token + "x"})
    assert bad.status_code == 422 and bad.json()["details"]["field"] == "token"


async def test_profile_update_audit_and_account_deletion(api: Api) -> None:
    headers = await api.user(EMAIL)
    updated = await api.client.put(
        "/users/me", headers=headers, json={"name": "  Ada   King ", "preferences": {"theme": "dark"}}
    )
    assert updated.status_code == 200
    assert updated.json()["name"] == "Ada King"
    assert updated.json()["preferences"]["theme"] == "dark"
    removed = await api.client.put("/users/me", headers=headers, json={"preferences": {"theme": None}})
    assert "theme" not in removed.json()["preferences"]

    audit = await api.client.get("/users/me/audit", headers=headers, params={"limit": 5})
    assert {"register", "email_verified", "login"} <= {event["event"] for event in audit.json()["items"]}
    assert (await api.client.get("/users/me/audit", headers=headers, params={"limit": 0})).status_code == 422

    wrong = await api.client.request("DELETE", "/users/me", headers=headers, json={"password": "not it 123"})
    assert wrong.status_code == 422
    await api.upload_resume(headers)
    deleted = await api.client.request("DELETE", "/users/me", headers=headers, json={"password": PASSWORD})
    assert deleted.status_code == 204
    assert getattr(api.resumax.blobs, "keys")() == []  # noqa: B009
    assert (await api.client.get("/users/me", headers=headers)).status_code == 401
    gone = await api.client.post("/auth/login", json={"email": EMAIL, "password": PASSWORD})
    assert gone.status_code == 401
