"""The draft returned with the findings as Word comments anchored at their paragraphs (styles untouched).

Pure: python-docx only. Word cannot anchor a comment in a header or footer: such findings, those in a footnote,
and those that concern the whole draft without a paragraph, are anchored at the first paragraph of the body.
"""

import io
from typing import Any

from docx.document import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from app.checks.findings import CATEGORY_LABELS, SEVERITY_LABELS, CheckResult, Finding
from app.checks.reader import DRAFT, W_R, body_paragraphs, paragraph_text
from app.documents.builder import clean_text, legal_basis_text, open_upload

AUTHOR = "Clausier"
INITIALS = "CL"


def comment_text(finding: Finding) -> str:
    """The comment of a finding, in French: what, why, how to fix, on what it rests."""
    lines = [f"[{SEVERITY_LABELS[finding.severity]} – {CATEGORY_LABELS[finding.category]}] {finding.title}",
             finding.message]
    if finding.category != "present":
        lines.append(f"Correction : {finding.fix}")
    if finding.clauses and finding.category == "manquant":
        lines.append("Clauses de la bibliothèque : " + " ; ".join(f"{c.title} ({c.id})" for c in finding.clauses))
    elif finding.clauses and finding.category == "present":
        closest = finding.clauses[0]
        lines.append(f"Proche de la clause « {closest.title} » de la bibliothèque ({closest.id}).")
    if finding.sources:
        lines.append("Source : " + "; ".join(legal_basis_text([ref]) for ref in finding.sources))
    if finding.certainty == "to-check":
        lines.append("Certitude : à vérifier sur le texte officiel.")
    if finding.location and finding.location.where in ("en-tête", "pied de page", "note de bas de page"):
        lines.append(f"Emplacement : {finding.location.where} du document.")
    return clean_text("\n".join(lines))


def _runs(element: Any, document: Document) -> list[Run]:
    """The runs to anchor a comment on: those of the paragraph (one empty run added when it has none)."""
    paragraph = Paragraph(element, document._body)
    runs = [r for r in element if r.tag == W_R and paragraph_text(r)] or [
        r for r in element.iter(W_R) if paragraph_text(r)
    ]
    if not runs:
        return [paragraph.add_run()]
    return [Run(runs[0], paragraph), Run(runs[-1], paragraph)]


def commented_draft(data: bytes, result: CheckResult) -> bytes:
    """The .docx draft with one comment per finding (present considerations included)."""
    document = open_upload(data, DRAFT)
    elements = [p for p, _ in body_paragraphs(document)]
    first = next((p for p in elements if paragraph_text(p).strip()), elements[0] if elements else None)
    if first is None:
        first = document.add_paragraph()._p
    for finding in result.findings:
        paragraph = finding.location.paragraph if finding.location else None
        element = elements[paragraph - 1] if paragraph is not None and 0 < paragraph <= len(elements) else first
        if element.getparent() is None or element.tag != qn("w:p"):
            element = first
        document.add_comment(_runs(element, document), text=comment_text(finding), author=AUTHOR, initials=INITIALS)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
