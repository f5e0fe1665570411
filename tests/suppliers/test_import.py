"""Importing registry files into the database: all-or-nothing, upsert by SIRET, history, CLI and API."""

import io
import json
import os
import subprocess
import sys
from datetime import date, timedelta

import openpyxl
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from app.suppliers.models import Supplier, SupplierActivity, SupplierHistory, SupplierLabel
from app.suppliers.transfer import import_suppliers

from .conftest import SAMPLE, make_csv, make_siret

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FUTURE = (date.today() + timedelta(days=400)).isoformat()
LATER = (date.today() + timedelta(days=800)).isoformat()


def count(engine: Engine, model: type) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def suppliers(engine: Engine) -> dict[str, Supplier]:
    with Session(engine) as session:
        return {s.siret: s for s in session.scalars(select(Supplier))}


def labels(engine: Engine, siret: str) -> dict[str, date | None]:
    with Session(engine) as session:
        rows = session.scalars(select(SupplierLabel).where(SupplierLabel.supplier_siret == siret))
        return {row.label: row.valid_until for row in rows}


def test_french_excel_export_in_windows_1252_is_imported(engine: Engine) -> None:
    header = ["N° SIRET", "Raison sociale", "Type de structure", "Code postal", "Ville", "Activités CPV", "Labels"]
    data = make_csv([
        [make_siret(1), "Les Ateliers du Val d'Yerres", "Atelier et chantier d'insertion", "91330", "Yerres",
         "77310000|45440000", f"Écolabel européen:{FUTURE}"],
        [make_siret(2), "Café Équitable de Sénart", "SCOP", "77176", "Savigny-le-Temple", "1586",
         f"Max Havelaar:{FUTURE}|Bio"],
    ], header, encoding="cp1252")
    report = import_suppliers(engine=engine, data=data, filename="export-excel.csv", actor="tests")
    assert (report.rows, report.created, report.updated, report.errors, report.written) == (2, 2, 0, [], True)
    stored = suppliers(engine)
    ateliers = stored[make_siret(1)]
    assert (ateliers.name, ateliers.kind, ateliers.departement, ateliers.siren) == (
        "Les Ateliers du Val d'Yerres", "SIAE-ACI", "91", make_siret(1)[:9]
    )
    assert ateliers.source == "import:export-excel.csv"
    assert ateliers.raw is not None and ateliers.raw["Raison sociale"] == "Les Ateliers du Val d'Yerres"
    assert labels(engine, make_siret(2)) == {"Fairtrade/Max Havelaar": date.fromisoformat(FUTURE), "Bio/AB": None}
    assert count(engine, SupplierActivity) == 3


def test_utf8_bom_file_is_imported(engine: Engine) -> None:
    data = make_csv([[make_siret(3), "Régie d'Évry", "EI", "91000", "Évry-Courcouronnes", "9091", ""]],
                    encoding="utf-8-sig")
    report = import_suppliers(engine=engine, data=data, filename="bom.csv", actor="tests")
    assert report.created == 1
    assert suppliers(engine)[make_siret(3)].commune == "Évry-Courcouronnes"


def test_one_bad_siret_refuses_the_whole_file_with_a_precise_report(engine: Engine) -> None:
    bad = make_siret(5)[:-1] + str((int(make_siret(5)[-1]) + 3) % 10)
    rows = [[make_siret(n), f"Structure {n}", "ESAT", "77000", "Melun", "7731", ""] for n in range(10, 14)]
    rows.insert(2, [bad, "Clé fausse", "ESAT", "77000", "Melun", "7731", ""])
    report = import_suppliers(engine=engine, data=make_csv(rows), filename="un-siret-faux.csv", actor="tests")
    assert [(e.line, e.column, e.message) for e in report.errors] == [
        (4, "siret", "SIRET invalide : clé de contrôle incorrecte (algorithme de Luhn)")
    ]
    assert (report.errors_total, report.written, report.created, report.rows) == (1, False, 0, 5)
    assert count(engine, Supplier) == 0
    assert count(engine, SupplierHistory) == 0


def test_duplicate_siret_in_file_is_refused(engine: Engine) -> None:
    rows = [[make_siret(20), "Première", "EA", "", "", "", ""], [make_siret(20), "Seconde", "EA", "", "", "", ""]]
    report = import_suppliers(engine=engine, data=make_csv(rows), filename="doublon.csv", actor="tests")
    assert [(e.line, e.message) for e in report.errors] == [
        (3, f"SIRET {make_siret(20)} en double dans le fichier (déjà ligne 2)")
    ]
    assert count(engine, Supplier) == 0


