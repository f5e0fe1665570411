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
from functools import cached_property
from typing import Literal

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
    AmountRange,
    Certainty,
    ClauseQuery,
    Conditions,
    Rule,
    Threshold,
)
from app.matching.text import mentions

# A purchase family found at least this strongly is one of "the" product families of the tender.
FAMILY_MIN = 0.5
MISSING_VALUE = "non renseigné"
# Where the buyer's annual purchases come from: typed by the officer, or the volume of the buyer's profile.
PurchasesSource = Literal["formulaire", "profil"]
PURCHASES_ORIGIN: dict[PurchasesSource, str] = {
    "formulaire": "montant indiqué", "profil": "volume annuel d'achats du profil de l'acheteur",
}


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
    rule: Rule
    # The clauses found, by position, in order, each with True when found by what it is (its legal basis, kind,
    # themes) rather than because the matcher proposed it.
    found: list[tuple[int, bool]]


class _Finder:
    """Library clauses that fulfil an obligation: those proposed first (the recommended ones, then the others),
    then the best scored, then by id."""

    def __init__(self, index: ClauseIndex, detection: Detection, proposed: list[int], scores: Floats) -> None:
        self.index, self.detection, self.scores = index, detection, scores
        self.rank = np.full(len(index.clauses), len(index.clauses), dtype=np.int64)  # not proposed: last
        self.rank[proposed] = np.arange(len(proposed))
        self._lists: tuple[list[int], list[float], list[float]] | None = None

    def find(self, query: ClauseQuery) -> list[int]:
        """Positions of up to ``query.limit`` clauses meeting ``query``."""
        # What the query and the nature select depends on the library alone: kept with the index.
        positions, few = self.index.query_positions(query, self.detection.nature)
        if few is not None:
            return self._find_few(query, few)
        table = self.index.table
        proposed = self.rank[positions] < len(self.rank)
        if query.proposed_only:
            positions = positions[proposed]
        elif query.related:
            positions = positions[proposed | (self.detection.cpv_fit[positions] > 0.0)]
        order = np.lexsort((table.id_rank[positions], -self.scores[positions], self.rank[positions]))
        return [int(position) for position in positions[order[:query.limit]]]

    def _find_few(self, query: ClauseQuery, positions: list[int]) -> list[int]:
        """``find`` for a query that selects a handful of clauses: on plain lists, where numpy's cost per call
        outweighs the work (measured on the real library: 65 → 10 µs per query, about 0.4 ms per match)."""
        if self._lists is None:
            self._lists = (self.rank.tolist(), self.scores.tolist(), self.detection.cpv_fit.tolist())
        rank, scores, cpv_fit = self._lists
        unranked = len(rank)
        if query.proposed_only:
            positions = [position for position in positions if rank[position] < unranked]
        elif query.related:
            positions = [position for position in positions if rank[position] < unranked or cpv_fit[position] > 0.0]
        id_rank = self.index.table.id_ranks
        # The order of np.lexsort above: proposed first in their order, then the best scored, then by id (unique).
        return sorted(positions, key=lambda position: (rank[position], -scores[position], id_rank[position]))[
            :query.limit]


@dataclass(frozen=True)
class _Tender:
    """What the obligations depend on."""

    detection: Detection
    codes: list[str]  # CPV codes given
    amount: float | None
    buyer_purchases: float | None  # the buyer's total annual purchases, € HT
    buyer_purchases_source: PurchasesSource
    when: date
    families: list[Family]  # purchase families found with confidence, strongest first
    agec: AgecCategory | None  # category of the first family of the object that falls in one
    thresholds: dict[str, Threshold]

    @cached_property
    def tags(self) -> set[str]:
        return {tag for family in self.families for tag in family.tags}

    def mentions(self, phrase: str) -> bool:
        """True when the text names ``phrase`` (its words in a row, accents, case and plural ignored)."""
        return mentions(self.detection.tokens, phrase)


def _amount(bound: float | str, tender: _Tender, nature: Nature | None = None) -> float:
    """An amount bound: a number, or a threshold at the launch date for ``nature`` (default: the tender's)."""
    if isinstance(bound, str):
        return tender.thresholds[bound].at(nature or tender.detection.nature, tender.when)
    return bound


def _in_range(amount: float | None, bounds: AmountRange, tender: _Tender) -> bool:
    return amount is not None and (bounds.at_least is None or amount >= _amount(bounds.at_least, tender)) and (
        bounds.below is None or amount < _amount(bounds.below, tender))


