"""Follow-up tests keep evidence files in the test's folder, with a small size limit."""

from pathlib import Path

import pytest

from app.config import Settings

MAX_EVIDENCE_BYTES = 300_000


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return Settings(
        DATABASE_URL=db_url, LOAD_SAMPLE_DATA=False, RATE_LIMIT_PER_MINUTE=0, EVIDENCE_DIR=tmp_path / "justificatifs",
        MAX_EVIDENCE_BYTES=MAX_EVIDENCE_BYTES, _env_file=None,  # type: ignore[call-arg]
    )
