"""The worker processes: limits turn into clear errors, a dying worker harms nobody else, and the pool
restarts, recycles and shuts down cleanly (pytest runs with warnings as errors, so leaks fail here)."""

from __future__ import annotations

import asyncio
import multiprocessing
import multiprocessing.pool
import os
import signal
import time
from collections.abc import Iterator

import pytest

from resumax_adapters.parsing.isolation import Limits, ParserPool
from resumax_adapters.parsing.readers import ReaderOptions
from resumax_adapters.parsing.standard import StandardDocumentParser
from resumax_core.errors import CorruptDocument, ParseLimitExceeded, Unavailable
from tests.hostile import pdf_files
from tests.hostile.harness import BOUND_SECONDS, DOCX, PDF, assert_still_reads, error_code, parse_bounded
from tests.hostile.misbehaving import MisbehavingReader

LIMITS = Limits(memory_mb=512, seconds=5.0, cpu_seconds=5.0)


def _pool(limits: Limits = LIMITS, **options: int) -> ParserPool:
    return ParserPool(ReaderOptions(), limits, reader_factory=MisbehavingReader, **options)


@pytest.fixture
def pool() -> Iterator[ParserPool]:
    """One worker, so that consecutive reads meet the same process unless it was replaced."""
    pool = _pool(workers=1)
    yield pool
    pool.close()


def _pid(pool: ParserPool) -> str:
    return pool.read("pid", b"").warnings[0]


def _assert_reads(pool: ParserPool) -> None:
    assert pool.read("pdf", pdf_files.resume()).contact.email == "jane.roe@example.com"


def _timed(pool: ParserPool, kind: str, data: bytes = b"") -> tuple[Exception, float]:
    started = time.monotonic()
    with pytest.raises(Exception) as caught:
        pool.read(kind, data)
    return caught.value, time.monotonic() - started  # type: ignore[return-value]


def test_a_hung_read_is_killed_at_the_wall_time_limit() -> None:
    pool = _pool(Limits(memory_mb=512, seconds=1.5, cpu_seconds=1.5), workers=1)
    try:
        error, elapsed = _timed(pool, "sleep")
        assert isinstance(error, ParseLimitExceeded) and error.details["limit"] == "time"
        assert "longer than 1.5 s" in error.message
        assert 1.5 <= elapsed < 1.5 + BOUND_SECONDS
        _assert_reads(pool)
    finally:
        pool.close()


def test_cpu_time_is_limited_in_the_worker() -> None:
    pool = _pool(Limits(memory_mb=512, seconds=None, cpu_seconds=1.0))
    try:
        error, elapsed = _timed(pool, "spin")
        assert isinstance(error, ParseLimitExceeded) and error.details["limit"] == "cpu"
        assert elapsed < BOUND_SECONDS
        _assert_reads(pool)
        error, _ = _timed(pool, "spin")  # the limit is re-armed for every document
        assert isinstance(error, ParseLimitExceeded)
    finally:
        pool.close()


def test_running_out_of_memory_is_a_limit_and_the_worker_is_replaced(pool: ParserPool) -> None:
    before = _pid(pool)
    error, elapsed = _timed(pool, "allocate")
    assert isinstance(error, ParseLimitExceeded) and error.details == {"limit": "memory", "megabytes": 512}
    assert elapsed < BOUND_SECONDS
    assert _pid(pool) != before
    _assert_reads(pool)


@pytest.mark.parametrize(("kind", "signal_name"), [("segfault", "SIGSEGV"), ("term", "SIGTERM")])
def test_a_crashing_worker_is_a_corrupt_document(pool: ParserPool, kind: str, signal_name: str) -> None:
    error, _ = _timed(pool, kind)
    assert isinstance(error, CorruptDocument)
    assert signal_name in error.message
    _assert_reads(pool)


def test_an_abort_is_a_crash_without_a_memory_limit_and_memory_with_one() -> None:
    unlimited = _pool(Limits(memory_mb=None, seconds=5.0, cpu_seconds=5.0))
    limited = _pool()
    try:
        assert isinstance(_timed(unlimited, "abort")[0], CorruptDocument)
        assert isinstance(_timed(limited, "abort")[0], ParseLimitExceeded)
        _assert_reads(unlimited)
        _assert_reads(limited)
    finally:
        unlimited.close()
        limited.close()


def test_a_worker_exiting_mid_read_is_a_corrupt_document(pool: ParserPool) -> None:
    error, _ = _timed(pool, "exit")
    assert isinstance(error, CorruptDocument) and error.details == {"exitCode": 3}
    _assert_reads(pool)


def test_a_reader_bug_reaches_the_caller_and_the_worker_keeps_serving(pool: ParserPool) -> None:
    before = _pid(pool)
    error, _ = _timed(pool, "raise")
    assert isinstance(error, ValueError) and str(error) == "a bug in a reader"
    error, _ = _timed(pool, "unpicklable")
    assert isinstance(error, RuntimeError) and "cannot cross a pipe" in str(error)
    assert _pid(pool) == before


def test_one_hostile_document_does_not_disturb_another_read_at_the_same_time() -> None:
    pool = _pool(workers=2)
    try:
        with multiprocessing.pool.ThreadPool(2) as threads:
            hung = threads.apply_async(_timed, (pool, "sleep"))
            time.sleep(0.2)
            started = time.monotonic()
            _assert_reads(pool)
            assert time.monotonic() - started < 2.0
            assert isinstance(hung.get(timeout=BOUND_SECONDS)[0], ParseLimitExceeded)
    finally:
        pool.close()


