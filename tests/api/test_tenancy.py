"""Access control through HTTP (SECURITY 15–17): every route is classified; every route with an object id
answers another user's id with 404 and changes nothing; every non-public route wants a token."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from starlette.routing import Mount, Route

from resumax_http.app import create_app
from tests.api.support import Api, bearer, memory_settings

PUBLIC: set[tuple[str, str]] = {
    ("POST", "/auth/register"),
    ("POST", "/auth/login"),
    ("POST", "/auth/refresh"),
    ("POST", "/auth/verify"),
    ("POST", "/auth/password-reset/request"),
    ("POST", "/auth/password-reset/confirm"),
    ("PUT", "/blobs/upload"),
    ("GET", "/blobs/download"),
    ("GET", "/healthz"),
    ("GET", "/meta"),
    ("GET", "/readyz"),
    ("GET", "/metrics"),
    ("GET", "/openapi.json"),
    ("GET", "/docs"),
    ("GET", "/assets/docs.js"),
    ("GET", "/assets/docs.css"),
}
"""API routes anyone may call (the blob routes are authorised by the signed token in their link)."""

WEB_APP: set[tuple[str, str]] = {
    ("GET", "/"),
    ("GET", "/app"),
    ("GET", "/app/{path:path}"),
    ("GET", "/login"),
    ("GET", "/signup"),
    ("GET", "/verify-email"),
    ("GET", "/reset-password"),
    ("GET", "/static"),
}
"""The web app's public HTML pages and its static assets (a mount); the data they show comes from the API."""

AUTHENTICATED: set[tuple[str, str]] = {
    ("POST", "/auth/logout"),
    ("POST", "/auth/verify/resend"),
    ("POST", "/auth/password"),
    ("GET", "/users/me"),
    ("PUT", "/users/me"),
    ("DELETE", "/users/me"),
    ("GET", "/users/me/audit"),
    ("POST", "/resumes/presign"),
    ("GET", "/resumes"),
    ("POST", "/resumes"),
    ("GET", "/job-descriptions"),
    ("POST", "/job-descriptions"),
    ("GET", "/optimize"),
    ("POST", "/optimize"),
    ("GET", "/versions"),
    ("POST", "/exports"),
}
"""Routes that act on the caller's own data without an object id in the path."""

PER_OBJECT: dict[tuple[str, str], dict[str, Any] | None] = {
    ("GET", "/resumes/{resumeId}"): None,
    ("PATCH", "/resumes/{resumeId}"): {"title": "Taken over"},
    ("DELETE", "/resumes/{resumeId}"): None,
    ("POST", "/resumes/{resumeId}/parse"): None,
    ("GET", "/job-descriptions/{jobDescriptionId}"): None,
    ("PATCH", "/job-descriptions/{jobDescriptionId}"): {"title": "Taken over"},
    ("DELETE", "/job-descriptions/{jobDescriptionId}"): None,
    ("GET", "/optimize/{optimizationId}"): None,
    ("GET", "/optimize/{optimizationId}/events"): None,
    ("POST", "/optimize/{optimizationId}/preview"): {"applyAll": True},
    ("POST", "/optimize/{optimizationId}/accept"): {"applyAll": True},
    ("GET", "/versions/{versionId}"): None,
    ("GET", "/exports/{exportId}"): None,
}
"""Routes with an object id in the path, and a valid body for each."""


def app_routes(tmp_path: Path) -> set[tuple[str, str]]:
    """Every (method, path) the app serves; a mount counts as GET of its prefix."""
    app = create_app(memory_settings(tmp_path))
    found: set[tuple[str, str]] = set()
    for route in app.routes:
        if isinstance(route, Mount):
            found.add(("GET", route.path))
            continue
        assert isinstance(route, Route), f"unexpected route type {route!r}"
        for method in route.methods or ():
            if method != "HEAD":
                found.add((method, route.path))
    return found


def test_every_route_is_classified(tmp_path: Path) -> None:
    routes = app_routes(tmp_path)
    classified = WEB_APP | PUBLIC | AUTHENTICATED | set(PER_OBJECT)
    groups = [WEB_APP, PUBLIC, AUTHENTICATED, set(PER_OBJECT)]
    assert sum(len(group) for group in groups) == len(classified), "a route is in two classes"
    assert routes - classified == set(), "classify these routes in tests/api/test_tenancy.py"
    assert classified - routes == set(), "these classified routes no longer exist"
    assert all("{" in path for _method, path in PER_OBJECT)
    assert not any("{" in path for _method, path in PUBLIC | AUTHENTICATED)


