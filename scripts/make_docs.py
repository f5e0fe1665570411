"""Regenerate the artefacts of ``docs/`` so a reader sees what officers get.

One function per artefact; ``main()`` calls them all (``make docs``). To add a screenshot, write a
``make_<artefact>()`` function and call it from ``main()``; ``pdf_pages_png`` and
``docx_pages_png`` turn the first pages of a PDF or a Word file into images.

Needs LibreOffice (``soffice``) and poppler (``pdftoppm``) for the images.
"""

import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import Session

from app.bootstrap import builtin_library, prepare_database
from app.clauses.values import render_text, resolve_values
from app.config import PROJECT_ROOT, Settings
from app.db import make_engine
from app.documents.builder import DocumentMeta, RenderedClause, build_document
from app.documents.service import rendered_clause
from app.reports.render import write_annual_report

DOCS = PROJECT_ROOT / "docs"
RESOLUTION_DPI = 60
# The report example: the demo territory's last year (2024 before it: the trend has two points), its first pages.
REPORT_YEAR, REPORT_PAGES = 2025, 4

# A cleaning contract with an insertion action: one clause or more per part of the tender file.
EXAMPLE_CLAUSES: dict[str, dict[str, Any]] = {
    "insertion-critere-performance": {},
    "insertion-heures-execution": {
        "heures": 1200, "perimetre": "les prestations de nettoyage des bâtiments",
    },
    "insertion-penalite-heures": {},
    "conditions-de-travail-nettoyage-en-journee": {},
    "ecolabels-produits-entretien-specification": {},
}
EXAMPLE_META = DocumentMeta(
    title="Clauses sociales et environnementales du marché de nettoyage",
    buyer="Communauté de communes du Val d'Exemple",
    tender_object="Nettoyage et entretien des bâtiments communautaires (4 lots)",
    reference="2026-NET-014",
    date=date(2026, 3, 2),
)


def tool(name: str) -> str:
    """Path of a system tool the images need; a clear message when it is missing."""
    path = shutil.which(name)
    if path is None:
        raise SystemExit(f"{name} introuvable : installez LibreOffice et poppler-utils (voir .ci/run).")
    return path


def pdf_pages_png(pdf: Path, png: Path, pages: int = 1) -> list[Path]:
    """The first ``pages`` pages of ``pdf`` as PNG (``pdftoppm -png -r 60``): ``png`` itself for one page,
    ``<png stem>-1.png``, ``-2.png``… for several."""
    stem = png.with_suffix("")
    subprocess.run(
        [tool("pdftoppm"), "-png", "-r", str(RESOLUTION_DPI), *(["-singlefile"] if pages == 1 else []),
         "-f", "1", "-l", str(pages), str(pdf), str(stem)],
        check=True, timeout=120,
    )
    return [png] if pages == 1 else sorted(stem.parent.glob(f"{stem.name}-*.png"))


def docx_pages_png(document: Path, png: Path, pages: int = 1) -> list[Path]:
    """The first pages of a Word file as PNG (see ``pdf_pages_png``), rendered by LibreOffice with a throw-away
    profile."""
    with tempfile.TemporaryDirectory() as work:
        subprocess.run(
            [tool("soffice"), f"-env:UserInstallation=file://{work}/profile", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", work, str(document)],
            check=True, capture_output=True, timeout=240,
        )
        return pdf_pages_png(Path(work) / f"{document.stem}.pdf", png, pages)


def example_clauses() -> list[RenderedClause]:
    """The example's clauses from the built-in library, with their values filled in."""
    library = {doc.id: doc for doc in builtin_library(PROJECT_ROOT / "clauses")}
    clauses = []
    for clause_id, values in EXAMPLE_CLAUSES.items():
        doc = library.get(clause_id)
        if doc is None:
            print(f"  clause absente de la bibliothèque, ignorée : {clause_id}")
            continue
        formatted, problems = resolve_values(doc, values)
        if problems:
            raise SystemExit(f"{clause_id} : " + "; ".join(f"{p.label} : {p.message}" for p in problems))
        clauses.append(rendered_clause(doc, render_text(doc, formatted)))
    return clauses


def make_document_example() -> None:
    """``docs/exemple-clauses.docx`` and ``docs/exemple-clauses-page1.png``."""
    document = DOCS / "exemple-clauses.docx"
    document.write_bytes(build_document(EXAMPLE_META, example_clauses()))
    print(f"  {document.relative_to(PROJECT_ROOT)}")
    for image in docx_pages_png(document, DOCS / "exemple-clauses-page1.png"):
        print(f"  {image.relative_to(PROJECT_ROOT)}")


def make_report_example() -> None:
    """``docs/exemple-rapport-2025.docx`` and its first pages as ``docs/exemple-rapport-2025-<n>.png``: the annual
    report of the demo territory (fictional communes and their agglomeration, 2024 and 2025 contracts)."""
    with tempfile.TemporaryDirectory() as work:
        settings = Settings(DATABASE_URL=f"sqlite:///{work}/rapport.db", LOAD_SAMPLE_DATA=True,
                            _env_file=None)  # type: ignore[call-arg]
        engine = make_engine(settings.DATABASE_URL)
        prepare_database(engine, settings)
        with Session(engine) as session:
            files = write_annual_report(session, year=REPORT_YEAR, out_dir=Path(work) / "rapport")
        engine.dispose()
        document = DOCS / f"exemple-rapport-{REPORT_YEAR}.docx"
        shutil.copyfile(files.docx, document)
    print(f"  {document.relative_to(PROJECT_ROOT)}")
    for old in DOCS.glob(f"exemple-rapport-{REPORT_YEAR}-*.png"):
        old.unlink()
    for image in docx_pages_png(document, DOCS / f"exemple-rapport-{REPORT_YEAR}.png", REPORT_PAGES):
        print(f"  {image.relative_to(PROJECT_ROOT)}")


def make_screenshots() -> None:
    """``docs/screenshots/*.png``: the officers' journeys in Chromium, desktop and 360 px."""
    from make_screenshots import take_screenshots  # the sibling script (scripts/ is on the path)

    take_screenshots(DOCS / "screenshots")


def main() -> None:
    DOCS.mkdir(exist_ok=True)
    print("Documents d'exemple :")
    make_document_example()
    make_report_example()
    print("Captures d'écran :")
    make_screenshots()


if __name__ == "__main__":
    main()
