"""Time to build a 20-clause .docx (target: median ≤ 100 ms), next to python-docx writing the same
paragraphs with no formatting at all, measured in the same run.

Usage: python scripts/bench/docx_speed.py [--runs N]
"""

import argparse
import io
import statistics
import time
from collections.abc import Callable
from datetime import date
from itertools import islice

import docx

from app.clauses.values import render_text, resolve_values
from app.config import PROJECT_ROOT
from app.documents.builder import DocumentMeta, RenderedClause, build_document, legal_basis_text
from app.documents.service import rendered_clause

CLAUSES = 20
TARGET_MS = 100.0
META = DocumentMeta(
    buyer="Syndicat intercommunal des eaux du Val", tender_object="Entretien des réseaux et des bâtiments",
    reference="BENCH-2026", date=date(2026, 3, 2),
)


def sample_clauses() -> list[RenderedClause]:
    """20 clauses of the built-in library, values at their defaults (draft marks where none)."""
    from app.bootstrap import builtin_library

    library = builtin_library(PROJECT_ROOT / "clauses")
    rendered = []
    for doc in library:
        formatted, _ = resolve_values(doc, {}, draft=True)
        rendered.append(rendered_clause(doc, render_text(doc, formatted)))
    repeated = (clause for _ in range(CLAUSES) for clause in rendered)  # a small library is cycled
    return list(islice(repeated, CLAUSES))


def plain_docx(clauses: list[RenderedClause]) -> bytes:
    """The baseline: the same paragraphs and annex rows, written as plain python-docx paragraphs."""
    document = docx.Document()
    document.add_paragraph(META.title)
    for number, clause in enumerate(clauses, start=1):
        document.add_paragraph(f"Article {number} – {clause.title}")
        for paragraph in clause.text.split("\n"):
            if paragraph.strip():
                document.add_paragraph(paragraph)
        document.add_paragraph(f"Fondement : {legal_basis_text(clause.legal_basis)}")
    for clause in clauses:
        for item in clause.verification:
            document.add_paragraph(f"{clause.title} | {item.evidence} | {item.when}")
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def measure(variants: dict[str, Callable[[], bytes]], runs: int) -> dict[str, tuple[float, float, int]]:
    """(median ms, fastest ms, size) of each variant; runs are interleaved so that a load spike on the
    shared machine hits every variant alike."""
    sizes = {name: len(work()) for name, work in variants.items()}  # warm-up: imports, parsers, caches
    timings: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(runs):
        for name, work in variants.items():
            start = time.perf_counter()
            work()
            timings[name].append((time.perf_counter() - start) * 1000)
    return {name: (statistics.median(t), min(t), sizes[name]) for name, t in timings.items()}


def build_template() -> bytes:
    document = docx.Document()
    document.add_paragraph("Préambule du modèle")
    document.add_paragraph("{{CLAUSES}}")
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    clauses = sample_clauses()
    template = build_template()
    results = measure(
        {
            "Clausier, document autonome ": lambda: build_document(META, clauses),
            "Clausier, fusion dans modèle": lambda: build_document(META, clauses, template=template),
            "python-docx brut (référence)": lambda: plain_docx(clauses),
        },
        args.runs,
    )
    paragraphs = sum(len([line for line in c.text.split("\n") if line.strip()]) for c in clauses)
    print(f"{len(clauses)} clauses, {paragraphs} lignes de texte, {args.runs} mesures alternées")
    for name, (median, fastest, size) in results.items():
        print(f"  {name} : médiane {median:7.1f} ms, meilleure {fastest:6.1f} ms  ({size:,} octets)")
    built, baseline = (results[name][0] for name in ("Clausier, document autonome ", "python-docx brut (référence)"))
    print(f"  surcoût de la mise en forme : ×{built / baseline:.2f} (médianes)")
    verdict = "atteint" if built <= TARGET_MS else "MANQUÉ (machine chargée ? comparer à la référence)"
    print(f"Objectif ≤ {TARGET_MS:.0f} ms (médiane, document autonome) : {verdict}")


if __name__ == "__main__":
    main()
