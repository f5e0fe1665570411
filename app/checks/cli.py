"""``clausier check``: check a draft from the command line (rich table, or JSON)."""

import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from sqlmodel import Session

from app.checks import service
from app.checks.findings import CATEGORY_LABELS, SEVERITY_LABELS, CheckResult
from app.checks.routes import CheckOut, given_facts
from app.clauses.library import Nature
from app.commands import euro_amount
from app.config import get_settings
from app.documents.builder import MAX_TEMPLATE_BYTES
from app.errors import AppError

SEVERITY_STYLES = {"haute": "bold red", "moyenne": "yellow", "faible": "cyan", "info": "green"}


def _table(result: CheckResult) -> Table:
    table = Table(title="Constats", show_lines=True, expand=True)
    for column, width in (("Gravité", 12), ("Type", 14), ("Emplacement", 26), ("Constat", None), ("Correction", None)):
        table.add_column(column, min_width=width, overflow="fold")
    for finding in result.findings:
        where = finding.location.label() if finding.location else "ensemble du projet"
        fix = finding.fix if finding.category != "present" else ""
        if finding.clauses and finding.category == "manquant":
            fix += "\nClauses : " + ", ".join(c.id for c in finding.clauses)
        elif finding.clauses and finding.category == "present":
            fix += f"\nProche de la clause {finding.clauses[0].id}"
        table.add_row(f"[{SEVERITY_STYLES[finding.severity]}]{SEVERITY_LABELS[finding.severity]}[/]",
                      CATEGORY_LABELS[finding.category], where, f"[bold]{finding.title}[/]\n{finding.message}", fix)
    return table


def check_command(
    file: Annotated[Path, typer.Argument(help="Projet à vérifier : .docx ou PDF (RC, CCAP, CCTP ou dossier complet).")],
    as_json: Annotated[bool, typer.Option("--json", help="Sortie JSON (celle de POST /api/v1/checks).")] = False,
    montant: Annotated[float | None, typer.Option(
        "--montant", parser=euro_amount, metavar="<montant>",
        help="Montant estimé en € HT (250\u00a0000, 12\u00a0500,50 ou 1,9\u00a0M€).")] = None,
    cpv: Annotated[str | None, typer.Option("--cpv", help="Codes CPV séparés par des virgules.")] = None,
    nature: Annotated[Nature | None, typer.Option("--nature", help="travaux, fournitures ou services.")] = None,
    date_lancement: Annotated[
        str | None, typer.Option("--date", help="Date de lancement AAAA-MM-JJ (sinon lue dans le projet).")
    ] = None,
    commente: Annotated[
        Path | None, typer.Option("--commente", help="Écrire aussi le projet commenté (.docx) dans ce fichier.")
    ] = None,
) -> None:
    """Vérifier un projet de pièce : ce qui manque, ce qui est périmé, ce qui est risqué, ce qui est déjà là."""
    from app.commands import fail, open_database

    try:
        with file.open("rb") as handle:
            data = handle.read(MAX_TEMPLATE_BYTES + 1)
    except OSError as exc:
        fail(f"Fichier illisible : {file} ({exc.strerror or exc}).")
        return
    try:
        launch = date.fromisoformat(date_lancement) if date_lancement else None
    except ValueError:
        fail(f"Date invalide : « {date_lancement} » (AAAA-MM-JJ attendu).")
        return
    engine = open_database()
    settings = get_settings()
    try:
        given = given_facts(montant, cpv, nature, launch)
        with Session(engine) as session:
            if commente is not None:
                result, content = service.commented_upload(session=session, settings=settings, data=data,
                                                           filename=file.name, given=given)
                commente.write_bytes(content)
            else:
                _draft, result = service.check_upload(session=session, settings=settings, data=data,
                                                      filename=file.name, given=given)
    except AppError as exc:
        fail(exc.detail)
        return
    except OSError as exc:
        fail(f"Impossible d'écrire {commente} ({exc.strerror or exc}).")
        return
    finally:
        engine.dispose()
    if as_json:
        typer.echo(json.dumps(CheckOut.of(result).model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    console = Console()
    facts = result.facts
    console.print(f"[bold]{file.name}[/] — pièces : {', '.join(result.parts) or 'non reconnues'} ; "
                  f"{result.paragraphs} paragraphes")
    amount = f"{facts.amount_eur:,.0f} € HT".replace(",", " ") if facts.amount_eur is not None else "non précisé"
    console.print(f"Montant : {amount} ; nature : {facts.nature or 'non précisée'} ; lancement : "
                  f"{facts.launch_date:%d/%m/%Y} ({facts.origin.get('date_lancement', '')})")
    console.print(_table(result))
    console.print("DECP : " + " ; ".join(f"{key} = {', '.join(values)}" for key, values in result.decp.items()))
    if commente is not None:
        console.print(f"Projet commenté écrit dans {commente}.")
