"""API keys: stored only as salted hashes, shown once by the CLI, Bearer or X-API-Key, revocation, roles."""

from collections.abc import Callable, Iterator

import pytest
from click.testing import Result
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlmodel import Session
from typer.testing import CliRunner

from app.auth.service import KEY_PATTERN, authenticate, create_key, hash_key
from app.cli import cli
from app.config import Settings, get_settings
from app.main import create_app
from tests.conftest import LOOPBACK, builtin_version

from .conftest import bearer

CLAUSE = "insertion-heures-execution"
V = builtin_version(CLAUSE)  # the file's version: edits count from it


@pytest.fixture
def run_cli(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Result]]:
    """Run ``clausier`` in-process on the test database."""
    monkeypatch.setenv("CLAUSIER_DATABASE_URL", settings.DATABASE_URL)
    monkeypatch.setenv("CLAUSIER_LOAD_SAMPLE_DATA", "false")
    get_settings.cache_clear()
    yield lambda *args: CliRunner().invoke(cli, list(args))
    get_settings.cache_clear()


def every_stored_value(engine: Engine, table: str) -> str:
    with engine.connect() as connection:
        rows = connection.execute(text(f"SELECT * FROM {table}")).all()
    return "\n".join(str(value) for row in rows for value in row)


def test_database_holds_only_a_salted_hash(engine: Engine) -> None:
    with Session(engine) as session:
        first, first_key = create_key(session=session, name="intranet", role="editor")
        second, second_key = create_key(session=session, name="outil-achats", role="reader")
        assert authenticate(session=session, key=first_key) is not None
        first_hash, first_salt, second_salt = first.key_hash, first.salt, second.salt
    stored = every_stored_value(engine, "api_key")
    for key in (first_key, second_key):
        secret = key.split("_", 2)[2]
        assert key not in stored
        assert secret not in stored
    assert first_hash.startswith("scrypt:16384:8:1:")
    assert first_salt != second_salt
    # Same key, another salt: another hash (no rainbow table across keys).
    assert hash_key(first_key, bytes.fromhex(second_salt)) != first_hash


def test_key_is_never_written_anywhere_after_use(client: TestClient, engine: Engine) -> None:
    created = client.post("/api/v1/keys", json={"name": "robot", "role": "editor"})
    assert created.status_code == 201, created.text
    key = created.json()["key"]
    body = client.get(f"/api/v1/clauses/{CLAUSE}").json()
    updated = client.put(f"/api/v1/clauses/{CLAUSE}", json={**body, "title": "Nouveau titre"},
                         headers={**bearer(key), "If-Match": f'"{V}"'})
    assert updated.status_code == 200, updated.text
    listed = client.get("/api/v1/keys").json()
    assert "key" not in listed["items"][0]
    for table in ("api_key", "audit_event", "clause_version"):
        assert key.split("_", 2)[2] not in every_stored_value(engine, table)
    robot = next(item for item in listed["items"] if item["name"] == "robot")
    assert robot["last_used_at"] is not None


