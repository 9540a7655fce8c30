"""ParserPool: documents read in pre-started worker processes with memory, CPU and wall-time limits.

PDFium and libxml2 are native code: a hostile file can make them allocate gigabytes, spin or crash, and
inside the calling process that takes the whole web or queue worker down. Each document is therefore read
in a small worker process that

- runs under ``RLIMIT_AS`` (memory), ``RLIMIT_CPU`` (re-armed per document) and no core dumps, in its own
  session so that it and anything it starts (tesseract) can be killed as one group;
- is killed when a document takes longer than the wall-time limit;
- reads one document at a time and is replaced after ``max_tasks_per_child`` documents, after a limit
  was hit, or when it died.

Outcomes, as the caller sees them: the ParsedDocument, or the ``DocumentError`` the reader raised, or
``ParseLimitExceeded`` (time, CPU or memory: killed, SIGXCPU, MemoryError, an abort under a memory limit,
or a crash after the worker was seen using half its memory), or ``CorruptDocument`` (any other crash), or
the reader's own unexpected exception re-raised. The calling process is never affected.

Workers come from the "forkserver" start method: a clean single-threaded server process, started once
per parent, that has already imported every parser library, forks each worker in a few milliseconds. Plain
"fork" would copy a multi-threaded parent (asyncio threads, a held PDFium lock) and is deprecated in that
situation; "spawn" (the fallback where forkserver is missing) pays a fresh interpreter per worker. As with
any multiprocessing start method but "fork", a program run as a script must guard its entry point with
``if __name__ == "__main__":`` (workers import the main module); console scripts and ``python -m`` do.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import pickle
import queue
import signal
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, Protocol

from resumax_adapters.parsing.readers import FormatReaders, ReaderOptions
from resumax_core.entities import ParsedDocument
from resumax_core.errors import CorruptDocument, ParseLimitExceeded, Unavailable

try:
    import resource
except ImportError:  # Windows: no rlimits; the wall-time limit still holds
    resource = None  # type: ignore[assignment]

_PRELOAD = ["resumax_adapters.parsing.readers"]
_POLL_SECONDS = 0.05
_STOP_SECONDS = 2.0
_MAX_FILE_BYTES = 256 * 1024 * 1024
"""Largest file a worker (or tesseract, which writes temporary images) may write."""
_MEMORY_SUSPECT = 0.5
"""A worker that crashes after using more than this share of its memory limit ran out of memory."""


class Reader(Protocol):
    def read(self, kind: str, data: bytes) -> ParsedDocument: ...


ReaderFactory = Callable[[ReaderOptions], Reader]


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on reading one document: address space in MiB, wall-clock and CPU seconds (None: no bound)."""

    memory_mb: int | None = 1024
    seconds: float | None = 60.0
    cpu_seconds: float | None = 60.0


@dataclass(eq=False, slots=True)
class _Worker:
    process: BaseProcess
    conn: Connection
    tasks: int = 0
    peak_kb: int = 0
    stopped: bool = False


