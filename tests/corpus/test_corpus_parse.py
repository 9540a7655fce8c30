"""Every sample resume (PDF, DOCX, TXT) parses into the sections and facts a reader sees in it.

The expectations are hand-written in ``labels/resumes/<file>.json`` from each file's own text:

- ``sections``: the section kinds in reading order;
- ``contact``: name, email, phone, location (``null`` where the resume has none) and every profile link,
  including those only behind an icon or a word ("LinkedIn");
- ``experience`` / ``education``: every role and school, in order, with employer, title, location and
  dates, or institution, degree and dates;
- ``skills`` / ``certifications`` / ``projects``: every item the resume lists;
- ``bullets``: the number of bullets (or paragraphs) under each role;
- ``text`` / ``absent_text``: phrases that must (not) appear in the document text, such as repaired
  ligatures, joined hyphenations or dropped page footers;
- ``known_gaps``: facts read wrong today, each with the reason and the part of the code at fault. They
  must still be wrong here (a fix must remove them from the label); ``benchmarks/accuracy.py`` counts
  them as misses.

The comparison itself is ``benchmarks.accuracy.compare``, so the test and the accuracy figures agree.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from benchmarks.accuracy import compare
from resumax_adapters.parsing.standard import StandardDocumentParser
from resumax_core.entities import ParsedDocument, SectionKind
from resumax_core.ports.document_parser import EXTENSION_MEDIA_TYPES

LABELS_DIR = Path(__file__).resolve().parent / "labels" / "resumes"
LABELS = sorted(LABELS_DIR.glob("*.json"))
RESUME_EXTENSIONS = (".pdf", ".docx", ".txt")

pytestmark = pytest.mark.corpus


def _label(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def parser() -> Iterator[StandardDocumentParser]:
    """The production parser (worker processes), shared by the module and closed after it."""
    parser = StandardDocumentParser()
    yield parser
    parser.close()


async def _parse(parser: StandardDocumentParser, path: Path) -> ParsedDocument:
    return await parser.parse(path.read_bytes(), EXTENSION_MEDIA_TYPES[path.suffix])


def test_every_resume_in_the_corpus_has_labels(corpus_dir: Path) -> None:
    resumes = {p.name for p in (corpus_dir / "resumes").iterdir() if p.suffix in RESUME_EXTENSIONS}
    labelled = {_label(path)["file"] for path in LABELS}
    assert resumes <= labelled, f"unlabelled resumes: {sorted(resumes - labelled)}"


@pytest.fixture(params=LABELS, ids=lambda path: path.stem)
def labelled(request: pytest.FixtureRequest, corpus_dir: Path) -> tuple[Path, dict[str, Any]]:
    label = _label(request.param)
    return corpus_dir / "resumes" / label["file"], label


def _pick(item: Any, keys: Any) -> dict[str, Any]:
    return {key: getattr(item, key) for key in keys}


async def test_resume_parses_as_labelled(
    parser: StandardDocumentParser, labelled: tuple[Path, dict[str, Any]]
) -> None:
    path, label = labelled
    document = await _parse(parser, path)

    assert [section.kind.value for section in document.sections] == label["sections"]
    assert document.contact.name or document.contact.email
    if label.get("education", True):  # one sample has no education part
        assert {SectionKind.EXPERIENCE, SectionKind.EDUCATION} <= {s.kind for s in document.sections}

    result = compare(label, document)
    wrong = {fact.key: (fact.expected, fact.found) for fact in result.wrong}
    unexpected = {key: value for key, value in wrong.items() if key not in result.known_gaps}
    assert not unexpected, f"facts read wrong (expected, found): {unexpected}"
    fixed = set(result.known_gaps) - set(wrong)
    assert not fixed, f"known gaps now read right; remove them from the label: {sorted(fixed)}"


async def test_pdf_and_docx_twins_read_the_same(parser: StandardDocumentParser, corpus_dir: Path) -> None:
    pdf = await _parse(parser, corpus_dir / "resumes" / "soupboss_01_accountant_word.pdf")
    word = await _parse(parser, corpus_dir / "resumes" / "soupboss_01_accountant_word.docx")
    assert [s.kind for s in pdf.sections] == [s.kind for s in word.sections]
    assert pdf.contact == word.contact
    assert pdf.experience == word.experience
    assert pdf.education == word.education
    assert pdf.skills == word.skills
