"""The tender files' pages (French, plain form posts; every write carries the file's version, a stale one is
refused with the 412 page): list, new file, the journey saved as a file, one file's page (clauses per lot and
their values, add any library clause, proposals per lot, library updates, status, documents and history,
award)."""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlmodel import Session
from starlette.datastructures import FormData

from app.auth.dependencies import Actor, EditorDep, officer_name
from app.buyers.service import display_name, list_buyers
from app.clauses import service as clauses
from app.clauses.library import ClauseDoc
from app.clauses.themes import THEMES
from app.clauses.values import ValueProblem, Variable, parse_value
from app.db import SessionDep
from app.documents.service import DOCX_MEDIA_TYPE
from app.errors import InvalidInput, NotFound, describe_validation_errors
from app.french import sentence
from app.matching.reading import object_title, read_tender
from app.tenders import documents, service, views
from app.tenders.models import STATUSES, AwardIn, TenderClause, TenderClauseIn, TenderIn, TenderLot
from app.web.forms import TenderForm, VariableField, check_values, stored_value, variable_fields
from app.web.pages import KIND_LABELS, FormDep, ReaderDep, page_router, render

router = page_router()
FORM_LOTS = 6  # empty lot rows of the file form (no script needed to add one)
JOURNEY_AUTHOR = "agent (web)"


def _author(request: Request, actor: Actor) -> str:
    return officer_name(request) or actor.name or JOURNEY_AUTHOR


def _version(form: FormData) -> int:
    raw = stored_value(form.get("version"))
    if not raw.isdigit():
        raise InvalidInput("Version du dossier manquante : rechargez la page.")
    return int(raw)


def _see(tender_id: int, anchor: str = "") -> RedirectResponse:
    return RedirectResponse(f"/dossiers/{tender_id}{anchor}", status_code=303)


def _profiles(session: Session) -> list[tuple[str, str]]:
    return [(row.siret, display_name(row)) for row in list_buyers(session=session, limit=1000)[0]]


# ---- list ----------------------------------------------------------------------------------------


@router.get("/dossiers")
def tender_list(
    request: Request, session: SessionDep, actor: ReaderDep,
    statut: Annotated[str, Query(max_length=12)] = "", acheteur: Annotated[str, Query(max_length=14)] = "",
    q: Annotated[str, Query(max_length=200)] = "",
) -> HTMLResponse:
    """The files, filtered by status, buyer and words of the title or reference."""
    rows, total = service.list_tenders(session=session, status=statut if statut in STATUSES else None,
                                       buyer=acheteur or None, q=q or None, limit=200)
    return render(request, "tenders.html", {
        "title": "Dossiers de consultation", "items": views.summaries(session, rows), "total": total,
        "filters": {"statut": statut, "acheteur": acheteur, "q": q}, "statuses": STATUSES,
        "profiles": _profiles(session), "can_write": actor.has_role("editor"),
    })


# ---- new file / edit its fields -------------------------------------------------------------------


