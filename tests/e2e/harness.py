"""A real Clausier server in a background thread, Debian's Chromium driven by Playwright, and an accessibility audit.

Used by the end-to-end tests and by ``scripts/make_screenshots.py``, so the screenshots show exactly
what the tests exercise.
"""

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
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


# What an axe-core run would check first, in plain DOM terms: lang, one h1, landmarks, labelled fields,
# images with alt, and the WCAG AA contrast of every piece of text against its actual background.
AUDIT = """() => {
  const fields = [...document.querySelectorAll(
    "input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea")];
  const rgb = (text) => (text.match(/[\\d.]+/g) || []).map(Number);
  const channel = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const background = (element) => {
    for (let node = element; node; node = node.parentElement) {
      const colour = rgb(getComputedStyle(node).backgroundColor);
      if (colour.length === 3 || colour[3] > 0.5) { return colour.slice(0, 3); }
    }
    return [255, 255, 255];
  };
  const lowContrast = [];
  for (const element of document.querySelectorAll("body *")) {
    const text = [...element.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join("").trim();
    const style = getComputedStyle(element);
    if (!text || style.visibility === "hidden" || element.getClientRects().length === 0) { continue; }
    if (element.closest(".sr, .evitement")) { continue; }
    const [a, b] = [luminance(rgb(style.color).slice(0, 3)), luminance(background(element))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight, 10) >= 700;
    const large = size >= 24 || (bold && size >= 18.66);
    if (ratio < (large ? 3 : 4.5)) { lowContrast.push(text.slice(0, 40) + " (" + ratio.toFixed(2) + ")"); }
  }
  return {
    lang: document.documentElement.lang,
    h1: document.querySelectorAll("h1").length,
    title: document.title,
    landmarks: ["header[role=banner]", "nav", "main", "footer[role=contentinfo]"]
      .filter((selector) => !document.querySelector(selector)),
    unlabelled: fields.filter((f) => !(f.labels && f.labels.length) && !f.getAttribute("aria-label"))
      .map((f) => f.name || f.id),
    imagesWithoutAlt: [...document.images].filter((img) => !img.getAttribute("alt")).map((img) => img.src),
    lowContrast,
  };
}"""


def assert_accessible(page: Page) -> None:
    """The page passes ``AUDIT``: French, one h1, a title, landmarks, labels, alt texts, AA contrast."""
    audit = page.evaluate(AUDIT)
    assert audit == audit | {"lang": "fr", "h1": 1, "landmarks": [], "unlabelled": [], "imagesWithoutAlt": [],
                             "lowContrast": []}
    assert audit["title"].endswith("— Clausier")