def test_missing_column_is_reported_on_line_one(engine: Engine) -> None:
    data = make_csv([[make_siret(21), "Sans type"]], header=["SIRET", "Raison sociale"])
    report = import_suppliers(engine=engine, data=data, filename="sans-type.csv", actor="tests")
    assert [(e.line, e.column) for e in report.errors] == [(1, "type")]
    assert "« Type de structure »" in report.errors[0].message


def test_reimport_updates_without_duplicates_and_keeps_history(engine: Engine) -> None:
    first = make_csv([
        [make_siret(30), "Jardins de Sénart", "ACI", "77176", "Savigny-le-Temple", "7731", f"Bio/AB:{FUTURE}|FSC"],
        [make_siret(31), "Propreté 77", "entreprise", "77000", "Melun", "9091", ""],
    ])
    assert import_suppliers(engine=engine, data=first, filename="v1.csv", actor="tests").created == 2
    again = import_suppliers(engine=engine, data=first, filename="v1.csv", actor="tests")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)

    second = make_csv([
        [make_siret(30), "Jardins Solidaires de Sénart", "ACI", "77176", "Savigny-le-Temple", "7731|0322",
         f"Bio/AB:{LATER}"],
        [make_siret(31), "Propreté 77", "entreprise", "77000", "Melun", "9091", ""],
    ])
    report = import_suppliers(engine=engine, data=second, filename="v2.csv", actor="tests")
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    assert count(engine, Supplier) == 2
    jardins = suppliers(engine)[make_siret(30)]
    assert (jardins.name, jardins.version, jardins.source) == ("Jardins Solidaires de Sénart", 2, "import:v2.csv")
    assert labels(engine, make_siret(30)) == {"Bio/AB": date.fromisoformat(LATER)}
    with Session(engine) as session:
        history = list(session.scalars(
            select(SupplierHistory).where(SupplierHistory.supplier_siret == make_siret(30)).order_by(SupplierHistory.id)
        ))
    assert [(h.action, h.source) for h in history] == [("creation", "import:v1.csv"), ("modification", "import:v2.csv")]
    changes = history[1].changes
    assert changes["name"] == ["Jardins de Sénart", "Jardins Solidaires de Sénart"]
    assert changes["labels"] == [[f"Bio/AB:{FUTURE}", "FSC"], [f"Bio/AB:{LATER}"]]
    assert changes["activites"] == [["7731 (77)"], ["0322 (77)", "7731 (77)"]]


def test_columns_absent_from_a_file_are_left_untouched(engine: Engine) -> None:
    full = make_csv([
        [make_siret(40), "Imprimerie Verte", "entreprise", "77000", "Melun", "798", f"Imprim'Vert:{FUTURE}"]
    ])
    import_suppliers(engine=engine, data=full, filename="complet.csv", actor="tests")
    partial = make_csv([[make_siret(40), "Imprimerie Verte de Melun", "entreprise"]], header=["siret", "nom", "type"])
    assert import_suppliers(engine=engine, data=partial, filename="partiel.csv", actor="tests").updated == 1
    stored = suppliers(engine)[make_siret(40)]
    assert (stored.name, stored.postcode, stored.commune) == ("Imprimerie Verte de Melun", "77000", "Melun")
    assert labels(engine, make_siret(40)) == {"Imprim'Vert": date.fromisoformat(FUTURE)}


def test_dry_run_reports_without_writing(engine: Engine) -> None:
    data = make_csv([[make_siret(50), "Essai", "EA", "", "", "", ""]])
    report = import_suppliers(engine=engine, data=data, filename="essai.csv", actor="tests", dry_run=True)
    assert (report.created, report.dry_run, report.written) == (1, True, False)
    assert count(engine, Supplier) == 0


def test_sample_registry_import_is_idempotent(engine: Engine) -> None:
    first = import_suppliers(engine=engine, data=SAMPLE.read_bytes(), filename=SAMPLE.name, actor="tests")
    second = import_suppliers(engine=engine, data=SAMPLE.read_bytes(), filename=SAMPLE.name, actor="tests")
    assert first.created == first.rows >= 60
    assert (second.created, second.updated, second.unchanged) == (0, 0, first.rows)
    assert count(engine, Supplier) == first.rows
    assert count(engine, SupplierHistory) == first.rows


