"""PdfiumPdfParser: PDF text with layout, read with PDFium through pypdfium2.

Per page it reads every character's text, box, font size and weight and groups characters into words;
``pdf_layout`` turns the words into lines in reading order. A page without a text layer (a scan) is
rendered and recognised by an ``OcrEngine`` when one is given: its sections get a lower confidence and the
document a warning. Without one, a PDF with no text at all raises ``NoTextLayer``.

PDFium is not thread-safe, so every call into it holds one process-wide lock (released while a page is
being recognised); every PDFium object is closed before returning.
"""

from __future__ import annotations

import ctypes
import math
import re
import statistics
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

import attrs
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from resumax_adapters.parsing.links import with_profile_links
from resumax_adapters.parsing.ocr import OCR_DPI, OcrEngine, OcrFailed, OcrWord
from resumax_adapters.parsing.pdf_layout import (
    Line,
    Word,
    drop_running_lines,
    layout_page,
    to_text_lines,
)
from resumax_core.analysis.facts import build_document
from resumax_core.analysis.text import LOST_GLYPH, clean_line
from resumax_core.entities import ParsedDocument, TextLine
from resumax_core.errors import (
    CorruptDocument,
    EncryptedDocument,
    NoTextLayer,
    ParseLimitExceeded,
    TooManyPages,
)

_PDFIUM_LOCK = threading.Lock()

DEFAULT_MAX_PAGES = 20
DEFAULT_MAX_CHARS = 400_000
OCR_WARNING = "Text recognised by OCR; check it."
NO_TEXT_LAYER = "The PDF has no text layer; install the ocr extra (tesseract) to read scanned pages."
OCR_CONFIDENCE = 0.6
"""Sections read by OCR keep at most this share of their confidence (less when tesseract was unsure)."""

_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi|extrab|ultrab|[-,]bd\b|bx\d*$|\bbx", re.IGNORECASE)
_REGULAR_NAME = re.compile(r"regular|light|book|roman|medium|thin|normal|^cm|^sf", re.IGNORECASE)
_ICON_FONT = re.compile(
    r"awesome|icon|phosphor|symbols?(?!.*mt)|dingbat|wingding|glyph|material", re.IGNORECASE
)
_FORCE_BOLD = 1 << 18
_PRIVATE_BULLETS = frozenset({0xF0B7, 0xF0A7, 0xF076, 0xF0D8, 0xF0FC, 0xF0A8, 0xF06E, 0xF0E0})
_DRAWN = frozenset({pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM})
_MAX_OCR_PIXELS = 40_000_000
"""A page is rendered for OCR at 300 dpi but never above this many pixels (huge page boxes)."""
_MIN_PAGE_CHARS = 3
_MAX_LINKS = 200
_MISREAD_BULLETS = frozenset({"¢", "«", "»", "°", "©", "®", "*", "·", "●", "▪", "■", "e", "o"})
"""What tesseract makes of a bullet glyph when it stands alone at the start of a line."""


@dataclass(slots=True)
class _Font:
    bold: bool
    icon: bool


@dataclass(slots=True)
class PdfText:
    """What a PDF's pages say: lines in reading order, page count, warnings, the addresses its hyperlinks
    point to, and which lines came from OCR (their texts and tesseract's mean confidence, 0–100)."""

    lines: list[TextLine]
    pages: int
    warnings: list[str] = field(default_factory=list)
    uris: list[str] = field(default_factory=list)
    ocr_texts: list[str] = field(default_factory=list)
    ocr_confidence: float = 100.0


