"""Shared fixtures: where the sample corpus lives, and skipping politely when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


def _corpus_dir() -> Path:
    configured = os.environ.get("RESUMAX_CORPUS_DIR")
    return Path(configured) if configured else REPO_ROOT.parent / "shared" / "corpus"


CORPUS_DIR = _corpus_dir()


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The sample resumes and job descriptions (``../shared/corpus``); skips when the folder is absent."""
    if not (CORPUS_DIR / "resumes").is_dir():
        pytest.skip(f"sample corpus not found at {CORPUS_DIR} (set RESUMAX_CORPUS_DIR to run these tests)")
    return CORPUS_DIR
