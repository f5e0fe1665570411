"""Screenshots of the officers' journeys for the README: ``docs/screenshots/*.png``.

Usage: python scripts/make_screenshots.py [--out docs/screenshots] (``make docs`` runs it too)

Starts Clausier on a temporary SQLite database with the sample data (the same harness as the
end-to-end tests) and drives Debian's Chromium (/usr/bin/chromium) through each journey, on a desktop
screen and on a 360 px phone.
"""

import argparse
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

from app.config import PROJECT_ROOT

sys.path.insert(0, str(PROJECT_ROOT / "tests"))
from e2e.harness import OFFICER, PROXY_HEADER, launch_chromium, live_server, server_settings

DESKTOP, PHONE = 1280, 360
# Height of the window: long pages are cut there, the top of a page is what a screenshot needs to show.
MAX_HEIGHT = 1400
TENDER = {
    "Résumé du marché": "Nettoyage des locaux de la mairie et des écoles, vitrerie comprise",
    "Code CPV": "90911200-8",
    "Montant estimé": "250 000",
    "Lieu d'exécution": "Melun",
    "Date de lancement de la consultation": "15/09/2026",
}
BAD_REGISTRY = (
    "siret;nom;type;code_postal;commune;activites_cpv;labels\n"
    "99000003600014;ESAT Les Ateliers de la Brie;ESAT;77170;Brie-Comte-Robert;7731;Imprim'Vert:2027-03-31\n"
    "12345678901234;Entreprise au SIRET faux;entreprise;77000;Melun;9091;\n"
    "99000001000019;Les Ateliers du Val d'Yerres;licorne;91330;Yerres;7731;Écolabel:31/13/2027\n"
)


def shoot(page: Page, out: Path, name: str) -> None:
    """The top of the page (the window is ``MAX_HEIGHT`` high, so sticky bars sit at its bottom)."""
    page.screenshot(path=str(out / f"{name}.png"))
    print(f"  {out / name}.png")


def journey_tender(page: Page, out: Path, suffix: str = "") -> None:
    """Journey 1: paste, proposals, variables with the preview."""
    page.goto("/")
    for label, value in TENDER.items():
        page.get_by_label(label).fill(value)
    page.get_by_label("Nature du marché").select_option("services")
    shoot(page, out, f"1-accueil{suffix}")
    page.get_by_role("button", name="Proposer des clauses").click()
    shoot(page, out, f"1-propositions{suffix}")
    page.get_by_role("button", name="Continuer : compléter les clauses").click()
    first = page.locator("section.clause-variables input[inputmode]").first
    if first.count():
        first.fill("8")
        page.wait_for_timeout(600)  # the live preview follows
    shoot(page, out, f"1-variables{suffix}")


def journey_library(page: Page, out: Path) -> None:
    """Journey 2: the library filtered by theme, then a clause."""
    page.goto("/bibliotheque?theme=insertion")
    shoot(page, out, "2-bibliotheque")
    page.goto("/bibliotheque/insertion-heures-execution")
    shoot(page, out, "2-clause")


def journey_suppliers(page: Page, out: Path) -> None:
    """Journey 3: search by activity and département name, a supplier with an expired label, an import refused
    with its row errors."""
    page.goto("/fournisseurs?q=nettoyage&departement=Essonne")
    shoot(page, out, "3-fournisseurs")
    page.goto("/fournisseurs/99000029100015")
    shoot(page, out, "3-fournisseur")
    page.goto("/fournisseurs/import")
    page.get_by_label("Fichier de fournisseurs (CSV ou Excel .xlsx)").set_input_files(
        files=[{"name": "registre.csv", "mimeType": "text/csv", "buffer": BAD_REGISTRY.encode()}]
    )
    page.get_by_role("button", name="Importer le fichier").click()
    page.get_by_role("heading", name="Fichier refusé").wait_for()  # the import's page, once it has finished
    shoot(page, out, "3-import-erreurs")


def journey_report(page: Page, out: Path) -> None:
    """Journey 4: the annual report of 2025 with its charts (2024 before it: the trend is a line)."""
    page.goto("/rapport?annee=2025")
    page.wait_for_load_state("networkidle")
    shoot(page, out, "4-rapport")


def new_page(browser: Browser, base_url: str, width: int) -> Page:
    context = browser.new_context(
        base_url=base_url, locale="fr-FR", viewport={"width": width, "height": MAX_HEIGHT},
        extra_http_headers={PROXY_HEADER: OFFICER},
    )
    return context.new_page()


def take_screenshots(out: Path) -> None:
    """Every journey on a desktop screen, and the tender journey on a phone, as PNG files in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as directory, live_server(server_settings(Path(directory))) as url, \
            sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        desktop = new_page(browser, url, DESKTOP)
        for journey in (journey_tender, journey_library, journey_suppliers, journey_report):
            journey(desktop, out)
        journey_tender(new_page(browser, url, PHONE), out, suffix="-mobile")
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "docs" / "screenshots")
    take_screenshots(parser.parse_args().out)


if __name__ == "__main__":
    main()
