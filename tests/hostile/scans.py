"""Scanned pages: text drawn into an image with Pillow, placed on a PDF page with no text layer."""

from __future__ import annotations

import io
from pathlib import Path

from tests.hostile.pdf_files import HELVETICA, stream, text_content, write_pdf

SCANNED_RESUME = [
    ("Jane Roe", 2.0, True),
    ("jane.roe@example.com | (555) 010-2030 | Denver, CO", 1.0, False),
    ("", 1.0, False),
    ("EXPERIENCE", 1.4, True),
    ("Senior Engineer | Acme Corp | Jan 2020 - Present", 1.0, True),
    ("• Cut cloud costs by 30% across three regions", 1.0, False),
    ("Engineer | Beta LLC | Jun 2016 - Dec 2019", 1.0, True),
    ("• Built the billing service in Go", 1.0, False),
    ("", 1.0, False),
    ("EDUCATION", 1.4, True),
    ("BSc Computer Science | State University | 2012 - 2016", 1.0, False),
    ("", 1.0, False),
    ("SKILLS", 1.4, True),
    ("Python, Go, Kubernetes, PostgreSQL", 1.0, False),
]
"""(text, size relative to body text, bold) per line; "" is a blank line."""

_FONTS = Path("/usr/share/fonts/truetype/dejavu")


def _font(pixels: int, bold: bool) -> object:
    from PIL import ImageFont

    path = _FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if path.exists():
        return ImageFont.truetype(str(path), pixels)
    return ImageFont.load_default(size=pixels)


def page_image(lines: list[tuple[str, float, bool]] = SCANNED_RESUME, *, dpi: int = 200) -> bytes:
    """A letter-size page at ``dpi`` with ``lines`` drawn in black on white, as JPEG bytes."""
    from PIL import Image, ImageDraw

    width, height = int(8.5 * dpi), int(11 * dpi)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    body = round(11 / 72 * dpi)  # 11 pt text
    y = dpi  # one-inch margins
    for text, scale, bold in lines:
        size = round(body * scale)
        if text:
            draw.text((dpi, y), text, fill=0, font=_font(size, bold))  # type: ignore[arg-type]
        y += round(size * 1.6)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def _image_object(jpeg: bytes, dpi: int) -> bytes:
    width, height = int(8.5 * dpi), int(11 * dpi)
    return stream(
        jpeg,
        b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /DCTDecode " % (width, height),
    )


def _image_page(*, contents: int, image: int) -> bytes:
    return (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /XObject << /Im1 %d 0 R >> >> /Contents %d 0 R >>" % (image, contents)
    )


def scanned_pdf(lines: list[tuple[str, float, bool]] = SCANNED_RESUME, *, dpi: int = 200) -> bytes:
    """A one-page PDF that is only an image of ``lines``: no text layer, as a scanner makes."""
    return write_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            _image_page(contents=4, image=5),
            stream(b"q 612 0 0 792 0 0 cm /Im1 Do Q"),
            _image_object(page_image(lines, dpi=dpi), dpi),
        ]
    )


TEXT_PAGE = [
    ("Jane Roe", 72, 720, 20),
    ("jane.roe@example.com | (555) 010-2030", 72, 700, 10),
    ("Experience", 72, 670, 14),
    ("Senior Engineer | Acme Corp | Jan 2020 - Present", 72, 650, 10),
]
SCANNED_SECOND_PAGE = [
    ("EDUCATION", 1.4, True),
    ("BSc Computer Science | State University | 2012 - 2016", 1.0, False),
    ("", 1.0, False),
    ("SKILLS", 1.4, True),
    ("Python, Go, Kubernetes, PostgreSQL", 1.0, False),
]


def text_then_scanned_pdf(dpi: int = 200) -> bytes:
    """Page 1 has a text layer; page 2 is a scan (education and skills)."""
    return write_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R 6 0 R] /Count 2 >>",
            HELVETICA,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents 5 0 R >>",
            stream(text_content(TEXT_PAGE)),
            _image_page(contents=7, image=8),
            stream(b"q 612 0 0 792 0 0 cm /Im1 Do Q"),
            _image_object(page_image(SCANNED_SECOND_PAGE, dpi=dpi), dpi),
        ]
    )
