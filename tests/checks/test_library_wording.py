"""The library's own clauses pass the draft checker's wording rules: a CCAP, CCTP or RC made with Clausier must not
be flagged by Clausier (label without equivalent, local preference, company policy, penalty without amount, share
of the buyer's orders, reservation under the wrong article)."""

import re

import pytest

from app.checks import rules
from app.checks.reader import Paragraph
from app.clauses.library import ClauseDoc, read_library
from app.clauses.references import fold
from app.clauses.values import render_text, resolve_values
from app.config import PROJECT_ROOT

ACTIVE = [clause for clause in read_library(PROJECT_ROOT / "clauses") if clause.status == "active"]


def paragraphs(clause: ClauseDoc) -> list[Paragraph]:
    """The clause as a draft reads it: rendered with its default values, one paragraph per line or list item."""
    formatted, _ = resolve_values(clause, {}, draft=True)
    found: list[Paragraph] = []
    for line in render_text(clause, formatted).splitlines():
        if not line.strip():
            continue
        text = line.removeprefix("- ")
        found.append(Paragraph(index=len(found) + 1, text=text, folded=fold(text), part=clause.document, article=None,
                               heading=None, in_list=line.startswith("- ")))
    return found


def risks(clause: ClauseDoc) -> list[str]:
    found = []
    paras = paragraphs(clause)
    for position, p in enumerate(paras):
        following = paras[position + 1].scope if position + 1 < len(paras) else ""
        checks = {
            rules.LABEL_RULE.id: rules.label_risk(p, following),
            rules.LOCAL_RULE.id: rules.local_risk(p),
            rules.POLICY_RULE.id: rules.policy_risk(p, clause.kind == "critere-attribution"),
            rules.PENALTY_RULE.id: rules.penalty_risk(p),
            rules.ORDERS_RULE.id: rules.orders_risk(p),
            rules.RESERVATION_RULE.id: rules.reservation_risk(p),
        }
        found += [f"{rule} : {p.text[:100]}" for rule, flagged in checks.items() if flagged]
    return found


@pytest.mark.parametrize("clause", ACTIVE, ids=[clause.id for clause in ACTIVE])
def test_library_clause_passes_the_wording_rules(clause: ClauseDoc) -> None:
    assert risks(clause) == []


def test_the_rendering_reads_like_a_draft() -> None:
    """The helper renders defaults (no placeholder left) and splits list items, so the test above can fail."""
    clause = next(c for c in ACTIVE if c.id == "insertion-penalite-heures")
    texts = [p.text for p in paragraphs(clause)]
    assert not any(re.search(r"\{\{", text) for text in texts)
    assert any("€ HT" in text for text in texts)
    assert any(p.in_list for p in paragraphs(clause))
