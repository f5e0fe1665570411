"""Past choices improve the next proposals: what officers kept, added and removed in the saved files of a buyer,
counted per purchase family, turned into a small rule that can be read out loud.

A *unit* is a lot of a file (or a file without lots); its family is the one the matcher read for it, its
recommended clauses those the matcher recommended when the proposals were applied, its chosen clauses those the
officer left on it (the clauses added because another requires them aside). Only files an officer declared ready
(prêt, publié, attribué) count: a draft is not a choice yet.

The rule, for a new unit of the same buyer and family, with N similar units:
- a clause chosen in k units, k ≥ ``MIN_UNITS`` and k ≥ ``KEEP_SHARE`` × N, is recommended
  (« retenue dans k dossiers similaires »), proposed even if the matcher did not find it;
- a recommended clause removed in r units, r ≥ ``MIN_UNITS`` and r > ``DROP_SHARE`` × N, is no longer recommended
  (« écartée dans r dossiers similaires »), unless it fulfils a legal obligation of the tender: then it stays
  recommended and the note says so. Nothing else changes: scores and the other recommendations are the matcher's.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from app.french import plural
from app.tenders.models import Tender, TenderClause, TenderLot

COUNTED = ("pret", "publie", "attribue")
MIN_UNITS = 2  # one file is an anecdote: a habit needs two
KEEP_SHARE = 0.5
DROP_SHARE = 0.5


@dataclass(frozen=True)
class PastChoices:
    """What the officers did in ``units`` similar units: clauses chosen, and recommended ones removed."""

    units: int = 0
    chosen: Counter[str] = field(default_factory=Counter)
    removed: Counter[str] = field(default_factory=Counter)

    @classmethod
    def of(cls, units: Iterable[tuple[set[str], set[str]]]) -> "PastChoices":
        """From (recommended, chosen) clause sets, one pair per unit."""
        count, chosen, removed = 0, Counter[str](), Counter[str]()
        for recommended, kept in units:
            count += 1
            chosen.update(kept)
            removed.update(recommended - kept)
        return cls(units=count, chosen=chosen, removed=removed)


@dataclass(frozen=True)
class Advice:
    """What the past choices say of one clause."""

    recommended: bool
    note: str


def similar(count: int) -> str:
    return plural(count, "dossier similaire", "dossiers similaires")


def advise(proposed: dict[str, bool], obligations: set[str], past: PastChoices) -> dict[str, Advice]:
    """The clauses whose recommendation the past choices confirm or change, and why (see the module's rule).
    ``proposed``: the matcher's clauses and whether it recommends each; ``obligations``: clauses that fulfil an
    applicable obligation."""
    if past.units < MIN_UNITS:
        return {}
    advice: dict[str, Advice] = {}
    for clause_id, kept in past.chosen.items():
        if kept >= MIN_UNITS and kept >= KEEP_SHARE * past.units:
            advice[clause_id] = Advice(True, f"retenue dans {similar(kept)}")
    for clause_id, removed in past.removed.items():
        if clause_id in advice or not proposed.get(clause_id):
            continue
        if removed >= MIN_UNITS and removed > DROP_SHARE * past.units:
            legal = clause_id in obligations
            note = f"écartée dans {similar(removed)}" + (", maintenue : obligation légale" if legal else "")
            advice[clause_id] = Advice(legal, note)
    return advice


def past_choices(*, session: Session, buyer_siret: str | None, family: str | None,
                 exclude_tender_id: int | None = None) -> PastChoices:
    """The choices made in the buyer's ready, published or awarded files, in units of ``family``."""
    if buyer_siret is None or family is None:
        return PastChoices()
    tenders = session.exec(select(Tender).where(
        Tender.buyer_siret == buyer_siret, col(Tender.status).in_(COUNTED), Tender.id != (exclude_tender_id or 0)
    )).all()
    ids = [int(t.id or 0) for t in tenders]
    lots: dict[int, list[TenderLot]] = {}
    for lot in session.exec(select(TenderLot).where(col(TenderLot.tender_id).in_(ids))).all():
        lots.setdefault(lot.tender_id, []).append(lot)
    clauses: dict[int, list[TenderClause]] = {}
    for clause in session.exec(select(TenderClause).where(col(TenderClause.tender_id).in_(ids))).all():
        if clause.source != "requise":
            clauses.setdefault(clause.tender_id, []).append(clause)
    units = []
    for tender in tenders:
        mine = clauses.get(int(tender.id or 0), [])
        if not lots.get(int(tender.id or 0)):
            if tender.family == family:
                units.append((set(tender.recommended), {c.clause_id for c in mine}))
            continue
        for lot in lots[int(tender.id or 0)]:
            if lot.family == family:
                units.append((set(lot.recommended),
                              {c.clause_id for c in mine if c.lots is None or lot.number in c.lots}))
    return PastChoices.of(units)
