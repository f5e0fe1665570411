"""``clausier followup …``: open a contract's follow-up, list what is overdue, import an hours statement."""

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from sqlmodel import Session, col, select

from app.buyers.models import Buyer
from app.buyers.service import display_name
from app.clauses.service import get_version
from app.commands import cli_actor, fail, open_database
from app.errors import AppError
from app.followup import hours, reading, service
from app.followup.hours import format_hours
from app.french import plural
from app.purchases.service import get_purchase

followup_cli = typer.Typer(help="Suivi d'exécution des marchés : engagements, justificatifs, heures d'insertion.",
                           no_args_is_help=True)
DateOption = Annotated[
    str | None, typer.Option("--date", help="Date de référence AAAA-MM-JJ (par défaut : aujourd'hui).")
]


def _date(text: str | None, option: str = "--date") -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(f"{option} : date invalide « {text} » (AAAA-MM-JJ attendu).")
    raise AssertionError("unreachable")


def _errors(exc: AppError) -> None:
    for error in exc.extra.get("errors", [])[:20]:
        typer.echo(f"  ligne {error['line']} — {error['column']} : {error['message']}", err=True)
    fail(exc.detail)


@followup_cli.command("open")
def open_command(
    purchase_id: Annotated[int, typer.Argument(help="Numéro du marché dans le registre.")],
    start: Annotated[str | None, typer.Option("--debut", help="Début d'exécution AAAA-MM-JJ (par défaut : "
                                              "la notification).")] = None,
    end: Annotated[str | None, typer.Option("--fin", help="Fin d'exécution AAAA-MM-JJ (par défaut : selon la "
                                            "durée du marché).")] = None,
) -> None:
    """Ouvrir le suivi d'un marché : chaque justificatif prévu par ses clauses devient un engagement daté."""
    engine = open_database()
    try:
        with Session(engine) as session:
            commitments = service.open_followup(
                session=session, purchase_id=purchase_id, starts_on=_date(start, "--debut"),
                ends_on=_date(end, "--fin"), actor=cli_actor("followup open").name,
            )
            followup = reading.followup_out(session, purchase_id, date.today())
            clause_count = len(get_purchase(session=session, purchase_id=purchase_id).clauses or [])
    except AppError as exc:
        fail(exc.detail)
    finally:
        engine.dispose()
    undated = sum(1 for commitment in commitments if commitment.due_on is None)
    counted = plural(len(commitments) - undated, 'engagement daté', 'engagements datés')
    typer.echo(f"Marché {purchase_id} : {counted}"
               + (f", {plural(undated, 'engagement sans date', 'engagements sans date')}." if undated else "."))
    for commitment in commitments:
        if commitment.due_on is not None:
            typer.echo(f"  {commitment.due_on:%d/%m/%Y}  {commitment.evidence}")
    if note := reading.undated_commitments_note(followup):
        typer.echo(note)
    if not clause_count:
        typer.echo("Aucune clause n'est enregistrée pour ce marché : ajoutez d'abord ses clauses.")
    elif note := reading.undated_note(followup, clause_count=clause_count):
        typer.echo(note)


@followup_cli.command("overdue")
def overdue_command(
    on: DateOption = None,
    buyer: Annotated[str | None, typer.Option("--acheteur", help="SIRET de l'acheteur.")] = None,
) -> None:
    """Lister les engagements en retard à une date : justificatif non reçu (ou refusé) après son échéance."""
    day = _date(on) or date.today()
    if buyer is not None:
        buyer = "".join(buyer.split())
        if not (len(buyer) == 14 and buyer.isdigit()):  # else an empty list, as if nothing were late
            fail(f"--acheteur : SIRET invalide « {buyer} » (14 chiffres attendus, {len(buyer)} saisis).")
    engine = open_database()
    try:
        with Session(engine) as session:
            page = reading.overdue_page(session, day, buyer=buyer, limit=100_000)
            names = {row.siret: display_name(row) for row in session.exec(
                select(Buyer).where(col(Buyer.siret).in_({item.buyer_siret for item in page.items})))}
    finally:
        engine.dispose()
    if not page.items:
        typer.echo(f"Aucun engagement en retard au {day:%d/%m/%Y}.")
        return
    table = Table("Marché", "Acheteur", "Justificatif attendu", "Échéance", "Retard (jours)",
                  title=f"{plural(page.total, 'engagement')} en retard au {day:%d/%m/%Y}")
    for item in page.items:
        table.add_row(f"{item.purchase_id} ({item.buyer_ref})", names.get(item.buyer_siret, item.buyer_siret),
                      item.evidence_owed,
                      f"{item.due_on:%d/%m/%Y}", str(item.days_late))
    Console(width=160).print(table)


@followup_cli.command("hours")
def hours_command(
    purchase_id: Annotated[int, typer.Argument(help="Numéro du marché dans le registre.")],
    file: Annotated[Path | None, typer.Option("--import", exists=True, dir_okay=False, readable=True,
                                              help="Relevé CSV à importer (Mois, Catégorie, Modalité, Heures, "
                                                   "Personnes).")] = None,
    on: DateOption = None,
) -> None:
    """Heures d'insertion d'un marché à une date (engagées, réalisées, écart, pénalités calculées pour les heures
    manquantes et pour les états en retard après mise en demeure), après import d'un relevé le cas échéant (tout
    ou rien, erreurs par ligne)."""
    day = _date(on) or date.today()
    engine = open_database()
    try:
        with Session(engine) as session:
            if file is not None:
                lines = hours.read_statement(file.read_bytes())
                hours.record_statement(session=session, purchase_id=purchase_id, lines=lines, source=file.name,
                                       actor=cli_actor("followup hours").name, received_on=date.today())
                typer.echo(f"{file.name} : {plural(len(lines), 'ligne enregistrée', 'lignes enregistrées')}.")
            summary = hours.insertion_summary(session=session, purchase_id=purchase_id, on=day)
            penalty_title = get_version(session=session, clause_id=summary.penalty_clause).title \
                if summary.penalty_clause else ""
    except AppError as exc:
        _errors(exc)
    finally:
        engine.dispose()
    committed = "aucun engagement d'heures" if summary.committed is None else f"{summary.committed} h engagées"
    typer.echo(f"Marché {purchase_id} : {committed}, {format_hours(summary.achieved)} h réalisées, "
               f"écart {format_hours(summary.shortfall)} h.")
    if summary.penalty_eur is not None:
        typer.echo(f"Pénalité calculée selon la clause « {penalty_title} » (jamais appliquée "
                   f"automatiquement) : {format_hours(summary.penalty_eur)} € HT.")
    if summary.late_days and summary.late_penalty_eur is not None:
        typer.echo(f"États des heures en retard après mise en demeure : {plural(summary.late_days, 'jour')}, "
                   f"pénalité calculée {format_hours(summary.late_penalty_eur)} € HT.")
        if summary.penalties_eur is not None:  # the two share the clause's cap: their sum is not owed
            typer.echo(f"Pénalités ensemble : {format_hours(summary.penalties_eur)} € HT (dans la limite du "
                       "plafond commun de la clause).")
