"""Helpers to reopen produced .docx files and read their structure back, plus sample inputs."""

import io
import zipfile
from typing import Any

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import RGBColor
from lxml import etree

from app.documents.builder import Evidence, RenderedClause

W_P, W_TBL = qn("w:p"), qn("w:tbl")


def open_docx(content: bytes) -> Document:
    """The document, after checking that every XML part of the package is well formed."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(archive.read(name))
    return docx.Document(io.BytesIO(content))


def plain(text: str) -> str:
    """``text`` with non-breaking spaces read as spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def body_paragraphs(document: Document) -> list[tuple[str, str]]:
    """(style name, plain text) of each top-level paragraph, in order."""
    return [(p.style.name if p.style is not None else "", plain(p.text)) for p in document.paragraphs]


def object_paragraphs(document: Document) -> list[tuple[str, str]]:
    """(style name, plain text) of each paragraph of the "Objet du marché" cell of the title block."""
    cell = next(row.cells[1] for row in document.tables[0].rows if plain(row.cells[0].text) == "Objet du marché")
    return [(p.style.name if p.style else "", plain(p.text)) for p in cell.paragraphs]


def styled(document: Document, style: str) -> list[str]:
    return [text for name, text in body_paragraphs(document) if name == style]


def all_text(document: Document) -> str:
    """Every text of the body, tables included, plain."""
    paragraphs = document.element.body.iter(W_P)
    return plain("\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in paragraphs))


def field_codes(part_element: Any) -> list[str]:
    return [(node.text or "").strip() for node in part_element.iter(qn("w:instrText"))]


def clause(
    id: str, document: str, title: str, text: str, *, kind: str = "condition-execution",
    legal_basis: tuple[str, ...] = ("CCP L2112-2",),
    evidence: tuple[tuple[str, str], ...] = (("Attestation", "avec l'offre"),),
) -> RenderedClause:
    return RenderedClause(
        id=id, title=title, kind=kind, document=document, text=text, legal_basis=legal_basis,
        verification=tuple(Evidence(e, w) for e, w in evidence),
    )


# Request order deliberately not the RC -> CCAP -> CCTP -> AE order of the output.
SAMPLE_CLAUSES = (
    clause(
        "tri-dechets", "CCTP", "Tri des déchets de chantier",
        "Le titulaire trie les déchets en 5 flux au moins.\n\n- bois ;\n- métaux ;\n- gravats.",
        kind="specification-technique", legal_basis=("C. env. L541-1-1",),
    ),
    clause(
        "insertion", "CCAP", "Insertion professionnelle",
        "Le titulaire réalise au moins 12\u00a0000 heures d'insertion.\n\nIl rend compte chaque mois : "
        "état des heures.",
        legal_basis=("CCP L2112-2", "CCP L2112-3"),
        evidence=(("Plan d'insertion", "avant le début des prestations"), ("État des heures", "chaque mois")),
    ),
    clause(
        "critere-social", "RC", "Critère de performance sociale",
        "La performance sociale est notée sur 20 points et pondérée à 15 %.",
        kind="critere-attribution", legal_basis=("CCP L2152-7", "CCP R2152-7"),
    ),
    clause(
        "penalite", "CCAP", "Pénalité d'insertion",
        "Une pénalité de 50 € par heure non réalisée est appliquée.", kind="penalite",
        legal_basis=("CCP L2112-2",), evidence=(("Bilan des heures", "à la fin du marché"),),
    ),
    clause(
        "engagement", "AE", "Engagement sur l'insertion", "Le candidat s'engage à réaliser l'action d'insertion.",
        legal_basis=("Loi 2014-856 art. 1",), evidence=(),
    ),
)


def make_template(*, marker: str | list[str] = "{{CLAUSES}}", in_table: bool = False) -> bytes:
    """A template with its own header, footer, styles and content around the marker."""
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Mairie de Bourg-Test – CCAP"
    section.footer.paragraphs[0].text = "Pied de page du modèle"
    house = document.styles.add_style("Corps Mairie", WD_STYLE_TYPE.PARAGRAPH)
    house.font.color.rgb = RGBColor(0x11, 0x22, 0x33)
    document.styles["Heading 1"].font.color.rgb = RGBColor(0xAA, 0x00, 0x00)
    document.add_paragraph("Article 1 – Objet du marché", "Heading 1")
    document.add_paragraph("Préambule propre au modèle.", "Corps Mairie")
    holder = document.add_table(rows=1, cols=1).cell(0, 0) if in_table else document
    paragraph = holder.add_paragraph() if in_table else document.add_paragraph()
    if in_table:  # the cell's own first paragraph stays before the marker
        holder.paragraphs[0].text = "Cellule du modèle"
    for piece in [marker] if isinstance(marker, str) else marker:
        paragraph.add_run(piece)
    document.add_paragraph("Dispositions finales du modèle.", "Corps Mairie")
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
