"""The annual report: files written, Word document reopened, PDF through LibreOffice, CLI, script, API."""

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlmodel import Session
from typer.testing import CliRunner

from app.bootstrap import prepare_database
from app.cli import cli
from app.config import PROJECT_ROOT, Settings
from app.db import make_engine
from app.purchases.service import import_purchases
from app.reports import render
from app.reports.indicators import DEFINITIONS, compute_indicators
from app.reports.render import write_annual_report
from tests.conftest import require_tool

DATA = Path(__file__).parent.parent / "data"
EXPECTED = json.loads((DATA / "exemple-expected.json").read_text(encoding="utf-8"))


def load(engine: Engine, name: str) -> None:
    with Session(engine) as session, (DATA / name).open("rb") as stream:
        import_purchases(session=session, stream=stream, filename=name, actor="tests")


def docx_text(path: Path) -> str:
    document = Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_report_writes_every_file(engine: Engine, tmp_path: Path) -> None:
    load(engine, "exemple-consolide.csv")
    with Session(engine) as session:
        files = write_annual_report(session, year=2025, out_dir=tmp_path / "out")
        indicators = compute_indicators(session, year=2025)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "graphique-acheteurs-2025.png", "graphique-evolution-2025.png", "graphique-parts-2025.png",
        "indicateurs-2025.csv", "indicateurs-2025.json", "marches-2025.csv", "rapport-achats-ethiques-2025.docx"]
    assert files.missing_csv is None
    for chart in files.charts:
        assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert json.loads(files.json.read_text(encoding="utf-8")) == json.loads(json.dumps(indicators))

    with files.csv.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    social = next(r for r in rows if r["rubrique"] == "total" and r["indicateur"] == "Considération sociale")
    expected = EXPECTED["all"]["2025"]["social"]
    assert (social["nombre"], social["montant_eur"]) == (str(expected["count"]), "4105354,92")
    assert float(social["part_nombre"].replace(",", ".")) == pytest.approx(expected["share_count"], abs=1e-6)
    buyers = {r["cle"] for r in rows if r["rubrique"] == "acheteur"}
    assert buyers == set(EXPECTED["by_buyer"])


def test_word_document_has_title_summary_tables_charts_and_method(engine: Engine, tmp_path: Path) -> None:
    load(engine, "exemple-consolide.csv")
    with Session(engine) as session:
        files = write_annual_report(session, year=2025, out_dir=tmp_path)
    document = Document(str(files.docx))
    headings = [p.text for p in document.paragraphs
                if p.style is not None and p.style.name.startswith(("Title", "Heading"))]
    assert headings[0] == "Rapport annuel des achats éthiques 2025"
    assert {"En bref", "Indicateurs principaux", "Comparaison aux cibles nationales", "Par acheteur",
            "Évolution", "Méthode et définitions"} <= set(headings)
    assert len(document.inline_shapes) == 3  # the three charts are embedded
    text = docx_text(files.docx)
    assert "En 2025, les 3 acheteurs du territoire ont notifié 33 marchés" in text
    assert "12 marchés sur 33 (36,4\u00a0%) comportent au moins une considération sociale" in text
    assert "La cible nationale de 100\u00a0% n'est pas atteinte : il aurait fallu 12 marchés de plus." in text
    assert "91\u00a0548\u00a0495,15\u00a0€" in text
    for term, definition in DEFINITIONS:
        assert f"{term}. {definition}" in text


def test_a_year_without_contracts_says_so_instead_of_empty_tables_and_charts(engine: Engine, tmp_path: Path) -> None:
    load(engine, "exemple-consolide.csv")
    with Session(engine) as session:
        files = write_annual_report(session, year=2015, out_dir=tmp_path)
    document = Document(str(files.docx))
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name.startswith("Heading")]
    assert "Par division CPV" not in headings and "Comparaison aux cibles nationales" not in headings
    assert len(document.inline_shapes) == 0 and len(document.tables) == 1  # the main indicators, all at 0
    text = docx_text(files.docx)
    assert "Sans marché compté pour cette année, la comparaison aux cibles, les répartitions" in text
    assert "Aucun marché compté sur les années de la période." in text


def test_2019_report_says_unknown(engine: Engine, tmp_path: Path) -> None:
    load(engine, "exemple-2019.json")
    with Session(engine) as session:
        files = write_annual_report(session, year=2025, out_dir=tmp_path)
    text = docx_text(files.docx)
    assert "Les données de 2025 ne précisent pas les considérations sociales : la part est non renseignée" in text
    main_table = Document(str(files.docx)).tables[0]
    assert [[c.text for c in row.cells] for row in main_table.rows][1:3] == [
        ["Marchés notifiés", "33", "", "91\u00a0548\u00a0495,15\u00a0€", ""],
        ["Considération sociale"] + ["non renseigné"] * 4,
    ]


