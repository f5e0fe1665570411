"""Tender files API: readers read, editors write; every write of a file sends its ETag back in If-Match
(428 without it, 412 when the file changed meanwhile). The intranet creates a file from its own workflow
(``?propositions=true`` fills its clauses with the recommended ones) and fetches its documents."""

from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request, Response
from pydantic import BaseModel, Field

from app.audit.service import record
from app.auth.dependencies import Actor, EditorDep
from app.db import SessionDep
from app.documents.service import DOCX_MEDIA_TYPE
from app.etag import etag, expected_version
from app.matching.schemas import MatchResponse
from app.paging import Limit, Offset
from app.purchases.models import PurchaseOut
from app.purchases.service import holders_of, purchase_out
from app.tenders import documents, service, views
from app.tenders.models import (
    MAX_TENDER_CLAUSES,
    AwardIn,
    DocumentScopeIn,
    LibraryUpdateIn,
    StatusIn,
    Tender,
    TenderClauseIn,
    TenderDocumentOut,
    TenderIn,
    TenderOut,
    TenderPage,
)

router = APIRouter(prefix="/api/v1/tenders", tags=["dossiers"])
DOCX_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {DOCX_MEDIA_TYPE: {}}, "description": "Le document Word (.docx)."}
}
IfMatch = Annotated[str | None, Header(description="ETag du dossier lu en dernier (obligatoire)")]


class ClausesIn(BaseModel):
    """The whole choice of clauses of the file (the required ones are added)."""

    clauses: list[TenderClauseIn] = Field(max_length=MAX_TENDER_CLAUSES)


class ProposalsOut(BaseModel):
    """The proposals for the whole consultation and for each lot (by lot number)."""

    whole: MatchResponse
    lots: dict[int, MatchResponse]


class AwardOut(BaseModel):
    """The contracts of the ledger the file became (by lot number; 0 for a file without lots)."""

    tender: TenderOut
    purchases: dict[int, PurchaseOut]


def _out(session: SessionDep, response: Response, tender: Tender) -> TenderOut:
    response.headers["ETag"] = etag(tender.version)
    return views.tender_out(session, tender)


def _audited(session: SessionDep, actor: Actor, response: Response, tender: Tender, action: str,
             **after: Any) -> TenderOut:
    out = _out(session, response, tender)
    record(session, actor, action=action, resource="tender", resource_id=out.id,
           after={"version": out.version, "status": out.status, **after})
    return out


