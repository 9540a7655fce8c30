"""DoclingDocumentParser: the DocumentParser port read with docling (the ``docling`` extra).

Input checks come before docling sees any byte: the standard parser's ``sniff`` (size, type, polyglots),
for Word files its DOCX archive check (``docx.check_archive``: zip bombs, entity declarations), and for
PDFs ``check_inflation`` (compressed page contents that inflate to gigabytes). docling runs in a thread of
this process, with no memory bound of its own: unlike the standard parser's worker processes, a hostile
PDF that gets past these checks (a form drawing itself recursively) costs this process's memory.

- DOCX goes through docling's Word backend (its simple, model-free pipeline). Its items become lines in
  document order: page headers first, then the body, then page footers; section headers carry a
  "Heading N" style, list items are bullets, bold runs are bold, and a table row is one line with its
  cells joined by ``" | "`` (a layout table, whose cells hold paragraphs of their own, is read cell by
  cell). Hyperlinks to profile sites become contact links.
- PDF goes through docling's standard pipeline (layout model, reading order, headings, tables) when the
  layout model is already on disk: in ``artifacts_path``, docling's own ``DOCLING_ARTIFACTS_PATH`` or the
  Hugging Face cache. Otherwise it goes through docling's model-free ``NativePdfPipeline``, whose words
  (with their boxes and fonts) are put in reading order by ``pdf_layout``, the layout code the standard
  parser uses, and the document gets the warning ``LAYOUT_UNAVAILABLE``. OCR stays off (docling's OCR
  engines fetch their models), so a PDF without a text layer raises ``NoTextLayer``.
- Plain text and Markdown are not docling's business: ``PlainTextParser`` reads them.

Nothing is ever downloaded: docling is always handed an artifacts folder (holding links to the models
found on disk), and with one it raises instead of fetching. docling is imported on first use, in a
worker thread, since importing it loads torch.
"""

from __future__ import annotations

import asyncio
import io
import logging
import os
import re
import shutil
import sys
import tempfile
import threading
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from resumax_adapters.parsing.docx import check_archive
from resumax_adapters.parsing.links import with_profile_links
from resumax_adapters.parsing.pdf_layout import Word, drop_running_lines, layout_page, to_text_lines
from resumax_adapters.parsing.sniff import DEFAULT_MAX_BYTES, sniff
from resumax_adapters.parsing.text import PlainTextParser
from resumax_core.analysis.facts import build_document
from resumax_core.analysis.text import LOST_GLYPH, clean_line, strip_bullet
from resumax_core.entities import ParsedDocument, TextLine
from resumax_core.errors import (
    CorruptDocument,
    EmptyDocument,
    EncryptedDocument,
    NoTextLayer,
    ParseLimitExceeded,
    TooManyPages,
    UnsafeDocument,
)

if TYPE_CHECKING:
    from docling.datamodel.document import ConversionResult
    from docling.document_converter import DocumentConverter
    from docling_core.types.doc import DoclingDocument, NodeItem

logger = logging.getLogger(__name__)

LAYOUT_UNAVAILABLE = "docling layout model unavailable offline; used its text-only PDF pipeline"
"""The warning on a PDF read without docling's layout model."""
NO_TEXT_LAYER = "The PDF has no text layer (a scan); docling's OCR is off here, so its pages cannot be read."
LOST_GLYPHS = "Some characters had no text mapping in the PDF and were guessed."
DEFAULT_MAX_CHARS = 400_000
MAX_INFLATED_BYTES = 16 * 1024 * 1024
"""The most a PDF's compressed page contents may inflate to (``check_inflation``)."""
TABLE_MODEL_REPO = "docling-project/docling-models"
"""Where docling keeps TableFormer; the standard pipeline recognises table structure only when it is on
disk (``do_table_structure``)."""