def test_buyer_report_and_missing_environmental_list(engine: Engine, tmp_path: Path) -> None:
    contract = {"id": "X1", "acheteur": {"id": "21000000000001", "nom": "Commune A"}, "objet": "Voirie",
                "montant": 1000, "dateNotification": "2026-09-15", "titulaires": [],
                "considerationsSociales": ["Clause sociale"],
                "considerationsEnvironnementales": ["Pas de considération environnementale"]}
    (tmp_path / "in.json").write_text(json.dumps({"marches": {"marche": [contract]}}), encoding="utf-8")
    with Session(engine) as session, (tmp_path / "in.json").open("rb") as stream:
        import_purchases(session=session, stream=stream, filename="in.json", actor="tests")
    with Session(engine) as session:
        files = write_annual_report(session, year=2026, buyer="21000000000001", out_dir=tmp_path / "out")
    assert files.docx.name == "rapport-achats-ethiques-2026-21000000000001.docx"
    assert files.missing_csv is not None
    with files.missing_csv.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert [(r["id"], r["considerations_environnementales"], r["a_verifier"]) for r in rows] == [
        ("X1", "sans considération", "oui")]
    text = docx_text(files.docx)
    assert "Commune A (SIRET 21000000000001)" in text
    assert "1 marché concerné, dont 1 à vérifier" in text
    assert "En 2026, la commune A a notifié 1 marché pour un montant total de 1\u00a0000\u00a0euros HT." in text
    assert "1 marché concerné n'en a pas ou ne la renseigne pas" in text


@pytest.fixture
def sqlite_settings(tmp_path: Path) -> Settings:
    """A SQLite database only: for the slow tests whose subject does not depend on the database."""
    settings = Settings(DATABASE_URL=f"sqlite:///{tmp_path / 'report.db'}", LOAD_SAMPLE_DATA=False,
                        _env_file=None)  # type: ignore[call-arg]
    engine = make_engine(settings.DATABASE_URL)
    prepare_database(engine, settings)
    engine.dispose()
    return settings


@pytest.mark.slow
def test_report_opens_in_libreoffice(sqlite_settings: Settings, tmp_path: Path) -> None:
    soffice, pdftotext = require_tool("soffice", "conversion du rapport en PDF"), require_tool("pdftotext")
    engine = make_engine(sqlite_settings.DATABASE_URL)
    load(engine, "exemple-consolide.csv")
    with Session(engine) as session:
        files = write_annual_report(session, year=2025, out_dir=tmp_path)
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(files.docx)],
        check=True, capture_output=True, timeout=180,
    )
    pdf = files.docx.with_suffix(".pdf")
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    flat = " ".join(text.replace("\u00a0", " ").split())
    assert "Rapport annuel des achats éthiques 2025" in flat
    assert "12 marchés sur 33 (36,4 %)" in flat
    assert "Méthode et définitions" in flat
    # Headers fit their columns: no word broken across lines ("Environ-/nementa/le", "Marché/s").
    assert flat.count("Environnementale") >= 6 and not re.search(r"Environ(?!nementale)", flat)
    assert not re.search(r"Marché s\b|Montan t\b", flat)
    images = subprocess.run([require_tool("pdfimages"), "-list", str(pdf)], check=True, capture_output=True,
                            text=True).stdout
    assert len(images.strip().splitlines()) - 2 >= 3  # header lines, then one line per embedded chart


def run(command: list[str], settings: Settings) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CLAUSIER_DATABASE_URL": settings.DATABASE_URL, "CLAUSIER_LOAD_SAMPLE_DATA": "false"}
    return subprocess.run(command, capture_output=True, text=True, timeout=300, env=env, cwd=PROJECT_ROOT)


@pytest.mark.slow
def test_cli_import_and_report(sqlite_settings: Settings, tmp_path: Path) -> None:
    settings = sqlite_settings
    ledger = str(DATA / "region-bretagne-2019-extrait.csv")
    refused = run([sys.executable, "-m", "app.cli", "purchases", "import", ledger], settings)
    assert refused.returncode == 1
    assert "ligne 13 — acheteur 23 350 001 600 040, marché 90023 : date de notification manquante" in refused.stderr
    assert "Fichier refusé, rien n'a été importé : 2 enregistrements invalides" in refused.stderr

    imported = run([sys.executable, "-m", "app.cli", "purchases", "import", str(DATA / "exemple-consolide.csv")],
                   settings)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.strip() == (
        "exemple-consolide.csv (DECP consolidé CSV) : import n° 1, 50 marchés lus, 50 créés, 0 mis à jour, "
        "0 inchangé, 0 enregistrement invalide ignoré.")

    cli_out, script_out = tmp_path / "cli", tmp_path / "script"
    report = run([sys.executable, "-m", "app.cli", "report", "--year", "2025", "--out", str(cli_out)], settings)
    assert report.returncode == 0, report.stderr
    script = run([sys.executable, "scripts/annual_report.py", "--year", "2025", "--out", str(script_out)], settings)
    assert script.returncode == 0, script.stderr
    for out in (cli_out, script_out):
        written = json.loads((out / "indicateurs-2025.json").read_text(encoding="utf-8"))
        assert (written["contracts"], written["social"]["count"]) == (33, 12)
    assert (cli_out / "indicateurs-2025.json").read_text() == (script_out / "indicateurs-2025.json").read_text()