class ParserPool:
    """Reads documents in up to ``workers`` processes at once; ``read`` is blocking and thread-safe.

    Workers start on first use and are re-used; ``close`` stops them (a later ``read`` starts new ones).
    ``reader_factory`` builds the reader inside each worker from ``options`` (it must pickle by reference;
    tests pass misbehaving readers). ``peak_memory_mb`` is the highest resident size a worker reported.
    """

    def __init__(
        self,
        options: ReaderOptions,
        limits: Limits,
        *,
        workers: int = 2,
        max_tasks_per_child: int = 100,
        start_method: str | None = None,
        reader_factory: ReaderFactory = FormatReaders,
    ) -> None:
        if workers < 1:
            raise ValueError("a parser pool needs at least one worker")
        self.options = options
        self.limits = limits
        self.workers = workers
        self.max_tasks_per_child = max_tasks_per_child
        self.peak_memory_mb = 0.0
        self._factory = reader_factory
        self._context = _context(start_method)
        self._reset()

    def _reset(self) -> None:
        """No workers yet, owned by this process."""
        self._owner = os.getpid()
        self._idle: queue.SimpleQueue[_Worker | None] = queue.SimpleQueue()
        for _ in range(self.workers):
            self._idle.put(None)
        self._live: set[_Worker] = set()
        self._lock = threading.Lock()
        self._finalizer = weakref.finalize(self, _stop_all, self._live, self._lock, self._owner)

    @property
    def start_method(self) -> str:
        return str(self._context.get_start_method())

    def pids(self) -> list[int]:
        """Process ids of the running workers."""
        with self._lock:
            return sorted(w.process.pid for w in self._live if w.process.pid is not None and not w.stopped)

    def read(self, kind: str, data: bytes) -> ParsedDocument:
        """Read ``data`` (already sniffed as ``kind``) in a worker; see the module docstring for outcomes."""
        if os.getpid() != self._owner:
            # A forked copy of the owner (an RQ work horse) must not talk to the owner's workers.
            self._finalizer.detach()
            self._reset()
        worker = self._take()
        try:
            try:
                worker.conn.send((kind, data))
            except (OSError, ValueError):
                # The idle worker died since it was checked; one fresh worker gets the document.
                self._discard(worker)
                worker = self._start()
                try:
                    worker.conn.send((kind, data))
                except (OSError, ValueError) as exc:
                    # A worker that dies before its first read cannot start (an unguarded __main__?).
                    raise Unavailable("The document reader could not start; try again shortly.") from exc
            worker.tasks += 1
            reply = self._wait(worker)
        except BaseException:
            self._discard(worker)
            self._idle.put(None)
            raise
        status, payload, peak_kb = reply
        self.peak_memory_mb = max(self.peak_memory_mb, peak_kb / 1024)
        if status == "retire":
            self._discard(worker)
            self._idle.put(None)
        else:
            self._idle.put(worker)
        if status == "ok":
            document: ParsedDocument = payload
            return document
        raise payload

    def close(self) -> None:
        """Stop every worker: idle ones exit; busy ones get two seconds to finish, then are killed (their
        callers get ``Unavailable``). In a forked copy of the owner process this only forgets them."""
        _stop_all(self._live, self._lock, self._owner)

    def _take(self) -> _Worker:
        worker = self._idle.get()
        if worker is not None and worker.tasks >= self.max_tasks_per_child:
            self._discard(worker, graceful=True)
            worker = None
        if worker is not None and (worker.stopped or not worker.process.is_alive()):
            self._discard(worker)
            worker = None
        if worker is None:
            try:
                worker = self._start()
            except BaseException:
                self._idle.put(None)
                raise
        return worker

    def _start(self) -> _Worker:
        parent_end, child_end = self._context.Pipe(duplex=True)
        process = self._context.Process(
            target=serve,
            args=(child_end, self.options, self.limits, self._factory),
            name="resumax-parser",
            daemon=True,
        )
        try:
            process.start()
        except OSError as exc:
            parent_end.close()
            raise Unavailable("The document reader could not start; try again shortly.") from exc
        finally:
            child_end.close()
        worker = _Worker(process, parent_end)
        with self._lock:
            self._live.add(worker)
        return worker

    def _wait(self, worker: _Worker) -> tuple[str, Any, int]:
        seconds = self.limits.seconds
        deadline = None if seconds is None else time.monotonic() + seconds
        pid = worker.process.pid
        while True:
            remaining = None if deadline is None else deadline - time.monotonic()
            if remaining is not None and remaining <= 0:
                self._discard(worker)
                raise ParseLimitExceeded(
                    f"Reading the document took longer than {seconds:g} s; it was stopped.",
                    details={"limit": "time", "seconds": seconds},
                )
            slice_ = _POLL_SECONDS if remaining is None else min(_POLL_SECONDS, remaining)
            if worker.conn.poll(slice_):
                break
            if pid is not None:
                worker.peak_kb = max(worker.peak_kb, _vm_peak_kb(pid))
        try:
            reply: tuple[str, Any, int] = worker.conn.recv()
        except (EOFError, OSError, pickle.UnpicklingError) as exc:
            raise self._death(worker) from exc
        return reply

    def _death(self, worker: _Worker) -> Exception:
        """The error to report for a worker that died while reading."""
        if worker.stopped:
            return Unavailable("The document reader was shut down; try again.")
        worker.process.join(_STOP_SECONDS)
        code = worker.process.exitcode
        self._discard(worker)
        limit_kb = (self.limits.memory_mb or 0) * 1024
        if code == -signal.SIGXCPU:
            return ParseLimitExceeded(
                f"Reading the document used more than {self.limits.cpu_seconds:g} s of CPU; it was stopped.",
                details={"limit": "cpu", "seconds": self.limits.cpu_seconds},
            )
        if code == -signal.SIGKILL or (
            limit_kb and (code == -signal.SIGABRT or worker.peak_kb > _MEMORY_SUSPECT * limit_kb)
        ):
            # The kernel's OOM killer sends SIGKILL; PDFium (C++) aborts when an allocation fails.
            return _memory_exceeded(self.limits)
        name = _signal_name(code)
        return CorruptDocument(
            "The document could not be read: the reader stopped on it" + (f" ({name})." if name else "."),
            details={"exitCode": code},
        )

    def _discard(self, worker: _Worker, *, graceful: bool = False) -> None:
        with self._lock:
            self._live.discard(worker)
        _stop(worker, graceful=graceful)


def _context(start_method: str | None) -> Any:
    global _FORK_HOOK_SET
    methods = multiprocessing.get_all_start_methods()
    method = start_method or ("forkserver" if "forkserver" in methods else "spawn")
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(_PRELOAD)
        if not _FORK_HOOK_SET:
            os.register_at_fork(after_in_child=_forget_forkserver)
            _FORK_HOOK_SET = True
    return context


_FORK_HOOK_SET = False


