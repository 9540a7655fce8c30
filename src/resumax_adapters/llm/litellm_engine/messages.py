"""From a ``RewriteRequest`` to the chat messages sent to a model.

Rules:
- only SKILLS, EXPERIENCE and PROJECTS sections with blocks, and the SUMMARY task, produce a prompt;
  anything else returns None and no model is called;
- the job, the gap analysis, the section and (for the summary) the resume are untrusted data, each placed
  with ``prompts.delimit`` inside its own tag; only the fixed template text is outside the tags;
- blocks are numbered as in the document, so an edit's ``block`` is the document's block index; entry
  lines and blocks too long to quote in full are never editable;
- the whole user message goes through the redactor, so contact details never leave the process when
  redaction is on; sizes are capped so a huge resume or posting cannot blow the context window.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from attrs import frozen

from resumax_adapters.llm import prompts
from resumax_adapters.llm.litellm_engine.redaction import Redactor
from resumax_adapters.llm.schemas import SectionReply, SummaryReply
from resumax_core.entities import BlockKind, JobAnalysis, ParsedDocument, Section, SectionKind
from resumax_core.ports.language_model import RewriteRequest, RewriteTask

__all__ = ["Prompt", "build_prompt", "summary_target"]

MAX_BLOCK_CHARS = 1200
MAX_BLOCKS = 150
MAX_REQUIREMENTS = 40
MAX_LINE_CHARS = 400
MAX_JOB_CHARS = 12_000
MAX_RESUME_CHARS = 16_000
_EDITABLE = {
    SectionKind.EXPERIENCE: (BlockKind.BULLET, BlockKind.TEXT),
    SectionKind.PROJECTS: (BlockKind.BULLET, BlockKind.TEXT),
    SectionKind.SKILLS: (BlockKind.BULLET, BlockKind.TEXT),
}
_SPACES = re.compile(r"\s+")


@frozen
class Prompt:
    """What to send for one request and how to read the answer.

    ``editable`` are the block indexes of ``section_index`` an edit may replace (empty for the summary);
    ``schema`` is the reply model the answer must match.
    """

    task: str
    messages: tuple[dict[str, str], ...]
    schema: type[SectionReply] | type[SummaryReply]
    section_index: int
    editable: frozenset[int]
    redactor: Redactor


def _one_line(text: str, limit: int) -> str:
    flat = _SPACES.sub(" ", text).strip()
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _capped(lines: Iterable[str], limit: int) -> str:
    kept: list[str] = []
    size = 0
    for line in lines:
        size += len(line) + 1
        if size > limit:
            kept.append("[… cut for length]")
            break
        kept.append(line)
    return "\n".join(kept)


def job_text(job: JobAnalysis) -> str:
    """The job as plain lines (title, facts, requirements, skills), capped in size."""
    lines: list[str] = []
    facts = [
        ("Title", job.title),
        ("Company", job.company),
        ("Seniority", job.seniority),
        ("Minimum years of experience", str(job.min_years) if job.min_years is not None else None),
    ]
    lines += [f"{label}: {_one_line(value, MAX_LINE_CHARS)}" for label, value in facts if value]
    if job.requirements:
        lines.append("Requirements:")
        for requirement in job.requirements[:MAX_REQUIREMENTS]:
            level = "required" if requirement.required else "preferred"
            lines.append(f"- ({level}) {_one_line(requirement.text, MAX_LINE_CHARS)}")
    for label, values in (
        ("Required skills", job.required_skills),
        ("Preferred skills", job.preferred_skills),
        ("Keywords", job.keywords),
        ("Education", job.education),
        ("Certifications", job.certifications),
    ):
        if values:
            lines.append(f"{label}: {_one_line(', '.join(values), MAX_LINE_CHARS * 2)}")
    return _capped(lines, MAX_JOB_CHARS) or "(no details)"


def _bullets(values: Iterable[str]) -> str:
    lines = [f"- {_one_line(value, MAX_LINE_CHARS)}" for value in values]
    return "\n".join(lines) or "(none)"


def _gap_text(request: RewriteRequest) -> str:
    evidenced = [
        f"{skill}: {_one_line(text, MAX_LINE_CHARS)}" for skill, text in request.evidenced_skills.items()
    ]
    years = request.years_of_experience
    return prompts.render(
        "gap",
        evidenced=_bullets(evidenced[:MAX_REQUIREMENTS]),
        unlisted=_bullets(request.unlisted_skills[:MAX_REQUIREMENTS]),
        missing=_bullets(request.missing_skills[:MAX_REQUIREMENTS]),
        years=str(math.floor(years)) if years is not None and years >= 0 else "unknown",
    )


def _section_lines(section: Section, editable_kinds: tuple[BlockKind, ...]) -> tuple[str, frozenset[int]]:
    lines = [f"heading: {_one_line(section.heading, MAX_LINE_CHARS) or '(none)'}"]
    editable: set[int] = set()
    for index, block in enumerate(section.blocks[:MAX_BLOCKS]):
        text = _one_line(block.text, MAX_BLOCK_CHARS)
        too_long = len(_SPACES.sub(" ", block.text).strip()) > MAX_BLOCK_CHARS
        if block.kind in editable_kinds and not too_long and text:
            editable.add(index)
        marker = " [too long: do not edit]" if too_long else ""
        lines.append(f"[{index}] ({block.kind.value}) {text}{marker}")
    return "\n".join(lines), frozenset(editable)


def _resume_text(document: ParsedDocument) -> str:
    lines: list[str] = []
    for section in document.sections:
        if section.kind is SectionKind.CONTACT:
            continue
        if section.heading:
            lines.append(f"## {_one_line(section.heading, MAX_LINE_CHARS)}")
        for block in section.blocks:
            prefix = "- " if block.kind is BlockKind.BULLET else ""
            lines.append(prefix + _one_line(block.text, MAX_BLOCK_CHARS))
    return _capped(lines, MAX_RESUME_CHARS) or "(empty)"


def summary_target(request: RewriteRequest) -> tuple[int, bool]:
    """Where the summary goes: (index of the existing summary section, True), else (insertion index,
    False). Mirrors the offline engine: the requested index when it is a summary, else the first one."""
    sections = request.document.sections
    index = request.section_index
    if 0 <= index < len(sections) and sections[index].kind is SectionKind.SUMMARY:
        return index, True
    existing = next((i for i, s in enumerate(sections) if s.kind is SectionKind.SUMMARY), None)
    if existing is not None:
        return existing, True
    return max(0, min(index, len(sections))), False


def _messages(user: str, redactor: Redactor) -> tuple[dict[str, str], ...]:
    return (
        {"role": "system", "content": prompts.render("system")},
        {"role": "user", "content": redactor.redact(user)},
    )


def build_prompt(request: RewriteRequest, redactor: Redactor) -> Prompt | None:
    """The prompt for ``request``, or None when there is nothing a model may change."""
    job = prompts.delimit("job_description", job_text(request.job))
    gap = prompts.delimit("gap_analysis", _gap_text(request))
    if request.task is RewriteTask.SUMMARY:
        index, existing = summary_target(request)
        current = request.document.sections[index].text if existing else ""
        note = (
            "Your summary replaces the current one, quoted in <resume_section>: keep any of its facts "
            "that the job needs."
            if existing
            else "The resume has no summary yet; yours will be added after the contact details."
        )
        user = prompts.render(
            "summary",
            existing=note,
            job_description=job,
            gap_analysis=gap,
            resume=prompts.delimit("resume", _resume_text(request.document)),
            resume_section=prompts.delimit("resume_section", _one_line(current, MAX_BLOCK_CHARS * 2)),
        )
        return Prompt("summary", _messages(user, redactor), SummaryReply, index, frozenset(), redactor)
    sections = request.document.sections
    if not 0 <= request.section_index < len(sections):
        return None
    section = sections[request.section_index]
    kinds = _EDITABLE.get(section.kind)
    if kinds is None or not section.blocks:
        return None
    text, editable = _section_lines(section, kinds)
    if not editable:
        return None
    task = "section_skills" if section.kind is SectionKind.SKILLS else "section_bullets"
    user = prompts.render(
        task,
        job_description=job,
        gap_analysis=gap,
        resume_section=prompts.delimit("resume_section", text),
    )
    return Prompt(task, _messages(user, redactor), SectionReply, request.section_index, editable, redactor)
