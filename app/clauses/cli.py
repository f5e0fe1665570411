"""``clausier clauses …``: validate the library files, list the loaded clauses."""

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from sqlmodel import Session

from app.clauses.library import load_library
from app.clauses.service import current_rows

clauses_cli = typer.Typer(help="Bibliothèque de clauses.", no_args_is_help=True)


@clauses_cli.command("validate")
def validate(directory: Annotated[Path, typer.Argument(help="Dossier des clauses.")] = Path("clauses")) -> None:
    """Vérifier chaque fichier de clause ; une ligne par problème, code de sortie 1 s'il y en a."""
    clauses, problems = load_library(directory)
    for problem in problems:
        typer.echo(str(problem))
    if problems:
        typer.echo(f"{len(problems)} problème(s) dans {directory}.", err=True)
        raise typer.Exit(1)
    active = sum(1 for clause in clauses if clause.status == "active")
    typer.echo(f"{len(clauses)} clauses valides ({active} actives) dans {directory}.")


@clauses_cli.command("list")
def list_command() -> None:
    """Lister les clauses en vigueur dans la base."""
    from app.cli import open_database

    engine = open_database()
    table = Table("id", "v.", "type", "doc.", "thèmes", "titre")
    with Session(engine) as session:
        for _, row in current_rows(session=session):
            table.add_row(row.clause_id, str(row.version), row.kind, row.document,
                          ", ".join(row.data.get("themes", [])), row.title)
    Console().print(table)
