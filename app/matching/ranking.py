"""Clause ranking: score every clause at once, then pick the first ones theme by theme.

A clause's own score is the strength of its themes (its first theme counts most), times its fit (own
keywords, CPV prefixes, purchase family), its kind, and a discount when it says it is meant for another
nature or amount. Picking is greedy: a clause opening a relevant theme not yet covered keeps its score, a
further variant of a covered theme loses a share each time, and a penalty waits for a clause of its theme.
Clauses with the same themes and kind status form a group whose order never changes, so the greedy step only
compares the head of each group. The generic environmental clauses score below any relevant specific clause, but
the first five always hold an environmental clause: a contract launched since August 2026 must carry an
environmental execution condition and award criterion (CCP L2112-2, L2152-7 and R2152-7 as amended by the loi
Climat et résilience, art. 35, and décret 2022-767: obligations/climat-resilience-environnement.yaml), so a purely
social service (training, social support) does not push all of them out of sight.
"""

import math
from dataclasses import dataclass

import numpy as np

from app.clauses.library import KINDS, Nature
from app.clauses.values import format_number
from app.matching.clauses import GENERIC_THEME, NATURE_BIT, NO_THEME, THEME_COLUMN, ClauseFacts
from app.matching.detection import Detection, Floats
from app.matching.index import ClauseIndex

# A theme at or above this strength is "relevant": the top of the list covers them before repeating one.
RELEVANT = 0.2
# Each further clause of an already covered theme keeps this share of its score.
REDUNDANCY = 0.6
# A penalty clause before any other clause of its theme keeps this share (it sanctions a missing clause).
PENALTY_FIRST = 0.5
# Share of a clause's score set by its fit rather than by its themes.
FIT_SHARE = 0.25
# A clause's later themes count this much of its first one, its subject.
SECONDARY_THEME = 0.6
KIND_PRIOR = {
    "condition-execution": 1.0, "specification-technique": 0.98, "critere-attribution": 0.97,
    "marche-reserve": 0.9, "critere-selection": 0.9, "penalite": 0.7,
}
# Generic clauses score at most this (times kind and fit), below any clearly relevant specific clause;
# among them the execution condition and the award criterion the law requires come first.
GENERIC_BASE = 0.3
GENERIC_KIND = {"condition-execution": 1.0, "critere-attribution": 1.0, "penalite": 0.7}
# Specific clauses under this score are not proposed at all.
MIN_SPECIFIC = 0.08
# Weight of the relevance a clause has above the cap (1.0): only breaks ties.
OVERFLOW = 1e-4
# A clause meant for another nature or amount keeps this share of its score.
APPLIES_MISMATCH = 0.5
# A core clause of supplies that the object keeps in use without buying them (« Entretien et réparation des véhicules
# légers » names the vehicles serviced: ``upkept_by``) keeps this share of its score: the purchase it is meant for
# is not the tender's.
UPKEPT_GOODS = 0.5
# The first this many proposals hold a clause of the environmental pillar: a generic one when no specific one.
ENVIRONMENT_WITHIN = 5

_KIND_PRIOR = np.array([KIND_PRIOR.get(kind, 0.8) for kind in KINDS])
_GENERIC_KIND = np.array([GENERIC_KIND.get(kind, 0.9) for kind in KINDS])


def money(amount: float) -> str:
    """An amount in euros excluding tax, written the French way."""
    return f"{format_number(round(amount))} € HT"


def applies(facts: ClauseFacts, nature: Nature | None, amount: float | None) -> tuple[float, str | None]:
    """A factor below 1 when the clause says it is meant for another nature or amount, with the reason."""
    if nature and facts.natures and nature not in facts.natures:
        return APPLIES_MISMATCH, f"prévue pour les marchés de {' ou de '.join(sorted(facts.natures))}"
    if amount is not None and facts.min_amount is not None and amount < facts.min_amount:
        return APPLIES_MISMATCH, f"prévue à partir de {money(facts.min_amount)}"
    if amount is not None and facts.max_amount is not None and amount > facts.max_amount:
        return APPLIES_MISMATCH, f"prévue jusqu'à {money(facts.max_amount)}"
    return 1.0, None


