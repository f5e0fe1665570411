"""Documents from a tender file: the whole consultation, one part (RC, CCAP, CCTP, AE) or one lot, built from
the saved file with the clause versions it is pinned to, and kept in its history.

In a document of several lots, a clause written the same way for every lot is one article; a clause of some
lots only, or whose values differ from lot to lot, is written under the heading of its lot(s)."""

import json
from typing import Any

from sqlmodel import Session, col, select

from app.clauses.library import ClauseDoc
from app.clauses.service import get_version, to_doc
from app.documents.models import ClauseChoice, DocumentIn
from app.documents.service import document_filename, generate_document
from app.errors import InvalidInput, NotFound
from app.tenders.models import Tender, TenderClause, TenderDocument, TenderLot
from app.tenders.service import applies_to, clauses_of, get_tender, lot_label, lot_values, lots_of

SCOPE_LABELS = {"dossier": "Toute la consultation", "RC": "RC", "CCAP": "CCAP", "CCTP": "CCTP", "AE": "AE",
                "lot": "Un lot"}


def part_article(scope: str) -> str:
    """« le RC », « le CCAP », « l'AE »: the part named with its article (acte d'engagement elides)."""
    return f"l'{scope}" if scope[:1] in "AEIOUY" else f"le {scope}"


def of_part(scope: str) -> str:
    """« du RC », « du CCAP », « de l'AE »."""
    article = part_article(scope)
    return f"de {article}" if article.startswith("l'") else f"du {scope}"


def lots_label(lots: list[TenderLot]) -> str:
    """« Lot n° 2 – Espaces verts » for one lot, « Lots n° 1 et 3 » for several."""
    if len(lots) == 1:
        return lot_label(lots[0])
    numbers = [str(lot.number) for lot in lots]
    return f"Lots n° {', '.join(numbers[:-1])} et {numbers[-1]}"


def _groups(clause: TenderClause, lots: list[TenderLot]) -> list[tuple[list[TenderLot], dict[str, Any]]]:
    """The lots of a clause grouped by identical values (lot order kept)."""
    groups: dict[str, tuple[list[TenderLot], dict[str, Any]]] = {}
    for lot in applies_to(clause, lots):
        values = clause.variables | clause.lot_variables.get(str(lot.number), {})
        key = json.dumps(values, sort_keys=True, ensure_ascii=False, default=str)
        groups.setdefault(key, ([], values))[0].append(lot)
    return list(groups.values())


def choices_for(
    *, session: Session, tender: Tender, scope: str, lot: int | None = None
) -> list[ClauseChoice]:
    """The clause choices of a document of the file (values per lot; the buyer's defaults come from its profile
    when the document is built)."""
    lots = lots_of(session=session, tender_id=int(tender.id or 0))
    clauses = clauses_of(session=session, tender_id=int(tender.id or 0))
    if scope == "lot":
        chosen = next((item for item in lots if item.number == lot), None)
        if chosen is None:
            raise NotFound(f"Le dossier {tender.id} n'a pas de lot n° {lot}.", lot=lot)
        return [ClauseChoice(id=c.clause_id, version=c.version, variables=lot_values(c, _doc(session, c), lot, {}))
                for c in clauses if chosen in applies_to(c, lots)]
    if scope != "dossier":
        clauses = [c for c in clauses if _doc(session, c).document == scope]
    if not lots:
        return [ClauseChoice(id=c.clause_id, version=c.version, variables=c.variables) for c in clauses]
    ranked: list[tuple[int, int, ClauseChoice]] = []
    for clause in clauses:
        for group, values in _groups(clause, lots):
            every = len(group) == len(lots)
            ranked.append((0 if every else group[0].number, clause.position, ClauseChoice(
                id=clause.clause_id, version=clause.version, variables=values,
                lot="" if every else lots_label(group))))
    return [choice for _, _, choice in sorted(ranked, key=lambda item: item[:2])]


