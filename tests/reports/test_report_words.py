"""What the council reads in the annual report (issue 19): buyers named from their profiles with the verb
agreeing, real plurals, tables whose headers fit, a trend chart that means something for one year, French CSV
labels, and the contracts counted, one by one (annex, CSV, web page and API downloads)."""

import csv
import io
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from fastapi.testclient import TestClient
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.textpath import TextToPath
from sqlalchemy import Engine
from sqlmodel import Session

from app.buyers.models import BuyerIn
from app.buyers.service import get_buyer, update_buyer
from app.french import agree, in_sentence, of, plural
from app.purchases.service import import_purchases
from app.reports.indicators import compute_indicators
from app.reports.render import (
    ANNEX_WIDTH_CM,
    CELL_PADDING_CM,
    CONTRACTS_CSV_HEADER,
    EXECUTION_ROWS,
    MEASURE_FONT,
    MIN_FLEXIBLE_CM,
    SIDES,
    TABLE_WIDTH_CM,
    UNKNOWN,
    _column_widths,
    _table,
    csv_rows,
    header_word_cm,
    summary,
    text_cm,
    trend_figure,
    write_annual_report,
)
from tests.ledger import contract, decp, import_decp
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
    assert widths[4] == pytest.approx(header_word_cm("Environnementale"))  # the word never breaks
    assert widths[2] == pytest.approx(text_cm(rows[0][2]) + CELL_PADDING_CM)  # an amount stays on one line
    assert widths[0] > 4.0
    # Squeezed (a table as wide as its figures), the figures give way first, never below a header's longest word.
    narrow = _column_widths(headers, rows, width=14.0)
    assert narrow[0] == pytest.approx(MIN_FLEXIBLE_CM)
    assert all(narrow[column] >= header_word_cm(headers[column]) - 1e-9 for column in range(1, 6))


def test_unreported_shares_wrap_rather_than_squeeze_the_amount() -> None:
    """A year whose data do not give the considerations (a 2019 ledger): « non renseigné » in three columns may wrap,
    the amount and the label keep their room."""
    headers = ["Acheteur", "Marchés", "Montant HT", "Sociale", "Environnementale", "Au moins une"]
    rows = [["Région Bretagne (23350001600040)", "72", "11\u00a0427\u00a0945,22\u00a0€", UNKNOWN, UNKNOWN, UNKNOWN]]
    widths = _column_widths(headers, rows)
    assert widths[2] == pytest.approx(text_cm(rows[0][2]) + CELL_PADDING_CM)  # the amount stays on one line
    assert widths[0] >= MIN_FLEXIBLE_CM
    assert widths[3] == pytest.approx(text_cm("renseigné") + CELL_PADDING_CM)


def test_long_tables_keep_each_cell_text_as_written() -> None:
    """The rows after the first are copies of its XML with their own text: breaks, tabs and edge spaces too."""
    document = Document()
    rows = [["Commune A", "1"], ["Objet\nsur deux lignes", "2"], ["\tretrait", " 3 "], ["Commune D", "40\u00a0000"]]
    _table(document, ["Acheteur", "Marchés"], rows)
    written = [[cell.text for cell in row.cells] for row in document.tables[0].rows[1:]]
    assert written == rows
    assert document.tables[0].rows[2].cells[0]._tc.xpath(".//w:br")  # a real line break, as python-docx writes it


def measured_cm(text: str, *, bold: bool, points: float) -> float:
    """``text`` measured by matplotlib's own text layout (kerning included): a check independent of the render's
    glyph by glyph sum."""
    font = FontProperties(family=MEASURE_FONT, weight="bold" if bold else "normal", size=points)
    return float(TextToPath().get_text_width_height_descent(text, font, ismath=False)[0]) * 2.54 / 72


def test_docx_tables_size_their_columns_from_their_text(engine: Engine) -> None:
    """In a real report: every column but the label one is as wide as the longest word of its header and its
    figures need, no wider; the label column takes the rest of the page, so long CPV labels get the room."""
    divisions = [("50700000-2", 3), ("79000000-4", 2), ("45000000-7", 1), ("33000000-0", 1)]
    contracts = [contract(CITY_A, f"R{division[:2]}-{n}", amount=12_345_678.9 if division[:2] == "45" else 40_000,
                          notified="2025-04-01", social=["Clause sociale"] if n else None) | {"codeCPV": division}
                 for division, count in divisions for n in range(count)]
    import_decp(engine, decp(*contracts))
    with Session(engine) as session, tempfile.TemporaryDirectory() as folder:
        document = Document(str(write_annual_report(session, year=2025, out_dir=Path(folder)).docx))
    checked = 0
    for table in document.tables:
        headers = [cell.text for cell in table.rows[0].cells]
        label, width = (2, ANNEX_WIDTH_CM) if "Objet" in headers else (0, TABLE_WIDTH_CM)
        widths = [int(column.get(qn("w:w"))) * 2.54 / 1440 for column in table._tbl.tblGrid.iter(qn("w:gridCol"))]
        assert sum(widths) == pytest.approx(width, abs=0.02), headers
        body = [[cell.text for cell in row.cells] for row in table.rows[1:]]
        for column, header in enumerate(headers):
            if column == label:
                continue
            word = max(measured_cm(w, bold=True, points=8) for w in header.split()) + CELL_PADDING_CM
            cells = [row[column] for row in body]
            widest = max((measured_cm(text, bold=False, points=9) for text in cells), default=0.0) + CELL_PADDING_CM
            figures = all(text[:1].isdigit() or text == "non renseigné" for text in cells)
            assert widths[column] >= word - 0.05, (header, widths[column], word)  # the header word fits
            if figures:
                assert widths[column] >= widest - 0.05, (header, cells)  # a figure fits on one line
            assert widths[column] <= max(word, widest if figures else min(widest, 4.5 + CELL_PADDING_CM)) + 0.1
        checked += 1
        if headers[0] == "Division CPV":
            labels = [row[0] for row in body]
            assert "50 – Services de réparation et d'entretien" in labels
            assert widths[0] > 4.0  # no longer held at the 3.5 cm minimum
    assert checked >= 8


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
    assert {row[3] for row in rows} == {"Marchés", "Cible", *SIDES.values(), *(label for label, _, _ in EXECUTION_ROWS)}
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