@dataclass(frozen=True)
class Scores:
    """Own score (negative: not proposed) and fit of every clause, by position."""

    score: Floats
    fit: Floats


def score_clauses(
    index: ClauseIndex, detection: Detection, amount: float | None, generic_factor: Floats | None = None,
) -> Scores:
    """The own score of every clause (``generic_factor`` scales some generic clauses)."""
    table = index.table
    strengths = np.zeros(NO_THEME + 1)
    for theme, level in detection.themes.items():
        if theme in THEME_COLUMN:
            strengths[THEME_COLUMN[theme]] = level
    first, others = strengths[table.primary], strengths[table.secondary]
    uncapped = np.maximum(first, SECONDARY_THEME * others.max(axis=1)) + 0.1 * others.sum(axis=1)
    # Past the cap, what the text says of a clause's other themes still tells two full-relevance clauses apart (a
    # pesticide-free upkeep clause before a de-icing one when the text names dangerous substances too): a nudge far
    # below any visible score difference, instead of a tie broken by the clauses' ids.
    relevance = np.minimum(1.0, uncapped) + OVERFLOW * np.maximum(0.0, uncapped - 1.0)
    fit = 1.0 - (1.0 - detection.keyword_fit) * (1.0 - detection.cpv_fit) * (1.0 - detection.family_fit)
    mismatch = np.zeros(len(table), dtype=bool)
    if detection.nature:
        mismatch |= (table.nature_mask != 0) & ((table.nature_mask & NATURE_BIT[detection.nature]) == 0)
    if amount is not None:
        with np.errstate(invalid="ignore"):
            mismatch |= (amount < table.min_amount) | (amount > table.max_amount)
    factor = np.where(mismatch, APPLIES_MISMATCH, 1.0)
    for position in _upkept_goods_clauses(index, detection):
        factor[position] *= UPKEPT_GOODS
    specific = relevance * (1.0 - FIT_SHARE + FIT_SHARE * fit) * _KIND_PRIOR[table.kind] * factor
    general = detection.themes.get(GENERIC_THEME, 0.0)
    generic = GENERIC_BASE * _GENERIC_KIND[table.kind] * (0.8 + 0.2 * fit) * (1.0 + 0.3 * general) * factor
    if generic_factor is not None:
        generic = generic * generic_factor
    score = np.where(table.generic, generic, np.where(specific >= MIN_SPECIFIC, specific, -1.0))
    return Scores(score, fit)


def _upkept_goods_clauses(index: ClauseIndex, detection: Detection) -> list[int]:
    """The positions of the core clauses of the supplies a service of the object keeps in use (``upkept_by``), when
    no family of the object has them as core clauses: buying those supplies is not the tender (the low-emission
    vehicles clause for the upkeep of the fleet)."""
    objects = {family.id for family in detection.object_families}
    upkept = index.knowledge.families.upkept
    own = {clause for family in detection.object_families for clause in family.core}
    goods = {clause for service in objects for family in upkept.get(service, ()) if family.id not in objects
             for clause in family.core} - own
    return [index.position_of[clause] for clause in sorted(goods) if clause in index.position_of]