def test_workers_are_recycled_after_max_tasks() -> None:
    pool = _pool(workers=1, max_tasks_per_child=2)
    try:
        first = [_pid(pool), _pid(pool)]
        assert first[0] == first[1]
        assert _pid(pool) != first[0]
    finally:
        pool.close()


def test_a_worker_killed_while_idle_is_replaced(pool: ParserPool) -> None:
    before = int(_pid(pool))
    os.kill(before, signal.SIGKILL)
    time.sleep(0.1)
    assert int(_pid(pool)) != before
    _assert_reads(pool)


def test_close_stops_every_worker_and_a_later_read_starts_new_ones() -> None:
    pool = _pool(workers=2)
    with multiprocessing.pool.ThreadPool(2) as threads:
        threads.map(lambda _: _pid(pool), range(4))
    pids = pool.pids()
    assert len(pids) == 2
    pool.close()
    pool.close()
    assert pool.pids() == []
    assert not [p for p in multiprocessing.active_children() if p.name == "resumax-parser"]
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    _assert_reads(pool)
    pool.close()


def test_close_during_a_read_tells_the_caller_to_retry() -> None:
    pool = _pool(Limits(memory_mb=512, seconds=60.0, cpu_seconds=60.0))
    with multiprocessing.pool.ThreadPool(1) as threads:
        hung = threads.apply_async(_timed, (pool, "sleep"))
        time.sleep(0.3)
        pool.close()
        error, elapsed = hung.get(timeout=BOUND_SECONDS)
    assert isinstance(error, Unavailable)
    assert elapsed < 10


def test_workers_use_the_forkserver_and_preloaded_libraries(pool: ParserPool) -> None:
    assert pool.start_method == "forkserver"
    _pid(pool)
    started = time.monotonic()
    pool.close()
    _pid(pool)  # a fresh worker comes from the warm fork server
    assert time.monotonic() - started < 2.0


# -- through StandardDocumentParser, inside an event loop ----------------------------------------------------


async def test_a_slow_document_is_stopped_at_the_parser_timeout() -> None:
    async with StandardDocumentParser(timeout=0.5, memory_limit_mb=4096) as parser:
        outcome = await parse_bounded(parser, pdf_files.text_bomb(), PDF)
        assert error_code(outcome) == "parse_limit_exceeded"
        assert "longer than 0.5 s" in str(outcome)
        await assert_still_reads(parser)


async def test_parses_run_concurrently_and_the_event_loop_stays_responsive(
    parser: StandardDocumentParser,
) -> None:
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    ticker = asyncio.create_task(tick())
    try:
        bomb = asyncio.create_task(parser.parse(pdf_files.recursive_xobjects(), PDF))
        await asyncio.sleep(0.3)
        good = await asyncio.gather(*(parser.parse(pdf_files.resume(), PDF) for _ in range(6)))
        assert all(d.contact.email == "jane.roe@example.com" for d in good)
        with pytest.raises(ParseLimitExceeded):
            await bomb
    finally:
        ticker.cancel()
    assert ticks > 20


async def test_in_thread_mode_reads_the_same(parser: StandardDocumentParser) -> None:
    async with StandardDocumentParser(isolate=False) as in_thread:
        assert in_thread.pool is None
        for data, media_type in ((pdf_files.resume(), PDF), (pdf_files.javascript(), PDF)):
            assert await in_thread.parse(data, media_type) == await parser.parse(data, media_type)


async def test_parser_is_closed_by_aclose_and_works_again_after(parser: StandardDocumentParser) -> None:
    await assert_still_reads(parser)
    assert parser.pool is not None and parser.pool.pids()
    await parser.aclose()
    assert parser.pool.pids() == []
    await assert_still_reads(parser)


async def test_docx_is_read_in_the_workers_too(parser: StandardDocumentParser) -> None:
    from tests.hostile import docx_files

    document = await parser.parse(docx_files.resume(), DOCX)
    assert document.source_format == "docx"
    assert parser.pool is not None and parser.pool.pids()


def test_a_forked_copy_of_the_process_reads_with_workers_of_its_own() -> None:
    """An RQ work horse is a fork of a worker that may already have parsed: it must neither use the
    parent's workers nor fail on the parent's fork server."""
    import warnings

    pool = _pool(workers=1)
    try:
        parent_pid = _pid(pool)
        read_end, write_end = os.pipe()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # fork() with threads, 3.12+
            child = os.fork()
        if child == 0:  # pragma: no cover - runs in the forked copy
            os.close(read_end)
            try:
                message = f"{_pid(pool)} {_pid(_pool(workers=1))}"
                pool.close()
            except BaseException as exc:  # noqa: BLE001 - reported to the parent through the pipe
                message = f"error {exc!r}"
            os.write(write_end, message.encode())
            os._exit(0)
        os.close(write_end)
        with os.fdopen(read_end, "rb") as reader:
            answer = reader.read().decode()
        os.waitpid(child, 0)
        assert not answer.startswith("error"), answer
        inherited, fresh = answer.split()
        assert parent_pid not in (inherited, fresh)
        assert _pid(pool) == parent_pid  # the parent's worker was left alone
    finally:
        pool.close()
