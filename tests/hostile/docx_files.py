"""Hostile and unusual DOCX archives, built at test time from a small python-docx resume.

``rezip`` copies an archive with members replaced or added; ``raw_zip`` writes a ZIP by hand for what
``zipfile`` refuses to write (overlapping entries, sizes that lie).
"""

from __future__ import annotations

import base64
import functools
import io
import random
import struct
import zipfile
import zlib
from dataclasses import dataclass

import docx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def resume() -> bytes:
    """A small, well-formed one-page resume."""
    document = docx.Document()
    document.add_paragraph("Jane Roe")
    document.add_paragraph("jane.roe@example.com | (555) 010-2030")
    document.add_heading("Experience", level=1)
    document.add_paragraph("Engineer | Acme Corp | 2019 - 2021")
    document.add_paragraph("Built the billing service", style="List Bullet")
    document.add_heading("Education", level=1)
    document.add_paragraph("BSc Physics | State University | 2015 - 2019")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rezip(
    data: bytes,
    replace: dict[str, bytes] | None = None,
    extra: dict[str, bytes] | None = None,
    *,
    method: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """A copy of an archive with members replaced, removed (value b"") or added."""
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as target:
        items = list(members(data).items()) + list((extra or {}).items())
        for name, content in items:
            content = replace.get(name, content)
            if name in replace and not content:
                continue
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = method
            target.writestr(info, content)
    return out.getvalue()


def with_document_xml(body: bytes, declaration: bytes = b"") -> bytes:
    """The resume with ``word/document.xml`` replaced by ``declaration`` + a document holding ``body``."""
    xml = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        + declaration
        + b'<w:document xmlns:w="%s"><w:body>%s</w:body></w:document>' % (W_NS.encode(), body)
    )
    return rezip(resume(), replace={"word/document.xml": xml})


def paragraph(text: str) -> bytes:
    return b"<w:p><w:r><w:t>%s</w:t></w:r></w:p>" % text.encode()


def ratio_bomb() -> bytes:
    """``word/document.xml`` padded with 40 MB of spaces: a 40 KB file that inflates 1000 times."""
    return with_document_xml(paragraph("Jane Roe") + b" " * (40 * 1024 * 1024))


@functools.cache
def many_entries(count: int = 100_000) -> bytes:
    """A Word document plus ``count`` empty stored entries with short names (still under 10 MB)."""
    real = members(resume())
    local = []
    entries = []
    offset = 0
    empty = _deflate(b"")
    names = list(real) + [f"{index:x}" for index in range(count)]
    for name in names:
        content = real.get(name, b"")
        data = _deflate(content) if content else empty
        local.append((name, data, len(content), zlib.crc32(content)))
        entries.append(RawEntry(name, offset, data, len(content), zlib.crc32(content)))
        offset += 30 + len(name.encode()) + len(data)
    return raw_zip(local, entries)


@dataclass
class RawEntry:
    """One central-directory entry of a hand-written ZIP; ``offset`` points at a local header."""

    name: str
    offset: int
    data: bytes
    size: int
    crc: int
    method: int = 8
    flags: int = 0


def raw_zip(local: list[tuple[str, bytes, int, int]], entries: list[RawEntry], *, flags: int = 0) -> bytes:
    """A ZIP with local headers for ``local`` ``(name, deflated data, size, crc)`` written in order, and a
    central directory made of ``entries`` (whose offsets may point anywhere)."""
    out = bytearray()
    for name, data, size, crc in local:
        encoded = name.encode()
        out += struct.pack(
            "<4s5H3L2H", b"PK\x03\x04", 20, flags, 8, 0, 0x21, crc, len(data), size, len(encoded), 0
        )
        out += encoded + data
    directory = len(out)
    for entry in entries:
        encoded = entry.name.encode()
        out += struct.pack(
            "<4s6H3L5H2L",
            b"PK\x01\x02",
            20,
            20,
            entry.flags,
            entry.method,
            0,
            0x21,
            entry.crc,
            len(entry.data),
            entry.size,
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            entry.offset,
        )
        out += encoded
    size = len(out) - directory
    count = len(entries)
    if count > 0xFFFF:  # ZIP64 end records carry the real count
        record = len(out)
        out += struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, count, count, size, directory)
        out += struct.pack("<4sLQL", b"PK\x06\x07", 0, record, 1)
        count = 0xFFFF
    out += struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, size, directory, 0)
    return bytes(out)


def _deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def overlapping_entries(count: int = 40) -> bytes:
    """Fifield's overlapping-file zip bomb, tamed: ``count`` directory entries share one 900 KB kernel.

    No single entry is suspicious (ratio about 1.3) and the total stays under the archive cap; only the
    overlap gives it away.
    """
    noise = base64.b64encode(random.Random(7).randbytes(675 * 1024))
    kernel = _deflate(noise)
    crc = zlib.crc32(noise)
    names = ["[Content_Types].xml", "word/document.xml"] + [f"word/part{i}.xml" for i in range(count - 2)]
    entries = [RawEntry(name, 0, kernel, len(noise), crc) for name in names]
    return raw_zip([(names[0], kernel, len(noise), crc)], entries)


