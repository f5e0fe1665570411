"""Commitments opened from a contract's clauses, and the overdue list on a fixed date."""

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session

from app.errors import InvalidInput
from app.followup import service
from tests.followup.support import INSERTION, awarded_contract

STATEMENT = 2  # the verification item of the hours statement in insertion-heures-execution


def test_insertion_clause_of_350_hours_gives_12_monthly_statements(session: Session) -> None:
    purchase_id = awarded_contract(session)
    commitments = service.open_followup(session=session, purchase_id=purchase_id, actor="agent")
    statements = [c for c in commitments if c.clause_id == INSERTION and c.item == STATEMENT]
    assert len(statements) == 12
    assert [c.due_kind for c in statements] == ["mensuel"] * 12
    assert statements[0].period_start == date(2025, 1, 1) and statements[0].period_end == date(2025, 1, 31)
    assert statements[0].due_on == date(2025, 2, 10)  # ten days after the end of the month
    assert statements[-1].period_end == date(2025, 12, 31) and statements[-1].due_on == date(2026, 1, 10)
    assert {c.hours_committed for c in statements} == {350}
    plan = next(c for c in commitments if c.item == 0)
    assert plan.due_on == date(2025, 1, 16)  # delai_plan: 15 days after notification
    final = next(c for c in commitments if c.item == 3)
    assert final.due_kind == "fin" and final.due_on == date(2025, 12, 31)
    # the eligibility check of each person has no date: no commitment
    assert not [c for c in commitments if c.item == 1]
    assert len(commitments) == 14


def test_opening_again_is_idempotent_and_follows_the_variables(session: Session) -> None:
    purchase_id = awarded_contract(session)
    first = service.open_followup(session=session, purchase_id=purchase_id, actor="agent")
    again = service.open_followup(session=session, purchase_id=purchase_id, actor="agent")
    assert [c.id for c in again] == [c.id for c in first]
    service.add_clauses(session=session, purchase_id=purchase_id, clauses=[
        (INSERTION, None, {"heures": 700, "periodicite": "chaque trimestre"}),
    ])
    quarterly = service.open_followup(session=session, purchase_id=purchase_id, actor="agent")
    statements = [c for c in quarterly if c.item == STATEMENT]
    assert [c.due_on for c in statements] == [date(2025, 4, 10), date(2025, 7, 10), date(2025, 10, 10),
                                              date(2026, 1, 10)]
    assert {c.hours_committed for c in statements} == {700}


def test_an_imported_contract_gets_its_clauses_and_explicit_dates(session: Session) -> None:
    purchase_id = awarded_contract(session, clauses=())
    assert service.open_followup(session=session, purchase_id=purchase_id, actor="agent") == []
    service.add_clauses(session=session, purchase_id=purchase_id, clauses=[
        ("alimentation-durable-egalim-parts", None, {}),
    ])
    commitments = service.open_followup(session=session, purchase_id=purchase_id, starts_on=date(2025, 2, 15),
                                        ends_on=date(2025, 11, 30), actor="agent")
    quarters = [c for c in commitments if c.due_kind == "trimestre-civil"]
    # calendar quarters, the first and last cut at the contract's dates; due a month (31 days) later
    assert [(c.period_start, c.period_end) for c in quarters] == [
        (date(2025, 2, 15), date(2025, 3, 31)), (date(2025, 4, 1), date(2025, 6, 30)),
        (date(2025, 7, 1), date(2025, 9, 30)), (date(2025, 10, 1), date(2025, 11, 30)),
    ]
    yearly = [c for c in commitments if c.due_kind == "annee-civile"]
    # « avant le 31 janvier », but the last year's « au plus tard un mois après la fin du marché »
    assert [c.due_on for c in yearly] == [date(2025, 12, 30)]
    assert [c.due_on for c in quarters] == [date(2025, 5, 1), date(2025, 7, 31), date(2025, 10, 31),
                                            date(2026, 1, 31)]


def test_dates_are_checked(session: Session) -> None:
    purchase_id = awarded_contract(session)
    with pytest.raises(InvalidInput, match="précède"):
        service.open_followup(session=session, purchase_id=purchase_id, starts_on=date(2025, 5, 1),
                              ends_on=date(2025, 4, 1), actor="agent")


