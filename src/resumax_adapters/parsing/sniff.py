"""What a file really is, from its bytes, checked against what the uploader declared.

``sniff`` looks only at magic bytes and (for ZIP) the central directory; it never decompresses anything.
Formats are the short names of ``SUPPORTED_MEDIA_TYPES``: "pdf", "docx", "text" (plain text and Markdown).
"""

from __future__ import annotations

import io
import re
import struct
import zipfile

from resumax_core.errors import (
    CorruptDocument,
    EmptyDocument,
    EncryptedDocument,
    FileTooLarge,
    FileTypeMismatch,
    UnsafeDocument,
    UnsupportedFileType,
)
from resumax_core.ports.document_parser import SUPPORTED_MEDIA_TYPES

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_ZIP_ENTRIES = 1000
"""More entries than any Word document has; the archive is refused before its directory is parsed."""
UNDECLARED_MEDIA_TYPES = frozenset({"", "application/octet-stream"})
"""Media types that declare nothing; the content alone decides."""

_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
_EOCD = b"PK\x05\x06"
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_EOCD64_LOCATOR = b"PK\x06\x07"
_EOCD64 = b"PK\x06\x06"
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
"""Password-protected .docx files are OLE compound files holding this stream."""


def declared_format(media_type: str) -> str | None:
    """The format a media type declares ("pdf", "docx", "text", "markdown"), None for "anything".

    Parameters such as ``; charset=utf-8`` are ignored. Raises ``UnsupportedFileType`` for a media type
    resuMAX does not read.
    """
    bare = media_type.split(";", 1)[0].strip().lower()
    if bare in UNDECLARED_MEDIA_TYPES:
        return None
    try:
        return SUPPORTED_MEDIA_TYPES[bare]
    except KeyError:
        raise UnsupportedFileType(details={"mediaType": bare[:100]}) from None