def run_cli(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CLAUSIER_DATABASE_URL": db_url, "CLAUSIER_LOAD_SAMPLE_DATA": "false"}
    return subprocess.run([sys.executable, "-m", "app.cli", "suppliers", *args],
                          capture_output=True, text=True, timeout=120, env=env)


def test_cli_import_is_idempotent_and_refuses_bad_files(db_url: str, tmp_path) -> None:
    first = run_cli(db_url, "import", str(SAMPLE))
    assert first.returncode == 0, first.stderr
    assert "64 fournisseurs ont été créés" in first.stdout
    second = run_cli(db_url, "import", str(SAMPLE))
    assert "0 fournisseur a été créé, 0 modifié, 64 inchangés" in second.stdout

    bad = tmp_path / "mauvais.csv"
    bad.write_bytes(make_csv([
        [make_siret(60), "Bonne", "EA", "", "", "", ""], ["123", "Mauvaise", "EA", "", "", "", ""]
    ]))
    refused = run_cli(db_url, "import", str(bad))
    assert refused.returncode == 1
    assert "Ligne 3, colonne « siret » : SIRET invalide : 14 chiffres attendus, 3 reçus" in refused.stderr
    assert "rien n'a été écrit" in refused.stderr

    dry = run_cli(db_url, "import", "--dry-run", str(tmp_path / "absent.csv"))
    assert dry.returncode != 0


def test_api_import_csv_body_and_refusal(client: TestClient) -> None:
    good = make_csv([[make_siret(70), "Par l'API", "ESAT", "77000", "Melun", "7731", ""]])
    response = client.post("/api/v1/suppliers/import?filename=api.csv", content=good,
                           headers={"Content-Type": "text/csv"})
    assert response.status_code == 200, response.text
    assert response.json()["created"] == 1

    bad = make_csv([[make_siret(71), "Type inconnu", "Startup", "", "", "", ""]])
    refused = client.post("/api/v1/suppliers/import", content=bad, headers={"Content-Type": "text/csv"})
    assert refused.status_code == 422
    assert refused.headers["content-type"].startswith("application/problem+json")
    body = refused.json()
    assert body["detail"] == "Fichier refusé : 1 erreur, rien n'a été enregistré."
    assert [(e["line"], e["column"]) for e in body["errors"]] == [(2, "type")]
    assert client.get(f"/api/v1/suppliers/{make_siret(71)}").status_code == 404


def test_api_import_xlsx_upload(client: TestClient) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["SIRET", "Dénomination", "Type de structure", "Code postal", "Ville", "Labels"])
    sheet.append([make_siret(80), "ESAT du Tableur", "ESAT", 91100, "Corbeil-Essonnes", f"PEFC:{FUTURE}"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = client.post(
        "/api/v1/suppliers/import",
        files={"file": ("registre.xlsx", buffer.getvalue(), XLSX)},
    )
    assert response.status_code == 200, response.text
    assert (response.json()["created"], response.json()["file"]) == (1, "registre.xlsx")
    supplier = client.get(f"/api/v1/suppliers/{make_siret(80)}").json()
    assert (supplier["departement"], supplier["labels"][0]["label"]) == ("91", "PEFC")


def test_cli_export_and_expiring(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    soon = (date.today() + timedelta(days=5)).isoformat()
    source = tmp_path / "registre.csv"
    source.write_bytes(make_csv([[make_siret(90), "=Formule", "ESAT", "77000", "Melun", "7731", f"FSC:{soon}"]]))
    assert run_cli(url, "import", str(source)).returncode == 0
    exported = tmp_path / "export.csv"
    result = run_cli(url, "export", "--output", str(exported))
    assert result.returncode == 0, result.stderr
    assert exported.read_bytes().startswith("\ufeffsiret;nom;".encode())
    assert ";'=Formule;" in exported.read_text(encoding="utf-8-sig")
    as_json = run_cli(url, "export", "--format", "json")
    assert json.loads(as_json.stdout)["items"][0]["name"] == "=Formule"
    expiring = run_cli(url, "expiring", "--days", "30", "--json")
    assert [(i["label"], i["days_left"]) for i in json.loads(expiring.stdout)["items"]] == [("FSC", 5)]
    assert "Aucun label" in run_cli(url, "expiring", "--days", "1").stdout
