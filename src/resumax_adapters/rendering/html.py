"""Semantic, escaped HTML for a resume: the input of the PDF renderer, usable as a preview too.

Every piece of user text goes through ``html.escape`` (quotes included), so markup in a resume
(``<img onerror=...>``, ``<para>``, ``<pdf:...>``) is drawn as the characters it is. Nothing in the
output refers to an external resource; the only URLs are link targets, limited to http(s) and mailto.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from resumax_adapters.rendering.layout import LaidOutSection, Paragraph, ResumeLayout, Span
from resumax_adapters.rendering.templates import PageSize, Template
from resumax_core.entities import BlockKind


def _spans(spans: Sequence[Span]) -> str:
    return "".join(
        f'<a href="{escape(span.href, quote=True)}">{escape(span.text)}</a>'
        if span.href
        else escape(span.text)
        for span in spans
    )


def stylesheet(template: Template, *, page_size: PageSize, font_stack: str, font_faces: str = "") -> str:
    """The CSS of ``template`` in the subset xhtml2pdf understands (and browsers read the same way)."""
    rule = (
        f"border-bottom: 0.75pt solid {template.heading_color}; padding-bottom: 1pt;"
        if template.heading_rule
        else ""
    )
    return f"""{font_faces}
@page {{ size: {page_size}; margin: {template.margin_in}in; }}
body {{ font-family: {font_stack}; font-size: {template.body_pt}pt; color: #000000; line-height: 1.25; }}
h1 {{ font-size: {template.name_pt}pt; color: {template.name_color}; text-align: {template.name_align};
      margin: 0 0 3pt 0; line-height: 1.1; }}
p.contact, p.headline {{ font-size: {template.contact_pt}pt; text-align: {template.name_align};
      margin: 0 0 2pt 0; }}
h2 {{ font-size: {template.heading_pt}pt; color: {template.heading_color}; margin: 11pt 0 4pt 0; {rule}
      -pdf-keep-with-next: true; }}
p {{ margin: 0 0 3pt 0; }}
p.entry {{ font-weight: bold; margin: 6pt 0 2pt 0; -pdf-keep-with-next: true; }}
ul {{ margin: 0 0 3pt 4pt; padding: 0; list-style-type: disc; }}
li {{ margin: 0 0 1.5pt 10pt; }}
a {{ color: {template.link_color}; text-decoration: none; }}
"""


def _paragraphs(paragraphs: Sequence[Paragraph]) -> Iterable[str]:
    bullets: list[str] = []
    for paragraph in paragraphs:
        if paragraph.kind is BlockKind.BULLET:
            bullets.append(f"<li>{_spans(paragraph.spans)}</li>")
            continue
        if bullets:
            yield f"<ul>{''.join(bullets)}</ul>"
            bullets = []
        css_class = ' class="entry"' if paragraph.kind is BlockKind.ENTRY else ""
        yield f"<p{css_class}>{_spans(paragraph.spans)}</p>"
    if bullets:
        yield f"<ul>{''.join(bullets)}</ul>"


def _section(section: LaidOutSection, template: Template) -> str:
    parts = []
    if section.heading:
        heading = section.heading.upper() if template.heading_uppercase else section.heading
        parts.append(f"<h2>{escape(heading)}</h2>")
    parts.extend(_paragraphs(section.paragraphs))
    return f'<div class="section {escape(section.kind.value, quote=True)}">{"".join(parts)}</div>'


def render_html(
    layout: ResumeLayout,
    template: Template,
    *,
    page_size: PageSize = "letter",
    font_stack: str | None = None,
    font_faces: str = "",
) -> str:
    """A complete HTML document for ``layout`` in ``template``. Headings are upper-cased in the text
    itself when the template asks for it, since not every consumer applies ``text-transform``."""
    css = stylesheet(
        template, page_size=page_size, font_stack=font_stack or template.pdf_font, font_faces=font_faces
    )
    body: list[str] = []
    if layout.name:
        body.append(f"<h1>{escape(layout.name)}</h1>")
    if layout.contact_line:
        body.append(f'<p class="contact">{_spans(layout.contact_line)}</p>')
    body.extend(f'<p class="headline">{_spans(line.spans)}</p>' for line in layout.header_lines)
    body.extend(_section(section, template) for section in layout.sections)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(layout.title)}</title><style>{css}</style></head>"
        f"<body>{''.join(body)}</body></html>"
    )
