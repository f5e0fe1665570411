"""Quality of the draft check on the evaluation drafts, and the time to check a 40-page CCAP.

Precision and recall of findings by type (missing considerations, outdated references, risky wording,
present considerations) against tests/data/drafts/expected.json, the DECP values found per draft, and the
median time to check a 40-page CCAP next to the time python-docx alone takes to open it (baseline, same
run). Targets: recall and precision ≥ 0.9 for missing considerations and outdated references, ≥ 0.8 for
risky wording; a 40-page CCAP checked in ≤ 2 s.

The blind drafts (scripts/blind_drafts.py, written after the checker and labelled before it was run on them)
are scored too and printed separately: they measure how the checker generalises beyond the wording it was built on.

With --pdf, every draft is first saved as PDF by LibreOffice and read as such (no Word structure: tables flattened,
headings guessed from the text).

Usage: python scripts/bench/check_quality.py [--drafts DIR] [--blind-drafts DIR] [--pdf] [--runs N] [--verbose]
"""

import argparse
import io
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import docx

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from blind_drafts import BLIND  # noqa: E402
from make_drafts import DRAFTS, build, long_ccap, write  # noqa: E402

from app.checks.check import Given, check_draft  # noqa: E402
from app.checks.findings import CheckResult, Finding  # noqa: E402
from app.checks.reader import Draft, read_draft  # noqa: E402
from app.clauses.library import read_library  # noqa: E402
from app.clauses.references import read_references  # noqa: E402
from app.matching.index import ClauseIndex  # noqa: E402
from app.matching.knowledge import read_knowledge  # noqa: E402
from app.matching.matcher import match  # noqa: E402

TARGETS = {"manquant": 0.9, "obsolete": 0.9, "risque": 0.8}
TARGET_SECONDS = 2.0
TODAY = date(2026, 12, 6)  # the evaluation set is dated: drafts of autumn 2026


def category(rule: str) -> str:
    if rule == "reference-perimee":
        return "obsolete"
    if rule.startswith("present-"):
        return "present"
    if rule.endswith(("-manquante", "-manquant", "-manquants", "-manquantes")):
        return "manquant"
    return "risque"


class Checker:
    """The pure check on the built-in library and registry (no database)."""

    def __init__(self) -> None:
        docs = read_library(ROOT / "clauses")
        self.index = ClauseIndex(docs, read_knowledge(ROOT / "families", ROOT / "obligations"))
        self.library = {doc.id: doc for doc in docs}
        self.registry = read_references(ROOT / "references")

    def __call__(self, data: bytes, filename: str, given: dict[str, Any]) -> tuple[Draft, CheckResult]:
        draft = read_draft(data, filename=filename)
        result = check_draft(draft, given=Given(**given), library=self.library, registry=self.registry,
                             matcher=lambda query: match(self.index, query), today=TODAY)
        return draft, result


def _matches(finding: Finding, item: dict[str, str], texts: dict[int, str]) -> bool:
    if finding.rule != item["rule"] or ("ref" in item and finding.reference != item["ref"]):
        return False
    if "at" not in item:
        return True
    location = finding.location
    if location is None:
        return False
    text = texts.get(location.paragraph, "") if location.paragraph is not None else location.excerpt
    return item["at"].lower() in text.lower()


def score(drafts: Path, checker: Checker, verbose: bool) -> tuple[dict[str, Counter[str]], int, int]:
    """True positives, false positives and false negatives by type; DECP values right / drafts."""
    counts: dict[str, Counter[str]] = {name: Counter() for name in ("manquant", "obsolete", "risque", "present")}
    expected_all = json.loads((drafts / "expected.json").read_text(encoding="utf-8"))["drafts"]
    decp_right = 0
    for entry in expected_all:
        draft, result = checker((drafts / entry["file"]).read_bytes(), entry["file"], entry["given"])
        texts = {p.index: p.row or p.text for p in draft.paragraphs if p.index is not None}
        findings = list(result.findings)
        for item in entry["expected"]:
            found = next((f for f in findings if _matches(f, item, texts)), None)
            kind = category(item["rule"])
            if found is None:
                counts[kind]["fn"] += 1
                if verbose:
                    print(f"  manqué   {entry['file']}: {item}")
            else:
                counts[kind]["tp"] += 1
                findings.remove(found)
        for finding in findings:
            counts[category(finding.rule)]["fp"] += 1
            if verbose:
                where = finding.location.label() if finding.location else ""
                excerpt = finding.location.excerpt[:70] if finding.location else ""
                print(f"  en trop  {entry['file']}: {finding.rule} {finding.reference or ''} {where} « {excerpt} »")
        if entry["decp"] == result.decp:
            decp_right += 1
        elif verbose:
            print(f"  DECP     {entry['file']}: attendu {entry['decp']}, obtenu {result.decp}")
    return counts, decp_right, len(expected_all)


