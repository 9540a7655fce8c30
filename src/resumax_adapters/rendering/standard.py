"""``StandardDocumentRenderer``: the ``DocumentRenderer`` port over the PDF, DOCX and text renderers.

Each format renderer is synchronous and CPU-bound, so it runs in a worker thread (xhtml2pdf also holds a
process-wide lock, so PDFs render one at a time whatever the thread count).
"""

from __future__ import annotations

import asyncio

from resumax_adapters.rendering.docx import DocxRenderer
from resumax_adapters.rendering.pdf import XhtmlPdfRenderer
from resumax_adapters.rendering.templates import TEMPLATE_NAMES, PageSize, get_template
from resumax_adapters.rendering.text import PlainTextRenderer
from resumax_core.entities import ExportFormat, ParsedDocument
from resumax_core.errors import InvalidInput
from resumax_core.ports.clock import Clock


class StandardDocumentRenderer:
    """Renders PDF (xhtml2pdf), DOCX (python-docx) and plain text in the "classic" or "modern" template.

    ``page_size`` is "letter" or "a4"; a ``clock`` stamps DOCX created/modified dates. Any of the three
    format renderers can be replaced (tests, other engines).
    """

    def __init__(
        self,
        *,
        page_size: PageSize = "letter",
        clock: Clock | None = None,
        pdf: XhtmlPdfRenderer | None = None,
        docx: DocxRenderer | None = None,
        text: PlainTextRenderer | None = None,
    ) -> None:
        self._pdf = pdf or XhtmlPdfRenderer(page_size=page_size)
        self._docx = docx or DocxRenderer(page_size=page_size, clock=clock)
        self._text = text or PlainTextRenderer()

    @property
    def templates(self) -> tuple[str, ...]:
        """("classic", "modern"); the first is the default."""
        return TEMPLATE_NAMES

    async def render(self, document: ParsedDocument, fmt: ExportFormat, template: str | None = None) -> bytes:
        """The document in ``fmt``; ``InvalidInput`` for an unknown template or format."""
        chosen = get_template(template)
        if fmt is ExportFormat.PDF:
            return await asyncio.to_thread(self._pdf.render, document, chosen)
        if fmt is ExportFormat.DOCX:
            return await asyncio.to_thread(self._docx.render, document, chosen)
        if fmt is ExportFormat.TEXT:
            return await asyncio.to_thread(self._text.render, document, chosen)
        raise InvalidInput("Unknown export format; choose pdf, docx or text.")
