"""The ATS-safe templates every output format draws from.

A template is typography only: the same single column, standard headings, real text and real bullets in
every one, so the choice never changes what an applicant tracking system reads. Colours are dark enough
to print and photocopy.
"""

from __future__ import annotations

from typing import Literal

from attrs import frozen

from resumax_core.errors import InvalidInput

PageSize = Literal["letter", "a4"]
PAGE_SIZES: tuple[PageSize, ...] = ("letter", "a4")


@frozen
class Template:
    """How a resume looks. Sizes are in points, colours ``#rrggbb``, the margin in inches.

    ``pdf_font`` is a PDF base-14 family (no embedding needed); ``docx_font`` a font every word
    processor has.
    """

    name: str
    description: str
    name_align: Literal["left", "center"]
    heading_uppercase: bool
    heading_rule: bool
    heading_color: str
    name_color: str
    link_color: str
    pdf_font: str = "Helvetica"
    docx_font: str = "Arial"
    body_pt: float = 10.5
    name_pt: float = 20.0
    contact_pt: float = 9.5
    heading_pt: float = 11.5
    margin_in: float = 0.7


CLASSIC = Template(
    name="classic",
    description="Sans-serif, centred name, uppercase headings over rule lines.",
    name_align="center",
    heading_uppercase=True,
    heading_rule=True,
    heading_color="#000000",
    name_color="#000000",
    link_color="#000000",
)

MODERN = Template(
    name="modern",
    description="Left-aligned, headings in an accent colour.",
    name_align="left",
    heading_uppercase=False,
    heading_rule=False,
    heading_color="#1F4E79",
    name_color="#1F4E79",
    link_color="#1F4E79",
    docx_font="Calibri",
    body_pt=10.5,
    name_pt=22.0,
    heading_pt=12.5,
)

TEMPLATES: dict[str, Template] = {template.name: template for template in (CLASSIC, MODERN)}
TEMPLATE_NAMES: tuple[str, ...] = tuple(TEMPLATES)
"""The names users choose from; the first is the default."""


def get_template(name: str | None) -> Template:
    """The template called ``name`` (the default for None); ``InvalidInput`` for an unknown name."""
    if name is None:
        return TEMPLATES[TEMPLATE_NAMES[0]]
    try:
        return TEMPLATES[name]
    except (KeyError, TypeError):
        raise InvalidInput(
            f"Unknown template; choose one of: {', '.join(TEMPLATE_NAMES)}.",
            details={"templates": list(TEMPLATE_NAMES)},
        ) from None


def check_page_size(page_size: str) -> PageSize:
    """Return ``page_size`` if it is "letter" or "a4"; raise ValueError otherwise."""
    for known in PAGE_SIZES:
        if page_size == known:
            return known
    raise ValueError(f"page_size must be one of {PAGE_SIZES}")
