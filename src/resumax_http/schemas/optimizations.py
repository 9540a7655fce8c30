"""Models of the optimization routes: the request, the job's state, and its explainable result.

The stored result (``TailoringResult.to_dict``) is already camelCase; these models pick from it what a
client sees (scores, changes, rejected changes, tips, skills) and leave out internal parts (the job
analysis copy, token accounting, which lives on the version).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import ConfigDict, Field

from resumax_core.entities import Optimization, OptimizationStatus
from resumax_core.use_cases.versions import Preview
from resumax_http.schemas.common import ID_PATTERN, RequestModel, ResponseModel


class OptimizeIn(RequestModel):
    resume_id: str = Field(pattern=ID_PATTERN)
    job_description_id: str = Field(pattern=ID_PATTERN)
    strategy: str = Field(default="default", min_length=1, max_length=50, examples=["default"])


class OptimizeAcceptedOut(ResponseModel):
    optimization_id: str
    status: OptimizationStatus


class _Stored(ResponseModel):
    """Read from stored JSON: keys the API does not publish are dropped."""

    model_config = ConfigDict(extra="ignore")


class MatchOut(_Stored):
    item: str
    evidence: str


class ScoreComponentOut(_Stored):
    name: str
    label: str
    weight: float
    ratio: float
    points: float
    matched: list[MatchOut] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list)
    note: str = ""


class ScoreOut(_Stored):
    """A 0–100 score that is the sum of its components' points."""

    total: float
    components: list[ScoreComponentOut]


class BlockOut(_Stored):
    kind: str
    text: str


class ChangeOut(_Stored):
    """One suggested edit: what it replaces, why, the job requirement it serves, the resume evidence."""

    id: str
    kind: str
    section: str
    section_index: int
    block_start: int
    block_end: int
    before: str
    after: str
    after_blocks: list[BlockOut]
    reason: str
    requirement: str | None = None
    evidence: list[str] = Field(default_factory=list)
    new_section: bool = False
    heading: str | None = None


class ViolationOut(_Stored):
    kind: str
    text: str
    reason: str


class RejectedChangeOut(_Stored):
    """A change the truthfulness guard refused, with the unsupported facts it would have added."""

    change: ChangeOut
    violations: list[ViolationOut]


class TipOut(_Stored):
    section: str
    text: str
    message: str


class OptimizationResultOut(_Stored):
    score_before: ScoreOut
    score_after: ScoreOut
    changes: list[ChangeOut]
    rejected: list[RejectedChangeOut] = Field(default_factory=list)
    tips: list[TipOut] = Field(default_factory=list)
    matched_skills: list[str] = Field(default_factory=list)
    missing_skills: list[str] = Field(default_factory=list)


class OptimizationSummaryOut(ResponseModel):
    id: str
    resume_id: str
    job_description_id: str
    status: OptimizationStatus
    strategy: str
    summary: str | None
    alignment_score: float | None
    error_code: str | None
    error_message: str | None
    created_at: datetime
    updated_at: datetime
    completed_at: datetime | None

    @classmethod
    def fields_of(cls, optimization: Optimization) -> dict[str, Any]:
        return {
            "id": optimization.id,
            "resume_id": optimization.resume_id,
            "job_description_id": optimization.job_description_id,
            "status": optimization.status,
            "strategy": optimization.strategy,
            "summary": optimization.summary,
            "alignment_score": optimization.alignment_score,
            "error_code": optimization.error_code,
            "error_message": optimization.error_message,
            "created_at": optimization.created_at,
            "updated_at": optimization.updated_at,
            "completed_at": optimization.completed_at,
        }

    @classmethod
    def of(cls, optimization: Optimization) -> OptimizationSummaryOut:
        return cls(**cls.fields_of(optimization))


class OptimizationOut(OptimizationSummaryOut):
    result: OptimizationResultOut | None = Field(
        description="Scores, suggested and rejected changes, tips and skills; present once completed."
    )

    @classmethod
    def of(cls, optimization: Optimization) -> OptimizationOut:
        completed = optimization.status is OptimizationStatus.COMPLETED and optimization.result is not None
        result = OptimizationResultOut.model_validate(optimization.result) if completed else None
        return cls(**cls.fields_of(optimization), result=result)


class OptimizationListOut(ResponseModel):
    items: list[OptimizationSummaryOut]


class ChangesIn(RequestModel):
    """Which suggested changes to apply: their ids, or ``applyAll`` for every one."""

    accepted_changes: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        default_factory=list, max_length=1000
    )
    apply_all: bool = False


class PreviewOut(ResponseModel):
    """The live score with the chosen changes applied; nothing is stored."""

    score: ScoreOut
    applied: list[str]
    skipped: list[str]
    optimized_sections: dict[str, Any]

    @classmethod
    def of(cls, preview: Preview) -> PreviewOut:
        return cls(
            score=ScoreOut.model_validate(preview.score.to_dict()),
            applied=list(preview.applied),
            skipped=list(preview.skipped),
            optimized_sections=preview.document.to_dict(),
        )
