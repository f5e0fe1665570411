"""Bad input corpus: each request gets a 4xx problem+json with a French detail, and the service stays up."""

import re
import tempfile
import uuid
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import inspect

RENDER = "/api/v1/clauses/insertion-heures-execution/render"
JSON = {"Content-Type": "application/json"}
# A file name climbing out of any directory: the file must never land there.
ESCAPED = Path(tempfile.gettempdir()) / f"clausier-traversal-{uuid.uuid4().hex[:8]}.csv"
TRAVERSAL = "../" * 12 + str(ESCAPED).lstrip("/")
CSV = b"siret;nom\n' OR 1=1 --;x\n"
ENGLISH = re.compile(r"\b(the|is|not found|error|invalid|field required|too large)\b", re.IGNORECASE)

CORPUS: list[tuple[str, str, str, dict[str, Any], int]] = [
    ("sql-in-path", "GET", "/api/v1/clauses/x' OR '1'='1", {}, 404),
    ("sql-in-id", "POST", "/api/v1/clauses", {"json": {"id": "x'; DROP TABLE clause; --"}}, 422),
    ("sql-in-filter", "GET", "/api/v1/audit", {"params": {"actor": "' OR 1=1 --", "limit": "1; DROP TABLE x"}}, 422),
    ("traversal-in-path", "GET", "/api/v1/clauses/..%2F..%2F..%2Fetc%2Fpasswd", {}, 404),
    ("traversal-in-key-id", "POST", "/api/v1/keys/..%2F..%2Fetc/revoke", {}, 404),
    ("traversal-in-purchase-file", "POST", "/api/v1/purchases/import", {"files": {"file": (TRAVERSAL, CSV)}}, 422),
    ("traversal-in-supplier-file", "POST", "/api/v1/suppliers/import", {"files": {"file": (TRAVERSAL, CSV)}}, 422),
    ("traversal-in-supplier-name", "POST", "/api/v1/suppliers/import",
     {"params": {"filename": TRAVERSAL}, "content": CSV, "headers": {"Content-Type": "text/csv"}}, 422),
    ("traversal-in-template", "POST", "/api/v1/documents/with-template",
     {"files": {"template": (TRAVERSAL, b"PK\x03\x04")}, "data": {"data": '{"clauses": [{"id": "x"}]}'}}, 422),
    ("json-10-mb", "POST", RENDER, {"content": b'{"variables": {"a": "' + b"x" * 10_000_000 + b'"}}',
                                    "headers": JSON}, 413),
    ("invalid-utf8", "POST", RENDER, {"content": b'{"variables": {"heures": "\xff\xfe\xc3"}}', "headers": JSON}, 400),
    ("nul-escape-in-json", "POST", RENDER, {"content": b'{"variables": {"heures": "1\\u0000"}}', "headers": JSON},
     400),
    ("nul-byte-in-json", "POST", RENDER, {"content": b'{"variables": {"heures": "1\x00"}}', "headers": JSON}, 400),
    ("nul-in-path", "GET", "/api/v1/clauses/a%00b", {}, 400),
    ("nul-in-query", "GET", "/api/v1/clauses", {"params": {"q": "a\x00b"}}, 400),
    ("lone-surrogate", "POST", RENDER, {"content": b'{"variables": {"heures": "\\ud800"}}', "headers": JSON}, 400),
    ("huge-int-5000-digits", "POST", RENDER, {"content": b'{"version": 1' + b"0" * 5000 + b"}", "headers": JSON}, 400),
    ("huge-int-for-the-database", "POST", RENDER, {"json": {"version": 10**30}}, 422),
    ("huge-int-in-query", "GET", "/api/v1/clauses/insertion-heures-execution", {"params": {"version": 10**20}}, 422),
    ("huge-int-over-bound", "GET", "/api/v1/audit", {"params": {"limit": 10**40}}, 422),
    ("nested-10000-arrays", "POST", RENDER, {"content": b"[" * 10_000 + b"]" * 10_000, "headers": JSON}, 400),
    ("nested-10000-objects", "POST", RENDER, {"content": b'{"a":' * 10_000 + b"1" + b"}" * 10_000,
                                              "headers": JSON}, 400),
    ("truncated-json", "POST", RENDER, {"content": b'{"variables": {', "headers": JSON}, 400),
    ("bad-content-length", "POST", RENDER, {"content": b"{}", "headers": {**JSON, "Content-Length": "abc"}}, 400),
]


def check(client: TestClient, method: str, path: str, kwargs: dict[str, Any], status: int) -> str:
    """'' when the request gets the expected problem and the service still answers, else what went wrong."""
    response = client.request(method, path, **kwargs)
    if response.status_code != status or response.headers["content-type"] != "application/problem+json":
        return f"{response.status_code} {response.headers['content-type']} {response.text[:200]}"
    body = response.json()
    if body["status"] != status or not body["title"] or not body["type"].startswith("urn:clausier:problem:"):
        return f"corps incomplet : {body}"
    if not body["detail"] or ENGLISH.search(body["detail"]):
        return f"detail pas en français : {body['detail']!r}"
    if client.get("/api/v1/health").json()["database"] != "ok":
        return "service arrêté"
    return ""


def test_bad_input_gets_a_french_problem_and_the_service_stays_up(client: TestClient) -> None:
    # One database for the whole corpus (each case still reports on its own).
    failures = {name: problem for name, *case in CORPUS if (problem := check(client, *case))}
    assert failures == {}
    assert not ESCAPED.exists()
    assert client.get("/api/v1/clauses", params={"limit": 1}).json()["total"] > 0
    tables = inspect(client.app.state.engine).get_table_names()  # type: ignore[attr-defined]
    assert {"clause", "api_key", "audit_event"} <= set(tables)