@router.get("", response_model=TenderPage)
def list_tenders(
    session: SessionDep,
    status: Annotated[str | None, Query(pattern="^(brouillon|pret|publie|attribue)$")] = None,
    buyer: Annotated[str | None, Query(pattern=r"^[0-9]{14}$", description="SIRET de l'acheteur")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Mots de l'intitulé ou de la référence")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> TenderPage:
    """Files, last changed first, filtered by status, buyer and words."""
    rows, total = service.list_tenders(session=session, status=status, buyer=buyer, q=q, limit=limit, offset=offset)
    return TenderPage(items=views.summaries(session, rows), total=total)


@router.post("", response_model=TenderOut, status_code=201)
def create_tender(
    body: TenderIn, request: Request, session: SessionDep, response: Response, actor: EditorDep,
    propositions: Annotated[bool, Query(description="Remplir les clauses avec les clauses recommandées")] = False,
) -> TenderOut:
    """A new file (brouillon) with its lots; with ``propositions=true`` its clauses are the recommended ones."""
    tender = service.create_tender(session=session, data=body, author=actor.name)
    if propositions:
        tender = service.apply_proposals(session=session, settings=request.app.state.settings,
                                         tender_id=int(tender.id or 0), expected_version=tender.version)
    response.headers["Location"] = f"/api/v1/tenders/{tender.id}"
    return _audited(session, actor, response, tender, "create", title=tender.title)


@router.get("/{tender_id}", response_model=TenderOut)
def read_tender(tender_id: int, session: SessionDep, response: Response) -> TenderOut:
    """One file: fields, lots, clauses per lot, newer library versions with their word diff, documents."""
    return _out(session, response, service.get_tender(session=session, tender_id=tender_id))


@router.put("/{tender_id}", response_model=TenderOut)
def update_tender(
    tender_id: int, body: TenderIn, session: SessionDep, response: Response, actor: EditorDep, if_match: IfMatch = None
) -> TenderOut:
    """Replace the file's fields and lots (a removed lot leaves the clauses' lots)."""
    tender = service.update_tender(session=session, tender_id=tender_id, data=body,
                                   expected_version=expected_version(if_match))
    return _audited(session, actor, response, tender, "update", title=tender.title)


@router.put("/{tender_id}/clauses", response_model=TenderOut)
def set_clauses(
    tender_id: int, body: ClausesIn, session: SessionDep, response: Response, actor: EditorDep,
    if_match: IfMatch = None,
) -> TenderOut:
    """Replace the file's clauses: any clause of the library, on all lots or some, with values per lot; the
    clauses they require are added with the reason. A reserved lot is named by the officer."""
    tender = service.set_clauses(session=session, tender_id=tender_id, clauses=body.clauses,
                                 expected_version=expected_version(if_match))
    return _audited(session, actor, response, tender, "update", clauses=[c.id for c in body.clauses])


@router.get("/{tender_id}/proposals", response_model=ProposalsOut)
def proposals(tender_id: int, request: Request, session: SessionDep) -> ProposalsOut:
    """The matcher's proposals for the whole consultation and for each lot (title, CPV, amount, summary)."""
    tender = service.get_tender(session=session, tender_id=tender_id)
    found = service.propose(session=session, settings=request.app.state.settings, tender=tender)
    return ProposalsOut(whole=found.whole, lots=found.lots)


@router.post("/{tender_id}/proposals/apply", response_model=TenderOut)
def apply_proposals(
    tender_id: int, request: Request, session: SessionDep, response: Response, actor: EditorDep,
    if_match: IfMatch = None,
) -> TenderOut:
    """The file's clauses become the recommended ones, each on the lots it is recommended for."""
    tender = service.apply_proposals(session=session, settings=request.app.state.settings, tender_id=tender_id,
                                     expected_version=expected_version(if_match))
    return _audited(session, actor, response, tender, "update", proposals="appliquées")


@router.post("/{tender_id}/status", response_model=TenderOut)
def set_status(
    tender_id: int, body: StatusIn, session: SessionDep, response: Response, actor: EditorDep,
    if_match: IfMatch = None,
) -> TenderOut:
    """Move the file: brouillon ⇄ prêt → publié (attribué goes through ``/award``)."""
    tender = service.set_status(session=session, tender_id=tender_id, status=body.status,
                                expected_version=expected_version(if_match))
    return _audited(session, actor, response, tender, "update")


@router.post("/{tender_id}/library-updates/{clause_id}", response_model=TenderOut)
def answer_library_update(
    tender_id: int, clause_id: str, body: LibraryUpdateIn, session: SessionDep, response: Response,
    actor: EditorDep, if_match: IfMatch = None,
) -> TenderOut:
    """Take the newer library version of a clause of the file, or keep the pinned one."""
    tender = service.answer_library_update(session=session, tender_id=tender_id, clause_id=clause_id,
                                           choice=body.choice, expected_version=expected_version(if_match))
    return _audited(session, actor, response, tender, "update", clause_id=clause_id, choice=body.choice)


@router.post("/{tender_id}/award", response_model=AwardOut)
def award(
    tender_id: int, body: AwardIn, session: SessionDep, response: Response, actor: EditorDep,
    if_match: IfMatch = None,
) -> AwardOut:
    """Award a published file: one contract of the ledger per lot, its DECP considerations from its clauses."""
    service.award(session=session, tender_id=tender_id, data=body, expected_version=expected_version(if_match),
                  actor=actor.name)
    tender = service.get_tender(session=session, tender_id=tender_id)
    by_lot = service.purchases_of(session=session, tender_id=tender_id)
    holders = holders_of(session=session, purchase_ids=[int(p.id or 0) for p in by_lot.values()])
    out = _audited(session, actor, response, tender, "update", purchases={n: p.id for n, p in by_lot.items()})
    return AwardOut(tender=out, purchases={n: purchase_out(p, holders.get(int(p.id or 0), []))
                                           for n, p in by_lot.items()})


def _docx(row_filename: str, content: bytes, document_id: int) -> Response:
    return Response(content=content, media_type=DOCX_MEDIA_TYPE, headers={
        "Content-Disposition": f'attachment; filename="{row_filename}"', "X-Tender-Document-Id": str(document_id)})


@router.post("/{tender_id}/documents", response_class=Response, responses=DOCX_RESPONSE)
def generate_document(tender_id: int, body: DocumentScopeIn, session: SessionDep, actor: EditorDep) -> Response:
    """Generate a document from the saved file (whole consultation, a part, or a lot); earlier ones are kept."""
    row, content = documents.generate(session=session, tender_id=tender_id, scope=body.scope, lot=body.lot,
                                      draft=body.draft, author=actor.name)
    record(session, actor, action="create", resource="tender_document", resource_id=row.id,
           after={"tender_id": tender_id, "scope": row.scope, "lot": row.lot, "tender_version": row.tender_version})
    return _docx(row.filename, content, int(row.id or 0))


@router.get("/{tender_id}/documents", response_model=list[TenderDocumentOut])
def list_documents(tender_id: int, session: SessionDep) -> list[TenderDocumentOut]:
    """The file's documents, newest first."""
    return [views.document_out(row) for row in documents.history(session=session, tender_id=tender_id)]


@router.get("/{tender_id}/documents/{document_id}", response_class=Response, responses=DOCX_RESPONSE)
def read_document(tender_id: int, document_id: int, session: SessionDep) -> Response:
    """A document of the file's history, as it was generated."""
    row = documents.get_document(session=session, tender_id=tender_id, document_id=document_id)
    return _docx(row.filename, row.content, int(row.id or 0))
