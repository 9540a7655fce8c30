"""Models of the resume routes (architecture §5 Resumes)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from resumax_core.entities import ParseStatus, Resume, ResumeSummary
from resumax_core.use_cases.resumes import ResumeUpload
from resumax_http.schemas.common import RequestModel, ResponseModel

MAX_TITLE = 500


class PresignIn(RequestModel):
    filename: str = Field(min_length=1, max_length=255, examples=["resume.pdf"])
    mime_type: str = Field(min_length=1, max_length=255, examples=["application/pdf"])
    size: int = Field(ge=1, le=2**53, description="The file's size in bytes.")
    title: str | None = Field(default=None, min_length=1, max_length=MAX_TITLE)


class PresignOut(ResponseModel):
    """Where to send the file: ``method`` PUT with the raw bytes and ``headers``, or POST as a multipart
    form of ``fields`` plus the file. Then call ``POST /resumes/{resumeId}/parse``."""

    resume_id: str
    upload_url: str
    method: str
    fields: dict[str, str]
    headers: dict[str, str]
    expires_at: datetime
    max_bytes: int

    @classmethod
    def of(cls, started: ResumeUpload) -> PresignOut:
        upload = started.upload
        headers = {"Content-Type": started.resume.mime_type} if upload.method == "PUT" else {}
        return cls(
            resume_id=started.resume.id,
            upload_url=upload.url,
            method=upload.method,
            fields=dict(upload.fields),
            headers=headers,
            expires_at=upload.expires_at,
            max_bytes=upload.max_bytes,
        )


class ResumeOut(ResponseModel):
    id: str
    title: str
    original_filename: str
    mime_type: str
    size_mb: float
    parse_status: ParseStatus
    parse_error_code: str | None
    last_score: float | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def fields_of(cls, resume: Resume | ResumeSummary) -> dict[str, Any]:
        return {
            "id": resume.id,
            "title": resume.title,
            "original_filename": resume.original_filename,
            "mime_type": resume.mime_type,
            "size_mb": resume.size_mb,
            "parse_status": resume.parse_status,
            "parse_error_code": resume.parse_error_code,
            "last_score": resume.last_score,
            "created_at": resume.created_at,
            "updated_at": resume.updated_at,
        }

    @classmethod
    def of(cls, resume: Resume | ResumeSummary) -> ResumeOut:
        return cls(**cls.fields_of(resume))


class ResumeDetailOut(ResumeOut):
    parsed_sections: dict[str, Any] | None = Field(
        description="The parsed document (sections, contact, experience, education, skills) once parsed."
    )

    @classmethod
    def of(cls, resume: Resume) -> ResumeDetailOut:
        return cls(**cls.fields_of(resume), parsed_sections=resume.parsed_sections)


class ResumeListOut(ResponseModel):
    items: list[ResumeOut]


class RenameResumeIn(RequestModel):
    title: str = Field(min_length=1, max_length=MAX_TITLE)


class ParseStartedOut(ResponseModel):
    resume_id: str
    status: ParseStatus
