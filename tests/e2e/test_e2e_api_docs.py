"""In Chromium with every request beyond the server blocked: the API docs render from Clausier alone."""

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Route, expect

pytestmark = pytest.mark.e2e


@pytest.fixture
def offline_page(page: Page, base_url: str) -> Iterator[tuple[Page, list[str], list[str]]]:
    """``page`` cut off from everything but the test server; yields it, the requests blocked and the
    console errors (a Content-Security-Policy refusal is one)."""
    server = urlsplit(base_url).netloc
    blocked: list[str] = []
    errors: list[str] = []

    def only_the_server(route: Route) -> None:
        if urlsplit(route.request.url).netloc == server or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort("internetdisconnected")

    page.route("**/*", only_the_server)
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page, blocked, errors


def test_swagger_ui_renders_every_operation_offline(offline_page: tuple[Page, list[str], list[str]]) -> None:
    page, blocked, errors = offline_page
    page.goto("/docs")
    match = page.locator(".opblock-summary-path[data-path='/api/v1/match']")
    expect(match).to_be_visible(timeout=20_000)  # as ReDoc below: a loaded CI machine was still « loading » at 5 s
    operations = page.locator(".opblock").count()
    expected = sum(len(methods) for methods in page.request.get("/openapi.json").json()["paths"].values())
    assert operations == expected > 30
    match.click()  # an operation opens with its schema, from the same server
    expect(page.locator(".opblock-body").first).to_be_visible()
    assert blocked == [] and errors == []


def test_redoc_renders_the_operations_offline(offline_page: tuple[Page, list[str], list[str]]) -> None:
    page, blocked, errors = offline_page
    page.goto("/redoc")
    expect(page.locator("h2", has_text="Match Tender").first).to_be_visible(timeout=20_000)
    assert page.locator("[data-section-id^='tag/']").count() > 5
    # The one outside reference in ReDoc's code, Redocly's attribution logo, is refused by the policy
    # before any request is made (the link's text stays).
    logo = "Loading the image 'https://cdn.redoc.ly/redoc/logo-mini.svg' violates the following Content Security"
    assert blocked == [] and [error for error in errors if not error.startswith(logo)] == []
