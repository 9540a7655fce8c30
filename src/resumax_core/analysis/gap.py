"""Gap analysis: which of the job's skills the resume proves, with what evidence, and what is missing.

Business rules:
- A skill is proven by text that names it, or names a skill that implies it through the taxonomy's parents
  (a bullet about PostgreSQL proves SQL; a bullet about SQL does not prove PostgreSQL).
- Evidence strength, strongest first: a bullet of an experience or project entry (1.0), other text of an
  experience or project entry (0.9), the skills section or the parsed skills list (0.8), anything else such
  as the summary, education or certifications (0.6). The strongest evidence is kept, earliest on ties.
- ``unlisted_skills`` are the job's (non-soft) skills proven in experience or project text but absent from the
  skills section: the offline engine suggests adding them, each with the bullet that proves it.
- When the job offers alternatives ("Kubernetes or ECS"), proving one member satisfies the group; the
  others are not reported missing.
- Years of experience come from the dated experience entries only: overlapping roles count once, a year
  without a month counts from January, and "present" ends at ``today``. Without ``today`` (the core has no
  clock) "present" ends at the latest date written on the resume, which gives a lower bound.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date

from attrs import field, frozen

from resumax_core.analysis.job import skill_alternatives
from resumax_core.analysis.skills import canonical_skill, scan_skills
from resumax_core.analysis.taxonomy import taxonomy
from resumax_core.entities import BlockKind, ExperienceEntry, JobAnalysis, ParsedDocument, SectionKind

__all__ = [
    "GapAnalysis",
    "SkillEvidence",
    "analyze_gap",
    "experience_years",
    "job_skill_groups",
    "resume_evidence",
]

BULLET = "bullet"
EXPERIENCE = "experience"
SKILLS = "skills"
OTHER = "other"
STRENGTH = {BULLET: 1.0, EXPERIENCE: 0.9, SKILLS: 0.8, OTHER: 0.6}
_WORK_SECTIONS = (SectionKind.EXPERIENCE, SectionKind.PROJECTS)


@frozen
class SkillEvidence:
    """How the resume proves one skill: the text, where it sits, and the named skill it came through."""

    skill: str
    evidence: str
    source: str
    via: str | None = None
    section_index: int | None = None
    block_index: int | None = None

    @property
    def strength(self) -> float:
        return STRENGTH[self.source]


@frozen
class JobSkillStatus:
    skill: str
    required: bool
    evidence: SkillEvidence | None = None

    @property
    def proven(self) -> bool:
        return self.evidence is not None


@frozen
class GapAnalysis:
    """The job's skills checked against the resume, with evidence, gaps and computed experience.

    ``evidence`` maps each proven job skill to the resume text proving it; ``proofs`` holds the details.
    """

    skills: tuple[JobSkillStatus, ...]
    matched_required: tuple[str, ...]
    matched_preferred: tuple[str, ...]
    missing_required: tuple[str, ...]
    missing_preferred: tuple[str, ...]
    unlisted_skills: tuple[str, ...]
    required_groups: tuple[tuple[str, ...], ...]
    preferred_groups: tuple[tuple[str, ...], ...]
    years_of_experience: float | None
    resume_skills: tuple[str, ...] = ()
    evidence: Mapping[str, str] = field(factory=dict)
    proofs: Mapping[str, SkillEvidence] = field(factory=dict)

    @property
    def evidenced_skills(self) -> dict[str, str]:
        """Job skill -> resume text proving it; the shape ``RewriteRequest.evidenced_skills`` takes."""
        return dict(self.evidence)

    def evidence_for(self, skill: str) -> SkillEvidence | None:
        """The detailed proof of a job skill (source, strength, the child skill it came through)."""
        return self.proofs.get(skill)


def resume_evidence(document: ParsedDocument) -> dict[str, SkillEvidence]:
    """Every skill the resume proves (directly or through a child skill) with its strongest evidence."""
    tax = taxonomy()
    best: dict[str, SkillEvidence] = {}

    def offer(skill: str, candidate: SkillEvidence) -> None:
        current = best.get(skill)
        if current is None or candidate.strength > current.strength:
            best[skill] = candidate

    for section_index, section in enumerate(document.sections):
        for block_index, block in enumerate(section.blocks):
            source = _source_of(section.kind, block.kind)
            for match in scan_skills(block.text):
                evidence = SkillEvidence(
                    match.skill, block.text.strip(), source, None, section_index, block_index
                )
                offer(match.skill, evidence)
                for ancestor in tax.ancestors(match.skill):
                    offer(
                        ancestor,
                        SkillEvidence(
                            ancestor, block.text.strip(), source, match.skill, section_index, block_index
                        ),
                    )
    for listed in document.skills:
        skill = canonical_skill(listed)
        if skill is None:
            continue
        offer(skill, SkillEvidence(skill, listed, SKILLS))
        for ancestor in tax.ancestors(skill):
            offer(ancestor, SkillEvidence(ancestor, listed, SKILLS, skill))
    return best


def _source_of(section: SectionKind, block: BlockKind) -> str:
    if section in _WORK_SECTIONS:
        return BULLET if block is BlockKind.BULLET else EXPERIENCE
    if section is SectionKind.SKILLS:
        return SKILLS
    return OTHER


def _listed_skills(document: ParsedDocument) -> frozenset[str]:
    tax = taxonomy()
    listed: set[str] = set()
    names = [match.skill for s in document.sections_of(SectionKind.SKILLS) for match in scan_skills(s.text)]
    names += [skill for skill in (canonical_skill(item) for item in document.skills) if skill]
    for name in names:
        listed.add(name)
        listed |= tax.ancestors(name)
    return frozenset(listed)


def job_skill_groups(job: JobAnalysis, *, required: bool) -> tuple[tuple[str, ...], ...]:
    """The alternative groups ("A or B") in the job's requirements of one kind, limited to its skills."""
    pool = set(job.required_skills if required else job.preferred_skills)
    groups: list[tuple[str, ...]] = []
    for requirement in job.requirements:
        if requirement.required is not required:
            continue
        for group in skill_alternatives(requirement.text):
            members = tuple(skill for skill in group if skill in pool)
            if len(members) >= 2 and members not in groups:
                groups.append(members)
    return tuple(groups)


