"""The standalone document: title block, parts, articles, lists, legal bases, annex, footer, typography."""

import io
import zipfile
from dataclasses import replace
from datetime import date

import pytest
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn

from app import __version__
from app.clauses.values import render_text, resolve_values
from app.config import PROJECT_ROOT
from app.documents.builder import (
    DocumentMeta,
    RenderedClause,
    build_document,
    clean_text,
    french_typography,
    legal_basis_text,
)
from tests.documents.docx_checks import (
    SAMPLE_CLAUSES,
    all_text,
    body_paragraphs,
    clause,
    field_codes,
    object_paragraphs,
    open_docx,
    plain,
    styled,
)

META = DocumentMeta(
    buyer="Syndicat intercommunal des eaux", tender_object="Réfection de la station de pompage",
    reference="2026-014", date=date(2026, 3, 1),
)


@pytest.mark.parametrize(
    ("bases", "expected"),
    [
        (["CCP L2112-2"], "article L2112-2 du code de la commande publique"),
        (["CCP L2113-12", "CCP L2113-13"], "articles L2113-12 et L2113-13 du code de la commande publique"),
        (
            ["CCP R2111-12", "CCP R2111-13", "CCP R2111-16"],
            "articles R2111-12, R2111-13 et R2111-16 du code de la commande publique",
        ),
        (["C. env. L224-7"], "article L224-7 du code de l'environnement"),
        (["C. trav. L5132-4"], "article L5132-4 du code du travail"),
        (["CASF L344-2"], "article L344-2 du code de l'action sociale et des familles"),
        (["C. rural L230-5-1", "C. rural L230-5"], "articles L230-5-1 et L230-5 du code rural et de la pêche maritime"),
        (["C. pén. 225-1"], "article 225-1 du code pénal"),
        (["CCP L. 2112-2"], "article L2112-2 du code de la commande publique"),
        (["Loi 2014-856 art. 1"], "article 1er de la loi n° 2014-856"),
        (["Ord. 2015-899 art. 37"], "article 37 de l'ordonnance n° 2015-899"),
        (["Décret 2024-134"], "décret n° 2024-134"),
        (["Règlement (UE) 2023/1115"], "règlement (UE) 2023/1115"),
        (
            ["CCP L2112-2", "C. trav. L5132-4", "CCP L2112-3"],
            "article L2112-2 du code de la commande publique ; article L5132-4 du code du travail ; "
            "article L2112-3 du code de la commande publique",
        ),
        (["Circulaire du 3 décembre 2008"], "Circulaire du 3 décembre 2008"),
    ],
)
def test_legal_basis_reads_as_french(bases: list[str], expected: str) -> None:
    assert legal_basis_text(bases) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fondement : article", "Fondement\u00a0: article"),
        ("un montant de 10 000 € HT", "un montant de 10\u00a0000\u00a0€\u00a0HT"),
        ("1 234 567,50 €", "1\u00a0234\u00a0567,50\u00a0€"),
        ("10€", "10\u00a0€"),
        ("pondéré à 5 %", "pondéré à 5\u00a0%"),
        ("pondéré à 5%", "pondéré à 5\u00a0%"),
        ("la clause « Pénalité »", "la clause «\u00a0Pénalité\u00a0»"),
        ("la clause «Pénalité»", "la clause «\u00a0Pénalité\u00a0»"),
        ("Est-ce clair ? Oui ! Bien ; suite", "Est-ce clair\u00a0? Oui\u00a0! Bien\u00a0; suite"),
        ("au moins 350 heures en 12 mois", "au moins 350\u00a0heures en 12\u00a0mois"),
        ("la loi n° 2014-856", "la loi n°\u00a02014-856"),
        ("l'article L2112-2", "l'article\u00a0L2112-2"),
        # untouched: no space to turn, or not a thousands group
        ("https://www.legifrance.gouv.fr/?q=1", "https://www.legifrance.gouv.fr/?q=1"),
        ("à 10:30", "à 10:30"),
        ("en 2025 250 logements", "en 2025 250 logements"),
    ],
)
def test_french_typography(text: str, expected: str) -> None:
    assert french_typography(text) == expected


def test_clean_text_keeps_only_what_xml_allows() -> None:
    assert clean_text("a\x00b\x01c\x0bd\x1fe\ud800f\ufffeg") == "abcdefg"
    assert clean_text("tab\tligne\r\nretour\rfin") == "tab\tligne\nretour\nfin"
    assert clean_text("émoji 🌍 عربي עברית") == "émoji 🌍 عربي עברית"


