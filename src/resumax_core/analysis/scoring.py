"""The explainable 0–100 alignment score: named components, each with its evidence and its gaps.

Business rules (nominal weights sum to 100):

=============================  ======  ============================================================
component                      weight  ratio
=============================  ======  ============================================================
required_skills                    35  proven required skills; an "A or B" group counts once
preferred_skills                   12  proven preferred skills, alternatives likewise
keywords                            8  job skills named on the resume as such (required 1, preferred ½),
                                       not only proven through a related skill: what a literal ATS
                                       keyword match sees
title_seniority                    15  0.6 × title match + 0.4 × seniority fit (title only if the
                                       job states no seniority)
years_experience                   10  resume years ÷ the job's minimum, capped at 1
education_certifications           10  required degree level reached (or equivalent experience when
                                       the job allows it), then each certification
parseability                       10  email, phone, experience/education/skills sections, no
                                       parse warnings (one sixth each)
=============================  ======  ============================================================

- Each skill counts by its evidence: a bullet 1.0, other experience text 0.9, the skills list 0.8,
  elsewhere 0.6. Soft skills weigh half a hard skill. Preferred degrees and certifications weigh half.
- Redistribution: a component the job does not ask for (no preferred skills, no minimum years, no title,
  no degree or certification) gets weight 0 and a note saying so; its nominal weight goes to the other
  job-fit components in proportion to their weights. Parseability always keeps its 10. If the job asks
  nothing at all, parseability carries the whole 100.
- Weights depend only on the job, so adding proven evidence to a resume never lowers the score. The score
  is deterministic: same resume, job and ``today`` give the same result.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date

from attrs import frozen

from resumax_core.analysis.gap import GapAnalysis, SkillEvidence, analyze_gap
from resumax_core.analysis.skills import scan_skills, skills_in
from resumax_core.analysis.taxonomy import taxonomy
from resumax_core.entities import (
    ExperienceEntry,
    JobAnalysis,
    Match,
    ParsedDocument,
    Score,
    ScoreComponent,
    SectionKind,
)

__all__ = ["NOMINAL_WEIGHTS", "resume_seniority", "score_resume"]


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` (word lists read better as one string)."""
    return frozenset(text.split())