@dataclass
class FileForm:
    """The file form as typed: the tender fields of the journey, title, reference, buyer, lots."""

    tender: TenderForm
    titre: str = ""
    reference: str = ""
    acheteur_siret: str = ""
    lots: list[dict[str, str]] | None = None

    @classmethod
    def posted(cls, form: FormData) -> "FileForm":
        tender = TenderForm.posted(form)
        lines = stored_value(form.get("lignes"))
        rows = int(lines) if lines.isdigit() else FORM_LOTS
        lots = [{"titre": stored_value(form.get(f"lot{n}_titre")), "montant": stored_value(form.get(f"lot{n}_montant")),
                 "cpv": stored_value(form.get(f"lot{n}_cpv"))} for n in range(1, min(rows, 50) + 1)]
        return cls(tender=tender, titre=stored_value(form.get("titre")), reference=stored_value(form.get("reference")),
                   acheteur_siret=stored_value(form.get("acheteur_siret")), lots=lots)

    def data(self) -> TenderIn:
        """The file's fields, or ``InvalidInput`` naming every field to correct (by form field name)."""
        parsed = self.tender.parse()
        errors = dict(self.tender.errors)
        lots = []
        for number, row in enumerate(self.lots or [], start=1):
            if not row["titre"].strip():
                if row["montant"].strip() or row["cpv"].strip():  # its amount or code would be dropped unsaid
                    errors[f"lot{number}_titre"] = f"Donnez un intitulé au lot n° {number}, ou videz sa ligne."
                continue
            lot = TenderForm(texte=row["titre"], cpv=row["cpv"], montant=row["montant"])
            cpv, amount, _, _ = lot.details()
            errors |= {f"lot{number}_{key}": message for key, message in lot.errors.items()}
            lots.append({"number": number, "title": row["titre"], "cpv": [cpv] if cpv else [],
                         "amount_eur": int(amount) if amount is not None else None})
        if not self.titre.strip():
            errors["titre"] = "Donnez un intitulé au dossier."
        if errors or parsed is None:
            raise InvalidInput("Dossier invalide.", errors=errors)
        try:
            return TenderIn(
                buyer_siret=self.acheteur_siret or None, title=self.titre.strip(), reference=self.reference.strip(),
                summary=parsed.text, nature=parsed.nature, cpv=[parsed.cpv] if parsed.cpv else [],
                amount_eur=int(parsed.amount_eur) if parsed.amount_eur is not None else None,
                launch_date=parsed.launch_date, lots=lots)
        except ValidationError as exc:
            problems = describe_validation_errors(list(exc.errors()))
            raise InvalidInput("Dossier invalide.", errors={p["field"] or "titre": p["message"] for p in problems}) \
                from None


def _file_form(tender: Any, lots: list[TenderLot]) -> FileForm:
    rows = [{"titre": lot.title, "montant": str(lot.amount_eur or ""), "cpv": " ".join(lot.cpv)} for lot in lots]
    by_number = {lot.number: row for lot, row in zip(lots, rows, strict=True)}
    count = max([lot.number for lot in lots], default=0) + 3
    return FileForm(
        tender=TenderForm(texte=tender.summary, cpv=" ".join(tender.cpv), montant=str(tender.amount_eur or ""),
                          nature=tender.nature or "", date_lancement=f"{tender.launch_date:%d/%m/%Y}"
                          if tender.launch_date else ""),
        titre=tender.title, reference=tender.reference, acheteur_siret=tender.buyer_siret or "",
        lots=[by_number.get(n, {"titre": "", "montant": "", "cpv": ""}) for n in range(1, count + 1)],
    )


FILE_LABELS = {"titre": "Intitulé de la consultation", "reference": "Référence",
               "acheteur_siret": "Profil de l'acheteur", "texte": "Résumé du marché", "nature": "Nature du marché",
               "cpv": "Code CPV", "montant": "Montant estimé", "date_lancement": "Date de lancement"}
LOT_LABELS = {"titre": "Intitulé du lot n° {n}", "montant": "Montant du lot n° {n}", "cpv": "Code CPV du lot n° {n}"}


def file_labels(errors: dict[str, str]) -> dict[str, str]:
    """The label of each field in error, as the form shows it (never its form name)."""
    labels = {}
    for key in errors:
        lot = re.fullmatch(r"lot(\d+)_(\w+)", key)
        label = LOT_LABELS.get(lot[2], "").format(n=lot[1]) if lot else FILE_LABELS.get(key)
        labels[key] = label or "Dossier"
    return labels


def _place(key: str) -> tuple[int, int, int]:
    """Where a field sits in the file form: the consultation's fields, then the lots row by row."""
    lot = re.fullmatch(r"lot(\d+)_(\w+)", key)
    if lot:
        return 1, int(lot[1]), list(LOT_LABELS).index(lot[2]) if lot[2] in LOT_LABELS else 9
    return 0, list(FILE_LABELS).index(key) if key in FILE_LABELS else 99, 0


def _form_page(request: Request, session: Session, form: FileForm, *, action: str, version: int | None = None,
               errors: dict[str, str] | None = None) -> HTMLResponse:
    if form.lots is None or len(form.lots) < FORM_LOTS:
        form.lots = (form.lots or []) + [{"titre": "", "montant": "", "cpv": ""}] * (FORM_LOTS - len(form.lots or []))
    return render(request, "tender_form.html", {
        "title": "Modifier le dossier" if version else "Nouveau dossier", "form": form, "action": action,
        "tender_version": version, "errors": dict(sorted((errors or {}).items(), key=lambda item: _place(item[0]))),
        "labels": file_labels(errors or {}),
        "profiles": _profiles(session),
    }, status_code=422 if errors else 200)


