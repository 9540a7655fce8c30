"""Exit codes of the ``resumax`` command, one per kind of failure (documented in the README)."""

from __future__ import annotations

from enum import IntEnum

from resumax_core.errors import InvalidInput, NotFound, RateLimited, ResumaxError, Unavailable


class ExitCode(IntEnum):
    OK = 0
    INTERNAL_ERROR = 1
    USAGE = 2
    BAD_INPUT = 3
    UNAVAILABLE = 4
    CHECK_FAILED = 5


def exit_code_for(error: ResumaxError) -> ExitCode:
    if isinstance(error, InvalidInput | NotFound):
        return ExitCode.BAD_INPUT
    if isinstance(error, Unavailable | RateLimited):
        return ExitCode.UNAVAILABLE
    return ExitCode.INTERNAL_ERROR
