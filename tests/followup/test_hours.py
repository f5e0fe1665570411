"""Insertion-hours statements: CSV import (all or nothing), committed vs achieved, penalty per the clause."""

from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import Session, select

from app.errors import InvalidInput
from app.followup import hours, service
from app.followup.models import HoursStatement
from tests.followup.support import awarded_contract

STATEMENT = (
    "Mois;Catégorie;Modalité;Heures;Personnes\n"
    "2027-01;Demandeur d'emploi de longue durée;Embauche directe;120;2\n"
    "01/2027;jeune;Mise à disposition (ETTI, GEIQ, association intermédiaire);80,5;1\n"
    "février 2027;structure;sous-traitance;35;\n"
).encode()


def opened(session: Session) -> int:
    purchase_id = awarded_contract(session)
    service.open_followup(session=session, purchase_id=purchase_id, actor="agent")
    return purchase_id


def test_a_statement_csv_is_recorded_and_answers_its_months(session: Session) -> None:
    purchase_id = opened(session)
    lines = hours.read_statement(STATEMENT)
    assert [(line.month, line.category, line.modality, line.hours) for line in lines] == [
        (date(2027, 1, 1), "deld", "embauche", Decimal(120)),
        (date(2027, 1, 1), "jeune", "mise-a-disposition", Decimal("80.5")),
        (date(2027, 2, 1), "structure", "sous-traitance", Decimal(35)),
    ]
    hours.record_statement(session=session, purchase_id=purchase_id, lines=lines, source="releve.csv",
                           actor="agent", received_on=date(2027, 3, 1))
    # January's and February's statements are answered (pending examination); March's is due 10 April
    late = service.overdue(session=session, on=date(2027, 4, 15))
    assert [(o.commitment.item, o.commitment.due_on) for o in late] == [(0, date(2027, 1, 16)), (2, date(2027, 4, 10))]
    january = next(c for c in service.list_commitments(session=session, purchase_id=purchase_id)
                   if c.item == 2 and c.sequence == 0)
    assert january.id is not None
    evidence = service.evidence_of(session=session, commitment_ids=[january.id])[january.id]
    assert [e.description for e in evidence] == ["État des heures d'insertion du 01/01/2027 au 31/01/2027 : 200,5 h"]
    # a corrected January replaces January only
    hours.record_statement(session=session, purchase_id=purchase_id, source="saisie", actor="agent",
                           received_on=date(2027, 3, 2),
                           lines=[hours.Line(date(2027, 1, 1), "deld", "embauche", Decimal(150))])
    rows = session.exec(select(HoursStatement).where(HoursStatement.purchase_id == purchase_id)).all()
    assert sorted((row.month.month, row.hours_x100) for row in rows) == [(1, 15000), (2, 3500)]
    evidence = service.evidence_of(session=session, commitment_ids=[january.id])[january.id]
    assert [e.description for e in evidence] == ["État des heures d'insertion du 01/01/2027 au 31/01/2027 : 150 h"]


def test_a_broken_statement_is_refused_whole_with_line_numbers(session: Session) -> None:
    broken = (
        "Mois;Catégorie;Modalité;Heures\n"
        "2027-01;deld;embauche;120\n"
        "2027-13;deld;embauche;10\n"
        "2027-02;astronaute;embauche;-3\n"
        "2027-01;deld;embauche;5\n"
    ).encode()
    with pytest.raises(InvalidInput) as refused:
        hours.read_statement(broken)
    errors = refused.value.extra["errors"]
    assert [(e["line"], e["column"]) for e in errors] == [
        (3, "Mois"), (4, "Catégorie"), (4, "Heures"), (5, "Mois"),
    ]
    assert "mois invalide « 2027-13 »" in errors[0]["message"]
    assert "même mois, catégorie et modalité que la ligne 2" in errors[3]["message"]
    assert str(refused.value).startswith("Relevé refusé, rien n'a été enregistré : 4 erreurs")


def test_names_of_participants_are_refused() -> None:
    with pytest.raises(InvalidInput) as refused:
        hours.read_statement("Nom;Mois;Catégorie;Modalité;Heures\nDupont;2027-01;deld;embauche;7\n".encode())
    assert refused.value.extra["errors"][0]["column"] == "Nom"
    assert "aucune donnée nominative" in refused.value.extra["errors"][0]["message"]


def test_achieved_against_committed_and_the_penalty_of_the_clause(session: Session) -> None:
    purchase_id = opened(session)
    hours.record_statement(session=session, purchase_id=purchase_id, lines=hours.read_statement(STATEMENT),
                           source="releve.csv", actor="agent", received_on=date(2027, 3, 1))
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
