"""A 3-lot tender in Chromium, with and without JavaScript: pasted on the home page, saved as a file from the
proposals, clauses recommended lot by lot, a library clause added on two lots, a lot's own value, the whole
consultation downloaded and reopened: each lot carries its own clauses."""

import io

import docx
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.harness import assert_accessible

pytestmark = pytest.mark.e2e

SUMMARY = ("Entretien des bâtiments communaux en 3 lots :\n"
           "Lot 1 : nettoyage des locaux\n"
           "Lot 2 : entretien des espaces verts\n"
           "Lot 3 : travaux de peinture intérieure")


def lot_tender_journey(page: Page, reference: str) -> str:
    page.goto("/")
    page.get_by_label("Résumé du marché").fill(SUMMARY)
    page.get_by_label("Montant estimé").fill("900 000")
    page.get_by_label("Nature du marché").select_option("services")
    page.get_by_role("button", name="Proposer des clauses").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Clauses proposées")
    page.get_by_role("button", name="Enregistrer en dossier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Entretien des bâtiments communaux")
    assert_accessible(page)

    page.get_by_role("link", name="Modifier la consultation et les lots").click()
    page.get_by_label("Référence").fill(reference)
    page.get_by_label("Montant du lot n° 3").fill("150 000")
    page.get_by_role("button", name="Enregistrer le dossier").click()
    page.get_by_role("button", name="Reprendre les clauses recommandées, lot par lot").click()
    zero_phyto = page.locator("#clause-biodiversite-eau-zero-phyto")
    expect(zero_phyto.get_by_label("Lot n° 2 – entretien des espaces verts")).to_be_checked()
    expect(zero_phyto.get_by_label("Lot n° 1 – nettoyage des locaux")).not_to_be_checked()

    # A clause the matcher did not propose, found by words, on lots 1 and 3.
    page.get_by_label("Mots").fill("discrimination usagers")
    page.get_by_role("button", name="Chercher").click()
    result = page.locator("form.resultat").filter(
        has=page.locator("input[name=clause][value='egalite-non-discrimination-usagers']"))
    result.get_by_label("Lot n° 1").check()
    result.get_by_label("Lot n° 3").check()
    result.get_by_role("button").click()
    added = page.locator("#clause-egalite-non-discrimination-usagers")
    expect(added).to_contain_text("Clause ajoutée.")
    expect(added.get_by_label("Lot n° 2 – entretien des espaces verts")).not_to_be_checked()

    # Lot 3's own insertion hours.
    insertion = page.locator("#clause-insertion-heures-execution")
    insertion.locator("summary").click()
    insertion.locator("[name='l.insertion-heures-execution.3.heures']").fill("210")
    page.get_by_role("button", name="Enregistrer les clauses").click()
    expect(page.locator("[name='l.insertion-heures-execution.3.heures']")).to_have_value("210")

    page.get_by_label("Document à générer").select_option("dossier")
    with page.expect_download() as info:
        page.get_by_role("button", name="Générer le .docx").click()
    assert info.value.suggested_filename == f"clauses-{reference}.docx"
    return str(info.value.path())


def lots_of_document(path: str) -> dict[str, list[str]]:
    """The article titles under each lot heading of the reopened document."""
    document = docx.Document(io.BytesIO(open(path, "rb").read()))  # noqa: SIM115
    lots: dict[str, list[str]] = {}
    current = None
    for paragraph in document.paragraphs:
        style = paragraph.style.name if paragraph.style is not None else ""
        text = paragraph.text.replace("\u00a0", " ")
        if style == "Heading 2" and text.startswith("Lot"):
            current = text
            lots.setdefault(current, [])
        elif style == "Heading 1":
            current = None
        elif style == "Heading 3" and current:
            lots[current].append(text)
    return lots


def check_lots(path: str) -> None:
    lots = lots_of_document(path)
    green = next(titles for heading, titles in lots.items() if heading.startswith("Lot n° 2"))
    assert any("phytopharmaceutiques" in title for title in green)
    painting = next(titles for heading, titles in lots.items() if heading.startswith("Lot n° 3"))
    assert any("heures de travail" in title for title in painting)  # its own hours: an article of its own
    both = next(titles for heading, titles in lots.items() if heading == "Lots n° 1 et 3")
    assert any("discrimin" in title.lower() for title in both)
    text = "\n".join(p.text for p in docx.Document(path).paragraphs).replace("\u00a0", " ")
    assert "210 heures" in text


def test_three_lot_tender_with_javascript(page: Page) -> None:
    check_lots(lot_tender_journey(page, "2027-ENT-JS"))


def test_three_lot_tender_without_javascript(page_without_js: Page) -> None:
    check_lots(lot_tender_journey(page_without_js, "2027-ENT-NOJS"))