@router.get("/dossiers/nouveau")
def new_tender(request: Request, session: SessionDep, _: EditorDep) -> HTMLResponse:
    """The form of a new file: the consultation, then its lots (one per line)."""
    return _form_page(request, session, FileForm(tender=TenderForm()), action="/dossiers/nouveau")


@router.post("/dossiers/nouveau", response_model=None)
def create_tender(request: Request, session: SessionDep, form: FormDep, actor: EditorDep) -> Response:
    """Create the file and fill its clauses with the recommended ones, lot by lot."""
    posted = FileForm.posted(form)
    try:
        data = posted.data()
    except InvalidInput as exc:
        return _form_page(request, session, posted, action="/dossiers/nouveau", errors=exc.extra["errors"])
    tender = service.create_tender(session=session, data=data, author=_author(request, actor))
    service.apply_proposals(session=session, settings=request.app.state.settings, tender_id=int(tender.id or 0),
                            expected_version=tender.version)
    return _see(int(tender.id or 0))


@router.get("/dossiers/{tender_id}/modifier")
def edit_tender(request: Request, tender_id: int, session: SessionDep, _: EditorDep) -> HTMLResponse:
    """The file's fields and lots, to correct."""
    tender = service.get_tender(session=session, tender_id=tender_id)
    return _form_page(request, session, _file_form(tender, service.lots_of(session=session, tender_id=tender_id)),
                      action=f"/dossiers/{tender_id}/modifier", version=tender.version)


@router.post("/dossiers/{tender_id}/modifier", response_model=None)
def save_tender(request: Request, tender_id: int, session: SessionDep, form: FormDep, _: EditorDep) -> Response:
    """Save the file's fields and lots (a stale version is refused)."""
    posted = FileForm.posted(form)
    try:
        data = posted.data()
    except InvalidInput as exc:
        return _form_page(request, session, posted, action=f"/dossiers/{tender_id}/modifier",
                          version=_version(form), errors=exc.extra["errors"])
    service.update_tender(session=session, tender_id=tender_id, data=data, expected_version=_version(form))
    return _see(tender_id)


@router.post("/dossiers/depuis-parcours", response_model=None)
def save_journey(request: Request, session: SessionDep, form: FormDep, actor: EditorDep) -> Response:
    """The journey saved as a file: its tender fields, the lots read in the text, the ticked clauses and the
    values typed so far, the reference and the buyer profile."""
    parsed = TenderForm.posted(form).parse()
    if parsed is None:
        raise InvalidInput("Le résumé du marché est invalide : revenez à la première étape.")
    reading = read_tender(parsed.text, parsed.nature)  # the lots the text names
    title = object_title(parsed.text)[:300]
    data = TenderIn(
        buyer_siret=stored_value(form.get("acheteur_siret")) or None, title=title,
        reference=stored_value(form.get("reference")).strip()[:64], summary=parsed.text, nature=parsed.nature,
        cpv=[parsed.cpv] if parsed.cpv else [], launch_date=parsed.launch_date,
        amount_eur=int(amount) if (amount := parsed.amount_eur or reading.amount_eur) is not None else None,
        lots=[{"number": lot.number, "title": lot.label[:300]} for lot in reading.lots],
    )
    tender = service.create_tender(session=session, data=data, author=_author(request, actor))
    chosen = []
    for raw in form.getlist("clause"):
        clause_id, _, version = stored_value(raw).partition(":")
        prefix = f"v.{clause_id}."
        values = {key.removeprefix(prefix): stored_value(value) for key, value in form.items()
                  if key.startswith(prefix) and stored_value(value).strip()}
        chosen.append(TenderClauseIn(id=clause_id, version=int(version) if version.isdigit() else None,
                                     variables=values, source="proposee"))
    # A reserved clause whose lot the text does not say waits for the officer's choice on the file's page.
    unplaced = service.unplaced_reservations(session=session, tender_id=int(tender.id or 0), clauses=chosen)
    chosen = [choice for choice in chosen if choice.id not in unplaced]
    if chosen:
        service.set_clauses(session=session, tender_id=int(tender.id or 0), clauses=chosen,
                            expected_version=tender.version)
    waiting = f"?{urlencode([('a_placer', clause_id) for clause_id in unplaced])}" if unplaced else ""
    return _see(int(tender.id or 0), waiting)


