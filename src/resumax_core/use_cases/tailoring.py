"""Tailoring a parsed resume to a job: score, propose, guard, re-score. Stores nothing."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import date

from resumax_core.analysis.apply import apply_changes, change_fits
from resumax_core.analysis.gap import GapAnalysis, analyze_gap
from resumax_core.analysis.guard import check_change
from resumax_core.analysis.scoring import score_resume
from resumax_core.entities import (
    Change,
    JobAnalysis,
    ParsedDocument,
    RejectedChange,
    Score,
    SectionKind,
    TailoringResult,
    Tip,
    Usage,
    Violation,
)
from resumax_core.ports import Clock, LanguageModel, RewriteRequest, RewriteTask

REWRITTEN_SECTIONS = (SectionKind.SKILLS, SectionKind.EXPERIENCE, SectionKind.PROJECTS)


def summary_position(document: ParsedDocument) -> tuple[int, bool]:
    """Where the summary is (index, True) or would be inserted (index, False): right after the contact."""
    for index, section in enumerate(document.sections):
        if section.kind is SectionKind.SUMMARY:
            return index, True
    contact = next((i for i, s in enumerate(document.sections) if s.kind is SectionKind.CONTACT), -1)
    return contact + 1, False


def rewrite_requests(document: ParsedDocument, job: JobAnalysis, gap: GapAnalysis) -> list[RewriteRequest]:
    """One request for the summary and one per section an engine may improve."""

    def request(task: RewriteTask, index: int) -> RewriteRequest:
        return RewriteRequest(
            task=task,
            document=document,
            section_index=index,
            job=job,
            evidenced_skills=dict(gap.evidence),
            unlisted_skills=tuple(gap.unlisted_skills),
            missing_skills=tuple(gap.missing_required) + tuple(gap.missing_preferred),
            years_of_experience=gap.years_of_experience,
        )

    requests = [request(RewriteTask.SUMMARY, summary_position(document)[0])]
    requests.extend(
        request(RewriteTask.SECTION, index)
        for index, section in enumerate(document.sections)
        if section.kind in REWRITTEN_SECTIONS and section.blocks
    )
    return requests


def score_selection(
    document: ParsedDocument, job: JobAnalysis, changes: Sequence[Change], *, today: date
) -> tuple[ParsedDocument, Score]:
    """The document with ``changes`` applied and its score: what the user sees as they accept changes."""
    edited = apply_changes(document, changes).document
    return edited, score_resume(edited, job, today=today)


class TailorResume:
    """Propose honest, evidence-linked changes that fit a resume to a job.

    Rules:
    - the score before is computed on the resume as parsed; the score after on the resume with every
      surviving change applied;
    - the engine works section by section, in parallel, and is never trusted: every change must fit the
      document (its ``before`` matches the text it replaces) and pass the truthfulness guard; a change that
      fails either is dropped and reported with the reason;
    - change ids are unique; a later duplicate id is dropped;
    - tips (e.g. a bullet with no measurable result) are advice only: nothing is filled in for the user.
    """

    def __init__(self, engine: LanguageModel, clock: Clock, *, max_parallel_sections: int = 6) -> None:
        self._engine = engine
        self._clock = clock
        self._parallel = asyncio.Semaphore(max_parallel_sections)

    async def _propose(self, request: RewriteRequest) -> tuple[tuple[Change, ...], tuple[Tip, ...], Usage]:
        async with self._parallel:
            proposal = await self._engine.propose(request)
        return proposal.changes, proposal.tips, proposal.usage

    async def execute(self, document: ParsedDocument, job: JobAnalysis) -> TailoringResult:
        today = self._clock.now().date()
        gap = analyze_gap(document, job, today=today)
        before = score_resume(document, job, gap=gap, today=today)
        proposals = await asyncio.gather(*(self._propose(r) for r in rewrite_requests(document, job, gap)))
        kept: list[Change] = []
        rejected: list[RejectedChange] = []
        tips: list[Tip] = []
        usage = Usage(model=self._engine.name)
        seen: set[str] = set()
        for changes, section_tips, section_usage in proposals:
            tips.extend(section_tips)
            usage = usage + section_usage if section_usage.total_tokens else usage
            for change in changes:
                if change.id in seen:
                    continue
                seen.add(change.id)
                if not change_fits(document, change):
                    rejected.append(
                        RejectedChange(
                            change,
                            (
                                Violation(
                                    "structure", change.before, "The change does not match the resume text."
                                ),
                            ),
                        )
                    )
                    continue
                violations = check_change(document, change, years_of_experience=gap.years_of_experience)
                if violations:
                    rejected.append(RejectedChange(change, tuple(violations)))
                else:
                    kept.append(change)
        _, after = score_selection(document, job, kept, today=today)
        matched = tuple(
            skill for skill in (*job.required_skills, *job.preferred_skills) if skill in gap.evidence
        )
        missing = tuple(gap.missing_required) + tuple(gap.missing_preferred)
        return TailoringResult(
            job=job,
            score_before=before,
            score_after=after,
            changes=tuple(kept),
            rejected=tuple(rejected),
            tips=tuple(tips),
            matched_skills=matched,
            missing_skills=missing,
            summary=_summary(before, after, kept, rejected, missing),
            usage=usage,
        )


def _summary(
    before: Score,
    after: Score,
    kept: Sequence[Change],
    rejected: Sequence[RejectedChange],
    missing: Sequence[str],
) -> str:
    parts = [f"{len(kept)} suggested change{'s' if len(kept) != 1 else ''}"]
    parts.append(f"score {before.total:.0f} → {after.total:.0f} if all are accepted")
    if rejected:
        parts.append(f"{len(rejected)} unsupported suggestion{'s' if len(rejected) != 1 else ''} dropped")
    if missing:
        parts.append(f"{len(missing)} job skill{'s' if len(missing) != 1 else ''} the resume does not show")
    return "; ".join(parts) + "."