def select(index: ClauseIndex, detection: Detection, scores: Scores, limit: int) -> list[tuple[int, float]]:
    """The ``limit`` best clauses (position, score after diversification), distinct relevant themes first."""
    table = index.table
    candidates = np.flatnonzero(scores.score > 0.0)
    if not len(candidates):
        return []
    # Candidates grouped, each group best first (ties by id); no group can give more than ``limit`` clauses.
    order = candidates[np.lexsort((table.id_rank[candidates], -scores.score[candidates], table.group[candidates]))]
    ordered = order.tolist()
    present: list[int] = []  # the groups, in the order of their numbers
    members: list[list[int]] = []  # by slot: the group's clauses, best first
    for position, group_number in zip(ordered, table.group[order].tolist(), strict=True):
        if not present or present[-1] != group_number:
            present.append(group_number)
            members.append([])
        if len(members[-1]) < limit:
            members[-1].append(position)
    own = scores.score.tolist()
    id_rank = table.id_ranks
    slot_of = {group: slot for slot, group in enumerate(present)}
    heads = [0] * len(present)
    head_scores = [own[group_members[0]] for group_members in members]
    relevant = {theme for theme, level in detection.themes.items() if level >= RELEVANT and theme != GENERIC_THEME}
    covered: dict[str, int] = {}
    opened: set[str] = set()  # themes with a non-penalty clause chosen
    environmental = [table.group_environmental[group] for group in present]
    environment_due = True  # no environmental clause chosen yet

    # By group: each theme's strength (a later theme less), the theme, and the times it counts as covered already
    # when not relevant; and the best strength.
    theme_worths: dict[int, tuple[list[tuple[float, str, int]], float]] = {}

    def factor(group_number: int) -> float:
        group = table.groups[group_number]
        if group.generic:
            return 1.0
        # Each theme is worth its strength (a later theme less) discounted by the chosen clauses covering it
        # (a theme that is not relevant counts as covered); the group is worth its best theme.
        known = theme_worths.get(group_number)
        if known is None:
            worths = [(detection.themes.get(theme, 0.0) * (1.0 if rank == 0 else SECONDARY_THEME), theme,
                       0 if theme in relevant else 1) for rank, theme in enumerate(group.themes)]
            known = theme_worths[group_number] = (worths, max(worth for worth, _, _ in worths))
        worths, best = known
        if best <= 0.0:
            value = REDUNDANCY
        else:
            value = -math.inf
            for worth, theme, floor in worths:
                discounted = worth * REDUNDANCY ** max(covered.get(theme, 0), floor)
                if discounted > value:
                    value = discounted
            value /= best
        if group.penalty and group.themes[0] not in opened:
            value *= PENALTY_FIRST  # a penalty sanctions a clause: it comes after one of its theme
        return value

    # A factor is at most 1: scanning groups by their head's own score, once a head scores below the best value
    # found, neither it nor any later one can win. Factors are computed when needed and forgotten when a choice
    # changes the coverage of their themes.
    factors: list[float | None] = [None] * len(present)
    chosen: list[tuple[int, float]] = []
    while len(chosen) < limit:
        best_slot, best_value, best_rank = -1, -math.inf, 0
        only_environmental = environment_due and len(chosen) == ENVIRONMENT_WITHIN - 1
        for slot in sorted(range(len(present)), key=head_scores.__getitem__, reverse=True):
            head_score = head_scores[slot]
            if head_score == -math.inf or head_score < best_value - 1e-12:
                break
            if only_environmental and not table.groups[present[slot]].generic:
                continue
            known = factors[slot]
            if known is None:
                known = factors[slot] = factor(present[slot])
            value, rank = head_score * known, id_rank[members[slot][heads[slot]]]
            if value > best_value + 1e-12 or (value >= best_value - 1e-12 and rank < best_rank):
                best_slot, best_value, best_rank = slot, value, rank
        if best_slot < 0:
            if only_environmental:
                environment_due = False
                continue
            break
        environment_due = environment_due and not environmental[best_slot]
        # After an environmental clause brought forward, the next ones never show a higher score than it.
        best_value = min(best_value, chosen[-1][1]) if chosen else best_value
        chosen.append((members[best_slot][heads[best_slot]], best_value))
        heads[best_slot] += 1
        remaining = heads[best_slot] < len(members[best_slot])
        head_scores[best_slot] = own[members[best_slot][heads[best_slot]]] if remaining else -math.inf
        group = table.groups[present[best_slot]]
        for theme in group.themes:
            covered[theme] = covered.get(theme, 0) + 1
            if not group.penalty:
                opened.add(theme)
            for affected in table.groups_of_theme[theme]:
                if affected in slot_of:
                    factors[slot_of[affected]] = None
    return chosen