# ---- one file ------------------------------------------------------------------------------------


@dataclass
class ClauseRow:
    """One clause of the file's form: its lots, its common fields and each lot's fields."""

    clause: Any  # TenderClauseOut
    doc: ClauseDoc
    common: list[VariableField]
    per_lot: list[tuple[TenderLot, list[VariableField]]]


def _lot_fields(doc: ClauseDoc, clause_id: str, lot: int, values: dict[str, Any],
                problems: list[ValueProblem]) -> list[VariableField]:
    """A lot's inputs of a clause's variables: each may stay empty (the common value then applies), a list too."""
    fields = variable_fields(doc, {k: str(v) for k, v in values.items()}, problems)
    return [VariableField(**{**f.__dict__, "name": f"l.{clause_id}.{lot}.{name}", "id": f"{clause_id}--{lot}--{name}",
                             "hint": "Vide : la valeur commune.", "required": False, "empty": "Valeur commune"})
            for f, name in zip(fields, doc.variables, strict=True)]


def _rows(session: Session, tender_id: int, posted: dict[str, str] | None = None,
          problems: dict[tuple[str, int | None], list[ValueProblem]] | None = None) -> list[ClauseRow]:
    out = views.tender_out(session, service.get_tender(session=session, tender_id=tender_id))
    lots = service.lots_of(session=session, tender_id=tender_id)
    rows = []
    for clause in out.clauses:
        doc = clauses.to_doc(clauses.get_version(session=session, clause_id=clause.id, version=clause.version))
        common_raw = {k: str(v) for k, v in clause.variables.items()}
        if posted is not None:
            common_raw = {name: posted.get(f"v.{clause.id}.{name}", "") for name in doc.variables}
        common = variable_fields(doc, {**_defaults_text(doc), **{k: v for k, v in common_raw.items() if v}},
                                 (problems or {}).get((clause.id, None), []))
        per_lot = []
        for lot in lots:
            values = clause.lot_variables.get(str(lot.number), {})
            if posted is not None:
                values = {name: posted.get(f"l.{clause.id}.{lot.number}.{name}", "") for name in doc.variables}
            per_lot.append((lot, _lot_fields(doc, clause.id, lot.number, values,
                                             (problems or {}).get((clause.id, lot.number), []))))
        rows.append(ClauseRow(clause=clause, doc=doc, common=common, per_lot=per_lot))
    return rows


def _defaults_text(doc: ClauseDoc) -> dict[str, str]:
    return {field.name.rsplit(".", 1)[1]: field.value for field in variable_fields(doc, None, [])}


