"""Web page fixtures: the app behind an intranet proxy that names officers, called like a browser."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.demo.service import load_demo

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
    """The demo data (fictional suppliers, buyers and contracts) in the test database."""
    load_demo(client.app.state.engine, settings)  # type: ignore[attr-defined]
