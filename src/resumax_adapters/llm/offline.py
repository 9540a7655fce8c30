"""The offline rewrite engine: deterministic rule-based suggestions, no network, no model.

Rules:
- SUMMARY: a summary written only from the resume's facts (the most recent title, years of experience from
  dated roles, the job skills the resume proves, one measurable highlight copied verbatim), replacing the
  summary section or inserted as a new "Summary" section right after the contact section.
- SKILLS section: one change that puts the job's skills first and appends skills the experience proves but
  the list omits, each with the bullet that proves it.
- EXPERIENCE / PROJECTS sections: one change per bullet the rules improve (weak opening, first person,
  filler, tense), one change per entry that moves job-relevant bullets first when no bullet of the entry is
  being rewritten (so every change can be accepted on its own), and a tip for each bullet that states no
  measurable result. A tip never contains a number.
- Every change passes the truthfulness guard before it is returned, and none loses evidence of a job skill
  (a replaced summary keeps the old sentences that proved one), so accepting any change never lowers the
  score. Ids are ``c{section}-{block}-{kind}``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

from attrs import frozen

from resumax_core.analysis.gap import analyze_gap
from resumax_core.analysis.guard import check_change
from resumax_core.analysis.rewrite_rules import (
    has_measurable_result,
    past_tense,
    prefers_present,
    relevance,
    remove_first_person,
    rewrite_bullet,
)
from resumax_core.analysis.skills import scan_skills, sentence_spans
from resumax_core.analysis.taxonomy import taxonomy
from resumax_core.entities import (
    Block,
    BlockKind,
    Change,
    ChangeKind,
    ExperienceEntry,
    JobAnalysis,
    ParsedDocument,
    Section,
    SectionKind,
    Tip,
    Usage,
)
from resumax_core.ports.language_model import Proposal, RewriteRequest, RewriteTask

__all__ = ["OfflineLanguageModel"]

_TIP_MESSAGE = (
    "This bullet states no measurable result. If you know one, add it: how many, how much, how fast, or what "
    "changed because of your work. resuMAX will not invent it for you."
)
_LABEL = re.compile(r"^\s*([^:]{1,40}):\s+(.*)$")
_PRESENT = re.compile(r"\b(?:present|current|now|today)\b", re.IGNORECASE)
_DATED = re.compile(r"\b(?:19|20)\d\d\b")
_TECH_LINE = re.compile(r"^\s*(?:technologies|tech stack|stack|tools|environment)\s*:", re.IGNORECASE)
_SUMMARY_SKILLS = 5


class OfflineLanguageModel:
    """The default engine: deterministic, free, and honest by construction (and still guarded)."""

    @property
    def name(self) -> str:
        return "offline"

    async def propose(self, request: RewriteRequest) -> Proposal:
        """Suggest changes for one section (or the summary). Never raises on odd input; returns no change
        when there is nothing safe to suggest."""
        context = _Context.of(request)
        if request.task is RewriteTask.SUMMARY:
            changes = _summary_changes(context)
            return Proposal(changes=_guarded(request, changes), usage=Usage(model=self.name))
        if not 0 <= request.section_index < len(request.document.sections):
            return Proposal(usage=Usage(model=self.name))
        section = request.document.sections[request.section_index]
        if section.kind is SectionKind.SKILLS:
            changes = _skills_changes(context, section)
            return Proposal(changes=_guarded(request, changes), usage=Usage(model=self.name))
        if section.kind in (SectionKind.EXPERIENCE, SectionKind.PROJECTS):
            changes, tips = _bullet_changes(context, section)
            return Proposal(
                changes=_guarded(request, changes),
                tips=tips,
                usage=Usage(model=self.name),
            )
        return Proposal(usage=Usage(model=self.name))


@frozen
class _Context:
    request: RewriteRequest
    evidence: Mapping[str, str]
    unlisted: tuple[str, ...]
    years: float | None

    @property
    def document(self) -> ParsedDocument:
        return self.request.document

    @property
    def job(self) -> JobAnalysis:
        return self.request.job

    @classmethod
    def of(cls, request: RewriteRequest) -> _Context:
        evidence = dict(request.evidenced_skills)
        unlisted = tuple(request.unlisted_skills)
        if not evidence and (request.job.required_skills or request.job.preferred_skills):
            gap = analyze_gap(request.document, request.job)
            evidence = dict(gap.evidence)
            unlisted = unlisted or gap.unlisted_skills
        return cls(request, evidence, unlisted, request.years_of_experience)


def _guarded(request: RewriteRequest, changes: Sequence[Change]) -> tuple[Change, ...]:
    """Only changes that pass the truthfulness guard and keep every job skill their text proved."""
    years = request.years_of_experience
    return tuple(
        change
        for change in changes
        if not check_change(request.document, change, years_of_experience=years)
        and not _lost_skills(request.job, change)
    )


def _job_skills(job: JobAnalysis) -> set[str]:
    return set(job.required_skills) | set(job.preferred_skills)


def _lost_skills(job: JobAnalysis, change: Change) -> set[str]:
    """Job skills the replaced text proves that the new text no longer does: accepting the change would
    lower the score, so such a change is never offered."""
    after = "\n".join(block.text for block in change.after_blocks)
    return (_skills_of(change.before) - _skills_of(after)) & _job_skills(job)


def _joined(blocks: Sequence[Block]) -> str:
    return "\n".join(block.text for block in blocks)


def _requirement_for(job: JobAnalysis, skills: set[str]) -> str | None:
    """The job requirement a piece of text serves best: the one sharing most skills, required first."""
    best: tuple[int, int, str] | None = None
    for index, requirement in enumerate(job.requirements):
        overlap = len(skills & set(requirement.skills))
        if not overlap:
            continue
        key = (overlap + (100 if requirement.required else 0), -index, requirement.text)
        if best is None or key[:2] > best[:2]:
            best = key
    if best is not None:
        return best[2]
    return job.title


def _skills_of(text: str) -> set[str]:
    tax = taxonomy()
    found: set[str] = set()
    for match in scan_skills(text):
        found.add(match.skill)
        found |= tax.ancestors(match.skill)
    return found


# --- summary -------------------------------------------------------------------------------------------


def _recent_entry(document: ParsedDocument) -> ExperienceEntry | None:
    titled = [entry for entry in document.experience if entry.title]
    current = [entry for entry in titled if entry.end and _PRESENT.search(entry.end)]
    if current:
        return current[0]
    dated = sorted(titled, key=lambda e: e.end or e.start or "", reverse=True)
    return dated[0] if dated else None


def _summary_skills(context: _Context) -> list[str]:
    tax = taxonomy()
    ordered = [*context.job.required_skills, *context.job.preferred_skills]
    chosen: list[str] = []
    for skill in ordered:
        if skill in context.evidence and not tax.is_soft(skill) and not tax.is_certification(skill):
            if any(skill in tax.ancestors(other) for other in chosen):
                continue
            chosen.append(skill)
        if len(chosen) == _SUMMARY_SKILLS:
            break
    return chosen


def _highlight(document: ParsedDocument, job: JobAnalysis) -> str | None:
    """The most job-relevant bullet that states a measurable result, copied as written."""
    best: tuple[float, int, str] | None = None
    order = 0
    for section in document.sections:
        if section.kind is not SectionKind.EXPERIENCE:
            continue
        for block in section.blocks:
            if block.kind is not BlockKind.BULLET or _TECH_LINE.match(block.text):
                continue
            if not has_measurable_result(block.text):
                continue
            score = relevance(block.text, job.required_skills, job.preferred_skills)
            order += 1
            if best is None or score > best[0]:
                best = (score, order, block.text.strip())
    if best is None or best[0] <= 0:
        return None
    text = rewrite_bullet(best[2], current=False).text.rstrip(".")
    first = text.split(" ", 1)[0]
    if past_tense(first) is not None:
        text = first.lower() + text[len(first) :]
    return text


def _and_list(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _kept_sentences(context: _Context, old_summary: str, new_text: str) -> list[str]:
    """Sentences of the old summary that prove job skills the new text would not: they stay, so replacing the
    summary never loses evidence."""
    wanted = (_skills_of(old_summary) - _skills_of(new_text)) & _job_skills(context.job)
    kept: list[str] = []
    for start, end in sentence_spans(old_summary):
        sentence = remove_first_person(old_summary[start:end].strip())
        if wanted & _skills_of(sentence):
            kept.append(sentence if sentence.endswith((".", "!", "?")) else sentence + ".")
            wanted -= _skills_of(sentence)
    return kept


def _summary_text(context: _Context, years_phrase: str | None) -> str:
    entry = _recent_entry(context.document)
    title = entry.title.strip() if entry and entry.title else None
    skills = _summary_skills(context)
    opening = title or "Professional"
    sentence = opening + (f" with {years_phrase}" if years_phrase else "")
    if skills:
        sentence += f", skilled in {_and_list(skills)}"
    parts = [sentence + "."]
    highlight = _highlight(context.document, context.job)
    if highlight:
        parts.append(f"Recent result: {highlight}.")
    return " ".join(parts)


def _years_phrases(context: _Context) -> list[str | None]:
    phrases: list[str | None] = []
    if context.years is not None and context.years >= 1:
        phrases.append(f"{math.floor(context.years)}+ years of experience")
    starts = [
        int(entry.start[:4])
        for entry in context.document.experience
        if entry.start and entry.start[:4].isdigit()
    ]
    if starts:
        phrases.append(f"experience since {min(starts)}")
    phrases.append(None)
    return phrases


def _summary_changes(context: _Context) -> list[Change]:
    document = context.document
    sections = document.sections
    existing = next((i for i, s in enumerate(sections) if s.kind is SectionKind.SUMMARY), None)
    if (
        context.request.section_index < len(sections)
        and sections[context.request.section_index].kind is SectionKind.SUMMARY
    ):
        existing = context.request.section_index
    skills = _summary_skills(context)
    requirement = _requirement_for(context.job, set(skills))
    entry = _recent_entry(document)
    evidence = tuple(
        dict.fromkeys(
            [*(t for t in [_entry_line(document, entry)] if t), *(context.evidence[s] for s in skills)]
        )
    )
    reason = "A summary built only from your resume's facts"
    reason += f", leading with the job's skills you prove: {_and_list(skills)}." if skills else "."
    for years_phrase in _years_phrases(context):
        text = _summary_text(context, years_phrase)
        if existing is not None:
            section = sections[existing]
            text = " ".join([text, *_kept_sentences(context, section.text, text)])
            if section.text.strip() == text:
                return []
            change = Change(
                id=f"c{existing}-0-summary",
                kind=ChangeKind.SUMMARY,
                section=SectionKind.SUMMARY,
                section_index=existing,
                block_start=0,
                block_end=len(section.blocks),
                before=section.text,
                after=text,
                after_blocks=(Block(BlockKind.TEXT, text),),
                reason=reason,
                requirement=requirement,
                evidence=evidence,
            )
        else:
            contact = next((i for i, s in enumerate(sections) if s.kind is SectionKind.CONTACT), None)
            index = (
                contact + 1
                if contact is not None
                else max(0, min(context.request.section_index, len(sections)))
            )
            change = Change(
                id=f"c{index}-new-summary",
                kind=ChangeKind.SUMMARY,
                section=SectionKind.SUMMARY,
                section_index=index,
                block_start=0,
                block_end=0,
                before="",
                after=text,
                after_blocks=(Block(BlockKind.TEXT, text),),
                reason=reason,
                requirement=requirement,
                evidence=evidence,
                new_section=True,
                heading="Summary",
            )
        if not check_change(document, change, years_of_experience=context.years):
            return [change]
    return []


def _entry_line(document: ParsedDocument, entry: ExperienceEntry | None) -> str | None:
    if entry is None or not entry.title:
        return None
    for section in document.sections_of(SectionKind.EXPERIENCE):
        for block in section.blocks:
            if block.kind is not BlockKind.BULLET and entry.title in block.text:
                return block.text
    return entry.title


# --- skills section ------------------------------------------------------------------------------------


@frozen
class _SkillLine:
    kind: BlockKind
    label: str | None
    items: tuple[str, ...]
    separator: str


def _split_items(text: str) -> tuple[list[str], str]:
    separator = next((sep for sep in (" | ", " • ", "; ", ", ") if sep.strip() in text), ", ")
    splitter = {" | ": r"\s*\|\s*", " • ": r"\s*•\s*", "; ": r"\s*;\s*", ", ": r"\s*,\s*"}[separator]
    items: list[str] = []
    depth = 0
    current = ""
    for piece in re.split(f"({splitter})", text):
        if re.fullmatch(splitter, piece) and depth == 0:
            if current.strip():
                items.append(current.strip())
            current = ""
            continue
        depth += piece.count("(") - piece.count(")")
        current += piece
    if current.strip():
        items.append(current.strip())
    return items, separator


def _read_line(block: Block) -> _SkillLine:
    labelled = _LABEL.match(block.text)
    label, body = (labelled.group(1).strip(), labelled.group(2)) if labelled else (None, block.text)
    items, separator = _split_items(body)
    return _SkillLine(block.kind, label, tuple(items), separator)


def _write_line(line: _SkillLine) -> Block:
    body = line.separator.join(line.items)
    return Block(line.kind, f"{line.label}: {body}" if line.label else body)


def _skills_changes(context: _Context, section: Section) -> list[Change]:
    job = context.job
    if not section.blocks or not (job.required_skills or job.preferred_skills):
        return []
    lines = [_read_line(block) for block in section.blocks]

    def score(text: str) -> float:
        return relevance(text, job.required_skills, job.preferred_skills)

    reordered = [
        _SkillLine(
            line.kind, line.label, tuple(sorted(line.items, key=lambda item: -score(item))), line.separator
        )
        for line in lines
    ]
    order = sorted(
        range(len(reordered)), key=lambda i: -max((score(item) for item in reordered[i].items), default=0)
    )
    reordered = [reordered[i] for i in order]
    listed = _skills_of(section.text)
    tax = taxonomy()
    additions = [
        skill
        for skill in dict.fromkeys(context.unlisted)
        if skill not in listed
        and skill in context.evidence
        and not tax.is_soft(skill)
        and not tax.is_certification(skill)
    ]
    one_per_block = all(len(line.items) <= 1 for line in lines) and len(lines) > 1
    if additions:
        if one_per_block:
            kind = lines[-1].kind
            reordered += [_SkillLine(kind, None, (skill,), ", ") for skill in additions]
        elif any(line.label for line in lines):
            reordered.append(_SkillLine(lines[-1].kind, "Additional", tuple(additions), ", "))
        else:
            last = reordered[-1]
            reordered[-1] = _SkillLine(last.kind, last.label, (*last.items, *additions), last.separator)
    after_blocks = tuple(_write_line(line) for line in reordered)
    if [b.text for b in after_blocks] == [b.text for b in section.blocks]:
        return []
    index = context.request.section_index
    front = [s for s in job.required_skills if s in _skills_of(after_blocks[0].text)][:3]
    parts = []
    if front:
        parts.append(f"Put the job's skills first ({_and_list(front)})")
    else:
        parts.append("Ordered the list by what the job asks for")
    if additions:
        parts.append(f"added {_and_list(additions)}, which your experience proves but the list leaves out")
    reason = "; ".join(parts) + "."
    evidence = tuple(dict.fromkeys(context.evidence[skill] for skill in additions))
    requirement = _requirement_for(job, set(additions) or set(front))
    return [
        Change(
            id=f"c{index}-0-skills",
            kind=ChangeKind.SKILLS,
            section=section.kind,
            section_index=index,
            block_start=0,
            block_end=len(section.blocks),
            before=_joined(section.blocks),
            after=_joined(after_blocks),
            after_blocks=after_blocks,
            reason=reason,
            requirement=requirement,
            evidence=evidence or tuple(b.text for b in section.blocks[:1]),
        )
    ]


# --- experience and projects ---------------------------------------------------------------------------


@frozen
class _Entry:
    header: str
    current: bool | None
    bullets: tuple[int, ...]


def _entry_is_current(document: ParsedDocument, header: str, section_kind: SectionKind) -> bool | None:
    if _PRESENT.search(header):
        return True
    if _DATED.search(header):
        return False
    if section_kind is not SectionKind.EXPERIENCE:
        return None
    for entry in document.experience:
        names = [n for n in (entry.title, entry.employer) if n]
        if names and all(n in header for n in names[:1]):
            if entry.end and _PRESENT.search(entry.end):
                return True
            if entry.end:
                return False
    return None


def _entries(document: ParsedDocument, section: Section) -> list[_Entry]:
    entries: list[_Entry] = []
    header_parts: list[str] = []
    bullets: list[int] = []
    for index, block in enumerate(section.blocks):
        if block.kind is BlockKind.BULLET:
            bullets.append(index)
            continue
        if bullets:
            header = " ".join(header_parts)
            entries.append(_Entry(header, _entry_is_current(document, header, section.kind), tuple(bullets)))
            header_parts, bullets = [], []
        header_parts.append(block.text)
    if bullets or header_parts:
        header = " ".join(header_parts)
        entries.append(_Entry(header, _entry_is_current(document, header, section.kind), tuple(bullets)))
    return entries


def _reason(rules: Sequence[str], current: bool | None) -> str:
    parts: list[str] = []
    for rule in rules:
        if rule.startswith("weak opening: "):
            parts.append(
                f"replaced the weak opening “{rule.removeprefix('weak opening: ')}” with an action verb"
            )
        elif rule == "first person":
            parts.append("removed first-person words")
        elif rule == "filler":
            parts.append("cut filler words")
        elif rule == "tense":
            parts.append(
                "used the present tense for your current role"
                if current
                else "used the past tense for a finished role"
            )
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "." if text else "Tightened the wording."


def _bullet_changes(context: _Context, section: Section) -> tuple[list[Change], tuple[Tip, ...]]:
    index = context.request.section_index
    job = context.job
    changes: list[Change] = []
    tips: list[Tip] = []
    for entry in _entries(context.document, section):
        rewritten: set[int] = set()
        present = entry.current and prefers_present([section.blocks[i].text for i in entry.bullets])
        tense = None if entry.current is None else bool(present)
        for block_index in entry.bullets:
            block = section.blocks[block_index]
            if _TECH_LINE.match(block.text):
                continue
            result = rewrite_bullet(block.text, current=tense)
            if result.changed:
                change = Change(
                    id=f"c{index}-{block_index}-bullet",
                    kind=ChangeKind.BULLET,
                    section=section.kind,
                    section_index=index,
                    block_start=block_index,
                    block_end=block_index + 1,
                    before=block.text,
                    after=result.text,
                    after_blocks=(Block(block.kind, result.text),),
                    reason=_reason(result.rules, entry.current),
                    requirement=_requirement_for(job, _skills_of(block.text)),
                    evidence=(block.text,),
                )
                if not check_change(context.document, change):
                    changes.append(change)
                    rewritten.add(block_index)
            if not has_measurable_result(block.text):
                tips.append(Tip(section.kind, block.text, _TIP_MESSAGE))
        order_change = _order_change(context, section, entry, rewritten)
        if order_change is not None:
            changes.append(order_change)
    return changes, tuple(tips)


def _order_change(context: _Context, section: Section, entry: _Entry, rewritten: set[int]) -> Change | None:
    run = _first_run(entry.bullets)
    if len(run) < 2 or rewritten & set(run):
        return None
    job = context.job
    blocks = [section.blocks[i] for i in run]
    scores = [relevance(b.text, job.required_skills, job.preferred_skills) for b in blocks]
    order = sorted(
        range(len(blocks)), key=lambda i: (-scores[i] if not _TECH_LINE.match(blocks[i].text) else 1, i)
    )
    if order == list(range(len(blocks))) or scores[order[0]] <= scores[0]:
        return None
    after_blocks = tuple(blocks[i] for i in order)
    moved = [blocks[i] for i in order if scores[i] > 0][:2]
    front = sorted(
        _skills_of(moved[0].text) & set(job.required_skills)
        | (_skills_of(moved[0].text) & set(job.preferred_skills))
    )
    reason = "Moved the bullets that show what the job asks for to the top"
    reason += f" ({_and_list(front[:3])})." if front else "."
    return Change(
        id=f"c{context.request.section_index}-{run[0]}-order",
        kind=ChangeKind.ORDER,
        section=section.kind,
        section_index=context.request.section_index,
        block_start=run[0],
        block_end=run[-1] + 1,
        before=_joined(blocks),
        after=_joined(after_blocks),
        after_blocks=after_blocks,
        reason=reason,
        requirement=_requirement_for(job, _skills_of(moved[0].text)),
        evidence=tuple(b.text for b in moved),
    )


def _first_run(indexes: Sequence[int]) -> list[int]:
    run: list[int] = []
    for index in indexes:
        if run and index != run[-1] + 1:
            break
        run.append(index)
    return run
