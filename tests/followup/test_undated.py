"""Opening the follow-up of a contract whose clauses fix no due date: the page, the API and the command line say
so and name those clauses, never « Suivi ouvert » beside « Le suivi de ce marché n'est pas ouvert »."""

import html
import re

from fastapi.testclient import TestClient
from sqlmodel import Session
from typer.testing import CliRunner

from app.bootstrap import prepare_database
from app.cli import cli
from app.config import get_settings
from app.db import make_engine
from tests.followup.support import INSERTION, awarded_contract

LABELS = "ecolabels-textiles-specification"  # with the offer; at each certificate renewal and on request


def text_of(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_opening_a_contract_whose_clauses_fix_no_date_says_why(officer: TestClient) -> None:
    with Session(officer.app.state.engine) as session:  # type: ignore[attr-defined]
        purchase_id = awarded_contract(session, clauses=(LABELS,))
    title = officer.get(f"/api/v1/clauses/{LABELS}").json()["title"]
    opened = officer.post(f"/suivi/marches/{purchase_id}/ouvrir", data={"date": "2025-04-15"})
    assert opened.status_code == 200
    shown = text_of(opened.text)
    assert "Suivi ouvert" not in shown and "n'est pas ouvert" not in shown
    assert "Aucun engagement daté : les clauses de ce marché ne fixent pas d'échéance" in shown
    assert (f"Aucun engagement daté : les justificatifs de la clause « {title} » (avec l'offre ; à chaque "
            "renouvellement de certificat et sur demande de l'acheteur) se remettent à ces moments-là, sans date "
            "fixe ; ils ne créent pas d'échéance.") in shown
    assert 'class="alerte alerte-info"' in opened.text  # not the green of a success
    followup = officer.get(f"/api/v1/followup/contracts/{purchase_id}").json()
    assert followup["commitments"] == []
    assert followup["undated_clauses"] == [{"id": LABELS, "title": title, "when": [
        "avec l'offre", "à chaque renouvellement de certificat et sur demande de l'acheteur"]}]


def test_dated_and_undated_clauses_together(officer: TestClient) -> None:
    with Session(officer.app.state.engine) as session:  # type: ignore[attr-defined]
        purchase_id = awarded_contract(session, clauses=(INSERTION, LABELS))
    before = text_of(officer.get(f"/suivi/marches/{purchase_id}").text)
    assert "Le suivi de ce marché n'est pas ouvert." in before and "Aucun engagement daté" not in before
    shown = text_of(officer.post(f"/suivi/marches/{purchase_id}/ouvrir", data={}).text)
    assert "Suivi ouvert : les justificatifs prévus par les clauses sont devenus des engagements datés." in shown
    assert "n'est pas ouvert" not in shown
    assert "Sans échéance fixe, donc hors de ce tableau : les justificatifs de la clause « " in shown


def test_opening_a_contract_without_clauses(officer: TestClient) -> None:
    with Session(officer.app.state.engine) as session:  # type: ignore[attr-defined]
        purchase_id = awarded_contract(session, clauses=())
    shown = text_of(officer.post(f"/suivi/marches/{purchase_id}/ouvrir", data={}).text)
    assert "Suivi ouvert" not in shown
    assert "Aucun engagement daté : aucune clause n'est enregistrée pour ce marché. Ajoutez d'abord ses clauses." \
        in shown
    assert officer.post(f"/api/v1/followup/contracts/{purchase_id}/open", json={}).json() == []


def test_the_command_line_says_why(cli_database: None) -> None:
    engine = make_engine(get_settings().DATABASE_URL)
    prepare_database(engine, get_settings())
    with Session(engine) as session:
        purchase_id = awarded_contract(session, clauses=(LABELS,))
    engine.dispose()
    result = CliRunner().invoke(cli, ["followup", "open", str(purchase_id)])
    assert result.exit_code == 0
    assert result.output.startswith(f"Marché {purchase_id} : 0 engagement daté.\nAucun engagement daté : les "
                                    "justificatifs de la clause « ")
    assert "(avec l'offre ; à chaque renouvellement de certificat et sur demande de l'acheteur)" in result.output
