"""Tampered, misused and revoked tokens through the HTTP layer (SECURITY 1–8)."""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import jwt
import pytest

from resumax_adapters.security.jwt import JwtTokenService
from tests.api.support import PASSWORD, Api, bearer, memory_settings, running
from tests.fakes import FakeClock

JWT_SECRET = b"a-known-jwt-secret-for-forging-tokens-in-tests-" * 2
ISSUER, AUDIENCE = "resumax", "resumax-api"
EMAIL = "ada@example.com"


@pytest.fixture
async def forge(tmp_path: Path, clock: FakeClock) -> AsyncIterator[Api]:
    """An app whose token secret the test knows, so it can sign tokens that differ in one way only."""
    tokens = JwtTokenService(secret=JWT_SECRET, issuer=ISSUER, audience=AUDIENCE, clock=clock)
    async with running(memory_settings(tmp_path), clock=clock, tokens=tokens) as started:
        yield started


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _claims(user_id: str, clock: FakeClock, **changes: Any) -> dict[str, Any]:
    now = int(clock.now().timestamp())
    claims = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": user_id,
        "iat": now,
        "nbf": now,
        "exp": now + 900,
        "jti": "forged",
        "typ": "access",
        "sid": "forged",
    }
    claims.update(changes)
    return claims


async def _me(api: Api, token: str) -> int:
    return (await api.client.get("/users/me", headers=bearer(token))).status_code


async def test_a_well_formed_token_signed_with_our_key_is_accepted(forge: Api, clock: FakeClock) -> None:
    session = await forge.signup(EMAIL)
    good = jwt.encode(_claims(session["user"]["id"], clock), JWT_SECRET, algorithm="HS256")
    assert await _me(forge, good) == 200


async def test_forged_and_tampered_access_tokens_are_refused(forge: Api, clock: FakeClock) -> None:
    session = await forge.signup(EMAIL)
    user_id = session["user"]["id"]
    claims = _claims(user_id, clock)
    real = session["accessToken"]
    head, body, signature = real.split(".")
    flipped = signature[:-2] + ("A" if signature[-2] != "A" else "B") + signature[-1]
    forged = {
        "alg none": f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(claims)}.",
        "another key": jwt.encode(claims, b"x" * 48, algorithm="HS256"),
        "flipped signature": f"{head}.{body}.{flipped}",
        "HS512": jwt.encode(claims, JWT_SECRET, algorithm="HS512"),
        "jku header": jwt.encode(
            claims, JWT_SECRET, algorithm="HS256", headers={"jku": "https://evil.example/k"}
        ),
        "jwk header": jwt.encode(
            claims, JWT_SECRET, algorithm="HS256", headers={"jwk": {"kty": "oct", "k": "AA"}}
        ),
        "x5u header": jwt.encode(
            claims, JWT_SECRET, algorithm="HS256", headers={"x5u": "https://evil.example/c"}
        ),
        "unknown kid": jwt.encode(claims, JWT_SECRET, algorithm="HS256", headers={"kid": "other"}),
        "wrong audience": jwt.encode({**claims, "aud": "someone-else"}, JWT_SECRET, algorithm="HS256"),
        "email token": jwt.encode({**claims, "typ": "email_verify"}, JWT_SECRET, algorithm="HS256"),
        "reset token": jwt.encode({**claims, "typ": "password_reset"}, JWT_SECRET, algorithm="HS256"),
        "expired": jwt.encode({**claims, "exp": claims["iat"] - 1}, JWT_SECRET, algorithm="HS256"),
        "not yet valid": jwt.encode({**claims, "nbf": claims["iat"] + 60}, JWT_SECRET, algorithm="HS256"),
        "refresh token": session["refreshToken"],
    }
    for name, token in forged.items():
        assert await _me(forge, token) == 401, name


async def test_the_emailed_verification_token_is_not_an_access_token(forge: Api) -> None:
    await forge.register(EMAIL)
    email_token = forge.emailed_token(EMAIL, "/verify-email")
    assert await _me(forge, email_token) == 401


async def test_access_tokens_expire(forge: Api, clock: FakeClock) -> None:
    session = await forge.signup(EMAIL)
    assert await _me(forge, session["accessToken"]) == 200
    clock.advance(session["expiresIn"])
    assert await _me(forge, session["accessToken"]) == 401


