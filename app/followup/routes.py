"""Execution follow-up API: a contract's clauses and commitments, evidence (files checked), overdue list,
insertion-hours statements (JSON or CSV) and their totals."""

from datetime import date
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request, Response, UploadFile
from fastapi.responses import FileResponse

from app.audit.service import record
from app.auth.dependencies import EditorDep
from app.db import SessionDep
from app.documents.service import DOCX_MEDIA_TYPE
from app.errors import NotFound
from app.followup import files, guarantees, hours, letter, reading, service
from app.followup.models import (
    ClausesIn,
    CommitmentOut,
    DecisionIn,
    EvidenceOut,
    FollowupOut,
    GuaranteeOut,
    HoursIn,
    InsertionOut,
    NoticeIn,
    OpenIn,
    OverduePage,
    StoredFileFields,
)
from app.paging import Limit, Offset
from app.purchases.service import get_purchase

router = APIRouter(prefix="/api/v1/followup", tags=["suivi d'exécution"])
RECEIVED_HELP = "Date de réception (par défaut : aujourd'hui ; une date à venir est refusée, 422)"
DateQuery = Annotated[date | None, Query(description="Date de référence (par défaut : aujourd'hui)")]


def evidence_folder(request: Request) -> Path:
    """Where evidence files are kept (``CLAUSIER_EVIDENCE_DIR``, by default DATA_DIR/justificatifs)."""
    folder = request.app.state.settings.EVIDENCE_DIR
    assert isinstance(folder, Path)
    return folder


@router.get("/contracts/{purchase_id}", response_model=FollowupOut)
def read_followup(purchase_id: int, session: SessionDep, on: DateQuery = None) -> FollowupOut:
    """A contract's commitments with their evidence and status on the date, and its insertion hours."""
    get_purchase(session=session, purchase_id=purchase_id)
    return reading.followup_out(session, purchase_id, on or date.today())


@router.post("/contracts/{purchase_id}/clauses", response_model=FollowupOut)
def add_clauses(purchase_id: int, data: ClausesIn, session: SessionDep, actor: EditorDep) -> FollowupOut:
    """Add clauses to a contract (an imported DECP contract whose CCAP the officer reads): then open its
    follow-up (``POST …/open``) to turn them into commitments."""
    service.add_clauses(session=session, purchase_id=purchase_id,
                        clauses=[(c.id, c.version, c.variables) for c in data.clauses])
    record(session, actor, action="add-clauses", resource="purchase", resource_id=purchase_id, after=data)
    return reading.followup_out(session, purchase_id, date.today())


@router.post("/contracts/{purchase_id}/open", response_model=list[CommitmentOut])
def open_followup(purchase_id: int, data: OpenIn, session: SessionDep, actor: EditorDep) -> list[CommitmentOut]:
    """Turn the verification items of the contract's clauses into dated commitments (idempotent)."""
    service.open_followup(session=session, purchase_id=purchase_id, starts_on=data.starts_on, ends_on=data.ends_on,
                          duration_months=data.duration_months, actor=actor.name)
    record(session, actor, action="open-followup", resource="purchase", resource_id=purchase_id, after=data)
    return reading.followup_out(session, purchase_id, date.today()).commitments