def file_page(request: Request, session: Session, actor: Actor, tender_id: int, *, status_code: int = 200,
              rows: list[ClauseRow] | None = None, errors: list[str] | None = None,
              search: dict[str, str] | None = None, unplaced: list[str] | None = None,
              award_form: dict[str, str] | None = None, award_errors: dict[str, str] | None = None,
              document_error: str | None = None) -> HTMLResponse:
    """One file: its fields, its clauses per lot, the library's newer versions, its documents (only those that
    would hold a clause are offered)."""
    tender = service.get_tender(session=session, tender_id=tender_id)
    out = views.tender_out(session, tender)
    found = []
    if search and any(search.values()):
        have = {c.id for c in out.clauses}
        found = [row for _, row in clauses.search_clauses(
            session=session, theme=search.get("theme") or None, kind=search.get("kind") or None,
            status="active", q=search.get("q") or None) if row.clause_id not in have][:30]
    purchases = service.purchases_of(session=session, tender_id=tender_id)
    found_proposals = service.propose(session=session, settings=request.app.state.settings, tender=tender)
    proposals = [(f"Lot n° {n}", response) for n, response in found_proposals.lots.items()] or [
        ("Toute la consultation", found_proposals.whole)]
    offered_scopes, offered_lots = documents.offered(session=session, tender=tender)
    return render(request, "tender_file.html", {
        "proposals": proposals, "in_file": {c.id for c in out.clauses},
        "title": out.title, "t": out, "rows": rows if rows is not None else _rows(session, tender_id),
        "lots": (lots := service.lots_of(session=session, tender_id=tender_id)), "errors": errors or [],
        "lots_total": service.consultation_amount(tender, lots) if tender.amount_eur is None else None,
        "statuses": STATUSES, "editable": out.status in ("brouillon", "pret") and actor.has_role("editor"),
        "can_write": actor.has_role("editor"), "search": search or {}, "found": found,
        "theme_options": [(t.id, t.label) for t in THEMES], "kind_options": list(KIND_LABELS.items()),
        "scopes": {scope: documents.SCOPE_LABELS[scope] for scope in offered_scopes},
        "document_lots": [lot for lot in lots if lot.number in offered_lots],
        "document_error": document_error, "purchases": purchases, "today": date.today().isoformat(),
        "unplaced": [title for clause_id in unplaced or [] if (title := _title(session, clause_id))],
        "award_months": service.contract_months(tender), "award_form": award_form or {},
        "award_errors": award_errors or {},
        "award_targets": [(lot.number, f"Lot n° {lot.number} – {lot.title}", lot.amount_eur) for lot in lots]
        or [(1, "Le marché", tender.amount_eur)],
    }, status_code=status_code)


def _title(session: Session, clause_id: str) -> str | None:
    try:
        return clauses.to_doc(clauses.get_version(session=session, clause_id=clause_id)).title
    except NotFound:
        return None


@router.get("/dossiers/{tender_id}")
def tender_page(
    request: Request, tender_id: int, session: SessionDep, actor: ReaderDep,
    q: Annotated[str, Query(max_length=200)] = "", theme: Annotated[str, Query(max_length=60)] = "",
    kind: Annotated[str, Query(max_length=60)] = "",
    a_placer: Annotated[list[str] | None, Query(max_length=120)] = None,
) -> HTMLResponse:
    """The file's page; ``q``, ``theme`` and ``kind`` search the library for a clause to add; ``a_placer`` names
    the reserved clauses of the journey left for the officer to put on the reserved lot."""
    return file_page(request, session, actor, tender_id, search={"q": q, "theme": theme, "kind": kind},
                     unplaced=a_placer or [])


def _lots_posted(form: FormData, clause_id: str, lots: list[TenderLot]) -> list[int] | None:
    chosen = sorted({int(stored_value(v)) for v in form.getlist(f"lots.{clause_id}") if stored_value(v).isdigit()})
    return None if not lots or len(chosen) == len(lots) else chosen


def _kept(session: Session, tender_id: int) -> dict[str, TenderClause]:
    return {row.clause_id: row for row in service.clauses_of(session=session, tender_id=tender_id)}


@router.post("/dossiers/{tender_id}/clauses", response_model=None)
def save_clauses(request: Request, tender_id: int, session: SessionDep, form: FormDep, actor: EditorDep) -> Response:
    """Save the clauses: kept or removed, their lots, their common values and each lot's values."""
    lots = service.lots_of(session=session, tender_id=tender_id)
    posted = {key: stored_value(value) for key, value in form.items()}
    kept = set(form.getlist("garder"))
    choices, problems = [], {}
    for clause_id, row in _kept(session, tender_id).items():
        if clause_id not in kept or row.source == "requise":
            continue
        doc = clauses.to_doc(clauses.get_version(session=session, clause_id=clause_id, version=row.version))
        common = {name: posted[f"v.{clause_id}.{name}"] for name in doc.variables
                  if posted.get(f"v.{clause_id}.{name}", "").strip()}
        per_lot = {lot.number: {name: posted[f"l.{clause_id}.{lot.number}.{name}"] for name in doc.variables
                                if posted.get(f"l.{clause_id}.{lot.number}.{name}", "").strip()} for lot in lots}
        for lot, values in [(None, {}), *per_lot.items()]:
            found = check_values(doc, common | values)
            if found:
                problems[(clause_id, lot)] = found
        choices.append(TenderClauseIn(id=clause_id, version=row.version, lots=_lots_posted(form, clause_id, lots),
                                      variables=common, lot_variables={n: v for n, v in per_lot.items() if v},
                                      source=row.source))
    if problems:
        messages = [f"« {clauses.to_doc(clauses.get_version(session=session, clause_id=cid)).title} »"
                    f"{f' (lot n° {lot})' if lot else ''} : {p.label} : {p.message}"
                    for (cid, lot), found in problems.items() for p in found]
        return file_page(request, session, actor, tender_id, status_code=422, errors=messages,
                         rows=_rows(session, tender_id, posted, problems))
    service.set_clauses(session=session, tender_id=tender_id, clauses=choices, expected_version=_version(form))
    return _see(tender_id, "#clauses")


