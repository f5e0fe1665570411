"""Sync of the built-in files and versioned edits, on SQLite and PostgreSQL."""

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session, func, select

from app.bootstrap import builtin_library, prepare_database
from app.clauses.library import read_library
from app.clauses.models import Clause, ClauseVersion
from app.clauses.service import sync_library
from app.config import Settings
from tests.conftest import builtin_version

CLAUSE = "insertion-heures-execution"
V = builtin_version(CLAUSE)  # the file's version: local edits count from it


def edited_body(client: TestClient, clause_id: str, **changes: object) -> dict:  # type: ignore[type-arg]
    current = client.get(f"/api/v1/clauses/{clause_id}").json()
    keep = {k: current[k] for k in (
        "status", "title", "kind", "document", "themes", "decp_value", "legal_basis", "former_basis",
        "cpv_prefixes", "keywords", "synonyms", "variables", "verification", "applies_when", "generic",
        "requires", "guidance", "sources", "text",
    ) if k in current}
    return {**keep, **changes}


def test_restart_creates_no_duplicate_versions(engine: Engine, settings: Settings) -> None:
    with Session(engine) as session:
        before = session.exec(select(func.count()).select_from(ClauseVersion)).one()
    prepare_database(engine, settings)
    prepare_database(engine, settings)
    with Session(engine) as session:
        after = session.exec(select(func.count()).select_from(ClauseVersion)).one()
    assert before == after == len(builtin_library(settings.CLAUSES_DIR))


def test_changed_file_becomes_a_new_version(engine: Engine, settings: Settings, tmp_path: Path) -> None:
    source = settings.CLAUSES_DIR / "social" / f"{CLAUSE}.md"
    copy = tmp_path / "social" / f"{CLAUSE}.md"
    copy.parent.mkdir()
    copy.write_text(source.read_text(encoding="utf-8").replace("Le titulaire", "Le titulaire du marché", 1))
    for required in ("insertion-penalite-heures",):  # the clause it requires, unchanged
        (tmp_path / "social" / f"{required}.md").write_bytes((source.parent / f"{required}.md").read_bytes())
    with Session(engine) as session:
        report = sync_library(session=session, clauses=read_library(tmp_path))
        assert (report.added, report.updated) == (0, 1)
        head = session.get(Clause, CLAUSE)
        assert head is not None and head.current_version == V + 1
        versions = session.exec(select(ClauseVersion.version).where(ClauseVersion.clause_id == CLAUSE)).all()
        assert sorted(versions) == [V, V + 1]
        assert sync_library(session=session, clauses=read_library(tmp_path)).updated == 0


def test_edit_makes_version_2_and_keeps_version_1(client: TestClient) -> None:
    original = client.get(f"/api/v1/clauses/{CLAUSE}")
    assert original.headers["etag"] == f'"{V}"'
    body = edited_body(client, CLAUSE, title="Heures d'insertion (version locale)")
    response = client.put(f"/api/v1/clauses/{CLAUSE}", json=body, headers={"If-Match": f'"{V}"'})
    assert response.status_code == 200, response.text
    assert response.headers["etag"] == f'"{V + 1}"'
    assert response.json()["locally_modified"] is True
    assert client.get(f"/api/v1/clauses/{CLAUSE}").json()["title"] == "Heures d'insertion (version locale)"
    assert client.get(f"/api/v1/clauses/{CLAUSE}?version={V}").json()["title"] == original.json()["title"]
    versions = client.get(f"/api/v1/clauses/{CLAUSE}/versions").json()
    assert [(v["version"], v["origin"]) for v in versions] == [(V, "builtin"), (V + 1, "local")]


def test_local_edit_survives_restart_until_reset(client: TestClient, engine: Engine, settings: Settings) -> None:
    body = edited_body(client, CLAUSE, title="Version locale")
    assert client.put(f"/api/v1/clauses/{CLAUSE}", json=body, headers={"If-Match": f'"{V}"'}).status_code == 200
    prepare_database(engine, settings)  # a restart re-syncs the files
    assert client.get(f"/api/v1/clauses/{CLAUSE}").json()["title"] == "Version locale"
    reset = client.post(f"/api/v1/clauses/{CLAUSE}/reset", headers={"If-Match": f'"{V + 1}"'})
    assert reset.status_code == 200, reset.text
    assert reset.json()["version"] == V + 2
    assert reset.json()["title"] == client.get(f"/api/v1/clauses/{CLAUSE}?version={V}").json()["title"]
    assert reset.json()["locally_modified"] is False


def test_stale_or_missing_if_match_is_refused(client: TestClient) -> None:
    body = edited_body(client, CLAUSE, title="Titre A")
    assert client.put(f"/api/v1/clauses/{CLAUSE}", json=body).status_code == 428
    assert client.put(f"/api/v1/clauses/{CLAUSE}", json=body, headers={"If-Match": f'"{V}"'}).status_code == 200
    stale = client.put(f"/api/v1/clauses/{CLAUSE}", json={**body, "title": "Titre B"}, headers={"If-Match": f'"{V}"'})
    assert stale.status_code == 412
    assert stale.json()["current_version"] == V + 1
    assert client.get(f"/api/v1/clauses/{CLAUSE}").json()["title"] == "Titre A"


def test_retire_never_deletes(client: TestClient) -> None:
    response = client.delete(f"/api/v1/clauses/{CLAUSE}", headers={"If-Match": f'"{V}"'})
    assert response.status_code == 200
    assert response.json()["status"] == "retired"
    ids = [c["id"] for c in client.get("/api/v1/clauses?limit=500").json()["items"]]
    assert CLAUSE not in ids
    retired = client.get("/api/v1/clauses?status=retired").json()
    assert [c["id"] for c in retired["items"]] == [CLAUSE]
    assert client.get(f"/api/v1/clauses/{CLAUSE}?version={V}").json()["status"] == "active"


def test_create_local_clause_and_reject_invalid_one(client: TestClient) -> None:
    body = edited_body(client, CLAUSE, id="insertion-locale-essai", title="Clause locale")
    created = client.post("/api/v1/clauses", json=body)
    assert created.status_code == 201, created.text
    assert created.json()["origin"] == "local"
    assert client.post("/api/v1/clauses", json=body).status_code == 409
    bad = client.post("/api/v1/clauses", json={**body, "id": "x-y", "themes": ["inconnu"]})
    assert bad.status_code == 422
    assert "thème inconnu" in bad.json()["detail"]
