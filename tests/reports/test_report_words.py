"""What the council reads in the annual report (issue 19): buyers named from their profiles with the verb
agreeing, real plurals, tables whose headers fit, a trend chart that means something for one year, French CSV
labels, and the contracts counted, one by one (annex, CSV, web page and API downloads)."""

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from fastapi.testclient import TestClient
from matplotlib.lines import Line2D
from sqlalchemy import Engine
from sqlmodel import Session

from app.buyers.models import BuyerIn
from app.buyers.service import get_buyer, update_buyer
from app.french import agree, in_sentence, of, plural
from app.purchases.service import import_purchases
from app.reports.indicators import compute_indicators
from app.reports.render import (
    CONTRACTS_CSV_HEADER,
    EXECUTION_LABELS,
    SIDES,
    _column_widths,
    csv_rows,
    summary,
    trend_figure,
    write_annual_report,
)
from tests.reports.test_report import DATA, docx_text, load

CITY_A, CITY_B = "26388534596688", "29155217296010"


def name_buyer(session: Session, siret: str, name: str) -> None:
    """Name the buyer the import created, as an officer does."""
    version = get_buyer(session=session, siret=siret).version
    update_buyer(session=session, siret=siret, data=BuyerIn(name=name, kind="commune"), expected_version=version)


def one_contract(engine: Engine, tmp_path: Path, buyer: str, social: str = "Clause sociale") -> None:
    contract = {"id": "X1", "acheteur": {"id": buyer}, "objet": "Voirie", "montant": 1000,
                "dateNotification": "2025-05-15", "titulaires": [], "considerationsSociales": [social],
                "considerationsEnvironnementales": ["Pas de considération environnementale"]}
    (tmp_path / "one.json").write_text(json.dumps({"marches": {"marche": [contract]}}), encoding="utf-8")
    with Session(engine) as session, (tmp_path / "one.json").open("rb") as stream:
        import_purchases(session=session, stream=stream, filename="one.json", actor="tests")


def test_french_helpers() -> None:
    assert [plural(n, "marché") for n in (0, 1, 2, 12345)] == ["0 marché", "1 marché", "2 marchés",
                                                                 "12\u00a0345 marchés"]
    assert [agree(n, "a", "ont") for n in (0, 1, 2)] == ["a", "a", "ont"]
    assert in_sentence("Commune de Palaiseau") == "la commune de Palaiseau"
    assert in_sentence("Communauté d'agglomération Paris-Saclay") == "la communauté d'agglomération Paris-Saclay"
    assert in_sentence("CCAS de Massy") == "le CCAS de Massy"
    # Names published in capitals (DECP): the generic head in lower case, the proper name as published.
    assert in_sentence("COMMUNE DE SAINT-DENIS") == "la commune de SAINT-DENIS"
    assert in_sentence("COMMUNAUTE D'AGGLOMERATION PARIS-SACLAY") == "la communauté d'agglomération PARIS-SACLAY"
    assert in_sentence("CENTRE COMMUNAL D'ACTION SOCIALE DE MELUN") == "le centre communal d'action sociale de MELUN"
    assert in_sentence("COMMUNE D'ARGENTEUIL") == "la commune d'ARGENTEUIL"
    assert in_sentence("SIVOM DE LA VALLEE") == "le SIVOM de la VALLEE"
    assert in_sentence("MELUN VAL DE SEINE") == "MELUN VAL DE SEINE"
    assert (of("vêtements"), of("équipements de protection"), of("Oise")) == (
        "de vêtements", "d'équipements de protection", "d'Oise")
    assert in_sentence("Paris-Saclay") == "Paris-Saclay"


