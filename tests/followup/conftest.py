"""Follow-up tests keep evidence files in the test's folder, with a small size limit; pages are called by an
officer the intranet's proxy names."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from tests.web.conftest import OFFICER, PROXY_HEADER

MAX_EVIDENCE_BYTES = 300_000


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return Settings(
        DATABASE_URL=db_url, LOAD_SAMPLE_DATA=False, RATE_LIMIT_PER_MINUTE=0, EVIDENCE_DIR=tmp_path / "justificatifs",
        MAX_EVIDENCE_BYTES=MAX_EVIDENCE_BYTES, TRUSTED_USER_HEADER=PROXY_HEADER, _env_file=None,  # type: ignore[call-arg]
    )


@pytest.fixture
def officer(client: TestClient) -> Iterator[TestClient]:
    """A browser (no API key) whose officer the intranet's proxy has identified."""
    client.headers.pop("Authorization", None)
    client.headers[PROXY_HEADER] = OFFICER
    yield client
