"""The DocumentRenderer contract: every template in every format is valid, readable back as the same
text in the same order, safe with hostile text, and refuses unknown templates.

PDFs are read back with pypdfium2, DOCX with python-docx, text as strict UTF-8.
"""

from __future__ import annotations

import asyncio
import io
import logging
import socket
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any

import pypdfium2 as pdfium
import pytest
from docx import Document

from resumax_adapters.rendering.pdf import XhtmlPdfRenderer
from resumax_adapters.rendering.standard import StandardDocumentRenderer
from resumax_adapters.rendering.templates import TEMPLATES
from resumax_core.entities import (
    Block,
    BlockKind,
    Contact,
    ExportFormat,
    ParsedDocument,
    Section,
    SectionKind,
)
from resumax_core.errors import InvalidInput

B, E, T = BlockKind.BULLET, BlockKind.ENTRY, BlockKind.TEXT
STANDARD_HEADINGS = {SectionKind.EDUCATION: "Education", SectionKind.SKILLS: "Skills"}
TEMPLATE_NAMES = list(TEMPLATES)
FORMATS = list(ExportFormat)
COMBINATIONS = [(template, fmt) for template in TEMPLATE_NAMES for fmt in FORMATS]
COMBINATION_IDS = [f"{template}-{fmt.value}" for template, fmt in COMBINATIONS]


def resume(*, roles: int = 2, bullets: int = 3, extra_sections: Iterable[Section] = ()) -> ParsedDocument:
    experience: list[Block] = []
    for role in range(roles):
        experience.append(Block(E, f"Senior Data Engineer, Müller & Söhne GmbH {role} – Berlin | 2019–2023"))
        experience.extend(
            Block(
                B,
                f"Built pipeline {role}.{n} in Python and Kafka, cut latency by {n + 10}% for 40 analysts",
            )
            for n in range(bullets)
        )
    return ParsedDocument(
        sections=(
            Section(
                SectionKind.CONTACT,
                "",
                (
                    Block(T, "Jane Müller"),
                    Block(T, "jane@example.com | +49 30 1234567"),
                    Block(T, "Data engineer"),
                ),
            ),
            Section(
                SectionKind.SUMMARY,
                "Profile",
                (Block(T, "Eight years of reliable pipelines; see https://github.com/jane."),),
            ),
            Section(SectionKind.EXPERIENCE, "Work Experience", tuple(experience)),
            Section(SectionKind.EDUCATION, "", (Block(E, "M.Sc. Computer Science, TU München – 2015"),)),
            Section(SectionKind.SKILLS, "Skills", (Block(T, "Python • SQL • Kafka • Spark"),)),
            *extra_sections,
        ),
        contact=Contact(
            name="Jane Müller",
            email="jane@example.com",
            phone="+49 30 1234567",
            links=("linkedin.com/in/jane-mueller",),
        ),
    )


def normalized(text: str) -> str:
    return " ".join(text.split())


def pdf_pages(data: bytes) -> list[str]:
    document = pdfium.PdfDocument(data)
    try:
        pages: list[str] = []
        for page in document:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return pages
    finally:
        document.close()


def docx_paragraphs(data: bytes) -> list[Any]:
    return list(Document(io.BytesIO(data)).paragraphs)


def extracted_text(fmt: ExportFormat, data: bytes) -> str:
    """What a reader of the file sees, whitespace-normalized."""
    if fmt is ExportFormat.PDF:
        assert data.startswith(b"%PDF-")
        return normalized("\n".join(pdf_pages(data)))
    if fmt is ExportFormat.DOCX:
        return normalized("\n".join(paragraph.text for paragraph in docx_paragraphs(data)))
    return normalized(data.decode("utf-8"))


def assert_in_order(text: str, expected: Iterable[str], *, fold: bool = False) -> None:
    """Each expected string occurs in ``text`` after the previous one."""
    haystack = text.casefold() if fold else text
    position = 0
    for item in expected:
        needle = normalized(item.casefold() if fold else item)
        found = haystack.find(needle, position)
        assert found >= 0, f"{item!r} missing (or out of order) after position {position}"
        position = found + len(needle)


