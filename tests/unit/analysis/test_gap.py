"""Gap analysis: evidence per job skill, unlisted skills, alternatives and years of experience."""

from __future__ import annotations

from datetime import date

from resumax_core.analysis.gap import BULLET, SKILLS, analyze_gap, experience_years
from resumax_core.entities import (
    Block,
    BlockKind,
    Contact,
    ExperienceEntry,
    JobAnalysis,
    ParsedDocument,
    Requirement,
    Section,
    SectionKind,
)

TODAY = date(2026, 11, 25)


def resume(
    *, skills: str = "Python, Docker", bullets: tuple[str, ...] = (), summary: str = ""
) -> ParsedDocument:
    sections = [
        Section(
            SectionKind.CONTACT,
            "",
            (Block(BlockKind.TEXT, "Ana Ruiz"), Block(BlockKind.TEXT, "ana@example.com")),
        )
    ]
    if summary:
        sections.append(Section(SectionKind.SUMMARY, "Summary", (Block(BlockKind.TEXT, summary),)))
    sections.append(Section(SectionKind.SKILLS, "Skills", (Block(BlockKind.TEXT, skills),)))
    sections.append(
        Section(
            SectionKind.EXPERIENCE,
            "Experience",
            (
                Block(BlockKind.ENTRY, "Backend Engineer | Initech | 2020 - Present"),
                *(Block(BlockKind.BULLET, b) for b in bullets),
            ),
        )
    )
    return ParsedDocument(
        sections=tuple(sections),
        contact=Contact(name="Ana Ruiz", email="ana@example.com"),
        experience=(
            ExperienceEntry(
                employer="Initech", title="Backend Engineer", start="2020-01", end="present", bullets=bullets
            ),
        ),
    )


def job(
    required: tuple[str, ...], preferred: tuple[str, ...] = (), requirements: tuple[Requirement, ...] = ()
) -> JobAnalysis:
    return JobAnalysis(
        title="Backend Engineer",
        required_skills=required,
        preferred_skills=preferred,
        requirements=requirements,
    )


def test_bullet_evidence_beats_skills_list() -> None:
    doc = resume(skills="Python, Kafka", bullets=("Built Kafka consumers in Python",))
    gap = analyze_gap(doc, job(("Python", "Apache Kafka")), today=TODAY)
    proof = gap.evidence_for("Apache Kafka")
    assert proof is not None and proof.source == BULLET
    assert gap.evidence["Apache Kafka"] == "Built Kafka consumers in Python"
    assert gap.matched_required == ("Python", "Apache Kafka")
    assert gap.missing_required == ()


def test_listed_only_skill_counts_as_weaker_evidence() -> None:
    gap = analyze_gap(resume(skills="Python, Docker"), job(("Docker",)), today=TODAY)
    proof = gap.evidence_for("Docker")
    assert proof is not None and proof.source == SKILLS and proof.strength < 1.0


def test_parent_skill_is_proven_by_child_but_not_the_reverse() -> None:
    doc = resume(skills="SQL", bullets=("Tuned PostgreSQL indexes",))
    gap = analyze_gap(doc, job(("SQL", "MySQL")), today=TODAY)
    proof = gap.evidence_for("SQL")
    assert proof is not None and proof.via == "PostgreSQL" and proof.source == BULLET
    assert gap.missing_required == ("MySQL",)


def test_unlisted_skills_are_proven_in_experience_but_missing_from_skills() -> None:
    doc = resume(
        skills="Python", bullets=("Deployed services on Kubernetes with Terraform", "Mentored two interns")
    )
    gap = analyze_gap(doc, job(("Python", "Kubernetes", "Mentoring"), ("Terraform",)), today=TODAY)
    assert gap.unlisted_skills == ("Kubernetes", "Terraform")  # soft skills are not suggested for the list


def test_missing_required_and_preferred() -> None:
    gap = analyze_gap(resume(), job(("Python", "Go"), ("Rust",)), today=TODAY)
    assert gap.missing_required == ("Go",)
    assert gap.missing_preferred == ("Rust",)
    assert gap.matched_preferred == ()


def test_a_proven_alternative_satisfies_its_group() -> None:
    requirement = Requirement("Experience with Kubernetes or ECS", True, ("Kubernetes", "Amazon ECS"))
    gap = analyze_gap(
        resume(skills="Kubernetes"),
        job(("Kubernetes", "Amazon ECS"), requirements=(requirement,)),
        today=TODAY,
    )
    assert gap.required_groups == (("Kubernetes", "Amazon ECS"),)
    assert gap.missing_required == ()


def test_summary_mentions_are_weak_evidence() -> None:
    gap = analyze_gap(resume(summary="Engineer who loves Rust"), job(("Rust",)), today=TODAY)
    proof = gap.evidence_for("Rust")
    assert proof is not None and proof.strength == 0.6


def test_years_of_experience_merge_overlaps_and_use_today() -> None:
    roles = (
        ExperienceEntry(start="2018-01", end="2020-01"),
        ExperienceEntry(start="2019-06", end="2021-01"),
        ExperienceEntry(start="2023", end="present"),
        ExperienceEntry(start=None, end="2015"),
    )
    assert experience_years(roles, today=date(2025, 1, 1)) == 5.0
    assert experience_years(roles) == 3.1  # no clock: "present" ends at the latest date (one month minimum)
    assert experience_years(()) is None
    assert experience_years((ExperienceEntry(start="2021-05", end="2021-05"),)) == 0.1


def test_years_come_from_analyze_gap() -> None:
    assert analyze_gap(resume(), job(("Python",)), today=date(2025, 1, 1)).years_of_experience == 5.0


def test_evidenced_skills_shape_fits_rewrite_requests() -> None:
    gap = analyze_gap(resume(bullets=("Shipped Python APIs",)), job(("Python",)), today=TODAY)
    assert gap.evidenced_skills == {"Python": "Shipped Python APIs"}
