"""The explainable score: components, weights, redistribution, and its properties."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resumax_core.analysis.scoring import NOMINAL_WEIGHTS, score_resume
from resumax_core.entities import (
    Block,
    BlockKind,
    Contact,
    EducationEntry,
    ExperienceEntry,
    JobAnalysis,
    ParsedDocument,
    Requirement,
    Section,
    SectionKind,
)

TODAY = date(2026, 11, 25)
POOL = [
    "Python",
    "SQL",
    "Docker",
    "Kubernetes",
    "React",
    "AWS",
    "Terraform",
    "Communication",
    "Tableau",
    "Go",
]


def resume(
    *,
    bullets: tuple[str, ...] = ("Built Python services on AWS",),
    skills: str = "Python, SQL",
    title: str = "Senior Backend Engineer",
    start: str = "2019-01",
    degree: str | None = "BSc Computer Science",
    certifications: tuple[str, ...] = (),
    warnings: tuple[str, ...] = (),
) -> ParsedDocument:
    sections = [
        Section(
            SectionKind.CONTACT,
            "",
            (Block(BlockKind.TEXT, "Sam Park"), Block(BlockKind.TEXT, "sam@example.com | +1 555 010 2030")),
        ),
        Section(SectionKind.SKILLS, "Skills", (Block(BlockKind.TEXT, skills),)),
        Section(
            SectionKind.EXPERIENCE,
            "Experience",
            (
                Block(BlockKind.ENTRY, f"{title} | Globex | 2019 - Present"),
                *(Block(BlockKind.BULLET, b) for b in bullets),
            ),
        ),
    ]
    if degree:
        sections.append(
            Section(
                SectionKind.EDUCATION, "Education", (Block(BlockKind.ENTRY, f"{degree} | State University"),)
            )
        )
    if certifications:
        sections.append(
            Section(
                SectionKind.CERTIFICATIONS,
                "Certifications",
                tuple(Block(BlockKind.BULLET, c) for c in certifications),
            )
        )
    return ParsedDocument(
        sections=tuple(sections),
        contact=Contact(name="Sam Park", email="sam@example.com", phone="+1 555 010 2030"),
        experience=(
            ExperienceEntry(employer="Globex", title=title, start=start, end="present", bullets=bullets),
        ),
        education=(EducationEntry(institution="State University", degree=degree),) if degree else (),
        certifications=certifications,
        warnings=warnings,
    )


def full_job(**overrides: object) -> JobAnalysis:
    values: dict[str, object] = {
        "title": "Senior Backend Engineer",
        "seniority": "senior",
        "min_years": 5,
        "required_skills": ("Python", "SQL", "Kubernetes"),
        "preferred_skills": ("Terraform",),
        "education": ("Bachelor's degree in Computer Science",),
        "certifications": ("Certified Kubernetes Administrator",),
        "requirements": (
            Requirement("Python, SQL and Kubernetes", True, ("Python", "SQL", "Kubernetes")),
            Requirement("Bachelor's degree in Computer Science", True),
            Requirement("CKA certification preferred", False, ()),
        ),
    }
    values.update(overrides)
    return JobAnalysis(**values)  # type: ignore[arg-type]


def test_components_and_nominal_weights() -> None:
    score = score_resume(resume(), full_job(), today=TODAY)
    assert [c.name for c in score.components] == list(NOMINAL_WEIGHTS)
    assert sum(c.weight for c in score.components) == pytest.approx(100.0)
    assert {c.name: c.weight for c in score.components} == NOMINAL_WEIGHTS
    assert score.total == pytest.approx(sum(c.points for c in score.components), abs=0.05)


def test_each_component_explains_itself() -> None:
    score = score_resume(resume(), full_job(), today=TODAY)
    required = score.component("required_skills")
    assert required is not None
    assert {m.item for m in required.matched} >= {"Python", "SQL"}
    assert required.missing == ("Kubernetes",)
    assert "2 of 3 proven" in required.note
    years = score.component("years_experience")
    assert years is not None and years.ratio == 1.0 and years.matched[0].item == "5+ years"
    education = score.component("education_certifications")
    assert education is not None and "Certified Kubernetes Administrator" in education.missing
    parse = score.component("parseability")
    assert parse is not None and parse.ratio == 1.0


def test_weight_of_what_the_job_does_not_ask_is_redistributed() -> None:
    job = full_job(preferred_skills=(), min_years=None, education=(), certifications=())
    score = score_resume(resume(), job, today=TODAY)
    weights = {c.name: c.weight for c in score.components}
    assert (
        weights["preferred_skills"] == weights["years_experience"] == weights["education_certifications"] == 0
    )
    assert weights["parseability"] == 10
    assert weights["required_skills"] == pytest.approx(35 * 90 / 58, abs=0.2)
    assert sum(weights.values()) == pytest.approx(100.0)
    preferred = score.component("preferred_skills")
    assert preferred is not None and "shared" in preferred.note


def test_an_empty_job_scores_only_parseability() -> None:
    score = score_resume(resume(), JobAnalysis(), today=TODAY)
    assert score.total == 100.0
    assert score.component("parseability").weight == 100.0  # type: ignore[union-attr]


def test_bullet_evidence_scores_higher_than_a_listed_skill() -> None:
    job = full_job(required_skills=("Docker",), requirements=())
    listed = score_resume(resume(skills="Docker", bullets=("Wrote tests",)), job, today=TODAY)
    shown = score_resume(
        resume(skills="Python", bullets=("Containerised the API with Docker",)), job, today=TODAY
    )
    assert shown.component("required_skills").ratio > listed.component("required_skills").ratio  # type: ignore[union-attr]


def test_alternatives_count_once() -> None:
    job = full_job(
        required_skills=("Kubernetes", "Amazon ECS"),
        requirements=(Requirement("Kubernetes or ECS", True, ("Kubernetes", "Amazon ECS")),),
    )
    score = score_resume(resume(bullets=("Ran workloads on Kubernetes",)), job, today=TODAY)
    assert score.component("required_skills").ratio == 1.0  # type: ignore[union-attr]


def test_title_and_seniority_fit() -> None:
    job = full_job(title="Senior Backend Engineer", seniority="senior")
    exact = score_resume(resume(title="Senior Backend Engineer"), job, today=TODAY).component(
        "title_seniority"
    )
    junior = score_resume(resume(title="Junior Data Analyst", start="2025-06"), job, today=TODAY).component(
        "title_seniority"
    )
    assert exact is not None and exact.ratio == 1.0
    assert junior is not None and junior.ratio < 0.3


def test_years_short_of_the_minimum_score_proportionally() -> None:
    score = score_resume(resume(start="2024-11"), full_job(min_years=4), today=TODAY)
    years = score.component("years_experience")
    assert years is not None and years.ratio == pytest.approx(0.5, abs=0.05)


def test_equivalent_experience_can_replace_a_degree() -> None:
    job = full_job(
        education=("Bachelor's degree or equivalent practical experience",),
        certifications=(),
        requirements=(Requirement("Bachelor's degree or equivalent practical experience", True),),
    )
    score = score_resume(resume(degree=None, start="2015-01"), job, today=TODAY)
    assert score.component("education_certifications").ratio == 1.0  # type: ignore[union-attr]


def test_parse_warnings_and_missing_sections_lower_parseability() -> None:
    score = score_resume(resume(degree=None, warnings=("two columns merged",)), full_job(), today=TODAY)
    parse = score.component("parseability")
    assert parse is not None
    assert set(parse.missing) == {"education section", "no parse warnings"}


def test_score_round_trips_through_dict() -> None:
    score = score_resume(resume(), full_job(), today=TODAY)
    assert type(score).from_dict(score.to_dict()).total == score.total


jobs = st.builds(
    lambda req, pref, years, title: JobAnalysis(
        title=title,
        seniority="senior" if title else None,
        min_years=years,
        required_skills=tuple(req),
        preferred_skills=tuple(s for s in pref if s not in req),
    ),
    st.lists(st.sampled_from(POOL), unique=True, max_size=6),
    st.lists(st.sampled_from(POOL), unique=True, max_size=4),
    st.one_of(st.none(), st.integers(0, 12)),
    st.one_of(st.none(), st.sampled_from(["Senior Backend Engineer", "Data Analyst", "Nurse"])),
)
resumes = st.builds(
    lambda bullets, listed, start: resume(
        bullets=tuple(f"Worked with {s} daily" for s in bullets),
        skills=", ".join(listed) or "Typing",
        start=start,
    ),
    st.lists(st.sampled_from(POOL), unique=True, max_size=5),
    st.lists(st.sampled_from(POOL), unique=True, max_size=5),
    st.sampled_from(["2010-01", "2020-06", "2026-01"]),
)


@settings(max_examples=60, deadline=None)
@given(resumes, jobs)
def test_total_is_always_within_0_and_100_and_deterministic(
    document: ParsedDocument, job: JobAnalysis
) -> None:
    first = score_resume(document, job, today=TODAY)
    assert 0.0 <= first.total <= 100.0
    assert sum(c.weight for c in first.components) == pytest.approx(100.0, abs=0.05)
    assert score_resume(document, job, today=TODAY) == first


@settings(max_examples=60, deadline=None)
@given(resumes, jobs, st.sampled_from(POOL))
def test_adding_a_proven_skill_never_lowers_the_score(
    document: ParsedDocument, job: JobAnalysis, skill: str
) -> None:
    before = score_resume(document, job, today=TODAY).total
    experience = document.sections[2]
    extended = Section(
        experience.kind,
        experience.heading,
        (*experience.blocks, Block(BlockKind.BULLET, f"Used {skill} in production")),
    )
    richer = ParsedDocument(
        sections=(*document.sections[:2], extended, *document.sections[3:]),
        contact=document.contact,
        experience=document.experience,
        education=document.education,
    )
    assert score_resume(richer, job, today=TODAY).total >= before


def test_naming_a_skill_proven_only_through_a_related_one_raises_the_keyword_match() -> None:
    job = full_job(required_skills=("SQL",), preferred_skills=(), requirements=())
    implicit = resume(skills="Python", bullets=("Tuned PostgreSQL queries for reporting",))
    named = resume(skills="Python, SQL", bullets=("Tuned PostgreSQL queries for reporting",))

    before = score_resume(implicit, job, today=TODAY)
    after = score_resume(named, job, today=TODAY)

    keywords_before, keywords_after = before.component("keywords"), after.component("keywords")
    assert keywords_before is not None and keywords_after is not None
    assert keywords_before.missing == ("SQL",) and keywords_before.ratio == 0
    assert keywords_after.ratio == 1 and [m.item for m in keywords_after.matched] == ["SQL"]
    assert after.total > before.total
