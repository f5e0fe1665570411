"""Journey 1 without a browser: the paste form, the variables form, the preview and the .docx download."""

import io
from typing import Any

import docx
import pytest
from fastapi.testclient import TestClient

from app.documents.service import DOCX_MEDIA_TYPE
from tests.conftest import builtin_version
from tests.documents.docx_checks import body_paragraphs, open_docx, styled
from tests.web.page_checks import field_error, parse, text_of, unlabelled_fields

TENDER = {"texte": "Nettoyage des locaux de la mairie et des écoles", "cpv": "90911200-8", "montant": "250 000",
          "nature": "services", "date_lancement": "15/09/2026", "lieu": "Melun"}
INSERTION = f"insertion-heures-execution:{builtin_version('insertion-heures-execution')}"
RECYCLED_PAPER = "papier-impression-papier-recycle"


def docx_text(content: bytes) -> str:
    """Paragraphs and table cells of a .docx, non-breaking spaces read as spaces."""
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells).replace("\u00a0", " ")


def test_home_has_the_paste_form(browser: TestClient) -> None:
    tree = parse(browser.get("/").text)
    form = tree.xpath("//form[@action='/propositions']")[0]
    assert form.get("method") == "post"
    label = tree.xpath("//label[@for='texte']")[0]
    assert text_of(label) == "Résumé du marché"
    assert form.xpath(".//textarea[@id='texte'][@name='texte']")
    assert [text_of(b) for b in form.xpath(".//button[@type='submit']")] == ["Proposer des clauses"]
    assert {f.get("name") for f in form.xpath(".//input | .//select")} == {
        "cpv", "montant", "nature", "date_lancement", "lieu"}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("texte", "  ", "Décrivez le marché en quelques mots : son objet et ses prestations."),
        ("montant", "beaucoup", "Montant invalide : « beaucoup » n'est pas un nombre. Exemple : 250 000 ou 12 500,50."),
        ("montant", "-5", "Montant invalide : valeur inférieure au minimum (0). Exemple : 250 000 ou 12 500,50."),
        ("cpv", "9091120A",
         "Code CPV « 9091120A » invalide : 8 chiffres attendus, éventuellement suivis de -clé (ex. 90911200-8)."),
        ("cpv", "99000000", "Code CPV « 99000000 » invalide : la division 99 n'existe pas dans le CPV 2008."),
        ("date_lancement", "31/02/2026",
         "Date invalide : « 31/02/2026 » n'est pas une date valide. Format attendu : JJ/MM/AAAA."),
        ("nature", "concession", "Nature inconnue : choisissez travaux, fournitures ou services."),
    ],
)
def test_tender_errors_are_french_and_next_to_the_field(
    browser: TestClient, field: str, value: str, message: str
) -> None:
    response = browser.post("/propositions", data=TENDER | {field: value})
    assert response.status_code == 422
    tree = parse(response.text)
    assert field_error(tree, field) == f"Erreur : {message}"
    summary = tree.xpath("//div[@role='alert']//a")
    assert [a.get("href") for a in summary] == [f"#{field}"]
    kept = tree.get_element_by_id("texte").text or ""
    assert kept == (TENDER["texte"] if field != "texte" else value)


def test_french_amount_formats_are_accepted(browser: TestClient) -> None:
    from app.web.forms import TenderForm

    for typed, expected in [("10 000,50", "10000.50"), ("10.000,50", "10000.50"), ("250000", "250000")]:
        tender = TenderForm(texte="Nettoyage", montant=typed).parse()
        assert tender is not None and str(tender.amount_eur) == expected


def variables(client: TestClient, *choices: str, **values: str) -> Any:
    return client.post("/variables", data={**TENDER, "clause": list(choices), **values})


def test_variables_form_is_generated_from_the_clause(browser: TestClient) -> None:
    response = variables(browser, INSERTION, RECYCLED_PAPER)
    assert response.status_code == 200
    tree = parse(response.text)
    assert unlabelled_fields(tree) == []
    hours = tree.get_element_by_id("insertion-heures-execution--heures")
    assert (hours.get("name"), hours.get("value"), hours.get("inputmode")) == (
        "v.insertion-heures-execution.heures", "350", "numeric")
    hint = text_of(tree.get_element_by_id("insertion-heures-execution--heures-aide"))
    assert hint == "Entre 1 et 100 000 heures. Valeur par défaut : 350 heures"
    period = tree.get_element_by_id("insertion-heures-execution--periodicite")
    assert period.tag == "select" and period.xpath("option[@selected]/text()") == ["chaque mois"]
    sections = [text_of(h) for h in tree.xpath("//main//form/h2")]
    assert sections == ["CCAP — clauses administratives", "CCTP — clauses techniques", "Document"]
    assert tree.xpath("//form[@action='/document'][@enctype='multipart/form-data']")
    assert tree.xpath("//input[@type='file'][@name='modele']")
    preview = text_of(tree.xpath(f"//section[@data-clause='{INSERTION}']//div[@data-apercu-texte]")[0])
    assert "au moins 350 heures de travail" in preview


def test_preview_follows_the_values(browser: TestClient) -> None:
    response = browser.post("/apercu", data={
        "clause": INSERTION, "v.insertion-heures-execution.heures": "1 200",
        "v.insertion-heures-execution.delai_plan": "trois",
    })
    assert response.status_code == 200
    fragment = parse(f"<div>{response.text}</div>")
    values = [text_of(v) for v in fragment.xpath("//strong[@class='valeur']")]
    assert "1 200" in values
    assert "[à corriger : Délai de remise du plan de mise en œuvre]" in values


