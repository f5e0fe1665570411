from fastapi.testclient import TestClient

from app import __version__
from app.config import Settings
from app.main import create_app


def test_health_reports_ok_with_version_and_database(client: TestClient) -> None:
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "version": __version__, "database": "ok"}


def test_health_is_503_when_database_is_unreachable() -> None:
    settings = Settings(
        DATABASE_URL="postgresql+psycopg://nobody:x@127.0.0.1:9/absent",
        _env_file=None,  # type: ignore[call-arg]
    )
    client = TestClient(create_app(settings))  # no lifespan: nothing is migrated
    response = client.get("/api/v1/health")
    assert response.status_code == 503
    assert response.json()["database"] == "error"


def test_openapi_and_docs_are_served(client: TestClient) -> None:
    assert client.get("/openapi.json").json()["info"]["title"] == "Clausier"
    assert client.get("/docs").status_code == 200
