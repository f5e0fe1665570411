"""``clausier report --year Y [--buyer SIRET] [--out DIR]``: the annual ethical-purchase report."""

import re
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from sqlmodel import Session

from app.commands import fail, open_database

report_cli = typer.Typer(help="Rapport annuel des achats éthiques.", invoke_without_command=True, subcommand_metavar="")


def report_command(
    year: Annotated[int, typer.Option("--year", min=1990, max=2100, help="Année de notification des marchés.")],
    buyer: Annotated[
        str | None, typer.Option("--buyer", help="SIRET d'un acheteur (tout le territoire sinon).")
    ] = None,
    out: Annotated[Path, typer.Option("--out", file_okay=False, help="Dossier de sortie.")] = Path("rapports"),
) -> None:
    """Écrire le rapport (Word), les indicateurs (CSV, JSON) et les graphiques (PNG) d'une année."""
    from app.reports.render import write_annual_report  # matplotlib: loaded only when a report is made

    if buyer is not None:
        buyer = re.sub(r"\s", "", buyer)
        if not re.fullmatch(r"\d{14}", buyer):
            fail(f"SIRET d'acheteur invalide : « {buyer} » (14 chiffres attendus).")
    engine = open_database()
    try:
        with Console(stderr=True).status(f"Rapport {year} en cours…"), Session(engine) as session:
            files = write_annual_report(session, year=year, buyer=buyer, out_dir=out)
    finally:
        engine.dispose()
    for path in files.all():
        typer.echo(str(path))


report_cli.callback()(report_command)