def as_pdf(folder: Path) -> None:
    """Each draft of ``folder`` replaced by its PDF rendering (same file name: the check reads the content)."""
    out = folder / "pdf"
    subprocess.run([shutil.which("soffice") or "soffice", "--headless", f"-env:UserInstallation=file://{folder}/lo",
                    "--convert-to", "pdf", "--outdir", str(out), *map(str, sorted(folder.glob("*.docx")))],
                   check=True, capture_output=True, timeout=600)
    for path in folder.glob("*.docx"):
        path.write_bytes((out / f"{path.stem}.pdf").read_bytes())


def timing(checker: Checker, runs: int) -> tuple[float, float, int]:
    """Median seconds to check a 40-page CCAP, and to open it with python-docx alone (baseline)."""
    data = build(long_ccap(40))
    checks, opens = [], []
    paragraphs = 0
    for _ in range(runs):
        start = time.perf_counter()
        docx.Document(io.BytesIO(data))
        opens.append(time.perf_counter() - start)
        start = time.perf_counter()
        draft, _result = checker(data, "ccap-40-pages.docx", {})
        checks.append(time.perf_counter() - start)
        paragraphs = len(draft.paragraphs)
    return statistics.median(checks), statistics.median(opens), paragraphs


def report(title: str, counts: dict[str, Counter[str]], decp_right: int, total: int) -> bool:
    """Print precision and recall by type; whether a target is missed."""
    failed = False
    print(f"{title} : {total} projets — précision et rappel des constats par type")
    for name, counter in counts.items():
        tp, fp, fn = counter["tp"], counter["fp"], counter["fn"]
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        target = TARGETS.get(name)
        verdict = "" if target is None else ("  OK" if min(precision, recall) >= target else f"  < {target}")
        failed |= target is not None and min(precision, recall) < target
        print(f"  {name:9} précision {precision:.2f}  rappel {recall:.2f}  (vp {tp}, fp {fp}, fn {fn}){verdict}")
    print(f"  valeurs DECP exactes : {decp_right}/{total}")
    return failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=Path, help="evaluation drafts (default: generated afresh in a temp dir)")
    parser.add_argument("--blind-drafts", type=Path, help="blind drafts (default: generated afresh in a temp dir)")
    parser.add_argument("--pdf", action="store_true", help="read every draft as its PDF rendering (LibreOffice)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    checker = Checker()
    failed = False
    for title, given, drafts in (("Projets d'évaluation", args.drafts, DRAFTS),
                                 ("Projets à l'aveugle", args.blind_drafts, BLIND)):
        with tempfile.TemporaryDirectory() as directory:
            folder = given or Path(directory)
            if given is None:
                write(folder, drafts)
            if args.pdf:
                if given is not None:
                    folder = Path(shutil.copytree(given, Path(directory) / "copy"))
                as_pdf(folder)
                title += " (PDF)"
            if args.verbose:
                print(title)
            failed |= report(title, *score(folder, checker, args.verbose))
    seconds, baseline, paragraphs = timing(checker, args.runs)
    print(f"CCAP de 40 pages ({paragraphs} paragraphes) : vérification {seconds * 1000:.0f} ms "
          f"(médiane de {args.runs}) ; ouverture python-docx seule {baseline * 1000:.0f} ms ; "
          f"cible {TARGET_SECONDS * 1000:.0f} ms{'  OK' if seconds <= TARGET_SECONDS else '  TROP LENT'}")
    if failed or seconds > TARGET_SECONDS:
        sys.exit(1)


if __name__ == "__main__":
    main()
