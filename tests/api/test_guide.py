"""docs/api-intranet.md is true: every Python example in it runs, in order, against the real app (demo data
loaded, an admin key in CLAUSIER_API_KEY), and what each one documents (status, shape) is checked; every route
it names exists; its list-limit rule is the code's."""

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from PIL import Image

from app.config import PROJECT_ROOT, Settings
from app.demo.service import load_demo
from app.paging import MAX_LIST_LIMIT
from tests.conftest import LOOPBACK

GUIDE = PROJECT_ROOT / "docs" / "api-intranet.md"
TEXT = GUIDE.read_text(encoding="utf-8")
BLOCKS = re.findall(r"```python\n(.*?)```", TEXT, re.DOTALL)


def _clauses(ns: dict[str, Any]) -> None:
    assert ns["response"].status_code == 200 and ns["response"].json()["total"] > 0


def _match(ns: dict[str, Any]) -> None:
    proposals = ns["proposals"]
    assert proposals["matches"] and any(match["recommended"] for match in proposals["matches"])
    assert {"object", "amount_eur", "source", "lots"} <= set(proposals["understood"])


def _document(ns: dict[str, Any]) -> None:
    assert ns["response"].status_code == 200
    assert ns["response"].headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    assert Path("2025-RS-01.docx").read_bytes()[:2] == b"PK"


def _report(ns: dict[str, Any]) -> None:
    assert ns["indicators"]["contracts"] > 0 and 0 <= ns["social"]["share_count"] <= 1


def _contracts(ns: dict[str, Any]) -> None:
    assert ns["rows"] and ns["rows"][0]["consideration_sociale"] in ("oui", "non", "non renseigné")
    assert sum(row["consideration_sociale"] == "oui" for row in ns["rows"]) == ns["indicators"]["social"]["count"]


def _rename(ns: dict[str, Any]) -> None:
    saved = ns["rename"]("Heures d'insertion réservées")
    assert saved["title"] == "Heures d'insertion réservées"
    api = ns["api"]
    stale = api.put("/api/v1/clauses/insertion-heures-execution", json=saved, headers={"If-Match": '"1"'})
    assert stale.status_code == 412 and stale.headers["content-type"] == "application/problem+json"
    example = re.search(r"```json\n(.*?)```", TEXT, re.DOTALL)
    assert example is not None
    documented, body = json.loads(example.group(1)), stale.json()
    assert set(body) == set(documented)
    for key in ("type", "title", "status", "instance", "clause_id"):
        assert body[key] == documented[key], key
    assert body["detail"].split("(")[0] == documented["detail"].split("(")[0]
    assert api.put("/api/v1/clauses/insertion-heures-execution", json=saved).status_code == 428


def _errors(ns: dict[str, Any]) -> None:
    problem = ns["problem"]
    assert problem["status"] == 422 and problem["errors"]
    broken = ns["api"].post("/api/v1/match", content=b'{"text": "x",}', headers={"Content-Type": "application/json"})
    assert broken.status_code == 400 and "ligne 1, colonne" in broken.json()["detail"]


def _pages(ns: dict[str, Any]) -> None:
    assert len(ns["suppliers"]) == ns["api"].get("/api/v1/suppliers").json()["total"] > 0
    assert len(ns["contracts_2024"]) == ns["api"].get("/api/v1/purchases", params={"year": 2024}).json()["total"]


def _patiently(ns: dict[str, Any]) -> None:
    assert ns["post_patiently"]("/api/v1/match", json={"text": "Nettoyage des locaux"}).status_code == 200


def _audit(ns: dict[str, Any]) -> None:
    assert ns["events"]["items"] and all(event["resource"] == "clause" for event in ns["events"]["items"])


def _buyers(ns: dict[str, Any]) -> None:
    api = ns["api"]
    melun = api.get("/api/v1/buyers/21770288500013").json()
    assert (melun["name"], melun["parent_siret"], melun["has_logo"]) == (
        "Commune de Melun", "20005847700015", True)
    assert api.get("/api/v1/buyers/20005847700015").json()["name"] == "Communauté d'agglomération Melun Val de Seine"


def _tenders(ns: dict[str, Any]) -> None:
    assert ns["created"].status_code == 201 and ns["created"].json()["clauses"]
    assert ns["saved"].status_code == 200
    assert any(c["id"] == "egalite-non-discrimination-usagers" for c in ns["saved"].json()["clauses"])
    assert ns["lot3"].status_code == 200 and ns["lot3"].content[:2] == b"PK"


def _suppliers(ns: dict[str, Any]) -> None:
    assert ns["found"]["total"] > 0 and all(item["departement"] == "91" for item in ns["found"]["items"])
    assert ns["refused"].status_code == 422 and ns["refused"].json()["errors"][0]["field"] == "departement"


def _client(ns: dict[str, Any]) -> None:
    assert isinstance(ns["api"], TestClient)  # the guide's client, on the real app


CHECKS: list[Callable[[dict[str, Any]], None]] = [
    _client, _clauses, _match, _document, _report, _contracts, _rename, _errors, _pages, _patiently, _audit,
    _buyers, _tenders, _suppliers,
]


def test_every_example_runs_and_does_what_the_guide_says(
    client: TestClient, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    load_demo(client.app.state.engine, settings)  # type: ignore[attr-defined]
    monkeypatch.setenv("CLAUSIER_API_KEY", client.headers["Authorization"].removeprefix("Bearer "))
    monkeypatch.delenv("CLAUSIER_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    Image.new("RGB", (40, 20), "navy").save(tmp_path / "logo.png")

    def real_app(*, base_url: str, headers: dict[str, str], timeout: float) -> TestClient:
        return TestClient(client.app, base_url=base_url, headers=headers, client=LOOPBACK)

    monkeypatch.setattr(httpx, "Client", real_app)
    assert len(BLOCKS) == len(CHECKS), "un exemple du guide sans vérification (ou l'inverse)"
    namespace: dict[str, Any] = {}
    for block, check in zip(BLOCKS, CHECKS, strict=True):
        exec(compile(block, str(GUIDE), "exec"), namespace)  # the guide's own examples
        check(namespace)


ROUTE = re.compile(r"`(GET|POST|PUT|PATCH|DELETE) (/api/v1/[^`\s]*)`")


def test_every_route_the_guide_names_exists(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    named = ROUTE.findall(TEXT)
    assert len(named) >= 10
    for method, path in named:
        pattern = re.sub(r"\{[^}]+\}", "{[^}]+}", path.replace("…", "").rstrip("/"))
        assert any(re.fullmatch(pattern, known) and method.lower() in operations
                   for known, operations in paths.items()), f"{method} {path}"


def test_one_list_limit_rule_stated_and_kept(client: TestClient) -> None:
    assert f"`limit` (1 à {MAX_LIST_LIMIT}" in TEXT
    lists = 0
    for path, operations in client.get("/openapi.json").json()["paths"].items():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["name"] == "limit" and path.startswith("/api/"):
                    lists += 1
                    assert parameter["schema"]["maximum"] == MAX_LIST_LIMIT, path
    assert lists >= 8