_ENCRYPT = re.compile(rb"/Encrypt\s*(?:\d+\s+\d+\s+R|<<)")
_STREAM = re.compile(rb"\bstream\r?\n")
_EXEMPT_STREAM = re.compile(rb"/Subtype\s*/(?:Image|Type1C|CIDFontType0C|OpenType)\b|/Length[123]\b")
"""Images and font programs: docling's text-only reading never inflates images, and fonts are parsed
glyph by glyph."""
_INFLATE_STEP = 1024 * 1024
_PAGE_NUMBER = re.compile(r"(?:page\s*)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?", re.IGNORECASE)
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|[-,]bd\b", re.IGNORECASE)
_PRIVATE_BULLETS = frozenset({0xF0B7, 0xF0A7, 0xF076, 0xF0D8, 0xF0FC, 0xF0A8, 0xF06E, 0xF0E0})
_CELL_SEPARATOR = " | "
_SOFT_HYPHEN = "\xad"
_HEADER_GROUP, _FOOTER_GROUP = "page header", "page footer"
_PIPELINE_ERRORS = (OSError, RuntimeError, ValueError, ImportError, KeyError)
"""What building docling's standard pipeline raises when a model is missing or unreadable (docling
wraps nothing: Hugging Face, transformers and torch errors come through as they are)."""
_CONVERSION_ERRORS = (
    RuntimeError,
    ValueError,
    KeyError,
    IndexError,
    AttributeError,
    TypeError,
    OSError,
    EOFError,
    zipfile.BadZipFile,
)
"""What docling's backends let escape on a damaged file even with ``raises_on_error=False``."""


@dataclass(slots=True)
class _Read:
    """A document's lines as docling gave them, before sections and facts are built."""

    lines: list[TextLine]
    pages: int = 1
    uris: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class DoclingDocumentParser:
    """Reads PDF and DOCX with docling, text and Markdown with ``PlainTextParser`` (see the module
    docstring).

    - ``max_bytes`` bounds the upload, ``max_pages`` a PDF's pages (``TooManyPages`` past it);
    - ``timeout`` (seconds, None for none) bounds reading one document: docling stops a PDF at it
      (``document_timeout``) and ``parse`` gives up waiting at it, raising ``ParseLimitExceeded``; a
      DOCX conversion that overruns is abandoned, not stopped, and finishes in its thread;
    - ``artifacts_path`` is a folder of docling models (as ``docling-tools models download`` lays it
      out), searched first; then ``DOCLING_ARTIFACTS_PATH`` and the Hugging Face cache are;
    - ``max_chars`` bounds the text of one document (``ParseLimitExceeded`` past it).

    Conversions run one at a time per parser, in a thread (docling's converters share pipeline state).
    ``close``/``aclose`` (or ``async with``) removes the folder of model links; a closed parser still
    works and builds its converters again.
    """

    def __init__(
        self,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_pages: int = 20,
        timeout: float | None = 60.0,
        artifacts_path: str | os.PathLike[str] | None = None,
        max_chars: int = DEFAULT_MAX_CHARS,
    ) -> None:
        self.max_bytes = max_bytes
        self.max_pages = max_pages
        self.timeout = timeout
        self.artifacts_path = Path(artifacts_path) if artifacts_path is not None else None
        self.max_chars = max_chars
        self._text = PlainTextParser()
        self._lock = threading.Lock()
        self._engine: _Engine | None = None

    @property
    def pdf_pipeline(self) -> str | None:
        """The PDF pipeline in use: "standard" (layout model) or "native" (text only); None before the
        first PDF."""
        engine = self._engine
        return engine.pdf_pipeline if engine is not None else None

    async def parse(self, data: bytes, media_type: str) -> ParsedDocument:
        """See ``resumax_core.ports.document_parser``: a document in reading order, or a DocumentError."""
        kind = await asyncio.to_thread(sniff, data, media_type, max_bytes=self.max_bytes)
        try:
            return await asyncio.wait_for(asyncio.to_thread(self.read, data, kind), self.timeout)
        except TimeoutError as exc:
            raise ParseLimitExceeded(
                f"Reading the document took longer than {self.timeout:g} s.",
                details={"limit": "time", "seconds": self.timeout},
            ) from exc

    def read(self, data: bytes, kind: str) -> ParsedDocument:
        """Read bytes already sniffed as ``kind`` ("pdf", "docx", "text", "markdown"); blocking."""
        if kind in ("text", "markdown"):
            return self._text.read(data, markdown=kind == "markdown")
        if kind == "docx":
            check_archive(data)
        else:
            check_inflation(data)
        with self._lock:
            engine = self._engine
            if engine is None:
                engine = self._engine = _Engine(self.artifacts_path, self.timeout)
            read = engine.read_pdf(data, self.max_pages) if kind == "pdf" else engine.read_docx(data)
        if not any(line.text for line in read.lines):
            if kind == "pdf":
                raise NoTextLayer(NO_TEXT_LAYER)
            raise EmptyDocument()
        if sum(len(line.text) for line in read.lines) > self.max_chars:
            raise ParseLimitExceeded(
                "The document holds far more text than a resume.", details={"maxChars": self.max_chars}
            )
        document = build_document(read.lines, source_format=kind, pages=read.pages, warnings=read.warnings)
        document = with_profile_links(document, read.uris)
        if not document.sections:
            raise EmptyDocument()
        return document

    def close(self) -> None:
        """Drop docling's converters and the folder of model links (blocking while a read runs)."""
        with self._lock:
            engine, self._engine = self._engine, None
        if engine is not None:
            engine.close()

    async def aclose(self) -> None:
        """``close`` without blocking the event loop."""
        await asyncio.to_thread(self.close)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()


