"""FormatReaders: bytes already sniffed as one format, read by that format's parser (blocking).

It is what a parser worker process runs, and what ``StandardDocumentParser`` runs in a thread for text
(or for everything when isolation is off). Importing this module loads every parser library, which is why
the worker processes' fork server preloads it.
"""

from __future__ import annotations

from dataclasses import dataclass

from resumax_adapters.parsing.docx import DocxParser
from resumax_adapters.parsing.ocr import OcrEngine
from resumax_adapters.parsing.pdf import DEFAULT_MAX_PAGES, PdfiumPdfParser
from resumax_adapters.parsing.text import PlainTextParser
from resumax_core.entities import ParsedDocument


@dataclass(frozen=True, slots=True)
class ReaderOptions:
    """How documents are read: a PDF's page limit and the OCR engine for scanned pages (None: no OCR).

    Sent to worker processes, so it must pickle (``TesseractOcr`` does).
    """

    max_pages: int = DEFAULT_MAX_PAGES
    ocr: OcrEngine | None = None


class FormatReaders:
    """Reads "pdf", "docx", "text" or "markdown" bytes into a ParsedDocument, or raises a DocumentError."""

    def __init__(self, options: ReaderOptions) -> None:
        self._pdf = PdfiumPdfParser(max_pages=options.max_pages, ocr=options.ocr)
        self._docx = DocxParser()
        self._text = PlainTextParser()

    def read(self, kind: str, data: bytes) -> ParsedDocument:
        """Read ``data`` as ``kind``; the bytes must already have passed ``sniff``."""
        if kind == "pdf":
            return self._pdf.read(data)
        if kind == "docx":
            return self._docx.read(data)
        return self._text.read(data, markdown=kind == "markdown")
