"""Translating SQLAlchemy and driver errors into resuMAX errors, at the adapter's edge."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import exc as sa_exc

from resumax_core.errors import Conflict, DatabaseUnavailable, ResumaxError


@contextmanager
def translated_errors(conflict_message: str | None = None) -> Iterator[None]:
    """Run a block of database work, re-raising vendor errors as core errors.

    - a constraint violation (unique, foreign key, check) → ``Conflict`` with ``conflict_message``;
    - a lost, refused or locked connection → ``DatabaseUnavailable``;
    - any other driver error → ``ResumaxError`` (``internal_error``): a bug, never shown as a vendor error.
    """
    try:
        yield
    except sa_exc.IntegrityError as exc:
        raise Conflict(conflict_message) from exc
    except (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.TimeoutError) as exc:
        raise DatabaseUnavailable() from exc
    except sa_exc.DBAPIError as exc:
        if exc.connection_invalidated:
            raise DatabaseUnavailable() from exc
        raise ResumaxError("The database rejected a statement.") from exc
    except OSError as exc:
        raise DatabaseUnavailable() from exc


@contextmanager
def translated_connect_errors() -> Iterator[None]:
    """For opening a connection: whatever goes wrong there (refused, timed out, unknown database, bad
    credentials) means the database is unavailable → ``DatabaseUnavailable``."""
    try:
        yield
    except (sa_exc.DBAPIError, sa_exc.TimeoutError, OSError) as exc:
        raise DatabaseUnavailable() from exc
