"""Searching the registry as officers do (issue 19): "nettoyage" finds the cleaning suppliers (activities,
labels, kinds and places are searched, a name match first), and the département filter takes a name or a
number; an unknown one is an error everywhere (API 422, page message, CLI exit 2), never "0 fournisseurs"."""

import csv

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session
from typer.testing import CliRunner

from app.cli import cli
from app.config import Settings, get_settings
from app.demo.service import load_demo
from app.errors import InvalidInput
from app.suppliers.departements import NAMES, departement_code
from app.suppliers.reading import list_suppliers
from app.suppliers.search import NameIndex
from app.suppliers.territory import REGION_OF_DEPARTEMENT

from .conftest import SAMPLE


def sample_rows() -> list[dict[str, str]]:
    with SAMPLE.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def test_weighted_fields_rank_a_name_before_an_activity_before_a_label() -> None:
    index = NameIndex.build([
        ("label", [("Les Jardiniers", 1.0), ("espaces verts", 0.9), ("Nettoyage vert", 0.8)]),
        ("activity", [("Services Plus", 1.0), ("nettoyage de bâtiments ménage", 0.9)]),
        ("name", [("Nettoyage Francilien", 1.0), ("", 0.9)]),
    ])
    assert index.search("nettoyage") == [("name", 100.0), ("activity", 90.0), ("label", 80.0)]
    assert index.search("menage") == [("activity", 90.0)]


def test_nettoyage_finds_every_cleaning_supplier_of_the_sample(sample_engine: Engine) -> None:
    cleaning = {row["siret"] for row in sample_rows() if "9091" in row["activites_cpv"].split("|")}
    assert len(cleaning) == 11
    with Session(sample_engine) as session:
        page = list_suppliers(session=session, q="nettoyage", limit=100)
        by_kind = list_suppliers(session=session, q="ESAT", limit=100)
        by_label = list_suppliers(session=session, q="bio", limit=100)
    assert {item.siret for item in page.items} == cleaning and page.total == 11
    assert page.items[0].name == "Nettoyage Écologique Francilien"  # the name match first
    assert page.items[0].score == 100.0 and {item.score for item in page.items[1:]} == {90.0}
    esats = {row["siret"] for row in sample_rows() if row["type"] == "ESAT"}
    assert esats <= {item.siret for item in by_kind.items}
    scores = [item.score for item in by_label.items]
    assert scores == sorted(scores, reverse=True) and scores[0] == 100.0 and scores[-1] == 80.0
    assert "Bio" in by_label.items[0].name


def test_departement_table_and_names() -> None:
    assert set(NAMES) == set(REGION_OF_DEPARTEMENT)  # the 101 départements, one name each
    for given, code in [("Essonne", "91"), ("ESSONNE", "91"), (" essonne ", "91"), ("91", "91"), ("1", "01"),
                        ("2a", "2A"), ("Côte-d'Or", "21"), ("cote d or", "21"), ("Seine-Saint-Denis", "93"),
                        ("Réunion", "974"), ("val d'oise", "95")]:
        assert departement_code(given) == code, given
    for wrong in ("Atlantide", "20", "96", "99", "Essone", ""):
        with pytest.raises(InvalidInput) as caught:
            departement_code(wrong)
        assert caught.value.detail.startswith(f"Département inconnu : « {wrong} »")


def test_departement_by_name_or_number_and_unknown_is_an_error(sample_engine: Engine) -> None:
    with Session(sample_engine) as session:
        by_name = list_suppliers(session=session, departement="Essonne", limit=100)
        by_number = list_suppliers(session=session, departement="91", limit=100)
        lozere = list_suppliers(session=session, departement="Lozère", limit=100)
        with pytest.raises(InvalidInput):
            list_suppliers(session=session, departement="Atlantide")
    assert by_name == by_number and by_name.total > 0
    assert all(item.departement == "91" for item in by_name.items)
    assert lozere.total == 0


def test_api_and_page(client: TestClient, settings: Settings) -> None:
    load_demo(client.app.state.engine, settings)  # type: ignore[attr-defined]
    api = client.get("/api/v1/suppliers", params={"q": "nettoyage", "departement": "essonne"})
    assert api.status_code == 200
    assert api.json()["total"] >= 1 and all(item["departement"] == "91" for item in api.json()["items"])
    wrong = client.get("/api/v1/suppliers", params={"departement": "Atlantide"})
    assert wrong.status_code == 422 and wrong.headers["content-type"] == "application/problem+json"
    assert wrong.json()["detail"] == ("Département inconnu : « Atlantide ». Donnez son numéro (91, 2A, 974) ou son "
                                      "nom (Essonne).")
    assert wrong.json()["errors"] == [
        {"field": "departement", "message": "département inconnu : numéro ou nom attendu"}]

    client.headers.pop("Authorization")
    page = client.get("/fournisseurs", params={"q": "nettoyage"})
    assert "11 fournisseurs correspondant à la recherche" in page.text
    none = client.get("/fournisseurs", params={"departement": "Lozère"})
    assert none.status_code == 200 and "0 fournisseur correspondant à la recherche" in none.text
    refused = client.get("/fournisseurs", params={"departement": "Atlantide"})
    assert refused.status_code == 422
    assert "Département inconnu : « Atlantide »" in refused.text and "0 fournisseur" not in refused.text


def test_cli_search(cli_database: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAUSIER_LOAD_SAMPLE_DATA", "true")
    get_settings.cache_clear()
    runner = CliRunner()
    found = runner.invoke(cli, ["suppliers", "search", "nettoyage", "--limit", "5"])
    assert found.exit_code == 0, found.output
    assert found.stdout.splitlines()[-1] == "11 fournisseurs trouvés (5 affichés)."
    assert "Nettoyage Écologique" in found.stdout
    essonne = runner.invoke(cli, ["suppliers", "search", "--departement", "Essonne", "--json"])
    assert essonne.exit_code == 0 and '"departement": "91"' in essonne.stdout
    none = runner.invoke(cli, ["suppliers", "search", "--departement", "Lozère"])
    assert none.exit_code == 0 and none.stdout.strip() == "0 fournisseur trouvé."
    wrong = runner.invoke(cli, ["suppliers", "search", "--departement", "Atlantide"])
    assert wrong.exit_code == 2
    assert wrong.stderr.strip() == ("Département inconnu : « Atlantide ». Donnez son numéro (91, 2A, 974) ou son "
                                    "nom (Essonne).")
