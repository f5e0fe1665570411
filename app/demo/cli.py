"""``clausier demo …``: what demonstration data the database holds, load it again, remove it."""

import typer
from sqlmodel import Session

from app.commands import cli_actor, fail, open_database
from app.config import get_settings
from app.demo.service import DemoStatus, demo_status, kept_sentence, load_demo, remove_demo
from app.errors import AppError
from app.french import plural

demo_cli = typer.Typer(help="Données de démonstration (fournisseurs, acheteurs et marchés fictifs).",
                       no_args_is_help=True)


def _counts(status: DemoStatus) -> str:
    return (f"{plural(status.purchases, 'marché')}, {plural(status.buyers, 'acheteur')}, "
            f"{plural(status.suppliers, 'fournisseur')}, "
            f"{plural(status.purchase_imports + status.supplier_imports, 'import')}")


@demo_cli.command("status")
def status_command() -> None:
    """Dire si la base contient des données de démonstration, et combien."""
    engine = open_database()
    try:
        with Session(engine) as session:
            status = demo_status(session=session)
    finally:
        engine.dispose()
    typer.echo(f"Données de démonstration : {_counts(status)}." if status.loaded
               else "Aucune donnée de démonstration.")


@demo_cli.command("remove")
def remove_command() -> None:
    """Retirer toutes les données de démonstration, en une transaction (journalisé dans l'audit)."""
    engine = open_database()
    try:
        with Session(engine) as session:
            removed = remove_demo(session=session, actor=cli_actor("demo remove"))
    except AppError as exc:
        fail(exc.detail)
    finally:
        engine.dispose()
    typer.echo(f"Données de démonstration retirées : {_counts(removed)}.")
    if removed.buyers_kept:
        typer.echo(kept_sentence(removed))


@demo_cli.command("load")
def load_command() -> None:
    """Charger les données de démonstration (refusé si elles sont déjà là)."""
    engine = open_database()
    try:
        loaded = load_demo(engine, get_settings())
    except AppError as exc:
        fail(exc.detail)
    finally:
        engine.dispose()
    typer.echo(f"Données de démonstration chargées : {_counts(loaded)}.")
