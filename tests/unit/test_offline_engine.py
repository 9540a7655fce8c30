"""The offline rewrite engine: useful, deterministic, evidence-linked suggestions that pass the guard."""

from __future__ import annotations

import asyncio
import json
import re
from datetime import date
from pathlib import Path

import pytest

from resumax_adapters.llm.offline import OfflineLanguageModel
from resumax_core.analysis.apply import apply_changes, change_fits
from resumax_core.analysis.facts import build_document
from resumax_core.analysis.gap import analyze_gap
from resumax_core.analysis.guard import check_change
from resumax_core.analysis.job import analyze_job, job_text_from_json
from resumax_core.analysis.scoring import score_resume
from resumax_core.entities import (
    Block,
    BlockKind,
    ChangeKind,
    Contact,
    ExperienceEntry,
    JobAnalysis,
    ParsedDocument,
    Requirement,
    Section,
    SectionKind,
    TextLine,
)
from resumax_core.ports.language_model import LanguageModel, Proposal, RewriteRequest, RewriteTask

TODAY = date(2026, 11, 25)

JOB = JobAnalysis(
    title="Backend Engineer",
    seniority="mid",
    min_years=3,
    required_skills=("Python", "PostgreSQL", "Kubernetes", "Terraform"),
    preferred_skills=("Kafka", "Apache Kafka"),
    requirements=(
        Requirement("Strong Python and PostgreSQL", True, ("Python", "PostgreSQL")),
        Requirement("Kubernetes and Terraform in production", True, ("Kubernetes", "Terraform")),
        Requirement("Kafka is a plus", False, ("Apache Kafka",)),
    ),
)


def _resume(*, with_summary: bool = True) -> ParsedDocument:
    sections = [
        Section(
            SectionKind.CONTACT,
            "",
            (Block(BlockKind.TEXT, "Rui Costa"), Block(BlockKind.TEXT, "rui@example.com")),
        )
    ]
    if with_summary:
        sections.append(
            Section(SectionKind.SUMMARY, "Summary", (Block(BlockKind.TEXT, "I am a hard-working engineer."),))
        )
    sections += [
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
    ]
    return ParsedDocument(
        sections=tuple(sections),
        contact=Contact(name="Rui Costa", email="rui@example.com"),
        experience=(
            ExperienceEntry("Hooli", "Backend Engineer", None, "2021-01", "present"),
            ExperienceEntry("Initech", "Developer", None, "2018-01", "2021-01"),
        ),
        skills=("Java", "Excel", "Python", "PostgreSQL"),
    )


def _request(
    document: ParsedDocument, task: RewriteTask, index: int, job: JobAnalysis = JOB
) -> RewriteRequest:
    gap = analyze_gap(document, job, today=TODAY)
    return RewriteRequest(
        task=task,
        document=document,
        section_index=index,
        job=job,
        evidenced_skills=dict(gap.evidence),
        unlisted_skills=gap.unlisted_skills,
        missing_skills=gap.missing_required,
        years_of_experience=gap.years_of_experience,
    )


def _propose(request: RewriteRequest) -> Proposal:
    return asyncio.run(OfflineLanguageModel().propose(request))


def _index(document: ParsedDocument, kind: SectionKind) -> int:
    return next(i for i, s in enumerate(document.sections) if s.kind is kind)


def test_it_is_a_language_model_named_offline() -> None:
    engine: LanguageModel = OfflineLanguageModel()
    assert engine.name == "offline"
    assert _propose(_request(_resume(), RewriteTask.SECTION, 0)).usage.model == "offline"


def test_summary_replaces_the_existing_summary_with_resume_facts() -> None:
    document = _resume()
    index = _index(document, SectionKind.SUMMARY)
    (change,) = _propose(_request(document, RewriteTask.SUMMARY, index)).changes
    assert change.kind is ChangeKind.SUMMARY and not change.new_section
    assert (change.section_index, change.block_start, change.block_end) == (index, 0, 1)
    assert change.before == "I am a hard-working engineer."
    assert change.after.startswith("Backend Engineer with ")
    for skill in ("Python", "PostgreSQL", "Kubernetes", "Terraform"):
        assert skill in change.after
    assert "Recent result: built Python services on PostgreSQL serving 2M requests a day." in change.after
    assert change.requirement and change.evidence and change.reason
    years = _request(document, RewriteTask.SUMMARY, index).years_of_experience
    assert check_change(document, change, years_of_experience=years) == []


