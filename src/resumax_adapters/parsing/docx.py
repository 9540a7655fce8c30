"""DocxParser: Word documents read with python-docx, after checking the archive is safe to open.

The archive is checked before python-docx sees it (python-docx reads every member with no size cap):
at most ``MAX_ENTRIES`` entries and ``MAX_TOTAL_BYTES`` uncompressed, no entry over 64 KiB that expands
more than ``MAX_RATIO`` times, no absolute or ``..`` names, ``word/document.xml`` and ``[Content_Types].xml``
present, no two entries overlapping or sharing a name, no symbolic links, and no part python-docx may parse
declaring a DOCTYPE (entity expansion, external entities), in any encoding. XML nested deeper than libxml2's
limit is refused too.

Lines come in document order: headers, then the body (paragraphs, table rows, text boxes, content
controls), then footers. A table row whose cells hold one paragraph each is one line, cells joined with
``" | "``; a layout table (cells with several paragraphs) is read cell by cell. Paragraphs are whole: each
line of a paragraph after the first is a manual line break.
"""

from __future__ import annotations

import io
import itertools
import re
import stat
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from resumax_adapters.parsing.links import with_profile_links
from resumax_adapters.parsing.sniff import MAX_ZIP_ENTRIES, zip_entry_count
from resumax_core.analysis.facts import build_document
from resumax_core.analysis.text import clean_line, strip_bullet
from resumax_core.entities import ParsedDocument, TextLine
from resumax_core.errors import (
    CorruptDocument,
    EmptyDocument,
    EncryptedDocument,
    ParseLimitExceeded,
    UnsafeDocument,
)

MAX_ENTRIES = MAX_ZIP_ENTRIES
DEFAULT_MAX_CHARS = 400_000
MAX_TOTAL_BYTES = 50 * 1024 * 1024
MAX_RATIO = 100
_RATIO_FLOOR = 64 * 1024
_REQUIRED = ("word/document.xml", "[Content_Types].xml")
_BINARY_SUFFIXES = (
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".bmp",
    ".tif",
    ".tiff",
    ".emf",
    ".wmf",
    ".ico",
    ".webp",
    ".bin",
    ".odttf",
    ".ttf",
    ".otf",
    ".fntdata",
    ".wdp",
    ".jfif",
)
_DOCTYPE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_PAGE_NUMBER = re.compile(r"(?:page\s*)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?", re.IGNORECASE)
_W_P, _W_TBL, _W_SDT, _W_SDT_CONTENT = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:sdtContent")
_W_TXBX = qn("w:txbxContent")
_W_R = qn("w:r")
_INLINE_CONTAINERS = frozenset(
    qn(tag)
    for tag in (
        "w:hyperlink",
        "w:ins",
        "w:sdt",
        "w:sdtContent",
        "w:smartTag",
        "w:fldSimple",
        "w:customXml",
        "w:moveTo",
    )
)


def check_archive(data: bytes) -> None:
    """Raise ``UnsafeDocument``, ``EncryptedDocument`` or ``CorruptDocument`` unless ``data`` is a DOCX
    archive safe to open (see the module docstring); reads only what it needs to decide."""
    declared = zip_entry_count(data)
    if declared is not None and declared > MAX_ENTRIES:
        raise UnsafeDocument("The DOCX archive has too many entries.", details={"entries": declared})
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            _check_entries(entries)
            if any(entry.flag_bits & 0x1 for entry in entries):
                raise EncryptedDocument()
            for entry in entries:
                if _may_be_xml(entry.filename):
                    with archive.open(entry) as member:
                        content = member.read(MAX_TOTAL_BYTES + 1)
                    if _declares_entities(content):
                        raise UnsafeDocument("The document declares XML entities, which resuMAX refuses.")
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
        NotImplementedError,
    ) as exc:
        raise CorruptDocument("The DOCX file is damaged or truncated.") from exc


def _check_entries(entries: list[zipfile.ZipInfo]) -> None:
    """The central directory alone: entry count, names, links, sizes, ratios, overlaps, required parts."""
    if len(entries) > MAX_ENTRIES:
        raise UnsafeDocument("The DOCX archive has too many entries.", details={"entries": len(entries)})
    total = 0
    names: set[str] = set()
    for entry in entries:
        name = entry.filename
        parts = name.replace("\\", "/").split("/")
        if name.startswith(("/", "\\")) or ".." in parts or re.match(r"^[A-Za-z]:", name):
            raise UnsafeDocument("The DOCX archive has an entry outside the document.")
        if entry.create_system == 3 and stat.S_ISLNK(entry.external_attr >> 16):
            raise UnsafeDocument("The DOCX archive holds a symbolic link.")
        if name in names:
            raise UnsafeDocument("The DOCX archive names one entry twice.")
        names.add(name)
        total += entry.file_size
        if total > MAX_TOTAL_BYTES:
            raise UnsafeDocument("The DOCX archive expands to more than allowed.")
        if entry.file_size > _RATIO_FLOOR and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            raise UnsafeDocument("The DOCX archive has an entry that expands suspiciously much.")
    ordered = sorted(entries, key=lambda entry: entry.header_offset)
    for previous, following in itertools.pairwise(ordered):
        encoding = "utf-8" if previous.flag_bits & 0x800 else "cp437"
        name_length = len(previous.orig_filename.encode(encoding, errors="replace"))
        end = previous.header_offset + 30 + name_length + previous.compress_size
        if following.header_offset < end:
            raise UnsafeDocument("The DOCX archive has entries that overlap (a zip bomb).")
    missing = [name for name in _REQUIRED if name not in names]
    if missing:
        raise CorruptDocument("The file is not a complete Word document.", details={"missing": missing})


