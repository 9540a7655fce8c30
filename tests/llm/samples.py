"""A small resume and job shared by the LLM engine tests, the LanguageModel contract and the benchmark."""

from __future__ import annotations

from datetime import date

from resumax_core.analysis.gap import analyze_gap
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
from resumax_core.ports.language_model import RewriteRequest, RewriteTask

TODAY = date(2026, 11, 25)
EMAIL = "rui@example.com"
PHONE = "+351 912 345 678"
LINK = "github.com/ruicosta"

JOB = JobAnalysis(
    title="Backend Engineer",
    company="Globex",
    seniority="mid",
    min_years=3,
    required_skills=("Python", "PostgreSQL", "Kubernetes", "Terraform"),
    preferred_skills=("Apache Kafka",),
    requirements=(
        Requirement("Strong Python and PostgreSQL", True, ("Python", "PostgreSQL")),
        Requirement("Kubernetes and Terraform in production", True, ("Kubernetes", "Terraform")),
        Requirement("Kafka is a plus", False, ("Apache Kafka",)),
    ),
)


def resume() -> ParsedDocument:
    """Contact, summary, skills, experience, projects and education: five sections an engine may touch
    (summary, skills, experience, projects) and two it may not (contact, education)."""
    sections = (
        Section(
            SectionKind.CONTACT,
            "",
            (Block(BlockKind.TEXT, "Rui Costa"), Block(BlockKind.TEXT, f"{EMAIL} | {PHONE} | {LINK}")),
        ),
        Section(SectionKind.SUMMARY, "Summary", (Block(BlockKind.TEXT, "I am a hard-working engineer."),)),
        Section(SectionKind.SKILLS, "Skills", (Block(BlockKind.TEXT, "Java, Excel, Python, PostgreSQL"),)),
        Section(
            SectionKind.EXPERIENCE,
            "Experience",
            (
                Block(BlockKind.ENTRY, "Backend Engineer | Hooli | 2021 - Present"),
                Block(BlockKind.BULLET, "Responsible for managing the Kubernetes clusters"),
                Block(BlockKind.BULLET, "Successfully cut cloud costs by 30% with Terraform"),
                Block(BlockKind.ENTRY, "Developer | Initech | 2018 - 2021"),
                Block(BlockKind.BULLET, "Wrote internal wiki pages"),
                Block(BlockKind.BULLET, "Built Python services on PostgreSQL serving 2M requests a day"),
            ),
        ),
        Section(
            SectionKind.PROJECTS,
            "Projects",
            (
                Block(BlockKind.ENTRY, "pgwatch-lite"),
                Block(BlockKind.BULLET, f"Answered user questions sent to {EMAIL} about the Python CLI"),
            ),
        ),
        Section(
            SectionKind.EDUCATION,
            "Education",
            (Block(BlockKind.ENTRY, "BSc Computer Science | University of Porto | 2014 - 2018"),),
        ),
    )
    return ParsedDocument(
        sections=sections,
        contact=Contact(name="Rui Costa", email=EMAIL, phone=PHONE, links=(LINK,)),
        experience=(
            ExperienceEntry("Hooli", "Backend Engineer", None, "2021-01", "present"),
            ExperienceEntry("Initech", "Developer", None, "2018-01", "2021-01"),
        ),
        education=(EducationEntry("University of Porto", "BSc Computer Science", "2014", "2018"),),
        skills=("Java", "Excel", "Python", "PostgreSQL"),
    )


def index_of(document: ParsedDocument, kind: SectionKind) -> int:
    return next(i for i, s in enumerate(document.sections) if s.kind is kind)


def request(
    document: ParsedDocument, kind: SectionKind | None, job: JobAnalysis = JOB, *, index: int | None = None
) -> RewriteRequest:
    """The request TailorResume would make: for the summary when ``kind`` is SUMMARY, else that section."""
    gap = analyze_gap(document, job, today=TODAY)
    task = RewriteTask.SUMMARY if kind is SectionKind.SUMMARY else RewriteTask.SECTION
    if index is None:
        index = index_of(document, kind) if kind is not None else 0
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
