"""Exports: render a version to PDF, DOCX or text, check it reads back, store it, hand out a link."""

from __future__ import annotations

import re
from datetime import timedelta

from attrs import frozen

from resumax_core import storage_keys
from resumax_core.entities import ExportArtifact, ExportFormat, ParsedDocument
from resumax_core.errors import InvalidInput, InvalidState
from resumax_core.ports import BlobStore, Clock, IdGenerator, UnitOfWorkFactory
from resumax_core.use_cases._common import require
from resumax_core.use_cases.documents import RenderDocument


@frozen
class ExportResult:
    artifact: ExportArtifact
    download_url: str


def download_filename(title: str, fmt: ExportFormat) -> str:
    """A safe attachment name: letters, digits, dot, dash and underscore only."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", title).strip("-.") or "resume"
    return f"{stem[:80]}.{fmt.extension}"


class CreateExport:
    """Render a version as a file the user can download.

    Rules: the version must be the user's; the template must exist; the file is stored before its record
    is committed (no record ever points at a missing file); the round-trip check is recorded on the
    artifact whether it passed or not; the download link is signed and expires.
    """

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        blobs: BlobStore,
        render: RenderDocument,
        clock: Clock,
        ids: IdGenerator,
        *,
        artifact_ttl_seconds: int,
        url_ttl_seconds: int,
    ) -> None:
        self._uow, self._blobs, self._render, self._clock, self._ids = uow, blobs, render, clock, ids
        self._artifact_ttl, self._url_ttl = artifact_ttl_seconds, url_ttl_seconds

    async def execute(
        self, user_id: str, version_id: str, fmt: ExportFormat, template: str | None = None
    ) -> ExportResult:
        if template is not None and template not in self._render.templates:
            raise InvalidInput(
                f"Unknown template {template!r}.", details={"templates": list(self._render.templates)}
            )
        async with self._uow() as uow:
            version = require(await uow.versions.get(user_id, version_id), "Version")
            optimization = require(
                await uow.optimizations.get(user_id, version.optimization_id), "Optimization"
            )
            resume = require(await uow.resumes.get(user_id, optimization.resume_id), "Resume")
        document = ParsedDocument.from_dict(version.optimized_sections)
        rendered = await self._render.execute(document, fmt, template)
        artifact_id = self._ids.new_id()
        key = storage_keys.export_key(user_id, version_id, artifact_id, fmt.extension)
        await self._blobs.put(key, rendered.data, fmt.media_type)
        now = self._clock.now()
        artifact = ExportArtifact(
            id=artifact_id,
            version_id=version_id,
            user_id=user_id,
            format=fmt,
            storage_key=key,
            template=rendered.template,
            size_bytes=len(rendered.data),
            check=rendered.check.to_dict(),
            created_at=now,
            expires_at=now + timedelta(seconds=self._artifact_ttl),
        )
        async with self._uow() as uow:
            await uow.exports.add(artifact)
            await uow.commit()
        url = await self._blobs.presign_download(
            key, filename=download_filename(resume.title, fmt), expires_in=self._url_ttl
        )
        return ExportResult(artifact=artifact, download_url=url)


class GetExportDownload:
    """A fresh signed link to an export. Rules: only the owner; an expired export is gone (InvalidState)."""

    def __init__(
        self, uow: UnitOfWorkFactory, blobs: BlobStore, clock: Clock, *, url_ttl_seconds: int
    ) -> None:
        self._uow, self._blobs, self._clock, self._url_ttl = uow, blobs, clock, url_ttl_seconds

    async def execute(self, user_id: str, artifact_id: str) -> ExportResult:
        async with self._uow() as uow:
            artifact = require(await uow.exports.get(user_id, artifact_id), "Export")
            version = require(await uow.versions.get(user_id, artifact.version_id), "Version")
            optimization = require(
                await uow.optimizations.get(user_id, version.optimization_id), "Optimization"
            )
            resume = require(await uow.resumes.get(user_id, optimization.resume_id), "Resume")
        if artifact.expires_at <= self._clock.now():
            raise InvalidState("This export has expired; create it again.")
        url = await self._blobs.presign_download(
            artifact.storage_key,
            filename=download_filename(resume.title, artifact.format),
            expires_in=self._url_ttl,
        )
        return ExportResult(artifact=artifact, download_url=url)


class ListExports:
    """The exports of one of the user's versions, newest first (another user's version has none)."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def execute(self, user_id: str, version_id: str) -> list[ExportArtifact]:
        async with self._uow() as uow:
            return await uow.exports.list(user_id, version_id)
