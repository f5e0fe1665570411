"""Matcher outputs kept as a reference, to prove that a speed change leaves every answer as it was.

For every text of ``tests/data/*tenders*.jsonl`` and ``*clause_level*.jsonl``, the full ``POST /api/v1/match``
response (clauses, scores, reasons, recommendations, obligations, cautions, amounts, insertion hours) on the real
library, as the API serialises it: once with the labelled CPV, amount and nature, once with the text alone. The
date is fixed so that dated thresholds do not move the answers from one day to the next.

    python scripts/bench/match_golden.py save FILE      # before a change (the file is large: keep it out of git)
    python scripts/bench/match_golden.py compare FILE   # after it: lists the texts whose response differs
"""

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from app.clauses.library import read_library
from app.config import PROJECT_ROOT
from app.matching.cpv import extract_codes
from app.matching.index import ClauseIndex
from app.matching.knowledge import read_knowledge
from app.matching.schemas import MatchRequest
from app.matching.service import match_on

DATA = PROJECT_ROOT / "tests" / "data"
DAY = dt.date(2026, 6, 1)


def requests() -> Iterator[tuple[str, MatchRequest]]:
    """A key and a request for each text, first as labelled, then the text alone."""
    files = sorted({*DATA.glob("*tenders*.jsonl"), *DATA.glob("*clause_level*.jsonl")})
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if not line.strip():
                continue
            item = json.loads(line)
            key = f"{path.name}:{number + 1}"
            cpv = extract_codes(item.get("cpv")).codes
            yield f"{key}:labelled", MatchRequest(text=item["text"], cpv=cpv, amount_eur=item.get("amount_eur"),
                                                  nature=item.get("nature"), date=DAY)
            yield f"{key}:text", MatchRequest(text=item["text"], date=DAY)


def responses() -> dict[str, str]:
    clauses = [clause for clause in read_library(PROJECT_ROOT / "clauses") if clause.status == "active"]
    index = ClauseIndex(clauses, read_knowledge(PROJECT_ROOT / "families", PROJECT_ROOT / "obligations"))
    return {key: match_on(index, request).model_dump_json() for key, request in requests()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["save", "compare"])
    parser.add_argument("file", type=Path)
    arguments = parser.parse_args()
    now = responses()
    if arguments.action == "save":
        arguments.file.write_text(json.dumps(now, ensure_ascii=False, indent=0), encoding="utf-8")
        print(f"{len(now)} réponses enregistrées dans {arguments.file}")
        return
    before = json.loads(arguments.file.read_text(encoding="utf-8"))
    differing = [key for key in before.keys() | now.keys() if before.get(key) != now.get(key)]
    for key in sorted(differing)[:20]:
        print(f"différence : {key}")
    print(f"{len(now)} réponses comparées, {len(differing)} différence(s)")
    sys.exit(1 if differing else 0)


if __name__ == "__main__":
    main()
