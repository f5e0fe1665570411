"""One matching run: a tender in, ranked clauses with their reasons, obligations and inferred CPV out."""

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from app.clauses.library import ClauseDoc, Nature
from app.matching.detection import Detection, detect
from app.matching.families import Family
from app.matching.index import GENERIC_THEME, ClauseIndex
from app.matching.obligations import Obligation, PurchasesSource, obligations_for
from app.matching.ranking import applies, score_clauses, select
from app.matching.reading import Reading, read_tender
from app.matching.recommend import Recommender
from app.matching.rules import SMALL_PURCHASE
from app.matching.sizing import InsertionSizing, size_insertion
from app.matching.text import repair, without_preamble

# Shown in the reasons: at most this many words of the text per reason.
REASON_TERMS = 4
# Keywords of the generic clause for purchases made without advertising, added below that amount.
SMALL_PURCHASE_TERMS = "achat de faible montant ; petit achat"
NOT_SMALL = 0.9
# The obligations look for their clauses among this many proposals first, whatever the limit asked for, so that
# the recommendation does not depend on the length of the list.
PROPOSAL_DEPTH = 10


@dataclass(frozen=True)
class Query:
    """A tender as the officer describes it; ``cpv`` holds valid 8-digit codes."""

    text: str
    cpv: list[str] = field(default_factory=list)
    amount_eur: float | None = None
    nature: Nature | None = None
    date: dt.date | None = None
    limit: int = 10
    buyer_annual_purchases_eur: float | None = None  # the buyer's total annual purchases (SPASER threshold)
    # Where that volume comes from: "formulaire" (typed by the officer) or "profil" (the buyer's profile).
    buyer_purchases_source: PurchasesSource = "formulaire"


@dataclass(frozen=True)
class Match:
    """A proposed clause."""

    clause: ClauseDoc
    score: int  # 0-100
    reasons: list[str]
    recommendation: str | None = None  # why it is recommended (pre-ticked), in French; None: only proposed

    @property
    def recommended(self) -> bool:
        return self.recommendation is not None


@dataclass(frozen=True)
class Understood:
    """What was read from the text and the form: what is bought, the amount used and where it comes from, the
    duration and the lots."""

    reading: Reading
    amount_eur: float | None
    source: str | None  # "formulaire" (the officer's field), "texte" (read), None (unknown)
    object_families: list[Family]
    buyer_purchases_eur: float | None  # the buyer's total annual purchases used for the SPASER rule
    buyer_purchases_source: PurchasesSource | None  # where they come from; None when unknown


@dataclass(frozen=True)
class MatchResult:
    """Everything a matching run found."""

    matches: list[Match]  # the recommended clauses are all among them, even beyond the limit
    obligations: list[Obligation]
    inferred_cpv: list[str]
    themes: dict[str, float]
    nature: Nature | None
    understood: Understood
    insertion: InsertionSizing | None  # the hours proposed for the recommended insertion clause


def _terms(words: list[str]) -> str:
    return ", ".join(words[:REASON_TERMS])


def _reasons(
    index: ClauseIndex, detection: Detection, position: int, fit: float, obligations: list[Obligation],
    amount: float | None,
) -> list[str]:
    facts = index.clauses[position]
    reasons: list[str] = []
    themes = sorted(facts.specific_themes, key=lambda theme: -detection.themes.get(theme, 0.0))
    words = list(dict.fromkeys(word for theme in themes for word in detection.theme_terms.get(theme, [])))
    if words:
        reasons.append(f"termes reconnus : {_terms(words)}")
    notes = list(dict.fromkeys(note for theme in themes for note in detection.cpv_notes.get(theme, [])))
    for code, label in notes[:2]:
        reasons.append(f"code CPV {code} : {label}")
    keywords = [hit.surface for hit in detection.keyword_hits
                if hit.surface not in words and index.has_keyword(hit.entry, position)]
    if keywords:
        reasons.append(f"mots-clés de la clause : {_terms(list(dict.fromkeys(keywords)))}")
    if not notes and fit > 0 and detection.codes and not detection.inferred_cpv:
        reasons.append(f"code CPV {detection.codes[0][0]} dans le champ de la clause")
    typos = [f"« {written} » lu comme « {read} »" for written, read in detection.corrections
             if any(written.lower() in term for term in (*words, *keywords))]
    if typos:
        reasons.append("correction : " + ", ".join(typos))
    for obligation in obligations:
        if facts.doc.id in obligation.clause_ids:
            reasons.append(f"obligation : {obligation.title}")
    if facts.generic:
        reasons.append("clause environnementale générale : convient à tout marché, en complément des clauses "
                       "spécifiques")
    _, caveat = applies(facts, detection.nature, amount)
    if caveat:
        reasons.append(f"attention : {caveat}")
    return reasons