class _Engine:
    """docling's converters, built on first use: one for DOCX, one for PDF with the pipeline chosen by
    which models are on disk."""

    def __init__(self, artifacts_path: Path | None, timeout: float | None) -> None:
        self._artifacts_path = artifacts_path
        self._timeout = timeout
        self._docx: DocumentConverter | None = None
        self._pdf: DocumentConverter | None = None
        self._links: Path | None = None
        self.pdf_pipeline: str | None = None

    def read_docx(self, data: bytes) -> _Read:
        if self._docx is None:
            from docling.datamodel.base_models import InputFormat
            from docling.document_converter import DocumentConverter

            self._docx = DocumentConverter(allowed_formats=[InputFormat.DOCX])
        result = _convert(self._docx, data, "docx", max_pages=None)
        if result.document is None:
            raise CorruptDocument("The DOCX file is damaged and cannot be read.")
        lines, uris = _item_lines(result.document, "docx")
        return _Read(lines, uris=uris)

    def read_pdf(self, data: bytes, max_pages: int) -> _Read:
        converter = self._pdf_converter()
        result = _convert(converter, data, "pdf", max_pages=max_pages)
        document = result.document
        pages = result.input.page_count or len(result.pages)
        if document is None:
            raise CorruptDocument()
        warnings = _page_failures(result)
        if self.pdf_pipeline == "native":
            read = _native_read(result)
            read.warnings = [LAYOUT_UNAVAILABLE, *read.warnings, *warnings]
        else:
            lines, uris = _item_lines(document, "pdf")
            read = _Read(lines, uris=uris, warnings=warnings)
        read.pages = pages
        return read

    def _pdf_converter(self) -> DocumentConverter:
        if self._pdf is not None:
            return self._pdf
        from docling.datamodel.base_models import InputFormat
        from docling.datamodel.pipeline_options import NativePdfPipelineOptions, PdfPipelineOptions
        from docling.document_converter import DocumentConverter, PdfFormatOption
        from docling.pipeline.native_pdf_pipeline import NativePdfPipeline
        from docling_core.types.doc.page import TextCellUnit

        layout = PdfPipelineOptions().layout_options
        spec = getattr(layout, "model_spec", None)
        engine_type = getattr(getattr(layout, "engine_options", None), "engine_type", None)
        repo = revision = None
        if spec is not None:
            repo = spec.get_repo_id(engine_type) if engine_type is not None else spec.repo_id
            revision = spec.get_revision(engine_type) if engine_type is not None else spec.revision
        roots = [path for path in (self._artifacts_path, _docling_artifacts_path()) if path is not None]
        layout_folder = _local_model(repo, revision, roots) if repo else None
        if repo and layout_folder is not None:
            table_folder = _local_model(TABLE_MODEL_REPO, None, roots)
            self._links = Path(tempfile.mkdtemp(prefix="resumax-docling-models-"))
            _link(self._links, repo, layout_folder)
            if table_folder is not None:
                _link(self._links, TABLE_MODEL_REPO, table_folder)
            options = PdfPipelineOptions(
                artifacts_path=self._links,
                do_ocr=False,
                do_table_structure=table_folder is not None,
                enable_remote_services=False,
                document_timeout=self._timeout,
            )
            converter = DocumentConverter(
                allowed_formats=[InputFormat.PDF],
                format_options={InputFormat.PDF: PdfFormatOption(pipeline_options=options)},
            )
            try:
                converter.initialize_pipeline(InputFormat.PDF)
            except _PIPELINE_ERRORS as exc:
                logger.warning("docling's layout model at %s could not be loaded: %s", layout_folder, exc)
            else:
                self._pdf, self.pdf_pipeline = converter, "standard"
                return converter
        logger.warning(LAYOUT_UNAVAILABLE)
        native = NativePdfPipelineOptions(text_cell_unit=TextCellUnit.WORD, document_timeout=self._timeout)
        self._pdf = DocumentConverter(
            allowed_formats=[InputFormat.PDF],
            format_options={
                InputFormat.PDF: PdfFormatOption(pipeline_cls=NativePdfPipeline, pipeline_options=native)
            },
        )
        self.pdf_pipeline = "native"
        return self._pdf

    def close(self) -> None:
        self._docx = self._pdf = None
        self.pdf_pipeline = None
        if self._links is not None:
            shutil.rmtree(self._links, ignore_errors=True)
            self._links = None


