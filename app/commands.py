"""What every ``clausier`` command needs: a one-line failure, the configured database ready to use, who runs
it, and the listing and undoing of imports the ledger and the registry share.

Kept apart from ``app/cli.py`` so that the domain command modules never import the root command line back.
"""

import getpass
from collections.abc import Callable, Sequence
from typing import Any

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from app.auth.dependencies import Actor
from app.bootstrap import prepare_database
from app.config import get_settings
from app.db import make_engine, safe_url
from app.errors import AppError
from app.french import plural
from app.undo import IMPORT_HEADER, ImportRow, import_cells


def fail(message: str, code: int = 1) -> None:
    """Print ``message`` on stderr and exit with ``code``."""
    typer.echo(message, err=True)
    raise typer.Exit(code)


def euro_amount(raw: str) -> float:
    """An amount in € HT typed as an officer writes it (« 250 000 », « 12 500,50 », « 1,9 M€ », « 300 k€ »), for the
    options that take one; a French error otherwise."""
    from app.matching.reading import typed_amount  # the tender reader is heavy: loaded only for these options

    try:
        return float(typed_amount(raw))
    except ValueError as exc:
        raise typer.BadParameter(f"{exc} ; montant en € HT attendu, par exemple 250 000 ou 12 500,50") from None


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


def cli_actor(command: str) -> Actor:
    """Whoever runs a ``clausier`` command on the server: an administrator, named by the system account."""
    return Actor(name=f"cli ({getpass.getuser()})", role="admin", ip="", method="CLI", path=command, via="cli")


def show_imports(lister: Callable[..., tuple[Sequence[ImportRow], int]], limit: int) -> None:
    """Print the latest imports ``lister`` finds in the configured database, and how many there are."""
    engine = open_database()
    try:
        with Session(engine) as session:
            rows, total = lister(session=session, limit=limit)
    finally:
        engine.dispose()
    table = Table(*IMPORT_HEADER)
    for row in rows:
        table.add_row(*import_cells(row))
    Console(width=200).print(table)
    typer.echo(f"{plural(total, 'import')}.")


def undo_import(undoer: Callable[..., dict[str, Any]], import_id: int, command: str) -> dict[str, Any]:
    """Undo an import of the configured database as the command line's administrator; a French one-line
    failure when it is refused."""
    engine = open_database()
    try:
        with Session(engine) as session:
            return undoer(session=session, import_id=import_id, actor=cli_actor(command))
    except AppError as exc:
        fail(exc.detail)
        raise
    finally:
        engine.dispose()