def expected_lines(document: ParsedDocument) -> Iterator[str]:
    """The name, then every section's heading and blocks in reading order; a section written without a
    heading gets the standard one for its kind."""
    yield "Jane Müller"
    for section in document.sections:
        if section.kind is SectionKind.CONTACT:
            continue
        yield section.heading or STANDARD_HEADINGS[section.kind]
        yield from (block.text for block in section.blocks)


@pytest.fixture
def renderer() -> StandardDocumentRenderer:
    return StandardDocumentRenderer()


# --- every template x format ---------------------------------------------------------------------------


@pytest.mark.parametrize(("template", "fmt"), COMBINATIONS, ids=COMBINATION_IDS)
async def test_output_holds_every_line_in_reading_order(
    renderer: StandardDocumentRenderer, template: str, fmt: ExportFormat
) -> None:
    document = resume()

    text = extracted_text(fmt, await renderer.render(document, fmt, template))

    assert_in_order(text, expected_lines(document), fold=True)
    assert_in_order(
        text, ["jane@example.com", "+49 30 1234567", "linkedin.com/in/jane-mueller", "Data engineer"]
    )


@pytest.mark.parametrize(("template", "fmt"), COMBINATIONS, ids=COMBINATION_IDS)
async def test_contact_lines_with_more_than_known_items_are_kept_whole(
    renderer: StandardDocumentRenderer, template: str, fmt: ExportFormat
) -> None:
    contact = Section(
        SectionKind.CONTACT,
        "",
        (
            Block(BlockKind.TEXT, "JOHN DOE"),
            Block(BlockKind.TEXT, "123 Main St, Anywhere, USA — (123) 456-7890 — john.doe@email.com"),
            Block(BlockKind.TEXT, "LinkedIn: linkedin.com/in/johndoe — GitHub: github.com/johndoe"),
        ),
    )
    document = ParsedDocument(
        sections=(contact,),
        contact=Contact(
            name="JOHN DOE",
            email="john.doe@email.com",
            phone="(123) 456-7890",
            location="Anywhere, USA",
            links=("linkedin.com/in/johndoe", "github.com/johndoe"),
        ),
    )

    text = extracted_text(fmt, await renderer.render(document, fmt, template))

    assert_in_order(text, ["123 Main St", "john.doe@email.com", "LinkedIn:", "GitHub: github.com/johndoe"])
    assert text.count("john.doe@email.com") == 1, "an item shown in a kept line is not repeated"


@pytest.mark.parametrize(("template", "fmt"), COMBINATIONS, ids=COMBINATION_IDS)
async def test_hostile_text_renders_literally_and_fetches_nothing(
    renderer: StandardDocumentRenderer, template: str, fmt: ExportFormat, monkeypatch: pytest.MonkeyPatch
) -> None:
    hostile = [
        '<img src="http://127.0.0.1:9/x" onerror="alert(1)">',
        "<para>not markup</para>",
        "</li></ul><h1>Injected</h1>",
        '<pdf:pagenumber/> <link rel="stylesheet" href="file:///etc/passwd">',
        "&amp; &lt; &#x41; \"double\" 'single'",
        '<a href="javascript:alert(1)">click</a>',
    ]
    document = resume(
        extra_sections=(
            Section(SectionKind.PROJECTS, "Projects <script>", tuple(Block(B, line) for line in hostile)),
            Section(SectionKind.OTHER, "Notes", (Block(T, "NUL\x00here \x1b[31m bell\x07 \u202egnp.exe"),)),
        )
    )

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the renderer tried to reach the network")

    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    data = await renderer.render(document, fmt, template)

    text = extracted_text(fmt, data)
    assert_in_order(text, [*hostile, "NULhere [31m bell gnp.exe"])
    assert "projects <script>" in text.casefold()
    if fmt is ExportFormat.PDF:
        assert b"javascript" not in data.lower()
    if fmt is ExportFormat.DOCX:
        targets = [link.address for paragraph in docx_paragraphs(data) for link in paragraph.hyperlinks]
        assert targets
        assert all(target.startswith(("http://", "https://", "mailto:")) for target in targets)


@pytest.mark.parametrize(("template", "fmt"), COMBINATIONS, ids=COMBINATION_IDS)
async def test_western_european_characters_survive(
    renderer: StandardDocumentRenderer, template: str, fmt: ExportFormat
) -> None:
    line = "Jörg Müller – „Straße“ • €5 … naïve façade Œuvre ü"
    document = resume(extra_sections=(Section(SectionKind.OTHER, "Notes", (Block(T, line), Block(B, line))),))

    text = extracted_text(fmt, await renderer.render(document, fmt, template))

    assert text.count(line) == 2