def test_standalone_document_structure() -> None:
    document = open_docx(build_document(META, SAMPLE_CLAUSES))

    assert styled(document, "Title") == ["Clauses à insérer dans le dossier de consultation"]
    block = {plain(row.cells[0].text): plain(row.cells[1].text) for row in document.tables[0].rows}
    assert block == {
        "Acheteur": "Syndicat intercommunal des eaux",
        "Objet du marché": "Réfection de la station de pompage",
        "Référence": "2026-014",
        "Date de génération": "1er mars 2026",
        "Version de Clausier": __version__,
    }
    assert styled(document, "Heading 1") == [
        "Clauses à insérer dans le RC",
        "Clauses à insérer dans le CCAP",
        "Clauses à insérer dans le CCTP",
        "Clauses à insérer dans l'AE",
        "Annexe – Justificatifs à demander",
        "Annexe – Nature et fondement des clauses",
    ]
    # numbering restarts in each part ("CCAP art. 2"); within a part, the order of the request
    assert styled(document, "Heading 2") == [
        "Article 1 – Critère de performance sociale",
        "Article 1 – Insertion professionnelle",
        "Article 2 – Pénalité d'insertion",
        "Article 1 – Tri des déchets de chantier",
        "Article 1 – Engagement sur l'insertion",
    ]
    assert styled(document, "List Bullet") == ["bois ;", "métaux ;", "gravats."]
    # articles ready to paste: their type and legal basis go to an annex for the officer
    assert not [text for _, text in body_paragraphs(document) if text.startswith(("Fondement", "Type de clause"))]
    assert [[plain(cell.text) for cell in row.cells] for row in document.tables[-1].rows] == [
        ["Clause", "Type", "Fondement"],
        ["RC art. 1 – Critère de performance sociale", "critère d'attribution",
         "articles L2152-7 et R2152-7 du code de la commande publique"],
        ["CCAP art. 1 – Insertion professionnelle", "condition d'exécution",
         "articles L2112-2 et L2112-3 du code de la commande publique"],
        ["CCAP art. 2 – Pénalité d'insertion", "pénalité", "article L2112-2 du code de la commande publique"],
        ["CCTP art. 1 – Tri des déchets de chantier", "spécification technique",
         "article L541-1-1 du code de l'environnement"],
        ["AE art. 1 – Engagement sur l'insertion", "condition d'exécution", "article 1er de la loi n° 2014-856"],
    ]


def test_notes_put_type_and_legal_basis_under_each_article() -> None:
    document = open_docx(build_document(replace(META, notes=True), SAMPLE_CLAUSES))
    assert "Annexe – Nature et fondement des clauses" not in styled(document, "Heading 1")
    texts = [text for _, text in body_paragraphs(document)]
    assert "Le titulaire réalise au moins 12 000 heures d'insertion." in texts
    assert "Type de clause : critère d'attribution." in texts
    assert [text for _, text in body_paragraphs(document) if text.startswith("Fondement")] == [
        "Fondement : articles L2152-7 et R2152-7 du code de la commande publique.",
        "Fondement : articles L2112-2 et L2112-3 du code de la commande publique.",
        "Fondement : article L2112-2 du code de la commande publique.",
        "Fondement : article L541-1-1 du code de l'environnement.",
        "Fondement : article 1er de la loi n° 2014-856.",
    ]


def test_the_object_keeps_its_paragraphs_and_lists_its_lots() -> None:
    tender = "Entretien des espaces verts de la commune.\nLot 1 : tonte\nLot n° 2 – taille des haies\n- désherbage"
    document = open_docx(build_document(replace(META, tender_object=tender), SAMPLE_CLAUSES[:1]))
    assert object_paragraphs(document) == [
        ("Normal", "Entretien des espaces verts de la commune."),
        ("List Bullet", "Lot 1 : tonte"),
        ("List Bullet", "Lot n° 2 – taille des haies"),
        ("List Bullet", "désherbage"),
    ]


def test_parts_follow_the_tender_file_and_articles_their_part() -> None:
    document = open_docx(build_document(META, SAMPLE_CLAUSES))
    outline = [(style, text) for style, text in body_paragraphs(document) if style.startswith("Heading")]
    assert outline[:4] == [
        ("Heading 1", "Clauses à insérer dans le RC"),
        ("Heading 2", "Article 1 – Critère de performance sociale"),
        ("Heading 1", "Clauses à insérer dans le CCAP"),
        ("Heading 2", "Article 1 – Insertion professionnelle"),
    ]


