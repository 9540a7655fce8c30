"""A reader for worker processes that misbehaves on demand (imported by the workers, so it lives in a
plain module): the "kind" names what to do instead of reading."""

from __future__ import annotations

import ctypes
import os
import signal
import time

from resumax_adapters.parsing.readers import FormatReaders, ReaderOptions
from resumax_core.entities import Block, BlockKind, ParsedDocument, Section, SectionKind


class Unpicklable(Exception):
    def __init__(self, *, reason: str) -> None:
        super().__init__(reason)
        self.hook = lambda: reason


class MisbehavingReader:
    """Reads "pdf"/"docx"/"text" normally; other kinds hang, spin, allocate, crash or raise."""

    def __init__(self, options: ReaderOptions) -> None:
        self._readers = FormatReaders(options)

    def read(self, kind: str, data: bytes) -> ParsedDocument:
        if kind == "pid":
            return _document(str(os.getpid()))
        if kind == "sleep":
            time.sleep(float(data or b"3600"))
            return _document("woke up")
        if kind == "spin":
            while True:
                pass
        if kind == "allocate":
            hoard = [bytearray(64 * 1024 * 1024) for _ in range(1024)]
            return _document(str(len(hoard)))
        if kind == "abort":
            os.abort()
        if kind == "segfault":
            ctypes.string_at(0)
        if kind == "exit":
            os._exit(3)
        if kind == "term":
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)
        if kind == "raise":
            raise ValueError("a bug in a reader")
        if kind == "unpicklable":
            raise Unpicklable(reason="cannot cross a pipe")
        return self._readers.read(kind, data)


def _document(text: str) -> ParsedDocument:
    block = Block(BlockKind.TEXT, text)
    return ParsedDocument(sections=(Section(SectionKind.SUMMARY, "", (block,)),), warnings=(text,))


class FailingOcr:
    """An OCR engine whose program always fails (as a missing language pack or a crash would)."""

    def recognise(self, image: object, dpi: int) -> list[object]:
        from resumax_adapters.parsing.ocr import OcrFailed

        raise OcrFailed("tesseract exited with status 1")