NOMINAL_WEIGHTS: dict[str, float] = {
    "required_skills": 35.0,
    "preferred_skills": 12.0,
    "keywords": 8.0,
    "title_seniority": 15.0,
    "years_experience": 10.0,
    "education_certifications": 10.0,
    "parseability": 10.0,
}
LABELS = {
    "required_skills": "Required skills",
    "preferred_skills": "Preferred skills",
    "keywords": "Job keywords named",
    "title_seniority": "Title and seniority fit",
    "years_experience": "Years of experience",
    "education_certifications": "Education and certifications",
    "parseability": "Parseability",
}
LEVELS = {
    "intern": 0,
    "junior": 1,
    "mid": 2,
    "senior": 3,
    "lead": 4,
    "manager": 4,
    "principal": 5,
    "staff": 5,
    "director": 6,
    "executive": 7,
}
_SENIORITY_WORDS = _words(
    "senior sr sr. junior jr jr. lead principal staff head chief i ii iii iv v entry level mid associate "
    "assistant intern"
)
_TITLE_STOP = _words("a an and of the for to in & - – — / | at with")
_ROLE_NOUNS = _words(
    "engineer developer programmer manager director analyst designer scientist consultant architect "
    "specialist coordinator administrator officer intern nurse professor teacher accountant executive "
    "representative technician electrician writer editor researcher lecturer recruiter strategist owner "
    "advisor agent clerk operator president partner mechanic therapist"
)
_ROLE_SYNONYMS = {"developer": "engineer", "programmer": "engineer", "swe": "engineer", "dev": "engineer"}
_SENIORITY_PATTERNS = (
    ("intern", re.compile(r"\bintern\b", re.I)),
    ("executive", re.compile(r"\b(?:chief|vp|vice president|head of|c[eotf]o)\b", re.I)),
    ("director", re.compile(r"\bdirector\b", re.I)),
    ("principal", re.compile(r"\b(?:principal|distinguished|staff)\b", re.I)),
    ("lead", re.compile(r"\b(?:lead|team lead|tech lead)\b", re.I)),
    ("senior", re.compile(r"\b(?:senior|sr\.?)\b", re.I)),
    ("manager", re.compile(r"\bmanager\b", re.I)),
    ("junior", re.compile(r"\b(?:junior|jr\.?|trainee|apprentice|graduate)\b", re.I)),
)
_DEGREE_LEVELS = (
    (4, re.compile(r"\b(?:ph\.?\s?d|doctor(?:ate|al)?|d\.?phil)\b", re.I)),
    (3, re.compile(r"\b(?:master'?s?|mba|m\.?s\.?c?|m\.?a\.?|m\.?eng|msc)\b", re.I)),
    (
        2,
        re.compile(
            r"\b(?:bachelor'?s?|b\.?s\.?c?|b\.?a\.?|b\.?eng|bsc|undergraduate|four-year degree)\b", re.I
        ),
    ),
    (1, re.compile(r"\b(?:associate'?s? degree|associate of)\b", re.I)),
    (0, re.compile(r"\b(?:high school|ged|diploma)\b", re.I)),
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_PHONE = re.compile(r"(?:\+?\d[\s().-]?){7,}")


@frozen
class _Unit:
    """One thing the job asks for: a skill, or a group of alternatives satisfied by any member."""

    members: tuple[str, ...]
    weight: float

    @property
    def name(self) -> str:
        return " / ".join(self.members)


def _skill_units(skills: Sequence[str], groups: Iterable[tuple[str, ...]]) -> list[_Unit]:
    tax = taxonomy()
    units: list[_Unit] = []
    grouped: set[str] = set()
    for group in groups:
        members = tuple(m for m in group if m in skills)
        if len(members) >= 2:
            units.append(_Unit(members, 0.5 if all(tax.is_soft(m) for m in members) else 1.0))
            grouped.update(members)
    for skill in skills:
        if skill not in grouped:
            units.append(_Unit((skill,), 0.5 if tax.is_soft(skill) else 1.0))
    return units


def _skills_component(name: str, units: list[_Unit], gap: GapAnalysis, weight: float) -> ScoreComponent:
    label = LABELS[name]
    if not units:
        kind = "required" if name == "required_skills" else "preferred"
        return ScoreComponent(name, label, weight, 0.0, note=f"The job names no {kind} skills.")
    earned = 0.0
    matched: list[Match] = []
    missing: list[str] = []
    listed_only = 0
    for unit in units:
        best: SkillEvidence | None = None
        for member in unit.members:
            found = gap.evidence_for(member)
            if found is not None and (best is None or found.strength > best.strength):
                best = found
        if best is None:
            missing.append(unit.name)
            continue
        earned += unit.weight * best.strength
        item = best.skill if best.via is None else f"{best.skill} (via {best.via})"
        matched.append(Match(item, best.evidence))
        listed_only += best.strength < 0.9
    total = sum(unit.weight for unit in units)
    ratio = earned / total if total else 0.0
    note = f"{len(matched)} of {len(units)} proven"
    if listed_only:
        note += f", {listed_only} only listed rather than shown in experience"
    if missing:
        note += f"; missing: {', '.join(missing[:5])}{'…' if len(missing) > 5 else ''}"
    return ScoreComponent(name, label, weight, ratio, tuple(matched), tuple(missing), note + ".")


def _keywords_component(
    document: ParsedDocument, required: list[_Unit], preferred: list[_Unit], gap: GapAnalysis, weight: float
) -> ScoreComponent:
    """Job skills the resume names as such. One proven only through a related skill (SQL via PostgreSQL)
    is missing here until the resume names it, which it may, since the resume proves it."""
    label = LABELS["keywords"]
    units = [(unit, 1.0) for unit in required] + [(unit, 0.5) for unit in preferred]
    if not units:
        return ScoreComponent("keywords", label, weight, 0.0, note="The job names no skills.")
    written = skills_in(document.text)
    earned = 0.0
    matched: list[Match] = []
    missing: list[str] = []
    for unit, unit_weight in units:
        named = next((member for member in unit.members if member in written), None)
        proof = gap.evidence_for(named) if named is not None else None
        if named is not None and proof is not None:
            earned += unit_weight
            matched.append(Match(named, proof.evidence))
        else:
            missing.append(unit.name)
    ratio = earned / sum(unit_weight for _, unit_weight in units)
    note = f"{len(matched)} of {len(units)} job skills named on the resume"
    return ScoreComponent("keywords", label, weight, ratio, tuple(matched), tuple(missing), note + ".")


def _title_tokens(title: str) -> set[str]:
    words = re.findall(r"[a-z][a-z+#./-]*", title.lower())
    tokens = {_ROLE_SYNONYMS.get(w, w) for w in words if w not in _SENIORITY_WORDS and w not in _TITLE_STOP}
    return {t.rstrip("s") if t.rstrip("s") in _ROLE_NOUNS else t for t in tokens}


def _resume_titles(document: ParsedDocument) -> list[str]:
    titles = [entry.title for entry in document.experience if entry.title]
    for section in document.sections_of(SectionKind.CONTACT)[:1]:
        for block in section.blocks[:4]:
            words = _title_tokens(block.text)
            if words & _ROLE_NOUNS and len(block.text.split()) <= 6:
                titles.append(block.text)
    return titles


def _title_similarity(job_title: str, resume_title: str) -> float:
    job_core = _title_tokens(job_title)
    resume_core = _title_tokens(resume_title)
    if not job_core:
        return 0.0
    roles = job_core & _ROLE_NOUNS
    modifiers = job_core - _ROLE_NOUNS
    if not roles:
        return len(job_core & resume_core) / len(job_core)
    role_part = 1.0 if roles & resume_core else 0.0
    modifier_part = len(modifiers & resume_core) / len(modifiers) if modifiers else role_part
    return 0.5 * role_part + 0.5 * modifier_part


def resume_seniority(document: ParsedDocument, years: float | None) -> str | None:
    """The resume's level: from the most recent titled role, else from years of experience."""
    titles = [entry.title for entry in _recent_first(document) if entry.title]
    for title in titles[:1]:
        for level, pattern in _SENIORITY_PATTERNS:
            if pattern.search(title):
                return level
    if years is None:
        return None
    return "junior" if years < 2 else "mid" if years < 5 else "senior"


def _recent_first(document: ParsedDocument) -> list[ExperienceEntry]:
    """Experience entries, the current or latest-ending role first (stable for equal dates)."""

    def key(entry: ExperienceEntry) -> tuple[int, str]:
        end = entry.end or ""
        if re.fullmatch(r"(?i)\s*(present|current|now)\s*", end):
            return (1, entry.start or "")
        return (0, end or entry.start or "")

    return sorted(document.experience, key=key, reverse=True)


def _title_component(
    document: ParsedDocument, job: JobAnalysis, gap: GapAnalysis, weight: float
) -> ScoreComponent:
    label = LABELS["title_seniority"]
    if not job.title:
        return ScoreComponent("title_seniority", label, weight, 0.0, note="The job states no title.")
    titles = _resume_titles(document)
    scored = sorted(((_title_similarity(job.title, t), t) for t in titles), key=lambda p: -p[0])
    title_ratio, best_title = scored[0] if scored else (0.0, "")
    matched: list[Match] = []
    missing: list[str] = []
    if title_ratio > 0:
        matched.append(Match(job.title, best_title))
    else:
        missing.append(job.title)
    if not job.seniority or job.seniority not in LEVELS:
        note = f"Closest title: {best_title or 'none found'}."
        return ScoreComponent(
            "title_seniority", label, weight, title_ratio, tuple(matched), tuple(missing), note
        )
    level = resume_seniority(document, gap.years_of_experience)
    if level is None:
        seniority_ratio = 0.0
        missing.append(f"{job.seniority} level")
    else:
        distance = LEVELS[job.seniority] - LEVELS.get(level, 0)
        seniority_ratio = 1.0 if distance <= 0 else 0.5 if distance == 1 else 0.0
        if seniority_ratio > 0:
            matched.append(Match(f"{job.seniority} level", f"resume reads as {level}"))
        else:
            missing.append(f"{job.seniority} level")
    ratio = 0.6 * title_ratio + 0.4 * seniority_ratio
    note = f"Closest title: {best_title or 'none found'}; job level {job.seniority}, "
    note += f"resume level {level or 'unknown'}."
    return ScoreComponent("title_seniority", label, weight, ratio, tuple(matched), tuple(missing), note)


def _years_component(job: JobAnalysis, gap: GapAnalysis, weight: float) -> ScoreComponent:
    label = LABELS["years_experience"]
    if job.min_years is None:
        return ScoreComponent("years_experience", label, weight, 0.0, note="The job states no minimum years.")
    wanted = f"{job.min_years}+ years"
    years = gap.years_of_experience
    if years is None:
        note = "No dated roles found, so years of experience could not be computed."
        return ScoreComponent("years_experience", label, weight, 0.0, missing=(wanted,), note=note)
    ratio = min(1.0, years / job.min_years) if job.min_years > 0 else 1.0
    evidence = f"{years:g} years across dated roles"
    if ratio >= 1.0:
        return ScoreComponent(
            "years_experience", label, weight, 1.0, (Match(wanted, evidence),), (), evidence + "."
        )
    return ScoreComponent(
        "years_experience", label, weight, ratio, (), (wanted,), f"{evidence}; the job asks {wanted}."
    )


def _degree_level(text: str) -> int | None:
    for level, pattern in _DEGREE_LEVELS:
        if pattern.search(text):
            return level
    return None


def _requirement_is_required(job: JobAnalysis, text: str) -> bool:
    return any(r.text == text and r.required for r in job.requirements) or not job.requirements


def _education_component(
    document: ParsedDocument, job: JobAnalysis, gap: GapAnalysis, weight: float
) -> ScoreComponent:
    label = LABELS["education_certifications"]
    tax = taxonomy()
    units: list[tuple[str, float, str | None]] = []
    degree_lines = [
        (line, _degree_level(line), _requirement_is_required(job, line)) for line in job.education
    ]
    required_levels = [(lvl, line) for line, lvl, req in degree_lines if lvl is not None and req]
    preferred_levels = [(lvl, line) for line, lvl, req in degree_lines if lvl is not None and not req]
    resume_texts = [f"{e.degree or ''} {e.institution or ''}" for e in document.education]
    resume_texts += [s.text for s in document.sections_of(SectionKind.EDUCATION)]
    resume_level = max(
        (lvl for lvl in (_degree_level(t) for t in resume_texts) if lvl is not None), default=None
    )
    resume_degree = next((t.strip() for t in resume_texts if _degree_level(t) == resume_level), None)
    years = gap.years_of_experience or 0.0
    for levels, unit_weight in ((required_levels, 1.0), (preferred_levels, 0.5)):
        if not levels:
            continue
        level, line = min(levels)
        equivalent = re.search(r"equivalent (?:practical )?experience", line, re.I) is not None
        if resume_level is not None and resume_level >= level:
            units.append((line, unit_weight, resume_degree))
        elif equivalent and years >= max(2, job.min_years or 0):
            units.append((line, unit_weight, f"{years:g} years of experience (equivalent allowed)"))
        else:
            units.append((line, unit_weight, None))
    resume_certs = {m.skill for m in scan_skills(document.text) if tax.is_certification(m.skill)}
    resume_certs |= {
        m.skill
        for cert in document.certifications
        for m in scan_skills(cert)
        if tax.is_certification(m.skill)
    }
    for cert in job.certifications:
        if not tax.is_certification(cert):
            continue
        cert_weight = 1.0 if _cert_required(job, cert) else 0.5
        units.append((cert, cert_weight, cert if cert in resume_certs else None))
    if not units:
        return ScoreComponent(
            "education_certifications", label, weight, 0.0, note="The job states no degree or certification."
        )
    total = sum(w for _, w, _ in units)
    earned = sum(w for _, w, ev in units if ev is not None)
    matched = tuple(Match(item, ev) for item, _, ev in units if ev is not None)
    missing = tuple(item for item, _, ev in units if ev is None)
    note = (
        f"{len(matched)} of {len(units)} met" + (f"; missing: {'; '.join(missing)}" if missing else "") + "."
    )
    return ScoreComponent("education_certifications", label, weight, earned / total, matched, missing, note)


def _cert_required(job: JobAnalysis, cert: str) -> bool:
    for requirement in job.requirements:
        if requirement.required and any(m.skill == cert for m in scan_skills(requirement.text)):
            return True
    return False


def _parseability_component(document: ParsedDocument, weight: float) -> ScoreComponent:
    text = document.text
    email_match = _EMAIL.search(text)
    phone_match = _PHONE.search(text)
    email = document.contact.email or (email_match.group() if email_match else None)
    phone = document.contact.phone or (phone_match.group().strip() if phone_match else None)
    checks: list[tuple[str, str | None]] = [
        ("email address", email),
        ("phone number", phone),
        ("experience section", _section_heading(document, SectionKind.EXPERIENCE)),
        ("education section", _section_heading(document, SectionKind.EDUCATION)),
        ("skills section", _section_heading(document, SectionKind.SKILLS)),
        ("no parse warnings", "none" if not document.warnings else None),
    ]
    matched = tuple(Match(item, ev) for item, ev in checks if ev)
    missing = tuple(item for item, ev in checks if not ev)
    ratio = len(matched) / len(checks)
    note = "An ATS can read every part." if not missing else f"Missing: {', '.join(missing)}."
    if document.warnings:
        note += f" Parser warnings: {'; '.join(document.warnings[:3])}."
    return ScoreComponent("parseability", LABELS["parseability"], weight, ratio, matched, missing, note)


def _section_heading(document: ParsedDocument, kind: SectionKind) -> str | None:
    sections = document.sections_of(kind)
    if not sections:
        return None
    return sections[0].heading or kind.value


def _weights(applicable: dict[str, bool]) -> dict[str, float]:
    fit = [name for name in NOMINAL_WEIGHTS if name != "parseability"]
    live = [name for name in fit if applicable[name]]
    if not live:
        return {name: (100.0 if name == "parseability" else 0.0) for name in NOMINAL_WEIGHTS}
    fit_total = sum(NOMINAL_WEIGHTS[name] for name in fit)
    live_total = sum(NOMINAL_WEIGHTS[name] for name in live)
    weights = {name: 0.0 for name in fit}
    for name in live:
        weights[name] = round(NOMINAL_WEIGHTS[name] * fit_total / live_total, 1)
    weights["parseability"] = NOMINAL_WEIGHTS["parseability"]
    drift = round(100.0 - sum(weights.values()), 1)
    if drift:
        largest = max(live, key=lambda name: weights[name])
        weights[largest] = round(weights[largest] + drift, 1)
    return weights


def score_resume(
    document: ParsedDocument, job: JobAnalysis, *, gap: GapAnalysis | None = None, today: date
) -> Score:
    """Score how well the resume fits the job, 0–100, as the sum of the named components' points."""
    gap = gap or analyze_gap(document, job, today=today)
    required_units = _skill_units(job.required_skills, gap.required_groups)
    preferred_units = _skill_units(job.preferred_skills, gap.preferred_groups)
    education_asked = bool(job.education) or any(taxonomy().is_certification(c) for c in job.certifications)
    weights = _weights(
        {
            "required_skills": bool(required_units),
            "preferred_skills": bool(preferred_units),
            "keywords": bool(required_units or preferred_units),
            "title_seniority": bool(job.title),
            "years_experience": job.min_years is not None,
            "education_certifications": education_asked,
        }
    )
    components: tuple[ScoreComponent, ...] = (
        _skills_component("required_skills", required_units, gap, weights["required_skills"]),
        _skills_component("preferred_skills", preferred_units, gap, weights["preferred_skills"]),
        _keywords_component(document, required_units, preferred_units, gap, weights["keywords"]),
        _title_component(document, job, gap, weights["title_seniority"]),
        _years_component(job, gap, weights["years_experience"]),
        _education_component(document, job, gap, weights["education_certifications"]),
        _parseability_component(document, weights["parseability"]),
    )
    components = tuple(_with_redistribution_note(c) for c in components)
    total = round(min(100.0, max(0.0, sum(c.points for c in components))), 1)
    return Score(total=total, components=components)


def _with_redistribution_note(component: ScoreComponent) -> ScoreComponent:
    if component.weight == 0.0 and component.name != "parseability":
        note = component.note + " Its weight is shared among the components the job does ask for."
        return ScoreComponent(component.name, component.label, 0.0, 0.0, (), (), note)
    return component
