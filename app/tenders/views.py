"""A tender file as the API, the CLI and the pages show it (French reasons and labels)."""

import datetime as dt

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.buyers.models import Buyer
from app.buyers.service import display_name
from app.clauses.service import get_version, to_doc
from app.tenders import documents, service
from app.tenders.models import (
    SOURCES,
    STATUSES,
    TRANSITIONS,
    DiffPieceOut,
    LibraryUpdateOut,
    LotOut,
    RequirerOut,
    Tender,
    TenderClause,
    TenderClauseOut,
    TenderDocument,
    TenderDocumentOut,
    TenderLot,
    TenderOut,
    TenderSummaryOut,
)


def utc(value: dt.datetime) -> dt.datetime:
    """SQLite hands timestamps back without their zone; they were stored as UTC."""
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def reason(clause: TenderClause, titles: dict[str, str]) -> str:
    """Why a clause is in the file, in French."""
    if clause.source == "requise":
        return "Ajoutée car requise par " + ", ".join(f"« {titles.get(c, c)} »" for c in clause.required_by) + "."
    text = f"Clause {SOURCES[clause.source]}"
    if clause.required_by:
        text += " ; également requise par " + ", ".join(f"« {titles.get(c, c)} »" for c in clause.required_by)
    return text + "."


def clause_out(session: Session, clause: TenderClause, titles: dict[str, str]) -> TenderClauseOut:
    row = get_version(session=session, clause_id=clause.clause_id, version=clause.version)
    return TenderClauseOut(
        id=clause.clause_id, version=clause.version, title=row.title, document=row.document, kind=row.kind,
        decp_value=row.decp_value, lots=clause.lots, variables=clause.variables, lot_variables=clause.lot_variables,
        source=clause.source, required_by=[RequirerOut(id=c, title=titles.get(c, c)) for c in clause.required_by],
        reason=reason(clause, titles),
    )


def document_out(row: TenderDocument) -> TenderDocumentOut:
    return TenderDocumentOut(
        id=int(row.id or 0), document_id=row.document_id, scope=row.scope, lot=row.lot,
        label=documents.describe(row), tender_version=row.tender_version, filename=row.filename,
        size=len(row.content), created_at=utc(row.created_at), created_by=row.created_by,
        url=f"/api/v1/tenders/{row.tender_id}/documents/{row.id}",
    )


def _buyer_name(session: Session, tender: Tender) -> str | None:
    buyer = session.get(Buyer, tender.buyer_siret) if tender.buyer_siret else None
    return display_name(buyer) if buyer else None


def summary_out(session: Session, tender: Tender, lot_count: int) -> TenderSummaryOut:
    return TenderSummaryOut(
        id=int(tender.id or 0), buyer_siret=tender.buyer_siret, buyer_name=_buyer_name(session, tender),
        title=tender.title, reference=tender.reference, status=tender.status, status_label=STATUSES[tender.status],
        lot_count=lot_count, author=tender.author, version=tender.version, updated_at=utc(tender.updated_at),
    )


def summaries(session: Session, tenders: list[Tender]) -> list[TenderSummaryOut]:
    """List rows, their lot counts read in one query."""
    ids = [int(t.id or 0) for t in tenders]
    counts = dict(session.exec(select(TenderLot.tender_id, func.count()).where(
        col(TenderLot.tender_id).in_(ids)).group_by(col(TenderLot.tender_id))).all())
    return [summary_out(session, t, counts.get(int(t.id or 0), 0)) for t in tenders]


def tender_out(session: Session, tender: Tender) -> TenderOut:
    """Everything about a file."""
    tender_id = int(tender.id or 0)
    lots = service.lots_of(session=session, tender_id=tender_id)
    clauses = service.clauses_of(session=session, tender_id=tender_id)
    titles = {c.clause_id: to_doc(get_version(session=session, clause_id=c.clause_id, version=c.version)).title
              for c in clauses}
    base = summary_out(session, tender, len(lots))
    return TenderOut(
        **base.model_dump(), summary=tender.summary, nature=tender.nature, cpv=tender.cpv,
        amount_eur=tender.amount_eur, launch_date=tender.launch_date, next_statuses=list(TRANSITIONS[tender.status]),
        family=tender.family, awarded_on=tender.awarded_on, purchase_id=tender.purchase_id,
        created_at=utc(tender.created_at),
        lots=[LotOut(number=lot.number, title=lot.title, amount_eur=lot.amount_eur, cpv=lot.cpv,
                     purchase_id=lot.purchase_id) for lot in lots],
        clauses=[clause_out(session, clause, titles) for clause in clauses],
        library_updates=[
            LibraryUpdateOut(clause_id=u.clause_id, title=u.title, pinned_version=u.pinned, current_version=u.current,
                             diff=[DiffPieceOut(op=op, text=text) for op, text in u.diff])
            for u in service.library_updates(session=session, tender_id=tender_id)
        ],
        documents=[document_out(row) for row in documents.history(session=session, tender_id=tender_id)],
    )