def test_summary_is_inserted_after_the_contact_when_missing() -> None:
    document = _resume(with_summary=False)
    (change,) = _propose(_request(document, RewriteTask.SUMMARY, 1)).changes
    assert change.new_section and change.heading == "Summary"
    assert change.section_index == 1 and change.before == ""
    assert change_fits(document, change)


def test_summary_never_claims_more_years_than_the_resume_dates_give() -> None:
    document = _resume()
    request = _request(document, RewriteTask.SUMMARY, 1)
    (change,) = _propose(request).changes
    claimed = re.search(r"(\d+)\+ years", change.after)
    assert request.years_of_experience is not None
    assert claimed is not None and int(claimed.group(1)) <= request.years_of_experience
    assert check_change(document, change, years_of_experience=request.years_of_experience) == []
    assert check_change(document, change) != [], "without the computed years the claim is unsupported"


def test_skills_change_orders_by_relevance_and_adds_proven_skills_with_evidence() -> None:
    document = _resume()
    index = _index(document, SectionKind.SKILLS)
    (change,) = _propose(_request(document, RewriteTask.SECTION, index)).changes
    assert change.kind is ChangeKind.SKILLS
    assert change.before == "Java, Excel, Python, PostgreSQL"
    assert change.after == "Python, PostgreSQL, Java, Excel, Kubernetes, Terraform"
    assert change.after == "\n".join(b.text for b in change.after_blocks)
    assert "Responsible for managing the Kubernetes clusters" in change.evidence
    assert "Successfully cut cloud costs by 30% with Terraform" in change.evidence
    assert change.requirement == "Kubernetes and Terraform in production"
    assert check_change(document, change) == [] and change_fits(document, change)


def test_labelled_skill_lines_keep_their_labels() -> None:
    document = _resume()
    skills = Section(
        SectionKind.SKILLS,
        "Skills",
        (
            Block(BlockKind.BULLET, "Languages: Java, Python"),
            Block(BlockKind.BULLET, "Tools: Excel, Jira"),
        ),
    )
    document = ParsedDocument(
        sections=(*document.sections[:2], skills, *document.sections[3:]), experience=document.experience
    )
    (change,) = _propose(_request(document, RewriteTask.SECTION, 2)).changes
    assert [b.text for b in change.after_blocks] == [
        "Languages: Python, Java",
        "Tools: Excel, Jira",
        "Additional: PostgreSQL, Kubernetes, Terraform",
    ]
    assert all(b.kind is BlockKind.BULLET for b in change.after_blocks)


def test_experience_bullets_are_tightened_one_change_each() -> None:
    document = _resume()
    index = _index(document, SectionKind.EXPERIENCE)
    proposal = _propose(_request(document, RewriteTask.SECTION, index))
    bullets = {c.block_start: c for c in proposal.changes if c.kind is ChangeKind.BULLET}
    assert bullets[1].after == "Manage the Kubernetes clusters"  # current role: present tense
    assert bullets[2].after == "Cut cloud costs by 30% with Terraform"
    assert 4 not in bullets and 5 not in bullets
    for change in bullets.values():
        assert change.id == f"c{index}-{change.block_start}-bullet"
        assert change.block_end == change.block_start + 1
        assert change.before == document.sections[index].blocks[change.block_start].text
        assert change.evidence == (change.before,) and change.reason and change.requirement
    assert bullets[1].requirement == "Kubernetes and Terraform in production"


def test_order_change_moves_relevant_bullets_first_when_no_bullet_is_rewritten() -> None:
    document = _resume()
    index = _index(document, SectionKind.EXPERIENCE)
    orders = [
        c
        for c in _propose(_request(document, RewriteTask.SECTION, index)).changes
        if c.kind is ChangeKind.ORDER
    ]
    assert len(orders) == 1
    order = orders[0]
    assert (order.block_start, order.block_end) == (4, 6)
    assert [b.text for b in order.after_blocks] == [
        "Built Python services on PostgreSQL serving 2M requests a day",
        "Wrote internal wiki pages",
    ]
    assert change_fits(document, order)


