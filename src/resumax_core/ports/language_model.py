"""The engine that proposes rewrites: the offline rule engine or any LLM.

An engine receives one section (or the summary task) with the job analysis and the facts the resume
proves, and proposes ``Change``s with their reasons and evidence. Engines are not trusted: every change
passes the truthfulness guard before a user sees it. Failures (timeouts, rate limits, invalid output after
retries) surface as ``LLMUnavailable``.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Protocol

from attrs import field, frozen

from resumax_core.entities import Change, JobAnalysis, ParsedDocument, Tip, Usage


class RewriteTask(StrEnum):
    SUMMARY = "summary"
    SECTION = "section"


@frozen
class RewriteRequest:
    """One unit of work for an engine.

    ``section_index`` is the section to rewrite (for SUMMARY: the existing summary, or where a new one
    goes). ``evidenced_skills`` maps each job skill the resume proves to the resume text proving it;
    ``unlisted_skills`` are those proven in experience but absent from the skills section.
    """

    task: RewriteTask
    document: ParsedDocument
    section_index: int
    job: JobAnalysis
    evidenced_skills: Mapping[str, str] = field(factory=dict)
    unlisted_skills: tuple[str, ...] = ()
    missing_skills: tuple[str, ...] = ()
    years_of_experience: float | None = None


@frozen
class Proposal:
    changes: tuple[Change, ...] = ()
    tips: tuple[Tip, ...] = ()
    usage: Usage = field(factory=Usage)


class LanguageModel(Protocol):
    @property
    def name(self) -> str:
        """The engine or model name recorded on results (e.g. "offline", "gpt-4.1-mini")."""

    async def propose(self, request: RewriteRequest) -> Proposal:
        """Suggest changes for one section. Change ids must be unique within one optimization."""