def offered(*, session: Session, tender: Tender) -> tuple[list[str], list[int]]:
    """The documents of the file that would hold a clause (``choices_for`` not empty): the parts, in
    ``SCOPE_LABELS`` order (« dossier » first), and the lots; the file's lots and clauses read once."""
    lots = lots_of(session=session, tender_id=int(tender.id or 0))
    clauses = clauses_of(session=session, tender_id=int(tender.id or 0))
    parts = {_doc(session, clause).document for clause in clauses}
    numbers = {lot.number for clause in clauses for lot in applies_to(clause, lots)}
    scopes = [scope for scope in SCOPE_LABELS if (scope == "dossier" and clauses) or scope in parts]
    return scopes, [lot.number for lot in lots if lot.number in numbers]


def _doc(session: Session, clause: TenderClause) -> ClauseDoc:
    return to_doc(get_version(session=session, clause_id=clause.clause_id, version=clause.version))


def tender_object(tender: Tender, lots: list[TenderLot], lot: int | None) -> str:
    """The « Objet du marché » of a document: the title, then the lot(s), one per line."""
    shown = [item for item in lots if lot is None or item.number == lot]
    return "\n".join([tender.title, *(f"Lot n° {item.number} : {item.title}" for item in shown)])


def generate(
    *, session: Session, tender_id: int, scope: str, lot: int | None, draft: bool, author: str
) -> tuple[TenderDocument, bytes]:
    """Build a document of the saved file, record it (the generated-documents log and the file's history) and
    return it; earlier documents of the file stay in its history."""
    tender = get_tender(session=session, tender_id=tender_id)
    if (scope == "lot") != (lot is not None):
        raise InvalidInput("Indiquez un numéro de lot pour la portée « lot », et seulement pour elle.")
    choices = choices_for(session=session, tender=tender, scope=scope, lot=lot)
    if not choices:
        what = f"le lot n° {lot}" if scope == "lot" else ("le dossier" if scope == "dossier" else part_article(scope))
        raise InvalidInput(f"Aucune clause pour {what} : rien à générer.")
    lots = lots_of(session=session, tender_id=tender_id)
    request = DocumentIn(
        title=tender.title if scope == "dossier" else f"{tender.title} – {_scope_title(scope, lot)}",
        buyer_siret=tender.buyer_siret, tender_object=tender_object(tender, lots, lot),
        reference=tender.reference or None, clauses=choices, draft=draft,
    )
    record, content = generate_document(session=session, request=request, author=author)
    suffix = "" if scope == "dossier" else f"-{scope}" if scope != "lot" else f"-lot{lot}"
    row = TenderDocument(
        tender_id=tender_id, document_id=int(record.id or 0), scope=scope, lot=lot, tender_version=tender.version,
        filename=document_filename((tender.reference or f"dossier-{tender_id}") + suffix), content=content,
        created_by=author,
    )
    session.add(row)
    session.commit()
    session.refresh(row)
    return row, content


def _scope_title(scope: str, lot: int | None) -> str:
    return f"lot n° {lot}" if scope == "lot" else f"clauses {of_part(scope)}"


def history(*, session: Session, tender_id: int) -> list[TenderDocument]:
    """Every document generated from the file, newest first."""
    get_tender(session=session, tender_id=tender_id)
    query = select(TenderDocument).where(TenderDocument.tender_id == tender_id).order_by(
        col(TenderDocument.created_at).desc(), col(TenderDocument.id).desc())
    return list(session.exec(query).all())


def get_document(*, session: Session, tender_id: int, document_id: int) -> TenderDocument:
    """One document of the file's history."""
    row = session.get(TenderDocument, document_id)
    if row is None or row.tender_id != tender_id:
        raise NotFound(f"Le dossier {tender_id} n'a pas de document {document_id}.")
    return row


def describe(row: TenderDocument) -> str:
    """« Lot n° 2, version 4 du dossier » for lists."""
    what = f"Lot n° {row.lot}" if row.scope == "lot" else SCOPE_LABELS[row.scope]
    return f"{what}, version {row.tender_version} du dossier"
