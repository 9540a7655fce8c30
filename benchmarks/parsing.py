"""Parsing and rendering speed on the sample corpus (``nox -s bench``): prints figures, asserts nothing.

- PDF parse time per page (median, p90 over the corpus PDFs) through the production parser (worker
  processes), beside raw text extraction by pypdfium2 in the same run, and the ratio;
- DOCX parse time; the worker overhead per document (a tiny text read through a worker against the
  same read in this process) and the cost of starting workers (cold fork server, then a warm fork);
- PDF and DOCX render times with ``StandardDocumentRenderer``;
- peak resident memory of this process and of the parser workers.

Each timing is the median of ``--runs`` runs (default 5) after one warm-up.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
GOAL_MS_PER_PAGE = 50.0
GOAL_RAW_RATIO = 10.0
GOAL_RENDER_PDF_MS = 300.0
GOAL_RENDER_DOCX_MS = 100.0


def _corpus() -> Path:
    configured = os.environ.get("RESUMAX_CORPUS_DIR")
    return Path(configured) if configured else REPO.parent / "shared" / "corpus"


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def _p90_ms(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))] * 1000


async def _timed(runs: int, call: Callable[[], Awaitable[Any]]) -> list[float]:
    await call()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        await call()
        samples.append(time.perf_counter() - started)
    return samples


def _raw_text(data: bytes) -> int:
    """pypdfium2's own text extraction of every page, the floor any PDF reader starts from."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        chars = 0
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            chars += len(textpage.get_text_bounded())
            textpage.close()
            page.close()
        return chars
    finally:
        document.close()


def _goal(value: float, goal: float) -> str:
    return f"(goal <= {goal:g}: {'met' if value <= goal else 'NOT met'})"


async def bench(runs: int) -> None:
    import pypdfium2 as pdfium

    from resumax_adapters.parsing.readers import FormatReaders, ReaderOptions
    from resumax_adapters.parsing.standard import StandardDocumentParser
    from resumax_adapters.rendering.standard import StandardDocumentRenderer
    from resumax_core.entities import ExportFormat

    corpus = _corpus() / "resumes"
    if not corpus.is_dir():
        print(f"no corpus at {corpus.parent}; set RESUMAX_CORPUS_DIR")
        return
    pdfs = sorted(corpus.glob("*.pdf"))
    docxs = sorted(corpus.glob("*.docx"))
    mime = {".pdf": "application/pdf", ".docx": _DOCX}
    print(f"resuMAX parsing benchmark — Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {runs} runs")

    started = time.perf_counter()
    parser = StandardDocumentParser()
    await parser.parse(pdfs[0].read_bytes(), mime[".pdf"])
    cold = time.perf_counter() - started
    assert parser.pool is not None
    try:
        per_page: list[float] = []
        raw_per_page: list[float] = []
        rows = []
        for path in pdfs:
            data = path.read_bytes()
            pages = len(pdfium.PdfDocument(data))
            parsed = await _timed(runs, lambda data=data: parser.parse(data, mime[".pdf"]))
            raw = await _timed(runs, lambda data=data: asyncio.to_thread(_raw_text, data))
            per_page.append(statistics.median(parsed) / pages)
            raw_per_page.append(statistics.median(raw) / pages)
            rows.append((path.name, pages, _median_ms(parsed) / pages, _median_ms(raw) / pages))
        print("\nPDF parse, per page (worker process; raw = pypdfium2 get_text_bounded in this process)")
        for name, pages, ms, raw_ms in rows:
            print(f"  {name:<46} {pages} p  {ms:7.1f} ms/page  raw {raw_ms:5.1f}  x{ms / raw_ms:5.1f}")
        median = _median_ms(per_page)
        ratio = median / _median_ms(raw_per_page)
        print(
            f"  median {median:.1f} ms/page {_goal(median, GOAL_MS_PER_PAGE)}, p90 {_p90_ms(per_page):.1f} "
            f"ms/page; raw median {_median_ms(raw_per_page):.1f} ms/page; ratio x{ratio:.1f} "
            f"{_goal(ratio, GOAL_RAW_RATIO)}"
        )

        print("\nDOCX parse (worker process)")
        for path in docxs:
            data = path.read_bytes()
            parsed = await _timed(runs, lambda data=data: parser.parse(data, mime[".docx"]))
            print(f"  {path.name:<46} median {_median_ms(parsed):6.1f} ms")

        readers = FormatReaders(ReaderOptions())
        tiny = b"Jane Roe\njane@example.com\n\nEXPERIENCE\nEngineer | Acme | 2020 - 2021\n"
        pool = parser.pool
        through_worker = await _timed(
            runs * 4, lambda: asyncio.get_running_loop().run_in_executor(None, pool.read, "text", tiny)
        )
        in_process = await _timed(runs * 4, lambda: asyncio.to_thread(readers.read, "text", tiny))
        overhead = _median_ms(through_worker) - _median_ms(in_process)
        await parser.aclose()
        started = time.perf_counter()
        await parser.parse(pdfs[0].read_bytes(), mime[".pdf"])
        warm = time.perf_counter() - started
        print("\nWorker processes")
        worker_ms, local_ms = _median_ms(through_worker), _median_ms(in_process)
        print(
            f"  overhead per document {overhead:.2f} ms (text read through a worker {worker_ms:.2f} ms "
            f"vs in this process {local_ms:.2f} ms)"
        )
        print(
            f"  first parse with a cold fork server {cold * 1000:.0f} ms; after close, first parse with a "
            f"fresh worker {warm * 1000:.0f} ms; start method {pool.start_method}"
        )

        renderer = StandardDocumentRenderer()
        source = await parser.parse((corpus / "rm_john_doe_fullstack_latex.pdf").read_bytes(), mime[".pdf"])
        pdf_render = await _timed(runs, lambda: renderer.render(source, ExportFormat.PDF))
        docx_render = await _timed(runs, lambda: renderer.render(source, ExportFormat.DOCX))
        print("\nRendering rm_john_doe_fullstack_latex (parsed) with StandardDocumentRenderer")
        pdf_ms, docx_ms = _median_ms(pdf_render), _median_ms(docx_render)
        print(f"  PDF  median {pdf_ms:6.1f} ms {_goal(pdf_ms, GOAL_RENDER_PDF_MS)}")
        print(f"  DOCX median {docx_ms:6.1f} ms {_goal(docx_ms, GOAL_RENDER_DOCX_MS)}")

        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print("\nPeak resident memory")
        print(f"  this process {own:.0f} MB; a parser worker {pool.peak_memory_mb:.0f} MB")
    finally:
        await parser.aclose()


_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def main(argv: list[str] | None = None) -> None:
    """Measure and print; ``argv`` takes ``--runs N``."""
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--runs", type=int, default=5)
    args = options.parse_args(argv)
    asyncio.run(bench(args.runs))


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    main()
