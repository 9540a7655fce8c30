"""Job descriptions: paste or upload, analyse, list, update, delete."""

from __future__ import annotations

from attrs import evolve

from resumax_core.analysis.job import analyze_job, sanitize_job_text
from resumax_core.entities import JobAnalysis, JobDescription, SourceType
from resumax_core.errors import FileTooLarge, InvalidInput, UnsupportedFileType
from resumax_core.ports import Clock, IdGenerator, UnitOfWorkFactory
from resumax_core.use_cases._common import require, verified_user
from resumax_core.use_cases.documents import ParseDocument

MAX_JOB_TEXT_CHARS = 50_000
MIN_JOB_TEXT_CHARS = 20


def checked_job_text(text: str) -> str:
    """Sanitised job text, or InvalidInput when it is empty, too short to analyse, or too long."""
    if len(text) > MAX_JOB_TEXT_CHARS * 4:
        raise InvalidInput(f"The job description is too long (limit {MAX_JOB_TEXT_CHARS:,} characters).")
    cleaned = sanitize_job_text(text)
    if len(cleaned) < MIN_JOB_TEXT_CHARS:
        raise InvalidInput("The job description is empty or too short to analyse.")
    if len(cleaned) > MAX_JOB_TEXT_CHARS:
        raise InvalidInput(f"The job description is too long (limit {MAX_JOB_TEXT_CHARS:,} characters).")
    return cleaned


class AnalyzeJob:
    """Analyse job text without storing it: title, company, seniority, required and preferred skills."""

    async def execute(self, text: str) -> JobAnalysis:
        return analyze_job(checked_job_text(text))


def _optional(value: str | None, limit: int = 200) -> str | None:
    if value is None:
        return None
    cleaned = " ".join(value.split())[:limit]
    return cleaned or None


class CreateJobDescription:
    """Store a pasted job description with its analysis.

    Rules: the text is sanitised (markup and boilerplate removed) before analysis; a missing title,
    company or location is filled from the analysis; the analysis is stored so it is computed once.
    """

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, ids: IdGenerator) -> None:
        self._uow, self._clock, self._ids = uow, clock, ids

    async def execute(
        self,
        user_id: str,
        text: str,
        *,
        title: str | None = None,
        company: str | None = None,
        location: str | None = None,
        source_type: SourceType = SourceType.PASTE,
    ) -> JobDescription:
        cleaned = checked_job_text(text)
        analysis = analyze_job(cleaned)
        now = self._clock.now()
        job = JobDescription(
            id=self._ids.new_id(),
            user_id=user_id,
            title=_optional(title) or analysis.title or "Untitled job",
            company=_optional(company) or analysis.company,
            location=_optional(location) or analysis.location,
            source_type=source_type,
            sanitized_text=cleaned,
            metadata={"analysis": analysis.to_dict()},
            created_at=now,
            updated_at=now,
        )
        async with self._uow() as uow:
            await uow.job_descriptions.add(job)
            await uow.commit()
        return job


_PARSED_JOB_FILES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
_TEXT_JOB_FILES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".json")
JOB_FILE_TYPES = "PDF, DOCX, text, Markdown, HTML or a JSON job posting"


class AddJobDescriptionFile:
    """Store a job description from a file, as ``CreateJobDescription`` stores pasted text (marked as an
    upload).

    Rules: a PDF or DOCX posting is read by the document parser, with every limit a resume upload has
    (size, pages, hostile structure, a worker process); text, Markdown, HTML and JSON postings are
    decoded as text (``job_text_from_file``); the type comes from the file's extension and any other is
    refused (``unsupported_file_type``); a file that yields too little text to analyse, such as a scanned
    page without a text layer, is refused like short pasted text; like every upload, it needs a
    confirmed email.
    """

    def __init__(self, uow: UnitOfWorkFactory, create: CreateJobDescription, parse: ParseDocument) -> None:
        self._uow, self._create, self._parse = uow, create, parse

    async def execute(
        self,
        user_id: str,
        filename: str,
        data: bytes,
        *,
        title: str | None = None,
        company: str | None = None,
        location: str | None = None,
    ) -> JobDescription:
        async with self._uow() as uow:
            await verified_user(uow, user_id)
        extension = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
        if extension in _PARSED_JOB_FILES:
            text = (await self._parse.execute(data, _PARSED_JOB_FILES[extension])).text
        elif extension in _TEXT_JOB_FILES:
            if len(data) > MAX_JOB_TEXT_CHARS * 16:
                raise FileTooLarge(details={"maxBytes": MAX_JOB_TEXT_CHARS * 16, "size": len(data)})
            text = job_text_from_file(filename, data)
        else:
            raise UnsupportedFileType(
                f"This file type is not supported for a job description; use {JOB_FILE_TYPES}.",
                details={"filename": filename[-100:]},
            )
        return await self._create.execute(
            user_id, text, title=title, company=company, location=location, source_type=SourceType.UPLOAD
        )


