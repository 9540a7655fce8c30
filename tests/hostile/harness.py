"""Shared checks of the hostile-file tests: a bounded parse, and proof the parser still works after it."""

from __future__ import annotations

import time

from resumax_adapters.parsing.standard import StandardDocumentParser
from resumax_core.entities import ParsedDocument
from resumax_core.errors import DocumentError
from tests.hostile import docx_files, pdf_files

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEXT = "text/plain"
BOUND_SECONDS = 30.0
"""Every hostile file is answered within this, on a slow CI machine too (most take milliseconds)."""


async def parse_bounded(
    parser: StandardDocumentParser, data: bytes, media_type: str
) -> ParsedDocument | DocumentError:
    """The document or the DocumentError the parser answered with, checked to come within the bound."""
    started = time.monotonic()
    try:
        outcome: ParsedDocument | DocumentError = await parser.parse(data, media_type)
    except DocumentError as exc:
        outcome = exc
    elapsed = time.monotonic() - started
    assert elapsed < BOUND_SECONDS, f"took {elapsed:.1f} s"
    return outcome


async def assert_still_reads(parser: StandardDocumentParser) -> None:
    """A normal PDF and DOCX still parse with the same parser (its workers survived or were replaced)."""
    for data, media_type in ((pdf_files.resume(), PDF), (docx_files.resume(), DOCX)):
        document = await parser.parse(data, media_type)
        assert document.contact.email == "jane.roe@example.com"
        assert [(e.employer, e.start, e.end) for e in document.experience] == [("Acme Corp", "2019", "2021")]


def error_code(outcome: ParsedDocument | DocumentError) -> str:
    assert isinstance(outcome, DocumentError), f"parsed instead of failing: {outcome!r}"[:300]
    assert outcome.message and outcome.message != DocumentError.default_message
    return outcome.code
