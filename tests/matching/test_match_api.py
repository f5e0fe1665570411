"""``POST /api/v1/match``: response shape, French problem+json errors naming the field, index refresh."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.clauses.service import get_version, retire_clause

TENDER = {"text": "Marché de nettoyage des locaux de la mairie et des écoles", "cpv": ["90911200-8"],
          "amount_eur": 450_000, "nature": "services", "date": "2026-09-01", "limit": 5}


def test_match_returns_ranked_clauses_obligations_and_codes(client: TestClient) -> None:
    response = client.post("/api/v1/match", json=TENDER)
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"matches", "obligations", "cautions", "inferred_cpv", "understood", "insertion"}
    assert len(body["matches"]) >= 5
    first = body["matches"][0]
    assert set(first) == {"clause_id", "version", "title", "kind", "document", "decp_value", "themes", "score",
                          "reasons", "recommended", "recommendation"}
    assert first["recommended"] is True
    assert first["recommendation"] == "clause essentielle d'un marché de nettoyage de locaux"
    assert first["clause_id"] == "insertion-heures-services-recurrents"
    assert first["themes"] == ["insertion"]
    assert first["score"] == 100
    assert "code CPV 90911200 : nettoyage de locaux" in first["reasons"]
    ranked = [item["score"] for item in body["matches"][:5]]
    assert ranked == sorted(ranked, reverse=True)
    ids = [item["id"] for item in body["obligations"]]
    assert ids[:2] == ["climat-resilience-environnement", "climat-resilience-social"]
    social = body["obligations"][1]
    assert set(social) == {"id", "title", "legal_basis", "clause_ids", "explanation", "certainty", "to_check"}
    assert social["certainty"] == "to-check" and "L2112-2-1" in social["to_check"]
    assert body["obligations"][0]["certainty"] == "verified" and body["obligations"][0]["to_check"] is None
    assert social["legal_basis"] == ["CCP L2112-2-1", "Loi 2021-1104 art. 35"]
    assert body["inferred_cpv"] == []
    assert body["understood"]["source"] == "formulaire" and body["understood"]["amount_eur"] == 450_000
    assert body["understood"]["object"] == [{"id": "nettoyage-locaux", "label": "nettoyage de locaux"}]


def test_recommended_clauses_and_what_was_read_from_the_text(client: TestClient) -> None:
    text = ("Construction d'un gymnase : 3 lots, lot 1 gros œuvre, lot 2 charpente bois, lot 3 électricité. "
            "Estimation 1,2 M€ HT.")
    body = client.post("/api/v1/match", json={"text": text, "date": "2026-09-01", "limit": 3}).json()
    recommended = [item["clause_id"] for item in body["matches"] if item["recommended"]]
    assert {"insertion-heures-execution", "dechets-emballages-soged-chantier"} <= set(recommended)
    assert len(body["matches"]) >= len(recommended) > 3  # the recommended clauses are all there, beyond the limit
    understood = body["understood"]
    assert (understood["amount_eur"], understood["source"], understood["amount_text"]) == (
        1_200_000, "texte", "1,2 M€ HT")
    assert understood["lot_count"] == 3
    assert understood["lots"][1] == {"number": 2, "label": "charpente bois", "reserved": False}
    assert understood["object_text"].splitlines()[1:4] == ["Lot 1 : gros œuvre", "Lot 2 : charpente bois",
                                                           "Lot 3 : électricité"]
    insertion = body["insertion"]
    assert insertion["clause_id"] == "insertion-heures-execution" and insertion["variable"] == "heures"
    assert (insertion["labour_share"]["value"], insertion["rate"]["value"], insertion["hourly_cost_eur"]["value"]) == (
        0.5, 0.05, 30)
    assert insertion["hours"] == 1000
    assert insertion["formula"] == "1\u00a0200\u00a0000 € HT × 50 % × 5 % ÷ 30 €/h = 1\u00a0000 heures"


def test_cpv_is_inferred_when_none_is_given(client: TestClient) -> None:
    body = client.post("/api/v1/match", json={"text": "Restauration scolaire en liaison froide"}).json()
    assert body["inferred_cpv"][0] == "55520000"
    assert body["matches"][0]["themes"][0] == "alimentation-durable"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"text": "   "}, "text", "texte vide"),
        ({"text": ""}, "text", "texte vide : décrivez l'objet du marché"),
        ({"text": "x" * 20_001}, "text", "texte trop long"),
        ({"cpv": ["9091120"]}, "cpv.0", "8 chiffres attendus"),
        ({"cpv": ["90911200-8", "28213700-5"]}, "cpv.1", "la division 28 n'existe pas"),
        ({"amount_eur": -1}, "amount_eur", "valeur trop petite"),
        ({"nature": "location"}, "nature", "valeurs permises : travaux, fournitures ou services"),
        ({"date": "2026-02-30"}, "date", "date inexistante : « 2026-02-30 »"),
        ({"date": "demain"}, "date", "date attendue"),
        ({"limit": 0}, "limit", "valeur trop petite"),
        ({"limit": 51}, "limit", "valeur trop grande"),
        ({"texte": "nettoyage"}, "texte", "champ inconnu"),
    ],
)
def test_bad_input_is_a_422_naming_the_field(client: TestClient, change: dict[str, Any], field: str,
                                             message: str) -> None:
    response = client.post("/api/v1/match", json={**TENDER, **change})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    errors = response.json()["errors"]
    assert errors[0]["field"] == field
    assert message in errors[0]["message"]


def test_missing_text_is_a_422(client: TestClient) -> None:
    response = client.post("/api/v1/match", json={"cpv": ["90911200"]})
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "text", "message": "champ obligatoire"}]


def test_index_follows_the_library(client: TestClient) -> None:
    before = client.post("/api/v1/match", json=TENDER).json()["matches"]
    assert before[0]["clause_id"] == "insertion-heures-services-recurrents"
    with Session(client.app.state.engine) as session:  # type: ignore[attr-defined]
        current = get_version(session=session, clause_id="insertion-heures-services-recurrents")
        retire_clause(session=session, clause_id=current.clause_id, expected_version=current.version,
                      author="tests")
    after = client.post("/api/v1/match", json=TENDER).json()["matches"]
    assert "insertion-heures-services-recurrents" not in [item["clause_id"] for item in after]
    assert after[0]["themes"][0] == "insertion"
