"""Every error is an RFC 9457 problem+json body."""

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
