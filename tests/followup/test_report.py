"""The annual report counts what was honoured: commitments met, evidence on time, insertion hours, penalties."""

import csv
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from docx import Document
from sqlmodel import Session

from app.buyers.models import BuyerCreate
from app.buyers.service import create_buyer
from app.followup import hours, service
from app.purchases.models import ClauseRef, PurchaseIn
from app.purchases.service import record_purchase
from app.reports.indicators import compute_indicators
from app.reports.render import write_annual_report
from tests.conftest import builtin_version
from tests.ledger import public_siret

AGGLO, COMMUNE = public_siret(61), public_siret(62)


def contract(session: Session, buyer: str, ref: str) -> int:
    """A 2025 contract with the insertion clause (350 hours, monthly statements), its follow-up opened."""
    purchase = record_purchase(session=session, actor="tests", data=PurchaseIn(
        buyer_siret=buyer, buyer_ref=ref, object="Entretien des espaces verts", cpv="77310000", amount_eur=300_000,
        notified_on=date(2025, 1, 1), duration_months=12,
        clauses=[ClauseRef(id="insertion-heures-execution", version=builtin_version("insertion-heures-execution"))],
    ))
    assert purchase.id is not None
    service.open_followup(session=session, purchase_id=purchase.id, actor="agent")
    return purchase.id


def test_report_adds_the_execution_figures(session: Session, tmp_path: Path) -> None:
    create_buyer(session=session, data=BuyerCreate(siret=AGGLO, name="Agglomération de Test", kind="epci"))
    create_buyer(session=session, data=BuyerCreate(siret=COMMUNE, name="Commune de Test", kind="commune",
                                                   parent_siret=AGGLO))
    followed = contract(session, COMMUNE, "2025-EV")
    agglomeration = contract(session, AGGLO, "2025-AG")
    # the commune's holder sends every month of 2025 on the 5th of the next month: 25 hours a month = 300 hours
    for month in range(1, 13):
        hours.record_statement(
            session=session, purchase_id=followed, source="saisie", actor="agent",
            received_on=date(2025 + month // 12, month % 12 + 1, 5),
            lines=[hours.Line(date(2025, month, 1), "deld", "embauche", Decimal(25))],
        )
    plan = next(c for c in service.list_commitments(session=session, purchase_id=followed) if c.item == 0)
    assert plan.id is not None
    evidence = service.add_evidence(session=session, commitment_id=plan.id, received_on=date(2025, 1, 20),
                                    description="Plan", actor="agent")
    session.commit()
    assert evidence.id is not None
    service.decide(session=session, evidence_id=evidence.id, accepted=True, reason=None, actor="agent")

    # the agglomeration's holder never sends its statements; March's got a formal notice on 14 April
    march = next(c for c in service.list_commitments(session=session, purchase_id=agglomeration)
                 if c.hours_committed is not None and c.period_start == date(2025, 3, 1))
    service.record_notice(session=session, commitment_id=march.id or 0, sent_on=date(2025, 4, 14), actor="agent")

    ind = compute_indicators(session, year=2025, as_of=date(2026, 6, 1))
    execution = ind["execution"]
    # per contract due in 2025: the plan, the statements of January to November, the final review
    assert execution["commitments_due"] == 26
    assert execution["commitments_met"] == 1 and execution["evidence_on_time"] == 11  # plan 4 days late
    assert execution["insertion_hours_committed"] == 700 and execution["insertion_hours_achieved"] == 300
    # the commune: 50 missing hours × 50 € HT; the agglomeration's own contract: 350 × 50 € and March's statement
    # late from 10 April to the end of the year (265 days × 50 €), the two within the cap (10 % of 300 000 €)
    assert execution["penalties_eur"] == 2500 + 30000 and execution["penalty_contracts"] == 2
    commune = next(b for b in execution["by_buyer"] if b["buyer"] == COMMUNE)
    assert commune["buyer_name"] == "Commune de Test" and commune["share_hours_achieved"] == 300 / 350
    group = execution["by_group"][0]
    assert group["group"] == AGGLO and group["insertion_hours_achieved"] == 300
    assert group["commitments_due"] == execution["commitments_due"]  # the group is the sum of its members
    only_commune = compute_indicators(session, year=2025, buyer=COMMUNE, as_of=date(2026, 6, 1))["execution"]
    assert only_commune["commitments_due"] == 13 and only_commune["penalties_eur"] == 2500

    files = write_annual_report(session, year=2025, out_dir=tmp_path)
    text = "\n".join(p.text for p in Document(str(files.docx)).paragraphs)
    assert "Exécution des marchés : ce qui a été tenu" in text
    assert "Heures d'insertion : 300\u00a0h réalisées en 2025 pour 700\u00a0h engagées" in text
    assert ("HT pour 2 marchés dont les heures d'insertion réalisées sont inférieures à l'engagement ou dont un état "
            "des heures a été remis en retard après une mise en demeure restée sans effet.") in text
    rows = list(csv.reader(files.csv.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert ["execution", "ensemble", "Ensemble", "Heures d'insertion réalisées", "300,00", "", "0,428571", "",
            ""] in rows
    assert json.loads(files.json.read_text(encoding="utf-8"))["execution"]["insertion_hours_achieved"] == 300
    assert any(path.name.startswith("graphique-heures-insertion") for path in files.charts)
