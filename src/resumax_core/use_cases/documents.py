"""Reading and writing documents without storing anything: what the CLI and embedders use directly."""

from __future__ import annotations

from pathlib import PurePath

from attrs import frozen

from resumax_core.analysis.roundtrip import RoundTripCheck, compare_documents
from resumax_core.entities import ExportFormat, ParsedDocument
from resumax_core.errors import EmptyDocument, FileTooLarge, UnsupportedFileType
from resumax_core.ports import DocumentParser, DocumentRenderer
from resumax_core.ports.document_parser import EXTENSION_MEDIA_TYPES, SUPPORTED_MEDIA_TYPES


def media_type_for(filename: str) -> str:
    """The media type resuMAX reads a file as, from its extension; UnsupportedFileType otherwise."""
    suffix = PurePath(filename).suffix.lower()
    try:
        return EXTENSION_MEDIA_TYPES[suffix]
    except KeyError:
        shown = suffix or "(no extension)"
        raise UnsupportedFileType(
            f"Files ending in {shown!r} are not supported; use PDF, DOCX, TXT or Markdown."
        ) from None


class ParseDocument:
    """Read resume bytes into a ParsedDocument.

    Rules: the media type must be one resuMAX reads; empty input and input over ``max_bytes`` are refused
    before any parser runs; the parser's own checks (type sniffing, page limits, hostile structure) follow.
    """

    def __init__(self, parser: DocumentParser, *, max_bytes: int) -> None:
        self._parser = parser
        self._max_bytes = max_bytes

    async def execute(self, data: bytes, media_type: str) -> ParsedDocument:
        base_type = media_type.split(";")[0].strip().lower()
        if base_type not in SUPPORTED_MEDIA_TYPES:
            raise UnsupportedFileType(details={"mediaType": base_type})
        if len(data) > self._max_bytes:
            size_mb, limit_mb = len(data) / 1_048_576, self._max_bytes / 1_048_576
            raise FileTooLarge(
                f"The file is {size_mb:.1f} MB; the limit is {limit_mb:.0f} MB.",
                details={"maxBytes": self._max_bytes, "size": len(data)},
            )
        if not data.strip():
            raise EmptyDocument()
        return await self._parser.parse(data, base_type)


@frozen
class RenderedExport:
    data: bytes
    format: ExportFormat
    template: str
    check: RoundTripCheck


_REPARSE_TYPES = {
    ExportFormat.PDF: "application/pdf",
    ExportFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ExportFormat.TEXT: "text/plain",
}


class RenderDocument:
    """Render a document and prove a machine can read it back.

    Rules: every export is parsed again with the same parser resuMAX reads uploads with, and compared with
    the document it came from; the check travels with the file and a failing check is reported, not hidden.
    """

    def __init__(self, renderer: DocumentRenderer, parser: DocumentParser) -> None:
        self._renderer = renderer
        self._parser = parser

    @property
    def templates(self) -> tuple[str, ...]:
        return self._renderer.templates

    async def execute(
        self, document: ParsedDocument, fmt: ExportFormat, template: str | None = None
    ) -> RenderedExport:
        chosen = template or self._renderer.templates[0]
        data = await self._renderer.render(document, fmt, chosen)
        reread = await self._parser.parse(data, _REPARSE_TYPES[fmt])
        return RenderedExport(
            data=data, format=fmt, template=chosen, check=compare_documents(document, reread)
        )