def test_overdue_list_on_a_fixed_date(session: Session) -> None:
    purchase_id = awarded_contract(session)
    commitments = service.open_followup(session=session, purchase_id=purchase_id, actor="agent")
    on = date(2025, 4, 15)
    late = service.overdue(session=session, on=on)
    # the plan (due 16 January) and the statements of January, February and March
    assert [(o.commitment.item, o.commitment.due_on) for o in late] == [
        (0, date(2025, 1, 16)), (2, date(2025, 2, 10)), (2, date(2025, 3, 10)), (2, date(2025, 4, 10)),
    ]
    assert late[0].days_late == 89
    january = next(c for c in commitments if c.item == STATEMENT and c.sequence == 0)
    assert january.id is not None
    evidence = service.add_evidence(session=session, commitment_id=january.id, received_on=date(2025, 2, 8),
                                    description="État des heures de janvier", actor="agent")
    session.commit()
    assert len(service.overdue(session=session, on=on)) == 3
    # evidence received after the date does not answer it on that date
    assert len(service.overdue(session=session, on=date(2025, 2, 5))) == 1
    assert evidence.id is not None
    service.decide(session=session, evidence_id=evidence.id, accepted=False, reason="Non visé par le facilitateur",
                   actor="agent")
    assert len(service.overdue(session=session, on=on)) == 4
    with pytest.raises(InvalidInput, match="motivé"):
        service.decide(session=session, evidence_id=evidence.id, accepted=False, reason=" ", actor="agent")


def test_the_clause_schema_checks_the_follow_up_fields() -> None:
    from pydantic import ValidationError

    from app.clauses.library import PenaltyRule, Verification

    with pytest.raises(ValidationError, match="period_variable"):
        Verification(evidence="État", when="chaque mois", due="periode")
    with pytest.raises(ValidationError, match="due attendu"):
        Verification(evidence="État", when="chaque mois", delay_days=10)
    with pytest.raises(ValidationError, match="per_day_late va avec notice_days"):
        PenaltyRule(per_day_late="montant_jour")  # the text's notice period must be stated, 0 if none
    assert PenaltyRule(per_day_late="montant_jour", notice_days=0).notice_days == 0


def test_clauses_validate_checks_the_schedule_variables(tmp_path: Path) -> None:
    from app.clauses.library import parse_clause_file
    from app.config import PROJECT_ROOT

    source = (PROJECT_ROOT / "clauses" / "social" / f"{INSERTION}.md").read_text(encoding="utf-8")
    broken = tmp_path / f"{INSERTION}.md"
    broken.write_text(source.replace("hours_variable: heures", "hours_variable: perimetre"), encoding="utf-8")
    clause, problems = parse_clause_file(broken)
    assert clause is None
    assert [str(p).split(": ", 1)[1] for p in problems] == [
        "text: suivi d'exécution : variable « perimetre » absente ou pas de type integer"]


def test_awarding_a_tender_file_opens_the_follow_up(session: Session) -> None:
    from app.tenders import service as tenders
    from app.tenders.models import AwardIn, TenderClauseIn
    from tests.tenders.conftest import add_buyer, tender_in

    add_buyer(session)
    tender_id = int(tenders.create_tender(session=session, data=tender_in(), author="Agnès").id or 0)
    tenders.set_clauses(session=session, tender_id=tender_id, expected_version=1, clauses=[
        TenderClauseIn(id=INSERTION, lots=[1], lot_variables={1: {"heures": "350"}}),
        TenderClauseIn(id="conditions-de-travail-vigilance", lots=[2]),
    ])
    tenders.set_status(session=session, tender_id=tender_id, status="pret", expected_version=2)
    tenders.set_status(session=session, tender_id=tender_id, status="publie", expected_version=3)
    purchases = tenders.award(session=session, tender_id=tender_id, expected_version=4, actor="Agnès",
                              data=AwardIn(notified_on=date(2025, 1, 1), duration_months=12,
                                           lots=[{"number": 1}, {"number": 2}]))
    lot1 = next(p for p in purchases if p.buyer_ref.endswith("lot1"))
    assert lot1.id is not None
    monthly = [c for c in service.list_commitments(session=session, purchase_id=lot1.id) if c.due_kind == "mensuel"]
    assert len(monthly) == 12 and {c.hours_committed for c in monthly} == {350}
    assert {c.opened_by for c in monthly} == {"Agnès"}


def test_vigilance_documents_at_signature_then_every_six_months_while_the_contract_runs(session: Session) -> None:
    """C. trav. D8222-5: « lors de la conclusion et tous les six mois jusqu'à la fin de son exécution »; a
    recurring-services insertion clause gives its quarterly statements and its yearly report."""
    purchase_id = awarded_contract(session, clauses=("conditions-de-travail-vigilance",
                                                     "insertion-heures-services-recurrents"))
    commitments = service.open_followup(session=session, purchase_id=purchase_id, actor="agent")
    vigilance = [c for c in commitments if c.clause_id == "conditions-de-travail-vigilance"]
    assert [(c.due_kind, c.due_on) for c in vigilance] == [("notification", date(2025, 1, 1)),
                                                          ("semestriel", date(2025, 7, 1))]
    insertion = [c for c in commitments if c.clause_id == "insertion-heures-services-recurrents"]
    assert [(c.due_kind, c.due_on) for c in insertion] == [
        ("trimestriel", date(2025, 4, 15)), ("trimestriel", date(2025, 7, 15)), ("trimestriel", date(2025, 10, 15)),
        ("trimestriel", date(2026, 1, 15)),
        ("annuel", date(2026, 2, 1))]  # « dans le mois suivant » the anniversary (1 January 2026): 1 February
