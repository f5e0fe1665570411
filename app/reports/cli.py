"""``clausier report --year Y [--buyer SIRET | --group SIRET] [--out DIR] [--demo/--sans-demo]``: the annual report."""

import re
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from sqlmodel import Session

from app.commands import fail, open_database
from app.errors import AppError

report_cli = typer.Typer(help="Rapport annuel des achats éthiques.", invoke_without_command=True, subcommand_metavar="")


def report_command(
    year: Annotated[int, typer.Option("--year", min=1990, max=2100, help="Année de notification des marchés.")],
    buyer: Annotated[
        str | None, typer.Option("--buyer", help="SIRET d'un acheteur (tout le territoire sinon).")
    ] = None,
    group: Annotated[
        str | None, typer.Option("--group", help="SIRET d'un groupement : lui et les acheteurs qui lui sont rattachés.")
    ] = None,
    out: Annotated[Path, typer.Option("--out", file_okay=False, help="Dossier de sortie.")] = Path("rapports"),
    demo: Annotated[bool | None, typer.Option(
        "--demo/--sans-demo",
        help="Compter les marchés de démonstration, ou jamais ; par défaut, seulement tant qu'aucun marché réel "
             "n'est enregistré.",
    )] = None,
) -> None:
    """Écrire le rapport (Word), les indicateurs (CSV, JSON) et les graphiques (PNG) d'une année."""
    from app.reports.render import write_annual_report  # matplotlib: loaded only when a report is made

    sirets = {}
    for option, value, whose in (("--buyer", buyer, "d'acheteur"), ("--group", group, "de groupement")):
        if value is not None:
            sirets[option] = re.sub(r"\s", "", value)
            if not re.fullmatch(r"\d{14}", sirets[option]):
                fail(f"SIRET {whose} invalide : « {sirets[option]} » (14 chiffres attendus).")
    if len(sirets) == 2:
        fail("Choisissez --buyer ou --group, pas les deux.")
    engine = open_database()
    try:
        # A line, not a spinner: a spinner's refresh thread would keep the contracts CSV from being written by a
        # second process on the other core (render.can_fork: forking is safe only from a process with one thread).
        Console(stderr=True).print(f"Rapport {year} en cours…")
        with Session(engine) as session:
            files = write_annual_report(session, year=year, buyer=sirets.get("--buyer"), group=sirets.get("--group"),
                                        include_demo=demo, out_dir=out)
    except AppError as exc:
        fail(exc.detail)
    finally:
        engine.dispose()
    for path in files.all():
        typer.echo(str(path))


report_cli.callback()(report_command)
