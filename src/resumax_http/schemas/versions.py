"""Models of the version and export routes (architecture §5 Optimization and Exports)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pydantic import Field

from resumax_core.entities import ExportArtifact, ExportFormat, Version
from resumax_core.use_cases.exports import ExportResult
from resumax_http.schemas.common import ID_PATTERN, QueryModel, RequestModel, ResponseModel


class ExportSummaryOut(ResponseModel):
    id: str
    format: ExportFormat
    template: str
    check: dict[str, Any] = Field(description="The round-trip check: does the file read back as written?")
    created_at: datetime
    expires_at: datetime

    @classmethod
    def of(cls, artifact: ExportArtifact) -> ExportSummaryOut:
        return cls(
            id=artifact.id,
            format=artifact.format,
            template=artifact.template,
            check=dict(artifact.check),
            created_at=artifact.created_at,
            expires_at=artifact.expires_at,
        )


class VersionSummaryOut(ResponseModel):
    id: str
    optimization_id: str
    score: float | None
    tokens_used: int
    created_at: datetime

    @classmethod
    def of(cls, version: Version) -> VersionSummaryOut:
        return cls(
            id=version.id,
            optimization_id=version.optimization_id,
            score=version.score,
            tokens_used=version.tokens_used,
            created_at=version.created_at,
        )


class VersionOut(VersionSummaryOut):
    accepted_changes: dict[str, Any] = Field(
        description="applyAll, and the ids of the accepted, skipped and rejected changes."
    )
    optimized_sections: dict[str, Any]
    diff: list[dict[str, Any]]
    exports: list[ExportSummaryOut]

    @classmethod
    def with_exports(cls, version: Version, exports: Sequence[ExportArtifact]) -> VersionOut:
        return cls(
            id=version.id,
            optimization_id=version.optimization_id,
            score=version.score,
            tokens_used=version.tokens_used,
            created_at=version.created_at,
            accepted_changes=dict(version.accepted_changes),
            optimized_sections=dict(version.optimized_sections),
            diff=list(version.diff),
            exports=[ExportSummaryOut.of(artifact) for artifact in exports],
        )


class VersionCreatedOut(VersionOut):
    version_id: str = Field(description="The new version's id (same as id).")

    @classmethod
    def created(cls, version: Version) -> VersionCreatedOut:
        base = VersionOut.with_exports(version, ())
        return cls(**dict(base), version_id=version.id)


class VersionListOut(ResponseModel):
    items: list[VersionSummaryOut]


class VersionQuery(QueryModel):
    optimization_id: str | None = Field(default=None, pattern=ID_PATTERN)


class ExportIn(RequestModel):
    version_id: str = Field(pattern=ID_PATTERN)
    format: ExportFormat
    template: str | None = Field(default=None, min_length=1, max_length=50, examples=["classic"])


class ExportOut(ResponseModel):
    id: str
    version_id: str
    format: ExportFormat
    template: str
    check: dict[str, Any]
    download_url: str = Field(description="A short-lived signed link; GET /exports/{id} makes a fresh one.")
    expires_at: datetime = Field(description="When the exported file itself is deleted.")

    @classmethod
    def of(cls, result: ExportResult) -> ExportOut:
        artifact = result.artifact
        return cls(
            id=artifact.id,
            version_id=artifact.version_id,
            format=artifact.format,
            template=artifact.template,
            check=dict(artifact.check),
            download_url=result.download_url,
            expires_at=artifact.expires_at,
        )