def _missing(
    skills: Iterable[str], proven: Mapping[str, SkillEvidence], groups: Iterable[tuple[str, ...]]
) -> tuple[str, ...]:
    satisfied = {member for group in groups if any(m in proven for m in group) for member in group}
    return tuple(skill for skill in skills if skill not in proven and skill not in satisfied)


def analyze_gap(document: ParsedDocument, job: JobAnalysis, *, today: date | None = None) -> GapAnalysis:
    """Check each job skill against the resume: proven or not, the evidence, and what to surface or learn."""
    tax = taxonomy()
    evidence = resume_evidence(document)
    statuses: list[JobSkillStatus] = []
    proven: dict[str, SkillEvidence] = {}
    for skill, required in [(s, True) for s in job.required_skills] + [
        (s, False) for s in job.preferred_skills
    ]:
        found = evidence.get(skill)
        statuses.append(JobSkillStatus(skill, required, found))
        if found is not None:
            proven[skill] = found
    required_groups = job_skill_groups(job, required=True)
    preferred_groups = job_skill_groups(job, required=False)
    listed = _listed_skills(document)
    unlisted = tuple(
        s.skill
        for s in statuses
        if s.evidence is not None
        and s.evidence.source in (BULLET, EXPERIENCE)
        and s.skill not in listed
        and not tax.is_soft(s.skill)
    )
    direct = tuple(dict.fromkeys(m.skill for m in scan_skills(document.text)))
    return GapAnalysis(
        skills=tuple(statuses),
        matched_required=tuple(s for s in job.required_skills if s in proven),
        matched_preferred=tuple(s for s in job.preferred_skills if s in proven),
        missing_required=_missing(job.required_skills, proven, required_groups),
        missing_preferred=_missing(job.preferred_skills, proven, preferred_groups),
        unlisted_skills=unlisted,
        required_groups=required_groups,
        preferred_groups=preferred_groups,
        years_of_experience=experience_years(document.experience, today=today),
        resume_skills=direct,
        evidence={skill: proof.evidence for skill, proof in proven.items()},
        proofs=proven,
    )


def _month_index(value: str | None) -> int | None:
    if not value:
        return None
    match = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2}))?\s*", value)
    if not match:
        return None
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else 1
    if not 1 <= month <= 12 or not 1900 <= year <= 2100:
        return None
    return year * 12 + month - 1


def _is_present(value: str | None) -> bool:
    return (
        bool(value)
        and re.fullmatch(r"\s*(?:present|current|now|today|ongoing)\s*", value or "", re.I) is not None
    )


def experience_years(entries: Iterable[ExperienceEntry], *, today: date | None = None) -> float | None:
    """Total years covered by dated roles, overlaps merged, rounded to one decimal; None when no role is
    dated. Each role counts at least one month."""
    entries = tuple(entries)
    known = [m for e in entries for m in (_month_index(e.start), _month_index(e.end)) if m is not None]
    if today is not None:
        now: int | None = today.year * 12 + today.month - 1
    else:
        now = max(known) if known else None
    intervals: list[tuple[int, int]] = []
    for entry in entries:
        start = _month_index(entry.start)
        if start is None:
            continue
        end = now if _is_present(entry.end) else _month_index(entry.end)
        if end is None or end < start:
            continue
        intervals.append((start, max(end, start + 1)))
    if not intervals:
        return None
    intervals.sort()
    months = 0
    current_start, current_end = intervals[0]
    for start, end in intervals[1:]:
        if start <= current_end:
            current_end = max(current_end, end)
            continue
        months += current_end - current_start
        current_start, current_end = start, end
    months += current_end - current_start
    return round(months / 12, 1)
