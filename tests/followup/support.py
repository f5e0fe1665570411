"""A contract of the ledger with an insertion clause, as a tender file's award records it."""

from datetime import date

from sqlmodel import Session

from app.purchases.models import ClauseRef, PurchaseIn
from app.purchases.service import record_purchase
from tests.conftest import builtin_version
from tests.ledger import public_siret

BUYER = public_siret(16)
INSERTION = "insertion-heures-execution"


def awarded_contract(
    session: Session, *, ref: str = "2025-001", clauses: tuple[str, ...] = (INSERTION,),
    notified: date = date(2025, 1, 1),
) -> int:
    """A 12-month cleaning contract notified on ``notified`` (1 January 2025) with ``clauses`` (current
    built-in versions)."""
    purchase = record_purchase(session=session, actor="tests", data=PurchaseIn(
        buyer_siret=BUYER, buyer_name="Commune de Test", buyer_ref=ref, object="Nettoyage des bâtiments communaux",
        cpv="90910000", nature="Marché", amount_eur=400_000, notified_on=notified, duration_months=12,
        clauses=[ClauseRef(id=clause, version=builtin_version(clause)) for clause in clauses],
    ))
    assert purchase.id is not None
    return purchase.id