@pytest.mark.parametrize(("count", "expected"), [("1", "1 menu végétarien par semaine"),
                                                  ("2", "2 menus végétariens par semaine")])
def test_preview_and_document_agree_counted_words(browser: TestClient, count: str, expected: str) -> None:
    """The vegetarian-menu clause showed « au moins 1 menu(s) végétarien(s) » in the preview and the .docx."""
    menus = f"alimentation-durable-menu-vegetarien:{builtin_version('alimentation-durable-menu-vegetarien')}"
    values = {"clause": menus, "v.alimentation-durable-menu-vegetarien.nb_menus": count}
    preview = text_of(parse(f"<div>{browser.post('/apercu', data=values).text}</div>"))
    assert f"au moins {expected}" in " ".join(preview.split()) and "(s)" not in preview
    document = browser.post("/document", data={**TENDER, **values})
    assert document.headers["content-type"] == DOCX_MEDIA_TYPE
    assert f"au moins {expected}" in docx_text(document.content)


def test_no_javascript_preview_refresh_keeps_the_values(browser: TestClient) -> None:
    tree = parse(variables(browser, INSERTION, **{"v.insertion-heures-execution.heures": "2 000"}).text)
    assert tree.get_element_by_id("insertion-heures-execution--heures").get("value") == "2 000"
    assert "au moins 2 000 heures" in text_of(tree.xpath("//div[@data-apercu-texte]")[0])


def test_bad_values_are_refused_next_to_their_fields(browser: TestClient) -> None:
    response = browser.post("/document", data={**TENDER, "clause": [INSERTION],
                                               "v.insertion-heures-execution.heures": "beaucoup",
                                               "v.insertion-heures-execution.delai_plan": "90"})
    assert response.status_code == 422
    tree = parse(response.text)
    assert field_error(tree, "insertion-heures-execution--heures") == (
        "Erreur : « beaucoup » n'est pas un nombre ; un nombre entier est attendu")
    assert field_error(tree, "insertion-heures-execution--delai_plan") == (
        "Erreur : Valeur supérieure au maximum (60)")  # the bound alone: the value is a number
    assert len(tree.xpath("//div[@role='alert']//li")) == 2
    assert tree.get_element_by_id("insertion-heures-execution--delai_plan").get("value") == "90"


def test_download_gives_a_named_docx_with_the_values(officer: TestClient) -> None:
    response = officer.post("/document", data={
        **TENDER, "clause": [INSERTION, f"{RECYCLED_PAPER}:{builtin_version(RECYCLED_PAPER)}"],
        "reference": "2026-017 Nettoyage",
        "acheteur": "Commune de Melun", "v.insertion-heures-execution.heures": "10 000",
    })
    assert response.status_code == 200
    assert response.headers["content-type"] == DOCX_MEDIA_TYPE
    assert response.headers["content-disposition"].startswith('attachment; filename="clauses-2026-017-Nettoyage.docx"')
    text = docx_text(response.content)
    assert "au moins 10 000 heures de travail" in text
    assert "Commune de Melun" in text and "Nettoyage des locaux de la mairie" in text
    listed = officer.get("/api/v1/documents", headers={"X-Remote-User": ""}).json()
    assert listed["items"][0]["created_by"] == "claire.martin"


def test_download_without_reference_is_named_after_the_tender(browser: TestClient) -> None:
    response = browser.post("/document", data={**TENDER, "clause": [INSERTION]})
    assert 'filename="clauses-Nettoyage-des-locaux-de-la-mairie-et-des-ecoles.docx"' in (
        response.headers["content-disposition"])


def test_unusable_template_is_reported_next_to_its_field(browser: TestClient) -> None:
    response = browser.post("/document", data={**TENDER, "clause": [INSERTION]},
                            files={"modele": ("modele.docx", b"pas un document Word", DOCX_MEDIA_TYPE)})
    assert response.status_code == 422
    assert field_error(parse(response.text), "modele").startswith("Erreur : ")


def test_template_receives_the_clauses(browser: TestClient) -> None:
    template = docx.Document()
    template.add_paragraph("Mairie de Melun — CCAP")
    template.add_paragraph("{{CLAUSES}}")
    template.add_paragraph("Fin du CCAP")
    buffer = io.BytesIO()
    template.save(buffer)
    response = browser.post("/document", data={**TENDER, "clause": [INSERTION]},
                            files={"modele": ("ccap.docx", buffer.getvalue(), DOCX_MEDIA_TYPE)})
    assert response.status_code == 200
    paragraphs = [p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs]
    assert paragraphs[0] == "Mairie de Melun — CCAP" and paragraphs[-1] == "Fin du CCAP"
    assert "{{CLAUSES}}" not in "\n".join(paragraphs)


def test_nothing_ticked_sends_back_to_the_selection(browser: TestClient) -> None:
    response = browser.post("/variables", data=TENDER)
    assert response.status_code == 422
    assert "Cochez au moins une clause pour continuer." in text_of(parse(response.text).xpath("//main")[0])


@pytest.mark.parametrize(("notes", "in_articles"), [({}, False), ({"notes": "1"}, True)])
def test_the_notes_checkbox_puts_the_legal_basis_under_each_article(
    officer: TestClient, notes: dict[str, str], in_articles: bool
) -> None:
    response = officer.post("/document", data={**TENDER, "clause": [INSERTION], **notes})
    assert response.status_code == 200, response.text
    document = open_docx(response.content)
    texts = [text for _, text in body_paragraphs(document)]
    assert any(text.startswith("Fondement") for text in texts) is in_articles
    assert ("Annexe – Nature et fondement des clauses" in styled(document, "Heading 1")) is not in_articles