class PdfiumPdfParser:
    """Reads PDFs. Raises ``EncryptedDocument``, ``TooManyPages``, ``CorruptDocument``, ``NoTextLayer``
    (no text layer and no OCR, or OCR found nothing) or ``ParseLimitExceeded`` (more than ``max_chars``).

    ``ocr`` recognises pages without a text layer; None leaves them unread (with a warning when other pages
    have text).
    """

    def __init__(
        self,
        *,
        max_pages: int = DEFAULT_MAX_PAGES,
        max_chars: int = DEFAULT_MAX_CHARS,
        ocr: OcrEngine | None = None,
    ) -> None:
        self.max_pages = max_pages
        self.max_chars = max_chars
        self.ocr = ocr

    def read(self, data: bytes) -> ParsedDocument:
        """Parse a PDF into a ParsedDocument (blocking; run it in a worker thread or process)."""
        text = self.read_text(data)
        document = build_document(text.lines, source_format="pdf", pages=text.pages, warnings=text.warnings)
        document = with_profile_links(document, text.uris)
        if text.ocr_texts:
            document = _lower_ocr_confidence(document, text.ocr_texts, text.ocr_confidence)
        return document

    def read_text(self, data: bytes) -> PdfText:
        """The text lines of a PDF in reading order, with its page count and warnings."""
        _check_complete(data)
        document = _open(data)
        try:
            with _PDFIUM_LOCK:
                page_count = len(document)
            if page_count > self.max_pages:
                raise TooManyPages(details={"pages": page_count, "maxPages": self.max_pages})
            if page_count == 0:
                raise CorruptDocument("The PDF has no pages.")
            return self._read_pages(document, page_count)
        finally:
            with _PDFIUM_LOCK:
                document.close()

    def _read_pages(self, document: pdfium.PdfDocument, page_count: int) -> PdfText:
        pages: list[list[Line]] = []
        sizes: list[tuple[float, float]] = []
        hints: dict[float, str] = {}
        total_chars = 0
        unread: list[int] = []
        ocr_pages: list[int] = []
        confidences: list[float] = []
        uris: list[str] = []
        for index in range(page_count):
            with _PDFIUM_LOCK:
                page = _read_page(document, index, render=self.ocr is not None)
            uris.extend(page.uris)
            words, chars = page.words, page.chars
            if page.image is not None:
                ocr_words = self._recognise(page.image)
                if ocr_words:
                    ocr_pages.append(index)
                    confidences.extend(word.confidence for word in ocr_words)
                    chars = sum(len(word.text) + 1 for word in ocr_words)
                    words = _ocr_words(ocr_words, page.image.scale, page.size[1])
            if page.scanned and chars < _MIN_PAGE_CHARS:
                unread.append(index)
            total_chars += chars
            if total_chars > self.max_chars:
                raise ParseLimitExceeded(
                    "The PDF holds far more text than a resume.", details={"maxChars": self.max_chars}
                )
            pages.append(layout_page(words, index, hints))
            sizes.append(page.size)
        kept = drop_running_lines(pages, sizes)
        if sum(len(line.text) for page in kept for line in page) < _MIN_PAGE_CHARS:
            if self.ocr is not None:
                raise NoTextLayer("The PDF has no text layer and OCR found no text on its pages.")
            raise NoTextLayer(NO_TEXT_LAYER)
        text = PdfText(to_text_lines(kept), page_count, uris=uris)
        if any(LOST_GLYPH in line.text for page in pages for line in page):
            text.warnings.append("Some characters had no text mapping in the PDF and were guessed.")
        if ocr_pages:
            text.warnings.append(OCR_WARNING)
            text.ocr_texts = [line.text for line in text.lines if line.page in ocr_pages]
            text.ocr_confidence = statistics.fmean(confidences)
        if unread:
            listed = ", ".join(str(index + 1) for index in unread)
            text.warnings.append(
                f"No text could be read on page(s) {listed}; "
                + ("OCR found none." if self.ocr is not None else "install the ocr extra to read scans.")
            )
        return text

    def _recognise(self, image: _PageImage) -> list[OcrWord]:
        assert self.ocr is not None
        try:
            return self.ocr.recognise(image.image, image.dpi)
        except OcrFailed:
            return []


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        with _PDFIUM_LOCK:
            return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise EncryptedDocument() from exc
        raise CorruptDocument() from exc


def _check_complete(data: bytes) -> None:
    end = data.rfind(b"%%EOF")
    if end == -1 or len(data) - end > 4096:
        raise CorruptDocument("The PDF is damaged or truncated (it has no end-of-file marker).")


@dataclass(slots=True)
class _PageImage:
    image: object
    scale: float
    dpi: int