def test_buyer_named_from_its_profile_and_the_verb_agrees(engine: Engine) -> None:
    load(engine, "exemple-consolide.csv")
    with Session(engine) as session:
        name_buyer(session, CITY_A, "Commune de Palaiseau")
        one = summary(compute_indicators(session, year=2025, buyer=CITY_A))
        everyone = summary(compute_indicators(session, year=2025))
        unnamed = summary(compute_indicators(session, year=2025, buyer="21000000000009"))
    assert one[0] == ("En 2025, la commune de Palaiseau a notifié 8 marchés pour un montant total de "
                      "87,4\u00a0millions d'euros HT.")
    assert everyone[0].startswith("En 2025, les 3 acheteurs du territoire ont notifié 33 marchés pour")
    assert unnamed == ["Aucun marché notifié en 2025 n'est enregistré pour l'acheteur de SIRET 21000000000009."]


def test_a_territory_of_one_buyer_names_it_and_one_contract_is_singular(engine: Engine, tmp_path: Path) -> None:
    one_contract(engine, tmp_path, "21000000000001")
    with Session(engine) as session:
        lines = summary(compute_indicators(session, year=2025))
        name_buyer(session, "21000000000001", "Ville de Massy")
        named = summary(compute_indicators(session, year=2025))
    text = "\n".join(lines)
    assert lines[0] == "En 2025, l'acheteur de SIRET 21000000000001 a notifié 1 marché pour un montant total de " \
                       "1\u00a0000\u00a0euros HT."
    assert named[0].startswith("En 2025, la ville de Massy a notifié 1 marché pour")
    assert "1 marché sur 1 (100,0\u00a0%) comporte au moins une considération sociale" in text
    assert "0 marché sur 1 (0,0\u00a0%) comporte au moins une considération environnementale" in text
    assert "il aurait fallu 1 marché de plus." in text
    assert "Au total, 1 marché (100,0\u00a0%) a au moins une considération" in text
    assert "le registre des fournisseurs ne connaît aucun titulaire des marchés de l'année" in text
    assert "(s)" not in text


def test_no_lazy_plural_anywhere_in_the_report(engine: Engine, tmp_path: Path) -> None:
    load(engine, "exemple-consolide.csv")
    with Session(engine) as session:
        files = write_annual_report(session, year=2025, out_dir=tmp_path)
    text = docx_text(files.docx)
    assert "(s)" not in text and "(e)" not in text
    assert "il aurait fallu 12 marchés de plus" in text


def test_columns_fit_their_longest_header_word() -> None:
    headers = ["Acheteur", "Marchés", "Montant HT", "Sociale", "Environnementale", "Au moins une"]
    rows = [["Commune de Palaiseau (26388534596688)", "33", "91\u00a0548\u00a0495,15\u00a0€", "36,4\u00a0%",
             "100,0\u00a0%", "75,8\u00a0%"]]
    widths = _column_widths(headers, rows)
    assert sum(widths) == pytest.approx(16.0)
    environmental, amount = widths[4], widths[2]
    assert environmental >= len("Environnementale") * 0.21 + 0.4 - 1e-9  # the word never breaks
    assert amount >= len(rows[0][2]) * 0.2 + 0.4 - 1e-9
    assert widths[0] >= 3.5


def _series(figure: Any) -> tuple[list[Any], list[Line2D]]:
    axis = figure.axes[0]
    return list(axis.patches), [line for line in axis.get_lines() if line.get_label() in SIDES.values()]


def test_trend_chart_bars_for_one_year_lines_from_two(engine: Engine, tmp_path: Path) -> None:
    one_contract(engine, tmp_path, "21000000000001")
    with Session(engine) as session:
        single = compute_indicators(session, year=2025)
    bars, lines = _series(trend_figure(single))
    assert len(bars) == 2 and not lines  # social and environmental bars side by side, no one-point line
    assert bars[0].get_x() != bars[1].get_x()

    load(engine, "exemple-consolide.csv")  # 2024 and 2025
    with Session(engine) as session:
        two = compute_indicators(session, year=2025)
    figure = trend_figure(two)
    bars, lines = _series(figure)
    assert not bars and len(lines) == 2
    social, environmental = lines
    assert social.get_marker() != environmental.get_marker()
    assert social.get_linestyle() != environmental.get_linestyle()
    # Offset: equal shares stay visible.
    assert social.get_xydata()[:, 0].tolist() != environmental.get_xydata()[:, 0].tolist()
    legend = [text.get_text() for text in figure.legends[0].get_texts()]
    assert {"Considération sociale", "Considération environnementale", "cible sociale : 30\u00a0%",
            "cible environnementale : 100\u00a0%"} <= set(legend)


