"""``clausier match``: the clauses to propose for a tender, or for every line of a JSON Lines file;
``clausier families validate`` and ``clausier obligations validate``: check the knowledge files."""

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table
from sqlmodel import Session

from app.clauses.library import load_library
from app.clauses.references import load_references
from app.clauses.themes import THEMES_BY_ID
from app.commands import euro_amount, fail, open_database
from app.config import get_settings
from app.errors import InvalidInput, describe_validation_errors, problem_type
from app.french import plural
from app.matching.cpv import extract_codes
from app.matching.knowledge import load_knowledge
from app.matching.obligations import PURCHASES_ORIGIN
from app.matching.ranking import money
from app.matching.reading import format_years
from app.matching.schemas import MatchRequest, MatchResponse
from app.matching.service import match_tender

NATURES = ("travaux", "fournitures", "services")


def _invalid(detail: str, line: int, errors: list[dict[str, str]] | None = None) -> dict[str, Any]:
    """A problem+json body for one line of a batch, as the API would answer."""
    body: dict[str, Any] = {"type": problem_type("invalid-input"), "title": "Données invalides", "status": 422,
                            "detail": detail, "line": line}
    if errors:
        body["errors"] = errors
    return body


def lenient_request(data: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """A request body from a line of free data (codes recovered, bad optional values dropped) and French notes."""
    notes: list[str] = []
    body: dict[str, Any] = {"text": data.get("text")}
    if data.get("cpv") not in (None, "", []):
        extraction = extract_codes(data["cpv"] if isinstance(data["cpv"], list | str) else str(data["cpv"]))
        body["cpv"], notes = extraction.codes, extraction.notes
    for key, label in (("amount_eur", "montant"), ("buyer_annual_purchases_eur", "achats annuels de l'acheteur")):
        amount = data.get(key)
        if isinstance(amount, int | float) and not isinstance(amount, bool) and amount >= 0:
            body[key] = amount
        elif amount is not None:
            notes.append(f"{label} « {amount} » ignoré : nombre positif attendu")
    if isinstance(data.get("buyer_siret"), str):
        body["buyer_siret"] = data["buyer_siret"]
    if data.get("nature") in NATURES:
        body["nature"] = data["nature"]
    elif data.get("nature") is not None:
        notes.append(f"nature « {data['nature']} » ignorée : travaux, fournitures ou services attendu")
    if data.get("date") is not None:
        try:
            body["date"] = dt.date.fromisoformat(str(data["date"]))
        except ValueError:
            notes.append(f"date « {data['date']} » ignorée : AAAA-MM-JJ attendu")
    if data.get("limit") is not None:
        body["limit"] = data["limit"]
    return body, notes


def _run_batch(session: Session, path: Path, console: Console) -> int:
    """Match every line of ``path``; one JSON object per line on stdout; returns the number of failed lines."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise typer.BadParameter(f"fichier illisible : {path} ({exc})") from None
    failed = 0
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("Correspondance", total=len(lines))
        for number, line in enumerate(lines, start=1):
            progress.advance(task)
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                if not isinstance(data, dict):
                    raise ValueError("objet JSON attendu")
                body, notes = lenient_request(data)
                response: dict[str, Any] = match_tender(
                    session=session, settings=get_settings(), request=MatchRequest.model_validate(body),
                ).model_dump(mode="json")
            except json.JSONDecodeError as exc:
                response, notes = _invalid(f"ligne {number} : JSON mal formé ({exc.msg})", number), []
            except ValidationError as exc:  # before ValueError, which it extends
                errors = describe_validation_errors(list(exc.errors()))
                detail = "; ".join(f"{e['field']} : {e['message']}" for e in errors)
                response, notes = _invalid(f"ligne {number} : {detail}", number, errors), []
            except ValueError as exc:
                response, notes = _invalid(f"ligne {number} : {exc}", number), []
            except InvalidInput as exc:  # an unknown buyer profile
                response, notes = _invalid(f"ligne {number} : {exc.detail}", number), []
            if "status" in response:
                failed += 1
            for note in notes:
                console.print(f"ligne {number} : {note}", markup=False, highlight=False)
            typer.echo(json.dumps(response, ensure_ascii=False))
    return failed


def _print_table(response: MatchResponse, console: Console) -> None:
    understood = response.understood
    if understood.object:
        console.print(f"Objet reconnu : {', '.join(family.label for family in understood.object)}", markup=False)
    if understood.source == "texte" and understood.amount_eur is not None:
        console.print(f"Montant lu dans le texte : {money(understood.amount_eur)} (« {understood.amount_text} »)",
                      markup=False)
    if understood.years:
        console.print(f"Durée lue dans le texte, reconductions comprises : {format_years(understood.years)}",
                      markup=False)
    if understood.buyer_annual_purchases_eur is not None and understood.buyer_purchases_source is not None:
        console.print(f"Achats annuels de l'acheteur : {money(understood.buyer_annual_purchases_eur)} "
                      f"({PURCHASES_ORIGIN[understood.buyer_purchases_source]})", markup=False)
    if understood.lot_count:
        lots = "lot unique" if understood.lot_count == 1 else plural(understood.lot_count, "lot")
        console.print(f"Lots : {lots}" + "".join(f"\n  Lot {lot.number} : {lot.label}" for lot in understood.lots),
                      markup=False)
    for caution in response.cautions:
        quoted = ", ".join(f"« {words} »" for words in caution.excerpts)
        console.print(f"Mise en garde — {caution.title} ({quoted}) : {caution.message} "
                      f"{caution.fix} ({', '.join(caution.legal_basis)})", markup=False)
    for obligation in response.obligations:
        console.print(f"Obligation : {obligation.title} ({', '.join(obligation.legal_basis)})", markup=False)
        if obligation.to_check:
            console.print(f"  à vérifier : {obligation.to_check}", markup=False)
        if obligation.clause_ids:
            console.print(f"  clauses : {', '.join(obligation.clause_ids)}", markup=False)
    if response.inferred_cpv:
        console.print(f"CPV déduits du texte : {', '.join(response.inferred_cpv)}", markup=False)
    if response.insertion:
        console.print(f"Heures d'insertion proposées ({response.insertion.clause_id}) : {response.insertion.formula}",
                      markup=False)
    table = Table("rang", "reco.", "score", "clause", "type", "doc.", "thèmes", "raisons")
    for rank, item in enumerate(response.matches, start=1):
        themes = ", ".join(THEMES_BY_ID[theme].label for theme in item.themes if theme in THEMES_BY_ID)
        reasons = [f"recommandée : {item.recommendation}"] if item.recommendation else []
        table.add_row(str(rank), "✓" if item.recommended else "", str(item.score),
                      escape(f"{item.clause_id}\n{item.title}"), item.kind, item.document, themes,
                      escape("\n".join([*reasons, *item.reasons])))
    console.print(table)
    recommended = sum(item.recommended for item in response.matches)
    console.print(f"{plural(recommended, 'clause recommandée', 'clauses recommandées')} (✓) : cochées d'avance sur la "
                  "page web.", markup=False)


# The request's fields as the command line names them: an officer typed --amount, not amount_eur.
OPTION_OF_FIELD = {
    "text": "texte du marché", "cpv": "--cpv", "amount_eur": "--amount",
    "buyer_annual_purchases_eur": "--buyer-purchases", "buyer_siret": "--acheteur", "nature": "--nature",
    "date": "--date", "limit": "--limit",
}


def _option(field: str) -> str:
    return OPTION_OF_FIELD.get(field.split(".")[0], field)


def match_command(
    text: Annotated[str | None, typer.Argument(help="Objet ou résumé du marché.")] = None,
    cpv: Annotated[list[str] | None, typer.Option("--cpv", help="Code CPV (90911200-8) ; répétable.")] = None,
    amount: Annotated[float | None, typer.Option(
        "--amount", parser=euro_amount, metavar="<montant>",
        help="Montant estimé en € HT (250\u00a0000, 12\u00a0500,50 ou 1,9\u00a0M€).")] = None,
    buyer_purchases: Annotated[float | None, typer.Option(
        "--buyer-purchases", parser=euro_amount, metavar="<montant>",
        help="Montant total annuel des achats de l'acheteur, € HT.")] = None,
    buyer: Annotated[str | None, typer.Option(
        "--acheteur", help="SIRET du profil de l'acheteur : son volume annuel d'achats sert quand --buyer-purchases "
                           "n'est pas donné.")] = None,
    nature: Annotated[str | None, typer.Option("--nature", help="travaux, fournitures ou services.")] = None,
    date: Annotated[str | None, typer.Option("--date", help="Date de lancement (AAAA-MM-JJ).")] = None,
    limit: Annotated[int, typer.Option(
        "--limit", help="Nombre de clauses proposées (1 à 50) ; les clauses recommandées y figurent toujours.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Réponse JSON (celle de l'API).")] = False,
    batch: Annotated[
        Path | None, typer.Option("--batch", help="Fichier JSON Lines : une requête par ligne, une réponse par ligne.")
    ] = None,
) -> None:
    """Proposer les clauses d'un marché, avec leurs raisons et les obligations applicables."""
    console = Console(stderr=True)
    if batch is not None:
        if text is not None:
            fail("Donnez soit un texte, soit --batch FICHIER, pas les deux.")
        if not batch.is_file():
            fail(f"Fichier introuvable : {batch}.")
        engine = open_database()
        with Session(engine) as session:
            failed = _run_batch(session, batch, console)
        if failed:
            fail(f"{plural(failed, 'ligne')} en erreur.")
        return
    if text is None:
        fail("Texte du marché manquant : clausier match \"Objet du marché\" (ou --batch FICHIER).")
    try:
        request = MatchRequest.model_validate(
            {"text": text, "cpv": cpv or [], "amount_eur": amount, "nature": nature, "date": date, "limit": limit,
             "buyer_annual_purchases_eur": buyer_purchases, "buyer_siret": buyer}
        )
    except ValidationError as exc:
        errors = describe_validation_errors(list(exc.errors()))
        fail("Requête invalide :\n" + "\n".join(f"  {_option(e['field'])} : {e['message']}" for e in errors))
        return
    engine = open_database()
    with Session(engine) as session:
        try:
            response = match_tender(session=session, settings=get_settings(), request=request)
        except InvalidInput as exc:  # an unknown buyer profile
            fail(exc.detail, code=2)
            return
    if as_json:
        typer.echo(response.model_dump_json(indent=2))
    else:
        _print_table(response, Console(width=160))


families_cli = typer.Typer(help="Familles d'achats et thésaurus (dossier families/).", no_args_is_help=True)
obligations_cli = typer.Typer(help="Règles d'obligations légales (dossier obligations/).", no_args_is_help=True)
# Every folder defaults to the project's (or the settings'), wherever the command is run from.
FamiliesDir = Annotated[
    Path | None, typer.Option("--families", help="Dossier des familles d'achats (par défaut : families/ du projet).")
]
ObligationsDir = Annotated[
    Path | None,
    typer.Option("--obligations", help="Dossier des règles d'obligations (par défaut : obligations/ du projet)."),
]
ClausesDir = Annotated[
    Path | None,
    typer.Option("--clauses", help="Dossier des clauses, ids et recherches cités (par défaut : clauses/ du projet)."),
]
ReferencesDir = Annotated[
    Path | None, typer.Option("--references", help="Registre des références juridiques (par défaut : references/).")
]


def _validate(
    folder: Path, families: Path | None, obligations: Path | None, clauses: Path | None, references: Path | None,
) -> None:
    """Check both knowledge folders together (they refer to each other, to the clauses and to the registry of legal
    references); print the problems of ``folder``, one ``path:line: field: message`` per line, and exit 1 if there
    is any problem at all."""
    settings = get_settings()
    families, obligations = families or settings.FAMILIES_DIR, obligations or settings.OBLIGATIONS_DIR
    clauses = clauses or settings.CLAUSES_DIR
    registry, registry_problems = load_references(references or get_settings().REFERENCES_DIR)
    library, library_problems = load_library(clauses, registry)
    if registry_problems or library_problems:
        count = plural(len(registry_problems) + len(library_problems), "problème")
        fail(f"Registre ou bibliothèque de clauses invalide ({count}) : clausier clauses validate {clauses}")
    knowledge, problems = load_knowledge(families, obligations, library, registry)
    own = [problem for problem in problems if Path(problem.path).is_relative_to(folder)]
    for problem in own:
        typer.echo(str(problem))
    if len(own) < len(problems):
        typer.echo(f"{plural(len(problems) - len(own), 'autre problème', 'autres problèmes')} hors de {folder} "
                   "(familles, thésaurus ou obligations : voir la commande validate de l'autre dossier).", err=True)
    if problems:
        fail(f"{plural(len(own), 'problème')} dans {folder}.")
    assert knowledge is not None
    typer.echo(f"{folder} : valide ({len(knowledge.families.all)} familles, {len(knowledge.thesaurus)} thèmes au "
               f"thésaurus, {len(knowledge.rules)} règles d'obligations).")


@families_cli.command("validate")
def validate_families(
    folder: Annotated[Path | None, typer.Argument(
        help="Dossier des familles d'achats (par défaut : families/ du projet).", show_default=False)] = None,
    obligations: ObligationsDir = None, clauses: ClausesDir = None, references: ReferencesDir = None,
) -> None:
    """Vérifier les familles d'achats et le thésaurus ; une ligne par problème, code de sortie 1 s'il y en a."""
    folder = folder or get_settings().FAMILIES_DIR
    _validate(folder, folder, obligations, clauses, references)


@obligations_cli.command("validate")
def validate_obligations(
    folder: Annotated[Path | None, typer.Argument(
        help="Dossier des règles d'obligations (par défaut : obligations/ du projet).", show_default=False)] = None,
    families: FamiliesDir = None, clauses: ClausesDir = None, references: ReferencesDir = None,
) -> None:
    """Vérifier les règles d'obligations (bases légales comprises : registre references/), seuils et catégories
    AGEC ; une ligne par problème, code 1 s'il y en a."""
    folder = folder or get_settings().OBLIGATIONS_DIR
    _validate(folder, families, folder, clauses, references)
