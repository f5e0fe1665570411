"""Any user string gives a valid file: XML specials, control characters, emoji, RTL, 10 000 characters."""

from datetime import date

import pytest
from fastapi.testclient import TestClient

from app.documents.builder import DocumentMeta, build_document, clean_text
from tests.documents.docx_checks import SAMPLE_CLAUSES, all_text, clause, open_docx, plain

CORPUS = {
    "xml-specials": "<w:p>&amp; \"guillemets\" 'apostrophes' ]]> <!-- -->",
    "control-chars": "début\x00\x01\x08\x0b\x0c\x0e\x1b\x1f\x7ffin",
    "noncharacters": "a\ufffeb\uffffc",
    "lone-surrogates": "avant\ud800milieu\udfffaprès",
    "emoji": "Chantier 🏗️ zéro déchet ♻️ 👷🏽‍♀️ 🇫🇷",
    "rtl": "مرحبا بالعالم – שלום עולם – ‏mixte‏ ‮inversé‬",
    "zero-width": "sans\u200bespace\u200dvisible\ufeff",
    "long": ("Clause très longue sans fin " * 400)[:10_000],
    "long-unbroken": "x" * 10_000,
    "markers": "{{CLAUSES}} {{ heures }} [à compléter : piège] {% raw %}",
    "newlines": "ligne 1\r\nligne 2\rligne 3\n\n- fausse puce\n\ttabulation",
    "whitespace-only": " \t ",
    "formula": "=HYPERLINK(\"http://exemple.invalid\") +SUM(A1)",
}


@pytest.mark.parametrize("value", CORPUS.values(), ids=CORPUS.keys())
def test_any_string_in_any_field_gives_a_valid_file(value: str) -> None:
    meta = DocumentMeta(title=value, buyer=value, tender_object=value, reference=value, date=date(2026, 3, 1),
                        draft=True)
    odd = clause(
        "odd", "CCTP", value or "Titre", f"Texte : {value}\n\n- {value}", legal_basis=(value,),
        evidence=((value, value),),
    )
    content = build_document(meta, [*SAMPLE_CLAUSES, odd])
    document = open_docx(content)  # every XML part parses, python-docx opens it
    text = all_text(document)
    visible = plain(clean_text(value)).replace("\r", "").replace("\t", "").split("\n")[0].strip()
    if visible:
        assert visible[:50] in text.replace("\t", "")


@pytest.mark.parametrize("value", CORPUS.values(), ids=CORPUS.keys())
def test_any_string_in_a_template_merge_gives_a_valid_file(value: str) -> None:
    import io

    import docx

    template = docx.Document()
    template.add_paragraph("{{CLAUSES}}")
    stream = io.BytesIO()
    template.save(stream)
    odd = clause("odd", "RC", value, value, legal_basis=(value,), evidence=((value, value),))
    open_docx(build_document(DocumentMeta(reference=value), [odd], template=stream.getvalue()))


# Over HTTP, NUL characters and lone surrogates are refused (400) before any route runs.
API_CORPUS = {
    key: value.replace("\x00", "") for key, value in CORPUS.items() if key not in ("lone-surrogates", "whitespace-only")
}


@pytest.mark.parametrize("value", API_CORPUS.values(), ids=API_CORPUS.keys())
def test_api_accepts_any_text_value_and_metadata(client: TestClient, value: str) -> None:
    text_clause = {
        "id": "essai-texte", "title": "Clause à texte libre", "kind": "condition-execution", "document": "CCAP",
        "themes": ["insertion"], "decp_value": "Clause sociale", "legal_basis": ["CCP L2112-2"],
        "sources": ["CCP"], "verification": [{"evidence": "Rapport", "when": "à la fin"}],
        "variables": {"libre": {"type": "text", "label": "Texte libre"}},
        "text": "Précision de l'acheteur : {{ libre }}.",
    }
    assert client.post("/api/v1/clauses", json=text_clause).status_code == 201
    body = {
        "title": value, "buyer": value, "tender_object": value, "reference": value[:200],
        "clauses": [{"id": "essai-texte", "variables": {"libre": value}}],
    }
    response = client.post("/api/v1/documents", json=body)
    assert response.status_code == 200, response.text
    filename = response.headers["content-disposition"].removeprefix('attachment; filename="').removesuffix('"')
    assert filename.isascii() and filename.startswith("clauses-") and filename.endswith(".docx")
    assert len(filename) <= 100 and "/" not in filename and '"' not in filename
    document = open_docx(response.content)
    expected = plain(clean_text(value)).split("\n")[0].strip()[:40]
    assert expected in all_text(document).replace("\t", "")
    listed = client.get("/api/v1/documents").json()["items"][0]
    assert listed["buyer"] == clean_text(value).strip()