@router.post("/dossiers/{tender_id}/ajouter", response_model=None)
def add_clause(request: Request, tender_id: int, session: SessionDep, form: FormDep, _: EditorDep) -> Response:
    """Add a library clause the matcher did not propose, on the lots ticked (all when none is)."""
    lots = service.lots_of(session=session, tender_id=tender_id)
    clause_id = stored_value(form.get("clause"))
    current = [TenderClauseIn(id=row.clause_id, version=row.version, lots=row.lots, variables=row.variables,
                              lot_variables={int(k): v for k, v in row.lot_variables.items()}, source=row.source)
               for row in _kept(session, tender_id).values() if row.source != "requise"]
    chosen = _lots_posted(form, clause_id, lots)
    current.append(TenderClauseIn(id=clause_id, lots=chosen or None, source="ajoutee"))
    service.set_clauses(session=session, tender_id=tender_id, clauses=current, expected_version=_version(form))
    return _see(tender_id, f"#clause-{clause_id}")


@router.post("/dossiers/{tender_id}/propositions", response_model=None)
def apply_proposals(request: Request, tender_id: int, session: SessionDep, form: FormDep, _: EditorDep) -> Response:
    """The clauses become the recommended ones, lot by lot."""
    service.apply_proposals(session=session, settings=request.app.state.settings, tender_id=tender_id,
                            expected_version=_version(form))
    return _see(tender_id, "#clauses")


@router.post("/dossiers/{tender_id}/statut", response_model=None)
def move_status(request: Request, tender_id: int, session: SessionDep, form: FormDep, _: EditorDep) -> Response:
    """Move the file to the status of the button pressed."""
    service.set_status(session=session, tender_id=tender_id, status=stored_value(form.get("statut")),
                       expected_version=_version(form))
    return _see(tender_id)


@router.post("/dossiers/{tender_id}/mise-a-jour", response_model=None)
def library_update(request: Request, tender_id: int, session: SessionDep, form: FormDep, _: EditorDep) -> Response:
    """Take a clause's newer library version, or keep the file's."""
    choice = stored_value(form.get("choix"))
    if choice not in ("mettre-a-jour", "conserver"):
        raise InvalidInput("Choix inconnu : mettre à jour ou conserver.")
    service.answer_library_update(session=session, tender_id=tender_id, clause_id=stored_value(form.get("clause")),
                                  choice=choice, expected_version=_version(form))
    return _see(tender_id, "#mises-a-jour")