def _declares_entities(content: bytes) -> bool:
    if _DOCTYPE.search(content):
        return True
    # UTF-16 and UTF-32 XML interleave NULs with the ASCII of the markup.
    return b"\0" in content[:64] and _DOCTYPE.search(content.replace(b"\0", b"")) is not None


def _may_be_xml(name: str) -> bool:
    """Every part python-docx might parse: anything but media it only copies."""
    return not name.lower().endswith(_BINARY_SUFFIXES)


class DocxParser:
    """Reads .docx files. Raises ``UnsafeDocument``, ``EncryptedDocument``, ``CorruptDocument``,
    ``EmptyDocument`` or ``ParseLimitExceeded`` (more than ``max_chars`` of text)."""

    def __init__(self, *, max_chars: int = DEFAULT_MAX_CHARS) -> None:
        self.max_chars = max_chars

    def read(self, data: bytes) -> ParsedDocument:
        """Parse a DOCX into a ParsedDocument (blocking; run it in a worker thread or process)."""
        lines, uris = self.read_lines(data)
        return with_profile_links(build_document(lines, source_format="docx", pages=1), uris)

    def read_lines(self, data: bytes) -> tuple[list[TextLine], list[str]]:
        """The document's lines in reading order (see the module docstring) and its hyperlinks' targets."""
        check_archive(data)
        try:
            document = docx.Document(io.BytesIO(data))
            reader = _Reader(document)
            lines = reader.lines()
            uris = [
                rel.target_ref
                for rel in document.part.rels.values()
                if rel.is_external and rel.reltype == RT.HYPERLINK
            ]
        except etree.XMLSyntaxError as exc:
            if "depth" in str(exc).lower():
                raise UnsafeDocument("The document's XML is nested too deeply.") from exc
            raise CorruptDocument("The DOCX file is damaged and cannot be read.") from exc
        except (
            PackageNotFoundError,
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            KeyError,
            ValueError,
            IndexError,
            AttributeError,
        ) as exc:
            raise CorruptDocument("The DOCX file is damaged and cannot be read.") from exc
        if not any(line.text for line in lines):
            raise EmptyDocument()
        if sum(len(line.text) for line in lines) > self.max_chars:
            raise ParseLimitExceeded(
                "The Word document holds far more text than a resume.", details={"maxChars": self.max_chars}
            )
        return lines, uris


