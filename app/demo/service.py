"""The demonstration data: fictional suppliers, buyers and contracts, marked ``is_demo``, loaded into a new
database so that a fresh install shows something, and removed in one transaction when real data arrives.

Loading goes through the ordinary imports (recorded as demo imports) and buyer profiles; removal deletes
every demo row (imports, contracts and their history, buyers, suppliers and theirs) and records who did it
in the audit trail, except the demo buyer profiles real data uses (the buyer of a real contract, the group of a
real buyer): those become real profiles, named in the removal's summary. Reports and advice leave demo rows
out as soon as real rows exist (see ``app.counted``).
"""

import json
from pathlib import Path
from typing import Final

from pydantic import BaseModel
from sqlalchemy import Engine, Table, delete, exists, false, func, select, true, update
from sqlmodel import Session

from app.audit.service import Actor, record
from app.buyers.models import BUYER, Buyer, BuyerCreate, BuyerIn
from app.buyers.service import create_buyer, display_name, get_buyer, update_buyer
from app.config import Settings
from app.db import utcnow
from app.errors import Conflict
from app.purchases.history import IMPORTS as PURCHASE_IMPORTS
from app.purchases.history import PURCHASES
from app.purchases.service import import_purchases
from app.suppliers.models import IMPORTS as SUPPLIER_IMPORTS
from app.suppliers.models import SUPPLIER
from app.suppliers.transfer import import_suppliers

PURCHASES_FILE: Final = Path(__file__).resolve().parent.parent / "purchases" / "sample" / "decp-consolide-exemple.csv"
BUYERS_FILE: Final = Path(__file__).resolve().parent / "acheteurs-exemple.json"
LOADER: Final = "démonstration"
# What the demo consists of, in the order rows are deleted (what refers to something goes before it).
DEMO_TABLES: Final[dict[str, Table]] = {
    "purchases": PURCHASES, "buyers": BUYER, "purchase_imports": PURCHASE_IMPORTS,
    "suppliers": SUPPLIER, "supplier_imports": SUPPLIER_IMPORTS,
}


class DemoStatus(BaseModel):
    """Demo rows present, per kind."""

    loaded: bool
    purchases: int
    buyers: int
    purchase_imports: int
    suppliers: int
    supplier_imports: int
    # Demo buyer profiles real data uses, kept as real profiles by a removal (« Nom (SIRET …) »).
    buyers_kept: list[str] = []


def demo_status(*, session: Session) -> DemoStatus:
    """How many demo rows each table holds."""
    counts = {
        name: session.execute(select(func.count()).select_from(table).where(table.c.is_demo == true())).scalar_one()
        for name, table in DEMO_TABLES.items()
    }
    return DemoStatus(loaded=any(counts.values()), **counts)


def demo_loaded(*, session: Session) -> bool:
    """True while any demo row is in the database (cheap: one EXISTS per table, on an index)."""
    return any(
        session.execute(select(exists().where(table.c.is_demo == true()))).scalar()
        for table in (PURCHASES, SUPPLIER, BUYER)
    )


def load_demo(engine: Engine, settings: Settings) -> DemoStatus:
    """Load the sample registry (``SUPPLIER_DATA_DIR/*.csv``), the sample contracts and the demo buyer profiles."""
    with Session(engine) as session:
        if demo_status(session=session).loaded:
            raise Conflict("Les données de démonstration sont déjà chargées.")
    for path in sorted(settings.SUPPLIER_DATA_DIR.glob("*.csv")):
        report = import_suppliers(engine=engine, data=path.read_bytes(), filename=path.name, actor=LOADER,
                                  source=f"exemple:{path.name}", demo=True)
        if report.errors_total:
            first = report.errors[0]
            raise RuntimeError(
                f"Registre d'exemple refusé : {path} ligne {first.line}, {first.column} : {first.message}"
            )
    with Session(engine) as session:
        with PURCHASES_FILE.open("rb") as stream:
            import_purchases(session=session, stream=stream, filename=PURCHASES_FILE.name, actor=LOADER, demo=True)
        for item in json.loads(BUYERS_FILE.read_text(encoding="utf-8")):
            profile = BuyerIn.model_validate({k: v for k, v in item.items() if k != "siret"})
            existing = session.get(Buyer, item["siret"])
            if existing is None:
                create_buyer(session=session, data=BuyerCreate(siret=item["siret"], **profile.model_dump()),
                             is_demo=True)
            elif existing.is_demo:  # named by the sample contracts: completed here (a real profile is left alone)
                version = get_buyer(session=session, siret=item["siret"]).version
                update_buyer(session=session, siret=item["siret"], data=profile, expected_version=version)
        return demo_status(session=session)


def _buyers_in_use(session: Session) -> list[Buyer]:
    """The demo buyer profiles real data uses: the buyer of a real contract, the group of a real buyer or of
    one of those (removing them would orphan real contracts and empty the report's group section)."""
    demo = {buyer.siret: buyer for buyer in session.execute(select(Buyer).where(BUYER.c.is_demo == true())).scalars()}
    used = set(session.execute(select(PURCHASES.c.buyer_siret).distinct().where(
        PURCHASES.c.is_demo == false(), PURCHASES.c.buyer_siret.in_(list(demo)))).scalars())
    used |= set(session.execute(select(BUYER.c.parent_siret).distinct().where(
        BUYER.c.is_demo == false(), BUYER.c.parent_siret.in_(list(demo)))).scalars())
    pending = list(used)
    while pending:
        parent = demo[pending.pop()].parent_siret
        if parent in demo and parent not in used:
            used.add(parent)
            pending.append(parent)
    return [demo[siret] for siret in sorted(used)]


def kept_sentence(removed: DemoStatus) -> str:
    """What a removal kept, in French (empty when it kept nothing)."""
    if not removed.buyers_kept:
        return ""
    return ("Profils d'acheteurs gardés, car des données réelles les utilisent (ils ne sont plus marqués fictifs) : "
            + ", ".join(removed.buyers_kept) + ".")


def remove_demo(*, session: Session, actor: Actor) -> DemoStatus:
    """Delete every demo row in one transaction, with its audit row; what was removed, per kind. The demo buyer
    profiles real data uses are kept and become real (no longer marked, no longer tied to the demo import)."""
    status = demo_status(session=session)
    if not status.loaded:
        raise Conflict("Aucune donnée de démonstration à retirer.")
    kept = _buyers_in_use(session)
    removed = status.model_copy(update={
        "buyers": status.buyers - len(kept),
        "buyers_kept": [display_name(buyer) + (f" (SIRET {buyer.siret})" if buyer.name else "") for buyer in kept],
    })
    try:
        if kept:
            session.execute(update(BUYER).where(BUYER.c.siret.in_([buyer.siret for buyer in kept])).values(
                is_demo=False, import_id=None, version=BUYER.c.version + 1, updated_at=utcnow()))
        for table in DEMO_TABLES.values():
            session.execute(delete(table).where(table.c.is_demo == true()))
        record(session, actor, action="remove", resource="demo", after=removed, commit=False)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return removed