def decode_text(data: bytes) -> str | None:
    """The text of ``data`` when it is UTF-8 (BOM optional) or UTF-16 with a BOM and holds no NUL or
    binary control characters; None otherwise."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return None
        text = text.removeprefix("\ufeff")
    if "\x00" in text:
        return None
    controls = len(_CONTROLS.findall(text))
    return None if controls > max(2, len(text) // 100) else text


def _has_trailing_zip_directory(data: bytes) -> bool:
    """True when a ZIP end-of-central-directory record ends the file, as in PDF/ZIP polyglots."""
    tail_start = max(0, len(data) - 65_557)
    position = data.rfind(_EOCD, tail_start)
    while position != -1:
        if position + 22 <= len(data):
            (comment_length,) = struct.unpack_from("<H", data, position + 20)
            if position + 22 + comment_length == len(data):
                return True
        position = data.rfind(_EOCD, tail_start, position)
    return False


def zip_entry_count(data: bytes) -> int | None:
    """How many entries a ZIP's end record declares (ZIP64 aware), without parsing the directory; None
    when there is no end record."""
    position = data.rfind(_EOCD, max(0, len(data) - 65_557))
    if position == -1 or position + 22 > len(data):
        return None
    (count,) = struct.unpack_from("<H", data, position + 10)
    locator = position - 20
    if count == 0xFFFF and locator >= 0 and data[locator : locator + 4] == _EOCD64_LOCATOR:
        (record,) = struct.unpack_from("<Q", data, locator + 8)
        if record + 56 <= len(data) and data[record : record + 4] == _EOCD64:
            (count,) = struct.unpack_from("<Q", data, record + 32)
    return int(count)


def _zip_names(data: bytes) -> list[str]:
    count = zip_entry_count(data)
    if count is not None and count > MAX_ZIP_ENTRIES:
        raise UnsafeDocument("The DOCX archive has too many entries.", details={"entries": count})
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.namelist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        ValueError,
        EOFError,
        NotImplementedError,
    ) as exc:
        raise CorruptDocument("The DOCX file is damaged or truncated.") from exc


_EXPECTED_MAGIC = {"pdf": "pdf", "docx": "zip", "text": "text", "markdown": "text"}


def _magic(data: bytes) -> str:
    """The container the first bytes announce: "pdf", "zip", "cfb" (old Office), "text" or "unknown"."""
    head = data[:1024]
    pdf_at = head.find(_PDF_MAGIC)
    if data.startswith(_ZIP_MAGIC):
        return "zip"
    if pdf_at != -1 and (not head[:pdf_at].strip(b"\x00\t\n\r\f ") or decode_text(data) is None):
        return "pdf"
    if data.startswith(_CFB_MAGIC):
        return "cfb"
    return "text" if decode_text(data) is not None else "unknown"


def detect_format(data: bytes) -> str:
    """The real format of ``data``: "pdf", "docx" or "text".

    Raises ``FileTypeMismatch`` for PDF/ZIP polyglots, ZIP files that are not Word documents and old
    Office files, ``EncryptedDocument`` for a password-protected Word file, ``CorruptDocument`` for a
    damaged ZIP, ``UnsafeDocument`` for a ZIP of more than ``MAX_ZIP_ENTRIES`` entries,
    ``UnsupportedFileType`` for anything else.
    """
    head = data[:1024]
    pdf_at = head.find(_PDF_MAGIC)
    # PDF readers accept the header anywhere in the first KiB; a text file merely quoting it is still text.
    if pdf_at != -1 and (not head[:pdf_at].strip(b"\x00\t\n\r\f ") or decode_text(data) is None):
        if data.startswith(_ZIP_MAGIC) or _has_trailing_zip_directory(data):
            raise FileTypeMismatch("The file is both a PDF and a ZIP archive; upload a plain PDF.")
        return "pdf"
    if data.startswith(_ZIP_MAGIC):
        names = _zip_names(data)
        if "word/document.xml" not in names:
            raise FileTypeMismatch("The ZIP archive is not a Word (.docx) document.")
        return "docx"
    if data.startswith(_CFB_MAGIC):
        if _ENCRYPTED_PACKAGE in data:
            raise EncryptedDocument("The Word document is password-protected; save an unprotected copy.")
        raise FileTypeMismatch("This is an old Word (.doc) or other Office file; save it as .docx or PDF.")
    if decode_text(data) is not None:
        return "text"
    raise UnsupportedFileType("The file is not a PDF, a Word (.docx) document or UTF-8/UTF-16 text.")


def sniff(data: bytes, media_type: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Check size and type and return the format to parse with: "pdf", "docx", "text" or "markdown".

    Raises ``FileTooLarge`` above ``max_bytes``, ``EmptyDocument`` for no bytes or only whitespace,
    ``UnsupportedFileType`` for a media type resuMAX does not read (or undeclared content it does not
    recognise), and ``FileTypeMismatch`` when the content is not what was declared (text declared as
    Markdown is fine), including unrecognisable content and PDF/ZIP polyglots.
    """
    if len(data) > max_bytes:
        raise FileTooLarge(
            f"The file is larger than the {max_bytes / (1024 * 1024):g} MB allowed.",
            details={"maxBytes": max_bytes, "bytes": len(data)},
        )
    declared = declared_format(media_type)
    if not data.strip(b"\x00\t\n\r\f\v \xef\xbb\xbf"):
        raise EmptyDocument()
    magic = _magic(data)
    if declared is not None and magic != "cfb" and magic != _EXPECTED_MAGIC[declared]:
        raise FileTypeMismatch(details={"declared": declared, "detected": magic})
    try:
        actual = detect_format(data)
    except UnsupportedFileType:
        if declared is None:
            raise
        raise FileTypeMismatch(details={"declared": declared, "detected": "unknown"}) from None
    if declared is None:
        return actual
    if actual == "text" and declared in ("text", "markdown"):
        return declared
    if actual != declared:
        raise FileTypeMismatch(details={"declared": declared, "detected": actual})
    return actual
