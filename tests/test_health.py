from fastapi.testclient import TestClient

from app import __version__
from app.config import Settings
from app.db import make_engine
from app.main import PROBE_SECONDS, DatabaseProbe, create_app


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


def test_health_probes_the_database_at_most_once_a_second(client: TestClient) -> None:
    now = [1000.0]
    probe = DatabaseProbe(client.app.state.engine, clock=lambda: now[0])  # type: ignore[attr-defined]
    client.app.state.database_probe = probe  # type: ignore[attr-defined]
    assert client.get("/api/v1/health").status_code == 200
    probe.engine = make_engine("postgresql+psycopg://nobody:x@127.0.0.1:9/absent")
    now[0] += PROBE_SECONDS / 2
    assert client.get("/api/v1/health").status_code == 200  # the answer of the probe made half a second ago
    now[0] += PROBE_SECONDS / 2
    assert client.get("/api/v1/health").status_code == 503


def test_openapi_and_docs_are_served(client: TestClient) -> None:
    assert client.get("/openapi.json").json()["info"]["title"] == "Clausier"
    assert client.get("/docs").status_code == 200
