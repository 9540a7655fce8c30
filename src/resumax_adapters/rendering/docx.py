"""``DocxRenderer``: a resume as a Word document built with python-docx.

Word's own structure carries the meaning an ATS looks for: the name in the "Title" style, section
headings in "Heading 1", bullets as "List Bullet" paragraphs (real list numbering whose glyph is a plain
"•" in the body font, not Word's default Symbol-font private-use character), links as real hyperlinks.
No tables, text boxes, headers, footers or images hold content; the template's thumbnail is dropped.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from resumax_adapters.rendering.layout import Paragraph as LaidOutParagraph
from resumax_adapters.rendering.layout import ResumeLayout, Span, build_layout
from resumax_adapters.rendering.templates import PageSize, Template, check_page_size
from resumax_core.entities import BlockKind, ParsedDocument
from resumax_core.ports.clock import Clock

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph

_PAGE_INCHES: dict[str, tuple[float, float]] = {"letter": (8.5, 11.0), "a4": (8.27, 11.69)}
_THEME_FONT_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
    "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
"""What follows ``w:pBdr`` inside ``w:pPr`` (the schema fixes the order; Word rejects other orders)."""


def _hex(color: str) -> str:
    return color.lstrip("#").upper()


class DocxRenderer:
    """Renders a ``ParsedDocument`` with a ``Template`` to DOCX bytes (CPU-bound; call it in a thread).

    With a ``clock`` the document's created/modified dates are set from it; without one they are left
    as python-docx's template has them.
    """

    def __init__(self, *, page_size: PageSize = "letter", clock: Clock | None = None) -> None:
        self._page_size = check_page_size(page_size)
        self._clock = clock

    def render(self, document: ParsedDocument, template: Template) -> bytes:
        from docx import Document

        layout = build_layout(document)
        doc = Document()
        self._set_up(doc, template, layout)
        if layout.name:
            title = doc.add_paragraph(style="Title")
            title.add_run(layout.name)
        if layout.contact_line:
            self._add_spans(doc.add_paragraph(style="Contact"), layout.contact_line, template)
        for line in layout.header_lines:
            self._add_spans(doc.add_paragraph(style="Contact"), line.spans, template)
        for section in layout.sections:
            if section.heading:
                doc.add_paragraph(section.heading, style="Heading 1")
            for paragraph in section.paragraphs:
                self._add_paragraph(doc, paragraph, template)
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()

    def _add_paragraph(self, doc: DocxDocument, paragraph: LaidOutParagraph, template: Template) -> None:
        if paragraph.kind is BlockKind.BULLET:
            self._add_spans(doc.add_paragraph(style="List Bullet"), paragraph.spans, template)
        elif paragraph.kind is BlockKind.ENTRY:
            self._add_spans(doc.add_paragraph(style="Entry"), paragraph.spans, template, bold=True)
        else:
            self._add_spans(doc.add_paragraph(), paragraph.spans, template)

    def _add_spans(
        self, paragraph: Paragraph, spans: Sequence[Span], template: Template, *, bold: bool = False
    ) -> None:
        for span in spans:
            if span.href:
                _add_hyperlink(paragraph, span.text, span.href, _hex(template.link_color), bold=bold)
            else:
                run = paragraph.add_run(span.text)
                if bold:
                    run.bold = True

    def _set_up(self, doc: DocxDocument, template: Template, layout: ResumeLayout) -> None:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.opc.constants import RELATIONSHIP_TYPE
        from docx.shared import Inches, Pt, RGBColor

        width, height = _PAGE_INCHES[self._page_size]
        for section in doc.sections:
            section.page_width, section.page_height = Inches(width), Inches(height)
            margin = Inches(template.margin_in)
            section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = margin

        align = WD_ALIGN_PARAGRAPH.CENTER if template.name_align == "center" else WD_ALIGN_PARAGRAPH.LEFT
        styles = doc.styles

        normal = styles["Normal"]
        _set_font(normal, template.docx_font)
        _set_size(normal, template.body_pt)
        normal.font.color.rgb = RGBColor(0, 0, 0)
        normal.paragraph_format.space_before = Pt(0)
        normal.paragraph_format.space_after = Pt(3)
        normal.paragraph_format.line_spacing = 1.1

        title = styles["Title"]
        _set_font(title, template.docx_font)
        _remove_border(title)
        _set_size(title, template.name_pt)
        title.font.bold = True
        title.font.color.rgb = RGBColor.from_string(_hex(template.name_color))
        title.paragraph_format.alignment = align
        title.paragraph_format.space_after = Pt(3)

        contact = styles.add_style("Contact", WD_STYLE_TYPE.PARAGRAPH)
        contact.base_style = normal
        _set_size(contact, template.contact_pt)
        contact.paragraph_format.alignment = align
        contact.paragraph_format.space_after = Pt(2)

        heading = styles["Heading 1"]
        _set_font(heading, template.docx_font)
        _set_size(heading, template.heading_pt)
        heading.font.bold = True
        heading.font.all_caps = template.heading_uppercase
        heading.font.color.rgb = RGBColor.from_string(_hex(template.heading_color))
        heading.paragraph_format.space_before = Pt(11)
        heading.paragraph_format.space_after = Pt(4)
        heading.paragraph_format.keep_with_next = True
        if template.heading_rule:
            _add_bottom_border(heading, _hex(template.heading_color))

        entry = styles.add_style("Entry", WD_STYLE_TYPE.PARAGRAPH)
        entry.base_style = normal
        entry.font.bold = True
        entry.paragraph_format.space_before = Pt(6)
        entry.paragraph_format.space_after = Pt(2)
        entry.paragraph_format.keep_with_next = True

        bullet = styles["List Bullet"]
        bullet.paragraph_format.space_after = Pt(1.5)
        _plain_bullet_glyph(doc, bullet, template.docx_font)

        properties = doc.core_properties
        properties.title = layout.title
        properties.author = ""
        properties.comments = ""
        properties.subject = "Resume"
        properties.last_modified_by = ""
        if self._clock is not None:
            now = self._clock.now()
            properties.created = properties.modified = now.replace(tzinfo=None)

        package = doc.part.package
        for rel_id, rel in list(package.rels.items()):
            if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
                del package.rels[rel_id]


def _set_font(style: Any, name: str) -> None:
    """Set a style's font for every script and drop theme-font references, which would win over it."""
    from docx.oxml.ns import qn

    style.font.name = name
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), name)
    for attribute in _THEME_FONT_ATTRIBUTES:
        fonts.attrib.pop(qn(attribute), None)


