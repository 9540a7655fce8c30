"""``resumax db``: manage the database schema."""

from __future__ import annotations

from typing import Annotated

import typer

from resumax_adapters import Settings
from resumax_adapters.bootstrap import database_revision, downgrade_database, upgrade_database
from resumax_cli.runtime import guarded


def build() -> typer.Typer:
    db = typer.Typer(help="Manage the database schema (Alembic migrations).", no_args_is_help=True)

    @db.command()
    def upgrade(revision: Annotated[str, typer.Argument(help="Target revision.")] = "head") -> None:
        """Migrate the database to the latest schema (or REVISION)."""

        def work() -> str | None:
            settings = Settings.from_env()
            upgrade_database(settings, revision)
            return database_revision(settings)

        typer.echo(f"Database at revision {guarded(work)}.")

    @db.command()
    def downgrade(revision: Annotated[str, typer.Argument(help="Target revision, e.g. base.")]) -> None:
        """Migrate the database down to REVISION."""

        def work() -> str | None:
            settings = Settings.from_env()
            downgrade_database(settings, revision)
            return database_revision(settings)

        typer.echo(f"Database at revision {guarded(work) or 'base'}.")

    @db.command()
    def current() -> None:
        """Print the database's schema revision."""
        typer.echo(guarded(lambda: database_revision(Settings.from_env())) or "base (empty database)")

    return db
