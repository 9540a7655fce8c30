"""``XhtmlPdfRenderer``: a resume as a text-layer PDF, through escaped HTML and xhtml2pdf.

Text is drawn in Helvetica (no font embedded) and so covers Windows-1252: Western European letters,
dashes, quotes, the bullet. Characters beyond it (Polish, Czech, Cyrillic, Greek...) are drawn from a
Unicode TrueType font when one is installed, chosen per character, and embedded as a subset only when
the resume needs it. Fetching is closed off twice: a resource policy that allows no network and no
file but those fonts, and a ``link_callback`` that refuses everything else. xhtml2pdf's own log lines
can quote the document, so they are redacted before any handler sees them.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

from attrs import frozen

from resumax_adapters.rendering.html import render_html
from resumax_adapters.rendering.layout import ResumeLayout, build_layout
from resumax_adapters.rendering.templates import PageSize, Template, check_page_size
from resumax_core.entities import ParsedDocument
from resumax_core.errors import InvalidInput, ResumaxError

_FONT_URI = "resumax-font:"
_UNICODE_FAMILY = "ResumaxUnicode"


@frozen
class FontFiles:
    """A TrueType family for characters Helvetica lacks: a regular face and, optionally, a bold one."""

    regular: Path
    bold: Path | None = None


SYSTEM_UNICODE_FONTS: tuple[FontFiles, ...] = (
    FontFiles(
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ),
    FontFiles(Path("/usr/share/fonts/TTF/DejaVuSans.ttf"), Path("/usr/share/fonts/TTF/DejaVuSans-Bold.ttf")),
    FontFiles(
        Path("/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf"),
        Path("/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf"),
    ),
    FontFiles(
        Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"),
        Path("/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"),
    ),
    FontFiles(
        Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
        Path("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
    ),
    FontFiles(Path("/Library/Fonts/Arial Unicode.ttf")),
)
"""Where common systems keep a Unicode sans-serif (Debian/Ubuntu, Arch, Fedora, macOS)."""


class ResourceRefused(Exception):
    """The HTML asked for a resource; it never should, since user text is escaped."""


class _RedactVendorLog(logging.Filter):
    """Replaces a vendor log record's text, which may quote the resume, with a fixed sentence."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return False
        record.msg = "xhtml2pdf reported a %s while rendering a PDF (details withheld: they quote the resume)"
        record.args = (record.levelname.lower(),)
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True


_REDACT = _RedactVendorLog()


def _redact_vendor_logs() -> None:
    """Attach the redacting filter to every xhtml2pdf logger (filters do not inherit, and xhtml2pdf
    makes one logger per module)."""
    for name, logger in list(logging.Logger.manager.loggerDict.items()):
        ours = name == "xhtml2pdf" or name.startswith("xhtml2pdf.")
        if ours and isinstance(logger, logging.Logger) and _REDACT not in logger.filters:
            logger.addFilter(_REDACT)


def _needs_unicode_font(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return True
    return False


class XhtmlPdfRenderer:
    """Renders a ``ParsedDocument`` with a ``Template`` to PDF bytes (CPU-bound; call it in a thread).

    ``unicode_fonts`` are tried in order for characters Helvetica cannot draw (default: common system
    locations; pass ``()`` to never embed a font). ``max_render_seconds`` bounds one render; a resume
    too large for it raises ``InvalidInput``.
    """

    def __init__(
        self,
        *,
        page_size: PageSize = "letter",
        unicode_fonts: Sequence[FontFiles] | None = None,
        max_render_seconds: float = 30.0,
    ) -> None:
        self._page_size = check_page_size(page_size)
        self._candidates = tuple(SYSTEM_UNICODE_FONTS if unicode_fonts is None else unicode_fonts)
        self._max_seconds = max_render_seconds

    @cached_property
    def unicode_font(self) -> FontFiles | None:
        """The first installed Unicode font, looked up on first need."""
        for fonts in self._candidates:
            if fonts.regular.is_file():
                bold = fonts.bold if fonts.bold is not None and fonts.bold.is_file() else fonts.regular
                return FontFiles(fonts.regular, bold)
        return None

    def html(self, document: ParsedDocument, template: Template) -> str:
        """The HTML this renderer converts (also a faithful preview)."""
        return self._html(build_layout(document), template)[0]

    def render(self, document: ParsedDocument, template: Template) -> bytes:
        from xhtml2pdf import pisa
        from xhtml2pdf.config.resources import RenderLimitError, ResourceAccessPolicy

        html, fonts = self._html(build_layout(document), template)
        policy = ResourceAccessPolicy.server(
            base_dir=None,
            allow_remote=False,
            extra_roots=tuple({path.parent for path in fonts.values()}),
            max_render_seconds=self._max_seconds,
        )

        def link_callback(uri: str, relative: str | None) -> str:
            if uri in fonts:
                return str(fonts[uri])
            raise ResourceRefused("the resume HTML asked for an external resource")

        _redact_vendor_logs()
        out = io.BytesIO()
        try:
            status = pisa.CreatePDF(
                html, dest=out, link_callback=link_callback, encoding="utf-8", resource_policy=policy
            )
        except RenderLimitError as exc:
            raise InvalidInput(
                "The resume is too long to render as a PDF; shorten it and try again."
            ) from exc
        except Exception as exc:
            raise ResumaxError("The PDF could not be rendered.") from exc
        if status.err:
            raise ResumaxError("The PDF could not be rendered.")
        return out.getvalue()

    def _html(self, layout: ResumeLayout, template: Template) -> tuple[str, dict[str, Path]]:
        """The HTML, and the font files it may load (by the URI it names them with)."""
        font = self.unicode_font if _needs_unicode_font(layout.all_text()) else None
        if font is None:
            return render_html(layout, template, page_size=self._page_size), {}
        fonts = {f"{_FONT_URI}regular": font.regular, f"{_FONT_URI}bold": font.bold or font.regular}
        faces = (
            f'@font-face {{ font-family: {_UNICODE_FAMILY}; src: url("{_FONT_URI}regular"); }}\n'
            f'@font-face {{ font-family: {_UNICODE_FAMILY}; src: url("{_FONT_URI}bold");'
            " font-weight: bold; }"
        )
        html = render_html(
            layout,
            template,
            page_size=self._page_size,
            font_stack=f"{template.pdf_font}, {_UNICODE_FAMILY}",
            font_faces=faces,
        )
        return html, fonts
