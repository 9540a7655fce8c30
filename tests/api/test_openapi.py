"""The OpenAPI document, the docs page, and schemathesis against the running app."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.python import asgi
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from starlette.routing import Route

from resumax_adapters.memory.mailer import InMemoryMailer
from resumax_http.app import create_app
from resumax_http.config import ApiConfig, Throttle
from resumax_http.endpoint import operation_of
from resumax_http.openapi import build_openapi
from resumax_http.routes import api_routes
from resumax_http.web import web_routes
from tests.api.support import PASSWORD, Api, memory_settings

checks = schemathesis.checks


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


async def test_the_document_describes_every_route(api: Api) -> None:
    document = (await api.client.get("/openapi.json")).json()
    assert document["openapi"].startswith("3.1")
    documented = {(method.upper(), path) for path, item in document["paths"].items() for method in item}
    served = {
        (method, route.path)
        for route in api.app.routes
        if isinstance(route, Route) and operation_of(route.endpoint) is not None
        for method in route.methods or ()
        if method != "HEAD"
    }
    assert documented == served
    web_app = {route.path for route in web_routes()}
    undocumented = {
        route.path
        for route in api.app.routes
        if not (isinstance(route, Route) and operation_of(route.endpoint))
    }
    assert undocumented == web_app, "only the web app's pages and assets are left out of the API document"
    schemas = document["components"]["schemas"]
    for ref in set(_refs(document)):
        assert ref.removeprefix("#/components/schemas/") in schemas, ref
    operation_ids = [op["operationId"] for item in document["paths"].values() for op in item.values()]
    assert len(operation_ids) == len(set(operation_ids))
    login = document["paths"]["/auth/login"]["post"]
    assert login["security"] == [] and "429" in login["responses"]
    assert document["paths"]["/resumes"]["get"]["security"] == [{"bearerAuth": []}]
    assert set(schemas["UserOut"]["properties"]) == {
        "id",
        "email",
        "name",
        "preferences",
        "emailVerified",
        "createdAt",
    }
    assert schemas["RegisterIn"]["additionalProperties"] is False
    headers = [p["name"] for p in document["paths"]["/optimize"]["post"]["parameters"]]
    assert headers == ["Idempotency-Key"]


async def test_the_docs_page_uses_local_assets_only(api: Api) -> None:
    page = await api.client.get("/docs")
    assert page.headers["content-type"].startswith("text/html")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "connect-src 'self'" in policy
    sources = [src for src in re.findall(r'(?:src|href)="([^"]+)"', page.text) if not src.startswith("data:")]
    assert sources and all(source.startswith("/") and not source.startswith("//") for source in sources)
    for source in sources:
        asset = await api.client.get(source)
        assert asset.status_code == 200, source
    script = (await api.client.get("/assets/docs.js")).text
    assert "innerHTML" not in script and "http://" not in script and "https://" not in script
    assert "/openapi.json" in script


SCHEMA_EMAIL = "schema@example.com"
EXAMPLES_PER_OPERATION = 8
OPERATIONS = sorted(
    (method.upper(), path) for path, item in build_openapi(api_routes())["paths"].items() for method in item
)


@pytest.fixture
def api_schema(tmp_path: Path) -> Iterator[Any]:
    """The app's schema, loaded from its /openapi.json; a hook signs every generated case in as one user.

    Function-scoped: schemathesis's pytest plugin ends every ASGI lifespan after each test.
    """
    mailer = InMemoryMailer()
    config = ApiConfig(auth_per_ip=Throttle(100_000, 60), optimize_per_user=Throttle(100_000, 60))
    app = create_app(memory_settings(tmp_path), api_config=config, mailer=mailer)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    with asgi.get_client(app) as client:
        body = {"email": SCHEMA_EMAIL, "password": PASSWORD, "name": "Schema"}
        assert client.post("/auth/register", json=body).status_code == 202
        message = mailer.latest(SCHEMA_EMAIL)
        assert message is not None
        match = re.search(r"verify-email\?token=(\S+)", message.text)
        assert match
        assert client.post("/auth/verify", json={"token": match.group(1)}).status_code == 200
        login = client.post("/auth/login", json={"email": SCHEMA_EMAIL, "password": PASSWORD})
        token = login.json()["accessToken"]

    @schema.hook
    def map_headers(context: Any, headers: dict[str, Any] | None) -> dict[str, Any]:
        return {**(headers or {}), "Authorization": f"Bearer {token}"}

    yield schema
    asgi.shutdown_lifespans()


def _exercise(strategy: Any, *, signed_in: bool) -> None:
    """Run generated cases through every check; ``signed_in``: valid requests must not answer 401."""

    @given(case=strategy)
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def exercise(case: Any) -> None:
        response = case.call_and_validate(
            checks=[
                checks.not_a_server_error,
                status_code_conformance,
                content_type_conformance,
                response_schema_conformance,
            ]
        )
        if signed_in:
            assert response.status_code != 401, "the hook signs every valid request in"

    exercise()


@pytest.mark.parametrize("method,path", OPERATIONS)
def test_the_api_honours_its_schema(api_schema: Any, method: str, path: str) -> None:
    """Generated valid and invalid requests: never a 5xx, and every answer matches the document."""
    operation = api_schema[path][method]
    needs_token = bool(api_schema.raw_schema["paths"][path][method.lower()]["security"])
    _exercise(operation.as_strategy(GenerationMode.POSITIVE, hooks=api_schema.hooks), signed_in=needs_token)
    _exercise(operation.as_strategy(GenerationMode.NEGATIVE, hooks=api_schema.hooks), signed_in=False)