def _docling_artifacts_path() -> Path | None:
    from docling.datamodel.settings import settings

    configured = settings.artifacts_path
    return Path(configured) if configured else None


def _local_model(repo_id: str, revision: str | None, roots: Sequence[Path]) -> Path | None:
    """The folder of a Hugging Face model already on this machine (an artifacts folder first, then the
    Hugging Face cache), or None; never asks the network."""
    folder = repo_id.replace("/", "--")
    for root in roots:
        if (root / folder).is_dir():
            return root / folder
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import LocalEntryNotFoundError

    try:
        return Path(snapshot_download(repo_id=repo_id, revision=revision, local_files_only=True))
    except (LocalEntryNotFoundError, OSError, ValueError):
        return None


def _link(root: Path, repo_id: str, target: Path) -> None:
    """Lay ``target`` out where docling looks for ``repo_id`` in an artifacts folder."""
    (root / repo_id.replace("/", "--")).symlink_to(target, target_is_directory=True)


def _convert(
    converter: DocumentConverter, data: bytes, kind: str, *, max_pages: int | None
) -> ConversionResult:
    """Run docling on ``data``; its failures become DocumentErrors."""
    from docling.datamodel.base_models import ConversionStatus, DocumentStream, FailureCategory
    from docling.exceptions import BaseError

    stream = DocumentStream(name=f"resume.{kind}", stream=io.BytesIO(data))
    try:
        result = converter.convert(
            stream,
            raises_on_error=False,
            max_num_pages=max_pages if max_pages is not None else sys.maxsize,
        )
    except BaseError as exc:
        raise CorruptDocument() from exc
    except _CONVERSION_ERRORS as exc:
        if "depth" in str(exc).lower():
            raise UnsafeDocument("The document's XML is nested too deeply.") from exc
        raise CorruptDocument() from exc
    categories = {error.category for error in result.errors}
    if FailureCategory.TIMEOUT in categories:
        raise ParseLimitExceeded("docling stopped reading the document at its time limit.")
    if result.status in (ConversionStatus.SUCCESS, ConversionStatus.PARTIAL_SUCCESS):
        return result
    page_count = result.input.page_count
    if max_pages is not None and page_count > max_pages:
        raise TooManyPages(details={"pages": page_count, "maxPages": max_pages})
    if kind == "pdf" and _ENCRYPT.search(data):
        raise EncryptedDocument()
    if kind == "pdf" and page_count == 0 and result.input.valid:
        raise CorruptDocument("The PDF has no pages.")
    if kind == "docx" and _nested_too_deeply(data):
        raise UnsafeDocument("The document's XML is nested too deeply.")
    raise CorruptDocument()


