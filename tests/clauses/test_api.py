"""Clause library API: themes, list and filters, detail, export, rendering."""

import re

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.bootstrap import builtin_library
from app.clauses.themes import THEME_IDS
from app.clauses.values import PLACEHOLDER, render_text, resolve_values
from app.config import PROJECT_ROOT

REQUIRED_FIELDS = {"id", "version", "status", "title", "kind", "document", "themes", "decp_value",
                   "legal_basis", "verification", "variables", "text"}


def test_themes_are_the_fixed_taxonomy(client: TestClient) -> None:
    themes = client.get("/api/v1/themes").json()
    assert {t["id"] for t in themes} == THEME_IDS
    assert {t["pillar"] for t in themes} == {"social", "environnement", "transversal"}


def test_list_filters_and_pagination(client: TestClient) -> None:
    everything = client.get("/api/v1/clauses?limit=500").json()
    assert everything["total"] == len(everything["items"]) > 0
    assert everything["items"][0].keys() >= REQUIRED_FIELDS
    insertion = client.get("/api/v1/clauses?theme=insertion&limit=500").json()
    assert insertion["total"] >= 1
    assert all("insertion" in c["themes"] for c in insertion["items"])
    rc = client.get("/api/v1/clauses?document=RC&limit=500").json()
    assert all(c["document"] == "RC" for c in rc["items"])
    page = client.get("/api/v1/clauses?limit=2&offset=1").json()
    assert [c["id"] for c in page["items"]] == [c["id"] for c in everything["items"][1:3]]


def test_fuzzy_search_tolerates_typos(client: TestClient) -> None:
    found = client.get("/api/v1/clauses", params={"q": "heures d'insertoin"}).json()
    ids = [c["id"] for c in found["items"]]
    assert "insertion-heures-execution" in ids
    assert all(i.startswith("insertion-") for i in ids), ids  # no unrelated clause sharing "heures"


def test_search_reads_oe_as_the_ligature(client: TestClient) -> None:
    """« oeuvre », as most keyboards type it, found nothing where « œuvre » found the clauses naming the « maître
    d'œuvre »."""
    spelled = [c["id"] for c in client.get("/api/v1/clauses", params={"q": "oeuvre"}).json()["items"]]
    ligature = [c["id"] for c in client.get("/api/v1/clauses", params={"q": "œuvre"}).json()["items"]]
    assert spelled and spelled == ligature


def test_unknown_clause_and_version_are_404(client: TestClient) -> None:
    assert client.get("/api/v1/clauses/nexiste-pas").status_code == 404
    response = client.get("/api/v1/clauses/insertion-heures-execution?version=99")
    assert response.status_code == 404
    assert "version 99" in response.json()["detail"]


def test_export_holds_the_whole_library(client: TestClient) -> None:
    exported = client.get("/api/v1/clauses/export").json()
    assert len(exported["clauses"]) == len(builtin_library(PROJECT_ROOT / "clauses"))


def test_render_with_values_and_errors(client: TestClient) -> None:
    url = "/api/v1/clauses/insertion-heures-execution/render"
    ok = client.post(url, json={"variables": {"heures": "1 200"}})
    assert ok.status_code == 200, ok.text
    assert "1\u00a0200 heures" in ok.json()["text"]
    bad = client.post(url, json={"variables": {"heures": "beaucoup", "inconnue": 1}})
    assert bad.status_code == 422
    problems = {e["variable"]: e["message"] for e in bad.json()["errors"]}
    assert problems.keys() == {"heures", "inconnue"}
    assert "n'est pas un nombre" in problems["heures"]


def test_render_refuses_out_of_bounds(client: TestClient) -> None:
    bad = client.post("/api/v1/clauses/insertion-heures-execution/render", json={"variables": {"heures": 0}})
    assert bad.status_code == 422
    assert "minimum" in bad.json()["errors"][0]["message"]


@pytest.mark.parametrize("clause", builtin_library(PROJECT_ROOT / "clauses"), ids=lambda c: c.id)
def test_every_builtin_clause_renders_with_its_defaults(clause) -> None:  # type: ignore[no-untyped-def]
    formatted, problems = resolve_values(clause, {})
    assert problems == []
    text = render_text(clause, formatted)
    assert not PLACEHOLDER.search(text)
    assert "[à compléter" not in text
    assert not re.search(r"{{|}}|{%", text)


def test_session_fixture_sees_synced_library(session: Session) -> None:
    from app.clauses.service import current_clauses

    assert {c.id for c in current_clauses(session=session)} >= {"insertion-heures-execution"}