def test_cli_create_prints_key_alone_on_last_line_then_list_and_revoke(
    settings: Settings, run_cli: Callable[..., Result]
) -> None:
    created = run_cli("keys", "create", "--name", "intranet", "--role", "editor")
    assert created.exit_code == 0, created.output
    lines = created.stdout.splitlines()
    key = lines[-1]
    assert KEY_PATTERN.fullmatch(key)
    assert all(key not in line for line in lines[:-1])
    key_id = KEY_PATTERN.fullmatch(key)[1]  # type: ignore[index]

    listed = run_cli("keys", "list")
    assert listed.exit_code == 0, listed.output
    assert key_id in listed.stdout and "intranet" in listed.stdout and "editor" in listed.stdout
    assert key.split("_", 2)[2] not in listed.stdout

    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        assert client.post("/api/v1/clauses", headers=bearer(key)).status_code == 422  # authorised, no body
        revoked = run_cli("keys", "revoke", key_id)
        assert revoked.exit_code == 0, revoked.output
        assert "révoquée" in revoked.stdout
        refused = client.post("/api/v1/clauses", headers=bearer(key))
        assert refused.status_code == 401
        assert refused.json()["detail"] == "Clé d'API invalide ou révoquée."
        audit = client.get("/api/v1/audit", headers=bearer(key))
        assert audit.status_code == 401

    again = run_cli("keys", "revoke", key_id)
    assert again.exit_code == 1
    assert "déjà révoquée" in again.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--name", "x", "--role", "superuser"], "superuser"),
        (["--name", "   ", "--role", "reader"], "Nom de clé invalide"),
    ],
)
def test_cli_refuses_bad_role_or_name(run_cli: Callable[..., Result], args: list[str], message: str) -> None:
    result = run_cli("keys", "create", *args)
    assert result.exit_code != 0
    assert message in result.stderr
    assert not KEY_PATTERN.search(result.stdout)


def test_bearer_and_x_api_key_are_both_accepted(anonymous: TestClient, keys: dict[str, str]) -> None:
    assert anonymous.get("/api/v1/audit", headers=bearer(keys["admin"])).status_code == 200
    assert anonymous.get("/api/v1/audit", headers={"X-API-Key": keys["admin"]}).status_code == 200
    assert anonymous.get("/api/v1/audit", headers={"Authorization": f"bearer {keys['admin']}"}).status_code == 200


@pytest.mark.parametrize(
    ("headers", "status", "challenge"),
    [
        ({}, 401, 'Bearer realm="clausier"'),
        ({"Authorization": "Bearer clsr_00000000_" + "A" * 43}, 401, 'Bearer realm="clausier", error="invalid_token"'),
        ({"X-API-Key": "n'importe quoi"}, 401, 'Bearer realm="clausier", error="invalid_token"'),
        ({"Authorization": "Basic dXNlcjpwYXNz"}, 401, 'Bearer realm="clausier"'),
    ],
)
def test_missing_or_invalid_key_is_401_with_challenge(
    anonymous: TestClient, headers: dict[str, str], status: int, challenge: str
) -> None:
    response = anonymous.post("/api/v1/clauses", json={}, headers=headers)
    assert response.status_code == status
    assert response.headers["WWW-Authenticate"] == challenge
    assert response.headers["content-type"] == "application/problem+json"
    assert "Clé d'API" in response.json()["detail"]


def test_too_low_role_is_403_not_401(anonymous: TestClient, keys: dict[str, str]) -> None:
    response = anonymous.post("/api/v1/clauses", json={}, headers=bearer(keys["reader"]))
    assert response.status_code == 403
    assert "WWW-Authenticate" not in response.headers
    body = response.json()
    assert body["required_role"] == "editor" and body["role"] == "reader"
    assert "rôle « editor » est requis" in body["detail"]


def test_revoked_key_is_refused_at_once(client: TestClient, anonymous: TestClient) -> None:
    created = client.post("/api/v1/keys", json={"name": "éphémère", "role": "admin"}).json()
    assert anonymous.get("/api/v1/keys", headers=bearer(created["key"])).status_code == 200
    revoked = client.post(f"/api/v1/keys/{created['id']}/revoke")
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    refused = anonymous.get("/api/v1/keys", headers=bearer(created["key"]))
    assert refused.status_code == 401
    # Reading is public, but a revoked key is still an error the caller must hear about.
    assert anonymous.get("/api/v1/clauses", headers=bearer(created["key"])).status_code == 401
    assert client.post(f"/api/v1/keys/{created['id']}/revoke").status_code == 409