def _docx(filename: str, content: bytes) -> Response:
    return Response(content, media_type=DOCX_MEDIA_TYPE, headers={
        "Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})


@router.post("/dossiers/{tender_id}/documents", response_model=None)
def generate(request: Request, tender_id: int, session: SessionDep, form: FormDep, actor: EditorDep) -> Response:
    """Generate a document of the saved file (kept in its history) and download it."""
    scope, _, lot = stored_value(form.get("portee")).partition(":")
    try:
        row, content = documents.generate(session=session, tender_id=tender_id, scope=scope or "dossier",
                                          lot=int(lot) if lot.isdigit() else None, draft=bool(form.get("projet")),
                                          author=_author(request, actor))
    except InvalidInput as exc:  # said on the file's page, in its Documents section (nothing generated)
        return file_page(request, session, actor, tender_id, status_code=422, document_error=exc.detail)
    return _docx(row.filename, content)


@router.get("/dossiers/{tender_id}/documents/{document_id}", response_model=None)
def history_document(tender_id: int, document_id: int, session: SessionDep, _: ReaderDep) -> Response:
    """A document of the file's history, as generated."""
    row = documents.get_document(session=session, tender_id=tender_id, document_id=document_id)
    return _docx(row.filename, row.content)


@router.post("/dossiers/{tender_id}/attribution", response_model=None)
def award(request: Request, tender_id: int, session: SessionDep, form: FormDep, actor: EditorDep) -> Response:
    """Award the published file: one contract of the ledger per lot, with its notified amount and holder; what the
    form gets wrong is said on the file's page, above the form."""
    try:
        data = _award_posted(form, service.lots_of(session=session, tender_id=tender_id))
    except InvalidInput as exc:
        found = exc.extra.get("errors", [])
        problems = [error["message"] for error in found] or [exc.detail]
        # What was typed stays in the form, each problem next to its field.
        return file_page(request, session, actor, tender_id, status_code=422,
                         errors=[f"Attribution, {problem}" for problem in problems],
                         award_form={key: stored_value(value) for key, value in form.items()},
                         award_errors={error["field"]: sentence(error["problem"]) + "." for error in found
                                       if error.get("field")})
    service.award(session=session, tender_id=tender_id, data=data, expected_version=_version(form),
                  actor=_author(request, actor))
    return _see(tender_id)


_MONTHS = Variable(type="integer", label="Durée", min=1, max=1200)
_NOTIFIED = Variable(type="money", label="Montant notifié", min=0)


def _award_posted(form: FormData, lots: list[TenderLot]) -> AwardIn:
    """The award form: notification date, duration in months, and for each lot (the contract itself when the file
    has none, numbered 1) its notified amount and holder; every problem said at once, in French."""
    problems: list[tuple[str, str, str]] = []  # (field, where, what is wrong)
    notified = stored_value(form.get("notification")).strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", notified):
        problems.append(("notification", "date de notification", "date invalide (AAAA-MM-JJ)"))
    months = None
    if raw := stored_value(form.get("duree")).strip():
        try:
            months = int(parse_value(_MONTHS, raw))
        except ValueError as exc:
            problems.append(("duree", "durée en mois", str(exc)))
    awarded = []
    for lot in [lot.number for lot in lots] or [1]:
        where = f"lot n° {lot}" if lots else "marché"
        amount = None
        if raw := stored_value(form.get(f"lot{lot}_montant")).strip():
            try:
                amount = Decimal(parse_value(_NOTIFIED, raw)).quantize(Decimal("0.01"))
            except ValueError as exc:
                problems.append((f"lot{lot}_montant", f"{where}, montant notifié", str(exc)))
        siret = re.sub(r"\s", "", stored_value(form.get(f"lot{lot}_siret"))) or None
        if siret is not None and not re.fullmatch(r"\d{14}", siret):
            typed = f" ({len(siret)} saisis)" if siret.isdigit() else ""
            problems.append((f"lot{lot}_siret", f"{where}, SIRET du titulaire", f"14 chiffres attendus{typed}"))
        name = stored_value(form.get(f"lot{lot}_titulaire")).strip()[:255] or None
        awarded.append({"number": lot, "amount_eur": amount, "holder_siret": siret, "holder_name": name})
    if problems:
        messages = [f"{where} : {what}" for _, where, what in problems]
        raise InvalidInput("Attribution refusée, rien n'a été enregistré : " + " ; ".join(messages) + ".",
                           errors=[{"field": field, "message": message, "problem": what}
                                   for (field, _, what), message in zip(problems, messages, strict=True)])
    try:
        return AwardIn.model_validate({"notified_on": notified, "duration_months": months, "lots": awarded})
    except ValidationError:
        problem = "date de notification : date invalide (AAAA-MM-JJ)"
        raise InvalidInput(f"Attribution refusée, rien n'a été enregistré : {problem}.", errors=[
            {"field": "notification", "message": problem, "problem": "date invalide (AAAA-MM-JJ)"}]) from None
