"""HTTP guards: body limits (413), rate limit (429 + Retry-After), CORS, security headers, OpenAPI errors."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.api_docs import docs_policy
from app.config import Settings
from app.http import PAGE_CSP, SlidingWindow
from app.main import create_app

from .conftest import api_routes, bearer


def app_client(settings: Settings, **overrides: object) -> TestClient:
    return TestClient(create_app(settings.model_copy(update=overrides)), raise_server_exceptions=False)


def assert_problem(response, status: int) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["detail"]
    return body


def test_json_body_over_the_limit_is_413(settings: Settings) -> None:
    with app_client(settings, MAX_JSON_BYTES=1000, MAX_UPLOAD_BYTES=10_000) as client:
        body = assert_problem(client.post("/api/v1/clauses", json={"text": "x" * 2000}), 413)
        assert body["detail"] == "Le contenu envoyé dépasse la limite de 1000 octets pour cette requête."
        assert body["max_bytes"] == 1000


def test_upload_gets_the_larger_limit(settings: Settings) -> None:
    with app_client(settings, MAX_JSON_BYTES=1000, MAX_UPLOAD_BYTES=10_000) as client:
        small = client.post("/api/v1/clauses", files={"file": ("a.csv", b"x" * 5000, "text/csv")})
        assert small.status_code != 413
        big = client.post("/api/v1/clauses", files={"file": ("a.csv", b"x" * 20_000, "text/csv")})
        assert_problem(big, 413)


def test_chunked_body_over_the_limit_is_413(settings: Settings) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(10):
            yield b"x" * 500

    with app_client(settings, MAX_JSON_BYTES=2000) as client:
        response = client.post("/api/v1/clauses", content=chunks(), headers={"Content-Type": "application/json"})
        assert "content-length" not in response.request.headers
        assert_problem(response, 413)
        assert client.get("/api/v1/health").status_code == 200


def test_rate_limit_on_expensive_routes_gives_429_with_retry_after(settings: Settings) -> None:
    with app_client(settings, RATE_LIMIT_PER_MINUTE=2) as client:
        for path in ("/api/v1/match", "/api/v1/documents/x", "/api/v1/suppliers/import", "/api/v1/suppliers/suggest"):
            statuses = [client.post(path, json={}).status_code for _ in range(2)]
            assert 429 not in statuses
            refused = client.post(path, json={}, headers={"Authorization": "Bearer une-autre-cle"})
            assert refused.status_code != 429  # another client has its own budget
            response = client.post(path, json={})
            body = assert_problem(response, 429)
            assert 1 <= int(response.headers["Retry-After"]) <= 60
            assert body["retry_after"] == int(response.headers["Retry-After"])
            assert "par minute" in body["detail"]
        # Cheap routes are never limited.
        assert all(client.get("/api/v1/clauses").status_code == 200 for _ in range(5))


def test_rate_limit_zero_disables_it(client: TestClient) -> None:
    assert 429 not in {client.post("/api/v1/match", json={}).status_code for _ in range(5)}


def test_sliding_window_forgets_old_hits() -> None:
    now = [1000.0]
    window = SlidingWindow(limit=2, window=60, clock=lambda: now[0])
    assert window.hit("a") == 0 and window.hit("a") == 0
    assert window.hit("a") == 60
    now[0] += 30
    assert window.hit("a") == 30
    assert window.hit("b") == 0
    now[0] += 30.5
    assert window.hit("a") == 0  # the first two hits left the window


def test_no_cors_by_default(client: TestClient) -> None:
    response = client.get("/api/v1/clauses", headers={"Origin": "https://intranet.example"})
    assert "access-control-allow-origin" not in response.headers


def test_cors_allows_configured_origins_only(settings: Settings) -> None:
    with app_client(settings, CORS_ORIGINS=["https://intranet.example"]) as client:
        preflight = client.options("/api/v1/clauses/x", headers={
            "Origin": "https://intranet.example", "Access-Control-Request-Method": "PUT",
            "Access-Control-Request-Headers": "authorization, if-match, content-type",
        })
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == "https://intranet.example"
        assert "if-match" in preflight.headers["access-control-allow-headers"].lower()
        simple = client.get("/api/v1/clauses", headers={"Origin": "https://intranet.example"})
        assert simple.headers["access-control-allow-origin"] == "https://intranet.example"
        assert "etag" in simple.headers["access-control-expose-headers"].lower()
        refused = client.options("/api/v1/clauses", headers={
            "Origin": "https://pirate.example", "Access-Control-Request-Method": "POST"})
        assert_problem(refused, 400)
        assert "access-control-allow-origin" not in refused.headers
        other = client.get("/api/v1/clauses", headers={"Origin": "https://pirate.example"})
        assert "access-control-allow-origin" not in other.headers


def test_security_headers_on_html_pages(client: TestClient) -> None:
    docs = client.get("/docs")
    assert docs.headers["content-type"].startswith("text/html")
    assert docs.headers["Content-Security-Policy"] == docs_policy(docs.text)
    assert "script-src 'self' 'sha256-" in docs_policy(docs.text) and "http" not in docs_policy(docs.text)
    assert docs.headers["X-Content-Type-Options"] == "nosniff"
    assert docs.headers["X-Frame-Options"] == "DENY"
    assert docs.headers["Referrer-Policy"] == "same-origin"
    assert "frame-ancestors 'none'" in PAGE_CSP and "script-src 'self';" in PAGE_CSP
    api = client.get("/api/v1/clauses")
    assert api.headers["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" not in api.headers


def test_web_pages_get_the_strict_policy(client: TestClient) -> None:
    html = [path for method, path, _ in api_routes(client.app)  # type: ignore[arg-type]
            if method == "GET" and not path.startswith("/api") and "{" not in path]
    if not html:
        pytest.skip("no web page yet")
    for path in html:
        response = client.get(path)
        if response.headers.get("content-type", "").startswith("text/html"):
            assert response.headers["Content-Security-Policy"] == PAGE_CSP, path


def test_openapi_documents_problems_and_keys(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert schema["components"]["schemas"]["Problem"]["required"] == ["type", "title", "status", "detail"]
    assert {"HTTPBearer", "APIKeyHeader"} <= schema["components"]["securitySchemes"].keys()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert "application/problem+json" in operation["responses"]["default"]["content"], (method, path)
            if "422" in operation["responses"]:
                assert "application/problem+json" in operation["responses"]["422"]["content"]


def test_unknown_query_parameters_are_ignored(client: TestClient, keys: dict[str, str]) -> None:
    plain = client.get("/api/v1/clauses", params={"limit": 3})
    assert client.get("/api/v1/clauses", params={"limit": 3, "tri": "titre", "page": 9}).json() == plain.json()
    audit = client.get("/api/v1/audit", params={"inconnu": "1"}, headers=bearer(keys["admin"]))
    assert audit.status_code == 200
