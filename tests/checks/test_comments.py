"""The draft returned with its findings as Word comments: anchored at their paragraphs, styles untouched,
readable again by python-docx and by LibreOffice."""

import io
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from app.checks.comments import commented_draft
from app.checks.reader import body_paragraphs
from tests.checks.support import build, check
from tests.conftest import require_tool

BLOCKS = [
    ("header", "CCAP – Marché n° 2026-40"),
    ("footer", "Établi selon le CCAG-FCS de 2009"),
    ("title", "Cahier des clauses administratives particulières"),
    ("h1", "Article 1 – Objet"),
    ("p", "Le marché de services porte sur le nettoyage des locaux. Montant estimé : 90 000 € HT. Date d'envoi de "
          "l'avis : 01/10/2026."),
    ("h1", "Article 2 – Exécution"),
    ("p", "Conformément à l'article 14 du |code des marchés publics|, les produits doivent porter l'Ecolabel "
          "européen."),
    ("table", [["Manquement", "Pénalité"], ["Retard", "Une pénalité sera appliquée"]]),
]


def _commented() -> tuple[bytes, bytes, list[str]]:
    data = build(BLOCKS)
    _draft, result = check(data)
    return data, commented_draft(data, result), [f.title for f in result.findings]


def test_each_finding_is_a_comment_at_its_paragraph() -> None:
    _data, content, titles = _commented()
    document = docx.Document(io.BytesIO(content))
    comments = list(document.comments)
    assert len(comments) == len(titles) >= 4
    assert all(c.author == "Clausier" for c in comments)
    texts = [c.text for c in comments]
    assert any("Référence périmée" in t and "article L2112-2 du code de la commande publique" in t for t in texts)
    assert any("Label exigé sans « ou équivalent »" in t for t in texts)
    assert any("Emplacement : pied de page" in t for t in texts)
    # The outdated reference is anchored on the paragraph that cites it, split runs included.
    paragraphs = [p for p, _ in body_paragraphs(document)]
    anchored = {
        "".join(t.text or "" for t in p.iter(qn("w:t"))): len(p.findall(qn("w:commentRangeStart")))
        for p in paragraphs
    }
    cited = next(text for text in anchored if "article 14" in text)
    assert anchored[cited] >= 2  # the outdated reference and the label
    cell = next(text for text in anchored if text == "Une pénalité sera appliquée")
    assert anchored[cell] == 0 and anchored["Retard"] == 1  # the row's first cell carries it


def test_styles_and_text_are_untouched() -> None:
    data, content, _titles = _commented()
    with zipfile.ZipFile(io.BytesIO(data)) as before, zipfile.ZipFile(io.BytesIO(content)) as after:
        assert before.read("word/styles.xml") == after.read("word/styles.xml")
        names = set(after.namelist())
        assert "word/comments.xml" in names
        etree.fromstring(after.read("word/comments.xml"))
    original = docx.Document(io.BytesIO(data))
    commented = docx.Document(io.BytesIO(content))
    assert [p.text for p in original.paragraphs] == [p.text for p in commented.paragraphs]
    assert [p.style.name for p in original.paragraphs] == [p.style.name for p in commented.paragraphs]  # type: ignore[union-attr]


@pytest.mark.slow
def test_libreoffice_reopens_the_commented_draft_with_its_comments(tmp_path: Path) -> None:
    soffice = require_tool("soffice", "relecture du projet commenté par LibreOffice")
    _data, content, titles = _commented()
    (tmp_path / "projet.docx").write_bytes(content)
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--norestore",
         "--convert-to", "odt", "--outdir", str(tmp_path), str(tmp_path / "projet.docx")],
        check=True, capture_output=True, timeout=240,
    )
    with zipfile.ZipFile(tmp_path / "projet.odt") as odt:
        content_xml = etree.fromstring(odt.read("content.xml"))
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    annotations = content_xml.iter(f"{{{office}}}annotation")
    texts = [" ".join(node.itertext()) for node in annotations]
    assert len(texts) == len(titles)
    assert any("Référence périmée" in text for text in texts)
    assert all("Clausier" in text for text in texts)  # the author travels with each comment
