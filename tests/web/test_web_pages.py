"""Every page: French, one h1, a title, landmarks, a label for every field, under the weight budget."""

import pytest
from fastapi.testclient import TestClient

from tests.conftest import builtin_version
from tests.web.page_checks import MAX_PAGE_BYTES, page_weight, parse, text_of, unlabelled_fields

INSERTION = f"insertion-heures-execution:{builtin_version('insertion-heures-execution')}"

PAGES = [
    ("/", "Préparer les clauses d'un marché"),
    ("/bibliotheque", "Bibliothèque de clauses"),
    ("/bibliotheque?theme=insertion&type=condition-execution&document=CCAP&q=heures", "Bibliothèque de clauses"),
    ("/bibliotheque/insertion-heures-execution", "Action d'insertion : heures de travail réservées"),
    ("/fournisseurs", "Fournisseurs"),
    ("/fournisseurs?q=ateliers&type=ESAT&label=environnement&cpv=7731&departement=77&insertion=1", "Fournisseurs"),
    ("/fournisseurs/99000003600014", "ESAT Les Ateliers de la Brie"),
    ("/fournisseurs/import", "Importer des fournisseurs"),
    ("/rapport", "Rapport annuel des achats éthiques"),
    ("/rapport?annee=2024&acheteur=26388534596688", "Rapport annuel des achats éthiques"),
]


@pytest.mark.usefixtures("sample_data")
@pytest.mark.parametrize(("path", "heading"), PAGES)
def test_page_is_french_accessible_and_light(officer: TestClient, path: str, heading: str) -> None:
    response = officer.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    tree = parse(response.text)
    assert tree.get("lang") == "fr"
    h1 = tree.xpath("//h1")
    assert len(h1) == 1 and text_of(h1[0]).startswith(heading)
    assert text_of(tree.xpath("//title")[0]).endswith("— Clausier")
    assert tree.xpath("//header[@role='banner']") and tree.xpath("//main[@id='contenu']")
    assert tree.xpath("//nav[@aria-label='Menu principal']") and tree.xpath("//footer[@role='contentinfo']")
    assert tree.xpath("//a[@href='#contenu']"), "skip link"
    assert unlabelled_fields(tree) == []
    assert all(img.get("alt") for img in tree.xpath("//img"))
    assert not tree.xpath("//script[not(@src)]"), "no inline script (CSP)"
    assert not tree.xpath("//*[@style or @onclick or @onchange or @onsubmit]"), "no inline style or handler"
    assert page_weight(officer, response.text) <= MAX_PAGE_BYTES


TENDER = {"texte": "Nettoyage des locaux de la mairie et des écoles", "cpv": "90911200-8", "montant": "250 000",
          "nature": "services", "date_lancement": "15/09/2026", "lieu": "Melun"}


@pytest.mark.usefixtures("sample_data")
@pytest.mark.parametrize(
    ("path", "form", "heading"),
    [
        ("/propositions", TENDER, "Clauses proposées"),
        ("/variables", TENDER | {"clause": [INSERTION, "environnement-general-condition-execution",
                                            "papier-impression-papier-recycle"]}, "Compléter les clauses"),
    ],
)
def test_journey_pages_are_accessible_and_light(
    officer: TestClient, path: str, form: dict[str, str | list[str]], heading: str
) -> None:
    response = officer.post(path, data=form)
    assert response.status_code == 200
    tree = parse(response.text)
    assert [text_of(h) for h in tree.xpath("//h1")] == [heading]
    assert unlabelled_fields(tree) == []
    assert page_weight(officer, response.text) <= MAX_PAGE_BYTES


def test_current_section_is_marked_in_the_menu(browser: TestClient) -> None:
    tree = parse(browser.get("/bibliotheque/insertion-heures-execution").text)
    assert [text_of(a) for a in tree.xpath("//nav//a[@aria-current='page']")] == ["Bibliothèque"]


def test_officer_named_by_the_proxy_is_shown(officer: TestClient) -> None:
    assert "claire.martin" in text_of(parse(officer.get("/").text).xpath("//header")[0])


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/bibliotheque/clause-inconnue", 404, "Clause inconnue : « clause-inconnue »."),
        ("/fournisseurs/12345678901234", 404, "12345678901234"),
        ("/rapport?annee=douze", 400, "Un paramètre de cette adresse est invalide."),
    ],
)
def test_errors_are_french_pages(browser: TestClient, path: str, status: int, message: str) -> None:
    response = browser.get(path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert message in text_of(parse(response.text).xpath("//main")[0])


def test_pages_need_an_identity_when_public_reading_is_off(browser: TestClient) -> None:
    browser.app.state.settings = browser.app.state.settings.model_copy(update={"PUBLIC_READ": False})  # type: ignore[attr-defined]
    refused = browser.get("/bibliotheque")
    assert refused.status_code == 401
    assert "agents identifiés par l'intranet" in text_of(parse(refused.text))
    assert browser.get("/bibliotheque", headers={"X-Remote-User": "claire.martin"}).status_code == 200


def test_static_files_are_served(browser: TestClient) -> None:
    css = browser.get("/static/clausier.css")
    js = browser.get("/static/clausier.js")
    assert css.status_code == js.status_code == 200
    assert "#000091" in css.text and ":focus" in css.text
    assert "fetch(" in js.text and "http://" not in js.text and "https://" not in js.text


def test_unknown_page_is_a_french_html_page_for_browsers(client: TestClient) -> None:
    page = client.get("/page-inexistante", headers={"Accept": "text/html"})
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "Ressource introuvable" in page.text
    api = client.get("/api/v1/inexistant", headers={"Accept": "text/html"})
    assert api.headers["content-type"].startswith("application/problem+json")


def test_the_clause_page_names_every_point_of_the_review_checklist() -> None:
    from app.clauses.library import REVIEW_CHECKS
    from app.web.pages import REVIEW_LABELS

    assert tuple(REVIEW_LABELS) == REVIEW_CHECKS
