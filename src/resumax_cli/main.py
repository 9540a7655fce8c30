"""The ``resumax`` command. The Typer app is built by ``build_cli`` when the command runs."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Annotated

import typer

from resumax_cli.commands import batch, check, db, documents, serve
from resumax_worker.cli import worker


def _version() -> str:
    try:
        return version("resumax")
    except PackageNotFoundError:
        return "unknown"


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"resumax {_version()}")
        raise typer.Exit()


def build_cli() -> typer.Typer:
    cli = typer.Typer(
        name="resumax",
        help="Fit a resume to a job description, honestly: explainable score, evidence-linked changes, "
        "ATS-checked exports. Runs offline on embedded defaults; configure with RESUMAX_* variables.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )

    @cli.callback()
    def main(
        version_flag: Annotated[
            bool,
            typer.Option(
                "--version", callback=_show_version, is_eager=True, help="Print the version and exit."
            ),
        ] = False,
    ) -> None:
        """resuMAX command line."""

    cli.command("optimize")(documents.optimize)
    cli.command("parse")(documents.parse)
    cli.command("analyze-job")(documents.analyze_job)
    cli.command("check-rewrite")(check.check_rewrite)
    cli.command("batch")(batch.batch)
    cli.command("serve")(serve.serve)
    cli.command("worker")(worker)
    cli.add_typer(db.build(), name="db")
    return cli


def run() -> None:
    """Console-script entry point."""
    build_cli()()