def _forget_forkserver() -> None:
    """In a forked child, start from a fresh fork server of its own.

    The standard library's fork-server handle survives ``os.fork`` but cannot be used from the child (it
    ``waitpid``s a process that is not the child's), so an RQ work horse forked after its parent read a
    document would fail to start workers. Replacing the module's singleton and its bound functions gives
    the child a server of its own on first use.
    """
    from multiprocessing import forkserver

    server = forkserver.ForkServer()
    preload = getattr(forkserver._forkserver, "_preload_modules", _PRELOAD)
    forkserver._forkserver = server
    forkserver.ensure_running = server.ensure_running
    forkserver.get_inherited_fds = server.get_inherited_fds
    forkserver.connect_to_new_process = server.connect_to_new_process
    forkserver.set_forkserver_preload = server.set_forkserver_preload
    server.set_forkserver_preload(list(preload))


def _stop(worker: _Worker, *, graceful: bool = False) -> None:
    """End a worker: ask it to exit when ``graceful`` (it is idle), else kill its process group."""
    if worker.stopped:
        return
    worker.stopped = True
    process = worker.process
    if graceful and process.is_alive():
        try:
            worker.conn.send(None)
        except (OSError, ValueError):
            pass
        else:
            process.join(_STOP_SECONDS)
    if process.exitcode is None and process.pid is not None:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            process.kill()
        process.join(_STOP_SECONDS)
    worker.conn.close()
    if process.exitcode is not None:
        process.close()


def _stop_all(live: set[_Worker], lock: threading.Lock, owner: int) -> None:
    with lock:
        workers = list(live)
        live.clear()
    if os.getpid() != owner:
        return
    for worker in workers:
        _stop(worker, graceful=True)


def _vm_peak_kb(pid: int) -> int:
    """The highest address-space size of a process so far, in KiB (0 where /proc is missing)."""
    try:
        with open(f"/proc/{pid}/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmPeak:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return 0
    return 0


def _memory_exceeded(limits: Limits) -> ParseLimitExceeded:
    return ParseLimitExceeded(
        f"Reading the document needed more than {limits.memory_mb} MB of memory; it was stopped.",
        details={"limit": "memory", "megabytes": limits.memory_mb},
    )


def _signal_name(code: int | None) -> str | None:
    if code is None or code >= 0:
        return None
    try:
        return signal.Signals(-code).name
    except ValueError:
        return None


# -- inside the worker process ------------------------------------------------------------------------------


def serve(conn: Connection, options: ReaderOptions, limits: Limits, factory: ReaderFactory) -> None:
    """A worker's main loop: read ``(kind, data)`` requests until ``None`` or the parent goes away.

    Each reply is ``(status, payload, peak RSS in KiB)``: status "ok" with the document, "error" with the
    exception to raise in the caller, or "retire" (an error after which this process must not be reused).
    """
    _confine(limits)
    reader = factory(options)
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        kind, data = request
        _arm_cpu_limit(limits.cpu_seconds)
        status, payload = _read(reader, kind, data, limits)
        try:
            conn.send((status, payload, _peak_rss_kb()))
        except (pickle.PicklingError, TypeError, AttributeError) as exc:
            conn.send(("error", RuntimeError(f"unpicklable parser result: {exc}"), _peak_rss_kb()))
        if status == "retire":
            return


def _read(reader: Reader, kind: str, data: bytes, limits: Limits) -> tuple[str, Any]:
    try:
        return "ok", reader.read(kind, data)
    except MemoryError:
        return "retire", _memory_exceeded(limits)
    except RecursionError:
        return "retire", ParseLimitExceeded(
            "The document is nested too deeply to read.", details={"limit": "recursion"}
        )
    except Exception as exc:  # noqa: BLE001 - every failure goes back to the caller, who raises it
        try:
            pickle.loads(pickle.dumps(exc))
        except Exception:  # noqa: BLE001 - an exception that cannot cross the pipe is described instead
            return "error", RuntimeError(f"{type(exc).__name__}: {exc}"[:500])
        return "error", exc


def _confine(limits: Limits) -> None:
    """Limits for this process and whatever it starts; called first thing in a worker."""
    os.setsid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.environ["OMP_THREAD_LIMIT"] = "1"  # tesseract: one thread per worker, not one per core each
    if resource is None:
        return
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    _lower_limit(resource.RLIMIT_FSIZE, _MAX_FILE_BYTES)
    if limits.memory_mb is not None:
        _lower_limit(resource.RLIMIT_AS, limits.memory_mb * 1024 * 1024)


def _lower_limit(which: int, value: int) -> None:
    _, hard = resource.getrlimit(which)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    resource.setrlimit(which, (value, value))


def _arm_cpu_limit(seconds: float | None) -> None:
    """Let the next document use ``seconds`` more CPU: RLIMIT_CPU counts the process's whole life."""
    if seconds is None or resource is None:
        return
    usage = resource.getrusage(resource.RUSAGE_SELF)
    soft = math.ceil(usage.ru_utime + usage.ru_stime + seconds)
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _peak_rss_kb() -> int:
    return 0 if resource is None else int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
