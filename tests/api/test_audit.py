"""Audit trail: every write leaves a row (who, when, what, from where); only administrators read it."""

from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import text

from app.audit.service import MAX_TEXT, summarize
from tests.conftest import builtin_version

from .conftest import api_routes, bearer

URL = "/api/v1/clauses/insertion-heures-execution"
V = builtin_version("insertion-heures-execution")  # the file's version: edits count from it


def edit_title(client: TestClient, key: str, title: str, version: int) -> None:
    body = client.get(URL).json()
    response = client.put(URL, json={**body, "title": title}, headers={**bearer(key), "If-Match": f'"{version}"'})
    assert response.status_code == 200, response.text


def test_clause_writes_are_audited(client: TestClient, anonymous: TestClient, keys: dict[str, str]) -> None:
    edit_title(anonymous, keys["editor"], "Titre modifié", V)
    assert anonymous.delete(URL, headers={**bearer(keys["editor"]), "If-Match": f'"{V + 1}"'}).status_code == 200
    events = client.get("/api/v1/audit", params={"resource": "clause"}).json()
    assert events["total"] == 2
    retire, update = events["items"]
    assert update == {
        **update,
        "actor": "tests-editor", "role": "editor", "ip": "127.0.0.1", "method": "PUT", "path": URL,
        "resource": "clause", "resource_id": "insertion-heures-execution", "action": "update",
    }
    assert update["summary"]["before"]["version"] == V
    assert update["summary"]["after"] == {**update["summary"]["after"], "version": V + 1, "title": "Titre modifié"}
    assert retire["action"] == "retire" and retire["method"] == "DELETE"
    assert retire["summary"]["after"]["status"] == "retired"
    assert datetime.fromisoformat(update["at"]) > datetime.now(UTC) - timedelta(minutes=5)


def test_refused_writes_leave_no_row(client: TestClient, anonymous: TestClient, keys: dict[str, str]) -> None:
    body = client.get(URL).json()
    anonymous.put(URL, json=body, headers={**bearer(keys["reader"]), "If-Match": f'"{V}"'})
    anonymous.put(URL, json=body, headers={**bearer(keys["editor"]), "If-Match": f'"{V + 6}"'})
    assert client.get("/api/v1/audit", params={"resource": "clause"}).json()["total"] == 0


def test_audit_is_admin_only(anonymous: TestClient, keys: dict[str, str]) -> None:
    for role, status in (("anonymous", 401), ("reader", 403), ("editor", 403), ("admin", 200)):
        headers = bearer(keys[role]) if role != "anonymous" else {}
        assert anonymous.get("/api/v1/audit", headers=headers).status_code == status, role


def test_audit_filters_and_pagination(client: TestClient, anonymous: TestClient, keys: dict[str, str]) -> None:
    for number in range(1, 6):
        edit_title(anonymous, keys["editor"] if number % 2 else keys["admin"], f"Titre {number}", V + number - 1)
    everything = client.get("/api/v1/audit", params={"resource": "clause"}).json()
    assert everything["total"] == 5
    titles = [e["summary"]["after"]["title"] for e in everything["items"]]
    assert titles == ["Titre 5", "Titre 4", "Titre 3", "Titre 2", "Titre 1"]  # newest first
    page = client.get("/api/v1/audit", params={"resource": "clause", "limit": 2, "offset": 1}).json()
    assert page["total"] == 5
    assert [e["id"] for e in page["items"]] == [e["id"] for e in everything["items"][1:3]]
    by_admin = client.get("/api/v1/audit", params={"actor": "tests-admin", "action": "update"}).json()
    assert [e["summary"]["after"]["title"] for e in by_admin["items"]] == ["Titre 4", "Titre 2"]
    future = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    assert client.get("/api/v1/audit", params={"since": future}).json()["total"] == 0
    assert client.get("/api/v1/audit", params={"until": future, "resource": "clause"}).json()["total"] == 5
    ignored = client.get("/api/v1/audit", params={"resource": "clause", "couleur": "bleu"}).json()
    assert ignored == everything


def test_key_administration_is_audited(client: TestClient) -> None:
    created = client.post("/api/v1/keys", json={"name": "intranet", "role": "editor"}).json()
    client.post(f"/api/v1/keys/{created['id']}/revoke")
    events = client.get("/api/v1/audit", params={"resource": "api_key"}).json()["items"]
    assert [(e["action"], e["resource_id"], e["actor"]) for e in events] == [
        ("revoke", created["id"], "tests-admin"), ("create", created["id"], "tests-admin"),
    ]
    assert created["key"].split("_", 2)[2] not in str(events)


def test_audit_has_no_write_route(client: TestClient) -> None:
    methods = {m for m, path, _ in api_routes(client.app) if path.startswith("/api/v1/audit")}  # type: ignore[arg-type]
    assert methods == {"GET"}
    for method in ("PUT", "PATCH", "DELETE", "POST"):
        assert client.request(method, "/api/v1/audit").status_code == 405
        assert client.request(method, "/api/v1/audit/1").status_code in (404, 405)


def test_audit_rows_survive_in_the_table(client: TestClient, keys: dict[str, str]) -> None:
    edit_title(client, keys["editor"], "Titre conservé", V)
    engine = client.app.state.engine  # type: ignore[attr-defined]
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT actor, action, resource_id FROM audit_event")).all()
    assert [tuple(row) for row in rows] == [("tests-editor", "update", "insertion-heures-execution")]


def test_summary_is_bounded() -> None:
    summary = summarize({"text": "x" * 5000, "items": list(range(200)), "deep": [[[[[[[["fond"]]]]]]]]})
    assert len(summary["text"]) == MAX_TEXT + 1
    assert len(summary["items"]) == 51 and summary["items"][-1].startswith("…")
    assert "fond" not in str(summary["deep"])
