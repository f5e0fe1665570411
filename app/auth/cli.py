"""``clausier keys …``: create (key printed once, alone on the last line), list, revoke."""

from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from sqlmodel import Session

from app.audit.service import record
from app.auth import service
from app.commands import cli_actor, fail, open_database
from app.errors import AppError

keys_cli = typer.Typer(help="Clés d'API (intranet, outils internes).", no_args_is_help=True)


class Role(StrEnum):
    reader = "reader"
    editor = "editor"
    admin = "admin"


def _moment(value: object) -> str:
    return "—" if value is None else f"{value:%Y-%m-%d %H:%M}"


@keys_cli.command("create")
def create(
    name: Annotated[str, typer.Option(help="Nom de l'outil ou de l'équipe qui utilisera la clé.")],
    role: Annotated[Role, typer.Option(help="reader : lecture ; editor : + modifications ; admin : + clés.")],
) -> None:
    """Créer une clé ; elle est affichée une seule fois, seule sur la dernière ligne."""
    engine = open_database()
    with Session(engine) as session:
        try:
            row, key = service.create_key(session=session, name=name, role=role.value)
        except AppError as exc:
            fail(exc.detail)
        record(session, cli_actor("keys create"), action="create", resource="api_key", resource_id=row.prefix,
               after={"name": row.name, "role": row.role})
        typer.echo(f"Clé créée : id {row.prefix}, nom « {row.name} », rôle {row.role}.")
        typer.echo("Conservez-la maintenant, elle ne sera plus affichée (seule son empreinte est stockée) :")
        typer.echo(key)
    engine.dispose()


@keys_cli.command("list")
def list_command() -> None:
    """Lister les clés (jamais les clés elles-mêmes)."""
    engine = open_database()
    table = Table("id", "nom", "rôle", "créée", "dernier usage", "révoquée")
    with Session(engine) as session:
        for row in service.list_keys(session=session):
            table.add_row(row.prefix, row.name, row.role, _moment(row.created_at), _moment(row.last_used_at),
                          _moment(row.revoked_at))
    engine.dispose()
    Console(width=120).print(table)


@keys_cli.command("revoke")
def revoke(ident: Annotated[str, typer.Argument(help="Id de la clé (ou nom d'une clé active).")]) -> None:
    """Révoquer une clé : refusée dès la requête suivante."""
    engine = open_database()
    with Session(engine) as session:
        try:
            row = service.revoke_key(session=session, ident=ident)
        except AppError as exc:
            fail(exc.detail)
        record(session, cli_actor("keys revoke"), action="revoke", resource="api_key", resource_id=row.prefix,
               after={"name": row.name, "role": row.role})
        typer.echo(f"Clé {row.prefix} (« {row.name} », {row.role}) révoquée.")
    engine.dispose()
