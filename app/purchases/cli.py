"""``clausier purchases …``: import a DECP file or a purchase ledger into the ledger, list and undo imports."""

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from sqlmodel import Session

from app.commands import cli_actor, fail, open_database, show_imports, undo_import
from app.errors import AppError
from app.french import agree, plural
from app.purchases import history
from app.purchases.importer import FORMAT_LABELS, RecordError
from app.purchases.service import import_purchases

purchases_cli = typer.Typer(help="Registre des achats (marchés notifiés).", no_args_is_help=True)
MAX_PRINTED_ERRORS = 20


def _print_errors(errors: list[RecordError], total: int) -> None:
    for error in errors[:MAX_PRINTED_ERRORS]:
        where = f"ligne {error.line} — " if error.line else ""
        typer.echo(f"  {where}{error.record} : {error.message}", err=True)
    if total > MAX_PRINTED_ERRORS:
        typer.echo(f"  … et {plural(total - MAX_PRINTED_ERRORS, 'autre')}.", err=True)


@purchases_cli.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True, help="Fichier à importer.")],
    skip_invalid: Annotated[
        bool, typer.Option("--skip-invalid", help="Ignorer les enregistrements invalides au lieu de tout refuser.")
    ] = False,
) -> None:
    """Importer des marchés : DECP JSON (2024 ou 2019), DECP consolidé CSV ou Parquet, registre CSV (format détecté).

    Tout ou rien : un enregistrement invalide fait refuser le fichier (code de sortie 1), sauf avec --skip-invalid.
    Réimporter un fichier met à jour les marchés sans les dupliquer.
    """
    engine = open_database()
    progress = Progress(
        TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeRemainingColumn(),
        console=Console(stderr=True), transient=True,
    )
    try:
        with progress, Session(engine) as session, file.open("rb") as stream:
            task = progress.add_task(f"Import de {file.name}", total=file.stat().st_size)
            report = import_purchases(
                session=session, stream=stream, filename=file.name, actor=cli_actor("purchases import").name,
                skip_invalid=skip_invalid,
                on_progress=lambda done: progress.update(task, completed=done),
            )
    except AppError as exc:
        errors = [RecordError(e["record"], e["message"], e.get("line")) for e in exc.extra.get("errors", [])]
        _print_errors(errors, exc.extra.get("error_count", len(errors)))
        fail(exc.detail)
    finally:
        engine.dispose()
    typer.echo(
        f"{file.name} ({FORMAT_LABELS[report.format]}) : import n° {report.import_id}, "
        f"{plural(report.records, 'marché lu', 'marchés lus')}, {plural(report.created, 'créé')}, "
        f"{report.updated} mis à jour, {plural(report.unchanged, 'inchangé')}, "
        f"{plural(report.skipped, 'enregistrement invalide ignoré', 'enregistrements invalides ignorés')}"
        + (f", {plural(report.kept, 'valeur connue gardée', 'valeurs connues gardées')} (cellules vides du fichier)"
           if report.kept else "")
        + (f", {plural(report.ignored, 'concession ignorée', 'concessions ignorées')}" if report.ignored else "")
        + "."
    )
    if report.skipped:
        _print_errors(report.errors, report.skipped)


@purchases_cli.command("imports")
def imports_command(
    limit: Annotated[int, typer.Option(min=1, help="Nombre d'imports affichés (les plus récents).")] = 50,
) -> None:
    """Lister les imports du registre des achats : fichier, empreinte, auteur, date, comptes, annulation."""
    show_imports(history.list_imports, limit)


@purchases_cli.command("undo")
def undo_command(
    import_id: Annotated[int, typer.Argument(help="Numéro de l'import (clausier purchases imports).")],
) -> None:
    """Annuler un import : supprimer les marchés qu'il a créés, remettre ceux qu'il a modifiés (tout ou rien)."""
    outcome = undo_import(history.undo_import, import_id, "purchases undo")
    typer.echo(
        f"Import n° {import_id} (« {outcome['filename']} ») annulé : "
        f"{plural(outcome['deleted'], 'marché supprimé', 'marchés supprimés')}, {outcome['restored']} remis dans "
        f"{agree(outcome['restored'], 'son', 'leur')} état antérieur, "
        f"{plural(outcome['buyers_deleted'], 'acheteur non nommé retiré', 'acheteurs non nommés retirés')}."
    )
