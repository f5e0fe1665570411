"""What the proposals page shows, taken from the matching and supplier services."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlmodel import Session

from app.buyers.models import Buyer
from app.clauses.library import Guidance
from app.clauses.service import get_version, to_doc
from app.clauses.themes import THEMES_BY_ID, Theme
from app.config import Settings
from app.errors import InvalidInput, NotFound
from app.matching import service as matching
from app.matching.index import GENERIC_THEME
from app.matching.schemas import CautionOut, InsertionOut, MatchRequest, ObligationOut, UnderstoodOut
from app.suppliers.suggest import SuggestRequest, SuggestResponse
from app.suppliers.suggesting import suggest_suppliers as suggest_for_tender
from app.tenders.service import advised
from app.web.forms import Tender

# Suppliers shown per group on the proposals page (the supplier pages list the rest).
SUPPLIERS_SHOWN = 5
# Clauses proposed by the matcher (its recommended ones, ticked at first, always among them).
PROPOSED = 12


@dataclass(frozen=True)
class Proposal:
    """A clause the page offers to tick: matched (with a score) or needed by an obligation."""

    id: str
    version: int
    title: str
    kind: str
    document: str
    themes: list[str]
    score: int | None  # 0-100; None for a clause offered only because an obligation needs it
    reasons: list[str]
    obligations: list[str] = field(default_factory=list)
    guidance: Guidance | None = None
    recommendation: str | None = None  # why the matcher recommends it (ticked at first); None: only proposed


@dataclass
class MatchView:
    """The proposals grouped by theme, the obligations, what the text asks that the documents may not say as written,
    the clauses recommended (ticked at first), what was read from the text, the insertion hours proposed and the
    inferred CPV."""

    groups: list[tuple[Theme, list[Proposal]]]
    obligations: list[ObligationOut]
    cautions: list[CautionOut]
    recommended: set[str]
    inferred_cpv: list[str]
    understood: UnderstoodOut
    insertion: InsertionOut | None

    @property
    def only_generic(self) -> bool:
        """True when nothing specific was recognised: only the general environmental clauses came out."""
        return all(theme.id == GENERIC_THEME for theme, _ in self.groups)


def group_by_theme(proposals: list[Proposal]) -> list[tuple[Theme, list[Proposal]]]:
    """Proposals under their first theme, best first; the theme of the best proposal first."""
    groups: dict[str, list[Proposal]] = {}
    for proposal in sorted(proposals, key=lambda p: -(p.score or 0)):
        groups.setdefault(proposal.themes[0], []).append(proposal)
    return [(THEMES_BY_ID[theme], items) for theme, items in groups.items()]


def match_tender(
    *, session: Session, settings: Settings, tender: Tender, include: Sequence[str] = (), buyer: Buyer | None = None,
) -> MatchView:
    """Run the matching service on ``tender`` (for ``buyer``: its profile's annual purchases decide the SPASER, and
    its past choices in similar files confirm or change the recommendations);
    clauses that an obligation needs are offered too, and the clauses of ``include`` (chosen elsewhere, e.g. from a
    draft check)."""
    request = MatchRequest(
        text=tender.text, cpv=[tender.cpv] if tender.cpv else [],
        amount_eur=float(tender.amount_eur) if tender.amount_eur is not None else None,
        nature=tender.nature, date=tender.launch_date, limit=PROPOSED, buyer_siret=buyer.siret if buyer else None,
    )
    response = matching.match_tender(session=session, settings=settings, request=request)
    if buyer is not None:  # what the buyer's officers kept and removed in similar files
        response = advised(session=session, response=response, buyer_siret=buyer.siret)
    needed_by: dict[str, list[str]] = {}
    for obligation in response.obligations:
        for clause_id in obligation.clause_ids:
            needed_by.setdefault(clause_id, []).append(obligation.title)
    proposals = [
        Proposal(id=m.clause_id, version=m.version, title=m.title, kind=m.kind, document=m.document, themes=m.themes,
                 score=m.score, reasons=m.reasons, obligations=needed_by.get(m.clause_id, []),
                 guidance=to_doc(get_version(session=session, clause_id=m.clause_id, version=m.version)).guidance,
                 recommendation=m.recommendation)
        for m in response.matches
    ]
    matched = {p.id for p in proposals}
    for clause_id, titles in needed_by.items():
        if clause_id not in matched:
            doc = to_doc(get_version(session=session, clause_id=clause_id))
            proposals.append(Proposal(
                id=doc.id, version=doc.version, title=doc.title, kind=doc.kind, document=doc.document,
                themes=doc.themes, score=None, reasons=[f"obligation : {title}" for title in titles],
                obligations=titles, guidance=doc.guidance,
            ))
    offered = {p.id for p in proposals}
    for clause_id in include:
        if clause_id in offered:
            continue
        try:
            doc = to_doc(get_version(session=session, clause_id=clause_id))
        except NotFound:
            continue
        offered.add(doc.id)
        proposals.append(Proposal(
            id=doc.id, version=doc.version, title=doc.title, kind=doc.kind, document=doc.document, themes=doc.themes,
            score=None, reasons=["clause ajoutée depuis la vérification d'un projet"],
        ))
    return MatchView(groups=group_by_theme(proposals), obligations=response.obligations, cautions=response.cautions,
                     recommended={m.clause_id for m in response.matches if m.recommended},
                     inferred_cpv=response.inferred_cpv, understood=response.understood, insertion=response.insertion)


def suggest_suppliers(session: Session, tender: Tender) -> SuggestResponse | None:
    """Suppliers able to serve the tender and the instrument advice (None when nothing can be said)."""
    try:
        request = SuggestRequest(
            text=tender.text, cpv=[tender.cpv] if tender.cpv else [],
            amount_eur=float(tender.amount_eur) if tender.amount_eur is not None else None,
            nature=tender.nature, date=tender.launch_date, place=tender.place, limit=SUPPLIERS_SHOWN,
        )
        return suggest_for_tender(session=session, request=request)
    except (InvalidInput, ValueError):
        return None
