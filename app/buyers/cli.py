"""``clausier buyers …``: list, show, add and edit buyer profiles."""

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table
from sqlmodel import Session

from app.audit.service import record
from app.buyers import service
from app.buyers.models import KINDS, Buyer, BuyerCreate, BuyerIn
from app.commands import cli_actor, fail, open_database
from app.errors import AppError, describe_validation_errors
from app.french import plural

buyers_cli = typer.Typer(help="Profils des acheteurs (communes, intercommunalités, syndicats…).", no_args_is_help=True)
Kind = StrEnum("Kind", {kind: kind for kind in KINDS})  # type: ignore[misc]


def _defaults(pairs: list[str]) -> dict[str, str]:
    values = {}
    for pair in pairs:
        name, separator, value = pair.partition("=")
        if not separator or not name.strip():
            raise typer.BadParameter(f"« {pair} » : NOM=VALEUR attendu.")
        values[name.strip()] = value.strip()
    return values


def _show(buyer: Buyer) -> None:
    kind = KINDS.get(buyer.kind, "—") if buyer.kind else "—"
    volume = f"{buyer.annual_volume_eur:,} € HT".replace(",", " ") if buyer.annual_volume_eur is not None else "—"
    typer.echo(f"{service.display_name(buyer)} (SIRET {buyer.siret}){' — fictif' if buyer.is_demo else ''}")
    typer.echo(f"  type : {kind} ; groupement : {buyer.parent_siret or '—'} ; volume annuel d'achats : {volume}")
    for name, value in buyer.defaults.items():
        typer.echo(f"  {name} = {value}")
    typer.echo(f"  logo : {'oui' if buyer.logo else 'non'} ; version {buyer.version}")


def _save(action: str, write: Any) -> None:
    """Run ``write(session)`` on the configured database, audit it, show the profile; French errors."""
    engine = open_database()
    try:
        with Session(engine) as session:
            buyer = write(session)
            record(session, cli_actor(f"buyers {action}"), action=action, resource="buyer", resource_id=buyer.siret,
                   after={"name": buyer.name, "version": buyer.version})
            _show(buyer)
    except ValidationError as exc:
        fail("Profil invalide :\n" + "\n".join(f"  {e['field']} : {e['message']}"
                                              for e in describe_validation_errors(list(exc.errors()))))
    except AppError as exc:
        fail(exc.detail)
    finally:
        engine.dispose()


@buyers_cli.command("list")
def list_command(
    q: Annotated[str | None, typer.Option("--q", help="Partie du nom ou du SIRET.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Sortie JSON.")] = False,
) -> None:
    """Lister les acheteurs (les non nommés, créés par un import, en dernier)."""
    engine = open_database()
    try:
        with Session(engine) as session:
            rows, total = service.list_buyers(session=session, q=q, limit=100_000)
            if as_json:
                items = [service.buyer_out(session, row).model_dump(mode="json") for row in rows]
                typer.echo(json.dumps({"items": items, "total": total}, ensure_ascii=False, indent=1))
                return
    finally:
        engine.dispose()
    table = Table("SIRET", "nom", "type", "groupement", "volume annuel (€ HT)")
    for row in rows:
        table.add_row(row.siret, service.display_name(row) + (" (fictif)" if row.is_demo else ""), row.kind or "—",
                      row.parent_siret or "—", "—" if row.annual_volume_eur is None else f"{row.annual_volume_eur:,}"
                      .replace(",", " "))
    Console(width=160).print(table)
    typer.echo(f"{plural(total, 'acheteur')}.")


@buyers_cli.command("add")
def add_command(
    siret: Annotated[str, typer.Argument(help="SIRET de l'acheteur (vérifié).")],
    name: Annotated[str, typer.Option("--name", help="Nom officiel (« Commune de Melun »).")],
    kind: Annotated[Kind | None, typer.Option("--kind", help="Type d'acheteur.")] = None,
    parent: Annotated[str | None, typer.Option("--parent", help="SIRET du groupement (l'agglomération).")] = None,
    volume: Annotated[int | None, typer.Option("--volume", min=0, help="Volume annuel d'achats, € HT.")] = None,
    variable: Annotated[
        list[str] | None, typer.Option("--variable", help="Valeur par défaut d'une variable de clause : NOM=VALEUR ; "
                                                           "répétable.")
    ] = None,
    logo: Annotated[Path | None, typer.Option("--logo", exists=True, dir_okay=False, help="Logo PNG ou JPEG.")]
    = None,
) -> None:
    """Créer le profil d'un acheteur."""

    def write(session: Session) -> Buyer:
        buyer = service.create_buyer(session=session, data=BuyerCreate(
            siret=siret, name=name, kind=kind.value if kind else None, parent_siret=parent,
            annual_volume_eur=volume, defaults=_defaults(variable or []),
        ))
        if logo is not None:
            buyer = service.set_logo(session=session, siret=buyer.siret, content=logo.read_bytes(),
                                     expected_version=buyer.version)
        return buyer

    _save("create", write)


@buyers_cli.command("set")
def set_command(
    siret: Annotated[str, typer.Argument(help="SIRET de l'acheteur.")],
    name: Annotated[str | None, typer.Option("--name", help="Nom officiel.")] = None,
    kind: Annotated[Kind | None, typer.Option("--kind", help="Type d'acheteur.")] = None,
    parent: Annotated[str | None, typer.Option("--parent", help="SIRET du groupement ; « - » pour aucun.")] = None,
    volume: Annotated[int | None, typer.Option("--volume", min=0, help="Volume annuel d'achats, € HT.")] = None,
    variable: Annotated[
        list[str] | None, typer.Option("--variable", help="Valeur par défaut d'une variable de clause : NOM=VALEUR ; "
                                                           "répétable.")
    ] = None,
    remove_variable: Annotated[
        list[str] | None, typer.Option("--remove-variable", help="Variable à retirer des valeurs par défaut.")
    ] = None,
    logo: Annotated[Path | None, typer.Option("--logo", exists=True, dir_okay=False, help="Logo PNG ou JPEG.")]
    = None,
    no_logo: Annotated[bool, typer.Option("--no-logo", help="Retirer le logo.")] = False,
) -> None:
    """Modifier le profil d'un acheteur : seules les options données changent (nommer un acheteur importé…)."""

    def write(session: Session) -> Buyer:
        buyer = service.get_buyer(session=session, siret=siret)
        defaults = {k: v for k, v in buyer.defaults.items() if k not in (remove_variable or [])}
        data = BuyerIn(
            name=name or buyer.name or "", kind=kind.value if kind else buyer.kind,
            parent_siret=None if parent == "-" else parent or buyer.parent_siret,
            annual_volume_eur=buyer.annual_volume_eur if volume is None else volume,
            defaults=defaults | _defaults(variable or []),
        )
        buyer = service.update_buyer(session=session, siret=siret, data=data, expected_version=buyer.version)
        if logo is not None or no_logo:
            buyer = service.set_logo(session=session, siret=siret, content=logo.read_bytes() if logo else None,
                                     expected_version=buyer.version)
        return buyer

    _save("update", write)


@buyers_cli.command("show")
def show_command(siret: Annotated[str, typer.Argument(help="SIRET de l'acheteur.")]) -> None:
    """Afficher le profil d'un acheteur."""
    engine = open_database()
    try:
        with Session(engine) as session:
            _show(service.get_buyer(session=session, siret=siret))
    except AppError as exc:
        fail(exc.detail)
    finally:
        engine.dispose()
