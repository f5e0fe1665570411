"""Past choices replayed: must-clause recall and off-topic rate of the recommended clauses, before and after the
buyer's earlier similar files are taken into account (``app/tenders/history.py``).

Each labelled summary of the clause-level sets (``dev_clause_level.jsonl``, and ``extra_clause_level.jsonl`` when
present) is matched; an officer is assumed to have corrected the recommendation in an earlier file: kept the must
clauses (added when missing), removed the off-topic ones (id in ``must_not``, first theme in ``must_not_themes``),
kept the rest. Two replays, next to the selection alone (the baseline, same run, same library), for the matcher's
recommendation and for a recommender that still makes mistakes (the page's former preselection, from
``match_quality.py``), so that the rule's effect shows where there is something to correct:

- « même marché » : the earlier files are the same tender, corrected the same way in two earlier files (an upper
  bound: the officer prepares the same consultation again, e.g. its renewals);
- « autres marchés de la famille » : the earlier files are the *other* summaries of the set whose object falls in
  the same purchase family, each corrected (leave-one-out: what a buyer gains from its similar files).

    python scripts/bench/tender_replay.py [CLAUSE_LEVEL.jsonl ...]
"""

import sys
from pathlib import Path
from typing import Any

from match_quality import CLAUSE_LEVEL, ClauseScores, Selector, clause_level, load, old_preselection, recommended

from app.clauses.library import ClauseDoc, read_library
from app.config import PROJECT_ROOT
from app.matching.cpv import extract_codes
from app.matching.index import ClauseIndex
from app.matching.knowledge import read_knowledge
from app.matching.matcher import MatchResult, Query, match
from app.tenders.history import DROP_SHARE, KEEP_SHARE, MIN_UNITS, PastChoices, advise


def family(result: MatchResult) -> str | None:
    return result.understood.object_families[0].id if result.understood.object_families else None


def corrected(tender: dict[str, Any], chosen: set[str], docs: dict[str, ClauseDoc]) -> set[str]:
    """What the officer leaves: the must clauses, and the recommended ones that are not off-topic."""
    off = {c for c in chosen if c in tender["must_not"] or docs[c].themes[0] in tender["must_not_themes"]}
    return (chosen - off) | set(tender["must"])


def advised(result: MatchResult, past: PastChoices, docs: dict[str, ClauseDoc], select: Selector) -> set[str]:
    """The selected clauses once the past choices are applied (as ``app.tenders.service`` does)."""
    before = select(result)
    obligations = {clause for item in result.obligations for clause in item.clause_ids}
    advice = advise({item.clause.id: item.clause.id in before for item in result.matches}, obligations, past)
    dropped = {clause for clause, told in advice.items() if not told.recommended}
    added = {clause for clause, told in advice.items() if told.recommended and docs[clause].status == "active"}
    return (before - dropped) | added


def looked_up(table: dict[int, set[str]]) -> Selector:
    return lambda result: table[id(result)]


def replay(path: Path, index: ClauseIndex, docs: dict[str, ClauseDoc]) -> None:
    tenders: list[dict[str, Any]] = load(path)
    results = [match(index, Query(text=t["text"], cpv=extract_codes(t["cpv"]).codes, amount_eur=t["amount_eur"],
                                  nature=t["nature"], limit=10)) for t in tenders]
    families = [family(r) for r in results]
    with_neighbours = sum(1 for i in range(len(tenders)) if families.count(families[i]) > 1)
    print(f"\nJeu {path.name} — {len(tenders)} marchés ; {with_neighbours} ont au moins un autre marché de leur "
          "famille")
    print(f"{'sélection':<52}{'rappel must':>12}{'tous les must':>15}{'hors sujet':>12}{'nb moyen':>10}")
    for label, select in (("recommandation du matcher", recommended),
                          ("ancienne présélection de la page", old_preselection(docs))):
        units = [(select(r), corrected(t, select(r), docs)) for t, r in zip(tenders, results, strict=True)]
        same = {id(r): advised(r, PastChoices.of([unit] * MIN_UNITS), docs, select)
                for r, unit in zip(results, units, strict=True)}
        neighbours = {
            id(r): advised(r, PastChoices.of(
                [units[j] for j in range(len(tenders)) if j != i and families[j] == families[i]]), docs, select)
            for i, r in enumerate(results)
        }
        rows: list[tuple[str, ClauseScores]] = [
            (f"{label} (avant)", clause_level(tenders, results, select, docs)),
            ("  après : même marché, déjà corrigé", clause_level(tenders, results, looked_up(same), docs)),
            ("  après : autres marchés de la famille", clause_level(tenders, results, looked_up(neighbours), docs)),
        ]
        for name, scores in rows:
            print(f"{name:<52}{scores.recall:>12.3f}{scores.all_must:>15.0%}{scores.off_topic:>12.0%}"
                  f"{scores.count:>10.1f}")


def main() -> None:
    paths = [Path(arg) for arg in sys.argv[1:]] or [path for path in CLAUSE_LEVEL if path.exists()]
    library = read_library(PROJECT_ROOT / "clauses")
    docs = {clause.id: clause for clause in library}
    knowledge = read_knowledge(PROJECT_ROOT / "families", PROJECT_ROOT / "obligations")
    index = ClauseIndex([clause for clause in library if clause.status == "active"], knowledge)
    print(f"Règle : retenue si choisie dans au moins {MIN_UNITS} dossiers similaires et au moins {KEEP_SHARE:.0%} "
          f"d'entre eux ; écartée si retirée dans au moins {MIN_UNITS} et plus de {DROP_SHARE:.0%} d'entre eux "
          "(jamais une clause d'une obligation légale applicable).")
    for path in paths:
        replay(path, index, docs)


if __name__ == "__main__":
    main()
