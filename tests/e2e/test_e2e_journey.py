"""Journey 1 in Chromium, from the pasted summary to the downloaded .docx, with and without JavaScript."""

import io

import docx
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.harness import assert_accessible

pytestmark = pytest.mark.e2e

SUMMARY = "Nettoyage des locaux de la mairie et des écoles, vitrerie comprise"
SHARE = "Part minimale des heures réalisées par des personnes en insertion (%)"


def describe_tender(page: Page) -> None:
    page.goto("/")
    page.get_by_label("Résumé du marché").fill(SUMMARY)
    page.get_by_label("Code CPV").fill("90911200-8")
    page.get_by_label("Montant estimé").fill("250 000")
    page.get_by_label("Nature du marché").select_option("services")
    page.get_by_label("Date de lancement de la consultation").fill("15/09/2026")
    page.get_by_role("button", name="Proposer des clauses").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Clauses proposées")


def choose_insertion_hours(page: Page) -> None:
    """Keep the suggested insertion clause and the general environmental one, nothing else."""
    expect(page.get_by_role("heading", name="Obligations applicables à ce marché")).to_be_visible()
    expect(page.locator("#clause-insertion-heures-services-recurrents")).to_be_visible()
    for box in page.locator("input[name=clause]").all():
        box.uncheck()
    page.get_by_label("Insertion dans les marchés de services récurrents", exact=False).check()
    page.locator("input[name=clause][value^='environnement-general-condition-execution:']").check()
    page.get_by_role("button", name="Continuer : compléter les clauses").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compléter les clauses")


def download(page: Page) -> tuple[str, str]:
    """Click the download button; the file's suggested name and its text (paragraphs and cells)."""
    page.get_by_label("Référence du marché").fill("2026-017")
    with page.expect_download() as info:
        page.get_by_role("button", name="Télécharger le .docx").click()
    path = info.value.path()
    document = docx.Document(io.BytesIO(path.read_bytes()))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    text = "\n".join([p.text for p in document.paragraphs] + cells).replace("\u00a0", " ")
    return info.value.suggested_filename, text


def test_journey_from_paste_to_docx(page: Page) -> None:
    describe_tender(page)
    assert_accessible(page)
    counter = page.locator("[data-compteur]")
    first_theme = page.locator("section[data-theme]").first
    first_theme.get_by_role("button", name="Tout décocher").click()
    expect(first_theme.locator("input[name=clause]:checked")).to_have_count(0)
    for box in page.locator("input[name=clause]").all():
        box.uncheck()
    expect(counter).to_have_text("0 clause cochée")
    page.locator("#clause-insertion-heures-services-recurrents").check()
    expect(counter).to_have_text("1 clause cochée")
    page.get_by_role("button", name="Continuer : compléter les clauses").click()

    assert_accessible(page)
    expect(page.get_by_role("button", name="Mettre à jour l'aperçu")).to_be_hidden()  # the preview is live
    page.get_by_label(SHARE).fill("12,5")
    preview = page.locator("[data-apercu-texte]").first
    expect(preview.locator("strong.valeur", has_text="12,5")).to_be_visible()  # no button pressed
    name, text = download(page)
    assert name == "clauses-2026-017.docx"
    assert "au moins 12,5 %" in text and SUMMARY in text


def test_journey_works_without_javascript(page_without_js: Page) -> None:
    page = page_without_js
    describe_tender(page)
    expect(page.get_by_role("button", name="Tout décocher")).to_have_count(0)
    choose_insertion_hours(page)
    page.get_by_label(SHARE).fill("beaucoup")
    page.get_by_role("button", name="Télécharger le .docx").click()
    expect(page.locator("[role=alert]")).to_contain_text("« beaucoup » n'est pas un nombre")
    field = page.get_by_label(SHARE)
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.locator(f"#{field.get_attribute('id')}-erreur")).to_contain_text("un pourcentage entre 0 et 100")
    field.fill("7,5")
    page.get_by_role("button", name="Mettre à jour l'aperçu").click()
    expect(page.locator("[data-apercu-texte] strong.valeur", has_text="7,5")).to_be_visible()
    name, text = download(page)
    assert name == "clauses-2026-017.docx"
    assert "au moins 7,5 %" in text and "Condition d'exécution environnementale" in text


def test_choosing_the_buyer_brings_the_spaser_obligation(page: Page) -> None:
    describe_tender(page)
    obligations = page.locator("ul.obligations")
    expect(obligations.get_by_text("(SPASER)")).to_have_count(0)
    page.get_by_label("Acheteur", exact=True).select_option(label="Communauté d'agglomération fictive du Val")
    page.get_by_role("button", name="Appliquer l'acheteur").click()
    spaser = obligations.locator("li", has_text="(SPASER)")
    expect(spaser).to_have_count(1)
    spaser.locator("summary").click()
    expect(spaser).to_contain_text("selon le volume annuel d'achats du profil de l'acheteur")
    expect(page.get_by_label("Acheteur", exact=True)).to_have_value("29999900300013")
    assert_accessible(page)
    choose_insertion_hours(page)
    expect(page.get_by_label("Profil de l'acheteur")).to_have_value("29999900300013")
