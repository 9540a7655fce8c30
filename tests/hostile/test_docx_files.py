"""Hostile DOCX archives (SECURITY.md, "Hostile files to generate in tests"): refused before python-docx
reads them, each with its own clear error, within the bound; the parser keeps working afterwards."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from resumax_adapters.parsing.docx import DocxParser
from resumax_adapters.parsing.standard import StandardDocumentParser
from resumax_core.errors import DocumentError
from tests.hostile import docx_files
from tests.hostile.harness import DOCX, assert_still_reads, error_code, parse_bounded

REFUSED: list[tuple[str, Callable[[], bytes], str]] = [
    ("ratio bomb: 40 MB of spaces in document.xml", docx_files.ratio_bomb, "unsafe_document"),
    ("100k entries", docx_files.many_entries, "unsafe_document"),
    ("overlapping entries", docx_files.overlapping_entries, "unsafe_document"),
    ("size declared small, data inflates to 8 MB", docx_files.lying_sizes, "corrupt_document"),
    ("size declared as 4 GB", docx_files.huge_declared_size, "unsafe_document"),
    ("billion laughs", docx_files.billion_laughs, "unsafe_document"),
    ("XXE file:///etc/passwd in document.xml", docx_files.xxe, "unsafe_document"),
    ("XXE in styles.xml", lambda: docx_files.xxe("word/styles.xml"), "unsafe_document"),
    ("XXE in UTF-16", lambda: docx_files.xxe(utf16=True), "unsafe_document"),
    ("XXE in [Content_Types].xml", lambda: docx_files.xxe("[Content_Types].xml"), "unsafe_document"),
    ("zip slip ../../", docx_files.zip_slip, "unsafe_document"),
    ("zip slip absolute", lambda: docx_files.zip_slip("/etc/cron.d/x"), "unsafe_document"),
    ("zip slip drive letter", lambda: docx_files.zip_slip("C:\\evil.txt"), "unsafe_document"),
    ("symbolic link entry", docx_files.symlink_entry, "unsafe_document"),
    ("XML nested 2000 elements deep", docx_files.deeply_nested, "unsafe_document"),
    ("a 50 MB run", docx_files.long_run, "unsafe_document"),
    ("truncated archive", docx_files.truncated, "corrupt_document"),
    ("encrypted entries", docx_files.encrypted_entries, "encrypted_document"),
    ("password-protected Word file", docx_files.ole_encrypted, "encrypted_document"),
    ("missing [Content_Types].xml", docx_files.missing_content_types, "corrupt_document"),
]


@pytest.mark.parametrize(("make", "code"), [(m, c) for _, m, c in REFUSED], ids=[n for n, _, _ in REFUSED])
async def test_hostile_docx_is_refused_with_its_code(
    parser: StandardDocumentParser, make: Callable[[], bytes], code: str
) -> None:
    assert error_code(await parse_bounded(parser, make(), DOCX)) == code
    await assert_still_reads(parser)


async def test_xxe_never_reads_the_file(parser: StandardDocumentParser) -> None:
    outcome = await parse_bounded(parser, docx_files.xxe(), DOCX)
    assert "root:" not in str(outcome)


async def test_a_run_of_text_far_beyond_a_resume_is_a_limit(parser: StandardDocumentParser) -> None:
    data = docx_files.long_run(megabytes=8, period=64 * 1024)
    assert len(data) < 10 * 1024 * 1024
    outcome = await parse_bounded(parser, data, DOCX)
    assert error_code(outcome) == "parse_limit_exceeded"


ZIPS = [case for case in REFUSED if case[1] is not docx_files.ole_encrypted]


@pytest.mark.parametrize(("make", "code"), [(m, c) for _, m, c in ZIPS], ids=[n for n, _, _ in ZIPS])
def test_the_docx_reader_refuses_them_in_process_too(make: Callable[[], bytes], code: str) -> None:
    """The archive checks, not the worker's limits, stop these (cheap, and safe without isolation)."""
    with pytest.raises(DocumentError) as caught:
        DocxParser().read(make())
    assert caught.value.code == code
