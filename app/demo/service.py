"""The demonstration data: fictional suppliers, buyers and contracts, marked ``is_demo``, loaded into a new
database so that a fresh install shows something, and removed in one transaction when real data arrives.

Loading goes through the ordinary imports (recorded as demo imports) and buyer profiles; removal deletes
every demo row (imports, contracts and their history, buyers, suppliers and theirs) and records who did it
in the audit trail. Reports and advice leave demo rows out as soon as real rows exist (see ``app.counted``).
"""

import json
from pathlib import Path
from typing import Final

from pydantic import BaseModel
from sqlalchemy import Engine, Table, delete, exists, func, select, true
from sqlmodel import Session

from app.audit.service import Actor, record
from app.buyers.models import BUYER, Buyer, BuyerCreate, BuyerIn
from app.buyers.service import create_buyer, get_buyer, update_buyer
from app.config import Settings
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
            if session.get(Buyer, item["siret"]) is None:
                create_buyer(session=session, data=BuyerCreate(siret=item["siret"], **profile.model_dump()),
                             is_demo=True)
            else:  # named by the sample contracts: completed here
                version = get_buyer(session=session, siret=item["siret"]).version
                update_buyer(session=session, siret=item["siret"], data=profile, expected_version=version)
        return demo_status(session=session)


def remove_demo(*, session: Session, actor: Actor) -> DemoStatus:
    """Delete every demo row in one transaction, with its audit row; what was removed, per kind."""
    removed = demo_status(session=session)
    if not removed.loaded:
        raise Conflict("Aucune donnée de démonstration à retirer.")
    try:
        for table in DEMO_TABLES.values():
            session.execute(delete(table).where(table.c.is_demo == true()))
        record(session, actor, action="remove", resource="demo", after=removed, commit=False)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return removed
