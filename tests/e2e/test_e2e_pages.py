"""In Chromium: accessibility checks on every page, 360 px layout, and the supplier import's error report."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.harness import assert_accessible

pytestmark = pytest.mark.e2e

PAGES = [
    "/", "/bibliotheque", "/bibliotheque/insertion-heures-execution", "/fournisseurs",
    "/fournisseurs/99000003600014", "/fournisseurs/import", "/rapport?annee=2024", "/donnees", "/donnees/acheteurs",
    "/donnees/acheteurs/29999900300013", "/donnees/imports/marches/1/annuler", "/dossiers", "/suivi", "/verifier",
    "/dossiers/nouveau",
]

@pytest.mark.parametrize("path", PAGES)
def test_page_passes_the_accessibility_audit(page: Page, path: str) -> None:
    page.goto(path)
    assert_accessible(page)


def test_the_audit_fails_on_a_faulty_page(page: Page, page_without_js: Page) -> None:
    """A page of the site with a field without a label and an image without a text alternative fails the audit,
    with JavaScript on and off (then a copy of the page is audited)."""
    for tab in (page, page_without_js):
        tab.goto("/")
        tab.evaluate("""() => {
            document.querySelector("main").insertAdjacentHTML("beforeend",
                '<input type="text" name="sans-etiquette"><img src="/static/logo.png">');
        }""")
        with pytest.raises(AssertionError, match="label: ") as failure:
            assert_accessible(tab)
        assert "image-alt: " in str(failure.value)


def test_keyboard_reaches_the_content_with_a_visible_focus(page: Page) -> None:
    page.goto("/bibliotheque")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text("Aller au contenu")
    assert skip.bounding_box()["x"] >= 0  # type: ignore[index]
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_attribute("id", "q")  # the first filter, right after the skip


@pytest.mark.parametrize("path", PAGES)
def test_page_fits_a_360_px_screen(narrow_page: Page, path: str) -> None:
    narrow_page.goto(path)
    overflow = narrow_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    expect(narrow_page.locator("h1")).to_be_visible()


def test_import_with_a_bad_file_shows_the_row_errors(page: Page) -> None:
    page.goto("/fournisseurs")
    page.get_by_role("link", name="Importer un fichier de fournisseurs").click()
    content = (
        "siret;nom;type;code_postal;commune;activites_cpv\n"
        "12345678901234;Siret faux;ESAT;77000;Melun;9091\n"
        "99000003600014;Sans type;;77000;Melun;9091\n"
    )
    page.get_by_label("Fichier de fournisseurs (CSV ou Excel .xlsx)").set_input_files(
        files=[{"name": "registre.csv", "mimeType": "text/csv", "buffer": content.encode()}]
    )
    page.get_by_role("button", name="Importer le fichier").click()
    expect(page.get_by_role("heading", name="Fichier refusé : 2 erreurs")).to_be_visible()
    rows = page.locator("table:has(caption:has-text('Erreurs par ligne')) tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("SIRET invalide")
    expect(rows.nth(0).locator("td").first).to_have_text("2")
    expect(rows.nth(1).locator("td").first).to_have_text("3")


def test_a_local_preference_in_the_summary_is_cautioned_on_the_proposals(page: Page) -> None:
    """The officer pastes the elected officials' wish as they wrote it: the proposals say, above the obligations,
    that the documents may not write it so, and how to reach the same aim; the page still passes the audit."""
    page.goto("/")
    page.get_by_label("Résumé du marché").fill(
        "Fourniture de repas pour les crèches, 2 ans, 120 000 € HT, produits bio et locaux demandés par les élus")
    page.get_by_role("button", name="Proposer des clauses").click()
    caution = page.get_by_role("region", name="À ne pas écrire ainsi dans les pièces")
    expect(caution).to_be_visible()
    expect(caution).to_contain_text("Préférence locale : « produits bio et locaux »")
    expect(caution).to_contain_text("Pour atteindre le même but :")
    below = page.get_by_role("region", name="Obligations applicables à ce marché")
    assert caution.bounding_box()["y"] < below.bounding_box()["y"]  # type: ignore[index]
    assert_accessible(page)
