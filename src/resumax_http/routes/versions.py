"""Version and export routes: history, one version with its exports, render a file, a fresh link.

A version is shown with its exports (``ListExports``), both scoped by the caller's id.
"""

from __future__ import annotations

from pydantic import BaseModel
from starlette.responses import Response

from resumax_core.entities import ExportArtifact
from resumax_http.endpoint import Call, Operation, endpoint, json_response
from resumax_http.idempotency import run_idempotently
from resumax_http.schemas.versions import (
    ExportIn,
    ExportOut,
    VersionListOut,
    VersionOut,
    VersionQuery,
    VersionSummaryOut,
)

VERSIONS = "versions"
EXPORTS = "exports"


@endpoint(
    Operation(
        summary="Your versions, newest first",
        description="Optionally only those of one optimization.",
        tag=VERSIONS,
        query=VersionQuery,
        responses={200: VersionListOut},
    )
)
async def list_versions(call: Call) -> Response:
    query = call.query(VersionQuery)
    versions = await call.app.list_versions.execute(call.user.id, query.optimization_id)
    return json_response(VersionListOut(items=[VersionSummaryOut.of(version) for version in versions]))


async def _exports_of(call: Call, version_id: str) -> list[ExportArtifact]:
    return await call.app.list_exports.execute(call.user.id, version_id)


@endpoint(
    Operation(
        summary="One version: accepted changes, sections, diff, score and exports",
        tag=VERSIONS,
        responses={200: VersionOut},
    )
)
async def get_version(call: Call) -> Response:
    version = await call.app.get_version.execute(call.user.id, call.path_id("versionId"))
    return json_response(VersionOut.with_exports(version, await _exports_of(call, version.id)))


@endpoint(
    Operation(
        summary="Render a version as PDF, DOCX or text",
        description="The file is checked by reading it back; `check` says whether it passed. Send an "
        "Idempotency-Key to retry safely.",
        tag=EXPORTS,
        body=ExportIn,
        responses={201: ExportOut},
        idempotent=True,
    )
)
async def create_export(call: Call) -> Response:
    body = await call.body(ExportIn)

    async def produce(key: str | None) -> tuple[int, BaseModel]:
        result = await call.app.create_export.execute(
            call.user.id, body.version_id, body.format, body.template
        )
        return 201, ExportOut.of(result)

    return await run_idempotently(call, "POST /exports", body, produce)


@endpoint(
    Operation(
        summary="An export with a fresh download link",
        tag=EXPORTS,
        responses={200: ExportOut},
    )
)
async def get_export(call: Call) -> Response:
    result = await call.app.get_export_download.execute(call.user.id, call.path_id("exportId"))
    return json_response(ExportOut.of(result))