@router.get("/overdue", response_model=OverduePage)
def list_overdue(
    session: SessionDep, on: DateQuery = None,
    buyer: Annotated[str | None, Query(pattern=r"^[0-9]{14}$", description="SIRET de l'acheteur")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> OverduePage:
    """Commitments past due on the date without evidence (or with refused evidence only), oldest first."""
    return reading.overdue_page(session, on or date.today(), buyer=buyer, limit=limit, offset=offset)


@router.post("/commitments/{commitment_id}/evidence", response_model=EvidenceOut, status_code=201)
def add_evidence(
    commitment_id: int, request: Request, session: SessionDep, actor: EditorDep,
    description: Annotated[str, Form(min_length=1, max_length=2000, description="Ce que montre le justificatif")],
    received_on: Annotated[date | None, Form(description=RECEIVED_HELP)] = None,
    file: UploadFile | None = None,
) -> EvidenceOut:
    """Record a piece of evidence, with its file (PDF, PNG, JPEG, XLSX, ODS or CSV; ``CLAUSIER_MAX_EVIDENCE_BYTES``;
    type told by content; spreadsheets checked against zip bombs): 413, 415 or 422 otherwise."""
    max_bytes = request.app.state.settings.MAX_EVIDENCE_BYTES
    evidence = service.receive_evidence(
        session=session, commitment_id=commitment_id, received_on=received_on or date.today(), description=description,
        actor=actor.name, upload=_upload(file, max_bytes), folder=evidence_folder(request), max_bytes=max_bytes,
    )
    out = reading.evidence_out(evidence)
    record(session, actor, action="create", resource="evidence", resource_id=evidence.id, after=out)
    return out


@router.post("/evidence/{evidence_id}/decision", response_model=EvidenceOut)
def decide(evidence_id: int, data: DecisionIn, session: SessionDep, actor: EditorDep) -> EvidenceOut:
    """Accept or refuse a piece of evidence (a refusal states its reason)."""
    evidence = service.decide(session=session, evidence_id=evidence_id, accepted=data.accepted, reason=data.reason,
                              actor=actor.name)
    out = reading.evidence_out(evidence)
    record(session, actor, action="decide", resource="evidence", resource_id=evidence_id, after=out)
    return out


@router.post("/commitments/{commitment_id}/notice", response_model=CommitmentOut)
def record_notice(commitment_id: int, data: NoticeIn, session: SessionDep, actor: EditorDep) -> CommitmentOut:
    """Record the formal notice (mise en demeure) sent to the holder for an overdue commitment, correct its date
    or remove it (``sent_on``: null). For an insertion-hours statement, the late-statement penalty runs once the
    notice has stayed unanswered for the period the penalty clause sets (422 if dated before the due date or in
    the future)."""
    commitment = service.record_notice(session=session, commitment_id=commitment_id, sent_on=data.sent_on,
                                       actor=actor.name)
    record(session, actor, action="formal-notice", resource="commitment", resource_id=commitment_id, after=data)
    return next(c for c in reading.followup_out(session, commitment.purchase_id, date.today()).commitments
                if c.id == commitment_id)


def _download(request: Request, stored: StoredFileFields) -> Response:
    """A stored evidence file, as a download only (never shown inline, sandboxed if opened)."""
    if stored.sha256 is None:
        raise NotFound("Ce justificatif n'a pas de fichier.")
    path = files.path_of(evidence_folder(request), stored.sha256)
    if not path.is_file():
        raise NotFound("Fichier du justificatif introuvable dans le dossier des justificatifs.")
    return FileResponse(
        path, media_type=stored.media_type or "application/octet-stream", filename=stored.filename,
        content_disposition_type="attachment",
        headers={"Content-Security-Policy": "sandbox; default-src 'none'", "X-Content-Type-Options": "nosniff"},
    )


@router.get("/evidence/{evidence_id}/file", response_class=FileResponse)
def download(evidence_id: int, request: Request, session: SessionDep) -> Response:
    """The file of a piece of evidence, as a download only (never shown inline)."""
    return _download(request, service.get_evidence(session=session, evidence_id=evidence_id))


@router.get("/guarantees/{guarantee_id}/file", response_class=FileResponse)
def download_guarantee(guarantee_id: int, request: Request, session: SessionDep) -> Response:
    """The file of a supplier's guarantee, as a download only."""
    return _download(request, guarantees.get_guarantee(session=session, guarantee_id=guarantee_id))


@router.get("/suppliers/{siret}/guarantees", response_model=list[GuaranteeOut])
def list_guarantees(siret: str, session: SessionDep, on: DateQuery = None) -> list[GuaranteeOut]:
    """A registry supplier's social guarantees (ILO core conventions, supply-chain transparency, audits), newest
    first, each valid or not on the date."""
    return guarantees.guarantees_of(session=session, siret=siret, on=on or date.today())


@router.post("/suppliers/{siret}/guarantees", response_model=GuaranteeOut, status_code=201)
def add_guarantee(
    siret: str, request: Request, session: SessionDep, actor: EditorDep,
    kind: Annotated[str, Form(description="oit, transparence ou audit")],
    description: Annotated[str, Form(min_length=1, max_length=2000, description="Ce que montre le justificatif")],
    received_on: Annotated[date | None, Form(description=RECEIVED_HELP)] = None,
    valid_until: Annotated[date | None, Form(description="Fin de validité (surveillée avec les labels)")] = None,
    file: UploadFile | None = None,
) -> GuaranteeOut:
    """Record a supplier's social guarantee with its validity and its file (checked like the contracts'
    evidence); the expiry watch (``/api/v1/suppliers/expiring``) lists it before it ends."""
    settings = request.app.state.settings
    row = guarantees.add_guarantee(
        session=session, siret=siret, kind=kind, description=description, received_on=received_on or date.today(),
        valid_until=valid_until, upload=_upload(file, settings.MAX_EVIDENCE_BYTES), folder=evidence_folder(request),
        max_bytes=settings.MAX_EVIDENCE_BYTES, actor=actor.name,
    )
    out = next(g for g in guarantees.guarantees_of(session=session, siret=siret, on=date.today()) if g.id == row.id)
    record(session, actor, action="create", resource="supplier-guarantee", resource_id=row.id, after=out)
    return out


def _upload(file: UploadFile | None, max_bytes: int) -> tuple[bytes, str] | None:
    """An uploaded file's content (read up to one byte past the limit) and name."""
    return (file.file.read(max_bytes + 1), file.filename or "") if file else None


@router.get("/commitments/{commitment_id}/reminder.docx", response_class=Response,
            responses={200: {"content": {DOCX_MEDIA_TYPE: {}}}})
def reminder(
    commitment_id: int, session: SessionDep, on: DateQuery = None,
    delay: Annotated[int, Query(ge=1, le=90, description="Délai de réponse laissé au titulaire, en jours")] = 15,
) -> Response:
    """The reminder letter (.docx) to the holder: the evidence owed, the clause (title and wording with the
    contract's values) and the penalty clause it requires, if any."""
    content, filename = letter.reminder_letter(session=session, commitment_id=commitment_id, on=on or date.today(),
                                               delay_days=delay)
    return Response(content, media_type=DOCX_MEDIA_TYPE,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@router.get("/contracts/{purchase_id}/hours", response_model=InsertionOut)
def read_hours(purchase_id: int, session: SessionDep, on: DateQuery = None) -> InsertionOut:
    """Insertion hours committed and achieved, by category, modality and month; shortfall and the penalties the
    clause gives on the date, for the hours missing and for the statements late after a formal notice
    (computed, never applied)."""
    return reading.insertion_out(session, purchase_id, on or date.today())


@router.post("/contracts/{purchase_id}/hours", response_model=InsertionOut)
def record_hours(purchase_id: int, data: HoursIn, session: SessionDep, actor: EditorDep) -> InsertionOut:
    """Record a statement (each month given replaces that month); all lines or none (422 with line numbers)."""
    hours.record_statement(session=session, purchase_id=purchase_id, lines=reading.lines_in(data.lines),
                           source="saisie", actor=actor.name, received_on=data.received_on or date.today())
    record(session, actor, action="record-hours", resource="purchase", resource_id=purchase_id, after=data)
    return reading.insertion_out(session, purchase_id, date.today())


@router.post("/contracts/{purchase_id}/hours/import", response_model=InsertionOut)
def import_hours(
    purchase_id: int, file: UploadFile, session: SessionDep, actor: EditorDep,
    received_on: Annotated[date | None, Query(description=RECEIVED_HELP)] = None,
) -> InsertionOut:
    """Import a statement CSV (columns Mois, Catégorie, Modalité, Heures, Personnes optional): the whole file or
    nothing (422 listing each error with its line). A column naming participants is refused."""
    lines = hours.read_statement(file.file.read())
    hours.record_statement(session=session, purchase_id=purchase_id, lines=lines, source=file.filename or "import",
                           actor=actor.name, received_on=received_on or date.today())
    record(session, actor, action="import-hours", resource="purchase", resource_id=purchase_id,
           after={"file": file.filename, "lines": len(lines)})
    return reading.insertion_out(session, purchase_id, date.today())