@dataclass(slots=True)
class _Page:
    """One page as read: its words and size, how many characters its text layer has, whether it draws
    something without text (a scan, text turned into outlines) and, when asked, an image of it for OCR."""

    words: list[Word]
    size: tuple[float, float]
    chars: int
    scanned: bool
    image: _PageImage | None
    uris: list[str]


def _read_page(document: pdfium.PdfDocument, index: int, *, render: bool) -> _Page:
    """Read page ``index``; call with the PDFium lock held."""
    try:
        page = document[index]
    except pdfium.PdfiumError as exc:
        raise CorruptDocument(details={"page": index + 1}) from exc
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            words, chars = _page_words(textpage.raw)
        finally:
            textpage.close()
        scanned = chars < _MIN_PAGE_CHARS and _draws_something(page)
        image = _render(page, width, height) if scanned and render else None
        uris = _link_uris(document, page)
    except pdfium.PdfiumError as exc:
        raise CorruptDocument(details={"page": index + 1}) from exc
    finally:
        page.close()
    return _Page(words, (width, height), chars, scanned, image, uris)


def _link_uris(document: pdfium.PdfDocument, page: pdfium.PdfPage) -> list[str]:
    """The web addresses of a page's link annotations (at most ``_MAX_LINKS``)."""
    uris: list[str] = []
    position = ctypes.c_int(0)
    link = pdfium_c.FPDF_LINK()
    while len(uris) < _MAX_LINKS and pdfium_c.FPDFLink_Enumerate(
        page.raw, ctypes.byref(position), ctypes.byref(link)
    ):
        action = pdfium_c.FPDFLink_GetAction(link)
        if not action or pdfium_c.FPDFAction_GetType(action) != pdfium_c.PDFACTION_URI:
            continue
        length = pdfium_c.FPDFAction_GetURIPath(document.raw, action, None, 0)
        if not 0 < length <= 2048:
            continue
        buffer = ctypes.create_string_buffer(length)
        pdfium_c.FPDFAction_GetURIPath(document.raw, action, buffer, length)
        uris.append(buffer.value.decode("latin-1"))
    return uris


def _draws_something(page: pdfium.PdfPage) -> bool:
    return any(obj.type in _DRAWN for obj in page.get_objects(max_depth=0))


def _render(page: pdfium.PdfPage, width: float, height: float) -> _PageImage:
    scale = OCR_DPI / 72
    if width * height * scale * scale > _MAX_OCR_PIXELS:
        scale = math.sqrt(_MAX_OCR_PIXELS / max(width * height, 1.0))
    bitmap = page.render(scale=scale, grayscale=True, may_draw_forms=False, draw_annots=False)
    try:
        image = bitmap.to_pil().copy()
    finally:
        bitmap.close()
    return _PageImage(image, scale, min(OCR_DPI, round(scale * 72)))


def _ocr_words(words: Sequence[OcrWord], scale: float, page_height: float) -> list[Word]:
    """Recognised words as layout words in points.

    Every word takes its OCR line's box height (a dash's own box is a sliver, which would put it on a
    row of its own) and that height as its size; a lone symbol starting a line is a misread bullet.
    """
    boxes: dict[tuple[int, int, int], tuple[float, float]] = {}
    for word in words:
        top, bottom = boxes.get(word.line, (word.top, word.bottom))
        boxes[word.line] = (min(top, word.top), max(bottom, word.bottom))
    result: list[Word] = []
    previous_line: tuple[int, int, int] | None = None
    for word in words:
        top, bottom = boxes[word.line]
        text = word.text
        if word.line != previous_line and text in _MISREAD_BULLETS:
            text = "•"
        previous_line = word.line
        result.append(
            Word(
                text=text,
                x0=word.left / scale,
                x1=word.right / scale,
                top=top / scale - page_height,
                bottom=bottom / scale - page_height,
                size=round((bottom - top) / scale, 1),
                bold=False,
            )
        )
    return result


