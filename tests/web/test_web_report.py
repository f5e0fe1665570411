"""Journey 4: the annual report of a year and a buyer: indicators, charts, .docx and CSV downloads."""

import csv
import io

import docx
import pytest
from fastapi.testclient import TestClient

from tests.web.page_checks import parse, text_of
from tests.web.test_web_data import import_page

COMMUNE_A = "26388534596688"
pytestmark = pytest.mark.usefixtures("sample_data")


def test_report_shows_the_year_indicators(browser: TestClient) -> None:
    tree = parse(browser.get("/rapport", params={"annee": 2024}).text)
    cards = [text_of(li) for li in tree.xpath("//ul[@class='indicateurs']/li")]
    assert cards[0] == "17 marchés notifiés, 4 564 393,05 € HT"
    assert cards[1].startswith("47,1 % des marchés : considération sociale (8 marchés")
    assert cards[1].endswith("✓ cible de 30 % atteinte")
    assert cards[2].endswith("✗ cible de 100 % non atteinte")
    assert tree.xpath("//select[@id='annee']/option[@selected]/@value") == ["2024"]
    charts = tree.xpath("//figure/img/@src")
    assert charts == [f"/rapport/graphique-{name}.svg?annee=2024" for name in ("parts", "evolution", "acheteurs")]


def test_report_of_one_buyer(browser: TestClient) -> None:
    tree = parse(browser.get("/rapport", params={"annee": 2024, "acheteur": COMMUNE_A}).text)
    assert text_of(tree.xpath("//main/h2")[0]) == "2024 — Commune fictive A"
    assert text_of(tree.xpath("//ul[@class='indicateurs']/li")[0]).startswith("9 marchés notifiés")
    assert len(tree.xpath("//figure/img")) == 2  # no per-buyer chart for one buyer


def test_year_without_contracts_says_so(browser: TestClient) -> None:
    tree = parse(browser.get("/rapport", params={"annee": 2019}).text)
    assert "Aucun marché notifié en 2019 n'est enregistré" in text_of(tree.xpath("//main")[0])


def test_chart_is_svg_with_french_text(browser: TestClient) -> None:
    response = browser.get("/rapport/graphique-parts.svg", params={"annee": 2024})
    assert response.headers["content-type"] == "image/svg+xml"
    assert response.content.startswith(b"<?xml") and "cible PNAD" in response.text
    assert browser.get("/rapport/graphique-inconnu.svg").status_code == 404


def test_downloads_csv_and_docx(browser: TestClient) -> None:
    csv_response = browser.get("/rapport/telecharger", params={"annee": 2024, "acheteur": COMMUNE_A, "format": "csv"})
    assert csv_response.headers["content-disposition"] == f'attachment; filename="indicateurs-2024-{COMMUNE_A}.csv"'
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["rubrique", "cle", "libelle", "indicateur"]
    assert rows[1][3:5] == ["Marchés", "9"]
    docx_response = browser.get("/rapport/telecharger", params={"annee": 2024})
    assert docx_response.headers["content-disposition"] == 'attachment; filename="rapport-achats-ethiques-2024.docx"'
    document = docx.Document(io.BytesIO(docx_response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "2024" in text and "17 marchés" in text.replace("\u00a0", " ")
    assert len(document.inline_shapes) >= 2  # the charts
    alts = [shape._inline.docPr.get("descr") for shape in document.inline_shapes]
    assert alts[0] == ("Part des marchés avec une considération sociale, environnementale ou l'une des deux, en nombre "
                       "et en montant, face aux cibles nationales (2024). Les chiffres figurent dans les tableaux du "
                       "rapport.")
    assert all(alt and alt.endswith("(2024). Les chiffres figurent dans les tableaux du rapport.") for alt in alts)


def test_unreported_considerations_are_said_in_words(officer: TestClient) -> None:
    """A ledger without the considerations: each card says what « non renseigné » means, with no empty figures."""
    ledger = ("SIRET acheteur;Objet;Montant;Date de notification\n"
              "21350238800019;Entretien des locaux;40 000;15/03/2019\n")
    done = parse(import_page(officer, ledger.encode(), name="registre-2019.csv").text)
    assert text_of(done.xpath("//main/p[@class='meta']")[0]).startswith("Marchés ·")  # a ledger is no DECP file
    cards = [text_of(li) for li in parse(officer.get("/rapport", params={"annee": 2019}).text).xpath(
        "//ul[@class='indicateurs']/li")]
    assert cards[0] == "1 marché notifié, 40 000,00 € HT"
    assert cards[1].startswith("non renseigné Considération sociale : les données de 2019 ne disent pas quels "
                               "marchés en comportent")
    assert cards[1].endswith("cible de 30 % : non mesurable")
    assert all(card.count("non renseigné") == 1 for card in cards[1:])
    # The charts say it too: no 0 % bar for a buyer, no blank year.
    for chart in ("acheteurs", "evolution"):
        svg = officer.get(f"/rapport/graphique-{chart}.svg", params={"annee": 2019}).text
        assert "non renseigné" in svg, chart
