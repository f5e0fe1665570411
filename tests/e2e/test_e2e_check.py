"""Journey "Vérifier un projet" in Chromium: upload a draft, read its findings, download the commented draft,
add a missing clause to the document journey."""

import docx
import pytest
from playwright.sync_api import Page, expect

from tests.checks.support import DRAFTS_DIR
from tests.e2e.harness import assert_accessible

pytestmark = pytest.mark.e2e

DRAFT = DRAFTS_DIR / "25-dce-restauration-ehpad.docx"


def check_draft(page: Page) -> None:
    page.goto("/verifier")
    page.get_by_label("Projet à vérifier").set_input_files(str(DRAFT))
    page.get_by_role("button", name="Vérifier le projet").click()
    expect(page.get_by_role("heading", name=f"Résultat : {DRAFT.name}")).to_be_visible()


def test_upload_see_findings_and_download_the_commented_draft(page: Page) -> None:
    check_draft(page)
    assert_accessible(page)
    urgent = page.locator("section.constats").first
    expect(urgent.get_by_role("heading", level=3)).to_contain_text("À corriger avant publication")
    egalim = "Parts EGalim absentes d'un marché de restauration collective"
    expect(urgent.get_by_role("heading", name=egalim)).to_be_visible()
    expect(page.get_by_role("heading", name="Préférence locale")).to_be_visible()
    expect(page.locator("li[data-regle='reference-perimee']")).to_contain_text("CCAG-FCS 2009")
    findings = page.locator("li[data-regle]").count()
    with page.expect_download() as info:
        page.get_by_role("link", name="Télécharger le projet commenté (.docx)").click()
    assert info.value.suggested_filename == "25-dce-restauration-ehpad-commente.docx"
    comments = list(docx.Document(str(info.value.path())).comments)
    assert len(comments) == findings
    assert any("EGalim" in comment.text for comment in comments)


def test_add_a_missing_clause_to_the_document_journey(page: Page) -> None:
    check_draft(page)
    egalim = page.locator("li[data-regle='egalim-parts-manquantes']")
    value = egalim.locator("input[name=clause]").first.get_attribute("value") or ""
    egalim.get_by_role("button", name="Ajouter la clause").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Clauses proposées")
    expect(page.locator(f"#clause-{value.partition(':')[0]}")).to_be_checked()