async def _alice_world(api: Api, headers: dict[str, str]) -> dict[str, str]:
    optimization, version = await api.version(headers)
    export = await api.client.post(
        "/exports", headers=headers, json={"versionId": version["id"], "format": "text"}
    )
    assert export.status_code == 201
    return {
        "resumeId": optimization["resumeId"],
        "jobDescriptionId": optimization["jobDescriptionId"],
        "optimizationId": optimization["id"],
        "versionId": version["id"],
        "exportId": export.json()["id"],
    }


async def _snapshot(api: Api, headers: dict[str, str], ids: dict[str, str]) -> list[Any]:
    paths = [
        "/users/me",
        "/resumes",
        f"/resumes/{ids['resumeId']}",
        "/job-descriptions",
        f"/job-descriptions/{ids['jobDescriptionId']}",
        "/optimize",
        f"/optimize/{ids['optimizationId']}",
        "/versions",
        f"/versions/{ids['versionId']}",
    ]
    seen = []
    for path in paths:
        response = await api.client.get(path, headers=headers)
        assert response.status_code == 200, (path, response.text)
        seen.append(response.json())
    return seen


async def test_another_users_ids_answer_404_and_change_nothing(api: Api) -> None:
    alice = await api.user("alice@example.com")
    bob = await api.user("bob@example.com")
    ids = await _alice_world(api, alice)
    alice_before = await _snapshot(api, alice, ids)
    blobs_before = sorted(getattr(api.resumax.blobs, "keys")())  # noqa: B009
    bob_lists = ["/resumes", "/job-descriptions", "/optimize", "/versions"]
    bob_before = [(await api.client.get(path, headers=bob)).json() for path in bob_lists]

    for (method, template), body in PER_OBJECT.items():
        path = template
        for name, value in ids.items():
            path = path.replace("{" + name + "}", value)
        assert "{" not in path
        response = await api.client.request(method, path, headers=bob, json=body)
        assert response.status_code == 404, (method, template, response.text)
        assert response.json()["code"] == "not_found"

    references = [
        ("/optimize", {"resumeId": ids["resumeId"], "jobDescriptionId": ids["jobDescriptionId"]}),
        ("/exports", {"versionId": ids["versionId"], "format": "pdf"}),
    ]
    for path, body in references:
        response = await api.client.post(path, headers=bob, json=body)
        assert response.status_code == 404, (path, response.text)

    assert await _snapshot(api, alice, ids) == alice_before
    assert sorted(getattr(api.resumax.blobs, "keys")()) == blobs_before  # noqa: B009
    assert [(await api.client.get(path, headers=bob)).json() for path in bob_lists] == bob_before


async def test_list_endpoints_ignore_a_client_supplied_user_id(api: Api) -> None:
    alice = await api.user("alice@example.com")
    bob = await api.user("bob@example.com")
    await api.upload_resume(alice)
    alice_id = (await api.client.get("/users/me", headers=alice)).json()["id"]
    for path in ("/resumes", "/job-descriptions", "/optimize", "/versions"):
        response = await api.client.get(path, headers=bob, params={"userId": alice_id, "user_id": alice_id})
        assert response.status_code == 200
        assert response.json()["items"] == []
    other = await api.client.get("/versions", headers=bob, params={"optimizationId": "nope"})
    assert other.json()["items"] == []


@pytest.mark.parametrize("method,path", sorted(AUTHENTICATED | set(PER_OBJECT)))
async def test_every_non_public_route_needs_a_token(api: Api, method: str, path: str) -> None:
    concrete = path
    for name in ("resumeId", "jobDescriptionId", "optimizationId", "versionId", "exportId"):
        concrete = concrete.replace("{" + name + "}", "11111111-1111-4111-8111-111111111111")
    for headers in ({}, bearer("not-a-token"), {"Authorization": "Basic YWxpY2U6c2VjcmV0"}):
        response = await api.client.request(method, concrete, headers=headers, json={})
        assert response.status_code == 401, (method, path, headers, response.text)
        assert response.json()["code"] == "unauthorized"
        assert response.headers["www-authenticate"].startswith("Bearer")


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/openapi.json", "/docs", "/verify-email", "/"])
async def test_public_pages_answer_without_a_token(api: Api, path: str) -> None:
    assert (await api.client.get(path)).status_code == 200