def test_tips_flag_bullets_without_results_and_never_contain_numbers() -> None:
    document = _resume()
    proposal = _propose(_request(document, RewriteTask.SECTION, _index(document, SectionKind.EXPERIENCE)))
    assert {t.text for t in proposal.tips} == {
        "Responsible for managing the Kubernetes clusters",
        "Wrote internal wiki pages",
    }
    assert all(not re.search(r"\d", t.message) for t in proposal.tips)


def test_other_sections_get_no_suggestions() -> None:
    assert _propose(_request(_resume(), RewriteTask.SECTION, 0)) == Proposal()
    assert _propose(_request(_resume(), RewriteTask.SECTION, 99)) == Proposal()


def test_output_is_deterministic_and_ids_are_unique() -> None:
    document = _resume()
    requests = [_request(document, RewriteTask.SUMMARY, 1)] + [
        _request(document, RewriteTask.SECTION, i) for i in range(len(document.sections))
    ]
    first = [_propose(r) for r in requests]
    assert first == [_propose(r) for r in requests]
    ids = [c.id for p in first for c in p.changes]
    assert len(ids) == len(set(ids))


def test_engine_works_without_precomputed_evidence() -> None:
    document = _resume()
    bare = RewriteRequest(task=RewriteTask.SECTION, document=document, section_index=2, job=JOB)
    (change,) = _propose(bare).changes
    assert "Kubernetes" in change.after


def _text_document(text: str) -> ParsedDocument:
    lines = []
    for raw in text.splitlines():
        bullet = re.match(r"^\s*[•\-–*]\s+(.*)$", raw)
        if bullet:
            lines.append(TextLine(bullet.group(1).strip(), bullet=True))
        elif raw.strip():
            lines.append(TextLine(raw.strip()))
    return build_document(lines, source_format="text", pages=1)


def _job_text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    return job_text_from_json(json.loads(raw)) if path.suffix == ".json" else raw


@pytest.mark.corpus
@pytest.mark.parametrize(
    "resume_name", ["skillora_software_engineer_john_doe.txt", "cvanalyser_john_smith_swe.txt"]
)
def test_corpus_pairs_changes_fit_pass_the_guard_and_never_lower_the_score(
    corpus_dir: Path, resume_name: str
) -> None:
    document = _text_document((corpus_dir / "resumes" / resume_name).read_text(encoding="utf-8"))
    engine = OfflineLanguageModel()
    for jd in sorted((corpus_dir / "jds").iterdir()):
        text = _job_text(jd)
        analyze_job.cache_clear()
        job = analyze_job(text)
        gap = analyze_gap(document, job, today=TODAY)
        score_resume(document, job, gap=gap, today=TODAY)
        requests = [
            RewriteRequest(
                RewriteTask.SUMMARY,
                document,
                1,
                job,
                dict(gap.evidence),
                gap.unlisted_skills,
                gap.missing_required,
                gap.years_of_experience,
            )
        ]
        requests += [
            RewriteRequest(
                RewriteTask.SECTION,
                document,
                i,
                job,
                dict(gap.evidence),
                gap.unlisted_skills,
                gap.missing_required,
                gap.years_of_experience,
            )
            for i in range(len(document.sections))
        ]
        proposals = [asyncio.run(engine.propose(r)) for r in requests]
        before = score_resume(document, job, today=TODAY).total
        changes = [change for proposal in proposals for change in proposal.changes]
        for change in changes:
            assert change_fits(document, change), change.id
            assert check_change(document, change, years_of_experience=gap.years_of_experience) == [], (
                change.id
            )
            assert change.requirement and change.reason and change.evidence
            edited = apply_changes(document, [change]).document
            assert score_resume(edited, job, today=TODAY).total >= before, (jd.name, change.id)
        assert score_resume(apply_changes(document, changes).document, job, today=TODAY).total >= before