def test_annex_lists_every_evidence_with_its_article() -> None:
    document = open_docx(build_document(META, SAMPLE_CLAUSES))
    annex = document.tables[-2]
    rows = [[plain(cell.text) for cell in row.cells] for row in annex.rows]
    assert rows == [
        ["Clause", "Justificatif", "Moment"],
        ["RC art. 1 – Critère de performance sociale", "Attestation", "avec l'offre"],
        ["CCAP art. 1 – Insertion professionnelle", "Plan d'insertion", "avant le début des prestations"],
        ["CCAP art. 1 – Insertion professionnelle", "État des heures", "chaque mois"],  # merged cell
        ["CCAP art. 2 – Pénalité d'insertion", "Bilan des heures", "à la fin du marché"],
        ["CCTP art. 1 – Tri des déchets de chantier", "Attestation", "avec l'offre"],
    ]
    header = annex.rows[0]._tr
    assert header.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    assert annex.style is not None and annex.style.name == "Table Grid"


def test_footer_numbers_pages_and_page_is_a4() -> None:
    content = build_document(META, SAMPLE_CLAUSES)
    document = open_docx(content)
    section = document.sections[0]
    assert field_codes(section.footer._element) == ["PAGE", "NUMPAGES"]
    assert plain(section.footer.paragraphs[0].text) == "2026-014 – Page 1 sur 1"
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4
    assert document.core_properties.author == "Clausier"
    assert document.core_properties.language == "fr-FR"
    assert not [name for name in zipfile.ZipFile(io.BytesIO(content)).namelist() if "thumbnail" in name]


def test_missing_values_are_highlighted() -> None:
    text = "Le titulaire réalise [à compléter : Nombre d'heures] heures."
    document = open_docx(build_document(META, [clause("c", "CCAP", "Heures", text)]))
    paragraph = next(p for p in document.paragraphs if "compléter" in p.text)
    marks = [run for run in paragraph.runs if run.font.highlight_color == WD_COLOR_INDEX.YELLOW]
    assert [plain(run.text) for run in marks] == ["[à compléter : Nombre d'heures]"]
    assert plain(paragraph.text) == "Le titulaire réalise [à compléter : Nombre d'heures] heures."


def test_draft_document_says_so() -> None:
    draft = DocumentMeta(reference="R", date=date(2026, 3, 1), draft=True)
    assert "PROJET" in all_text(open_docx(build_document(draft, SAMPLE_CLAUSES)))
    assert "PROJET" not in all_text(open_docx(build_document(META, SAMPLE_CLAUSES)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Une ligne\net sa suite.", [("Normal", "Une ligne et sa suite.")]),
        (
            "Sont éligibles :\n- les jeunes ;\n- les seniors.",
            [("Normal", "Sont éligibles :"), ("List Bullet", "les jeunes ;"), ("List Bullet", "les seniors.")],
        ),
        (
            "- un point\n  qui continue ;\n- un autre.",
            [("List Bullet", "un point qui continue ;"), ("List Bullet", "un autre.")],
        ),
        ("Premier.\n\n\n\nSecond.", [("Normal", "Premier."), ("Normal", "Second.")]),
        ("Tiret-milieu - pas une puce.", [("Normal", "Tiret-milieu - pas une puce.")]),
    ],
)
def test_clause_text_paragraphs_and_lists(text: str, expected: list[tuple[str, str]]) -> None:
    document = open_docx(build_document(META, [clause("c", "CCAP", "Titre", text)]))
    paragraphs = body_paragraphs(document)
    start = paragraphs.index(("Heading 2", "Article 1 – Titre")) + 1
    assert paragraphs[start : start + len(expected)] == expected
    assert paragraphs[start + len(expected)][0] == "Heading 1"  # the annexes follow


def test_without_optional_metadata_the_title_block_keeps_what_is_known() -> None:
    document = open_docx(build_document(DocumentMeta(date=date(2026, 1, 2)), SAMPLE_CLAUSES[:1]))
    labels = [plain(row.cells[0].text) for row in document.tables[0].rows]
    assert labels == ["Date de génération", "Version de Clausier"]
    assert plain(document.sections[0].footer.paragraphs[0].text) == "Page 1 sur 1"


def test_every_builtin_clause_renders_into_one_valid_document() -> None:
    from app.bootstrap import builtin_library

    library = builtin_library(PROJECT_ROOT / "clauses")
    clauses = []
    for doc in library:
        formatted, problems = resolve_values(doc, {}, draft=True)
        assert not problems, (doc.id, problems)
        clauses.append(
            RenderedClause(
                id=doc.id, title=doc.title, kind=doc.kind, document=doc.document,
                text=render_text(doc, formatted), legal_basis=tuple(doc.legal_basis),
            )
        )
    document = open_docx(build_document(replace(META, notes=True), clauses))
    assert len(styled(document, "Heading 2")) == len(library)
    fondements = [text for _, text in body_paragraphs(document) if text.startswith("Fondement")]
    assert len(fondements) == len(library)
    assert not [text for text in fondements if "CCP " in text or "C. " in text], "abbreviation left unexpanded"