def _nested_too_deeply(data: bytes) -> bool:
    """Whether a DOCX that docling could not load has an XML part past libxml2's nesting limit (docling
    reports only that loading failed). The archive has passed ``check_archive``."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if not name.endswith((".xml", ".rels")):
                continue
            try:
                etree.fromstring(archive.read(name), parser)
            except etree.XMLSyntaxError as exc:
                if "depth" in str(exc).lower():
                    return True
    return False


def check_inflation(data: bytes, *, limit: int = MAX_INFLATED_BYTES) -> None:
    """Raise ``ParseLimitExceeded`` when a PDF's Flate streams, other than images and font programs,
    inflate to more than ``limit`` bytes together.

    docling reads a PDF in this process with no memory bound, and docling-parse inflates every content
    stream whole: a 60 KB text bomb costs it gigabytes. A resume's page contents take well under a
    megabyte. Streams are inflated in bounded steps, never whole, and ones that do not inflate are
    skipped.
    """
    total = 0
    for match in _STREAM.finditer(data):
        dictionary = data[max(0, match.start() - 1024) : match.start()]
        dictionary = dictionary[dictionary.rfind(b"obj") + 1 :]
        if b"FlateDecode" not in dictionary or _EXEMPT_STREAM.search(dictionary):
            continue
        end = data.find(b"endstream", match.end())
        pending = data[match.end() : end if end != -1 else len(data)]
        inflater = zlib.decompressobj()
        try:
            while pending and not inflater.eof:
                total += len(inflater.decompress(pending, _INFLATE_STEP))
                if total > limit:
                    raise ParseLimitExceeded(
                        "The PDF's page contents inflate to far more than a resume's.",
                        details={"limit": "inflated bytes", "maxBytes": limit},
                    )
                pending = inflater.unconsumed_tail
        except zlib.error:
            continue


def _page_failures(result: ConversionResult) -> list[str]:
    pages = sorted({page for error in result.errors if (page := getattr(error, "page_no", None))})
    if not pages:
        return []
    return [f"docling could not read page(s) {', '.join(str(page) for page in pages)}."]


# -- docling items to lines (DOCX, and PDF through the standard pipeline) ----------------------------------


def _item_lines(document: DoclingDocument, kind: str) -> tuple[list[TextLine], list[str]]:
    """The lines of a docling document (see the module docstring) and its hyperlinks' targets."""
    from docling_core.types.doc import ContentLayer, DocItemLabel, GroupItem

    walker = _Walker(document)
    headers: list[TextLine] = []
    body: list[TextLine] = []
    footers: list[TextLine] = []
    seen: set[str] = set()
    for reference in document.body.children:
        node = reference.resolve(document)
        if node.content_layer == ContentLayer.BODY:
            body.extend(walker.walk(node))
            continue
        if node.content_layer != ContentLayer.FURNITURE:
            continue
        label = getattr(node, "label", None)
        name = node.name if isinstance(node, GroupItem) else ""
        header = name == _HEADER_GROUP or label == DocItemLabel.PAGE_HEADER
        footer = name == _FOOTER_GROUP or label == DocItemLabel.PAGE_FOOTER
        # A PDF's running headers and footers repeat on every page; only a first-page header (a name
        # and contact line above the body) belongs to the resume.
        if kind == "pdf" and not (header and _first_page(node)):
            continue
        if not (header or footer):
            continue
        for line in walker.walk(node, furniture=True):
            key = line.text.lower()
            if key in seen or _PAGE_NUMBER.fullmatch(line.text):
                continue
            seen.add(key)
            (headers if header else footers).append(line)
    return headers + body + footers, walker.uris


