"""Hostile and unusual PDFs, written byte by byte so nothing binary is committed.

``write_pdf`` lays out numbered objects with a correct cross-reference table; each builder returns the
bytes of one kind of trouble from SECURITY.md's list.
"""

from __future__ import annotations

import io
import zipfile
import zlib

HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def stream(data: bytes, extra: bytes = b"", *, deflate: bool = False) -> bytes:
    """A stream object body; ``deflate`` compresses it with /FlateDecode."""
    if deflate:
        data = zlib.compress(data, 9)
        extra = b"/Filter /FlateDecode " + extra
    return b"<< %s/Length %d >>\nstream\n%s\nendstream" % (extra, len(data), data)


def write_pdf(
    objects: list[bytes],
    *,
    trailer: bytes = b"",
    xref: bool = True,
    eof: bool = True,
    startxref: int | None = None,
) -> bytes:
    """A PDF holding ``objects`` numbered from 1 (object 1 is the catalog).

    ``trailer`` adds entries to the trailer dictionary; ``xref=False`` leaves the table out,
    ``startxref`` points the reader somewhere else and ``eof=False`` drops the final ``%%EOF``.
    """
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table = len(out)
    if xref:
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n" % (
        len(objects) + 1,
        trailer,
        table if startxref is None else startxref,
    )
    if eof:
        out += b"%%EOF\n"
    return bytes(out)


def text_content(lines: list[tuple[str, float, float, float]]) -> bytes:
    """Content-stream operators drawing Helvetica ``(text, x, y, size)`` lines with font /F1."""
    return b"\n".join(
        b"BT /F1 %g Tf %g %g Td (%s) Tj ET" % (size, x, y, text.encode("cp1252"))
        for text, x, y, size in lines
    )


RESUME_LINES = [
    ("Jane Roe", 72, 720, 20),
    ("jane.roe@example.com | (555) 010-2030", 72, 700, 10),
    ("Experience", 72, 670, 14),
    ("Engineer | Acme Corp | 2019 - 2021", 72, 650, 10),
    ("Education", 72, 620, 14),
    ("BSc Physics | State University | 2015 - 2019", 72, 600, 10),
]


def one_page(content: bytes, resources: bytes = b"/Font << /F1 3 0 R >>", *extra: bytes) -> bytes:
    """A one-page PDF: catalog 1, pages 2, font 3, page 4, content 5, then ``extra`` objects from 6."""
    return write_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
            HELVETICA,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << %s >> /Contents 5 0 R >>"
            % resources,
            stream(content),
            *extra,
        ]
    )


def resume() -> bytes:
    """A small, well-formed one-page resume."""
    return one_page(text_content(RESUME_LINES))


def inflating_to(megabytes: int, fill: bytes = b" ") -> bytes:
    """A zlib stream that inflates to ``megabytes`` MiB of ``fill``, built from one compressed MiB
    repeated (each segment ends with a full flush, so segments are identical and independent)."""
    chunk = fill * (1024 * 1024 // len(fill))
    compressor = zlib.compressobj(9)
    head = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    segment = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    checksum = 1
    for _ in range(megabytes):
        checksum = zlib.adler32(chunk, checksum)
    final_empty_block = b"\x03\x00"
    return head + segment * (megabytes - 1) + final_empty_block + checksum.to_bytes(4, "big")


def flate_bomb(megabytes: int = 2048) -> bytes:
    """A page whose one content stream inflates to ``megabytes`` MiB of spaces (about 1000:1)."""
    data = inflating_to(megabytes)
    return one_page_raw(b"<< /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream" % (len(data), data))


def text_bomb(repeats: int = 2_000_000) -> bytes:
    """A page drawing millions of characters from a small compressed stream."""
    content = b"BT /F1 1 Tf 10 10 Td " + b"(xxxxxxxxxx) Tj " * repeats + b"ET"
    return one_page_raw(stream(content, deflate=True))


def one_page_raw(content_object: bytes, resources: bytes = b"/Font << /F1 3 0 R >>") -> bytes:
    return write_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
            HELVETICA,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << %s >> /Contents 5 0 R >>"
            % resources,
            content_object,
        ]
    )


def page_tree_loop(count: int = 2) -> bytes:
    """A page tree whose /Kids lead back to an ancestor (2 -> 3 -> 2) next to one real page."""
    return write_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R 5 0 R] /Count %d >>" % count,
            b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count %d >>" % count,
            HELVETICA,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
            b"/Contents 6 0 R >>",
            stream(text_content(RESUME_LINES)),
        ]
    )