def job_analysis_of(job: JobDescription) -> JobAnalysis:
    """The stored analysis, or a fresh one when it was stored by an older taxonomy."""
    stored = job.metadata.get("analysis")
    if isinstance(stored, dict):
        try:
            return JobAnalysis.from_dict(stored)
        except (KeyError, TypeError, ValueError):
            pass
    return analyze_job(job.sanitized_text)


class ListJobDescriptions:
    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def execute(self, user_id: str) -> list[JobDescription]:
        async with self._uow() as uow:
            return await uow.job_descriptions.list(user_id)


class GetJobDescription:
    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def execute(self, user_id: str, job_id: str) -> JobDescription:
        async with self._uow() as uow:
            return require(await uow.job_descriptions.get(user_id, job_id), "Job description")


class UpdateJobDescription:
    """Rename or correct a job description's title, company or location (the text stays as analysed)."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow, self._clock = uow, clock

    async def execute(
        self,
        user_id: str,
        job_id: str,
        *,
        title: str | None = None,
        company: str | None = None,
        location: str | None = None,
    ) -> JobDescription:
        async with self._uow() as uow:
            job = require(await uow.job_descriptions.get(user_id, job_id), "Job description")
            if title is not None and not _optional(title):
                raise InvalidInput("The title must not be empty.")
            updated = evolve(
                job,
                title=_optional(title) or job.title,
                company=_optional(company) if company is not None else job.company,
                location=_optional(location) if location is not None else job.location,
                updated_at=self._clock.now(),
            )
            await uow.job_descriptions.update(updated)
            await uow.commit()
        return updated


class DeleteJobDescription:
    """Soft-delete a job description (its stored file, if any, is removed with it)."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow, self._clock = uow, clock

    async def execute(self, user_id: str, job_id: str) -> None:
        async with self._uow() as uow:
            job = require(await uow.job_descriptions.get(user_id, job_id), "Job description")
            now = self._clock.now()
            await uow.job_descriptions.update(evolve(job, deleted_at=now, updated_at=now))
            await uow.commit()


def _flatten_json_job(data: object) -> str:
    """Text of a JSON job posting (the JSON Resume job schema, or any object of strings and lists)."""
    if not isinstance(data, dict):
        raise InvalidInput("A JSON job description must be an object.")
    lines: list[str] = []
    for key in ("title", "company", "type", "remote", "experience", "salary"):
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            lines.append(
                value.strip() if key in ("title", "company") else f"{key.capitalize()}: {value.strip()}"
            )
    location = data.get("location")
    if isinstance(location, dict):
        place = ", ".join(str(location[k]) for k in ("city", "region", "countryCode") if location.get(k))
        if place:
            lines.append(f"Location: {place}")
    if isinstance(data.get("description"), str):
        lines.extend(["", str(data["description"])])
    for key, heading in (("responsibilities", "Responsibilities"), ("qualifications", "Requirements")):
        items = data.get(key)
        if isinstance(items, list) and items:
            lines.extend(["", heading] + [f"- {item}" for item in items if isinstance(item, str)])
    skills = data.get("skills")
    if isinstance(skills, list) and skills:
        lines.extend(["", "Skills"])
        for skill in skills:
            if isinstance(skill, dict):
                keywords = [str(k) for k in skill.get("keywords") or () if isinstance(k, str)]
                name = str(skill.get("name") or "")
                lines.append("- " + ", ".join(part for part in [name, *keywords] if part))
    return "\n".join(lines)


def job_text_from_file(filename: str, data: bytes) -> str:
    """Job text from an uploaded or local file: plain text, Markdown, HTML or a JSON job posting.

    Text is decoded as UTF-8 (with or without a byte-order mark) or UTF-16 with a byte-order mark; anything
    else is refused with a clear message rather than guessed.
    """
    encoding = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise InvalidInput(
            "The job description is not UTF-8 text; save it as plain text and retry."
        ) from None
    if "\x00" in text:
        raise InvalidInput("The job description is not a text file.")
    if filename.lower().endswith(".json"):
        import json

        try:
            return _flatten_json_job(json.loads(text))
        except json.JSONDecodeError as exc:
            raise InvalidInput(f"The JSON job description is not valid JSON (line {exc.lineno}).") from None
    return text
