"""Scanned pages (no text layer): read by OCR when the ``ocr`` extra and tesseract are installed, with a
warning and lower confidence; otherwise a clear NoTextLayer, never an empty or invented resume."""

from __future__ import annotations

import pytest

from resumax_adapters.parsing import ocr as ocr_module
from resumax_adapters.parsing.ocr import find_ocr_engine, tesseract_available
from resumax_adapters.parsing.pdf import OCR_CONFIDENCE, OCR_WARNING, PdfiumPdfParser
from resumax_adapters.parsing.standard import StandardDocumentParser
from resumax_core.entities import SectionKind
from resumax_core.errors import NoTextLayer
from tests.hostile.harness import PDF, assert_still_reads, error_code, parse_bounded
from tests.hostile.misbehaving import FailingOcr

pytest.importorskip("PIL", reason="Pillow draws the scanned pages")

from tests.hostile import scans

needs_tesseract = pytest.mark.skipif(
    not tesseract_available(), reason="install the ocr extra and tesseract-ocr to run OCR tests"
)


async def test_without_ocr_a_scan_has_no_text_layer() -> None:
    async with StandardDocumentParser(ocr=False) as parser:
        outcome = await parse_bounded(parser, scans.scanned_pdf(), PDF)
        assert error_code(outcome) == "no_text_layer"
        assert "no text layer; install the ocr extra" in str(outcome)
        await assert_still_reads(parser)


async def test_without_ocr_a_scanned_page_among_text_pages_is_named_in_a_warning() -> None:
    async with StandardDocumentParser(ocr=False) as parser:
        document = await parser.parse(scans.text_then_scanned_pdf(), PDF)
    assert document.contact.email == "jane.roe@example.com"
    assert SectionKind.EDUCATION not in {s.kind for s in document.sections}
    assert any("page(s) 2" in w and "install the ocr extra" in w for w in document.warnings)


@needs_tesseract
@pytest.mark.parametrize("isolate", [True, False], ids=["worker", "in-thread"])
async def test_a_scanned_resume_is_read_by_ocr(isolate: bool) -> None:
    async with StandardDocumentParser(isolate=isolate) as parser:
        assert parser.ocr
        outcome = await parse_bounded(parser, scans.scanned_pdf(), PDF)
        await assert_still_reads(parser)
    assert not isinstance(outcome, Exception), outcome
    document = outcome
    assert document.warnings == (OCR_WARNING,)
    assert (document.contact.name, document.contact.email, document.contact.phone) == (
        "Jane Roe",
        "jane.roe@example.com",
        "(555) 010-2030",
    )
    assert [s.kind for s in document.sections] == [
        SectionKind.CONTACT,
        SectionKind.EXPERIENCE,
        SectionKind.EDUCATION,
        SectionKind.SKILLS,
    ]
    assert [(e.employer, e.title, e.start, e.end) for e in document.experience] == [
        ("Acme Corp", "Senior Engineer", "2020-01", "present"),
        ("Beta LLC", "Engineer", "2016-06", "2019-12"),
    ]
    assert document.experience[1].bullets == ("Built the billing service in Go",)
    assert [(e.institution, e.end) for e in document.education] == [("State University", "2016")]
    assert {"Python", "Go", "Kubernetes", "PostgreSQL"} <= set(document.skills)
    assert all(section.confidence <= OCR_CONFIDENCE for section in document.sections)


@needs_tesseract
async def test_only_the_sections_read_by_ocr_lose_confidence() -> None:
    async with StandardDocumentParser() as parser:
        document = await parser.parse(scans.text_then_scanned_pdf(), PDF)
    confidence = {section.kind: section.confidence for section in document.sections}
    assert confidence[SectionKind.EXPERIENCE] > OCR_CONFIDENCE
    assert confidence[SectionKind.EDUCATION] <= OCR_CONFIDENCE
    assert confidence[SectionKind.SKILLS] <= OCR_CONFIDENCE
    assert [e.institution for e in document.education] == ["State University"]
    assert OCR_WARNING in document.warnings


@needs_tesseract
async def test_a_blank_scan_is_no_text_even_after_ocr(parser: StandardDocumentParser) -> None:
    outcome = await parse_bounded(parser, scans.scanned_pdf([("", 1.0, False)]), PDF)
    assert error_code(outcome) == "no_text_layer"
    assert "OCR found no text" in str(outcome)


def test_when_ocr_fails_the_page_stays_unread() -> None:
    with pytest.raises(NoTextLayer):
        PdfiumPdfParser(ocr=FailingOcr()).read(scans.scanned_pdf())  # type: ignore[arg-type]


def test_ocr_can_be_required_refused_or_used_when_available(monkeypatch: pytest.MonkeyPatch) -> None:
    assert find_ocr_engine(False) is None
    monkeypatch.setattr(ocr_module, "tesseract_available", lambda: False)
    assert find_ocr_engine(None) is None
    with pytest.raises(RuntimeError, match="OCR was required"):
        find_ocr_engine(True)
    monkeypatch.setattr(ocr_module, "tesseract_available", lambda: True)
    assert find_ocr_engine(None) is not None