def _first_page(node: NodeItem) -> bool:
    provenance = getattr(node, "prov", None)
    return not provenance or provenance[0].page_no == 1


class _Walker:
    """Turns a docling node and its children into lines, in document order."""

    def __init__(self, document: DoclingDocument) -> None:
        self.document = document
        self.uris: list[str] = []

    def walk(self, node: NodeItem, *, furniture: bool = False) -> Iterator[TextLine]:
        from docling_core.types.doc import (
            ContentLayer,
            ListItem,
            PictureItem,
            SectionHeaderItem,
            TableItem,
            TextItem,
            TitleItem,
        )

        if not furniture and node.content_layer != ContentLayer.BODY:
            return
        if isinstance(node, PictureItem):
            return
        if isinstance(node, TableItem):
            yield from self._table(node)
            return
        if isinstance(node, TextItem):
            hyperlink = getattr(node, "hyperlink", None)
            if hyperlink is not None:
                self.uris.append(str(hyperlink))
            style: str | None = None
            bold = bool(node.formatting is not None and node.formatting.bold)
            if isinstance(node, SectionHeaderItem):
                style, bold = f"Heading {node.level}", True
            elif isinstance(node, TitleItem):
                style, bold = "Title", True
            yield from _text_lines(node.text, node, style=style, bold=bold, bullet=isinstance(node, ListItem))
        for child in node.children:
            yield from self.walk(child.resolve(self.document), furniture=furniture)

    def _table(self, table: Any) -> Iterator[TextLine]:
        """A row of plain cells is one line; a row holding cells with content of their own (a layout
        table) is read cell by cell."""
        from docling_core.types.doc import RichTableCell

        for row in table.data.grid:
            cells: list[Any] = []
            seen: set[tuple[int, int]] = set()
            for cell in row:
                key = (cell.start_row_offset_idx, cell.start_col_offset_idx)
                if key not in seen:
                    seen.add(key)
                    cells.append(cell)
            if any(isinstance(cell, RichTableCell) for cell in cells):
                for cell in cells:
                    if isinstance(cell, RichTableCell):
                        yield from self.walk(cell.ref.resolve(self.document))
                    else:
                        yield from _text_lines(cell.text, table)
                continue
            texts = [text for cell in cells if (text := clean_line(cell.text.replace("\n", " ")))]
            if texts:
                yield from _text_lines(_CELL_SEPARATOR.join(texts), table)


def _text_lines(
    text: str, item: Any, *, style: str | None = None, bold: bool = False, bullet: bool = False
) -> Iterator[TextLine]:
    """An item's text as lines (one per manual line break), the first with a paragraph gap above."""
    provenance = getattr(item, "prov", None) or []
    page = provenance[0].page_no - 1 if provenance else 0
    x = round(provenance[0].bbox.l, 1) if provenance else 0.0
    first = True
    for raw in text.split("\n"):
        cleaned = clean_line(raw)
        if not cleaned:
            continue
        glyph, rest = strip_bullet(cleaned)
        yield TextLine(
            text=rest if glyph and rest else cleaned,
            page=page,
            bold=bold,
            bullet=(bullet and first) or (glyph and bool(rest)),
            gap_before=1.0 if first else 0.0,
            style=style,
            x=x,
        )
        first = False


# -- PDF through the native (model-free) pipeline -------------------------------------------------------


