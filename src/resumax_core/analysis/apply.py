"""Applying accepted changes to a document.

Rules: changes are applied against the original document's indexes; a change whose ``before`` no longer
matches its span (because an overlapping change was applied first) is skipped and reported, never forced.
Block replacements within a section are applied from the bottom up so indexes stay valid; new sections are
inserted last. Facts are then read again from the edited sections.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from attrs import evolve, frozen

from resumax_core.analysis.facts import extract_facts
from resumax_core.entities import Change, ParsedDocument, Section, SectionKind

FactExtractor = Callable[[ParsedDocument, tuple[Section, ...]], ParsedDocument]


@frozen
class Application:
    document: ParsedDocument
    applied: tuple[str, ...]
    skipped: tuple[str, ...]


def refresh_facts(original: ParsedDocument, sections: tuple[Section, ...]) -> ParsedDocument:
    """Read the facts again from edited sections, keeping the original's format, pages and warnings."""
    return extract_facts(
        sections, source_format=original.source_format, pages=original.pages, warnings=original.warnings
    )


def _span_text(section: Section, start: int, end: int) -> str:
    return "\n".join(block.text for block in section.blocks[start:end])


def change_fits(document: ParsedDocument, change: Change) -> bool:
    """True when the change's span exists in the document and its ``before`` matches that span."""
    if change.new_section:
        return 0 <= change.section_index <= len(document.sections)
    if not 0 <= change.section_index < len(document.sections):
        return False
    section = document.sections[change.section_index]
    if not 0 <= change.block_start <= change.block_end <= len(section.blocks):
        return False
    return _span_text(section, change.block_start, change.block_end) == change.before


_DEFAULT_HEADINGS = {
    SectionKind.SUMMARY: "Summary",
    SectionKind.SKILLS: "Skills",
    SectionKind.EXPERIENCE: "Experience",
    SectionKind.EDUCATION: "Education",
    SectionKind.PROJECTS: "Projects",
    SectionKind.CERTIFICATIONS: "Certifications",
    SectionKind.LANGUAGES: "Languages",
    SectionKind.CONTACT: "",
    SectionKind.OTHER: "Other",
}


def apply_changes(
    document: ParsedDocument, changes: Sequence[Change], refresh: FactExtractor = refresh_facts
) -> Application:
    """Apply ``changes`` and return the edited document with the ids applied and skipped.

    ``refresh(original, sections)`` rebuilds the facts for the edited sections.
    """
    sections = list(document.sections)
    blocks_by_section = {i: list(s.blocks) for i, s in enumerate(sections)}
    taken: dict[int, list[tuple[int, int]]] = {}
    applied: list[str] = []
    skipped: list[str] = []
    replacements = sorted(
        (c for c in changes if not c.new_section),
        key=lambda c: (c.section_index, -c.block_start, -c.block_end),
    )
    for change in replacements:
        spans = taken.setdefault(change.section_index, [])
        overlaps = any(
            (change.block_start < end and start < change.block_end)
            or change.block_start == change.block_end == start
            for start, end in spans
        )
        if overlaps or not change_fits(document, change):
            skipped.append(change.id)
            continue
        blocks = blocks_by_section[change.section_index]
        blocks[change.block_start : change.block_end] = list(change.after_blocks)
        spans.append((change.block_start, change.block_end))
        applied.append(change.id)
    edited = [evolve(s, blocks=tuple(blocks_by_section[i])) for i, s in enumerate(sections)]
    insertions = sorted((c for c in changes if c.new_section), key=lambda c: -c.section_index)
    inserted_at: set[int] = set()
    for change in insertions:
        if change.section_index in inserted_at or not change_fits(document, change):
            skipped.append(change.id)
            continue
        heading = change.heading if change.heading is not None else _DEFAULT_HEADINGS[change.section]
        edited.insert(change.section_index, Section(change.section, heading, change.after_blocks, 1.0))
        inserted_at.add(change.section_index)
        applied.append(change.id)
    order = {change.id: i for i, change in enumerate(changes)}
    new_document = refresh(document, tuple(edited))
    return Application(
        document=new_document,
        applied=tuple(sorted(applied, key=order.__getitem__)),
        skipped=tuple(sorted(skipped, key=order.__getitem__)),
    )
