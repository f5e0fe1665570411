"""What every ``clausier`` command needs: a one-line failure, and the configured database ready to use.

Kept apart from ``app/cli.py`` so that the domain command modules never import the root command line back.
"""

import typer
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from app.bootstrap import prepare_database
from app.config import get_settings
from app.db import make_engine, safe_url


def fail(message: str, code: int = 1) -> None:
    """Print ``message`` on stderr and exit with ``code``."""
    typer.echo(message, err=True)
    raise typer.Exit(code)


def open_database() -> Engine:
    """Engine of the configured database, migrated and loaded; exits with a one-line message if unreachable."""
    settings = get_settings()
    engine = make_engine(settings.DATABASE_URL)
    try:
        prepare_database(engine, settings)
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        fail(
            f"Base de données injoignable / database unreachable: {safe_url(settings.DATABASE_URL)} ({reason})"
        )
    return engine
