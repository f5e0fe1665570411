"""The follow-up pages: overdue commitments on a date, and one contract's follow-up (its clauses, commitments,
evidence with files, insertion-hours statements). Plain form posts; writing needs an identified officer."""

from datetime import date
from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session, col, func, select
from starlette.datastructures import FormData, UploadFile

from app.audit.service import record
from app.auth.dependencies import Actor, EditorDep
from app.buyers.models import Buyer
from app.buyers.service import display_name
from app.clauses.service import current_rows, get_version, to_doc
from app.clauses.values import format_value, parse_value
from app.db import SessionDep
from app.errors import AppError, InvalidInput, NotFound
from app.followup import guarantees, hours, reading, service
from app.followup.models import Commitment
from app.french import unit_of
from app.purchases.models import Purchase
from app.purchases.service import get_purchase, holders_of
from app.web.forms import name_values, stored_value
from app.web.pages import FormDep, ReaderDep, page_router, render

router = page_router()
DateParam = Annotated[str, Query(alias="date", max_length=10, description="Date de référence AAAA-MM-JJ")]


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text) if text else date.today()
    except ValueError:
        raise InvalidInput(f"Date invalide « {text} » : AAAA-MM-JJ attendu.") from None


def _file(form: FormData, max_bytes: int) -> tuple[bytes, str] | None:
    """The posted ``fichier`` (read up to one byte past the limit) and its name, if one was sent."""
    upload = form.get("fichier")
    if isinstance(upload, UploadFile) and upload.filename:
        return upload.file.read(max_bytes + 1), upload.filename
    return None


def _followed(session: Session) -> list[tuple[int, str, str, int]]:
    """Contracts with a follow-up: id, reference, object, number of commitments."""
    query = (select(Purchase.id, Purchase.buyer_ref, Purchase.object, func.count(col(Commitment.id)))
             .join(Commitment, col(Commitment.purchase_id) == col(Purchase.id))
             .group_by(col(Purchase.id), col(Purchase.buyer_ref), col(Purchase.object))
             .order_by(col(Purchase.id).desc()).limit(200))
    return [(int(pid or 0), ref, obj, int(count)) for pid, ref, obj, count in session.exec(query).all()]


def _contracts_named(session: Session, words: str) -> list[Purchase]:
    """Contracts of the ledger whose reference is ``words``, else whose reference or object contains them (at
    most 50, newest first); a number alone is also the contract's number in the ledger."""
    exact = session.exec(select(Purchase).where(col(Purchase.buyer_ref) == words)).all()
    if exact:
        return list(exact)
    pattern = f"%{words}%"
    found = list(session.exec(
        select(Purchase).where(col(Purchase.buyer_ref).ilike(pattern) | col(Purchase.object).ilike(pattern))
        .order_by(col(Purchase.notified_on).desc()).limit(50)).all())
    numbered = session.get(Purchase, int(words)) if words.isdigit() and len(words) < 10 else None
    return ([numbered] if numbered else []) + [purchase for purchase in found if purchase is not numbered]


