"""Insertion-hours statements: CSV import (all or nothing), committed vs achieved, penalty per the clause."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import Session, select

from app.clauses.service import get_version, to_doc, update_clause
from app.errors import InvalidInput
from app.followup import hours, service
from app.followup.models import Commitment, Evidence, HoursStatement
from tests.conftest import builtin_version
from tests.followup.support import INSERTION, awarded_contract

STATEMENT = (
    "Mois;Catégorie;Modalité;Heures;Personnes\n"
    "2025-01;Demandeur d'emploi de longue durée;Embauche directe;120;2\n"
    "01/2025;jeune;Mise à disposition (ETTI, GEIQ, association intermédiaire);80,5;1\n"
    "février 2025;structure;sous-traitance;35;\n"
).encode()


def opened(session: Session) -> int:
    purchase_id = awarded_contract(session)
    service.open_followup(session=session, purchase_id=purchase_id, actor="agent")
    return purchase_id


def test_a_statement_csv_is_recorded_and_answers_its_months(session: Session) -> None:
    purchase_id = opened(session)
    lines = hours.read_statement(STATEMENT)
    assert [(line.month, line.category, line.modality, line.hours) for line in lines] == [
        (date(2025, 1, 1), "deld", "embauche", Decimal(120)),
        (date(2025, 1, 1), "jeune", "mise-a-disposition", Decimal("80.5")),
        (date(2025, 2, 1), "structure", "sous-traitance", Decimal(35)),
    ]
    hours.record_statement(session=session, purchase_id=purchase_id, lines=lines, source="releve.csv",
                           actor="agent", received_on=date(2025, 3, 1))
    # January's and February's statements are answered (pending examination); March's is due 10 April
    late = service.overdue(session=session, on=date(2025, 4, 15))
    assert [(o.commitment.item, o.commitment.due_on) for o in late] == [(0, date(2025, 1, 16)), (2, date(2025, 4, 10))]
    january = next(c for c in service.list_commitments(session=session, purchase_id=purchase_id)
                   if c.item == 2 and c.sequence == 0)
    assert january.id is not None
    evidence = service.evidence_of(session=session, commitment_ids=[january.id])[january.id]
    assert [e.description for e in evidence] == ["État des heures d'insertion du 01/01/2025 au 31/01/2025 : 200,5 h"]
    # a corrected January replaces January only
    hours.record_statement(session=session, purchase_id=purchase_id, source="saisie", actor="agent",
                           received_on=date(2025, 3, 2),
                           lines=[hours.Line(date(2025, 1, 1), "deld", "embauche", Decimal(150))])
    rows = session.exec(select(HoursStatement).where(HoursStatement.purchase_id == purchase_id)).all()
    assert sorted((row.month.month, row.hours_x100) for row in rows) == [(1, 15000), (2, 3500)]
    evidence = service.evidence_of(session=session, commitment_ids=[january.id])[january.id]
    assert [e.description for e in evidence] == ["État des heures d'insertion du 01/01/2025 au 31/01/2025 : 150 h"]


def test_a_broken_statement_is_refused_whole_with_line_numbers(session: Session) -> None:
    broken = (
        "Mois;Catégorie;Modalité;Heures\n"
        "2025-01;deld;embauche;120\n"
        "2025-13;deld;embauche;10\n"
        "2025-02;astronaute;embauche;-3\n"
        "2025-01;deld;embauche;5\n"
    ).encode()
    with pytest.raises(InvalidInput) as refused:
        hours.read_statement(broken)
    errors = refused.value.extra["errors"]
    assert [(e["line"], e["column"]) for e in errors] == [
        (3, "Mois"), (4, "Catégorie"), (4, "Heures"), (5, "Mois"),
    ]
    assert "mois invalide « 2025-13 »" in errors[0]["message"]
    assert "même mois, catégorie et modalité que la ligne 2" in errors[3]["message"]
    assert str(refused.value).startswith("Relevé refusé, rien n'a été enregistré : 4 erreurs")


def test_names_of_participants_are_refused() -> None:
    with pytest.raises(InvalidInput) as refused:
        hours.read_statement("Nom;Mois;Catégorie;Modalité;Heures\nDupont;2025-01;deld;embauche;7\n".encode())
    assert refused.value.extra["errors"][0]["column"] == "Nom"
    assert "aucune donnée nominative" in refused.value.extra["errors"][0]["message"]


def test_achieved_against_committed_and_the_penalty_of_the_clause(session: Session) -> None:
    purchase_id = opened(session)
    hours.record_statement(session=session, purchase_id=purchase_id, lines=hours.read_statement(STATEMENT),
                           source="releve.csv", actor="agent", received_on=date(2025, 3, 1))
    summary = hours.insertion_summary(session=session, purchase_id=purchase_id)
    assert summary.committed == 350 and summary.achieved == Decimal("235.5")
    assert summary.shortfall == Decimal("114.5")
    assert summary.by_modality == {"embauche": Decimal(120), "mise-a-disposition": Decimal("80.5"),
                                   "sous-traitance": Decimal(35)}
    # insertion-penalite-heures (required by the insertion clause): 50 € HT per missing hour, cap 10 % of 400 000 €
    assert summary.penalty_clause == "insertion-penalite-heures"
    assert summary.per_hour_eur == 50 and summary.cap_eur == Decimal("40000.00")
    assert summary.penalty_eur == Decimal("5725.00")
    # the contract's own values of the penalty clause, and the cap that stops it
    service.add_clauses(session=session, purchase_id=purchase_id, clauses=[
        ("insertion-penalite-heures", None, {"montant_heure": 100, "plafond": 1}),
    ])
    summary = hours.insertion_summary(session=session, purchase_id=purchase_id)
    assert summary.per_hour_eur == 100 and summary.cap_eur == Decimal("4000.00")
    assert summary.penalty_eur == Decimal("4000.00")  # 11 450 € capped


def test_a_contract_without_insertion_commitment_has_no_penalty(session: Session) -> None:
    purchase_id = awarded_contract(session, clauses=("alimentation-durable-egalim-parts",))
    service.open_followup(session=session, purchase_id=purchase_id, actor="agent")
    summary = hours.insertion_summary(session=session, purchase_id=purchase_id)
    assert summary.committed is None and summary.penalty_eur is None


def statement(session: Session, purchase_id: int, month: int) -> Commitment:
    """The hours-statement commitment of ``month`` 2025 (due ten days after the month ends)."""
    return next(c for c in service.list_commitments(session=session, purchase_id=purchase_id)
                if c.hours_committed is not None and c.period_start == date(2025, month, 1))


def send(session: Session, purchase_id: int, month: int, hours_worked: int, received_on: date) -> None:
    hours.record_statement(session=session, purchase_id=purchase_id, source="saisie", actor="agent",
                           received_on=received_on,
                           lines=[hours.Line(date(2025, month, 1), "deld", "embauche", Decimal(hours_worked))])


def test_late_statements_are_penalised_only_after_an_unanswered_formal_notice(session: Session) -> None:
    purchase_id = opened(session)
    # January, due 10 February, came on 1 March: late, but no formal notice was sent
    send(session, purchase_id, 1, 20, date(2025, 3, 1))
    # February, due 10 March: notice on 15 March, statement on 20 March, within the ten days of the notice
    february = statement(session, purchase_id, 2)
    assert february.due_on == date(2025, 3, 10)
    service.record_notice(session=session, commitment_id=february.id or 0, sent_on=date(2025, 3, 15), actor="agent",
                          today=date(2025, 3, 15))
    send(session, purchase_id, 2, 20, date(2025, 3, 20))
    # March, due 10 April: notice on 12 April, nothing by 22 April (end of the notice), nothing by 30 April
    march = statement(session, purchase_id, 3)
    service.record_notice(session=session, commitment_id=march.id or 0, sent_on=date(2025, 4, 12), actor="agent",
                          today=date(2025, 4, 12))
    assert hours.insertion_summary(session=session, purchase_id=purchase_id, on=date(2025, 4, 22)).late_days == 0
    summary = hours.insertion_summary(session=session, purchase_id=purchase_id, on=date(2025, 4, 30))
    # insertion-penalite-heures: 50 € HT per calendar day late, counted from the due date, cap 10 % of 400 000 €
    assert summary.late_days == 20 and summary.per_day_late_eur == 50
    assert summary.late_penalty_eur == Decimal("1000.00")
    assert summary.penalty_eur == Decimal("15500.00")  # 310 hours missing so far × 50 €
    assert summary.penalties_eur == Decimal("16500.00")
    # the statement comes on 5 May: 25 days late, the count stops
    send(session, purchase_id, 3, 20, date(2025, 5, 5))
    summary = hours.insertion_summary(session=session, purchase_id=purchase_id, on=date(2025, 6, 30))
    assert summary.late_days == 25 and summary.late_penalty_eur == Decimal("1250.00")
    # removing the notice removes the penalty; both penalties share the cap of the clause
    service.record_notice(session=session, commitment_id=march.id or 0, sent_on=None, actor="agent")
    assert hours.insertion_summary(session=session, purchase_id=purchase_id, on=date(2025, 6, 30)).late_days == 0
    service.record_notice(session=session, commitment_id=march.id or 0, sent_on=date(2025, 4, 12), actor="agent",
                          today=date(2025, 6, 30))
    service.add_clauses(session=session, purchase_id=purchase_id, clauses=[
        ("insertion-penalite-heures", None, {"montant_jour": 400, "plafond": 1}),
    ])
    summary = hours.insertion_summary(session=session, purchase_id=purchase_id, on=date(2025, 6, 30))
    assert summary.late_penalty_eur == Decimal("4000.00")  # 25 × 400 = 10 000 €, capped at 1 % of 400 000 €
    assert summary.penalties_eur == Decimal("4000.00")


def test_a_refused_statement_does_not_stop_the_count() -> None:
    due = Commitment(purchase_id=1, clause_id=INSERTION, clause_version=1, item=2, evidence="État", due_kind="mensuel",
                     due_on=date(2025, 4, 10), notice_on=date(2025, 4, 12))
    refused = Evidence(commitment_id=1, received_on=date(2025, 4, 15), description="État illisible",
                       decision="refusee")
    later = Evidence(commitment_id=1, received_on=date(2025, 5, 2), description="État visé")
    assert hours.days_late(due, [refused], notice_days=10, on=date(2025, 4, 30)) == 20
    assert hours.days_late(due, [refused, later], notice_days=10, on=date(2025, 6, 1)) == 22
    assert hours.days_late(due, [later], notice_days=30, on=date(2025, 6, 1)) == 0  # within a 30-day notice


def test_a_formal_notice_follows_the_due_date_and_is_not_dated_in_the_future(session: Session) -> None:
    purchase_id = opened(session)
    march = statement(session, purchase_id, 3)
    with pytest.raises(InvalidInput, match=r"doit suivre l'échéance du justificatif \(10/04/2025\)"):
        service.record_notice(session=session, commitment_id=march.id or 0, sent_on=date(2025, 4, 10), actor="a",
                              today=date(2025, 5, 1))
    with pytest.raises(InvalidInput, match="est à venir"):
        service.record_notice(session=session, commitment_id=march.id or 0, sent_on=date(2025, 5, 2), actor="a",
                              today=date(2025, 5, 1))
    recorded = service.record_notice(session=session, commitment_id=march.id or 0, sent_on=date(2025, 4, 12),
                                     actor="Agnès", today=date(2025, 5, 1))
    assert (recorded.notice_on, recorded.notice_by) == (date(2025, 4, 12), "Agnès")


def test_the_follow_up_reads_the_current_version_of_a_clause_whose_wording_is_unchanged(session: Session) -> None:
    purchase_id = opened(session)
    march = statement(session, purchase_id, 3)
    service.record_notice(session=session, commitment_id=march.id or 0, sent_on=date(2025, 4, 12), actor="agent",
                          today=date(2025, 4, 12))
    pinned = builtin_version("insertion-penalite-heures")
    service.add_clauses(session=session, purchase_id=purchase_id, clauses=[("insertion-penalite-heures", pinned, {})])
    current = to_doc(get_version(session=session, clause_id="insertion-penalite-heures"))
    data = current.model_dump(mode="json")
    data["penalty"]["notice_days"] = 20  # a local edit of the follow-up data only
    update_clause(session=session, clause_id=current.id, data=data, expected_version=pinned, author="juriste")
    assert hours.insertion_summary(session=session, purchase_id=purchase_id, on=date(2025, 4, 30)).late_days == 0
    assert hours.insertion_summary(session=session, purchase_id=purchase_id, on=date(2025, 5, 3)).late_days == 23
    data["text"] = current.text.replace("par jour calendaire de retard", "par jour de retard")  # new wording
    update_clause(session=session, clause_id=current.id, data=data, expected_version=pinned + 1, author="juriste")
    # the contract keeps the wording it was signed with, and that version's ten days
    assert hours.insertion_summary(session=session, purchase_id=purchase_id, on=date(2025, 4, 30)).late_days == 20


@pytest.mark.parametrize(("month", "said"), [
    (date(2024, 12, 1), "décembre 2024"),  # before the notification (1 January 2025)
    (date(2026, 1, 1), "janvier 2026"),  # after its 12 months
    (date(2029, 6, 1), "juin 2029"),
])
def test_hours_of_a_month_outside_the_execution_are_refused(session: Session, month: date, said: str) -> None:
    """No hour of a contract is worked before its notification or after its end: such a month is refused, nothing
    recorded (« 2029-01 » was recorded on a contract ended in 2025). The clock is set after every month of the
    cases, so that only the execution is in question."""
    purchase_id = opened(session)
    with pytest.raises(InvalidInput) as refused:
        hours.record_statement(session=session, purchase_id=purchase_id, source="saisie", actor="agent",
                               received_on=date(2025, 3, 1), today=date(2030, 1, 1),
                               lines=[hours.Line(date(2025, 1, 1), "deld", "embauche", Decimal(10)),
                                      hours.Line(month, "deld", "embauche", Decimal(10))])
    assert refused.value.detail == (f"Relevé refusé, rien n'a été enregistré : {said} hors de l'exécution du "
                                    "marché (de janvier 2025 à décembre 2025).")
    assert not session.exec(select(HoursStatement).where(HoursStatement.purchase_id == purchase_id)).all()
    hours.record_statement(session=session, purchase_id=purchase_id, source="saisie", actor="agent",
                           received_on=date(2025, 3, 1),
                           lines=[hours.Line(date(2025, 12, 1), "deld", "embauche", Decimal(10))])


@pytest.mark.parametrize(("received", "months", "said"), [
    (date(2025, 3, 12), [date(2025, 2, 1), date(2025, 4, 1)], "avril 2025 n'a pas encore commencé"),
    (date(2025, 3, 12), [date(2025, 4, 1), date(2025, 5, 1)], "avril 2025, mai 2025 n'ont pas encore commencé"),
    (date(2025, 3, 13), [date(2025, 2, 1)], "La date de réception (13/03/2025) est à venir"),
])
def test_a_statement_received_or_worked_in_days_to_come_is_refused_whole(
    session: Session, received: date, months: list[date], said: str,
) -> None:
    """On 12 March 2025, a statement cannot have been received on the 13th, nor give April's hours: such a date is
    a slip of the year or the month, refused with nothing recorded; March itself, under way, is accepted."""
    purchase_id = opened(session)
    today = date(2025, 3, 12)
    with pytest.raises(InvalidInput) as refused:
        hours.record_statement(session=session, purchase_id=purchase_id, source="saisie", actor="agent",
                               received_on=received, today=today,
                               lines=[hours.Line(month, "deld", "embauche", Decimal(10)) for month in months])
    assert said in refused.value.detail and "12/03/2025" in refused.value.detail
    assert not session.exec(select(HoursStatement).where(HoursStatement.purchase_id == purchase_id)).all()
    assert not session.exec(select(Evidence)).all()
    hours.record_statement(session=session, purchase_id=purchase_id, source="saisie", actor="agent",
                           received_on=today, today=today,
                           lines=[hours.Line(date(2025, 3, 1), "deld", "embauche", Decimal(10))])
    assert len(session.exec(select(HoursStatement).where(HoursStatement.purchase_id == purchase_id)).all()) == 1


def test_evidence_received_in_days_to_come_is_refused_before_its_file_is_kept(session: Session, tmp_path: Path) -> None:
    """A receipt dated after today would leave the commitment overdue until that day while the document is in hand:
    refused, and its file is not stored."""
    purchase_id = opened(session)
    folder = tmp_path / "justificatifs"
    commitment = session.exec(select(Commitment).where(Commitment.purchase_id == purchase_id)).first()
    assert commitment is not None and commitment.id is not None
    with pytest.raises(InvalidInput) as refused:
        service.receive_evidence(session=session, commitment_id=commitment.id, received_on=date(2026, 2, 5),
                                 description="Plan d'action", actor="agent", upload=(b"%PDF-1.4\n%%EOF\n", "plan.pdf"),
                                 folder=folder, max_bytes=1 << 20, today=date(2025, 2, 5))
    assert refused.value.detail == ("La date de réception (05/02/2026) est à venir (nous sommes le 05/02/2025) : "
                                    "indiquez la date à laquelle le document a été reçu.")
    assert not session.exec(select(Evidence)).all() and not (folder.exists() and any(folder.iterdir()))
    kept = service.receive_evidence(session=session, commitment_id=commitment.id, received_on=date(2025, 2, 5),
                                    description="Plan d'action", actor="agent",
                                    upload=(b"%PDF-1.4\n%%EOF\n", "plan.pdf"), folder=folder, max_bytes=1 << 20,
                                    today=date(2025, 2, 5))
    assert kept.received_on == date(2025, 2, 5) and any(folder.iterdir())
