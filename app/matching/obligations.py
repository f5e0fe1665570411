"""The legal obligations a tender falls under: rules written in ``obligations/`` (see its README), evaluated here.

A rule applies when its conditions hold for the tender: launch-date range, nature, amount against a number or
a threshold in force at the launch date, purchase families found with confidence and their tags, themes. Its
explanation is made of pieces, each shown when its own conditions hold, with placeholders for computed values
(``{montant}``, ``{seuil}``…). The clauses that fulfil an obligation are found in the library by the legal basis
they cite, their kind, DECP value and themes (never by id), the clauses already proposed first.

Pure: no FastAPI, no database.
"""

from dataclasses import dataclass
from datetime import date

import numpy as np

from app.clauses.library import Nature
from app.matching.detection import Detection, Floats
from app.matching.families import Family
from app.matching.index import ClauseIndex
from app.matching.ranking import money
from app.matching.rules import (
    NATURES,
    PLACEHOLDER,
    UNKNOWN_NATURE,
    AgecCategory,
    Certainty,
    ClauseQuery,
    Conditions,
    Rule,
    Threshold,
)

# A purchase family found at least this strongly is one of "the" product families of the tender.
FAMILY_MIN = 0.5
MISSING_VALUE = "non renseigné"


@dataclass(frozen=True)
class Obligation:
    """A legal obligation that applies to the tender."""

    id: str
    title: str
    legal_basis: list[str]
    clause_ids: list[str]
    explanation: str
    certainty: Certainty
    to_check: str | None


class _Finder:
    """Library clauses that fulfil an obligation: those proposed first, then the best scored, then by id."""

    def __init__(self, index: ClauseIndex, detection: Detection, proposed: list[int], scores: Floats) -> None:
        self.index, self.detection, self.scores = index, detection, scores
        self.rank = np.full(len(index.clauses), len(index.clauses), dtype=np.int64)  # not proposed: last
        self.rank[proposed] = np.arange(len(proposed))

    def find(self, query: ClauseQuery) -> list[str]:
        """Ids of up to ``query.limit`` clauses meeting ``query``."""
        table = self.index.table
        positions = table.clauses_where(cites=tuple(query.cites), kinds=tuple(query.kinds),
                                        decp=tuple(query.decp), themes=tuple(query.themes))
        if query.specific:
            positions = positions[~table.generic[positions]]
        proposed = self.rank[positions] < len(self.rank)
        if query.proposed_only:
            positions = positions[proposed]
        elif query.related:
            positions = positions[proposed | (self.detection.cpv_fit[positions] > 0.0)]
        order = np.lexsort((table.id_rank[positions], -self.scores[positions], self.rank[positions]))
        return [self.index.clauses[int(position)].doc.id for position in positions[order[:query.limit]]]


@dataclass(frozen=True)
class _Tender:
    """What the obligations depend on."""

    detection: Detection
    amount: float | None
    when: date
    families: list[Family]  # purchase families found with confidence
    tags: set[str]
    agec: AgecCategory | None  # category of the first family found that falls in one
    thresholds: dict[str, Threshold]


def _amount(bound: float | str, tender: _Tender, nature: Nature | None = None) -> float:
    """An amount bound: a number, or a threshold at the launch date for ``nature`` (default: the tender's)."""
    if isinstance(bound, str):
        return tender.thresholds[bound].at(nature or tender.detection.nature, tender.when)
    return bound


def holds(conditions: Conditions, tender: _Tender) -> bool:
    """True when every condition given holds for the tender."""
    if conditions.launched and not conditions.launched.contains(tender.when):
        return False
    if conditions.nature and (tender.detection.nature or UNKNOWN_NATURE) not in conditions.nature:
        return False
    if conditions.amount:
        bounds = conditions.amount
        if tender.amount is None:
            return False
        if bounds.at_least is not None and tender.amount < _amount(bounds.at_least, tender):
            return False
        if bounds.below is not None and tender.amount >= _amount(bounds.below, tender):
            return False
    if conditions.families and not {family.id for family in tender.families} & set(conditions.families):
        return False
    if conditions.family_tags and not tender.tags & set(conditions.family_tags):
        return False
    if conditions.agec is not None and (tender.agec is not None) != conditions.agec:
        return False
    if conditions.agec_rates is not None and bool(tender.agec and tender.agec.rates) != conditions.agec_rates:
        return False
    if conditions.themes and any(tender.detection.themes.get(theme, 0.0) < level
                                 for theme, level in conditions.themes.items()):
        return False
    if conditions.any_of and not any(holds(alternative, tender) for alternative in conditions.any_of):
        return False
    return not (conditions.none_of and holds(conditions.none_of, tender))


def _values(rule: Rule, tender: _Tender) -> dict[str, str]:
    """The computed values the explanation of ``rule`` may use."""
    values: dict[str, str] = {}
    nature = tender.detection.nature
    if tender.amount is not None:
        values["montant"] = money(tender.amount)
    if nature:
        values["nature"] = nature
    bound = rule.when.amount.at_least if rule.when.amount else None
    if bound is not None:
        values["seuil"] = money(_amount(bound, tender))
        values.update({f"seuil_{other}": money(_amount(bound, tender, other)) for other in NATURES})
    if tender.agec:
        values["categorie"] = tender.agec.category
        rate = tender.agec.rate(tender.when.year)
        if rate:
            values["annee"], values["taux"] = str(rate.from_year), rate.text
    return values


def _explain(rule: Rule, tender: _Tender) -> str:
    values = _values(rule, tender)
    text = " ".join(piece.text.strip() for piece in rule.explanation if holds(piece.when, tender))
    return PLACEHOLDER.sub(lambda found: values.get(found[1], MISSING_VALUE), text)


def obligations_for(
    index: ClauseIndex, detection: Detection, *, amount: float | None, when: date, proposed: list[int],
    scores: Floats,
) -> list[Obligation]:
    """Every obligation the tender falls under, in the rules' order (most general first)."""
    knowledge = index.knowledge
    families = [knowledge.families.by_id[family] for family, level in detection.families.items()
                if level >= FAMILY_MIN]
    agec = next((knowledge.agec[family.agec] for family in families if family.agec), None)
    tender = _Tender(detection, amount, when, families, {tag for family in families for tag in family.tags}, agec,
                     knowledge.thresholds)
    finder = _Finder(index, detection, proposed, scores)
    return [
        Obligation(rule.id, rule.title, list(rule.legal_basis),
                   list(dict.fromkeys(clause for query in rule.clauses for clause in finder.find(query))),
                   _explain(rule, tender), rule.certainty, rule.to_check)
        for rule in knowledge.rules if holds(rule.when, tender)
    ]