def _native_read(result: ConversionResult) -> _Read:
    """The native pipeline's words laid out in reading order by ``pdf_layout``, and the pages' link
    targets.

    The words are read from the parsed pages, which keep the font names the pipeline's items drop. Each
    word takes its docling line's row and estimated font size (``_row_geometry``), since docling-parse's
    own boxes follow the glyphs: "SENIOR" and "years" differ in height on one row.
    """
    from docling_core.types.doc import CoordOrigin
    from docling_core.types.doc.page import TextCellUnit

    scanned: list[tuple[list[_NativeWord], list[_NativeLine], tuple[float, float]]] = []
    uris: list[str] = []
    for page in sorted(result.pages, key=lambda page: page.page_no):
        width, height = (page.size.width, page.size.height) if page.size is not None else (612.0, 792.0)

        def top_down(cell: Any, page_height: float = height) -> tuple[float, float, float, float]:
            box = cell.rect.to_bounding_box()
            if box.coord_origin != CoordOrigin.BOTTOMLEFT:
                box = box.to_bottom_left_origin(page_height=page_height)
            return box.l, box.r, -box.t, -box.b

        words: list[_NativeWord] = []
        lines: list[_NativeLine] = []
        parsed = page.parsed_page
        if parsed is not None:
            uris.extend(str(link.uri) for link in parsed.hyperlinks if link.uri)
            lines = [_NativeLine(*top_down(cell)) for cell in parsed.iterate_cells(TextCellUnit.LINE)]
            for cell in parsed.iterate_cells(TextCellUnit.WORD):
                text = _visible(cell.text)
                x0, x1, top, bottom = top_down(cell)
                if text and bottom - top > 0.1:
                    word = _NativeWord(text, x0, x1, top, bottom, getattr(cell, "font_name", None) or "")
                    word.line = _line_around(word, lines)
                    words.append(word)
        scanned.append((words, lines, (width, height)))
    geometry = _row_geometry([word for words, _, _ in scanned for word in words])
    pages: list[list[Any]] = []
    hints: dict[float, str] = {}
    for index, (words, _, _) in enumerate(scanned):
        layout_words = []
        for word in words:
            size, top, bottom = geometry[id(word.line if word.line is not None else word)]
            bold = bool(_BOLD_FONT.search(word.font))
            layout_words.append(Word(word.text, word.x0, word.x1, top, bottom, size, bold))
        pages.append(layout_page(layout_words, index, hints))
    kept = drop_running_lines(pages, [size for _, _, size in scanned])
    warnings = []
    if any(LOST_GLYPH in line.text for page in kept for line in page):
        warnings.append(LOST_GLYPHS)
    return _Read(to_text_lines(kept), uris=uris, warnings=warnings)


@dataclass(slots=True, eq=False)
class _NativeLine:
    """A docling line box in top-down page coordinates (``top``/``bottom`` are negated PDF y values)."""

    x0: float
    x1: float
    top: float
    bottom: float


@dataclass(slots=True, eq=False)
class _NativeWord:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    font: str
    line: _NativeLine | None = None


_TALL = frozenset("bdfhijklt()[]{}|")
_DEEP = frozenset("gjpqy()[]{}|,;")
_FONT_BOX_EM = 0.93
"""A box drawn from the font's ascent and descent spans about this many ems."""
_ASCENT, _DESCENT = 0.72, 0.21
"""Cap height and descender depth in ems, as ``_ink_ems`` counts them."""
_BOX_ABOVE, _BOX_BELOW = 0.97, 0.28
"""A row's box around its baseline, in ems: as tall as PDFium's loose boxes, so that gaps between lines
(``TextLine.gap_before``) read as they do for the standard parser."""


