"""``PlainTextRenderer``: a resume as UTF-8 plain text, for pasting into application forms.

The name, the contact line, then each section: its heading on a line of its own (upper-cased when the
template's headings are), entry lines, bullets as "• ", paragraphs; one blank line between sections.
"""

from __future__ import annotations

from resumax_adapters.rendering.layout import build_layout
from resumax_adapters.rendering.templates import Template
from resumax_core.entities import BlockKind, ParsedDocument

BULLET = "\u2022 "


class PlainTextRenderer:
    """Renders a ``ParsedDocument`` to UTF-8 text with "\\n" line ends and a final newline."""

    def render(self, document: ParsedDocument, template: Template) -> bytes:
        layout = build_layout(document)
        header = [layout.name or "", "".join(span.text for span in layout.contact_line)]
        header.extend(line.text for line in layout.header_lines)
        blocks = ["\n".join(line for line in header if line)]
        for section in layout.sections:
            lines: list[str] = []
            if section.heading:
                lines.append(section.heading.upper() if template.heading_uppercase else section.heading)
            for paragraph in section.paragraphs:
                prefix = BULLET if paragraph.kind is BlockKind.BULLET else ""
                lines.append(prefix + paragraph.text)
            blocks.append("\n".join(lines))
        return ("\n\n".join(block for block in blocks if block) + "\n").encode("utf-8")
