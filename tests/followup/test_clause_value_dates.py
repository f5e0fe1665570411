"""End to end: a contract whose clause values set a date (the yearly day guarantees of origin are handed over) or a
delay in months gets those due dates on the page, in the API and on the command line; « trois mois avant le terme »
follows the contract's end; what the contract does not say (a value that does not read, an unknown end) is owed
without a date, and the officer is told why, never given a guessed date."""

import html
import re
from datetime import date

from fastapi.testclient import TestClient
from sqlmodel import Session
from typer.testing import CliRunner

from app.bootstrap import prepare_database
from app.cli import cli
from app.config import get_settings
from app.db import make_engine
from app.purchases.models import ClauseRef, PurchaseIn
from app.purchases.service import record_purchase
from tests.conftest import builtin_version
from tests.followup.support import BUYER

BIOMETHANE = "energie-climat-biomethane-garanties-origine"
DIAGNOSTIC = "alimentation-durable-gaspillage-alimentaire"
DECOMMISSIONING = "numerique-responsable-ecoconception-services"


def contract(session: Session, values: dict[str, dict[str, str]], *, months: int | None = 24,
             ref: str = "2027-GAZ") -> int:
    """A contract notified on 1 July 2027 with the clauses of ``values`` (clause id -> its variable values)."""
    purchase = record_purchase(session=session, actor="tests", data=PurchaseIn(
        buyer_siret=BUYER, buyer_name="Commune de Test", buyer_ref=ref, object="Fourniture de gaz et restauration",
        cpv="09123000", nature="Marché", amount_eur=300_000, notified_on=date(2027, 7, 1), duration_months=months,
        clauses=[ClauseRef(id=clause_id, version=builtin_version(clause_id), variables=given)
                 for clause_id, given in values.items()],
    ))
    assert purchase.id is not None
    return purchase.id


def text_of(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_the_contract_values_date_the_commitments(officer: TestClient) -> None:
    with Session(officer.app.state.engine) as session:  # type: ignore[attr-defined]
        purchase_id = contract(session, {BIOMETHANE: {"date_attestation": "1er avril"},
                                         DIAGNOSTIC: {"delai_diagnostic": "4"}})
    opened = officer.post(f"/suivi/marches/{purchase_id}/ouvrir", data={})
    assert opened.status_code == 200
    followup = officer.get(f"/api/v1/followup/contracts/{purchase_id}", params={"on": "2027-07-02"}).json()
    owed = {(c["clause_id"], c["item"], c["sequence"]): c for c in followup["commitments"]}
    assert [owed[(BIOMETHANE, 1, n)]["due_on"] for n in range(3)] == ["2028-04-01", "2029-04-01", "2030-04-01"]
    assert owed[(DIAGNOSTIC, 0, 0)]["due_on"] == "2027-11-01"  # 4 months after the start of execution
    assert all(c["due_on"] and c["undated_reason"] is None for c in followup["commitments"])
    shown = text_of(opened.text)
    assert "Suivi ouvert : les justificatifs prévus par les clauses sont devenus des engagements datés." in shown
    assert "01/04/2028" in shown and "01/11/2027" in shown and "Sans date" not in shown


def test_a_value_that_does_not_read_leaves_the_date_open_and_says_why(officer: TestClient) -> None:
    with Session(officer.app.state.engine) as session:  # type: ignore[attr-defined]
        purchase_id = contract(session, {BIOMETHANE: {"date_attestation": "fin du premier semestre"}})
    shown = text_of(officer.post(f"/suivi/marches/{purchase_id}/ouvrir", data={}).text)
    assert "certains restent sans date tant que le marché ne la fixe pas" in shown
    assert ("Sans date La valeur « Date limite annuelle de remise de l'attestation » de ce marché (« fin du premier "
            "semestre ») ne se lit pas comme un jour et un mois (« 30 juin », « 1er mars »). Corrigez-la dans les "
            "clauses du marché, puis mettez le suivi à jour.") in shown
    followup = officer.get(f"/api/v1/followup/contracts/{purchase_id}").json()
    [undated] = followup["commitments"]
    assert undated["due_on"] is None and undated["status"] == "sans-date" and undated["status_label"] == "sans date"
    assert officer.get("/api/v1/followup/overdue", params={"on": "2035-01-01"}).json()["total"] == 0
    # the officer corrects the value: opening again dates the same commitment
    officer.post(f"/api/v1/followup/contracts/{purchase_id}/clauses",
                 json={"clauses": [{"id": BIOMETHANE, "variables": {"date_attestation": "30 septembre"}}]})
    dated = officer.post(f"/api/v1/followup/contracts/{purchase_id}/open", json={}).json()
    assert [c["due_on"] for c in dated] == ["2028-09-30", "2029-09-30", "2030-09-30"]
    assert dated[0]["id"] == undated["id"]


def test_three_months_before_the_end_and_an_unknown_end(officer: TestClient) -> None:
    with Session(officer.app.state.engine) as session:  # type: ignore[attr-defined]
        known = contract(session, {DECOMMISSIONING: {}}, months=30, ref="2027-WEB")
        unknown = contract(session, {DECOMMISSIONING: {}}, months=None, ref="2027-WEB2")
    opened = officer.post(f"/api/v1/followup/contracts/{known}/open", json={}).json()
    assert [c["due_on"] for c in opened if c["due_kind"] == "avant-fin"] == ["2029-09-30"]  # end 31 Dec. 2029
    opened = officer.post(f"/api/v1/followup/contracts/{unknown}/open", json={}).json()
    [plan] = [c for c in opened if c["due_kind"] == "avant-fin"]
    assert plan["due_on"] is None and plan["undated_reason"] == (
        "La fin d'exécution du marché n'est pas connue. Indiquez sa date de fin (ou sa durée), puis mettez le suivi "
        "à jour.")
    shown = text_of(officer.get(f"/suivi/marches/{unknown}").text)
    assert "Sans date La fin d'exécution du marché n'est pas connue. Indiquez sa date de fin" in shown
    dated = officer.post(f"/suivi/marches/{unknown}/ouvrir", data={"fin": "2028-12-31"})
    assert "30/09/2028" in text_of(dated.text)


def test_the_command_line_lists_the_dates_and_the_undated(cli_database: None) -> None:
    engine = make_engine(get_settings().DATABASE_URL)
    prepare_database(engine, get_settings())
    with Session(engine) as session:
        purchase_id = contract(session, {BIOMETHANE: {"date_attestation": "15 mai"}, DECOMMISSIONING: {}},
                               months=None)
    engine.dispose()
    result = CliRunner().invoke(cli, ["followup", "open", str(purchase_id), "--fin", "2029-06-30"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Marché {purchase_id} : 4 engagements datés.\n")
    assert "  15/05/2028  Attestation d'annulation des garanties d'origine" in result.output
    assert "  30/03/2029  Plan de décommissionnement" in result.output
    result = CliRunner().invoke(cli, ["followup", "open", str(purchase_id)])  # the end is not stored: unknown again
    assert result.output.startswith(f"Marché {purchase_id} : 0 engagement daté, 2 engagements sans date.\n")
    assert ("2 justificatifs sont dus sans date, le marché ne la fixant pas encore :\n  - « Attestation d'annulation"
            in result.output)
    assert "(clause « Écoconception du service numérique (RGESN) ») — La fin d'exécution du marché n'est pas connue." \
        in result.output
