"""Web page fixtures: the app behind an intranet proxy that names officers, called like a browser."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.purchases.service import load_sample_purchases
from app.suppliers.transfer import load_sample_registry

PROXY_HEADER = "X-Remote-User"
OFFICER = "claire.martin"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The shared settings, with the reverse proxy's officer header configured."""
    return settings.model_copy(update={"TRUSTED_USER_HEADER": PROXY_HEADER})


@pytest.fixture
def browser(client: TestClient) -> Iterator[TestClient]:
    """The app as an anonymous browser sees it (no API key)."""
    client.headers.pop("Authorization", None)
    yield client


@pytest.fixture
def officer(browser: TestClient) -> Iterator[TestClient]:
    """A browser whose officer the intranet's proxy has identified."""
    browser.headers[PROXY_HEADER] = OFFICER
    yield browser


@pytest.fixture
def sample_data(client: TestClient, settings: Settings) -> None:
    """The sample supplier registry and contracts (fictional buyers) in the test database."""
    loading = settings.model_copy(update={"LOAD_SAMPLE_DATA": True})
    engine = client.app.state.engine  # type: ignore[attr-defined]
    load_sample_registry(engine, loading)
    load_sample_purchases(engine, loading)
