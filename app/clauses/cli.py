"""``clausier clauses …``: validate the library files, list the loaded clauses."""

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from sqlmodel import Session

from app.clauses.library import load_library
from app.clauses.references import load_references
from app.clauses.service import current_rows, to_doc
from app.commands import open_database
from app.config import get_settings
from app.french import plural

clauses_cli = typer.Typer(help="Bibliothèque de clauses.", no_args_is_help=True)


@clauses_cli.command("validate")
def validate(
    directory: Annotated[
        Path | None, typer.Argument(help="Dossier des clauses (par défaut : clauses/ du projet).", show_default=False)
    ] = None,
    references: Annotated[
        Path | None, typer.Option(help="Registre des références juridiques (par défaut : references/ du projet).")
    ] = None,
) -> None:
    """Vérifier le registre des références puis chaque fichier de clause ; une ligne par problème."""
    # The project's library by default, wherever the command is run from (not a « clauses » folder of the current one).
    directory = directory or get_settings().CLAUSES_DIR
    registry, registry_problems = load_references(references or get_settings().REFERENCES_DIR)
    clauses, clause_problems = load_library(directory, registry)
    problems = [*registry_problems, *clause_problems]
    for problem in problems:
        typer.echo(str(problem))
    if problems:
        typer.echo(f"{plural(len(problems), 'problème')} dans {directory}.", err=True)
        raise typer.Exit(1)
    active = sum(1 for clause in clauses if clause.status == "active")
    reviewed = sum(1 for clause in clauses if clause.status == "active" and clause.reviewed is not None)
    typer.echo(f"{plural(len(clauses), 'clause valide', 'clauses valides')} ({plural(active, 'active')}, "
               f"{plural(reviewed, 'revue')}) dans {directory} ; "
               f"{plural(len(registry.references), 'référence juridique', 'références juridiques')} au registre.")


@clauses_cli.command("list")
def list_command() -> None:
    """Lister les clauses en vigueur dans la base."""
    engine = open_database()
    table = Table("id", "v.", "type", "doc.", "thèmes", "titre")
    with Session(engine) as session:
        for _, row in current_rows(session=session):
            table.add_row(row.clause_id, str(row.version), row.kind, row.document,
                          ", ".join(to_doc(row).themes), row.title)
    Console().print(table)