def xref_loop() -> bytes:
    """A resume followed by two cross-reference sections whose /Prev entries point at each other."""
    body = bytearray(resume())
    first = len(body)
    second = first + len(_xref_section(0))
    body += _xref_section(second) + _xref_section(first)
    body += b"startxref\n%d\n%%%%EOF\n" % second
    return bytes(body)


def _xref_section(previous: int) -> bytes:
    return b"xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 6 /Root 1 0 R /Prev %010d >>\n" % previous


def xref_loop_only() -> bytes:
    """Nothing but two cross-reference sections pointing at each other: no objects to recover."""
    body = bytearray(b"%PDF-1.7\n")
    first = len(body)
    second = first + len(_xref_section(0))
    body += _xref_section(second) + _xref_section(first)
    body += b"startxref\n%d\n%%%%EOF\n" % second
    return bytes(body)


def recursive_xobjects(fan_out: int = 8) -> bytes:
    """A form XObject that draws itself ``fan_out`` times (unbounded recursion, exponential fan-out)."""
    draw = b" ".join(b"q /X1 Do Q" for _ in range(fan_out)) + b" BT /F1 10 Tf 72 700 Td (Loop) Tj ET"
    form = stream(
        draw,
        b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /X1 6 0 R >> "
        b"/Font << /F1 3 0 R >> >> ",
    )
    return one_page(
        b"q /X1 Do Q " + text_content(RESUME_LINES),
        b"/Font << /F1 3 0 R >> /XObject << /X1 6 0 R >>",
        form,
    )


def huge_image(side: int = 200_000) -> bytes:
    """A page with a tiny deflated image that declares ``side`` x ``side`` pixels, and a line of text."""
    pixels = zlib.compress(b"\xff" * 4096)
    image = b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB " % (side, side)
    image += b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream" % (
        len(pixels),
        pixels,
    )
    return one_page(
        b"q 612 0 0 792 0 0 cm /Im1 Do Q " + text_content(RESUME_LINES),
        b"/Font << /F1 3 0 R >> /XObject << /Im1 6 0 R >>",
        image,
    )


def huge_image_only(side: int = 200_000) -> bytes:
    """Like ``huge_image`` but with no text at all, so a reader that OCRs must render the image."""
    pixels = zlib.compress(b"\x80" * 4096)
    image = b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray " % (side, side)
    image += b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream" % (
        len(pixels),
        pixels,
    )
    return one_page(b"q 612 0 0 792 0 0 cm /Im1 Do Q", b"/XObject << /Im1 6 0 R >>", image)


def garbage_after_header() -> bytes:
    return b"%PDF-1.7\n" + bytes(range(256)) * 64 + b"\n%%EOF\n"


def without_eof() -> bytes:
    return write_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
            HELVETICA,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents 5 0 R >>",
            stream(text_content(RESUME_LINES)),
        ],
        eof=False,
    )


def encrypted() -> bytes:
    """A resume with an RC4 /Encrypt dictionary whose user password is not empty."""
    return write_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
            HELVETICA,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents 5 0 R >>",
            stream(text_content(RESUME_LINES)),
            b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -44 >>" % (b"11" * 32, b"22" * 32),
        ],
        trailer=b"/Encrypt 6 0 R /ID [<%s> <%s>] " % (b"ab" * 16, b"ab" * 16),
    )


def javascript() -> bytes:
    """A resume whose catalog runs JavaScript on open and names a launch action."""
    return write_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R /Names << /JavaScript 7 0 R >> >>",
            b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
            HELVETICA,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents 5 0 R /AA << /O 8 0 R >> >>",
            stream(text_content(RESUME_LINES)),
            b"<< /Type /Action /S /JavaScript /JS (app.alert\\('pwned'\\); while\\(true\\){}) >>",
            b"<< /Names [(x) 6 0 R] >>",
            b"<< /Type /Action /S /Launch /F (/bin/sh) >>",
        ]
    )


def zip_polyglot() -> bytes:
    """A valid PDF with a ZIP archive appended (both readers accept it)."""
    payload = io.BytesIO()
    with zipfile.ZipFile(payload, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return resume() + payload.getvalue()


def pages(count: int) -> bytes:
    """A resume of ``count`` pages, one line of text each."""
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
        HELVETICA,
    ]
    for index in range(count):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents %d 0 R >>" % (5 + 2 * index)
        )
        objects.append(stream(text_content([(f"Page {index + 1} Experience", 72, 700, 12)])))
    return write_pdf(objects)