def test_cli_report_refuses_a_bad_siret() -> None:
    result = CliRunner().invoke(cli, ["report", "--year", "2025", "--buyer", "123"])
    assert result.exit_code == 1
    assert result.stderr.strip() == "SIRET d'acheteur invalide : « 123 » (14 chiffres attendus)."


def test_api_returns_the_report_json(client: TestClient) -> None:
    response = client.post("/api/v1/purchases/import",
                           files={"file": ("c.csv", (DATA / "exemple-2024-plat.json").read_bytes())})
    assert response.status_code == 200, response.text
    for buyer, years in [(None, EXPECTED["all"]), *EXPECTED["by_buyer"].items()]:
        params = {"year": "2024"} | ({"buyer": buyer} if buyer else {})
        body = client.get("/api/v1/reports/ethical-share", params=params).json()
        expected = years["2024"]
        assert (body["year"], body["buyer"], body["contracts"]) == (2024, buyer, expected["contracts"])
        for side in ("social", "environmental", "any"):
            assert body[side]["count"] == expected[side]["count"]
            assert body[side]["share_amount"] == pytest.approx(expected[side]["share_amount"], rel=1e-12)
    body = client.get("/api/v1/reports/ethical-share", params={"year": 2025}).json()
    assert set(body) >= {"year", "buyer", "contracts", "amount_eur", "social", "environmental", "any", "by_kind",
                         "by_buyer", "by_cpv_division", "inclusive_suppliers", "targets"}
    assert body["targets"]["social"]["target"] == 0.3
    assert client.get("/api/v1/reports/ethical-share", params={"year": 2025, "buyer": "123"}).status_code == 422
    assert client.get("/api/v1/reports/ethical-share").status_code == 422


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)  # a snapshot shared between two connections
def test_contracts_committed_meanwhile_reach_neither_the_indicators_nor_the_contracts_csv(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On PostgreSQL the contracts CSV is read on a connection of its own: it reads the report's snapshot, so a change
    committed once the report has begun (here every 2025 contract moved to 2030) is in neither file."""
    load(engine, "exemple-consolide.csv")
    write_aside = render._write_on_own_connection

    def moved_then_written(*args: Any) -> None:
        with engine.begin() as connection:
            connection.execute(text("UPDATE purchase SET notified_on = DATE '2030-01-01' "
                                    "WHERE notified_on >= DATE '2025-01-01' AND notified_on < DATE '2026-01-01'"))
        write_aside(*args)

    monkeypatch.setattr(render, "_write_on_own_connection", moved_then_written)
    with Session(engine) as session:
        files = write_annual_report(session, year=2025, out_dir=tmp_path / "out")
    indicators = json.loads(files.json.read_text(encoding="utf-8"))
    with files.contracts_csv.open(encoding="utf-8-sig", newline="") as handle:
        listed = list(csv.DictReader(handle, delimiter=";"))
    assert indicators["contracts"] == EXPECTED["all"]["2025"]["contracts"] == len(listed)
    with Session(engine) as session:  # the change itself was committed
        assert compute_indicators(session, year=2025)["contracts"] == 0


def _fails() -> None:
    raise ValueError("no room left on the disk")


def test_work_that_fails_in_a_forked_process_fails_the_report() -> None:
    with pytest.raises(RuntimeError, match="_fails failed in a forked process"), render.forked(_fails):
        pass


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # the fork is SQLite's way; PostgreSQL uses a thread
def test_the_command_line_report_writes_its_contracts_csv_in_a_second_process(
    engine: Engine, db_url: str, tmp_path: Path
) -> None:
    """``clausier report`` runs with one thread (no spinner thread), so the contracts CSV is written by a forked process
    on the other core, and that CSV is the same as one written by the report in this process."""
    load(engine, "exemple-consolide.csv")
    spy = (
        "import contextlib, sys\n"
        "from app.reports import render\n"
        "forked = render.forked\n"
        "@contextlib.contextmanager\n"
        "def told(target, *args):\n"
        "    print('forked:', target.__name__, file=sys.stderr)\n"
        "    with forked(target, *args):\n"
        "        yield\n"
        "render.forked = told\n"
        "from app.cli import cli\n"
        f"cli(['report', '--year', '2025', '--out', {str(tmp_path / 'cli')!r}])\n"
    )
    done = subprocess.run([sys.executable, "-c", spy], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "CLAUSIER_DATABASE_URL": db_url}, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "forked: _write_in_child" in done.stderr
    with Session(engine) as session:
        inline = write_annual_report(session, year=2025, out_dir=tmp_path / "inline")  # forked or not, as here
    assert (tmp_path / "cli" / inline.contracts_csv.name).read_bytes() == inline.contracts_csv.read_bytes()
