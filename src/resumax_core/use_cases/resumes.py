"""Resumes: upload, parse, list, rename, delete."""

from __future__ import annotations

from pathlib import PurePath

from attrs import evolve, frozen

from resumax_core import storage_keys
from resumax_core.entities import ParseStatus, Resume, ResumeSummary
from resumax_core.errors import DocumentError, FileTooLarge, InvalidInput, InvalidState, NotFound
from resumax_core.ports import BlobStore, Clock, IdGenerator, PresignedUpload, TaskQueue, UnitOfWorkFactory
from resumax_core.ports.document_parser import SUPPORTED_MEDIA_TYPES
from resumax_core.use_cases._common import require, verified_user
from resumax_core.use_cases.documents import ParseDocument, media_type_for
from resumax_core.use_cases.tasks import PARSE_RESUME

_EXTENSIONS = {"pdf": "pdf", "docx": "docx", "text": "txt", "markdown": "md"}
MAX_TITLE_LENGTH = 200


def _clean_title(title: str) -> str:
    cleaned = " ".join(title.split())
    if not cleaned:
        raise InvalidInput("The title must not be empty.")
    if len(cleaned) > MAX_TITLE_LENGTH:
        raise InvalidInput(f"The title must be at most {MAX_TITLE_LENGTH} characters.")
    return cleaned


def _display_name(filename: str) -> str:
    """The filename for showing only (it never reaches a path): last segment, control characters removed."""
    base = PurePath(filename.replace("\\", "/")).name
    cleaned = "".join(ch for ch in base if ch.isprintable())
    return cleaned[:255] or "resume"


def _checked_media_type(filename: str, media_type: str | None) -> str:
    from_name = media_type_for(filename)
    if media_type:
        declared = media_type.split(";")[0].strip().lower()
        if declared not in SUPPORTED_MEDIA_TYPES:
            raise InvalidInput(f"Unsupported media type {declared!r}.", details={"mediaType": declared})
        if declared != from_name and not (declared.startswith("text/") and from_name.startswith("text/")):
            raise InvalidInput("The media type does not match the file extension.")
        return declared
    return from_name


@frozen
class ResumeUpload:
    resume: Resume
    upload: PresignedUpload


class CreateResumeUpload:
    """Start an upload: create the resume record and a short-lived upload URL scoped to it.

    Rules: the user's email must be confirmed; the type must be one resuMAX reads and agree with the
    extension; the declared size must be within the limit; the storage key is made by the server (the
    filename is kept for display only).
    """

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        blobs: BlobStore,
        clock: Clock,
        ids: IdGenerator,
        *,
        max_bytes: int,
        url_ttl_seconds: int,
    ) -> None:
        self._uow, self._blobs, self._clock, self._ids = uow, blobs, clock, ids
        self._max_bytes, self._ttl = max_bytes, url_ttl_seconds

    async def execute(
        self, user_id: str, filename: str, media_type: str | None, size: int, title: str | None = None
    ) -> ResumeUpload:
        media = _checked_media_type(filename, media_type)
        if size <= 0:
            raise InvalidInput("The file is empty.")
        if size > self._max_bytes:
            raise FileTooLarge(details={"maxBytes": self._max_bytes, "size": size})
        async with self._uow() as uow:
            await verified_user(uow, user_id)
        resume = _new_resume(self._clock, self._ids, user_id, filename, media, size, title)
        upload = await self._blobs.presign_upload(
            resume.storage_key, content_type=media, max_bytes=self._max_bytes, expires_in=self._ttl
        )
        async with self._uow() as uow:
            await uow.resumes.add(resume)
            await uow.commit()
        return ResumeUpload(resume, upload)


def _new_resume(
    clock: Clock, ids: IdGenerator, user_id: str, filename: str, media: str, size: int, title: str | None
) -> Resume:
    now = clock.now()
    resume_id = ids.new_id()
    display = _display_name(filename)
    return Resume(
        id=resume_id,
        user_id=user_id,
        title=_clean_title(title or PurePath(display).stem or "Resume"),
        original_filename=display,
        storage_key=storage_keys.resume_key(user_id, resume_id, _EXTENSIONS[SUPPORTED_MEDIA_TYPES[media]]),
        mime_type=media,
        size_mb=round(size / 1_048_576, 4),
        created_at=now,
        updated_at=now,
    )


class StartResumeParse:
    """Queue parsing of an uploaded resume.

    Rules: the file must have been uploaded; a resume already parsing is not queued twice (the same
    idempotency key); parsing again after a failure or to refresh is allowed.
    """

    def __init__(self, uow: UnitOfWorkFactory, blobs: BlobStore, queue: TaskQueue, clock: Clock) -> None:
        self._uow, self._blobs, self._queue, self._clock = uow, blobs, queue, clock

    async def execute(self, user_id: str, resume_id: str) -> Resume:
        async with self._uow() as uow:
            resume = require(await uow.resumes.get(user_id, resume_id), "Resume")
            if not await self._blobs.exists(resume.storage_key):
                raise InvalidState("The file has not been uploaded yet.")
            if resume.parse_status is not ParseStatus.PARSING:
                resume = evolve(
                    resume,
                    parse_status=ParseStatus.PARSING,
                    parse_error_code=None,
                    updated_at=self._clock.now(),
                )
                await uow.resumes.update(resume)
                await uow.commit()
        await self._queue.enqueue(
            PARSE_RESUME,
            {"user_id": user_id, "resume_id": resume_id},
            idempotency_key=f"parse:{resume_id}:{resume.updated_at.isoformat()}",
        )
        return resume


