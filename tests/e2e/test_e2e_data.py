"""In Chromium: import a DECP file from the data page, follow it to its report, find it in the history, undo
it, and see the annual report return to its previous figures (with JavaScript, then without)."""

import json

import pytest
from playwright.sync_api import Page, expect

from tests.ledger import contract, public_siret

pytestmark = pytest.mark.e2e


def decp_file(prefix: str) -> bytes:
    city = public_siret(77)
    return json.dumps({"marches": {"marche": [
        contract(city, f"{prefix}-1", amount=150_000, social=["Clause sociale"], buyer_name="Commune de Réel"),
        contract(city, f"{prefix}-2", amount=60_000, environmental=["Clause environnementale"]),
    ]}}).encode()


def first_figure(page: Page) -> str:
    page.goto("/rapport?annee=2025")
    return " ".join(page.locator("ul.indicateurs li").first.inner_text().split())


def import_then_undo(page: Page, name: str, content: bytes) -> None:
    before = first_figure(page)
    assert before.startswith("33")  # the demonstration contracts of the year

    page.goto("/donnees")
    expect(page.get_by_role("region", name="Avertissement : données de démonstration")).to_be_visible()
    page.get_by_label("Fichier DECP ou registre des achats").set_input_files(
        files=[{"name": name, "mimeType": "application/json", "buffer": content}]
    )
    page.get_by_role("button", name="Importer le fichier").click()
    expect(page.get_by_role("heading", name="Import réussi")).to_be_visible(timeout=60_000)
    expect(page.locator("#rapport")).to_contain_text("2 marchés lus — 2 créés")
    assert first_figure(page).startswith("2 marchés notifiés")  # real contracts: the demo no longer counts

    page.goto("/donnees#historique")
    row = page.locator("#historique + div tbody tr").first
    expect(row).to_contain_text(name)
    expect(row).to_contain_text("claire.martin")
    row.get_by_role("link", name="Annuler l'import").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Annuler l'import n°")
    page.get_by_role("button", name="Annuler l'import").click()
    expect(page.locator("#fait")).to_have_text("L'import a été annulé : les données sont revenues à leur état "
                                               "d'avant l'import.")
    expect(page.locator("#historique + div tbody tr").first).to_contain_text("Annulé le")
    assert first_figure(page) == before


def test_import_from_the_page_then_undo_it(page: Page) -> None:
    import_then_undo(page, "decp-2025-avec-js.json", decp_file("JS"))


def test_import_then_undo_without_javascript(page_without_js: Page) -> None:
    import_then_undo(page_without_js, "decp-2025-sans-js.json", decp_file("NOJS"))