def test_key_administration_is_admin_only(anonymous: TestClient, keys: dict[str, str]) -> None:
    for role, status in (("reader", 403), ("editor", 403), ("admin", 201)):
        response = anonymous.post("/api/v1/keys", json={"name": f"par-{role}", "role": "reader"},
                                  headers=bearer(keys[role]))
        assert response.status_code == status, (role, response.text)
    assert anonymous.post("/api/v1/keys", json={"name": "x", "role": "reader"}).status_code == 401
    duplicate = anonymous.post("/api/v1/keys", json={"name": "par-admin", "role": "editor"},
                               headers=bearer(keys["admin"]))
    assert duplicate.status_code == 409


@pytest.mark.parametrize("public_read", [True, False])
def test_reading_without_key_follows_the_setting(settings: Settings, public_read: bool) -> None:
    settings = settings.model_copy(update={"PUBLIC_READ": public_read})
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        response = client.get("/api/v1/clauses")
        assert response.status_code == (200 if public_read else 401)
        assert client.get("/api/v1/health").status_code == 200
        from tests.conftest import install_test_key

        reader = install_test_key(client.app.state.engine, "reader")  # type: ignore[attr-defined]
        assert client.get("/api/v1/clauses", headers=bearer(reader)).status_code == 200
        assert client.post(f"/api/v1/clauses/{CLAUSE}/render", json={}).status_code == (200 if public_read else 401)
        assert client.post("/api/v1/clauses", json={}).status_code == 401


def test_officer_named_by_the_trusted_proxy_header_edits(settings: Settings) -> None:
    settings = settings.model_copy(update={"TRUSTED_USER_HEADER": "X-Remote-User"})
    officer = {"X-Remote-User": "m.durand", "Sec-Fetch-Site": "same-origin"}
    with TestClient(create_app(settings), raise_server_exceptions=False, client=LOOPBACK) as client:
        body = client.get(f"/api/v1/clauses/{CLAUSE}").json()
        edited = client.put(f"/api/v1/clauses/{CLAUSE}", json={**body, "title": "Titre de l'agent"},
                            headers={**officer, "If-Match": f'"{V}"'})
        assert edited.status_code == 200, edited.text
        assert edited.json()["created_by"] == "m.durand"
        forged = client.put(f"/api/v1/clauses/{CLAUSE}", json=body,
                            headers={**officer, "Sec-Fetch-Site": "cross-site", "If-Match": f'"{V + 1}"'})
        assert forged.status_code == 403
        other_origin = client.put(f"/api/v1/clauses/{CLAUSE}", json=body, headers={
            "X-Remote-User": "m.durand", "Origin": "https://ailleurs.example", "If-Match": f'"{V + 1}"'})
        assert other_origin.status_code == 403
        # An officer edits; managing keys stays with administrators.
        assert client.get("/api/v1/keys", headers=officer).status_code == 403


def test_trusted_header_is_ignored_unless_configured(client: TestClient, anonymous: TestClient) -> None:
    body = client.get(f"/api/v1/clauses/{CLAUSE}").json()
    response = anonymous.put(f"/api/v1/clauses/{CLAUSE}", json=body,
                             headers={"X-Remote-User": "m.durand", "If-Match": f'"{V}"'})
    assert response.status_code == 401


def test_settings_are_shown_to_admins_without_secrets(anonymous: TestClient, keys: dict[str, str],
                                                      settings: Settings) -> None:
    shown = anonymous.get("/api/v1/settings", headers=bearer(keys["admin"]))
    assert shown.status_code == 200
    body = shown.json()
    assert body["public_read"] is True and body["rate_limit_per_minute"] == 0
    assert body["max_json_bytes"] == 2 * 1024 * 1024 and body["cors_origins"] == []
    assert body["trusted_proxies"] == ["127.0.0.0/8", "::1"]
    if "@" in settings.DATABASE_URL:
        assert "clausier:clausier@" not in body["database"] and "***" in body["database"]
    assert anonymous.get("/api/v1/settings", headers=bearer(keys["editor"])).status_code == 403
