"""Every sample resume (PDF, DOCX, TXT) parses into the sections and facts a reader sees in it.

The expectations are hand-written in ``labels/resumes/<file>.json`` from each file's own text:

- ``sections``: the section kinds in reading order;
- ``contact``: the contact fields given (``null`` where the resume has none);
- ``experience`` / ``education``: every role and school, in order, with the fields given;
- ``skills`` / ``certifications`` / ``projects``: items that must be among those read;
- ``bullets``: the number of bullets under a role (by position);
- ``text`` / ``absent_text``: phrases that must (not) appear in the document text, such as repaired
  ligatures, joined hyphenations or dropped page footers.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from resumax_core.entities import ParsedDocument, SectionKind
from resumax_core.ports.document_parser import EXTENSION_MEDIA_TYPES

LABELS_DIR = Path(__file__).resolve().parent / "labels" / "resumes"
LABELS = sorted(LABELS_DIR.glob("*.json"))
RESUME_EXTENSIONS = (".pdf", ".docx", ".txt")

pytestmark = pytest.mark.corpus


def _label(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


async def _parse(path: Path) -> ParsedDocument:
    from resumax_adapters.parsing.standard import StandardDocumentParser

    return await StandardDocumentParser().parse(path.read_bytes(), EXTENSION_MEDIA_TYPES[path.suffix])


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


async def test_resume_parses_as_labelled(labelled: tuple[Path, dict[str, Any]]) -> None:
    path, label = labelled
    document = await _parse(path)

    kinds = [section.kind.value for section in document.sections]
    assert kinds == label["sections"]
    assert document.contact.name or document.contact.email
    if path.name != "reactive_resume_sample_ditto_ligatures.pdf":  # the one sample without an education part
        assert {SectionKind.EXPERIENCE, SectionKind.EDUCATION} <= {s.kind for s in document.sections}

    for field, expected in label.get("contact", {}).items():
        assert getattr(document.contact, field) == expected, field

    if "experience" in label:
        roles = [
            _pick(entry, wanted)
            for entry, wanted in zip(document.experience, label["experience"], strict=False)
        ]
        assert roles == label["experience"]
        assert len(document.experience) == len(label["experience"])
    for position, count in label.get("bullets", {}).items():
        assert len(document.experience[int(position)].bullets) == count
    if "education" in label:
        schools = [
            _pick(entry, wanted)
            for entry, wanted in zip(document.education, label["education"], strict=False)
        ]
        assert schools == label["education"]
        assert len(document.education) == len(label["education"])

    for field in ("skills", "certifications", "projects"):
        missing = set(label.get(field, ())) - set(getattr(document, field))
        assert not missing, f"{field} not read: {sorted(missing)}"

    text = document.text
    for phrase in label.get("text", ()):
        assert phrase in text
    for phrase in label.get("absent_text", ()):
        assert phrase not in text.split("\n")


async def test_pdf_and_docx_twins_read_the_same(corpus_dir: Path) -> None:
    pdf = await _parse(corpus_dir / "resumes" / "soupboss_01_accountant_word.pdf")
    word = await _parse(corpus_dir / "resumes" / "soupboss_01_accountant_word.docx")
    assert [s.kind for s in pdf.sections] == [s.kind for s in word.sections]
    assert pdf.contact == word.contact
    assert pdf.experience == word.experience
    assert pdf.education == word.education
    assert pdf.skills == word.skills
