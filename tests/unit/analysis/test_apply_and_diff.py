"""Applying accepted changes, the word diff, and the round-trip check."""

from __future__ import annotations

from attrs import evolve
from hypothesis import given
from hypothesis import strategies as st

from resumax_core.analysis.apply import apply_changes, change_fits
from resumax_core.analysis.diff import diff_documents, diff_text
from resumax_core.analysis.roundtrip import compare_documents
from resumax_core.entities import Block, BlockKind, Change, ChangeKind, ParsedDocument, Section, SectionKind


def _document() -> ParsedDocument:
    return ParsedDocument(
        sections=(
            Section(
                SectionKind.CONTACT,
                "",
                (Block(BlockKind.TEXT, "Dana Lee"), Block(BlockKind.TEXT, "dana@example.com")),
            ),
            Section(
                SectionKind.EXPERIENCE,
                "Experience",
                (
                    Block(BlockKind.ENTRY, "Engineer, Acme Corp, 2020 – Present"),
                    Block(BlockKind.BULLET, "Responsible for building APIs in Python"),
                    Block(BlockKind.BULLET, "Worked on dashboards"),
                ),
            ),
            Section(SectionKind.SKILLS, "Skills", (Block(BlockKind.TEXT, "Go, Python"),)),
        )
    )


def _change(cid: str, section: int, start: int, end: int, before: str, after: str, **kw: object) -> Change:
    return Change(
        id=cid,
        kind=ChangeKind.BULLET,
        section=SectionKind.EXPERIENCE,
        section_index=section,
        block_start=start,
        block_end=end,
        before=before,
        after=after,
        after_blocks=tuple(Block(BlockKind.BULLET, line) for line in after.splitlines()),
        reason="test",
        **kw,  # type: ignore[arg-type]
    )


def test_applies_changes_and_keeps_the_rest() -> None:
    doc = _document()
    first = _change("a", 1, 1, 2, "Responsible for building APIs in Python", "Built APIs in Python")
    second = _change("b", 1, 2, 3, "Worked on dashboards", "Developed dashboards")

    result = apply_changes(doc, [second, first])

    assert result.applied == ("b", "a")
    blocks = [b.text for b in result.document.sections[1].blocks]
    assert blocks == ["Engineer, Acme Corp, 2020 – Present", "Built APIs in Python", "Developed dashboards"]
    assert result.document.sections[2] == doc.sections[2]


def test_overlapping_change_is_skipped_not_forced() -> None:
    doc = _document()
    single = _change("a", 1, 1, 2, "Responsible for building APIs in Python", "Built APIs in Python")
    reorder = _change(
        "b", 1, 1, 3, "Responsible for building APIs in Python\nWorked on dashboards",
        "Worked on dashboards\nResponsible for building APIs in Python",
    )  # fmt: skip
    result = apply_changes(doc, [single, reorder])
    assert len(result.applied) == 1 and len(result.skipped) == 1


def test_stale_before_text_is_skipped() -> None:
    stale = _change("a", 1, 1, 2, "Something else entirely", "Built APIs")
    assert not change_fits(_document(), stale)
    assert apply_changes(_document(), [stale]).skipped == ("a",)


def test_new_summary_section_is_inserted_after_contact() -> None:
    summary = evolve(
        _change("s", 1, 0, 0, "", "Engineer with Python experience."),
        kind=ChangeKind.SUMMARY,
        section=SectionKind.SUMMARY,
        new_section=True,
        after_blocks=(Block(BlockKind.TEXT, "Engineer with Python experience."),),
    )
    result = apply_changes(_document(), [summary])
    assert [s.kind for s in result.document.sections] == [
        SectionKind.CONTACT, SectionKind.SUMMARY, SectionKind.EXPERIENCE, SectionKind.SKILLS,
    ]  # fmt: skip
    assert result.document.sections[1].heading == "Summary"


def test_document_diff_lists_only_changed_sections() -> None:
    doc = _document()
    edited = apply_changes(
        doc, [_change("a", 1, 2, 3, "Worked on dashboards", "Developed dashboards")]
    ).document
    (entry,) = diff_documents(doc, edited)
    assert entry["section"] == "experience"
    assert {"op": "delete", "text": "Worked on"} in entry["ops"]
    assert {"op": "insert", "text": "Developed"} in entry["ops"]


@given(st.text(max_size=200), st.text(max_size=200))
def test_diff_ops_rebuild_both_texts(before: str, after: str) -> None:
    ops = diff_text(before, after)
    assert "".join(o["text"] for o in ops if o["op"] != "insert") == before
    assert "".join(o["text"] for o in ops if o["op"] != "delete") == after


def test_round_trip_check_reports_what_was_lost() -> None:
    doc = _document()
    assert compare_documents(doc, doc).passed
    assert compare_documents(doc, doc).label == "ATS check: 3/3 sections, 100% of text"
    lossy = evolve(doc, sections=doc.sections[:2])
    check = compare_documents(doc, lossy)
    assert not check.passed
    assert check.missing_sections == ("skills",)
    assert "go" in check.missing_words
    assert "FAILED" in check.label