@pytest.mark.parametrize(("template", "fmt"), COMBINATIONS, ids=COMBINATION_IDS)
async def test_unknown_template_is_invalid_input(
    renderer: StandardDocumentRenderer, template: str, fmt: ExportFormat
) -> None:
    with pytest.raises(InvalidInput) as caught:
        await renderer.render(resume(), fmt, template + "-nope")
    assert caught.value.code == "invalid_input"
    assert caught.value.details == {"templates": TEMPLATE_NAMES}


@pytest.mark.parametrize("fmt", FORMATS, ids=[fmt.value for fmt in FORMATS])
async def test_an_empty_document_still_renders(renderer: StandardDocumentRenderer, fmt: ExportFormat) -> None:
    data = await renderer.render(ParsedDocument(sections=()), fmt)

    assert extracted_text(fmt, data) == ""


def test_templates_are_classic_then_modern(renderer: StandardDocumentRenderer) -> None:
    assert renderer.templates == ("classic", "modern")


async def test_no_template_means_the_first(renderer: StandardDocumentRenderer) -> None:
    text = (await renderer.render(resume(), ExportFormat.TEXT)).decode()

    assert text == (await renderer.render(resume(), ExportFormat.TEXT, "classic")).decode()


# --- PDF -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("template", TEMPLATE_NAMES)
async def test_a_long_resume_spans_pages_without_losing_text(
    renderer: StandardDocumentRenderer, template: str
) -> None:
    document = resume(roles=6, bullets=8)

    data = await renderer.render(document, ExportFormat.PDF, template)

    pages = pdf_pages(data)
    assert len(pages) >= 2
    assert_in_order(normalized("\n".join(pages)), expected_lines(document), fold=True)


@pytest.mark.parametrize("template", TEMPLATE_NAMES)
def test_headings_and_entry_lines_never_end_a_page(template: str) -> None:
    renderer = XhtmlPdfRenderer()
    entry = "Staff Engineer, Example Corp – 2020–2024"
    for filler in range(36, 52):
        document = ParsedDocument(
            sections=(
                Section(
                    SectionKind.SUMMARY, "Summary", tuple(Block(T, f"Filler line {n}") for n in range(filler))
                ),
                Section(
                    SectionKind.EXPERIENCE,
                    "Experience",
                    (Block(E, entry), Block(B, "First bullet of the role")),
                ),
            )
        )
        pages = pdf_pages(renderer.render(document, TEMPLATES[template]))
        for page in pages[:-1]:
            last_line = page.strip().splitlines()[-1].strip()
            assert last_line not in (entry, "Experience", "EXPERIENCE"), f"orphaned at {filler} filler lines"


@pytest.mark.parametrize("template", TEMPLATE_NAMES)
async def test_pdf_bullets_are_bullet_glyphs_and_links_are_links(
    renderer: StandardDocumentRenderer, template: str
) -> None:
    data = await renderer.render(resume(bullets=2), ExportFormat.PDF, template)

    text = normalized("\n".join(pdf_pages(data)))
    assert "• Built pipeline 0.0" in text
    assert b"/URI (mailto:jane@example.com)" in data
    assert b"/URI (https://linkedin.com/in/jane-mueller)" in data
    assert b"/URI (https://github.com/jane)" in data


async def test_pdf_embeds_no_font_for_western_text(renderer: StandardDocumentRenderer) -> None:
    data = await renderer.render(resume(), ExportFormat.PDF)

    assert b"/FontFile" not in data


async def test_pdf_draws_other_scripts_with_a_unicode_font() -> None:
    renderer = XhtmlPdfRenderer()
    if renderer.unicode_font is None:
        pytest.skip("no Unicode TrueType font installed (e.g. apt install fonts-dejavu-core)")
    line = "Łukasz Dvořák – Иван Петров – Αθήνα"
    document = resume(extra_sections=(Section(SectionKind.OTHER, "Notes", (Block(T, line), Block(E, line))),))

    data = await asyncio.to_thread(renderer.render, document, TEMPLATES["classic"])

    assert normalized("\n".join(pdf_pages(data))).count(line) == 2


