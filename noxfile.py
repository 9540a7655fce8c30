"""Developer sessions: ``nox -s tests``, ``nox -s lint``, ``nox -s bench``.

The test environment installs every optional adapter (the ``all`` extra); the tests of an adapter whose
service URL is unset are skipped, unless ``RESUMAX_REQUIRE_SERVICES=1``.
"""

from __future__ import annotations

import os

import nox

nox.options.sessions = ["lint", "tests"]
nox.options.reuse_existing_virtualenvs = True

PYTHON = ["3.11", "3.12", "3.13"] if os.environ.get("RESUMAX_ALL_PYTHONS") else None


def _install(session: nox.Session, *extras: str) -> None:
    wanted = ["dev", "all", *extras]
    session.install("-e", f".[{','.join(dict.fromkeys(wanted))}]")


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Run the test suite (unit, contract, CLI, API)."""
    _install(session)
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff, mypy strict on the core, and the import rules of DESIGN.md §1."""
    _install(session)
    session.run("ruff", "check", "src", "tests", "benchmarks", "noxfile.py")
    session.run("ruff", "format", "--check", "src", "tests", "benchmarks", "noxfile.py")
    session.run("mypy")
    session.run("lint-imports")


@nox.session
def bench(session: nox.Session) -> None:
    """Print performance figures (measured, never asserted)."""
    _install(session)
    session.run("python", "benchmarks/run.py", *session.posargs)


@nox.session
def accuracy(session: nox.Session) -> None:
    """Parsing accuracy on the sample corpus against the hand-made labels, and job-skill recall/precision."""
    _install(session)
    session.run("python", "benchmarks/accuracy.py")


@nox.session
def docling(session: nox.Session) -> None:
    """The docling DocumentParser: its own tests and the DocumentParser contract, fully offline.

    torch and torchvision are pinned in docling's own pip command, so pip takes the CPU wheels (a CUDA
    build would pull gigabytes of packages). ``HF_HUB_OFFLINE`` makes sure nothing fetches a model:
    without one on disk, PDFs go through docling's text-only pipeline.
    """
    session.install("torch==2.13.0", "torchvision==0.28.0", "docling")
    session.install("-e", ".[dev,docling]")
    session.run(
        "pytest",
        "tests/docling",
        "tests/contract/test_document_parser.py",
        *session.posargs,
        env={"HF_HUB_OFFLINE": "1"},
    )
