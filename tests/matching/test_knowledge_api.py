"""The knowledge in force: exported by ``GET /api/v1/families`` and ``/obligations`` (read role), read again by the
running server when a file changes, the previous version kept when a file is saved broken."""

import logging
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.config import PROJECT_ROOT, Settings
from app.main import create_app
from tests.conftest import install_test_key

TENDER = {"text": "Fourniture de zorglubs pour les agents techniques", "date": "2026-09-01"}


@pytest.fixture
def served(settings: Settings, tmp_path: Path) -> Iterator[tuple[TestClient, Path]]:
    """A running app reading a copy of the families folder, and that copy."""
    families = shutil.copytree(PROJECT_ROOT / "families", tmp_path / "families")
    app = create_app(settings.model_copy(update={"FAMILIES_DIR": families}))
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {install_test_key(app.state.engine, 'reader')}"
        yield client, families


def add_term(families: Path, family: str, term: str) -> None:
    path = families / "fournitures.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"- id: {family}\n")
    terms = text.index("  terms: [", start) + len("  terms: [")
    path.write_text(text[:terms] + f"{term}, " + text[terms:], encoding="utf-8")


def test_a_family_file_edited_while_serving_is_used_by_the_next_match(served: tuple[TestClient, Path]) -> None:
    client, families = served
    before = client.post("/api/v1/match", json=TENDER).json()
    assert before["inferred_cpv"] == []
    assert "textiles-habillement" not in {item["id"] for item in client.get("/api/v1/families").json()["items"]
                                          if "zorglub" in item["terms"]}
    add_term(families, "textiles-habillement", "zorglub")
    after = client.post("/api/v1/match", json=TENDER).json()
    assert after["inferred_cpv"][0] == "18000000"
    assert any("zorglubs" in reason for item in after["matches"] for reason in item["reasons"])
    exported = {item["id"]: item for item in client.get("/api/v1/families").json()["items"]}
    assert exported["textiles-habillement"]["terms"][0] == "zorglub"


def test_a_file_saved_broken_keeps_the_previous_knowledge(served: tuple[TestClient, Path],
                                                          caplog: pytest.LogCaptureFixture) -> None:
    client, families = served
    add_term(families, "textiles-habillement", "zorglub")
    assert client.post("/api/v1/match", json=TENDER).json()["inferred_cpv"][0] == "18000000"
    path = families / "thesaurus.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "insertion: [\n", encoding="utf-8")
    with caplog.at_level(logging.ERROR):
        response = client.post("/api/v1/match", json=TENDER)
    assert response.status_code == 200
    assert response.json()["inferred_cpv"][0] == "18000000"
    assert f"{path}:" in caplog.text and "syntaxe YAML invalide" in caplog.text


def test_families_export(served: tuple[TestClient, Path]) -> None:
    client, _ = served
    body = client.get("/api/v1/families").json()
    assert set(body) == {"items", "thesaurus", "needs", "insertion"}
    cleaning = next(item for item in body["items"] if item["id"] == "nettoyage-locaux")
    assert set(cleaning) == {"id", "label", "nature", "cpv", "themes", "core", "terms", "weak", "agec", "tags",
                             "yields_to", "about", "covers", "upkept_by", "labour_share", "vat_rate"}
    assert cleaning["nature"] == "services"
    assert cleaning["cpv"][0] == "9091"
    assert "ecolabels-produits-entretien-specification" in cleaning["core"]
    assert cleaning["labour_share"]["certainty"] == "to-check"
    assert body["thesaurus"]["insertion"]["clause d'insertion"] == 1.0
    insertion = next(need for need in body["needs"] if need["id"] == "heures-insertion")
    assert "insertion-heures-execution" in insertion["clauses"]
    assert body["insertion"]["rate"]["value"] == 0.05 and "mefsud77" in body["insertion"]["rate"]["source"]


def test_obligations_export(served: tuple[TestClient, Path]) -> None:
    client, _ = served
    body = client.get("/api/v1/obligations").json()
    assert set(body) == {"items", "thresholds", "agec_categories"}
    assert body["items"][0]["id"] == "climat-resilience-environnement"
    assert [item["order"] for item in body["items"]] == sorted(item["order"] for item in body["items"])
    social = next(item for item in body["items"] if item["id"] == "climat-resilience-social")
    assert social["when"]["amount"]["at_least"] == "seuils-europeens"
    assert social["when"]["launched"]["from"] == "2026-08-22"
    assert {"text", "when"} <= set(social["explanation"][0])
    assert {threshold["id"] for threshold in body["thresholds"]} >= {"seuils-europeens", "dispense-publicite"}
    assert len(body["agec_categories"]) == 17


def test_exports_need_the_read_role(settings: Settings) -> None:
    app = create_app(settings.model_copy(update={"PUBLIC_READ": False}))
    with TestClient(app) as client:
        reader = {"Authorization": f"Bearer {install_test_key(app.state.engine, 'reader')}"}
        for path in ("/api/v1/families", "/api/v1/obligations"):
            assert client.get(path).status_code == 401
            assert client.get(path, headers=reader).status_code == 200
