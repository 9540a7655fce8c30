"""Writing a resume to PDF, DOCX or plain text with an ATS-safe template.

Contract for every adapter: single column, standard headings, real text (no images or tables carrying
content), links kept; the output parses back to the same sections and text. Unknown templates raise
InvalidInput.
"""

from __future__ import annotations

from typing import Protocol

from resumax_core.entities import ExportFormat, ParsedDocument


class DocumentRenderer(Protocol):
    @property
    def templates(self) -> tuple[str, ...]:
        """Names of the templates a user can choose; the first is the default."""

    async def render(
        self, document: ParsedDocument, fmt: ExportFormat, template: str | None = None
    ) -> bytes: ...
