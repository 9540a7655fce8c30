"""Hostile PDFs (SECURITY.md, "Hostile files to generate in tests"): each gets its own clear error within
the bound, nothing it carries runs, and the parser keeps working afterwards."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from resumax_adapters.parsing.standard import StandardDocumentParser
from tests.hostile import pdf_files
from tests.hostile.harness import PDF, assert_still_reads, error_code, parse_bounded

REFUSED: list[tuple[str, Callable[[], bytes], str]] = [
    ("flate bomb (2 GiB of spaces)", pdf_files.flate_bomb, "parse_limit_exceeded"),
    ("20 million characters from 60 KB", pdf_files.text_bomb, "parse_limit_exceeded"),
    ("form XObject drawing itself 8 times", pdf_files.recursive_xobjects, "parse_limit_exceeded"),
    ("page tree loop", pdf_files.page_tree_loop, "corrupt_document"),
    ("page tree claiming a million pages", lambda: pdf_files.page_tree_loop(1_000_000), "too_many_pages"),
    ("xref sections pointing at each other, nothing else", pdf_files.xref_loop_only, "corrupt_document"),
    ("garbage after %PDF", pdf_files.garbage_after_header, "corrupt_document"),
    ("no %%EOF", pdf_files.without_eof, "corrupt_document"),
    ("encrypted", pdf_files.encrypted, "encrypted_document"),
    ("PDF/ZIP polyglot", pdf_files.zip_polyglot, "file_type_mismatch"),
    ("21 pages", lambda: pdf_files.pages(21), "too_many_pages"),
]


@pytest.mark.parametrize(("make", "code"), [(m, c) for _, m, c in REFUSED], ids=[n for n, _, _ in REFUSED])
async def test_hostile_pdf_is_refused_with_its_code(
    parser: StandardDocumentParser, make: Callable[[], bytes], code: str
) -> None:
    outcome = await parse_bounded(parser, make(), PDF)
    assert error_code(outcome) == code
    if code == "parse_limit_exceeded":
        assert "1024 MB of memory" in str(outcome)
    await assert_still_reads(parser)


READABLE: list[tuple[str, Callable[[], bytes]]] = [
    ("xref loop after a good body (PDFium rebuilds the table)", pdf_files.xref_loop),
    ("an image declaring 200000 x 200000 pixels", pdf_files.huge_image),
    ("JavaScript on open and a launch action", pdf_files.javascript),
    ("20 pages", lambda: pdf_files.pages(20)),
]


@pytest.mark.parametrize("make", [m for _, m in READABLE], ids=[n for n, _ in READABLE])
async def test_survivable_pdf_is_read(parser: StandardDocumentParser, make: Callable[[], bytes]) -> None:
    outcome = await parse_bounded(parser, make(), PDF)
    assert not isinstance(outcome, Exception), outcome
    assert outcome.sections
    assert "pwned" not in outcome.text and "/bin/sh" not in outcome.text
    await assert_still_reads(parser)


async def test_javascript_is_never_run_and_the_resume_is_read(parser: StandardDocumentParser) -> None:
    document = await parser.parse(pdf_files.javascript(), PDF)
    assert document.contact.email == "jane.roe@example.com"
    assert [e.employer for e in document.experience] == ["Acme Corp"]


async def test_page_numbers_beyond_the_limit_are_counted_before_reading(
    parser: StandardDocumentParser,
) -> None:
    outcome = await parse_bounded(parser, pdf_files.pages(21), PDF)
    assert error_code(outcome) == "too_many_pages"
    assert outcome.details == {"pages": 21, "maxPages": 20}  # type: ignore[union-attr]