async def test_pdf_vendor_logs_never_quote_the_resume(
    renderer: StandardDocumentRenderer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    canary = "canary-5d1e-private-resume-line"
    document = resume(
        extra_sections=(Section(SectionKind.OTHER, "Notes", (Block(T, f"{canary} 王 \U0001f600"),)),)
    )

    await renderer.render(document, ExportFormat.PDF)

    assert canary not in caplog.text


async def test_pdfs_render_concurrently(renderer: StandardDocumentRenderer) -> None:
    outputs = await asyncio.gather(
        *(renderer.render(resume(), ExportFormat.PDF, t) for t in TEMPLATE_NAMES * 2)
    )

    for data in outputs:
        assert_in_order(normalized("\n".join(pdf_pages(data))), expected_lines(resume()), fold=True)


def test_pdf_html_escapes_user_text() -> None:
    document = resume(
        extra_sections=(Section(SectionKind.OTHER, "Notes", (Block(T, '<img src=x onerror="y">'),)),)
    )

    html = XhtmlPdfRenderer().html(document, TEMPLATES["classic"])

    assert '<img src=x onerror="y">' not in html
    assert "&lt;img src=x onerror=&quot;y&quot;&gt;" in html


# --- DOCX ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("template", TEMPLATE_NAMES)
async def test_docx_uses_word_structure(renderer: StandardDocumentRenderer, template: str) -> None:
    data = await renderer.render(resume(bullets=2), ExportFormat.DOCX, template)

    paragraphs = docx_paragraphs(data)
    by_style: dict[str, list[str]] = {}
    for paragraph in paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
    assert by_style["Title"] == ["Jane Müller"]
    assert by_style["Heading 1"] == ["Profile", "Work Experience", "Education", "Skills"]
    assert by_style["List Bullet"][0].startswith("Built pipeline 0.0")
    assert len(by_style["List Bullet"]) == 4
    entries = [p for p in paragraphs if p.style.name == "Entry"]
    assert all(run.bold for p in entries for run in p.runs)
    assert all(p.paragraph_format.keep_with_next or p.style.paragraph_format.keep_with_next for p in entries)
    links = [link.address for p in paragraphs for link in p.hyperlinks]
    assert links == [
        "mailto:jane@example.com",
        "https://linkedin.com/in/jane-mueller",
        "https://github.com/jane",
    ]


async def test_docx_has_no_tables_images_or_symbol_font_bullets(renderer: StandardDocumentRenderer) -> None:
    data = await renderer.render(resume(), ExportFormat.DOCX)

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        body = archive.read("word/document.xml").decode()
        numbering = archive.read("word/numbering.xml").decode()
    assert not [name for name in names if name.startswith(("word/media/", "docProps/thumbnail"))]
    assert "<w:tbl>" not in body and "<w:drawing" not in body and "<w:txbxContent" not in body
    assert 'w:lvlText w:val="\u2022"' in numbering


# --- plain text ----------------------------------------------------------------------------------------


async def test_plain_text_layout(renderer: StandardDocumentRenderer) -> None:
    document = ParsedDocument(
        sections=(
            Section(SectionKind.CONTACT, "", (Block(T, "Ana Lima"), Block(T, "ana@example.com"))),
            Section(
                SectionKind.EXPERIENCE, "", (Block(E, "Analyst, Acme – 2021–2024"), Block(B, "Cut costs 12%"))
            ),
            Section(SectionKind.SKILLS, "Skills", (Block(T, "SQL, Python"),)),
        ),
        contact=Contact(name="Ana Lima", email="ana@example.com", location="Lisbon"),
    )

    classic = (await renderer.render(document, ExportFormat.TEXT, "classic")).decode("utf-8")
    modern = (await renderer.render(document, ExportFormat.TEXT, "modern")).decode("utf-8")

    assert classic == (
        "Ana Lima\nana@example.com | Lisbon\n\n"
        "EXPERIENCE\nAnalyst, Acme – 2021–2024\n• Cut costs 12%\n\n"
        "SKILLS\nSQL, Python\n"
    )
    assert modern == classic.replace("EXPERIENCE", "Experience").replace("SKILLS", "Skills")