@router.get("/suivi")
def overdue_page(
    request: Request, session: SessionDep, _: ReaderDep, day: DateParam = "",
    q: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    """Commitments overdue on a date, the contracts followed, and how to follow another one: a contract of the
    ledger found by its reference, its number or words of its object (one found: its page)."""
    on, words = _day(day), q.strip()
    found = _contracts_named(session, words) if words else []
    if len(found) == 1:
        return RedirectResponse(f"/suivi/marches/{found[0].id}", status_code=303)
    return render(request, "followup.html", {
        "title": "Suivi d'exécution", "on": on, "page": reading.overdue_page(session, on, limit=500),
        "followed": _followed(session), "q": words, "found": found,
    })


_NUMBERS = ("integer", "decimal", "percent", "money")


def clause_values(session: Session, clause_id: str, version: int | None, values: dict[str, Any]) -> list[str]:
    """A contract clause's values as an officer reads them: « label : value unit », never the variable's name."""
    try:
        variables = to_doc(get_version(session=session, clause_id=clause_id, version=version)).variables
    except NotFound:
        variables = {}
    lines = []
    for name, raw in values.items():
        variable = variables.get(name)
        if variable is None:
            lines.append(f"{name} : {raw}")  # a value of a clause version the library no longer has
            continue
        try:
            value = parse_value(variable, raw)
            text = format_value(variable, value)
        except (ValueError, TypeError):
            value, text = None, str(raw)
        unit = variable.unit or {"percent": "%", "money": "€"}.get(variable.type)
        if unit and variable.type in _NUMBERS and value is not None:
            text += f" {unit_of(float(value), unit)}"
        lines.append(f"{variable.label} : {text}")
    return lines


def contract_page(request: Request, session: Session, actor: Actor, purchase_id: int, on: date, *,
                  error: str | None = None, notice: str | None = None, notice_kind: str = "succes",
                  status_code: int = 200, kept: dict[str, str] | None = None) -> HTMLResponse:
    """One contract's follow-up page; ``kept``: the refused form's entries, shown again in it (``entry`` names it)."""
    purchase = get_purchase(session=session, purchase_id=purchase_id)
    followup = reading.followup_out(session, purchase_id, on)
    clauses = {head.id: row.title for head, row in current_rows(session=session) if row.status == "active"}
    return render(request, "followup_contract.html", {
        "title": f"Suivi du marché {purchase.buyer_ref}", "purchase": purchase, "on": on, "followup": followup,
        "received_default": min(on, date.today()),  # a receipt is never to come, whatever day the page shows
        "holders": holders_of(session=session, purchase_ids=[purchase_id])[purchase_id],
        "library": sorted(clauses.items(), key=lambda item: item[1]),
        "contract_clauses": [(c["id"], clauses.get(str(c["id"]), c["id"]), c.get("version"),
                              clause_values(session, str(c["id"]), c.get("version"), c.get("variables") or {}))
                             for c in purchase.clauses or []],
        "buyer_name": display_name(buyer) if (buyer := session.get(Buyer, purchase.buyer_siret)) else None,
        "categories": hours.CATEGORIES, "modalities": hours.MODALITIES, "can_write": actor.has_role("editor"),
        "undated_note": reading.undated_note(followup, clause_count=len(purchase.clauses or [])),
        "error": error, "notice": notice, "notice_kind": notice_kind, "month_label": hours.month_label,
        "format_hours": hours.format_hours, "kept": kept or {},
    }, status_code=status_code)


@router.get("/suivi/marches/{purchase_id}")
def contract(request: Request, purchase_id: int, session: SessionDep, actor: ReaderDep,
             day: DateParam = "", fait: Annotated[str, Query(max_length=200)] = "") -> HTMLResponse:
    """A contract's follow-up on a date (today by default)."""
    return contract_page(request, session, actor, purchase_id, _day(day), notice=NOTICES.get(fait),
                         notice_kind="info" if fait in INFO_NOTICES else "succes")


INFO_NOTICES = ("sans-echeance", "sans-clause", "ouvert-sans-date")  # told in blue, not the green of a success
NOTICES = {
    "clauses": "Clause ajoutée au marché. Ouvrez ou mettez à jour le suivi pour en tirer les engagements.",
    "ouvert": "Suivi ouvert : les justificatifs prévus par les clauses sont devenus des engagements datés.",
    "ouvert-sans-date": "Suivi ouvert : les justificatifs prévus par les clauses sont devenus des engagements ; "
                        "certains restent sans date tant que le marché ne la fixe pas (raison indiquée dans le "
                        "tableau « Engagements du titulaire »).",
    "sans-echeance": "Aucun engagement daté : les clauses de ce marché ne fixent pas d'échéance à leurs "
                     "justificatifs (détail sous « Engagements du titulaire »).",
    "sans-clause": "Aucun engagement daté : aucune clause n'est enregistrée pour ce marché. Ajoutez d'abord ses "
                   "clauses.",
    "releve": "Relevé des heures enregistré.",
    "justificatif": "Justificatif enregistré.",
    "decision": "Décision enregistrée.",
    "mise-en-demeure": "Mise en demeure enregistrée.",
}


def _after(request: Request, session: Session, actor: Actor, purchase_id: int, form: FormData, notice: str,
           action: Any, *, entry: str) -> Any:
    """Run ``action``; redirect to the contract's page with a notice (the one ``action`` returns, if any, else
    ``notice``), or show the page with the French error and the form ``entry`` (« justificatif-12 ») open again
    with what the officer typed, nothing to type twice. A page cannot choose a file again (browsers forbid it):
    the message asks for it."""
    on = _day(stored_value(form.get("date")))
    try:
        told = action()
    except AppError as exc:
        session.rollback()
        details = [f"ligne {e['line']} ({e['column']}) : {e['message']}" for e in exc.extra.get("errors", [])
                   if "line" in e]
        message = exc.detail + ("" if not details else " " + " ; ".join(details[:20]))
        if any(isinstance(value, UploadFile) and value.filename for _, value in form.multi_items()):
            message += " Le fichier choisi n'a pas été enregistré : joignez-le de nouveau."
        typed = {key: value for key, value in form.multi_items() if isinstance(value, str)}
        return contract_page(request, session, actor, purchase_id, on, error=message, status_code=exc.status,
                             kept=typed | {"entry": entry})
    notice = told if isinstance(told, str) else notice
    suffix = f"&date={on.isoformat()}" if stored_value(form.get("date")) else ""
    return RedirectResponse(f"/suivi/marches/{purchase_id}?fait={notice}{suffix}", status_code=303)


@router.post("/suivi/marches/{purchase_id}/clauses", response_model=None)
def add_clause(request: Request, purchase_id: int, session: SessionDep, form: FormDep, actor: EditorDep) -> Any:
    """Add a clause of the library (with its values) to the contract: « ajouter les clauses du marché »."""
    def action() -> None:
        clause_id = stored_value(form.get("clause"))
        if not clause_id:
            raise InvalidInput("Choisissez une clause de la bibliothèque.")
        values = name_values(stored_value(form.get("valeurs")), "valeurs")
        service.add_clauses(session=session, purchase_id=purchase_id, clauses=[(clause_id, None, values)])
        record(session, actor, action="add-clauses", resource="purchase", resource_id=purchase_id,
               after={"clause": clause_id, "variables": values})
    return _after(request, session, actor, purchase_id, form, "clauses", action, entry="clauses")


@router.post("/suivi/marches/{purchase_id}/ouvrir", response_model=None)
def open_followup(request: Request, purchase_id: int, session: SessionDep, form: FormDep, actor: EditorDep) -> Any:
    """Open (or update) the contract's commitments with the execution dates given; when none results, the notice
    says so (no clause, or clauses whose evidence has no fixed due date) instead of « Suivi ouvert »."""
    def action() -> str | None:
        start, end = stored_value(form.get("debut")), stored_value(form.get("fin"))
        opened = service.open_followup(session=session, purchase_id=purchase_id,
                                       starts_on=_day(start) if start else None, ends_on=_day(end) if end else None,
                                       actor=actor.name)
        record(session, actor, action="open-followup", resource="purchase", resource_id=purchase_id,
               after={"debut": start, "fin": end})
        if any(commitment.due_on is None for commitment in opened):
            return "ouvert-sans-date"
        if opened:
            return None
        return "sans-echeance" if get_purchase(session=session, purchase_id=purchase_id).clauses else "sans-clause"
    return _after(request, session, actor, purchase_id, form, "ouvert", action, entry="ouvrir")


@router.post("/suivi/marches/{purchase_id}/heures", response_model=None)
def record_hours(request: Request, purchase_id: int, session: SessionDep, form: FormDep, actor: EditorDep) -> Any:
    """Record a statement line entered on the page, or import a statement CSV (all or nothing)."""
    def action() -> None:
        upload = form.get("fichier")
        received = _day(stored_value(form.get("recu_le")))
        if isinstance(upload, UploadFile) and upload.filename:
            lines = hours.read_statement(upload.file.read())
            source = upload.filename
        else:
            parsed, issues = hours.parse_rows([(1, {
                key: stored_value(form.get(key)) for key in ("mois", "categorie", "modalite", "heures", "personnes")
            })], {"mois": "Mois", "categorie": "Catégorie", "modalite": "Modalité", "heures": "Heures",
                  "personnes": "Personnes"})
            if issues:  # one entry of the page: its fields named, no line number of a file
                raise InvalidInput("Relevé refusé, rien n'a été enregistré : "
                                   + " ; ".join(f"{issue.column} : {issue.message}" for issue in issues) + ".")
            lines, source = parsed, "saisie"
        hours.record_statement(session=session, purchase_id=purchase_id, lines=lines, source=source,
                               actor=actor.name, received_on=received, whole_months=source != "saisie")
        record(session, actor, action="record-hours", resource="purchase", resource_id=purchase_id,
               after={"source": source, "lines": len(lines)})
    return _after(request, session, actor, purchase_id, form, "releve", action,
                  entry="releve-csv" if isinstance(form.get("fichier"), UploadFile) else "releve")


@router.post("/suivi/engagements/{commitment_id}/justificatif", response_model=None)
def add_evidence(request: Request, commitment_id: int, session: SessionDep, form: FormDep, actor: EditorDep) -> Any:
    """Record a piece of evidence (with its file, checked) for a commitment."""
    commitment = service.get_commitment(session=session, commitment_id=commitment_id)

    def action() -> None:
        settings = request.app.state.settings
        evidence = service.receive_evidence(
            session=session, commitment_id=commitment_id, received_on=_day(stored_value(form.get("recu_le"))),
            description=stored_value(form.get("description")), actor=actor.name,
            upload=_file(form, settings.MAX_EVIDENCE_BYTES),
            folder=settings.EVIDENCE_DIR, max_bytes=settings.MAX_EVIDENCE_BYTES,
        )
        record(session, actor, action="create", resource="evidence", resource_id=evidence.id,
               after=reading.evidence_out(evidence))
    return _after(request, session, actor, commitment.purchase_id, form, "justificatif", action,
                  entry=f"justificatif-{commitment_id}")


@router.post("/suivi/engagements/{commitment_id}/mise-en-demeure", response_model=None)
def record_notice(request: Request, commitment_id: int, session: SessionDep, form: FormDep, actor: EditorDep) -> Any:
    """Record the formal notice sent to the holder for an overdue commitment, or remove it (« retirer »)."""
    commitment = service.get_commitment(session=session, commitment_id=commitment_id)

    def action() -> None:
        removed = stored_value(form.get("retirer")) == "oui"
        sent = stored_value(form.get("envoyee_le"))
        if not removed and not sent:
            raise InvalidInput("Indiquez la date d'envoi de la mise en demeure.")
        sent_on = None if removed else _day(sent)
        service.record_notice(session=session, commitment_id=commitment_id, sent_on=sent_on, actor=actor.name)
        record(session, actor, action="formal-notice", resource="commitment", resource_id=commitment_id,
               after={"sent_on": sent_on.isoformat() if sent_on else None})
    return _after(request, session, actor, commitment.purchase_id, form, "mise-en-demeure", action,
                  entry=f"mise-en-demeure-{commitment_id}")


@router.post("/suivi/justificatifs/{evidence_id}/decision", response_model=None)
def decide(request: Request, evidence_id: int, session: SessionDep, form: FormDep, actor: EditorDep) -> Any:
    """Accept or refuse a piece of evidence (a refusal states its reason)."""
    evidence = service.get_evidence(session=session, evidence_id=evidence_id)
    commitment = service.get_commitment(session=session, commitment_id=evidence.commitment_id)

    def action() -> None:
        decided = service.decide(session=session, evidence_id=evidence_id,
                                 accepted=stored_value(form.get("decision")) == "acceptee",
                                 reason=stored_value(form.get("motif")), actor=actor.name)
        record(session, actor, action="decide", resource="evidence", resource_id=evidence_id,
               after=reading.evidence_out(decided))
    return _after(request, session, actor, commitment.purchase_id, form, "decision", action,
                  entry=f"decision-{evidence_id}")


@router.post("/fournisseurs/{siret}/garanties", response_model=None)
def add_guarantee(request: Request, siret: str, session: SessionDep, form: FormDep, actor: EditorDep) -> Any:
    """Record a supplier's social guarantee (with its file, checked) from the supplier's page."""
    settings = request.app.state.settings
    end = stored_value(form.get("fin"))
    row = guarantees.add_guarantee(
        session=session, siret=siret, kind=stored_value(form.get("garantie")),
        description=stored_value(form.get("description")), received_on=_day(stored_value(form.get("recu_le"))),
        valid_until=_day(end) if end else None,
        upload=_file(form, settings.MAX_EVIDENCE_BYTES), folder=settings.EVIDENCE_DIR,
        max_bytes=settings.MAX_EVIDENCE_BYTES, actor=actor.name,
    )
    record(session, actor, action="create", resource="supplier-guarantee", resource_id=row.id,
           after={"siret": siret, "kind": row.kind, "valid_until": end})
    return RedirectResponse(f"/fournisseurs/{siret}?fait=garantie#garanties", status_code=303)
