"""One matching run: a tender in, ranked clauses with their reasons, obligations and inferred CPV out."""

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from app.clauses.library import ClauseDoc, Nature
from app.matching.detection import Detection, detect
from app.matching.index import GENERIC_THEME, ClauseIndex
from app.matching.obligations import Obligation, obligations_for
from app.matching.ranking import applies, score_clauses, select
from app.matching.rules import SMALL_PURCHASE

# Shown in the reasons: at most this many words of the text per reason.
REASON_TERMS = 4
# Keywords of the generic clause for purchases made without advertising, added below that amount.
SMALL_PURCHASE_TERMS = "achat de faible montant ; petit achat"
NOT_SMALL = 0.9


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


@dataclass(frozen=True)
class Match:
    """A proposed clause."""

    clause: ClauseDoc
    score: int  # 0-100
    reasons: list[str]


@dataclass(frozen=True)
class MatchResult:
    """Everything a matching run found."""

    matches: list[Match]
    obligations: list[Obligation]
    inferred_cpv: list[str]
    themes: dict[str, float]
    nature: Nature | None


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
    """Rank the clauses of ``index`` for ``query``, explain each, and list the obligations."""
    when = query.date or dt.date.today()
    text = query.text
    detection = detect(index, text, query.cpv, query.nature)
    # The generic clause written for purchases without advertising (found by its keywords) comes first
    # among the generic ones for a small amount, after the standard ones otherwise.
    small_fit = index.generic_fit(SMALL_PURCHASE_TERMS)
    generic_factor = np.ones(len(index.clauses))
    small = index.knowledge.thresholds[SMALL_PURCHASE].at(detection.nature, when)
    if query.amount_eur is not None and query.amount_eur < small:
        for position, fit in small_fit.items():
            detection.keyword_fit[position] = max(detection.keyword_fit[position], fit)
    else:
        generic_factor[list(small_fit)] = NOT_SMALL
    scores = score_clauses(index, detection, query.amount_eur, generic_factor)
    chosen = select(index, detection, scores, query.limit)
    obligations = obligations_for(
        index, detection, text=text, codes=query.cpv, amount=query.amount_eur,
        buyer_purchases=query.buyer_annual_purchases_eur, when=when, proposed=[position for position, _ in chosen],
        scores=scores.score,
    )
    matches = [
        Match(index.clauses[position].doc, max(1, min(100, round(100 * value))),
              _reasons(index, detection, position, float(scores.fit[position]), obligations, query.amount_eur))
        for position, value in chosen
    ]
    themes = {theme: round(level, 3) for theme, level in sorted(detection.themes.items(), key=lambda i: -i[1])
              if theme != GENERIC_THEME or level > 0}
    return MatchResult(matches, obligations, detection.inferred_cpv, themes, detection.nature)