def _object_holds(conditions: Conditions, tender: _Tender) -> bool:
    """The conditions on what is bought: families, tags, words of the text, CPV codes, AGEC category, themes."""
    main = tender.detection.object_families  # the object of the tender
    if conditions.object_families and not any(family.id in conditions.object_families for family in main):
        return False
    if conditions.object_tags and not any(set(family.tags) & set(conditions.object_tags) for family in main):
        return False
    if conditions.families and not any(family.id in conditions.families for family in tender.families):
        return False
    if conditions.family_tags and not tender.tags & set(conditions.family_tags):
        return False
    if conditions.mentions and not any(tender.mentions(phrase) for phrase in conditions.mentions):
        return False
    if conditions.codes and not any(code.startswith(tuple(conditions.codes)) for code in tender.codes):
        return False
    if conditions.agec is not None and (tender.agec is not None) != conditions.agec:
        return False
    if conditions.agec_rates is not None and bool(tender.agec and tender.agec.rates) != conditions.agec_rates:
        return False
    return not conditions.themes or all(tender.detection.themes.get(theme, 0.0) >= level
                                        for theme, level in conditions.themes.items())


def holds(conditions: Conditions, tender: _Tender) -> bool:
    """True when every condition given holds for the tender."""
    if conditions.launched and not conditions.launched.contains(tender.when):
        return False
    if conditions.nature and (tender.detection.nature or UNKNOWN_NATURE) not in conditions.nature:
        return False
    if conditions.amount and not _in_range(tender.amount, conditions.amount, tender):
        return False
    purchases = conditions.buyer_annual_purchases
    if purchases and (tender.buyer_purchases is None or tender.buyer_purchases <= purchases.above):
        return False
    if not _object_holds(conditions, tender):
        return False
    if conditions.any_of and not any(holds(alternative, tender) for alternative in conditions.any_of):
        return False
    return not (conditions.none_of and holds(conditions.none_of, tender))


def _values(rule: Rule, tender: _Tender, text: str) -> dict[str, str]:
    """The computed values the explanation ``text`` of ``rule`` may use (the thresholds only when it names them: each
    is a threshold lookup and a French number)."""
    values: dict[str, str] = {}
    nature = tender.detection.nature
    if tender.amount is not None:
        values["montant"] = money(tender.amount)
    if tender.buyer_purchases is not None:
        values["achats_annuels"] = money(tender.buyer_purchases)
        values["origine_achats"] = PURCHASES_ORIGIN[tender.buyer_purchases_source]
    if nature:
        values["nature"] = nature
    bound = rule.when.amount.at_least if rule.when.amount else None
    if bound is not None and "{seuil" in text:
        values["seuil"] = money(_amount(bound, tender))
        if "{seuil_" in text:
            values.update({f"seuil_{other}": money(_amount(bound, tender, other)) for other in NATURES})
    if tender.agec:
        values["categorie"] = tender.agec.category
        if tender.agec.rates:
            values["taux"] = tender.agec.rates
    return values


def _explain(rule: Rule, tender: _Tender) -> str:
    text = " ".join(piece.text.strip() for piece in rule.explanation if holds(piece.when, tender))
    if "{" not in text:  # no placeholder: the amounts are not written out (they cost more than the rest)
        return text
    values = _values(rule, tender, text)
    return PLACEHOLDER.sub(lambda found: values.get(found[1], MISSING_VALUE), text)


def obligations_for(
    index: ClauseIndex, detection: Detection, *, codes: list[str], amount: float | None,
    buyer_purchases: float | None, buyer_purchases_source: PurchasesSource, when: date, proposed: list[int],
    scores: Floats,
) -> list[Obligation]:
    """Every obligation the tender falls under, in the rules' order (most general first)."""
    knowledge = index.knowledge
    families = [knowledge.families.by_id[family] for family, level in detection.families.items()
                if level >= FAMILY_MIN]
    agec = next((knowledge.agec[family.agec] for family in detection.object_families if family.agec), None)
    tender = _Tender(detection, codes, amount, buyer_purchases, buyer_purchases_source, when, families, agec,
                     knowledge.thresholds)
    finder = _Finder(index, detection, proposed, scores)
    obligations = []
    for rule in knowledge.rules:
        if not holds(rule.when, tender):
            continue
        found: dict[int, bool] = {}
        for query in rule.clauses:
            trusted = not (query.proposed_only or query.related)
            for position in finder.find(query):
                found[position] = found.get(position, False) or trusted
        obligations.append(Obligation(
            rule.id, rule.title, list(rule.legal_basis), [index.clauses[position].doc.id for position in found],
            _explain(rule, tender), rule.certainty, rule.to_check, rule, list(found.items()),
        ))
    return obligations