def rebuilt(
    contents: dict[str, bytes] | None = None, declared: dict[str, int] | None = None, *, flags: int = 0
) -> bytes:
    """The resume written by ``raw_zip``: ``contents`` replaces members, ``declared`` lies about the
    uncompressed size of some, ``flags`` sets general-purpose bits on all."""
    real = members(resume()) | (contents or {})
    local = []
    entries = []
    offset = 0
    for name, content in real.items():
        data = _deflate(content)
        size = (declared or {}).get(name, len(content))
        local.append((name, data, size, zlib.crc32(content)))
        entries.append(RawEntry(name, offset, data, size, zlib.crc32(content), flags=flags))
        offset += 30 + len(name.encode()) + len(data)
    return raw_zip(local, entries, flags=flags)


def lying_sizes() -> bytes:
    """``word/document.xml`` declares 2 KB but its data inflates to 8 MB of XML."""
    document = members(resume())["word/document.xml"]
    padded = document.replace(b"<w:body>", b"<w:body>" + b"<w:p/>" * (8 * 1024 * 1024 // 6), 1)
    return rebuilt({"word/document.xml": padded}, {"word/document.xml": 2048})


def huge_declared_size() -> bytes:
    """A tiny archive whose ``word/document.xml`` claims to expand to 4 GB."""
    return rebuilt(declared={"word/document.xml": 0xFFFF0000})


BILLION_LAUGHS = (
    b'<!DOCTYPE w:document [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (level, (b"&lol%d;" % (level - 1) if level > 1 else b"&lol;") * 10)
        for level in range(1, 10)
    )
    + b"]>"
)


def billion_laughs() -> bytes:
    return with_document_xml(
        paragraph("Jane Roe") + b"<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>", BILLION_LAUGHS
    )


def xxe(part: str = "word/document.xml", *, utf16: bool = False) -> bytes:
    """An external entity reading /etc/passwd, declared in ``part`` (optionally encoded as UTF-16)."""
    original = members(resume())[part]
    declaration, _, body = original.partition(b"?>")
    root = body.lstrip()[1:].split(b" ", 1)[0].split(b">", 1)[0].decode()
    xml = (
        declaration
        + b"?>"
        + f'<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'.encode()
        + body.replace(b"Jane Roe", b"&xxe;", 1)
    )
    if utf16:
        xml = xml.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    return rezip(resume(), replace={part: xml})


def zip_slip(name: str = "../../evil.txt") -> bytes:
    return rezip(resume(), extra={name: b"owned"})


def symlink_entry() -> bytes:
    """An entry marked as a symbolic link to /etc/passwd."""
    out = io.BytesIO(rezip(resume()))
    with zipfile.ZipFile(out, "a") as archive:
        info = zipfile.ZipInfo("word/link.xml")
        info.create_system = 3
        info.external_attr = (0o120777 << 16) | 0
        archive.writestr(info, "/etc/passwd")
    return out.getvalue()


def deeply_nested(depth: int = 1000) -> bytes:
    """A paragraph buried under ``depth`` nested content controls."""
    opening = b"<w:sdt><w:sdtContent>" * depth
    closing = b"</w:sdtContent></w:sdt>" * depth
    return with_document_xml(paragraph("Jane Roe") + opening + paragraph("deep") + closing)


def long_run(megabytes: int = 50, *, period: int = 4096) -> bytes:
    """One run holding ``megabytes`` MB of words repeating every ``period`` bytes: a short period
    compresses like any bomb that fits an upload; one beyond deflate's 32 KB window barely compresses."""
    words = [b"lorem", b"ipsum", b"dolor", b"sit", b"amet", b"consectetur", b"adipiscing", b"elit"]
    generator = random.Random(11)
    chunk = b" ".join(generator.choice(words) for _ in range(period // 5))[:period]
    text = chunk * (megabytes * 1024 * 1024 // len(chunk))
    return with_document_xml(paragraph("Jane Roe") + b"<w:p><w:r><w:t>" + text + b"</w:t></w:r></w:p>")


def truncated() -> bytes:
    data = resume()
    return data[: len(data) * 2 // 3]


def encrypted_entries() -> bytes:
    """Entries flagged as encrypted (traditional PKWARE encryption)."""
    return rebuilt(flags=0x1)


def ole_encrypted() -> bytes:
    """What Word saves for a password-protected document: an OLE compound file with an EncryptedPackage."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    return header + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 4096


def missing_content_types() -> bytes:
    return rezip(resume(), replace={"[Content_Types].xml": b""})
