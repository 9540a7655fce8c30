"""Versions: the user accepts suggested changes one by one or all at once."""

from __future__ import annotations

from collections.abc import Sequence

from attrs import frozen

from resumax_core.analysis.apply import apply_changes
from resumax_core.analysis.diff import diff_documents
from resumax_core.analysis.scoring import score_resume
from resumax_core.entities import Change, OptimizationStatus, ParsedDocument, Score, TailoringResult, Version
from resumax_core.errors import InvalidInput, InvalidState
from resumax_core.ports import Clock, IdGenerator, UnitOfWorkFactory
from resumax_core.use_cases._common import parsed_document, require


def _completed_result(status: OptimizationStatus, result: dict[str, object] | None) -> TailoringResult:
    if status is not OptimizationStatus.COMPLETED or result is None:
        raise InvalidState("The optimization has not completed yet.", details={"status": status.value})
    return TailoringResult.from_dict(dict(result))


def _chosen(result: TailoringResult, accepted: Sequence[str] | None, apply_all: bool) -> list[Change]:
    if apply_all:
        return list(result.changes)
    wanted = list(dict.fromkeys(accepted or ()))
    known = {change.id: change for change in result.changes}
    unknown = [change_id for change_id in wanted if change_id not in known]
    if unknown:
        raise InvalidInput(
            "Some accepted changes do not belong to this optimization.", details={"unknown": unknown}
        )
    return [known[change_id] for change_id in wanted]


@frozen
class Preview:
    document: ParsedDocument
    score: Score
    applied: tuple[str, ...]
    skipped: tuple[str, ...]


class PreviewChanges:
    """Re-score the resume with a selection of changes without storing anything (the live score)."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow, self._clock = uow, clock

    async def execute(
        self, user_id: str, optimization_id: str, accepted: Sequence[str] | None, *, apply_all: bool = False
    ) -> Preview:
        async with self._uow() as uow:
            optimization = require(await uow.optimizations.get(user_id, optimization_id), "Optimization")
            resume = require(await uow.resumes.get(user_id, optimization.resume_id), "Resume")
        result = _completed_result(optimization.status, optimization.result)
        application = apply_changes(parsed_document(resume), _chosen(result, accepted, apply_all))
        score = score_resume(application.document, result.job, today=self._clock.now().date())
        return Preview(application.document, score, application.applied, application.skipped)


class AcceptChanges:
    """Create a Version from the changes the user accepted.

    Rules: only a completed optimization's own changes can be accepted (unknown ids are refused, listed);
    ``apply_all`` accepts every change; accepting none keeps the resume as parsed; the version stores
    which changes were accepted, rejected and skipped (an overlapping change is skipped, never forced),
    the resulting sections, the diff and the new score.
    """

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, ids: IdGenerator) -> None:
        self._uow, self._clock, self._ids = uow, clock, ids

    async def execute(
        self, user_id: str, optimization_id: str, accepted: Sequence[str] | None, *, apply_all: bool = False
    ) -> Version:
        async with self._uow() as uow:
            optimization = require(await uow.optimizations.get(user_id, optimization_id), "Optimization")
            resume = require(await uow.resumes.get(user_id, optimization.resume_id), "Resume")
            result = _completed_result(optimization.status, optimization.result)
            chosen = _chosen(result, accepted, apply_all)
            original = parsed_document(resume)
            application = apply_changes(original, chosen)
            score = score_resume(application.document, result.job, today=self._clock.now().date())
            chosen_ids = {change.id for change in chosen}
            version = Version(
                id=self._ids.new_id(),
                optimization_id=optimization.id,
                user_id=user_id,
                accepted_changes={
                    "applyAll": apply_all,
                    "accepted": list(application.applied),
                    "skipped": list(application.skipped),
                    "rejected": [c.id for c in result.changes if c.id not in chosen_ids],
                },
                optimized_sections=application.document.to_dict(),
                diff=diff_documents(original, application.document),
                score=score.total,
                tokens_used=result.usage.total_tokens,
                cost_usd=result.usage.cost_usd,
                created_at=self._clock.now(),
            )
            await uow.versions.add(version)
            await uow.commit()
        return version


class ListVersions:
    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def execute(self, user_id: str, optimization_id: str | None = None) -> list[Version]:
        async with self._uow() as uow:
            return await uow.versions.list(user_id, optimization_id)


class GetVersion:
    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def execute(self, user_id: str, version_id: str) -> Version:
        async with self._uow() as uow:
            return require(await uow.versions.get(user_id, version_id), "Version")