def _lower_ocr_confidence(document: ParsedDocument, texts: Sequence[str], mean: float) -> ParsedDocument:
    """The document with the confidence of every section holding OCR text scaled down."""
    factor = OCR_CONFIDENCE * min(1.0, max(0.3, mean / 100))
    needles = [clean for text in texts if len(clean := clean_line(text)) >= 4] or list(texts)
    sections = tuple(
        attrs.evolve(section, confidence=round(section.confidence * factor, 3))
        if any(needle in f"{section.heading}\n{section.text}" for needle in needles)
        else section
        for section in document.sections
    )
    return attrs.evolve(document, sections=sections)


def _bulk_text(raw: pdfium_c.FPDF_TEXTPAGE, count: int) -> str:
    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(raw, 0, count, buffer)
    text = bytes(buffer)[: max(0, written - 1) * 2].decode("utf-16-le", errors="replace")
    if len(text) == count:
        return text
    return "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i)) for i in range(count))


def _font(raw: pdfium_c.FPDF_TEXTPAGE, index: int, cache: dict[bytes, _Font]) -> _Font:
    name_buffer = ctypes.create_string_buffer(128)
    flags = ctypes.c_int(0)
    pdfium_c.FPDFText_GetFontInfo(raw, index, name_buffer, 128, ctypes.byref(flags))
    name = name_buffer.value
    key = name + flags.value.to_bytes(4, "little", signed=True)
    found = cache.get(key)
    if found is None:
        decoded = name.decode("latin-1").split("+", 1)[-1]
        bold = bool(_BOLD_NAME.search(decoded)) or bool(flags.value & _FORCE_BOLD)
        if not bold and not _REGULAR_NAME.search(decoded):
            bold = pdfium_c.FPDFText_GetFontWeight(raw, index) >= 700
        found = _Font(bold=bold, icon=bool(_ICON_FONT.search(decoded)))
        cache[key] = found
    return found


def _page_words(raw: pdfium_c.FPDF_TEXTPAGE) -> tuple[list[Word], int]:
    """Words of a page in content-stream order, with boxes in top-down page coordinates."""
    count = pdfium_c.FPDFText_CountChars(raw)
    if count <= 0:
        return [], 0
    text = _bulk_text(raw, count)
    rect = pdfium_c.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    matrix = pdfium_c.FS_MATRIX()
    matrix_ref = ctypes.byref(matrix)
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    fonts: dict[bytes, _Font] = {}
    words: list[Word] = []
    chars: list[str] = []
    first_index = 0
    x0 = x1 = top = bottom = previous_left = 0.0

    def flush() -> None:
        if not chars:
            return
        font = _font(raw, first_index, fonts)
        if font.icon and len(chars) == 1 and chars[0] not in "•·▪■●":
            chars.clear()
            return
        pdfium_c.FPDFText_GetMatrix(raw, first_index, matrix_ref)
        scale = (matrix.c * matrix.c + matrix.d * matrix.d) ** 0.5 or 1.0
        size = pdfium_c.FPDFText_GetFontSize(raw, first_index) * scale
        if size <= 0.5 or size > 200:
            size = bottom - top
        words.append(Word("".join(chars), x0, x1, top, bottom, round(size, 1), font.bold))
        chars.clear()

    for index in range(count):
        char = text[index]
        if char.isspace():
            flush()
            continue
        code = ord(char)
        if code < 0x20 or code == 0xFFFE or code == 0xFFFF:
            char = "-" if pdfium_c.FPDFText_IsHyphen(raw, index) else LOST_GLYPH
        elif 0xE000 <= code <= 0xF8FF:
            if code not in _PRIVATE_BULLETS:
                flush()
                continue
            char = "•"
        get_box(raw, index, rect_ref)
        left, right, char_top, char_bottom = rect.left, rect.right, -rect.top, -rect.bottom
        if char_bottom - char_top <= 0.1:
            continue
        if chars:
            height = bottom - top
            middle = (char_top + char_bottom) / 2
            if (
                abs(middle - (top + bottom) / 2) > 0.45 * height
                or left < previous_left - 0.1 * height
                or left - x1 > 0.5 * height
            ):
                flush()
        if not chars:
            first_index = index
            x0, x1, top, bottom = left, right, char_top, char_bottom
        else:
            x1 = max(x1, right)
            top = min(top, char_top)
            bottom = max(bottom, char_bottom)
        chars.append(char)
        previous_left = left
    flush()
    return words, count
