"""End-to-end fixtures: one live server on a temporary SQLite database, Debian's Chromium, fresh pages."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.conftest import require_tool
from tests.e2e.harness import OFFICER, PROXY_HEADER, launch_chromium, live_server, server_settings


@pytest.fixture(scope="session")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of a real Clausier (uvicorn in a thread) on a fresh database with the sample data."""
    with live_server(server_settings(tmp_path_factory.mktemp("e2e"))) as url:
        yield url


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless (skips without it on a workstation, fails in CI)."""
    require_tool("chromium", "tests de bout en bout (Playwright)")
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


def new_context(chromium: Browser, base_url: str, *, javascript: bool = True, width: int = 1280) -> BrowserContext:
    """A French browser session of an officer identified by the intranet's proxy."""
    return chromium.new_context(
        base_url=base_url, locale="fr-FR", java_script_enabled=javascript, accept_downloads=True,
        viewport={"width": width, "height": 900}, extra_http_headers={PROXY_HEADER: OFFICER},
    )


@pytest.fixture
def page(chromium: Browser, base_url: str) -> Iterator[Page]:
    """A page with JavaScript on."""
    context = new_context(chromium, base_url)
    yield context.new_page()
    context.close()


@pytest.fixture
def page_without_js(chromium: Browser, base_url: str) -> Iterator[Page]:
    """A page with JavaScript off: the journey must work with plain form posts."""
    context = new_context(chromium, base_url, javascript=False)
    yield context.new_page()
    context.close()


@pytest.fixture
def narrow_page(chromium: Browser, base_url: str) -> Iterator[Page]:
    """A 360 px wide page (small phone)."""
    context = new_context(chromium, base_url, width=360)
    yield context.new_page()
    context.close()


@pytest.fixture
def downloads(tmp_path: Path) -> Path:
    """Where downloaded files are saved."""
    return tmp_path
