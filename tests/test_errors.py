"""Every error is an RFC 9457 problem+json body."""

from typing import Any

from fastapi.testclient import TestClient

PROBLEM_KEYS = {"type", "title", "status", "detail"}


def assert_problem(response, status: int) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body.keys() >= PROBLEM_KEYS
    assert body["status"] == status
    assert body["detail"]
    return body


def test_unknown_url_is_a_problem(client: TestClient) -> None:
    body = assert_problem(client.get("/api/v1/nothing-here"), 404)
    assert body["type"] == "urn:clausier:problem:not-found"


def test_wrong_method_is_a_problem(client: TestClient) -> None:
    assert_problem(client.delete("/api/v1/health"), 405)


def test_bounds_are_written_the_french_way(client: TestClient) -> None:
    """A bound an officer reads in ``detail`` is a French number (« minimum 0 », not « minimum 0.0 »)."""
    body = assert_problem(client.post("/api/v1/match", json={"text": "Nettoyage", "amount_eur": -3}), 422)
    assert body["detail"] == "amount_eur : valeur trop petite (minimum 0)"
    body = assert_problem(client.post("/api/v1/documents", json={"clauses": []}), 422)
    assert body["detail"] == "clauses : liste trop courte (au moins 1 élément)"


def test_describe_validation_errors_formats_numbers_and_strict_bounds() -> None:
    from pydantic import BaseModel, Field, ValidationError

    from app.errors import describe_validation_errors

    class Bounded(BaseModel):
        rate: float = Field(gt=0.5, le=10_000)

    for value, expected in ((0.2, "valeur trop petite (strictement supérieure à 0,5)"),
                            (20_000, "valeur trop grande (maximum 10\u00a0000)")):
        try:
            Bounded(rate=value)
        except ValidationError as exc:
            assert describe_validation_errors(list(exc.errors()))[0]["message"] == expected
        else:
            raise AssertionError(value)


def test_a_mistyped_clause_id_names_the_clause_meant(client: TestClient) -> None:
    body = assert_problem(client.get("/api/v1/clauses/alimentation-durable-menu-vegetarian"), 404)
    assert body["detail"] == ("Clause inconnue : « alimentation-durable-menu-vegetarian » (voulez-vous dire "
                              "« alimentation-durable-menu-vegetarien » ?).")
    body = assert_problem(client.get("/api/v1/clauses/sans-rapport"), 404)
    assert body["detail"] == "Clause inconnue : « sans-rapport »."


def test_api_validation_errors_are_french_without_raw_patterns(client: TestClient) -> None:
    """A SIRET of 13 digits, a date that does not exist, a whole amount with cents, a status outside its list:
    each said in French (they read « String should match pattern '^[0-9]{14}$' », « Input should be a valid
    integer, got a number with a fractional part », « date attendue (AAAA-MM-JJ) » for a well-formed date)."""
    body = assert_problem(client.post("/api/v1/tenders", json={
        "title": "Entretien", "summary": "Entretien des espaces verts", "buyer_siret": "1234567890123",
        "launch_date": "2026-02-31", "amount_eur": 12000.5}), 422)
    messages = {error["field"]: error["message"] for error in body["errors"]}
    assert messages == {"buyer_siret": "14 chiffres attendus (SIRET) : « 1234567890123 »",
                        "launch_date": "date inexistante : « 2026-02-31 »",
                        "amount_eur": "nombre entier attendu (sans décimales)"}
    moved = assert_problem(client.post("/api/v1/tenders/1/status", json={"status": "archive"}), 422)
    assert moved["errors"][0]["message"] == (
        "valeur « archive » non autorisée ; valeurs permises : brouillon, pret, publie")


def test_every_validation_message_is_french() -> None:
    """Whatever pydantic refuses, the message is French: an error type without a translation says « valeur
    invalide » rather than pydantic's English."""
    from decimal import Decimal

    from pydantic import BaseModel, Field, ValidationError

    from app.errors import describe_validation_errors

    class Typed(BaseModel):
        amount: Decimal = Field(max_digits=15, decimal_places=2)
        url: Any = Field(default=None)
        flag: frozenset[int] = frozenset()

    try:
        Typed.model_validate({"amount": "1.005", "flag": "x"})
    except ValidationError as exc:
        messages = [error["message"] for error in describe_validation_errors(list(exc.errors()))]
    assert messages == ["au plus 2 décimales (centimes)", "valeur invalide"]
