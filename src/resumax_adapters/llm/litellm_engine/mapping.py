"""From a validated model reply to core ``Change``s and ``Tip``s, the way the offline engine builds them.

Rules:
- an edit replaces exactly one block: ``section_index`` is the request's section, ``block_start:block_end``
  is ``block:block+1``, ``before`` is that block's text *from the document* (never from the model), and
  ``after_blocks`` is one block of the same kind; ids are ``l{section}-{block}-{kind}`` (summary:
  ``l{section}-0-summary`` or ``l{section}-new-summary``), unique because each block is edited once;
- an edit is dropped when its block is not editable (an entry line, out of range, too long to quote), when
  it changes nothing, or when it loses a job skill the old text proved (accepting it would lower the score);
- placeholders of redacted contact details are restored in every text; evidence keeps only text that
  really is on the resume (the edited block comes first); a requirement is kept only when it names one of
  the job's requirements, its title or one of its skills;
- a tip must point at a block of the section and contain no digit (resuMAX never suggests a figure).
The truthfulness guard is *not* applied here: the core runs it on every change and reports what it drops.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from resumax_adapters.llm.litellm_engine.messages import Prompt
from resumax_adapters.llm.schemas import SectionReply, SummaryReply
from resumax_core.analysis.skills import scan_skills
from resumax_core.analysis.taxonomy import taxonomy
from resumax_core.entities import Block, BlockKind, Change, ChangeKind, JobAnalysis, SectionKind, Tip
from resumax_core.ports.language_model import RewriteRequest

__all__ = ["section_result", "summary_result"]

_SPACES = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")
_DEFAULT_REASON = {
    ChangeKind.BULLET: "Rephrased to show what the job asks for, keeping every fact.",
    ChangeKind.SKILLS: "Put the skills the job asks for first.",
    ChangeKind.SUMMARY: "A summary built only from your resume's facts, aimed at this job.",
}
_MAX_EVIDENCE = 5


def _flat(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _key(text: str) -> str:
    return _flat(text).casefold()


def _skills_of(text: str) -> set[str]:
    tax = taxonomy()
    found: set[str] = set()
    for match in scan_skills(text):
        found.add(match.skill)
        found |= tax.ancestors(match.skill)
    return found


def _loses_job_skills(job: JobAnalysis, before: str, after: str) -> bool:
    wanted = set(job.required_skills) | set(job.preferred_skills)
    return bool((_skills_of(before) - _skills_of(after)) & wanted)


def _requirement(job: JobAnalysis, proposed: str | None) -> str | None:
    if not proposed:
        return None
    key = _key(proposed).strip(" .;:-")
    if not key:
        return None
    for requirement in job.requirements:
        text = _key(requirement.text)
        if key == text or (len(key) >= 12 and key in text):
            return requirement.text
    named = [job.title, *job.required_skills, *job.preferred_skills]
    return next((name for name in named if name and _key(name) == key), None)


def _evidence(
    resume_key: str, first: Sequence[str], proposed: Iterable[str], prompt: Prompt
) -> tuple[str, ...]:
    kept: dict[str, str] = {}
    for text in first:
        if text.strip():
            kept.setdefault(_key(text), text)
    for item in proposed:
        text = _flat(prompt.redactor.restore(item))
        if len(text) >= 3 and _key(text) in resume_key:
            kept.setdefault(_key(text), text)
    return tuple(kept.values())[:_MAX_EVIDENCE]


def _resume_key(request: RewriteRequest) -> str:
    return _key(request.document.text)


def section_result(
    request: RewriteRequest, prompt: Prompt, reply: SectionReply
) -> tuple[tuple[Change, ...], tuple[Tip, ...]]:
    """The changes and tips a section reply stands for (see the module rules)."""
    section = request.document.sections[prompt.section_index]
    kind = ChangeKind.SKILLS if section.kind is SectionKind.SKILLS else ChangeKind.BULLET
    resume_key = _resume_key(request)
    changes: list[Change] = []
    edited: set[int] = set()
    for edit in reply.edits:
        if edit.block not in prompt.editable or edit.block in edited:
            continue
        block = section.blocks[edit.block]
        after = _flat(prompt.redactor.restore(edit.after))
        if not after or after == _flat(block.text) or _loses_job_skills(request.job, block.text, after):
            continue
        edited.add(edit.block)
        reason = _flat(prompt.redactor.restore(edit.reason)) or _DEFAULT_REASON[kind]
        changes.append(
            Change(
                id=f"l{prompt.section_index}-{edit.block}-{kind.value}",
                kind=kind,
                section=section.kind,
                section_index=prompt.section_index,
                block_start=edit.block,
                block_end=edit.block + 1,
                before=block.text,
                after=after,
                after_blocks=(Block(block.kind, after),),
                reason=reason,
                requirement=_requirement(request.job, edit.requirement),
                evidence=_evidence(resume_key, [block.text], edit.evidence, prompt),
            )
        )
    tips: list[Tip] = []
    tipped: set[int] = set()
    for tip in reply.tips:
        if not 0 <= tip.block < len(section.blocks) or tip.block in tipped:
            continue
        message = _flat(prompt.redactor.restore(tip.message))
        if not message or _DIGIT.search(message):
            continue
        tipped.add(tip.block)
        tips.append(Tip(section.kind, section.blocks[tip.block].text, message))
    return tuple(changes), tuple(tips)


def summary_result(request: RewriteRequest, prompt: Prompt, reply: SummaryReply) -> tuple[Change, ...]:
    """The summary change a reply stands for: a replacement of the existing summary section, or a new
    "Summary" section at the prompt's index; none when the reply is empty or changes nothing."""
    text = _flat(prompt.redactor.restore(reply.summary))
    if not text:
        return ()
    sections = request.document.sections
    index = prompt.section_index
    existing = index < len(sections) and sections[index].kind is SectionKind.SUMMARY
    before = sections[index].text if existing else ""
    if existing and (_flat(before) == text or _loses_job_skills(request.job, before, text)):
        return ()
    mentioned = _skills_of(text)
    proven = [line for skill, line in request.evidenced_skills.items() if skill in mentioned]
    evidence = _evidence(_resume_key(request), [], reply.evidence, prompt) or tuple(dict.fromkeys(proven))[:5]
    change = Change(
        id=f"l{index}-0-summary" if existing else f"l{index}-new-summary",
        kind=ChangeKind.SUMMARY,
        section=SectionKind.SUMMARY,
        section_index=index,
        block_start=0,
        block_end=len(sections[index].blocks) if existing else 0,
        before=before,
        after=text,
        after_blocks=(Block(BlockKind.TEXT, text),),
        reason=_flat(prompt.redactor.restore(reply.reason)) or _DEFAULT_REASON[ChangeKind.SUMMARY],
        requirement=_requirement(request.job, reply.requirement),
        evidence=evidence,
        new_section=not existing,
        heading=None if existing else "Summary",
    )
    return (change,)
