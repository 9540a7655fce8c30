"""StandardDocumentParser: the DocumentParser port for PDF, DOCX, plain text and Markdown.

It checks size and type first (``sniff``), then reads the file with the format's parser and builds
sections and facts with ``resumax_core.analysis``. PDF and DOCX are read in a pool of limited worker
processes (``isolation``), so a hostile file costs at most one killed worker; text and Markdown, cheap and
bounded by the upload size, are read in a thread of this process.
"""

from __future__ import annotations

import asyncio
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from types import TracebackType
from typing import Self

from resumax_adapters.parsing.isolation import Limits, ParserPool
from resumax_adapters.parsing.ocr import find_ocr_engine
from resumax_adapters.parsing.readers import FormatReaders, ReaderOptions
from resumax_adapters.parsing.sniff import DEFAULT_MAX_BYTES, sniff
from resumax_core.entities import ParsedDocument
from resumax_core.errors import EmptyDocument, ParseLimitExceeded

_ISOLATED_FORMATS = frozenset({"pdf", "docx"})


class StandardDocumentParser:
    """Reads PDF (pypdfium2), DOCX (python-docx), text and Markdown; scanned PDF pages with tesseract.

    - ``max_bytes`` bounds the upload, ``max_pages`` a PDF's pages;
    - ``timeout`` (seconds, None for none) bounds reading one document, in wall-clock and CPU time;
      past it ``ParseLimitExceeded`` is raised;
    - ``memory_limit_mb`` bounds a worker process's address space (None for no bound);
    - ``isolate=False`` reads every format in a thread of this process instead: no memory bound, and a
      timed-out read is abandoned rather than stopped;
    - ``ocr``: True requires OCR (``RuntimeError`` here when it is not installed), False never uses it,
      None uses it when pytesseract and the tesseract program are installed;
    - ``workers`` is how many documents are read at once (one process each).

    Worker processes start on the first PDF or DOCX; release them with ``close``/``aclose`` (or
    ``async with``). A closed parser still works: it starts new workers when needed.
    """

    def __init__(
        self,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_pages: int = 20,
        timeout: float | None = 60.0,
        memory_limit_mb: int | None = 1024,
        isolate: bool = True,
        ocr: bool | None = None,
        workers: int = 2,
    ) -> None:
        self.max_bytes = max_bytes
        self.max_pages = max_pages
        self.timeout = timeout
        self.memory_limit_mb = memory_limit_mb
        self.isolate = isolate
        options = ReaderOptions(max_pages=max_pages, ocr=find_ocr_engine(ocr))
        self.ocr = options.ocr is not None
        self._readers = FormatReaders(options)
        self._pool: ParserPool | None = None
        if isolate:
            limits = Limits(memory_mb=memory_limit_mb, seconds=timeout, cpu_seconds=timeout)
            self._pool = ParserPool(options, limits, workers=workers)
        self._threads: ThreadPoolExecutor | None = None
        self._threads_lock = threading.Lock()

    @property
    def pool(self) -> ParserPool | None:
        """The worker processes (None when ``isolate`` is False)."""
        return self._pool

    async def parse(self, data: bytes, media_type: str) -> ParsedDocument:
        """See ``resumax_core.ports.document_parser``: a document in reading order, or a DocumentError."""
        if len(data) > 64 * 1024:  # sniffing a large upload decodes it: keep that off the event loop
            kind = await asyncio.to_thread(sniff, data, media_type, max_bytes=self.max_bytes)
        else:
            kind = sniff(data, media_type, max_bytes=self.max_bytes)
        if self._pool is not None and kind in _ISOLATED_FORMATS:
            loop = asyncio.get_running_loop()
            document = await loop.run_in_executor(self._executor(), self._pool.read, kind, data)
        else:
            try:
                document = await asyncio.wait_for(
                    asyncio.to_thread(self._readers.read, kind, data), self.timeout
                )
            except TimeoutError as exc:
                raise ParseLimitExceeded(
                    f"Reading the document took longer than {self.timeout:g} s.",
                    details={"limit": "time", "seconds": self.timeout},
                ) from exc
        if not document.sections:
            raise EmptyDocument()
        return document

    def read(self, data: bytes, kind: str) -> ParsedDocument:
        """Read bytes already sniffed as ``kind`` ("pdf", "docx", "text", "markdown") in this thread,
        without isolation; blocking."""
        return self._readers.read(kind, data)

    def close(self) -> None:
        """Stop the worker processes and threads (blocking, up to a few seconds when a read is running)."""
        if self._pool is not None:
            self._pool.close()
        with self._threads_lock:
            threads, self._threads = self._threads, None
        if threads is not None:
            threads.shutdown(wait=True)

    async def aclose(self) -> None:
        """``close`` without blocking the event loop."""
        await asyncio.to_thread(self.close)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    def _executor(self) -> ThreadPoolExecutor:
        """Threads that wait on the workers: as many as workers, so waiting never starves the event
        loop's default executor."""
        with self._threads_lock:
            if self._threads is None:
                assert self._pool is not None
                self._threads = ThreadPoolExecutor(
                    max_workers=self._pool.workers, thread_name_prefix=f"resumax-parse-{os.getpid()}"
                )
            return self._threads
