"""Models of the job description routes (architecture §5 Job Descriptions)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import ConfigDict, Field

from resumax_core.entities import JobDescription, SourceType
from resumax_http.schemas.common import RequestModel, ResponseModel

MAX_JOB_TEXT = 200_000


class JobCreateIn(RequestModel):
    """A pasted job description; a missing title, company or location is read from the text."""

    text: str = Field(min_length=1, max_length=MAX_JOB_TEXT)
    title: str | None = Field(default=None, max_length=500)
    company: str | None = Field(default=None, max_length=500)
    location: str | None = Field(default=None, max_length=500)


class JobUploadFieldsIn(RequestModel):
    """The text fields of a job description uploaded as a file; missing ones are read from it."""

    title: str | None = Field(default=None, min_length=1, max_length=500)
    company: str | None = Field(default=None, min_length=1, max_length=500)
    location: str | None = Field(default=None, min_length=1, max_length=500)


class JobUpdateIn(RequestModel):
    title: str | None = Field(default=None, max_length=500)
    company: str | None = Field(default=None, max_length=500)
    location: str | None = Field(default=None, max_length=500)


class RequirementOut(ResponseModel):
    model_config = ConfigDict(extra="ignore")

    text: str
    required: bool
    skills: list[str] = Field(default_factory=list)


class JobAnalysisOut(ResponseModel):
    """What the job asks for; skills are canonical names (aliases resolved)."""

    model_config = ConfigDict(extra="ignore")

    title: str | None = None
    company: str | None = None
    location: str | None = None
    seniority: str | None = None
    workplace_type: str | None = None
    employment_type: str | None = None
    salary_range: str | None = None
    min_years: int | None = None
    required_skills: list[str] = Field(default_factory=list)
    preferred_skills: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    requirements: list[RequirementOut] = Field(default_factory=list)
    education: list[str] = Field(default_factory=list)
    certifications: list[str] = Field(default_factory=list)
    taxonomy_version: str = ""


class JobMetadataOut(ResponseModel):
    analysis: JobAnalysisOut | None = None

    @classmethod
    def of(cls, metadata: dict[str, Any]) -> JobMetadataOut:
        stored = metadata.get("analysis")
        return cls(analysis=JobAnalysisOut.model_validate(stored) if isinstance(stored, dict) else None)


class JobOut(ResponseModel):
    id: str
    title: str
    company: str | None
    location: str | None
    source_type: SourceType
    metadata: JobMetadataOut
    created_at: datetime
    updated_at: datetime

    @classmethod
    def fields_of(cls, job: JobDescription) -> dict[str, Any]:
        return {
            "id": job.id,
            "title": job.title,
            "company": job.company,
            "location": job.location,
            "source_type": job.source_type,
            "metadata": JobMetadataOut.of(job.metadata),
            "created_at": job.created_at,
            "updated_at": job.updated_at,
        }

    @classmethod
    def of(cls, job: JobDescription) -> JobOut:
        return cls(**cls.fields_of(job))


class JobDetailOut(JobOut):
    sanitized_text: str

    @classmethod
    def of(cls, job: JobDescription) -> JobDetailOut:
        return cls(**cls.fields_of(job), sanitized_text=job.sanitized_text)


class JobCreatedOut(JobDetailOut):
    job_description_id: str = Field(description="The new job description's id (same as id).")

    @classmethod
    def of(cls, job: JobDescription) -> JobCreatedOut:
        return cls(**cls.fields_of(job), sanitized_text=job.sanitized_text, job_description_id=job.id)


class JobListOut(ResponseModel):
    items: list[JobOut]