async def test_a_reused_refresh_token_revokes_its_family(forge: Api) -> None:
    session = await forge.signup(EMAIL)
    first = await forge.client.post("/auth/refresh", json={"refreshToken": session["refreshToken"]})
    assert first.status_code == 200
    rotated = first.json()
    assert set(rotated) == {"accessToken", "refreshToken", "expiresIn", "tokenType"}
    assert rotated["refreshToken"] != session["refreshToken"]

    reused = await forge.client.post("/auth/refresh", json={"refreshToken": session["refreshToken"]})
    assert reused.status_code == 401
    after = await forge.client.post("/auth/refresh", json={"refreshToken": rotated["refreshToken"]})
    assert after.status_code == 401, "the whole family is revoked after a reuse"

    other = await forge.login(EMAIL)
    events = await forge.client.get("/users/me/audit", headers=bearer(other["accessToken"]))
    assert "token_reuse" in [event["event"] for event in events.json()["items"]]


async def test_of_two_parallel_refreshes_at_most_one_succeeds(forge: Api) -> None:
    session = await forge.signup(EMAIL)
    body = {"refreshToken": session["refreshToken"]}
    responses = await asyncio.gather(*(forge.client.post("/auth/refresh", json=body) for _ in range(2)))
    assert sorted(response.status_code for response in responses).count(200) <= 1


async def test_refresh_tokens_have_an_absolute_expiry(forge: Api, clock: FakeClock) -> None:
    session = await forge.signup(EMAIL)
    token = session["refreshToken"]
    for _ in range(2):
        clock.advance(13 * 24 * 3600)
        rotated = await forge.client.post("/auth/refresh", json={"refreshToken": token})
        assert rotated.status_code == 200
        token = rotated.json()["refreshToken"]
    clock.advance(13 * 24 * 3600)
    assert (await forge.client.post("/auth/refresh", json={"refreshToken": token})).status_code == 401


async def test_logout_kills_the_refresh_token(forge: Api) -> None:
    session = await forge.signup(EMAIL)
    logout = await forge.client.post(
        "/auth/logout", headers=bearer(session["accessToken"]), json={"refreshToken": session["refreshToken"]}
    )
    assert logout.status_code == 204
    refresh = await forge.client.post("/auth/refresh", json={"refreshToken": session["refreshToken"]})
    assert refresh.status_code == 401


async def test_logout_and_refresh_use_the_cookie_when_the_body_has_none(forge: Api) -> None:
    session = await forge.signup(EMAIL)
    refreshed = await forge.client.post("/auth/refresh")
    assert refreshed.status_code == 200
    assert forge.client.cookies.get("resumax_refresh") == refreshed.json()["refreshToken"]
    logout = await forge.client.post("/auth/logout", headers=bearer(session["accessToken"]))
    assert logout.status_code == 204
    assert "resumax_refresh" not in forge.client.cookies
    dead = await forge.client.post("/auth/refresh", json={"refreshToken": refreshed.json()["refreshToken"]})
    assert dead.status_code == 401


async def test_a_password_change_revokes_other_sessions_and_old_access_tokens(
    forge: Api, clock: FakeClock
) -> None:
    here = await forge.signup(EMAIL)
    elsewhere = await forge.login(EMAIL)
    clock.advance(2)
    changed = await forge.client.post(
        "/auth/password",
        headers=bearer(here["accessToken"]),
        json={"currentPassword": PASSWORD, "newPassword": "a brand new passphrase 77"},
    )
    assert changed.status_code == 200, changed.text
    fresh = changed.json()
    assert await _me(forge, fresh["accessToken"]) == 200
    for old in (here, elsewhere):
        assert await _me(forge, old["accessToken"]) == 401
        response = await forge.client.post("/auth/refresh", json={"refreshToken": old["refreshToken"]})
        assert response.status_code == 401
    assert (
        await forge.client.post("/auth/refresh", json={"refreshToken": fresh["refreshToken"]})
    ).status_code == 200


async def test_a_password_reset_revokes_every_session(forge: Api, clock: FakeClock) -> None:
    session = await forge.signup(EMAIL)
    clock.advance(2)
    requested = await forge.client.post("/auth/password-reset/request", json={"email": EMAIL})
    assert requested.status_code == 202
    token = forge.emailed_token(EMAIL, "/reset-password")
    confirmed = await forge.client.post(
        "/auth/password-reset/confirm", json={"token": token, "newPassword": "another fresh passphrase 8"}
    )
    assert confirmed.status_code == 200
    assert await _me(forge, session["accessToken"]) == 401
    refresh = await forge.client.post("/auth/refresh", json={"refreshToken": session["refreshToken"]})
    assert refresh.status_code == 401
    again = await forge.client.post(
        "/auth/password-reset/confirm", json={"token": token, "newPassword": "yet another passphrase 9"}
    )
    assert again.status_code == 422, "a reset link works once"
    assert (await forge.login(EMAIL, "another fresh passphrase 8"))["accessToken"]
