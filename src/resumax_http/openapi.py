"""The OpenAPI 3.1 document, generated from the routes' ``Operation`` declarations and pydantic models.

Every route with an operation is described: its parameters (path ids, query models, the
``Idempotency-Key`` header), its request body, its responses and the errors it may answer (all with the
one ``Error`` shape). Schemas come from pydantic in one pass (``models_json_schema``), so a model used
by several routes is one component.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from pydantic import BaseModel
from pydantic.alias_generators import to_camel
from pydantic.json_schema import JsonSchemaMode, models_json_schema
from starlette.routing import BaseRoute, Route

from resumax_http.endpoint import Operation, Raw, operation_of
from resumax_http.idempotency import HEADER as IDEMPOTENCY_HEADER
from resumax_http.idempotency import MAX_KEY_LENGTH
from resumax_http.schemas.common import ID_PATTERN, MAX_ID_LENGTH, ErrorOut

REF_TEMPLATE = "#/components/schemas/{model}"
TAG_DESCRIPTIONS = {
    "auth": "Accounts and sessions: register, verify, sign in, refresh, sign out, passwords.",
    "users": "The signed-in user's profile, security log and account deletion.",
    "resumes": "Upload, parse, list, rename and delete resumes.",
    "job-descriptions": "Paste, analyse, list, update and delete job descriptions.",
    "optimization": "Tailor a resume to a job, follow the job, preview and accept changes.",
    "versions": "The accepted versions of a resume.",
    "exports": "Render a version as PDF, DOCX or text and download it.",
    "files": "Signed upload and download links served by the app (local storage).",
    "system": "Health, readiness and this documentation.",
}
_ERROR_DESCRIPTIONS = {
    401: "Missing, invalid or expired access token.",
    404: "No such record for this user.",
    422: "Invalid input; details name the fields.",
    429: "Too many requests; see Retry-After.",
}


def _package_version() -> str:
    try:
        return version("resumax")
    except PackageNotFoundError:
        return "0.0.0"


def _entries(routes: Iterable[BaseRoute]) -> list[tuple[Route, str, Operation]]:
    found: list[tuple[Route, str, Operation]] = []
    for route in routes:
        if not isinstance(route, Route):
            continue
        operation = operation_of(route.endpoint)
        if operation is None:
            continue
        for method in sorted((route.methods or set()) - {"HEAD"}):
            found.append((route, method.lower(), operation))
    return found


def _models(entries: Sequence[tuple[Route, str, Operation]]) -> list[tuple[type[BaseModel], JsonSchemaMode]]:
    wanted: dict[tuple[type[BaseModel], JsonSchemaMode], None] = {(ErrorOut, "serialization"): None}
    for _route, _method, operation in entries:
        if operation.body is not None:
            wanted[(operation.body, "validation")] = None
        for spec in operation.responses.values():
            if isinstance(spec, type) and issubclass(spec, BaseModel):
                wanted[(spec, "serialization")] = None
    return list(wanted)


def _query_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """A query parameter is never null: drop the null branch and null default of optional fields."""
    cleaned = {key: value for key, value in schema.items() if key != "title"}
    if cleaned.get("default", 0) is None:
        del cleaned["default"]
    branches = cleaned.get("anyOf")
    if isinstance(branches, list):
        kept = [branch for branch in branches if branch.get("type") != "null"]
        if len(kept) == 1:
            del cleaned["anyOf"]
            cleaned.update(kept[0])
    return cleaned


def _parameters(route: Route, operation: Operation) -> list[dict[str, Any]]:
    parameters: list[dict[str, Any]] = [
        {
            "name": name,
            "in": "path",
            "required": True,
            "schema": {"type": "string", "pattern": ID_PATTERN, "maxLength": MAX_ID_LENGTH},
        }
        for name in route.param_convertors
    ]
    if operation.query is not None:
        schema = operation.query.model_json_schema(by_alias=True, mode="validation")
        required = set(schema.get("required", []))
        for name, prop in schema.get("properties", {}).items():
            parameter: dict[str, Any] = {
                "name": name,
                "in": "query",
                "required": name in required,
                "schema": _query_schema(dict(prop)),
            }
            if "description" in prop:
                parameter["description"] = prop["description"]
            parameters.append(parameter)
    if operation.idempotent:
        parameters.append(
            {
                "name": IDEMPOTENCY_HEADER,
                "in": "header",
                "required": False,
                "description": "Retry safely: the same key and body replay the first response.",
                "schema": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": MAX_KEY_LENGTH,
                    "pattern": "^[!-~]+$",
                },
            }
        )
    return parameters


def _request_body(operation: Operation, refs: dict[Any, Any]) -> dict[str, Any] | None:
    if operation.body is not None:
        schema = refs[(operation.body, "validation")]
        content = {"application/json": {"schema": schema}}
        if operation.body_schema is not None:  # the same operation also takes an upload
            content.update({media: {"schema": dict(operation.body_schema)} for media in operation.body_media})
        return {"required": operation.body_required, "content": content}
    if operation.body_schema is not None:
        content = {media: {"schema": dict(operation.body_schema)} for media in operation.body_media}
        return {"required": True, "content": content}
    return None


def _responses(route: Route, operation: Operation, refs: dict[Any, Any]) -> dict[str, Any]:
    responses: dict[str, Any] = {}
    for status, spec in sorted(operation.responses.items()):
        if spec is None:
            responses[str(status)] = {"description": "No content."}
        elif isinstance(spec, Raw):
            content = {media: {"schema": dict(spec.schema)} for media in spec.media_types}
            responses[str(status)] = {"description": spec.description or "The content.", "content": content}
        else:
            content = {"application/json": {"schema": refs[(spec, "serialization")]}}
            responses[str(status)] = {"description": spec.__doc__ or spec.__name__, "content": content}
    error = {"application/json": {"schema": refs[(ErrorOut, "serialization")]}}
    statuses: list[int] = []
    if operation.auth:
        statuses.append(401)
    if route.param_convertors:
        statuses.append(404)
    if operation.body is not None or operation.query is not None or operation.body_schema is not None:
        statuses.append(422)
    if operation.throttle is not None:
        statuses.append(429)
    for status in statuses:
        responses.setdefault(str(status), {"description": _ERROR_DESCRIPTIONS[status], "content": error})
    responses["default"] = {"description": "An error (see the code).", "content": error}
    return responses


def build_openapi(routes: Iterable[BaseRoute], *, title: str = "resuMAX API") -> dict[str, Any]:
    """The OpenAPI 3.1 document of ``routes``."""
    entries = _entries(routes)
    refs, definitions = models_json_schema(_models(entries), by_alias=True, ref_template=REF_TEMPLATE)
    paths: dict[str, dict[str, Any]] = {}
    operation_ids: set[str] = set()
    for route, method, operation in entries:
        operation_id = to_camel(route.name)
        if operation_id in operation_ids:
            raise ValueError(f"two routes share the operation id {operation_id!r}")
        operation_ids.add(operation_id)
        document: dict[str, Any] = {
            "operationId": operation_id,
            "summary": operation.summary,
            "tags": [operation.tag],
            "security": [{"bearerAuth": []}] if operation.auth else [],
            "parameters": _parameters(route, operation),
            "responses": _responses(route, operation, refs),
        }
        if operation.description:
            document["description"] = operation.description
        body = _request_body(operation, refs)
        if body is not None:
            document["requestBody"] = body
        paths.setdefault(route.path, {})[method] = document
    used_tags = sorted({operation.tag for _route, _method, operation in entries})
    return {
        "openapi": "3.1.0",
        "info": {
            "title": title,
            "version": _package_version(),
            "description": "Tailor a resume to a job description, honestly. Every error is "
            "{code, message, details?, requestId}; every response carries X-Request-ID.",
        },
        "tags": [{"name": tag, "description": TAG_DESCRIPTIONS.get(tag, "")} for tag in used_tags],
        "paths": paths,
        "components": {
            "schemas": definitions.get("$defs", {}),
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
            },
        },
    }
