"""``clausier docx``: the .docx of chosen clauses, from the command line."""

import getpass
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from sqlmodel import Session

from app.commands import fail, open_database
from app.documents.builder import MAX_TEMPLATE_BYTES
from app.documents.models import DocumentIn
from app.documents.service import generate_document
from app.errors import AppError, describe_validation_errors
from app.french import plural

META_KEYS = ("title", "buyer", "buyer_siret", "tender_object", "reference", "date")


def _pairs(options: list[str], what: str) -> list[tuple[str, str]]:
    pairs = []
    for option in options:
        key, separator, value = option.partition("=")
        if not separator or not key.strip():
            raise typer.BadParameter(f"« {option} » : {what}=VALEUR attendu.")
        pairs.append((key.strip(), value))
    return pairs


def _request(clauses: list[str], variables: list[str], meta: list[str], draft: bool) -> dict[str, Any]:
    chosen: dict[str, dict[str, Any]] = {}
    for option in clauses:
        clause_id, _, version = option.partition("@")
        if not version.isdigit() and version:
            raise typer.BadParameter(f"« {option} » : ID ou ID@VERSION attendu.")
        chosen[clause_id] = {"id": clause_id, "variables": {}}
        if version:
            chosen[clause_id]["version"] = int(version)
    for key, value in _pairs(variables, "ID.NOM"):
        clause_id, _, name = key.partition(".")
        if clause_id not in chosen or not name:
            raise typer.BadParameter(f"« {key} » : ID.NOM attendu, ID étant une des clauses --clause.")
        chosen[clause_id]["variables"][name] = value
    request: dict[str, Any] = {"clauses": list(chosen.values()), "draft": draft}
    for key, value in _pairs(meta, "CLÉ"):
        if key not in META_KEYS:
            raise typer.BadParameter(f"« {key} » : clé inconnue (clés possibles : {', '.join(META_KEYS)}).")
        request[key] = value
    return request


def docx_command(
    clause: Annotated[
        list[str], typer.Option("--clause", help="Identifiant de clause (ID ou ID@VERSION) ; répétable.")
    ],
    out: Annotated[Path, typer.Option("--out", help="Fichier .docx à écrire.")],
    var: Annotated[
        list[str] | None, typer.Option("--var", help="Valeur de variable : ID.NOM=VALEUR ; répétable.")
    ] = None,
    meta: Annotated[
        list[str] | None,
        typer.Option("--meta", help="En-tête : title, buyer, buyer_siret (profil d'acheteur), tender_object, reference "
                                    "ou date (AAAA-MM-JJ)=VALEUR."),
    ] = None,
    template: Annotated[
        Path | None, typer.Option("--template", help="Modèle .docx contenant un paragraphe {{CLAUSES}}.")
    ] = None,
    draft: Annotated[bool, typer.Option("--draft", help="Surligner les valeurs manquantes au lieu d'échouer.")] = False,
    notes: Annotated[
        bool,
        typer.Option("--notes/--no-notes",
                     help="Type et fondement sous chaque article (sinon : dans une annexe pour l'acheteur)."),
    ] = False,
) -> None:
    """Produire le document Word des clauses choisies, prêtes à insérer dans le dossier de consultation."""
    try:
        request = DocumentIn.model_validate(_request(clause, var or [], meta or [], draft) | {"notes": notes})
    except ValidationError as exc:
        errors = describe_validation_errors(list(exc.errors()))
        fail("Requête invalide :\n" + "\n".join(f"  {e['field']} : {e['message']}" for e in errors))
        return
    if not out.parent.is_dir():
        fail(f"Dossier introuvable pour --out : {out.parent}.")
    template_bytes = None
    if template is not None:
        try:
            with template.open("rb") as handle:
                template_bytes = handle.read(MAX_TEMPLATE_BYTES + 1)
        except OSError as exc:
            fail(f"Modèle illisible : {template} ({exc.strerror or exc}).")
    engine = open_database()
    try:
        with Session(engine) as session:
            record, content = generate_document(
                session=session, request=request, author=f"cli ({getpass.getuser()})", template=template_bytes
            )
    except AppError as exc:
        # Bad values get a line each, under the clause id the officer typed (the detail runs them together, so it
        # is not repeated); other errors are said whole by the detail.
        values = [f"  {error['clause_id']} – {error['label']} : {error['message']}"
                  for error in exc.extra.get("errors", []) if "label" in error]
        fail("\n".join(["Valeurs invalides :", *values] if values else [exc.detail]))
        return
    finally:
        engine.dispose()
    try:
        out.write_bytes(content)
    except OSError as exc:
        fail(f"Impossible d'écrire {out} ({exc.strerror or exc}).")
    typer.echo(
        f"{out} : {plural(len(record.clauses), 'clause')}, {record.size} octets, sha256 {record.sha256} "
        f"(document n° {record.id})."
    )
