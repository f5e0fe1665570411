"""Imports of the ledger: their list, the previous state each one replaced, and undoing one.

An import creates contracts (their ``import_id`` names it) and changes others (``purchase_history``
keeps each one's previous row and holders). Undoing it deletes the first and puts the second back, in
one transaction with its audit row; it is refused while a contract it wrote has been changed since
(by a later import or through the API), because putting the earlier state back would lose that change.
"""

from datetime import datetime
from typing import Any, Final

from sqlalchemy import Table, bindparam, delete, exists, func, insert, select, update
from sqlmodel import Session

from app.audit.service import Actor
from app.buyers.models import BUYER
from app.db import row_from_snapshot, row_snapshot
from app.purchases.models import Purchase, PurchaseHistory, PurchaseHolder, PurchaseImport
from app.undo import get_record, list_records, run_undo

PURCHASES: Table = Purchase.__table__  # type: ignore[attr-defined]
HOLDERS: Table = PurchaseHolder.__table__  # type: ignore[attr-defined]
PURCHASE_HISTORY: Table = PurchaseHistory.__table__  # type: ignore[attr-defined]
IMPORTS: Table = PurchaseImport.__table__  # type: ignore[attr-defined]
CHUNK: Final = 1000


def history_row(
    old: Any, holders: list[Any], *, import_id: int | None, source: str, now: datetime
) -> dict[str, Any]:
    """The ``purchase_history`` row keeping a contract's state before a write."""
    return {
        "purchase_id": old["id"], "import_id": import_id, "before_import_id": old["import_id"], "changed_at": now,
        "source": source[:200],
        "before": {"purchase": row_snapshot(PURCHASES, old),
                   "holders": [row_snapshot(HOLDERS, holder._mapping) for holder in holders]},
    }


def list_imports(*, session: Session, limit: int = 50, offset: int = 0) -> tuple[list[PurchaseImport], int]:
    """Imports of the ledger, newest first, and how many there are."""
    return list_records(session, PurchaseImport, limit=limit, offset=offset)


def get_import(*, session: Session, import_id: int) -> PurchaseImport:
    """One import by id."""
    return get_record(session, PurchaseImport, import_id, what="marchés")


def _later_changes(session: Session, import_id: int) -> list[tuple[int | None, int]]:
    """Changes made since to contracts this import wrote: (by which import, or None for the API; how many)."""
    return [(row[0], int(row[1])) for row in session.execute(
        select(PURCHASE_HISTORY.c.import_id, func.count())
        .where(PURCHASE_HISTORY.c.before_import_id == import_id)
        .group_by(PURCHASE_HISTORY.c.import_id).order_by(PURCHASE_HISTORY.c.import_id)
    )]


def _restore(session: Session, import_id: int) -> int:
    """Put back the state each contract had before the import changed it; how many contracts."""
    restored = 0
    while True:
        rows = session.execute(
            select(PURCHASE_HISTORY.c.id, PURCHASE_HISTORY.c.purchase_id, PURCHASE_HISTORY.c.before)
            .where(PURCHASE_HISTORY.c.import_id == import_id).order_by(PURCHASE_HISTORY.c.id).limit(CHUNK)
        ).all()
        if not rows:
            return restored
        purchases = [row_from_snapshot(PURCHASES, row.before["purchase"]) for row in rows]
        values: dict[str, Any] = {name: bindparam(name) for name in purchases[0] if name != "id"}
        session.execute(
            update(PURCHASES).where(PURCHASES.c.id == bindparam("b_id")).values(values),
            [{**{k: v for k, v in p.items() if k != "id"}, "b_id": p["id"]} for p in purchases],
        )
        ids = [row.purchase_id for row in rows]
        session.execute(delete(HOLDERS).where(HOLDERS.c.purchase_id.in_(ids)))
        holders = [row_from_snapshot(HOLDERS, h) for row in rows for h in row.before["holders"]]
        if holders:
            session.execute(insert(HOLDERS), holders)
        session.execute(delete(PURCHASE_HISTORY).where(PURCHASE_HISTORY.c.id.in_([row.id for row in rows])))
        restored += len(rows)


def undo_import(*, session: Session, import_id: int, actor: Actor) -> dict[str, Any]:
    """Delete the contracts an import created, restore those it changed, drop the unnamed buyers it added;
    all or nothing, with its audit row. 409 when a contract it wrote was changed since."""

    def revert() -> dict[str, int]:
        restored = _restore(session, import_id)
        deleted = session.execute(delete(PURCHASES).where(PURCHASES.c.import_id == import_id))
        member = BUYER.alias("member")
        buyers = session.execute(delete(BUYER).where(  # the unnamed buyers it added, unless used since
            BUYER.c.import_id == import_id, BUYER.c.version == 1,
            ~exists().where(PURCHASES.c.buyer_siret == BUYER.c.siret),
            ~exists().where(member.c.parent_siret == BUYER.c.siret),
        ))
        return {"deleted": deleted.rowcount, "restored": restored,  # type: ignore[attr-defined]
                "buyers_deleted": buyers.rowcount}  # type: ignore[attr-defined]

    return run_undo(session, get_import(session=session, import_id=import_id), actor,
                    later=_later_changes(session, import_id), revert=revert, resource="purchase_import",
                    things=("marché", "marchés"), elsewhere="une saisie par l'API")
