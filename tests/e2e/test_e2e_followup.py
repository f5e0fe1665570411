"""In Chromium: a contract's follow-up page: record an insertion-hours statement and a certificate, see the
overdue list shrink, then see the achieved hours in the annual report."""

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session

from app.bootstrap import prepare_database
from app.db import make_engine
from tests.e2e.conftest import new_context
from tests.e2e.harness import assert_accessible, live_server, server_settings
from tests.followup.support import awarded_contract

pytestmark = pytest.mark.e2e
ON = "2026-04-15"


@pytest.fixture(scope="module")
def followed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int, int]]:
    """A server of its own (no demo data: real figures) with a 2026 contract carrying the insertion clause, and a
    contract without clauses."""
    settings = server_settings(tmp_path_factory.mktemp("suivi")).model_copy(update={"LOAD_SAMPLE_DATA": False})
    engine = make_engine(settings.DATABASE_URL)
    prepare_database(engine, settings)
    with Session(engine) as session:
        purchase_id = awarded_contract(session, ref="2026-NET", notified=date(2026, 1, 1))
        bare_id = awarded_contract(session, ref="2026-GIL", notified=date(2026, 1, 1), clauses=())
    engine.dispose()
    with live_server(settings) as url:
        yield url, purchase_id, bare_id


@pytest.fixture
def officer_page(chromium: Browser, followed: tuple[str, int, int]) -> Iterator[Page]:
    context = new_context(chromium, followed[0])
    yield context.new_page()
    context.close()


def late(page: Page) -> str:
    page.goto(f"/suivi?date={ON}")
    return page.locator("#retards").inner_text()


def test_statement_and_certificate_on_the_contract_page(officer_page: Page, followed: tuple[str, int, int],
                                                        tmp_path: Path) -> None:
    page, purchase_id = officer_page, followed[1]
    page.goto(f"/suivi/marches/{purchase_id}?date={ON}")
    page.get_by_role("button", name="Ouvrir le suivi").click()
    expect(page.locator("#fait")).to_contain_text("Suivi ouvert")
    expect(page.locator("#heures-engagees")).to_have_text("350 h")
    assert late(page) == "4 engagements en retard au 15/04/2026"

    page.get_by_role("link", name="2026-NET").first.click()
    page.get_by_label("Mois").fill("2026-01")
    page.get_by_label("Public").select_option(label="Demandeur d'emploi de longue durée")
    page.get_by_label("Modalité").select_option(label="Embauche directe")
    page.get_by_label("Heures réalisées").fill("42,5")
    page.get_by_label("Reçu le").first.fill("2026-02-06")
    page.get_by_role("button", name="Enregistrer le relevé").click()
    expect(page.locator("#fait")).to_have_text("Relevé des heures enregistré.")
    expect(page.locator("#heures-realisees")).to_have_text("42,5 h")
    assert late(page) == "3 engagements en retard au 15/04/2026"

    page.goto(f"/suivi/marches/{purchase_id}?date={ON}")
    row = page.locator("tr", has_text="Plan de mise en œuvre")
    row.get_by_text("Enregistrer un justificatif").click()
    row.get_by_label("Ce que montre le justificatif").fill("Plan de mise en œuvre visé par le facilitateur")
    row.get_by_label("Reçu le").fill("2026-01-12")
    certificate = tmp_path / "plan-insertion.pdf"
    certificate.write_bytes(b"%PDF-1.4\n%%EOF\n")
    row.get_by_label("Fichier").set_input_files(str(certificate))
    row.get_by_role("button", name="Enregistrer le justificatif").click()
    expect(page.locator("#fait")).to_have_text("Justificatif enregistré.")
    expect(page.get_by_role("link", name="plan-insertion.pdf")).to_be_visible()
    assert_accessible(page)
    assert late(page) == "2 engagements en retard au 15/04/2026"
    assert_accessible(page)

    # February's statement, due 10 March, never came: a formal notice sent on 12 March went unanswered
    page.goto(f"/suivi/marches/{purchase_id}?date={ON}")
    expect(page.locator("#retard-etats")).to_contain_text("aucun retard pénalisable")
    row = page.locator("tr", has_text="période du 01/02/2026")
    row.get_by_text("Enregistrer une mise en demeure").click()
    row.get_by_label("Envoyée le").fill("2026-03-12")
    row.get_by_role("button", name="Enregistrer la mise en demeure").click()
    expect(page.locator("#fait")).to_have_text("Mise en demeure enregistrée.")
    expect(row).to_contain_text("Mise en demeure envoyée le 12/03/2026")
    expect(page.locator("#retard-etats")).to_contain_text(re.compile(r"36 jours de retard, 1\s800 € HT"))
    assert_accessible(page)

    page.goto("/rapport?annee=2026")
    expect(page.locator("#execution")).to_be_visible()
    expect(page.locator("#heures-realisees-total")).to_have_text("42,5\u00a0h")
    chart = page.get_by_role("img", name="Heures d'insertion engagées et réalisées dans l'année, par acheteur suivi")
    chart.scroll_into_view_if_needed()
    expect(chart).to_be_visible()
    chart.element_handle().wait_for_element_state("stable")
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=chart.element_handle())
    assert_accessible(page)


def test_a_contract_whose_clauses_fix_no_date(officer_page: Page, followed: tuple[str, int, int]) -> None:
    """The officer adds a clause whose proofs come with the offer or on request, opens the follow-up: the page
    says there is no dated commitment and why, never « Suivi ouvert »."""
    page = officer_page
    page.goto(f"/suivi/marches/{followed[2]}?date={ON}")
    page.get_by_label("Clause de la bibliothèque").select_option(
        label="Articles textiles répondant aux critères d'un écolabel ou équivalent")
    page.get_by_role("button", name="Ajouter la clause").click()
    expect(page.locator("#fait")).to_contain_text("Clause ajoutée au marché")
    page.get_by_role("button", name="Ouvrir le suivi").click()
    expect(page.locator("#fait")).to_contain_text("Aucun engagement daté")
    expect(page.locator("#sans-echeance")).to_contain_text(
        "(avec l'offre ; à chaque renouvellement de certificat et sur demande de l'acheteur) se remettent à ces "
        "moments-là, sans date fixe ; ils ne créent pas d'échéance.")
    expect(page.get_by_text("Suivi ouvert")).to_have_count(0)
    expect(page.get_by_text("n'est pas ouvert")).to_have_count(0)
    assert_accessible(page)