def _ink_ems(text: str) -> float | None:
    """How many ems the glyphs of ``text`` span from top to bottom in a typical Latin font: cap height,
    ascenders and dots (0.72) or x-height (0.5), plus descenders and commas (0.21); None for symbols
    alone."""
    if any(char.isupper() or char.isdigit() or char in _TALL for char in text):
        top = _ASCENT
    elif any(char.isalpha() for char in text):
        top = 0.5
    else:
        return None
    return top + (_DESCENT if any(char in _DEEP for char in text) else 0.0)


def _row_geometry(words: Sequence[_NativeWord]) -> dict[int, tuple[float, float, float]]:
    """Each row's (a docling line's, by ``id``) estimated font size, top and bottom.

    docling-parse boxes a glyph by its ink when the font program is embedded, and by the font's ascent and
    descent when it is not (the standard 14 fonts). A line whose words reach different heights tells which
    its font gets: words of equal height are a font box (size = height / 0.93); others are ink, and each
    word's height divided by the ems its glyphs span gives the size (the median is taken). Fonts with no
    such line count as ink. Every row then gets a box of the same proportions around its baseline, so
    gaps between lines do not depend on the letters they hold.
    """
    by_row: dict[int, list[_NativeWord]] = {}
    rows: dict[int, _NativeLine | _NativeWord] = {}
    for word in words:
        row: _NativeLine | _NativeWord = word.line if word.line is not None else word
        by_row.setdefault(id(row), []).append(word)
        rows[id(row)] = row
    votes: dict[str, list[int]] = {}
    for members in by_row.values():
        heights: dict[float, list[float]] = {}
        for word in members:
            if ems := _ink_ems(word.text):
                heights.setdefault(ems, []).append(word.bottom - word.top)
        if len(heights) < 2:
            continue
        low, high = heights[min(heights)], heights[max(heights)]
        font_box = sum(high) / len(high) <= 1.1 * sum(low) / len(low)
        votes.setdefault(members[0].font, [0, 0])[0 if font_box else 1] += 1
    geometry: dict[int, tuple[float, float, float]] = {}
    for key, members in by_row.items():
        row = rows[key]
        height = row.bottom - row.top
        tally = votes.get(members[0].font, [0, 0])
        estimates = sorted((word.bottom - word.top) / ems for word in members if (ems := _ink_ems(word.text)))
        if tally[0] > tally[1] or not estimates:
            size = height / _FONT_BOX_EM
            baseline = row.bottom - _DESCENT * size
        else:
            size = estimates[len(estimates) // 2]
            deep = any(char in _DEEP for word in members for char in word.text)
            baseline = row.bottom - (_DESCENT * size if deep else 0.0)
        geometry[key] = (round(size, 1), baseline - _BOX_ABOVE * size, baseline + _BOX_BELOW * size)
    return geometry


def _line_around(word: _NativeWord, lines: Sequence[_NativeLine]) -> _NativeLine | None:
    """The line box holding the middle of a word's box, if any."""
    x = (word.x0 + word.x1) / 2
    y = (word.top + word.bottom) / 2
    for line in lines:
        if line.x0 - 0.5 <= x <= line.x1 + 0.5 and line.top - 0.5 <= y <= line.bottom + 0.5:
            return line
    return None


def _visible(text: str) -> str:
    """A word as the layout reads it: icon-font glyphs (private-use code points) dropped, private-use
    bullets made plain, a soft hyphen ending the word made a hyphen, and glyphs docling-parse could not
    map to text (it gives a control character, typically for a ligature) marked ``LOST_GLYPH`` for
    ``to_text_lines`` to repair."""
    if text.isprintable():
        return text
    kept = []
    for index, char in enumerate(text):
        code = ord(char)
        if char == _SOFT_HYPHEN:
            # a soft hyphen is drawn only where the line breaks, which is what join_hyphenated undoes
            if index == len(text) - 1:
                kept.append("-")
        elif 0xE000 <= code <= 0xF8FF:
            if code in _PRIVATE_BULLETS:
                kept.append("•")
        elif code < 0x20:
            kept.append(LOST_GLYPH)
        else:
            kept.append(char)
    return "".join(kept)
