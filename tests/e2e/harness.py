"""A real Clausier server in a background thread, Debian's Chromium driven by Playwright, and an accessibility audit.

Used by the end-to-end tests and by ``scripts/make_screenshots.py``, so the screenshots show exactly
what the tests exercise.
"""

import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import uvicorn
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, Playwright

from app.cli import SERVER_OPTIONS
from app.config import Settings
from app.main import create_app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
PROXY_HEADER = "X-Remote-User"
OFFICER = "claire.martin"


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def server_settings(directory: Path) -> Settings:
    """A fresh SQLite database with the sample registry and contracts, behind an officer-naming proxy."""
    return Settings(
        DATABASE_URL=f"sqlite:///{directory / 'e2e.db'}", LOAD_SAMPLE_DATA=True, RATE_LIMIT_PER_MINUTE=0,
        TRUSTED_USER_HEADER=PROXY_HEADER, EVIDENCE_DIR=directory / "justificatifs",
        _env_file=None,  # type: ignore[call-arg]
    )


@contextmanager
def live_server(settings: Settings) -> Iterator[str]:
    """Serve the app with uvicorn on 127.0.0.1 in a thread, as ``clausier serve`` does; yields its base URL."""
    port = free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning", lifespan="on",
                            **SERVER_OPTIONS)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("le serveur de test n'a pas démarré")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def launch_chromium(playwright: Playwright) -> Browser:
    """Debian's Chromium, headless, with nothing that talks to the internet."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


# axe-core (Deque's engine, shipped with axe-playwright-python) on the WCAG 2.2 A and AA rules and its best
# practices: language, title, one h1, landmarks, labels, alt texts, contrast, ARIA, names of links and buttons…
AXE = Axe()
AXE_RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa",
                                                   "best-practice"]}}


def assert_accessible(page: Page) -> None:
    """The page passes axe-core's WCAG 2.2 AA and best-practice rules, in French, with a title of the site.

    axe-core runs in the page's JavaScript: a page shown without it (no ``js`` class, which clausier.js sets) is
    audited as a copy, its scripts left out, in a page of the same site with JavaScript on.
    """
    if page.evaluate("document.documentElement.classList.contains('js')"):
        violations = AXE.run(page, options=AXE_RULES).response["violations"]
    else:
        assert page.context.browser is not None
        copy = page.context.browser.new_page()
        try:
            origin = "{0.scheme}://{0.netloc}".format(urlsplit(page.url))
            copy.goto(f"{origin}/api/v1/health")
            copy.set_content(re.sub(r"<script\b.*?</script>", "", page.content(), flags=re.DOTALL))
            violations = AXE.run(copy, options=AXE_RULES).response["violations"]
        finally:
            copy.close()
    problems = [
        f"{violation['id']}: {violation['help']} ({', '.join(str(node['target']) for node in violation['nodes'][:3])})"
        for violation in violations
    ]
    assert not problems, "axe-core : " + " ; ".join(problems)
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert page.title().endswith("— Clausier")
