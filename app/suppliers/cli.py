"""``clausier suppliers …``: import (listed, undone), export, expiry watch and enrichment of the registry."""

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from sqlmodel import Session

from app.clauses.values import format_number
from app.commands import cli_actor, fail, open_database, show_imports, undo_import
from app.config import get_settings
from app.errors import AppError, InvalidInput
from app.french import agree, plural
from app.paging import MAX_LIST_LIMIT
from app.suppliers import reading, transfer
from app.suppliers.enrich import DirectoryClient, enrich_suppliers

suppliers_cli = typer.Typer(help="Registre des fournisseurs (inclusifs, équitables, labellisés).", no_args_is_help=True)
# Warnings printed one by one; beyond, only their number.
MAX_PRINTED_WARNINGS = 20


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=Console(stderr=True), transient=True,
    )


@suppliers_cli.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="Fichier CSV (; ou ,) ou .xlsx.", exists=True, dir_okay=False)],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Tout vérifier sans rien écrire.")] = False,
) -> None:
    """Importer un fichier de fournisseurs : toutes les lignes ou aucune ; code de sortie 1 si refusé."""
    engine = open_database()
    with _progress() as progress:
        task = progress.add_task(f"Import de {file.name}", total=None)
        try:
            report = transfer.import_suppliers(
                engine=engine, data=file.read_bytes(), filename=file.name, actor=cli_actor("suppliers import").name,
                dry_run=dry_run,
                on_progress=lambda done, total: progress.update(task, completed=done, total=max(total, done)),
            )
        except AppError as exc:
            fail(exc.detail)
    for warning in report.warnings[:MAX_PRINTED_WARNINGS]:
        typer.echo(f"Avertissement ligne {warning.line}, colonne « {warning.column} » : {warning.message}")
    if len(report.warnings) > MAX_PRINTED_WARNINGS:
        others = len(report.warnings) - MAX_PRINTED_WARNINGS
        typer.echo(f"… et {plural(others, 'autre avertissement', 'autres avertissements')}.")
    if report.errors_total:
        for error in report.errors:
            typer.echo(f"Ligne {error.line}, colonne « {error.column} » : {error.message}", err=True)
        if report.errors_total > len(report.errors):
            typer.echo(f"… et {plural(report.errors_total - len(report.errors), 'autre erreur', 'autres erreurs')}.",
                       err=True)
        fail(f"Fichier refusé : {plural(report.errors_total, 'erreur')} sur {plural(report.rows, 'ligne')} ; rien n'a "
             "été écrit.")
    verb = ("serait", "seraient") if dry_run else ("a été", "ont été")
    typer.echo(
        ("" if dry_run else f"Import n° {report.import_id} : ")
        + f"{plural(report.rows, 'ligne valide', 'lignes valides')} : {plural(report.created, 'fournisseur')} "
        f"{agree(report.created, verb[0] + ' créé', verb[1] + ' créés')}, "
        f"{report.updated} {agree(report.updated, 'modifié', 'modifiés')}, "
        f"{plural(report.unchanged, 'inchangé')}."
    )
    if dry_run:
        typer.echo("Simulation (--dry-run) : rien n'a été écrit.")


@suppliers_cli.command("imports")
def imports_command(
    limit: Annotated[int, typer.Option(min=1, help="Nombre d'imports affichés (les plus récents).")] = 50,
) -> None:
    """Lister les imports du registre : fichier, empreinte, auteur, date, comptes, annulation."""
    show_imports(transfer.list_imports, limit)


@suppliers_cli.command("undo")
def undo_command(
    import_id: Annotated[int, typer.Argument(help="Numéro de l'import (clausier suppliers imports).")],
) -> None:
    """Annuler un import : supprimer les fournisseurs qu'il a créés, remettre ceux qu'il a modifiés (tout ou rien)."""
    outcome = undo_import(transfer.undo_import, import_id, "suppliers undo")
    typer.echo(
        f"Import n° {import_id} (« {outcome['filename']} ») annulé : "
        f"{plural(outcome['deleted'], 'fournisseur supprimé', 'fournisseurs supprimés')}, {outcome['restored']} remis "
        f"dans {agree(outcome['restored'], 'son', 'leur')} état antérieur."
    )


@suppliers_cli.command("export")
def export_command(
    format: Annotated[ExportFormat, typer.Option("--format", help="csv (Excel) ou json.")] = ExportFormat.csv,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Fichier (défaut : sortie standard).")] = None,
) -> None:
    """Exporter le registre (CSV « ; » UTF-8 avec BOM au format d'import, ou JSON complet)."""
    with Session(open_database()) as session:
        data = transfer.export_json(session=session) if format == "json" else transfer.export_csv(session=session)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        output.write_bytes(data)
        typer.echo(f"Registre exporté dans {output}.", err=True)


