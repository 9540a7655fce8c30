"""``resumax worker``: run the RQ worker (registered by the ``resumax`` command)."""

from __future__ import annotations

from typing import Annotated

import typer

from resumax_adapters import Settings
from resumax_cli.runtime import guarded


def worker(
    queue: Annotated[
        list[str] | None,
        typer.Option("--queue", "-q", help="Queue to serve (repeat for several, first has priority)."),
    ] = None,
    burst: Annotated[bool, typer.Option("--burst", help="Run the jobs already queued, then exit.")] = False,
    reconcile_every: Annotated[
        int,
        typer.Option(min=5, help="Seconds between re-queuing optimizations whose job was lost."),
    ] = 60,
    fork: Annotated[
        bool,
        typer.Option(
            "--fork/--no-fork",
            help="Run each job in a forked work horse (killed on timeout) or, by default, here.",
        ),
    ] = False,
) -> None:
    """Run background jobs from RESUMAX_QUEUE_URL (a redis:// URL) until SIGTERM.

    SIGTERM or Ctrl+C lets the running job finish, then exits; a second one stops at once.
    """
    from resumax_adapters.observability import configure_observability
    from resumax_worker.main import DEFAULT_QUEUES, run_worker

    settings = guarded(Settings.from_env)
    configure_observability(settings, service_name="resumax-worker")
    guarded(
        lambda: run_worker(
            settings,
            burst=burst,
            queues=tuple(queue or DEFAULT_QUEUES),
            reconcile_every=reconcile_every,
            fork=fork,
        )
    )


def main() -> None:
    """``python -m resumax_worker``: the same command on its own."""
    typer.run(worker)
