"""How the report reads a large ledger: the year's grouped pass from the report index alone, the contracts
listing in date order whatever order the table holds them in (SQLite reads them in the table's order)."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine, event
from sqlmodel import Session

from app.purchases.models import HolderIn, PurchaseIn
from app.purchases.service import record_purchase
from app.reports.indicators import compute_indicators, iter_contracts, perimeter

A, B = "21350238800017", "25350000400015"
HOLDER = "30000000000011"


def record(session: Session, buyer: str, ref: str, notified: str, name: str | None = None) -> None:
    record_purchase(session=session, actor="tests", data=PurchaseIn(
        buyer_siret=buyer, buyer_name=name, buyer_ref=ref, object=f"Objet {ref}", amount_eur=Decimal("1000"),
        notified_on=date.fromisoformat(notified), considerations_sociales=["Clause sociale"],
        considerations_environnementales=None, holders=[HolderIn(holder_id=HOLDER)],
    ))


def test_listing_follows_the_dates_not_the_order_of_recording(engine: Engine) -> None:
    """Contracts recorded latest first, two buyers interleaved: the listing of the territory and of one buyer
    gives them by date, then buyer, then id, each once, and only the perimeter's."""
    with Session(engine) as session:
        for n, (buyer, day) in enumerate([(A, "2025-12-01"), (B, "2025-11-01"), (A, "2025-06-01"),
                                          (B, "2025-06-01"), (A, "2024-12-31"), (A, "2025-01-01")]):
            record(session, buyer, f"R{5 - n}", day)
        everyone = [(c["buyer"], c["buyer_ref"], c["notified_on"])
                    for c in iter_contracts(session, 2025, perimeter(session))]
        one = [c["buyer_ref"] for c in iter_contracts(session, 2025, perimeter(session, buyer=A))]
    assert everyone == [(A, "R0", "2025-01-01"), (A, "R3", "2025-06-01"), (B, "R2", "2025-06-01"),
                        (B, "R4", "2025-11-01"), (A, "R5", "2025-12-01")]
    assert one == ["R0", "R3", "R5"]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # the plan checked is SQLite's
def test_the_year_pass_reads_the_report_index_alone(engine: Engine) -> None:
    """SQLite's plan of the grouped pass over the year (buyers' names from their contracts included) reads
    ``ix_purchase_report`` without visiting the table: a column the pass needs missing from the index would make a
    national year visit every contract's row."""
    with Session(engine) as session:
        record(session, A, "R1", "2025-03-01", name="Commune A")
        statements: list[tuple[str, Any]] = []

        def keep(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
            if "GROUP BY purchase.buyer_siret, purchase.cpv_division" in statement:
                statements.append((statement, parameters))

        event.listen(engine, "before_cursor_execute", keep)
        try:
            indicators = compute_indicators(session, year=2025)
        finally:
            event.remove(engine, "before_cursor_execute", keep)
        plan = session.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {statements[0][0]}",
                                                    statements[0][1]).all()
    assert indicators["by_buyer"][0]["buyer_name"] == "Commune A"
    assert any("COVERING INDEX ix_purchase_report" in row[-1] for row in plan), plan