@suppliers_cli.command("search")
def search_command(
    query: Annotated[str | None, typer.Argument(
        help="Nom, activité, label, type de structure ou lieu (« nettoyage »), ou début de SIRET.")] = None,
    departement: Annotated[str | None, typer.Option(
        "--departement", help="Département : numéro ou nom (91 ou Essonne).")] = None,
    cpv: Annotated[str | None, typer.Option("--cpv", help="Code ou préfixe CPV d'une activité.")] = None,
    limit: Annotated[int, typer.Option(
        "--limit", min=1, max=MAX_LIST_LIMIT, help="Nombre de résultats affichés.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Sortie JSON.")] = False,
) -> None:
    """Chercher dans le registre des fournisseurs (le même classement que la page et l'API)."""
    engine = open_database()
    try:
        with Session(engine) as session:
            page = reading.list_suppliers(session=session, q=query, departement=departement, cpv=cpv, limit=limit)
    except InvalidInput as exc:
        fail(exc.detail, code=2)
    finally:
        engine.dispose()
    if as_json:
        typer.echo(page.model_dump_json(indent=1))
        return
    if page.items:
        table = Table("SIRET", "fournisseur", "type", "commune", "pertinence")
        for item in page.items:
            place = f"{item.commune or '—'} ({item.departement})" if item.departement else item.commune or "—"
            table.add_row(item.siret, item.name + (" (fictif)" if item.is_demo else ""), item.kind, place,
                          "" if item.score is None else format_number(item.score))
        Console(width=160).print(table)
    shown = f" ({len(page.items)} affichés)" if len(page.items) < page.total else ""
    typer.echo(f"{plural(page.total, 'fournisseur trouvé', 'fournisseurs trouvés')}{shown}.")


@suppliers_cli.command("expiring")
def expiring_command(
    days: Annotated[int, typer.Option(min=0, help="Fenêtre en jours à partir d'aujourd'hui.")] = 60,
    include_expired: Annotated[bool, typer.Option("--include-expired", help="Inclure ce qui a expiré.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Sortie JSON.")] = False,
) -> None:
    """Lister les labels et garanties sociales qui arrivent à échéance."""
    with Session(open_database()) as session:
        page = reading.list_expiring(session=session, days=days, include_expired=include_expired, limit=100_000)
    if as_json:
        typer.echo(page.model_dump_json(indent=1))
        return
    if not page.items:
        typer.echo(f"Aucun label ni garantie n'arrive à échéance dans les {days} jours.")
        return
    table = Table("échéance", "jours", "SIRET", "fournisseur", "type", "quoi")
    for item in page.items:
        table.add_row(
            f"{item.valid_until:%d/%m/%Y}", str(item.days_left), item.siret, item.name, item.kind,
            item.label or "garanties sociales",
        )
    Console(width=160).print(table)
    typer.echo(f"{plural(page.total, 'échéance')} dans les {days} jours.")


@suppliers_cli.command("enrich")
def enrich_command(
    siret: Annotated[list[str] | None, typer.Option("--siret", help="SIRET à compléter (répétable).")] = None,
    limit: Annotated[int, typer.Option(min=1, help="Nombre maximal de fournisseurs interrogés.")] = 100,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Interroger sans rien écrire.")] = False,
) -> None:
    """Compléter les champs vides depuis l'annuaire des entreprises (CLAUSIER_ENRICH_API_URL)."""
    url = get_settings().ENRICH_API_URL
    if not url:
        fail("Enrichissement désactivé : définissez CLAUSIER_ENRICH_API_URL (annuaire public des entreprises).")
    engine = open_database()
    with _progress() as progress:
        task = progress.add_task("Annuaire", total=None)
        try:
            report = enrich_suppliers(
                engine=engine, client=DirectoryClient(url), sirets=siret or None, limit=limit, dry_run=dry_run,
                on_progress=lambda done, total: progress.update(task, completed=done, total=total),
            )
        except AppError as exc:
            fail(exc.detail)
    for filled_siret, fields in report.filled.items():
        typer.echo(f"{filled_siret} : {', '.join(fields)}")
    for missing in report.not_found:
        typer.echo(f"{missing} : inconnu de l'annuaire")
    verb = "seraient complétés" if dry_run else "complétés"
    typer.echo(f"{plural(report.looked_up, 'fournisseur interrogé', 'fournisseurs interrogés')}, "
               f"{len(report.filled)} {verb}.")