def _set_size(style: Any, points: float) -> None:
    """Set a style's size, complex scripts (Arabic, Hebrew...) included."""
    from docx.shared import Pt

    style.font.size = Pt(points)
    for size in style.element.get_or_add_rPr().findall(_qn("w:szCs")):
        size.set(_qn("w:val"), str(round(points * 2)))


def _remove_border(style: Any) -> None:
    ppr = style.element.pPr
    if ppr is not None:
        for border in ppr.findall(_qn("w:pBdr")):
            ppr.remove(border)


def _add_bottom_border(style: Any, color: str) -> None:
    from docx.oxml import OxmlElement

    _remove_border(style)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom", {_qn("w:val"): "single", _qn("w:sz"): "6", _qn("w:space"): "1"})
    bottom.set(_qn("w:color"), color)
    borders.append(bottom)
    style.element.get_or_add_pPr().insert_element_before(borders, *_AFTER_PBDR)


def _plain_bullet_glyph(doc: DocxDocument, style: Any, font: str) -> None:
    """Make the List Bullet numbering draw U+2022 in ``font`` rather than Symbol's private-use glyph."""
    from docx.oxml import OxmlElement

    numbering = doc.part.numbering_part.element
    num_ids = style.element.xpath("./w:pPr/w:numPr/w:numId/@w:val")
    if not num_ids:
        return
    abstract_ids = numbering.xpath(f'./w:num[@w:numId="{num_ids[0]}"]/w:abstractNumId/@w:val')
    if not abstract_ids:
        return
    for level in numbering.xpath(f'./w:abstractNum[@w:abstractNumId="{abstract_ids[0]}"]/w:lvl'):
        for text in level.findall(_qn("w:lvlText")):
            text.set(_qn("w:val"), "\u2022")
        for run_properties in level.findall(_qn("w:rPr")):
            level.remove(run_properties)
        run_properties = OxmlElement("w:rPr")
        run_properties.append(
            OxmlElement(
                "w:rFonts",
                {_qn("w:ascii"): font, _qn("w:hAnsi"): font, _qn("w:cs"): font, _qn("w:hint"): "default"},
            )
        )
        level.append(run_properties)


def _add_hyperlink(paragraph: Paragraph, text: str, href: str, color: str, *, bold: bool) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement

    rel_id = paragraph.part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink", {_qn("r:id"): rel_id})
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    if bold:
        properties.append(OxmlElement("w:b"))
    properties.append(OxmlElement("w:color", {_qn("w:val"): color}))
    properties.append(OxmlElement("w:u", {_qn("w:val"): "single"}))
    run.append(properties)
    content = OxmlElement("w:t", {_qn("xml:space"): "preserve"})
    content.text = text
    run.append(content)
    link.append(run)
    paragraph._p.append(link)


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)
