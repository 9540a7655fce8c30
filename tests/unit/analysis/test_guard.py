"""The truthfulness guard, table-driven: faithful rewrites pass, every kind of fabrication is caught."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resumax_core.analysis.guard import VIOLATION_KINDS, check_change, check_rewrite
from resumax_core.entities import (
    Block,
    BlockKind,
    Change,
    ChangeKind,
    EducationEntry,
    ExperienceEntry,
    ParsedDocument,
    Section,
    SectionKind,
)

RESUME = """MARIA LOPEZ
maria@example.com | (555) 201-3344
SUMMARY
Registered nurse and clinical educator.
EXPERIENCE
Charge Nurse | Mercy General Hospital | Mar 2019 - Present
- Supervised 12 nurses on a 30-bed cardiac unit
- Cut medication errors by 25% with barcode scanning in Epic
- Responsible for training new staff on EHR charting
Staff Nurse | Riverside Clinic | 2015 - 2019
- Provided patient care and patient education for diabetes patients
- Worked on the discharge planning process
EDUCATION
BSN, Nursing | University of Texas | 2015
CERTIFICATIONS
- Basic Life Support (BLS)
- Registered Nurse (RN)
SKILLS
Patient care, triage, Microsoft Excel, PostgreSQL reporting"""

MEDS = "Cut medication errors by 25% with barcode scanning in Epic"
TRAINING = "Responsible for training new staff on EHR charting"
DISCHARGE = "Worked on the discharge planning process"

FAITHFUL = [
    ("rephrase", TRAINING, "Trained new staff on EHR charting"),
    ("reorder clauses", MEDS, "With barcode scanning in Epic, cut medication errors by 25%"),
    (
        "remove words",
        "Provided patient care and patient education for diabetes patients",
        "Provided patient care and education for diabetes patients",
    ),
    ("neutral verb", DISCHARGE, "Contributed to the discharge planning process"),
    ("proven job keyword", MEDS, "Cut medication errors by 25% with barcode scanning in Epic EHR"),
    ("parent of a proven skill", "PostgreSQL reporting", "SQL reporting in PostgreSQL"),
    ("restate the percentage", MEDS, "Reduced medication errors 25% using barcode scanning in Epic"),
    ("mention the real employer", TRAINING, "Trained new staff at Mercy General Hospital on EHR charting"),
    ("mention the real date", TRAINING, "Trained new staff on EHR charting since 2019"),
    ("mention the held title", TRAINING, "As Charge Nurse, trained new staff on EHR charting"),
    ("mention the real degree", TRAINING, "Trained new staff on EHR charting, drawing on a BSN"),
    (
        "mention the real certification",
        TRAINING,
        "Trained new staff on EHR charting and Basic Life Support (BLS)",
    ),
    (
        "mention the real school",
        TRAINING,
        "Trained new staff on EHR charting, building on a BSN from University of Texas",
    ),
    (
        "quantity already stated",
        "Supervised 12 nurses on a 30-bed cardiac unit",
        "Supervised 12 nurses (30 beds)",
    ),
]

FABRICATED = [
    ("employer", TRAINING, "Trained new staff on EHR charting at Kaiser Permanente", "Kaiser Permanente"),
    (
        "employer",
        TRAINING,
        "Trained new staff at Stanford Health Care on EHR charting",
        "Stanford Health Care",
    ),
    (
        "employer",
        MEDS,
        "Cut medication errors by 25% with barcode scanning in Epic while at Baylor",
        "Baylor",
    ),
    ("title", TRAINING, "As Nurse Manager, trained new staff on EHR charting", "Nurse Manager"),
    (
        "title",
        TRAINING,
        "Trained new staff on EHR charting as a clinical nurse specialist",
        "clinical nurse specialist",
    ),
    (
        "institution",
        TRAINING,
        "Trained new staff on EHR charting for Johns Hopkins University",
        "Johns Hopkins University",
    ),
    (
        "institution",
        DISCHARGE,
        "Redesigned discharge planning with Harvard Medical School",
        "Harvard Medical School",
    ),
    ("degree", TRAINING, "Trained new staff on EHR charting after earning an MSN degree", "degree"),
    ("degree", TRAINING, "Trained new staff on EHR charting, drawing on a Master's in nursing", "Master's"),
    ("date", TRAINING, "Trained new staff on EHR charting in 2021", "2021"),
    ("date", DISCHARGE, "Redesigned the discharge planning process in June", "June"),
    ("date", DISCHARGE, "Redesigned the discharge planning process in Q3", "Q3"),
    ("metric", TRAINING, "Trained 40 new staff on EHR charting", "40"),
    ("metric", MEDS, "Cut medication errors by 35% with barcode scanning in Epic", "35%"),
    ("metric", DISCHARGE, "Streamlined discharge planning, saving $50,000 a year", "$50,000"),
    ("metric", DISCHARGE, "Streamlined discharge planning, making it 10x faster", "10x"),
    ("metric", DISCHARGE, "Streamlined discharge planning and doubled throughput", "doubled"),
    ("certification", TRAINING, "Trained new staff on EHR charting as a certified ACLS instructor", "ACLS"),
    ("certification", TRAINING, "Trained new staff on EHR charting; PALS certified", "PALS"),
    ("certification", TRAINING, "Licensed trainer for new staff on EHR charting", "Licensed"),
    ("skill", TRAINING, "Trained new staff on EHR charting in Cerner", "Cerner"),
    ("skill", MEDS, "Cut medication errors by 25% with barcode scanning in Epic and Tableau", "Tableau"),
    ("skill", DISCHARGE, "Ran the discharge planning process with Python automation", "Python"),
]


@pytest.mark.parametrize(("case", "before", "after"), FAITHFUL, ids=[c[0] for c in FAITHFUL])
def test_faithful_rewrites_pass(case: str, before: str, after: str) -> None:
    assert check_rewrite(RESUME, before, after) == []


@pytest.mark.parametrize(
    ("kind", "before", "after", "offending"), FABRICATED, ids=[f"{c[0]}-{c[3]}" for c in FABRICATED]
)
def test_fabrications_are_caught_with_kind_text_and_reason(
    kind: str, before: str, after: str, offending: str
) -> None:
    violations = check_rewrite(RESUME, before, after)
    matching = [v for v in violations if v.kind == kind]
    assert matching, violations
    assert any(offending.lower() in v.text.lower() for v in matching), matching
    assert all(v.reason for v in violations)
    assert {v.kind for v in violations} <= set(VIOLATION_KINDS)


def test_every_violation_kind_is_covered_by_the_table() -> None:
    assert {case[0] for case in FABRICATED} == set(VIOLATION_KINDS)


def _document() -> ParsedDocument:
    bullets = ("Built Python services", "Reduced costs by 20%")
    return ParsedDocument(
        sections=(
            Section(SectionKind.CONTACT, "", (Block(BlockKind.TEXT, "Lee Kim"),)),
            Section(
                SectionKind.EXPERIENCE,
                "Experience",
                (
                    Block(BlockKind.ENTRY, "Engineer | Umbrella | 2018 - 2024"),
                    *(Block(BlockKind.BULLET, b) for b in bullets),
                ),
            ),
        ),
        experience=(ExperienceEntry("Umbrella", "Engineer", None, "2018-01", "2024-01", bullets),),
        education=(EducationEntry("State College", "BSc"),),
    )


def _summary(after: str) -> Change:
    return Change(
        id="c1-new-summary",
        kind=ChangeKind.SUMMARY,
        section=SectionKind.SUMMARY,
        section_index=1,
        block_start=0,
        block_end=0,
        before="",
        after=after,
        after_blocks=(Block(BlockKind.TEXT, after),),
        reason="summary",
        new_section=True,
        heading="Summary",
    )


def test_check_change_allows_years_the_dated_roles_prove() -> None:
    document = _document()
    assert check_change(document, _summary("Engineer with 6+ years of experience in Python.")) == []
    too_many = check_change(document, _summary("Engineer with 9+ years of experience in Python."))
    assert [v.kind for v in too_many] == ["metric"]
    assert (
        check_change(document, _summary("Engineer with 9+ years of experience."), years_of_experience=9.5)
        == []
    )


def test_check_change_checks_after_blocks_too() -> None:
    change = Change(
        id="c1-1-bullet",
        kind=ChangeKind.BULLET,
        section=SectionKind.EXPERIENCE,
        section_index=1,
        block_start=1,
        block_end=2,
        before="Built Python services",
        after="Built Python services",
        after_blocks=(Block(BlockKind.BULLET, "Built Python and Rust services"),),
        reason="r",
    )
    assert [v.kind for v in check_change(_document(), change)] == ["skill"]


SENTENCE = (
    "Cut medication errors by 25% with barcode scanning in Epic since Mar 2019 for 12 nurses on 30-bed units"
)
TOKENS = st.sampled_from(SENTENCE.split(" "))


@given(st.lists(TOKENS, min_size=1, max_size=18), st.randoms(use_true_random=False))
def test_reordering_words_never_yields_a_metric_or_date_violation(words: list[str], rng: object) -> None:
    before = " ".join(words)
    shuffled = list(words)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    after = " ".join(shuffled)
    kinds = {v.kind for v in check_rewrite(RESUME, before, after)}
    assert not kinds & {"metric", "date"}


@given(st.lists(TOKENS, min_size=1, max_size=18), st.data())
def test_removing_words_never_yields_a_violation(words: list[str], data: st.DataObject) -> None:
    before = " ".join(words)
    kept = [w for w in words if data.draw(st.booleans())]
    assert check_rewrite(RESUME, before, " ".join(kept)) == []


QUANTITY_RESUME = (
    "Developed ETL jobs that load 2 million rows a day, cut costs by 30% and served 40 warehouse teams "
    "on a $1.5M budget."
)


@pytest.mark.parametrize(
    ("after", "invented"),
    [
        ("Built a pipeline saving $2M", "$2M"),
        ("Built a pipeline that cut costs 2x", "2x"),
        ("Cut costs by 40%", "40%"),
        ("Loaded 2 million rows daily", None),
        ("Cut costs 30 percent", None),
        ("Served 40 teams", None),
        ("Managed a $1.5M budget", None),
    ],
)
def test_a_number_is_known_only_with_what_it_counts(after: str, invented: str | None) -> None:
    violations = check_rewrite(QUANTITY_RESUME, "Built a pipeline", after)
    assert [v.text for v in violations if v.kind == "metric"] == ([invented] if invented else [])