def match(index: ClauseIndex, query: Query) -> MatchResult:
    """Rank the clauses of ``index`` for ``query``, explain each, recommend the indisputable ones, and list the
    obligations; the amount, when the query has none, is read from the text."""
    when = query.date or dt.date.today()
    text = repair(query.text)
    detection = detect(index, without_preamble(text), query.cpv, query.nature)
    head = detection.object_families[0] if detection.object_families else None
    reading = read_tender(text, detection.nature, head.vat_rate if head else None)
    amount = query.amount_eur if query.amount_eur is not None else reading.amount_eur
    purchases = query.buyer_annual_purchases_eur
    understood = Understood(reading, amount, "formulaire" if query.amount_eur is not None else
                            "texte" if amount is not None else None, detection.object_families,
                            purchases, query.buyer_purchases_source if purchases is not None else None)
    # The generic clause written for purchases without advertising (found by its keywords) comes first
    # among the generic ones for a small amount, after the standard ones otherwise.
    small_fit = index.generic_fit(SMALL_PURCHASE_TERMS)
    generic_factor = np.ones(len(index.clauses))
    small = index.knowledge.thresholds[SMALL_PURCHASE].at(detection.nature, when)
    if amount is not None and amount < small:
        for position, fit in small_fit.items():
            detection.keyword_fit[position] = max(detection.keyword_fit[position], fit)
    else:
        generic_factor[list(small_fit)] = NOT_SMALL
    scores = score_clauses(index, detection, amount, generic_factor)
    ranked = select(index, detection, scores, max(query.limit, PROPOSAL_DEPTH))
    chosen = ranked[:query.limit]
    recommender = Recommender(index, detection, scores.score, text=text, amount=amount, when=when)
    recommender.core()
    recommender.requested()
    obligations = obligations_for(
        index, detection, codes=query.cpv, amount=amount, buyer_purchases=purchases,
        buyer_purchases_source=query.buyer_purchases_source, when=when,
        proposed=list(dict.fromkeys([*recommender.result.positions, *(p for p, _ in ranked[:PROPOSAL_DEPTH])])),
        scores=scores.score,
    )
    recommender.obligations(obligations)
    recommended = recommender.result
    # The best clauses up to the limit in their ranking order, then the recommended ones the ranking left out (the
    # lowest others make room for them).
    shown = [position for position, _ in chosen]
    shown += [position for position in recommended.positions if position not in shown]
    while len(shown) > query.limit and any(position not in recommended.reasons for position in shown):
        shown.remove(next(p for p in reversed(shown) if p not in recommended.reasons))
    values = dict(chosen)
    matches = [
        Match(index.clauses[position].doc, max(1, min(100, round(100 * values.get(position, scores.score[position])))),
              _reasons(index, detection, position, float(scores.fit[position]), obligations, amount),
              recommended.reasons.get(position))
        for position in shown
    ]
    themes = {theme: round(level, 3) for theme, level in sorted(detection.themes.items(), key=lambda i: -i[1])
              if theme != GENERIC_THEME or level > 0}
    insertion = size_insertion(index.knowledge.sizing, [index.clauses[p].doc for p in recommended.positions],
                               detection.object_families, amount)
    return MatchResult(matches, obligations, detection.inferred_cpv, themes, detection.nature, understood, insertion)