class _Reader:
    def __init__(self, document: Any) -> None:
        self.document = document
        self.default_size = _default_size(document)
        self.seen_cells: set[int] = set()
        self._styles: dict[tuple[str, str | None], Any] = {}

    def _paragraph_style(self, paragraph: Paragraph) -> Any:
        """``paragraph.style``, cached: python-docx scans every style for the default on each call."""
        key = ("p", paragraph._p.style)
        if key not in self._styles:
            self._styles[key] = paragraph.style
        return self._styles[key]

    def _run_style(self, run: Run) -> Any:
        key = ("r", run._r.style)
        if key not in self._styles:
            self._styles[key] = run.style
        return self._styles[key]

    def lines(self) -> list[TextLine]:
        body = self.document.element.body
        header_lines: list[TextLine] = []
        footer_lines: list[TextLine] = []
        seen: set[str] = set()
        for section in self.document.sections:
            for part, target in (
                (section.first_page_header, header_lines),
                (section.header, header_lines),
                (section.footer, footer_lines),
            ):
                if part.is_linked_to_previous:
                    continue
                for line in self._container(part._element, part):
                    key = line.text.lower()
                    if key in seen or _PAGE_NUMBER.fullmatch(line.text):
                        continue
                    seen.add(key)
                    target.append(line)
        return header_lines + list(self._container(body, self.document)) + footer_lines

    def _container(self, element: Any, parent: Any) -> Iterator[TextLine]:
        for child in element.iterchildren():
            if child.tag == _W_P:
                yield from self._paragraph(Paragraph(child, parent))
            elif child.tag == _W_TBL:
                yield from self._table(Table(child, parent))
            elif child.tag == _W_SDT:
                for content in child.iterchildren(_W_SDT_CONTENT):
                    yield from self._container(content, parent)

    def _paragraph(self, paragraph: Paragraph) -> Iterator[TextLine]:
        paragraph_style = self._paragraph_style(paragraph)
        style = paragraph_style.name if paragraph_style is not None else None
        runs = list(_runs(paragraph._p, paragraph))
        text = "".join(run.text for run in runs)
        bullet = _has_numbering(paragraph, self._paragraph_style(paragraph))
        bold, size = self._look(paragraph, runs)
        for index, raw in enumerate(text.split("\n")):
            cleaned = clean_line(re.sub(r"\s*\t+\s*", " | ", raw.strip("\t ")))
            if not cleaned:
                continue
            glyph, rest = strip_bullet(cleaned)
            yield TextLine(
                text=rest if glyph else cleaned,
                size=size,
                bold=bold,
                bullet=(bullet and index == 0) or glyph,
                gap_before=1.0 if index == 0 else 0.0,
                style=style,
            )
        for box in paragraph._p.iter(_W_TXBX):
            if any(ancestor.tag == _MC_FALLBACK for ancestor in box.iterancestors()):
                continue
            yield from self._container(box, paragraph)

    def _table(self, table: Table) -> Iterator[TextLine]:
        for row in table.rows:
            cells: list[_Cell] = []
            for cell in row.cells:
                if id(cell._tc) not in {id(c._tc) for c in cells}:
                    cells.append(cell)
            simple = all(
                len([p for p in cell.paragraphs if p.text.strip()]) <= 1 and not cell.tables for cell in cells
            )
            if simple:
                texts = [clean_line(cell.text) for cell in cells]
                texts = [text for text in texts if text]
                if texts:
                    first = next(p for cell in cells for p in cell.paragraphs if p.text.strip())
                    bold, size = self._look(first, list(_runs(first._p, first)))
                    joined = " | ".join(texts)
                    glyph, rest = strip_bullet(joined)
                    yield TextLine(
                        text=rest if glyph else joined,
                        size=size,
                        bold=bold,
                        bullet=glyph or _has_numbering(first, self._paragraph_style(first)),
                        gap_before=1.0,
                    )
                continue
            for cell in cells:
                yield from self._container(cell._tc, cell)

    def _look(self, paragraph: Paragraph, runs: list[Run]) -> tuple[bool, float | None]:
        paragraph_style = self._paragraph_style(paragraph)
        style_bold = _style_value(paragraph_style, "bold")
        style_size = _style_value(paragraph_style, "size")
        total = bold_chars = 0
        sizes: dict[float, int] = {}
        for run in runs:
            length = len(run.text.strip())
            if not length:
                continue
            total += length
            bold = run.bold
            if bold is None:
                run_style = self._run_style(run)
                if run_style is not None:
                    bold = _style_value(run_style, "bold")
            if bold if bold is not None else style_bold:
                bold_chars += length
            size = run.font.size or style_size
            points = float(size.pt) if size is not None else self.default_size
            sizes[points] = sizes.get(points, 0) + length
        dominant = max(sizes, key=lambda key: sizes[key]) if sizes else self.default_size
        return total > 0 and bold_chars >= 0.6 * total, dominant


def _runs(element: Any, paragraph: Paragraph) -> Iterator[Run]:
    """The runs of a paragraph in order, including those inside links, content controls, fields and
    tracked insertions (python-docx's own ``Paragraph.text`` skips the last three)."""
    for child in element.iterchildren():
        if child.tag == _W_R:
            yield Run(child, paragraph)
        elif child.tag in _INLINE_CONTAINERS:
            yield from _runs(child, paragraph)


def _style_value(style: Any, name: str) -> Any:
    """A font property of a style, following its base styles; None when no style sets it."""
    depth = 0
    while style is not None and depth < 20:
        value = getattr(style.font, name, None)
        if value is not None:
            return value
        style = style.base_style
        depth += 1
    return None


def _has_numbering(paragraph: Paragraph, style: Any) -> bool:
    p_pr = paragraph._p.pPr
    num_pr = p_pr.numPr if p_pr is not None else None
    if num_pr is not None:
        num_id = getattr(num_pr, "numId", None)
        return num_id is None or num_id.val != 0
    depth = 0
    while style is not None and depth < 20:
        style_pr = style.element.pPr
        if style_pr is not None and style_pr.numPr is not None:
            return True
        style = style.base_style
        depth += 1
    return False


def _default_size(document: Any) -> float:
    normal = _style_value(document.styles["Normal"], "size") if "Normal" in document.styles else None
    if normal is not None:
        return float(normal.pt)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        size = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}")
        if size is not None and (value := size.get(qn("w:val"))) and value.isdigit():
            return int(value) / 2
    return 10.0
