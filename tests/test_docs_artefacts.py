"""The artefacts of docs/ are present and current (issue 19): every file the README links exists, the
screenshots and report pages are images, and the example report speaks as the report does today (``make docs``
regenerates them all)."""

import re

from docx import Document

from app.config import PROJECT_ROOT
from tests.wording import careless

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
PNG = b"\x89PNG\r\n\x1a\n"


def test_every_docs_link_of_the_readme_exists() -> None:
    links = re.findall(r"\]\((docs/[^)#]+)\)", README)
    assert len(links) >= 17
    missing = [link for link in links if not (PROJECT_ROOT / link).is_file()]
    assert missing == []
    for link in links:
        if link.endswith(".png"):
            assert (PROJECT_ROOT / link).read_bytes()[:8] == PNG, link
    assert len(list((PROJECT_ROOT / "docs" / "screenshots").glob("*.png"))) == 12


def test_the_example_report_is_current() -> None:
    document = Document(str(PROJECT_ROOT / "docs" / "exemple-rapport-2025.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "En 2025, les 3 acheteurs du territoire ont notifié 33 marchés" in text
    assert "Annexe : les marchés comptés, un par un" in text
    assert careless(text) == []
    assert len(document.inline_shapes) == 3  # shares, buyers, trend charts
