"""The officer header and X-Forwarded-* are believed only from the reverse proxy (CLAUSIER_TRUSTED_PROXIES)."""

from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from starlette.requests import Request

from app.auth.dependencies import FROM_TRUSTED_PROXY, officer_name
from app.config import Settings
from app.main import create_app
from tests.conftest import LOOPBACK, install_test_key

from .conftest import bearer, serve

HEADER = "X-Remote-User"
CLAUSE = "insertion-heures-execution"
OUTSIDER = ("203.0.113.9", 41000)


@pytest.fixture
def proxied(settings: Settings) -> Settings:
    return settings.model_copy(update={"TRUSTED_USER_HEADER": HEADER})


@pytest.fixture
def app_client(proxied: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(proxied), raise_server_exceptions=False, client=LOOPBACK) as client:
        yield client


def from_address(client: TestClient, address: tuple[str, int]) -> TestClient:
    """Another client on the same app, calling from ``address``."""
    return TestClient(client.app, raise_server_exceptions=False, client=address)


def audit(client: TestClient, **filters: str) -> list[dict[str, object]]:
    admin = bearer(install_test_key(client.app.state.engine, "admin"))  # type: ignore[attr-defined]
    response = client.get("/api/v1/audit", params=filters, headers=admin)
    assert response.status_code == 200, response.text
    items: list[dict[str, object]] = response.json()["items"]
    return items


def edit_title(client: TestClient, title: str, headers: dict[str, str]) -> httpx.Response:
    current = client.get(f"/api/v1/clauses/{CLAUSE}")
    return client.put(f"/api/v1/clauses/{CLAUSE}", json={**current.json(), "title": title},
                      headers={"If-Match": current.headers["ETag"], "Sec-Fetch-Site": "same-origin", **headers})


def test_officer_header_from_another_address_is_refused_and_audited(app_client: TestClient) -> None:
    outsider = from_address(app_client, OUTSIDER)
    for method, path in (("GET", "/bibliotheque"), ("GET", "/api/v1/themes"), ("PUT", f"/api/v1/clauses/{CLAUSE}")):
        refused = outsider.request(method, path, headers={HEADER: "claire.martin"})
        assert refused.status_code == 403
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert "n'est accepté que du reverse proxy" in refused.json()["detail"]
        assert "203.0.113.9" in refused.json()["detail"]
    rows = audit(app_client, resource="officer_header")
    assert len(rows) == 3
    assert {(row["actor"], row["ip"], row["resource_id"], row["action"]) for row in rows} == {
        ("anonymous", "203.0.113.9", "claire.martin", "refuse")}
    assert {row["path"] for row in rows} == {"/bibliotheque", "/api/v1/themes", f"/api/v1/clauses/{CLAUSE}"}
    # Without the header, the same address is served as anyone else.
    assert outsider.get("/bibliotheque").status_code == 200


def test_officer_header_from_the_proxy_names_the_officer(app_client: TestClient) -> None:
    edited = edit_title(from_address(app_client, LOOPBACK), "Titre de l'agent", {HEADER: "claire.martin"})
    assert edited.status_code == 200, edited.text
    assert edited.json()["created_by"] == "claire.martin"
    assert audit(app_client, resource="officer_header") == []


def test_forwarded_for_is_believed_only_from_the_proxy(app_client: TestClient) -> None:
    editor = bearer(install_test_key(app_client.app.state.engine, "editor"))  # type: ignore[attr-defined]
    forwarded = {**editor, "X-Forwarded-For": "198.51.100.4"}
    assert edit_title(app_client, "Par le proxy", forwarded).status_code == 200
    assert edit_title(from_address(app_client, OUTSIDER), "En direct", forwarded).status_code == 200
    rows = audit(app_client, resource="clause")
    assert [row["ip"] for row in rows[:2]] == ["203.0.113.9", "198.51.100.4"]  # newest first


def test_proxy_addresses_are_configurable(proxied: Settings) -> None:
    settings = proxied.model_copy(update={"TRUSTED_PROXIES": ["10.0.0.0/8"]})
    with TestClient(create_app(settings), raise_server_exceptions=False, client=LOOPBACK) as local:
        assert local.get("/bibliotheque", headers={HEADER: "claire.martin"}).status_code == 403
        inside = from_address(local, ("10.20.30.40", 443))
        page = inside.get("/bibliotheque", headers={HEADER: "claire.martin"})
        assert page.status_code == 200 and "claire.martin" in page.text


def test_an_address_that_is_not_one_is_refused_at_start() -> None:
    with pytest.raises(ValidationError, match="n'est ni une adresse IP ni un réseau"):
        Settings(TRUSTED_PROXIES=["intranet.example"], _env_file=None)  # type: ignore[call-arg]


def test_officer_name_needs_the_proxy_mark(app_client: TestClient) -> None:
    # The one helper that says who the officer is ignores the header on a request not marked by the guard.
    scope = {"type": "http", "app": app_client.app, "headers": [(b"x-remote-user", b"claire.martin")]}
    assert officer_name(Request(scope)) is None
    assert officer_name(Request({**scope, "state": {FROM_TRUSTED_PROXY: True}})) == "claire.martin"


def test_real_server_judges_the_connecting_address(proxied: Settings) -> None:
    # uvicorn as `clausier serve` runs it (its own forwarded-header handling off): the app sees the socket's
    # peer. Here the proxy is 127.0.0.1 only, and another loopback address plays the outsider.
    settings = proxied.model_copy(update={"TRUSTED_PROXIES": ["127.0.0.1"]})
    for server in serve(settings):
        officer = {HEADER: "claire.martin", "X-Forwarded-For": "198.51.100.4"}
        via_proxy = httpx.get(f"{server.url}/bibliotheque", headers=officer)
        assert via_proxy.status_code == 200 and "claire.martin" in via_proxy.text
        outsider = httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.3"))
        with outsider:
            refused = outsider.get(f"{server.url}/bibliotheque", headers=officer)
        assert refused.status_code == 403
        assert "127.0.0.3" in refused.json()["detail"]


def test_rate_limit_counts_each_officer_and_each_forwarded_address(proxied: Settings) -> None:
    settings = proxied.model_copy(update={"RATE_LIMIT_PER_MINUTE": 1})
    with TestClient(create_app(settings), raise_server_exceptions=False, client=LOOPBACK) as proxy:
        def match(headers: dict[str, str]) -> int:
            return proxy.post("/api/v1/match", json={"text": "nettoyage"}, headers=headers).status_code

        assert [match({HEADER: "claire.martin"}), match({HEADER: "claire.martin"})] == [200, 429]
        assert match({HEADER: "paul.durand"}) == 200  # another officer behind the same proxy
        assert [match({"X-Forwarded-For": "198.51.100.4"}), match({"X-Forwarded-For": "198.51.100.4"})] == [200, 429]
        assert match({"X-Forwarded-For": "198.51.100.5"}) == 200  # another browser
