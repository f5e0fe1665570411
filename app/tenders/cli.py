"""``clausier tenders …``: list the tender files, show one, export one of its documents."""

import json
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from sqlmodel import Session

from app.audit.service import record
from app.commands import cli_actor, fail, open_database
from app.errors import AppError
from app.french import agree, plural
from app.tenders import documents, service, views
from app.tenders.models import STATUSES

tenders_cli = typer.Typer(help="Dossiers de consultation : lister, afficher, exporter un document.",
                          no_args_is_help=True)
Status = StrEnum("Status", {status: status for status in STATUSES})  # type: ignore[misc]
Scope = StrEnum("Scope", {scope: scope for scope in documents.SCOPE_LABELS})  # type: ignore[misc]


def _euros(amount: int | None) -> str:
    return "—" if amount is None else f"{amount:,} € HT".replace(",", " ")


def _awarded(contracts: dict[int, tuple[int, date]], number: int) -> str:
    """What a lot (0: the file without lots) became once awarded: its contract of the ledger, to follow."""
    if number not in contracts:
        return ""
    purchase_id, notified = contracts[number]
    return (f" — attribué : marché n° {purchase_id} du registre, notifié le {notified:%d/%m/%Y} "
            f"(suivi : clausier followup hours {purchase_id})")


@tenders_cli.command("list")
def list_command(
    statut: Annotated[Status | None, typer.Option("--statut", help="brouillon, pret, publie ou attribue.")] = None,
    acheteur: Annotated[str | None, typer.Option("--acheteur", help="SIRET de l'acheteur.")] = None,
    q: Annotated[str | None, typer.Option("--q", help="Mots de l'intitulé ou de la référence.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Sortie JSON.")] = False,
) -> None:
    """Lister les dossiers, les derniers modifiés d'abord."""
    engine = open_database()
    try:
        with Session(engine) as session:
            rows, total = service.list_tenders(session=session, status=statut.value if statut else None,
                                               buyer=acheteur, q=q, limit=100_000)
            items = views.summaries(session, rows)
    finally:
        engine.dispose()
    if as_json:
        typer.echo(json.dumps({"items": [item.model_dump(mode="json") for item in items], "total": total},
                              ensure_ascii=False, indent=1))
        return
    table = Table("n°", "intitulé", "référence", "acheteur", "statut", "lots", "version")
    for item in items:
        table.add_row(str(item.id), item.title, item.reference or "—", item.buyer_name or "—", item.status_label,
                      str(item.lot_count), str(item.version))
    Console(width=160).print(table)
    typer.echo(f"{plural(total, 'dossier')}.")


@tenders_cli.command("show")
def show_command(
    tender_id: Annotated[int, typer.Argument(help="Numéro du dossier.")],
    as_json: Annotated[bool, typer.Option("--json", help="Sortie JSON.")] = False,
) -> None:
    """Afficher un dossier : lots, clauses par lot, mises à jour de la bibliothèque, documents."""
    engine = open_database()
    try:
        with Session(engine) as session:
            out = views.tender_out(session, service.get_tender(session=session, tender_id=tender_id))
            contracts = {number: (int(purchase.id or 0), purchase.notified_on)
                         for number, purchase in service.purchases_of(session=session, tender_id=tender_id).items()}
    except AppError as exc:
        fail(exc.detail)
    finally:
        engine.dispose()
    if as_json:
        typer.echo(out.model_dump_json(indent=1))
        return
    typer.echo(f"Dossier n° {out.id} : {out.title} ({out.status_label.lower()}, version {out.version})")
    typer.echo(f"  référence : {out.reference or '—'} ; acheteur : {out.buyer_name or '—'} ; "
               f"montant estimé : {_euros(out.amount_eur)}")
    lots = {lot.number: lot for lot in out.lots}
    for lot in out.lots:
        typer.echo(f"  Lot n° {lot.number} – {lot.title} ({_euros(lot.amount_eur)}){_awarded(contracts, lot.number)}")
    if not out.lots and 0 in contracts:
        typer.echo(f"  Marché sans lots{_awarded(contracts, 0)}")
    typer.echo(f"  {plural(len(out.clauses), 'clause')} :")
    for clause in out.clauses:
        where = ("tous les lots" if clause.lots is None or not lots
                 else agree(len(clause.lots), "lot ", "lots ") + ", ".join(map(str, clause.lots)))
        typer.echo(f"    - {clause.title} [{clause.document}, v{clause.version}] : {where}. {clause.reason}")
    for update in out.library_updates:
        typer.echo(f"  Nouvelle version de « {update.title} » : v{update.pinned_version} → v{update.current_version}")
    for document in out.documents:
        typer.echo(f"  Document {document.id} : {document.label} ({document.filename})")


@tenders_cli.command("export")
def export_command(
    tender_id: Annotated[int, typer.Argument(help="Numéro du dossier.")],
    portee: Annotated[Scope, typer.Option("--portee", help="dossier, RC, CCAP, CCTP, AE ou lot.")] = Scope("dossier"),
    lot: Annotated[int | None, typer.Option("--lot", help="Numéro du lot (portée « lot »).")] = None,
    projet: Annotated[bool, typer.Option("--projet", help="Valeurs manquantes surlignées au lieu d'une erreur.")]
    = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Fichier .docx à écrire.")] = None,
) -> None:
    """Générer un document du dossier enregistré (gardé dans son historique) et l'écrire en .docx."""
    engine = open_database()
    try:
        with Session(engine) as session:
            actor = cli_actor("tenders export")
            row, content = documents.generate(session=session, tender_id=tender_id, scope=portee.value, lot=lot,
                                              draft=projet, author=actor.name)
            record(session, actor, action="create", resource="tender_document", resource_id=row.id,
                   after={"tender_id": tender_id, "scope": row.scope, "lot": row.lot})
            filename = row.filename
    except AppError as exc:
        fail(exc.detail)
    finally:
        engine.dispose()
    target = output or Path(filename)
    target.write_bytes(content)
    typer.echo(f"Document écrit : {target} ({len(content)} octets).")