def test_csv_labels_are_french_and_json_keeps_its_keys(engine: Engine) -> None:
    load(engine, "exemple-consolide.csv")
    with Session(engine) as session:
        indicators = compute_indicators(session, year=2025)
    rows = csv_rows(indicators)
    assert {row[3] for row in rows} == {"Marchés", "Cible", *SIDES.values(), *EXECUTION_LABELS}
    flat = {cell for row in rows for cell in row}
    assert not flat & {"social", "environmental", "any", "marches"}
    assert {"social", "environmental", "any"} <= set(indicators)


def test_annex_and_contracts_csv_let_the_council_check_a_figure(engine: Engine, tmp_path: Path) -> None:
    load(engine, "exemple-consolide.csv")
    with Session(engine) as session:
        files = write_annual_report(session, year=2025, out_dir=tmp_path)
        indicators = compute_indicators(session, year=2025)
    with files.contracts_csv.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=";")
        assert reader.fieldnames == CONTRACTS_CSV_HEADER
        rows = list(reader)
    assert len(rows) == indicators["contracts"] == 33
    social = [r for r in rows if r["consideration_sociale"] == "oui"]
    assert len(social) == indicators["social"]["count"]
    assert sum(float(r["montant_eur"].replace(",", ".")) for r in social) == pytest.approx(
        indicators["social"]["amount_eur"])
    assert sum(r["consideration_environnementale"] == "oui" for r in rows) == indicators["environmental"]["count"]
    assert all(r["titulaires"] for r in rows)
    document = Document(str(files.docx))
    annex = document.tables[-1]
    assert [cell.text for cell in annex.rows[0].cells] == [
        "Acheteur", "Identifiant", "Objet", "Notifié le", "Montant HT", "Sociale", "Environnementale"]
    assert len(annex.rows) == 34
    assert sum(row.cells[5].text == "oui" for row in annex.rows[1:]) == indicators["social"]["count"]
    assert "Annexe : les marchés comptés, un par un" in docx_text(files.docx)
    annex_page = document.sections[-1]
    assert (annex_page.page_width or 0) > (annex_page.page_height or 0)  # landscape


def test_contracts_csv_from_the_api_and_the_web_page(client: TestClient) -> None:
    response = client.post("/api/v1/purchases/import",
                           files={"file": ("c.csv", (DATA / "exemple-consolide.csv").read_bytes())})
    assert response.status_code == 200, response.text
    api = client.get("/api/v1/reports/contracts.csv", params={"year": 2025, "buyer": CITY_B})
    assert api.status_code == 200, api.text
    assert api.headers["content-type"].startswith("text/csv")
    assert 'filename="marches-2025-29155217296010.csv"' in api.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(api.content.decode("utf-8-sig")), delimiter=";"))
    expected = client.get("/api/v1/reports/ethical-share", params={"year": 2025, "buyer": CITY_B}).json()
    assert len(rows) == expected["contracts"] and {r["acheteur_siret"] for r in rows} == {CITY_B}
    both = client.get("/api/v1/reports/contracts.csv", params={"year": 2025, "buyer": CITY_B, "group": CITY_A})
    assert both.status_code == 422
    page = client.get("/rapport", params={"annee": 2025})
    assert "format=marches" in page.text
    web = client.get("/rapport/telecharger", params={"annee": 2025, "format": "marches"})
    assert web.status_code == 200
    assert len(web.content.decode("utf-8-sig").splitlines()) == 34
