"""The DocumentParser contract, held by every adapter (today StandardDocumentParser, with its worker
processes and in-thread; docling will join).

Each test builds its own input: a DOCX written with python-docx, PDFs written byte by byte (Helvetica text,
an empty /Encrypt dictionary, a truncated copy), plain text and Markdown, and hostile archives. The full
hostile-file corpus is in ``tests/hostile``.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import AsyncIterator, Callable
from typing import Any

import docx
import pytest
from docx.oxml import parse_xml
from docx.shared import Pt

from resumax_core.entities import ParsedDocument, SectionKind
from resumax_core.errors import (
    CorruptDocument,
    DocumentError,
    EmptyDocument,
    EncryptedDocument,
    FileTooLarge,
    FileTypeMismatch,
    NoTextLayer,
    TooManyPages,
    UnsafeDocument,
    UnsupportedFileType,
)
from resumax_core.ports.document_parser import DocumentParser

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEXT = "text/plain; charset=utf-8"
MARKDOWN = "text/markdown"

ParserFactory = Callable[..., DocumentParser]


def _standard(**limits: Any) -> Any:
    from resumax_adapters.parsing.standard import StandardDocumentParser

    return StandardDocumentParser(**limits)


def _standard_in_thread(**limits: Any) -> Any:
    from resumax_adapters.parsing.standard import StandardDocumentParser

    return StandardDocumentParser(isolate=False, **limits)


def _docling(**limits: Any) -> Any:
    pytest.importorskip(
        "docling", reason="docling is not installed (the docling extra; run `nox -s docling`)"
    )
    from resumax_adapters.parsing.docling_parser import DoclingDocumentParser

    return DoclingDocumentParser(**limits)


@pytest.fixture(
    params=[
        "standard",
        "standard-in-thread",
        # docling's standard PDF pipeline reads its own deprecated option when a layout model is on disk
        pytest.param(
            "docling",
            marks=pytest.mark.filterwarnings(
                "ignore:This field is deprecated. Use `generate_page_images=True`:DeprecationWarning"
            ),
        ),
    ]
)
async def make_parser(request: pytest.FixtureRequest) -> AsyncIterator[ParserFactory]:
    """A factory of the adapter under test, taking ``max_bytes`` / ``max_pages`` limits; every parser it
    made is closed after the test."""
    factories: dict[str, Callable[..., Any]] = {
        "standard": _standard,
        "standard-in-thread": _standard_in_thread,
        "docling": _docling,
    }
    made: list[Any] = []

    def make(**limits: Any) -> DocumentParser:
        parser = factories[request.param](**limits)
        made.append(parser)
        return parser  # type: ignore[no-any-return]

    yield make
    for parser in made:
        if hasattr(parser, "aclose"):
            await parser.aclose()


@pytest.fixture
def parser(make_parser: ParserFactory) -> DocumentParser:
    return make_parser()


# -- inputs -----------------------------------------------------------------------------------------------

RESUME = [
    ("Jane Roe", 22, True),
    ("jane.roe@example.com | (555) 010-2030 | Denver, CO", 10, False),
    ("Summary", 14, True),
    ("Platform engineer who ships reliable systems.", 10, False),
    ("Experience", 14, True),
    ("Senior Engineer | Acme Corp | Jan 2020 - Present", 10, True),
    ("- Cut cloud costs by 30%", 10, False),
    ("Engineer | Beta LLC | Jun 2016 - Dec 2019", 10, True),
    ("- Built the billing service", 10, False),
    ("Education", 14, True),
    ("BSc Computer Science | State University | 2012 - 2016", 10, False),
    ("Skills", 14, True),
    ("Python, Go, Kubernetes", 10, False),
]
KINDS = [
    SectionKind.CONTACT,
    SectionKind.SUMMARY,
    SectionKind.EXPERIENCE,
    SectionKind.EDUCATION,
    SectionKind.SKILLS,
]


def _escape(text: str) -> bytes:
    return text.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def make_pdf(
    pages: list[list[tuple[str, float, float, float, bool]]],
    *,
    encrypt: bool = False,
    links: tuple[str, ...] = (),
) -> bytes:
    """A PDF with Helvetica text lines ``(text, x, y, size, bold)`` per page; an empty page draws a line.
    ``links`` are web addresses of link annotations on the first page."""
    objects: list[bytes] = [b"", b""]
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    kids: list[int] = []
    for lines in pages:
        operators = [
            b"BT /%s %g Tf %g %g Td (%s) Tj ET" % (b"F2" if bold else b"F1", size, x, y, _escape(text))
            for text, x, y, size, bold in lines
        ]
        stream = b"\n".join(operators) or b"10 10 m 200 200 l S"
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        annots = b" ".join(
            b"<< /Type /Annot /Subtype /Link /Rect [72 %d 200 %d] /A << /S /URI /URI (%s) >> >>"
            % (700 - 20 * i, 710 - 20 * i, uri.encode())
            for i, uri in enumerate(links if not kids else ())
        )
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Annots [%s] "
            b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>" % (annots, len(objects))
        )
        kids.append(len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    trailer_extra = b""
    if encrypt:
        objects.append(b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -44 >>" % (b"11" * 32, b"22" * 32))
        trailer_extra = b" /Encrypt %d 0 R" % len(objects)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R%s /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        trailer_extra,
        b"ab" * 16,
        b"ab" * 16,
        xref,
    )
    return bytes(out)


def resume_pdf() -> bytes:
    lines = []
    y = 740.0
    for text, size, bold in RESUME:
        y -= size * 1.6 if size > 10 else 15
        bullet = text.startswith("- ")
        lines.append(("• " + text[2:] if bullet else text, 90.0 if bullet else 72.0, y, size, bold))
    return make_pdf([lines])


def resume_docx() -> bytes:
    document = docx.Document()
    for text, size, bold in RESUME:
        if size == 14:
            document.add_heading(text, level=1)
        elif text.startswith("- "):
            document.add_paragraph(text[2:], style="List Bullet")
        else:
            run = document.add_paragraph().add_run(text)
            run.bold = bold
            run.font.size = Pt(size)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def resume_text() -> bytes:
    lines = []
    for text, size, _ in RESUME:
        lines.extend(["", text.upper()] if size == 14 else [text])
    return "\n".join(lines).encode()


def resume_markdown() -> bytes:
    lines = []
    for text, size, _ in RESUME:
        lines.extend(["", f"## {text}", ""] if size == 14 else [f"# {text}" if size > 14 else text])
    return "\n".join(lines).encode()


def rezip(
    data: bytes, replace: dict[str, bytes] | None = None, extra: dict[str, bytes] | None = None
) -> bytes:
    """A copy of a zip archive with members replaced, removed (value b"") or added."""
    replace = replace or {}
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            content = replace.get(item.filename, source.read(item.filename))
            if item.filename in replace and not content:
                continue
            target.writestr(item.filename, content)
        for name, content in (extra or {}).items():
            target.writestr(name, content)
    return out.getvalue()


# -- behaviour ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "media_type", "source_format"),
    [
        (resume_pdf, PDF, "pdf"),
        (resume_docx, DOCX, "docx"),
        (resume_text, TEXT, "text"),
        (resume_markdown, MARKDOWN, "markdown"),
    ],
)
async def test_reads_sections_contact_and_dates(
    parser: DocumentParser, make: Callable[[], bytes], media_type: str, source_format: str
) -> None:
    document = await parser.parse(make(), media_type)
    assert isinstance(document, ParsedDocument)
    assert document.source_format == source_format
    assert [section.kind for section in document.sections] == KINDS
    assert document.contact.email == "jane.roe@example.com"
    assert document.contact.phone == "(555) 010-2030"
    assert document.contact.name is not None and document.contact.name.lower() == "jane roe"
    roles = [(e.employer, e.title, e.start, e.end) for e in document.experience]
    assert roles == [
        ("Acme Corp", "Senior Engineer", "2020-01", "present"),
        ("Beta LLC", "Engineer", "2016-06", "2019-12"),
    ]
    assert document.experience[0].bullets == ("Cut cloud costs by 30%",)
    assert [(e.institution, e.start, e.end) for e in document.education] == [
        ("State University", "2012", "2016")
    ]
    assert {"Python", "Go", "Kubernetes"} <= set(document.skills)


async def test_pdf_pages_are_counted_and_page_numbers_dropped(parser: DocumentParser) -> None:
    page = [("Experience", 72, 700, 14, True), ("Dev | Acme | 2020 - 2021", 72, 680, 10, False)]
    data = make_pdf(
        [[*page, ("1", 300, 30, 9, False)], [("Skills", 72, 700, 14, True), ("2", 300, 30, 9, False)]]
    )
    document = await parser.parse(data, PDF)
    assert document.pages == 2
    assert "1" not in document.text.split("\n") and "2" not in document.text.split("\n")


async def test_undeclared_type_is_detected(parser: DocumentParser) -> None:
    document = await parser.parse(resume_pdf(), "application/octet-stream")
    assert document.source_format == "pdf"


@pytest.mark.parametrize(
    ("data", "media_type", "error"),
    [
        (b"", PDF, EmptyDocument),
        (b"  \n\t ", TEXT, EmptyDocument),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", PDF, FileTypeMismatch),
        (b"Just some text", "image/png", UnsupportedFileType),
        (b"\x00\x01\x02binary", "application/octet-stream", UnsupportedFileType),
    ],
)
async def test_rejects_empty_and_unsupported_input(
    parser: DocumentParser, data: bytes, media_type: str, error: type[DocumentError]
) -> None:
    with pytest.raises(error):
        await parser.parse(data, media_type)


async def test_pdf_declared_as_docx_is_a_mismatch(parser: DocumentParser) -> None:
    with pytest.raises(FileTypeMismatch) as caught:
        await parser.parse(resume_pdf(), DOCX)
    assert caught.value.code == "file_type_mismatch"


async def test_docx_declared_as_pdf_and_text_declared_as_pdf_are_mismatches(parser: DocumentParser) -> None:
    for data in (resume_docx(), resume_text()):
        with pytest.raises(FileTypeMismatch):
            await parser.parse(data, PDF)


async def test_truncated_pdf_is_corrupt(parser: DocumentParser) -> None:
    data = resume_pdf()
    with pytest.raises(CorruptDocument) as caught:
        await parser.parse(data[: len(data) // 2], PDF)
    assert caught.value.code == "corrupt_document"


async def test_garbage_after_pdf_header_is_corrupt(parser: DocumentParser) -> None:
    with pytest.raises(CorruptDocument):
        await parser.parse(b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n", PDF)


async def test_encrypted_pdf(parser: DocumentParser) -> None:
    with pytest.raises(EncryptedDocument) as caught:
        await parser.parse(make_pdf([[("Secret", 72, 700, 10, False)]], encrypt=True), PDF)
    assert caught.value.code == "encrypted_document"


async def test_pdf_without_text_needs_ocr(parser: DocumentParser) -> None:
    with pytest.raises(NoTextLayer) as caught:
        await parser.parse(make_pdf([[], []]), PDF)
    assert "ocr" in caught.value.message.lower()


async def test_pdf_zip_polyglot_is_rejected(parser: DocumentParser) -> None:
    payload = io.BytesIO()
    with zipfile.ZipFile(payload, "w") as archive:
        archive.writestr("evil.txt", "hidden")
    with pytest.raises(FileTypeMismatch):
        await parser.parse(resume_pdf() + payload.getvalue(), PDF)


async def test_limits(make_parser: ParserFactory) -> None:
    with pytest.raises(FileTooLarge):
        await make_parser(max_bytes=1000).parse(b"x" * 1001, TEXT)
    pages = [[("Experience", 72, 700, 12, True)]] * 3
    with pytest.raises(TooManyPages):
        await make_parser(max_pages=2).parse(make_pdf(pages), PDF)
    assert (await make_parser(max_pages=3).parse(make_pdf(pages), PDF)).pages == 3


async def test_zip_with_parent_directory_names_is_unsafe(parser: DocumentParser) -> None:
    data = rezip(resume_docx(), extra={"../../evil.txt": b"x"})
    with pytest.raises(UnsafeDocument) as caught:
        await parser.parse(data, DOCX)
    assert caught.value.code == "unsafe_document"


async def test_docx_with_entity_declarations_is_unsafe(parser: DocumentParser) -> None:
    original = resume_docx()
    with zipfile.ZipFile(io.BytesIO(original)) as archive:
        xml = archive.read("word/document.xml")
    declaration, _, body = xml.partition(b"?>")
    bomb = (
        declaration + b'?><!DOCTYPE w:document [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">'
        b'<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' + body
    )
    with pytest.raises(UnsafeDocument):
        await parser.parse(rezip(original, replace={"word/document.xml": bomb}), DOCX)


async def test_docx_zip_bomb_entry_is_unsafe(parser: DocumentParser) -> None:
    data = rezip(resume_docx(), extra={"word/media/zeros.bin": b"\0" * (8 * 1024 * 1024)})
    with pytest.raises(UnsafeDocument):
        await parser.parse(data, DOCX)


async def test_docx_missing_parts_is_corrupt(parser: DocumentParser) -> None:
    data = rezip(resume_docx(), replace={"[Content_Types].xml": b""})
    with pytest.raises(CorruptDocument):
        await parser.parse(data, DOCX)


async def test_truncated_docx_is_corrupt(parser: DocumentParser) -> None:
    data = resume_docx()
    with pytest.raises(CorruptDocument):
        await parser.parse(data[: len(data) // 2], DOCX)


async def test_zip_that_is_not_a_word_document(parser: DocumentParser) -> None:
    payload = io.BytesIO()
    with zipfile.ZipFile(payload, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(FileTypeMismatch):
        await parser.parse(payload.getvalue(), DOCX)


async def test_docx_tables_and_headers_are_read(parser: DocumentParser) -> None:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Jane Roe | jane.roe@example.com"
    document.add_heading("Skills", level=1)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Languages: Python"
    table.cell(0, 1).text = "Go"
    table.cell(1, 0).text = "Cloud: AWS"
    table.cell(1, 1).text = "GCP"
    buffer = io.BytesIO()
    document.save(buffer)
    parsed = await parser.parse(buffer.getvalue(), DOCX)
    assert parsed.contact.email == "jane.roe@example.com"
    assert {"Python", "Go", "AWS", "GCP"} <= set(parsed.skills)


async def test_utf16_text_and_unicode_survive(parser: DocumentParser) -> None:
    text = "Zoë Çelik\nzoe@example.com\n\nEDUCATION\nBS | Boğaziçi University | 2014 - 2018\n"
    document = await parser.parse(text.encode("utf-16"), TEXT)
    assert document.contact.name == "Zoë Çelik"
    assert document.education[0].institution == "Boğaziçi University"


def _docx_with_body_xml(*fragments: str) -> bytes:
    """A DOCX whose body gets raw WordprocessingML paragraphs (text boxes, tracked changes...)."""
    namespaces = (
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml"'
    )
    document = docx.Document()
    body = document.element.body
    for fragment in fragments:
        body.insert(len(body) - 1, parse_xml(fragment.replace("<w:p>", f"<w:p {namespaces}>", 1)))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


async def test_docx_text_boxes_and_tracked_insertions_are_read(parser: DocumentParser) -> None:
    data = _docx_with_body_xml(
        "<w:p><w:r><w:t>Jane Roe</w:t></w:r></w:p>",
        "<w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent>"
        "<w:p><w:r><w:t>jane.roe@example.com</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>",
        "<w:p><w:r><w:t>EXPERIENCE</w:t></w:r></w:p>",
        '<w:p><w:ins w:id="1" w:author="a">'
        "<w:r><w:t>Engineer | Acme Corp | 2019 - 2021</w:t></w:r></w:ins></w:p>",
    )
    document = await parser.parse(data, DOCX)
    assert document.contact.email == "jane.roe@example.com"
    assert [(e.employer, e.start, e.end) for e in document.experience] == [("Acme Corp", "2019", "2021")]


@pytest.mark.parametrize(
    ("make", "media_type"), [(resume_pdf, PDF), (resume_docx, DOCX), (resume_text, TEXT)]
)
async def test_mangled_files_fail_only_with_document_errors(
    parser: DocumentParser, make: Callable[[], bytes], media_type: str
) -> None:
    import random

    original = make()
    generator = random.Random(20240101)
    for _ in range(40):
        data = bytearray(original)
        if generator.random() < 0.3:
            data = data[: generator.randrange(len(data))]
        else:
            for _ in range(generator.randint(1, 12)):
                data[generator.randrange(len(data))] = generator.randrange(256)
        try:
            document = await parser.parse(bytes(data), media_type)
        except DocumentError:
            continue
        assert document.sections


async def test_profile_links_behind_words_are_read(parser: DocumentParser) -> None:
    """Templates often show "LinkedIn" or an icon and keep the address in the hyperlink."""
    lines = [("Jane Roe", 72, 740, 20, True)]
    lines += [("LinkedIn | GitHub | jane.roe@example.com", 72, 700, 10, False)]
    lines += [("Experience", 72, 660, 14, True), ("Engineer | Acme Corp | 2019 - 2021", 72, 640, 10, False)]
    links = ("https://www.linkedin.com/in/janeroe/", "https://github.com/janeroe", "https://acme.example/")
    document = await parser.parse(make_pdf([lines], links=links), PDF)
    assert document.contact.links == ("linkedin.com/in/janeroe", "github.com/janeroe")

    word = docx.Document()
    word.add_paragraph("Jane Roe")
    word.add_paragraph("jane.roe@example.com")
    relation = word.part.relate_to(
        "https://linkedin.com/in/janeroe",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
        is_external=True,
    )
    word.add_paragraph()._p.append(
        parse_xml(
            '<w:hyperlink xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
            f'r:id="{relation}"><w:r><w:t>LinkedIn</w:t></w:r></w:hyperlink>'
        )
    )
    word.add_heading("Experience", level=1)
    word.add_paragraph("Engineer | Acme Corp | 2019 - 2021")
    buffer = io.BytesIO()
    word.save(buffer)
    document = await parser.parse(buffer.getvalue(), DOCX)
    assert document.contact.links == ("linkedin.com/in/janeroe",)
