"""StandardDocumentParser: the DocumentParser port for PDF, DOCX, plain text and Markdown, no extras needed.

It checks size and type first (``sniff``), then reads the file in a worker thread with the format's
parser and builds sections and facts with ``resumax_core.analysis``.
"""

from __future__ import annotations

import asyncio

from resumax_adapters.parsing.docx import DocxParser
from resumax_adapters.parsing.pdf import PdfiumPdfParser
from resumax_adapters.parsing.sniff import DEFAULT_MAX_BYTES, sniff
from resumax_adapters.parsing.text import PlainTextParser
from resumax_core.entities import ParsedDocument
from resumax_core.errors import EmptyDocument, ParseLimitExceeded


class StandardDocumentParser:
    """Reads PDF (pypdfium2), DOCX (python-docx), text and Markdown.

    ``max_bytes`` bounds the upload, ``max_pages`` a PDF's pages; ``timeout`` (seconds, None for none)
    bounds the reading, after which ``ParseLimitExceeded`` is raised and the result is discarded.
    """

    def __init__(
        self,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_pages: int = 20,
        timeout: float | None = 60.0,
    ) -> None:
        self.max_bytes = max_bytes
        self.max_pages = max_pages
        self.timeout = timeout
        self._pdf = PdfiumPdfParser(max_pages=max_pages)
        self._docx = DocxParser()
        self._text = PlainTextParser()

    async def parse(self, data: bytes, media_type: str) -> ParsedDocument:
        """See ``resumax_core.ports.document_parser``: a document in reading order, or a DocumentError."""
        kind = sniff(data, media_type, max_bytes=self.max_bytes)
        try:
            document = await asyncio.wait_for(asyncio.to_thread(self.read, data, kind), self.timeout)
        except TimeoutError as exc:
            raise ParseLimitExceeded(details={"seconds": self.timeout}) from exc
        if not document.sections:
            raise EmptyDocument()
        return document

    def read(self, data: bytes, kind: str) -> ParsedDocument:
        """Read bytes already sniffed as ``kind`` ("pdf", "docx", "text", "markdown"); blocking."""
        if kind == "pdf":
            return self._pdf.read(data)
        if kind == "docx":
            return self._docx.read(data)
        return self._text.read(data, markdown=kind == "markdown")
