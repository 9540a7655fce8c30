"""Optimize a resume file against a job text in one call, storing nothing (the CLI and batch runs)."""

from __future__ import annotations

from attrs import frozen

from resumax_core.analysis.apply import apply_changes
from resumax_core.analysis.scoring import score_resume
from resumax_core.entities import ExportFormat, JobAnalysis, ParsedDocument, Score, TailoringResult
from resumax_core.ports import Clock
from resumax_core.use_cases.documents import ParseDocument, RenderDocument, RenderedExport
from resumax_core.use_cases.job_descriptions import AnalyzeJob
from resumax_core.use_cases.tailoring import TailorResume


@frozen
class OptimizedFile:
    original: ParsedDocument
    tailored: ParsedDocument
    result: TailoringResult
    score_after: Score
    applied: tuple[str, ...]
    export: RenderedExport | None


class OptimizeParsedResume:
    """Tailor an already-parsed resume to an already-analysed job, accept every surviving change, render.

    Rules: guarded tailoring (only changes that fit and pass the truthfulness guard); every such change is
    applied, an overlapping one skipped; the score after is measured on the document actually written;
    the rendered file carries its round-trip check. With ``fmt=None`` nothing is rendered. A batch uses
    this directly so each file is read once for all its pairs.
    """

    def __init__(self, tailor: TailorResume, render: RenderDocument, clock: Clock) -> None:
        self._tailor, self._render, self._clock = tailor, render, clock

    async def execute(
        self,
        document: ParsedDocument,
        job: JobAnalysis,
        *,
        fmt: ExportFormat | None = ExportFormat.PDF,
        template: str | None = None,
    ) -> OptimizedFile:
        result = await self._tailor.execute(document, job)
        application = apply_changes(document, result.changes)
        score_after = score_resume(application.document, job, today=self._clock.now().date())
        export = None if fmt is None else await self._render.execute(application.document, fmt, template)
        return OptimizedFile(document, application.document, result, score_after, application.applied, export)


class OptimizeResumeFile:
    """Parse a resume and analyse a job, then ``OptimizeParsedResume``: the same guarded tailoring as a
    stored optimization, every surviving change applied, the result rendered and checked."""

    def __init__(self, parse: ParseDocument, analyze: AnalyzeJob, optimize: OptimizeParsedResume) -> None:
        self._parse, self._analyze, self._optimize = parse, analyze, optimize

    async def execute(
        self,
        resume: bytes,
        media_type: str,
        job_text: str,
        *,
        fmt: ExportFormat | None = ExportFormat.PDF,
        template: str | None = None,
    ) -> OptimizedFile:
        job = await self._analyze.execute(job_text)
        document = await self._parse.execute(resume, media_type)
        return await self._optimize.execute(document, job, fmt=fmt, template=template)
