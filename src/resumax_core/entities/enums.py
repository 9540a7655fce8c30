"""Enumerations shared by the entities; their values are what the database and the API store."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    USER = "user"
    ADMIN = "admin"


class ParseStatus(StrEnum):
    PENDING = "pending"
    PARSING = "parsing"
    COMPLETED = "completed"
    FAILED = "failed"


class SourceType(StrEnum):
    PASTE = "paste"
    UPLOAD = "upload"


class OptimizationStatus(StrEnum):
    """queued → processing → generating → completed | failed."""

    QUEUED = "queued"
    PROCESSING = "processing"
    GENERATING = "generating"
    COMPLETED = "completed"
    FAILED = "failed"

    @property
    def is_final(self) -> bool:
        return self in (OptimizationStatus.COMPLETED, OptimizationStatus.FAILED)


class ExportFormat(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    TEXT = "text"

    @property
    def extension(self) -> str:
        return {"pdf": "pdf", "docx": "docx", "text": "txt"}[self.value]

    @property
    def media_type(self) -> str:
        return {
            "pdf": "application/pdf",
            "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "text": "text/plain; charset=utf-8",
        }[self.value]

    @classmethod
    def parse(cls, value: str) -> ExportFormat:
        """Accept ``txt`` as an alias of ``text``; raise ValueError for anything else."""
        lowered = value.strip().lower()
        return cls.TEXT if lowered in ("txt", "text") else cls(lowered)


class SectionKind(StrEnum):
    CONTACT = "contact"
    SUMMARY = "summary"
    EXPERIENCE = "experience"
    EDUCATION = "education"
    SKILLS = "skills"
    CERTIFICATIONS = "certifications"
    PROJECTS = "projects"
    LANGUAGES = "languages"
    OTHER = "other"


class BlockKind(StrEnum):
    """How a line of a section is laid out: plain text, a bullet, or an entry header (role, school)."""

    TEXT = "text"
    BULLET = "bullet"
    ENTRY = "entry"


class ChangeKind(StrEnum):
    """What a suggested change does; the UI groups and explains changes by kind."""

    SUMMARY = "summary"
    SKILLS = "skills"
    BULLET = "bullet"
    ORDER = "order"
    TIP = "tip"