class ParseStoredResume:
    """Parse a stored resume file (runs in the worker).

    Rules: the resume is loaded by its owner's id; a document error marks the resume failed with its code
    (never a half-filled resume); infrastructure errors propagate so the queue retries.
    """

    def __init__(self, uow: UnitOfWorkFactory, blobs: BlobStore, parse: ParseDocument, clock: Clock) -> None:
        self._uow, self._blobs, self._parse, self._clock = uow, blobs, parse, clock

    async def execute(self, user_id: str, resume_id: str) -> Resume:
        async with self._uow() as uow:
            resume = require(await uow.resumes.get(user_id, resume_id), "Resume")
        data = await self._blobs.get(resume.storage_key)
        try:
            document = await self._parse.execute(data, resume.mime_type)
        except DocumentError as exc:
            updated = evolve(
                resume,
                parse_status=ParseStatus.FAILED,
                parse_error_code=exc.code,
                parsed_text=None,
                parsed_sections=None,
                updated_at=self._clock.now(),
            )
        else:
            updated = evolve(
                resume,
                parse_status=ParseStatus.COMPLETED,
                parse_error_code=None,
                parsed_text=document.text,
                parsed_sections=document.to_dict(),
                updated_at=self._clock.now(),
            )
        async with self._uow() as uow:
            if await uow.resumes.get(user_id, resume_id) is None:
                raise NotFound("Resume not found.")
            await uow.resumes.update(updated)
            await uow.commit()
        return updated


class AddResume:
    """Store a resume from bytes in one step and parse it now (library, CLI and direct uploads).

    Rules: the same checks as an upload (a confirmed email first); the parse happens before anything is
    stored, so a file that cannot be read leaves nothing behind.
    """

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        blobs: BlobStore,
        parse: ParseDocument,
        clock: Clock,
        ids: IdGenerator,
    ) -> None:
        self._uow, self._blobs, self._parse, self._clock, self._ids = uow, blobs, parse, clock, ids

    async def execute(
        self,
        user_id: str,
        filename: str,
        data: bytes,
        *,
        media_type: str | None = None,
        title: str | None = None,
    ) -> Resume:
        media = _checked_media_type(filename, media_type)
        async with self._uow() as uow:
            await verified_user(uow, user_id)
        document = await self._parse.execute(data, media)
        resume = evolve(
            _new_resume(self._clock, self._ids, user_id, filename, media, len(data), title),
            parse_status=ParseStatus.COMPLETED,
            parsed_text=document.text,
            parsed_sections=document.to_dict(),
        )
        await self._blobs.put(resume.storage_key, data, media)
        async with self._uow() as uow:
            await uow.resumes.add(resume)
            await uow.commit()
        return resume


class ListResumes:
    """The user's resumes, newest first (never another user's)."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def execute(self, user_id: str) -> list[ResumeSummary]:
        async with self._uow() as uow:
            return await uow.resumes.list(user_id)


class GetResume:
    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def execute(self, user_id: str, resume_id: str) -> Resume:
        async with self._uow() as uow:
            return require(await uow.resumes.get(user_id, resume_id), "Resume")


class RenameResume:
    """Rename a resume. Rules: the title is trimmed, non-empty and at most 200 characters."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow, self._clock = uow, clock

    async def execute(self, user_id: str, resume_id: str, title: str) -> Resume:
        async with self._uow() as uow:
            resume = require(await uow.resumes.get(user_id, resume_id), "Resume")
            renamed = evolve(resume, title=_clean_title(title), updated_at=self._clock.now())
            await uow.resumes.update(renamed)
            await uow.commit()
        return renamed


class DeleteResume:
    """Soft-delete a resume and remove its stored file.

    Rules: the record is hidden first (committed), then the file is removed; a storage failure leaves a
    hidden record whose file a later clean-up removes, never a visible record without its file.
    """

    def __init__(self, uow: UnitOfWorkFactory, blobs: BlobStore, clock: Clock) -> None:
        self._uow, self._blobs, self._clock = uow, blobs, clock

    async def execute(self, user_id: str, resume_id: str) -> None:
        async with self._uow() as uow:
            resume = require(await uow.resumes.get(user_id, resume_id), "Resume")
            now = self._clock.now()
            await uow.resumes.update(evolve(resume, deleted_at=now, updated_at=now))
            await uow.commit()
        await self._blobs.delete_prefix(storage_keys.record_prefix(resume.storage_key))
