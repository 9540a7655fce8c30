"""Running a command: settings, the wired app, reading input files, and turning errors into one line."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import typer

from resumax_adapters import Resumax, Settings, bootstrap
from resumax_cli.exit_codes import ExitCode, exit_code_for
from resumax_core.errors import FileTooLarge, InvalidInput, ResumaxError

T = TypeVar("T")

MAX_INPUT_BYTES = 10 * 1024 * 1024


def fail(message: str, code: ExitCode) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(int(code))


def read_input(path: str, *, what: str, max_bytes: int = MAX_INPUT_BYTES) -> tuple[str, bytes]:
    """Read a file, or standard input for ``-``; returns (name, bytes). Errors are one clear line."""
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        name = "stdin.txt"
    else:
        file = Path(path)
        try:
            if not file.is_file():
                raise InvalidInput(f"{what} {path!r} does not exist or is not a file.")
            if file.stat().st_size > max_bytes:
                raise FileTooLarge(f"{what} {path!r} is larger than {max_bytes // 1_048_576} MB.")
            data = file.read_bytes()
        except OSError as exc:
            raise InvalidInput(f"Cannot read {what.lower()} {path!r}: {exc.strerror or exc}.") from exc
        name = file.name
    if len(data) > max_bytes:
        raise FileTooLarge(f"{what} is larger than {max_bytes // 1_048_576} MB.")
    return name, data


def run_async(
    make: Callable[[Resumax], Awaitable[T]], *, settings: Settings | None = None, start: bool = False
) -> T:
    """Wire resuMAX, run one coroutine with it, close it, and map errors to exit codes."""

    async def main() -> T:
        app = bootstrap(settings)
        try:
            if start:
                await app.start()
            return await make(app)
        finally:
            await app.close()

    return guarded(lambda: asyncio.run(main()))


def guarded(action: Callable[[], T]) -> T:
    """Run ``action``; a resuMAX error becomes one line and its exit code, anything else an internal error
    (with the traceback only when RESUMAX_DEBUG is set)."""
    try:
        return action()
    except typer.Exit:
        raise
    except ResumaxError as exc:
        fail(exc.message, exit_code_for(exc))
    except KeyboardInterrupt:
        fail("interrupted", ExitCode.INTERNAL_ERROR)
    except Exception as exc:
        if os.environ.get("RESUMAX_DEBUG"):
            raise
        fail(
            f"internal error ({type(exc).__name__}); run with RESUMAX_DEBUG=1 for details",
            ExitCode.INTERNAL_ERROR,
        )


def print_json(payload: Any) -> None:
    typer.echo(json.dumps(payload, indent=2, ensure_ascii=False))
