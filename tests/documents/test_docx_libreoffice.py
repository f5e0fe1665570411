"""A second word processor reads our files: LibreOffice converts them to PDF, pdftotext reads the PDF back."""

import subprocess
from datetime import date
from pathlib import Path

import pytest

from app.documents.builder import DocumentMeta, build_document
from tests.conftest import require_tool
from tests.documents.docx_checks import SAMPLE_CLAUSES, make_template

pytestmark = pytest.mark.slow

META = DocumentMeta(
    buyer="Syndicat intercommunal des eaux", tender_object="Réfection de la station de pompage",
    reference="2026-014", date=date(2026, 3, 1),
)


def pdf_texts(tmp_path: Path, documents: dict[str, bytes]) -> dict[str, str]:
    """Text of each document once LibreOffice has converted it to PDF (private profile, bounded time)."""
    soffice, pdftotext = require_tool("soffice"), require_tool("pdftotext")
    for name, content in documents.items():
        (tmp_path / f"{name}.docx").write_bytes(content)
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(tmp_path), *(str(tmp_path / f"{name}.docx") for name in documents)],
        check=True, capture_output=True, timeout=240,
    )
    texts = {}
    for name in documents:
        result = subprocess.run(
            [pdftotext, "-layout", str(tmp_path / f"{name}.pdf"), "-"], check=True, capture_output=True, timeout=60
        )
        texts[name] = " ".join(result.stdout.decode("utf-8").replace("\u00a0", " ").split())
    return texts


def test_libreoffice_renders_titles_values_and_page_numbers(tmp_path: Path) -> None:
    texts = pdf_texts(tmp_path, {
        "standalone": build_document(META, SAMPLE_CLAUSES),
        "merged": build_document(META, SAMPLE_CLAUSES, template=make_template()),
    })
    standalone, merged = texts["standalone"], texts["merged"]
    for expected in (
        "Clauses à insérer dans le dossier de consultation",
        "Syndicat intercommunal des eaux",
        "1er mars 2026",
        "Clauses à insérer dans le RC",
        "Article 1 – Insertion professionnelle",
        "12 000 heures d'insertion",
        "pondérée à 15 %",
        "50 € par heure",
        "Nature et fondement des clauses",
        "Justificatifs à demander",
        "2026-014 – Page 1 sur",
    ):
        assert expected in standalone, expected
    for expected in (
        "Mairie de Bourg-Test – CCAP",
        "Préambule propre au modèle.",
        "Clauses à insérer dans l'AE",
        "Article 1 – Engagement sur l'insertion",
        "Dispositions finales du modèle.",
        "Pied de page du modèle",
    ):
        assert expected in merged, expected
    assert "{{CLAUSES}}" not in merged
    order = [merged.index(text) for text in ("Préambule propre", "Clauses à insérer dans le RC", "Dispositions")]
    assert order == sorted(order)
