"""Theme detection: what the tender is about, and the evidence behind each conclusion.

Independent pieces of evidence are combined by noisy-or: the thesaurus cues and purchase-family terms
found in the text, the families of the CPV codes, and the clauses' own keywords. The nature stated by the
officer (or that of a CPV code the text does not contradict) discounts families of another nature.
"""

import re
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import Levenshtein

from app.clauses.library import Nature
from app.french import fold, french_regex
from app.matching import cpv
from app.matching.families import Family
from app.matching.index import ClauseIndex, Hit
from app.matching.objects import FamilyHit, find_object, head_opening
from app.matching.text import LOT_NUMBER, Token, analyse, is_known_word, word_keys

# A "pour …" complement, a later term of the same segment, a typo-corrected word count this much.
MODIFIER_WEIGHT = 0.45
LATER_WEIGHT = 0.85
# A theme cue in a "pour …" complement (the purpose or the people served) counts this much.
PURPOSE_WEIGHT = 0.8
TYPO_WEIGHT = 0.85
# Evidence of a CPV code by the length of the family prefix it matched (division, group, class and beyond).
CPV_EVIDENCE = {2: 0.6, 3: 0.75}
CPV_EVIDENCE_DEFAULT = 0.9
# A family of another nature than the tender's (services terms in a supplies contract…).
NATURE_MISMATCH = 0.6
# Clause keywords found in the text tell which themes are meant, more weakly than the thesaurus;
# a keyword made only of procurement words ("fournitures") hints at the clause's fit, at a discount.
KEYWORD_THEME_WEIGHT = 0.35
GENERIC_FIT = 0.4
# When the text clearly names a family (this activation or more), a CPV code of another family counts
# this much: buyers often pick a broad or neighbouring code from the list.
CLEAR_TEXT = 0.8
CPV_CONFLICT = 0.5
# Fit of a clause CPV prefix by the number of digits it shares with the tender's code.
CPV_FIT = {2: 0.5, 3: 0.7, 4: 0.85}
# A family at or above INFERRED_MIN yields an inferred CPV code, at or above CODE_MIN its code and vocabulary are
# used to fit clauses: an ambiguous word alone ("école", "EHPAD": 0.5) does neither.
INFERRED_MIN = 0.55
CODE_MIN = 0.55
# How well a core clause of a family of the object fits the tender, at that family's full strength.
CORE_FIT = 0.5
# Once the object of the contract is found, another family named in the text adds its themes at this share.
BESIDE_OBJECT = 0.5
# When the object covers a subject without working on it (``covers``: insurance), the families and the clause keywords
# of that subject add their themes at this share: a site insured buys no works.
COVERED_SUBJECT = 0.1
# A family adding less than this share of a theme's strongest contribution is not cited as its reason.
TERMS_SHARE = 0.5
_NATURE_WORDS_BY_NATURE: tuple[tuple[Nature, tuple[str, ...]], ...] = (
    ("fournitures", ("fourniture", "fournitures", "acquisition", "achat", "achats")),
    ("travaux", ("travaux",)),
    ("services", ("prestation", "prestations", "service", "services")),
)
_NATURE_WORDS: dict[str, Nature] = {
    word_keys(word)[0]: nature for nature, words in _NATURE_WORDS_BY_NATURE for word in words
}
# The nature words long enough to be read with a one-letter slip, as written.
_SLIP_MIN = 7
_NATURE_SPELLINGS: dict[str, Nature] = {
    word: nature for nature, words in _NATURE_WORDS_BY_NATURE for word in words if len(word) >= _SLIP_MIN
}

# A part of the purchase said to be included ("fourniture des plants comprise", "pose incluse", "y compris la
# fourniture"): it comes with the object, it does not say what the object is.
_INCLUDED_AFTER = french_regex(r"[^,;:.()\n]{0,40}?\b(?:compris|incluse?)e?s?\b", re.IGNORECASE)
_INCLUDED_BEFORE = french_regex(r"\by\s+compris\s+(?:(?:la|le|les)\s+|l['’]\s*)?$", re.IGNORECASE)

# The text names the nature of the contract itself, as a piece of its own ("…, AC à BC de travaux, 4 ans", "marché de
# services, 2 ans", "Accord-cadre mono-attributaire de fournitures : …"): it is the nature, as if the officer had
# chosen it. A complement names another contract (« AMO pour la passation du marché de travaux »).
_CONTRACT_OF = french_regex(
    r"(?:^|[:;,.(\n–—])\s*(?:(?:un|le|l['’])\s*)?(?:march[ée]s?|accords?[- ]cadres?|AC)"
    r"(?:\s+(?:mono|multi)[- ]?attributaires?)?"
    r"(?:\s+(?:à|a)\s+(?:BC|bons\s+de\s+commandes?))?\s+de\s+(travaux|services|fournitures)\b",
    re.IGNORECASE,
)

Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class KeywordHit:
    """A clause keyword found in the text."""

    entry: int
    surface: str


@dataclass
class Detection:
    """What the tender is about, with the evidence behind each conclusion."""

    themes: dict[str, float]
    families: dict[str, float]  # purchase family id -> activation
    object_families: list[Family]  # what is bought (the object of the contract), its head first
    requested: dict[str, list[str]]  # theme -> words of the text that name it outright ("clause d'insertion")
    nature: Nature | None
    codes: list[tuple[str, float]]  # CPV codes (given) or family prefixes (inferred), weighted, for clause fit
    inferred_cpv: list[str]
    theme_terms: dict[str, list[str]]  # theme -> words of the text that support it
    cpv_notes: dict[str, list[tuple[str, str]]]  # theme -> (code, family label)
    keyword_fit: Floats  # by clause position: fit of its own keywords with the text
    family_fit: Floats  # fit of its keywords with the detected purchase families
    cpv_fit: Floats  # fit of its CPV prefixes with the codes
    keyword_hits: list[KeywordHit]
    corrections: list[tuple[str, str]]
    tokens: list[Token]  # the content words of the text


_LOT_MARKS = french_regex(LOT_NUMBER, re.IGNORECASE)

# A hire of plant or vehicles with the people who run them, words between (« LOCATION DE GRUES DE LEVAGE AVEC
# CHAUFFEUR », « MAD D EXCAVATRICE AVEC OPERATEUR »): the holder runs its own machines, the buyer buys that service,
# which the families name by _HIRE_PHRASE; read as that term, it is the object, neither the machines nor works.
_HIRE_WITH_DRIVER = french_regex(
    r"\b(?:locations?|mises?\s+[àa]\s+disposition|MAD)\b[^:;.()\n]{0,60}?\bavec\s+(?:(?:son|leurs?|des|une?)\s+)?"
    r"(?:chauffeurs?|conducteurs?|op[ée]rateurs?|machinistes?)\b", re.IGNORECASE)
_HIRE_PHRASE = "location avec chauffeur"


def noisy_or(current: float, evidence: float) -> float:
    """Combine two independent pieces of evidence in [0, 1]."""
    return 1.0 - (1.0 - current) * (1.0 - evidence)


def _append(mapping: dict[Any, list[Any]], key: Any, value: Any) -> None:
    values = mapping.setdefault(key, [])
    if value not in values:
        values.append(value)


def contract_nature(text: str) -> Nature | None:
    """The nature the text gives the contract ("AC à BC de travaux"), when it gives only one."""
    found = {cast(Nature, match[1].lower()) for match in _CONTRACT_OF.finditer(text)}
    return found.pop() if len(found) == 1 else None


def _nature_word(token: Token) -> Nature | None:
    """The nature a word names (« fourniture », « travaux »…), also written with a one-letter slip when it is no
    French word (« Fourniure de… », « prestaton »: hurried officers; a word that long is never another noun one
    letter away)."""
    if token.key in _NATURE_WORDS:
        return _NATURE_WORDS[token.key]
    word = fold(token.surface.lower())
    if len(word) < _SLIP_MIN or is_known_word(token.surface.lower()):
        return None
    return next((nature for known, nature in _NATURE_SPELLINGS.items() if Levenshtein.distance(word, known) <= 1),
                None)


def _opens_on_nature(index: ClauseIndex, text: str, tokens: list[Token], hits: list[FamilyHit]) -> bool:
    """True when a nature word opens the head piece, up to its first family term (« TRX CREATION OSSUAIRE … »,
    « … – fourn. des goûters : … »): the nature said elsewhere may be that of a subject (« nettoyage de fin de
    travaux », « maîtrise d'œuvre des travaux »). A nature word inside a longer family term is that family's
    (« fourniture de repas » is a catering service, whatever foods the text names)."""
    opening = head_opening(index, text, hits)
    return opening is not None and any(
        opening[0] <= token.start < opening[1] and _nature_word(token) is not None and not any(
            hit.start <= token.start and token.end <= hit.end and (hit.start, hit.end) != (token.start, token.end)
            for hit, _ in hits)
        for token in tokens)


def _names_other(
    index: ClauseIndex, text: str, tokens: list[Token], evidence: "_TextEvidence", said: Nature
) -> bool:
    """True when a plain family term of the nature ``said`` is written apart from the nature words (« TRX … REFECTION
    DES ALLEES »; not « Travaux d'impression », whose « travaux » alone names works: printing jobs)."""
    said_at = [(token.start, token.end) for token in tokens if _nature_word(token) is not None]
    return any(not hit.modifier and not any(hit.start <= start and end <= hit.end for start, end in said_at)
               and any(weight >= 1.0 and (family := index.concepts[concept].family) is not None
                       and family.nature == said for concept, weight in concepts)
               for hit, concepts in evidence.family_hits)


def said_nature(text: str, tokens: list[Token]) -> Nature | None:
    """The nature the text states ("fourniture de…", "travaux de…"), when it states only one; a part said to be
    included ("fourniture des plants comprise", "y compris la fourniture") does not state the nature."""
    found = {nature for token in tokens if (nature := _nature_word(token)) is not None
             and not _INCLUDED_AFTER.match(text, token.end) and not _INCLUDED_BEFORE.search(text, 0, token.start)}
    return found.pop() if len(found) == 1 else None


@dataclass
class _TextEvidence:
    """What the words of the text say, before the CPV codes and the nature are taken into account."""

    strong: list[float]  # concept -> evidence of its plain terms and theme cues
    weak: list[float]  # concept -> best ambiguous family term (they do not add up)
    terms: dict[int, list[str]]  # concept -> words of the text
    keyword_misses: Floats  # by clause: log of the probability that none of its keywords is meant
    keyword_hits: list[KeywordHit]
    keyword_themes: dict[str, float]
    keyword_theme_terms: dict[str, list[str]]
    corrections: list[tuple[str, str]]
    family_hits: list[FamilyHit]  # hits of family terms, with their family concepts and weights
    requested: dict[str, list[str]]  # theme -> words of the text that name it outright (thesaurus weight 1)


def _hires(index: ClauseIndex, text: str) -> list[Hit]:
    """The hires with driver or operator of the text, read as the term _HIRE_PHRASE where the words are."""
    found = list(_HIRE_WITH_DRIVER.finditer(text))
    if not found:
        return []
    hits = index.find(_HIRE_PHRASE, analyse(_HIRE_PHRASE), modifier_weight=1.0, later_weight=1.0, typo_weight=1.0)
    return [Hit(hit.entry, " ".join(hire[0].split()), 1.0, start=hire.start(), end=hire.end())
            for hire in found for hit in hits if not hit.keyword]


def _main_themes(index: ClauseIndex, hit: Hit) -> set[str]:
    """The themes the families of a term weigh most."""
    return {theme for concept, _ in index.entries[hit.entry].concepts
            if (family := index.concepts[concept].family) is not None
            for theme, weight in family.themes.items() if weight == max(family.themes.values())}


def _read(index: ClauseIndex, text: str, tokens: list[Token]) -> _TextEvidence:
    hires = _hires(index, text)
    hire_themes = set().union(*(_main_themes(index, hire) for hire in hires))
    # The machines, the works they serve and the operator named within a hire are that hire's words; a term of the
    # same main themes (« location d'autocars avec chauffeur »: passenger transport) keeps its meaning.
    hits = [hit for hit in index.find(text, tokens, modifier_weight=MODIFIER_WEIGHT, later_weight=LATER_WEIGHT,
                                      typo_weight=TYPO_WEIGHT)
            if hit.keyword or not any(hire.start <= hit.start and hit.end <= hire.end for hire in hires)
            or _main_themes(index, hit) & hire_themes] + hires
    size = len(index.concepts)
    evidence = _TextEvidence([0.0] * size, [0.0] * size, {}, np.zeros(len(index.clauses)), [], {}, {}, [], [], {})
    for hit in hits:
        entry = index.entries[hit.entry]
        evidence.corrections.extend(pair for pair in hit.corrections if pair not in evidence.corrections)
        surface = hit.surface.lower()
        if not hit.keyword:
            families = [(concept, weight) for concept, weight in entry.concepts
                        if index.concepts[concept].family is not None]
            if families:
                evidence.family_hits.append((hit, families))
            for concept, weight in entry.concepts:
                family = index.concepts[concept].family
                if family is None and weight >= 1.0 and not hit.modifier:
                    _append(evidence.requested, index.concepts[concept].label, surface)
                if family is not None and weight < 1.0:
                    evidence.weak[concept] = max(evidence.weak[concept], weight * hit.weight)
                else:
                    # A theme cue in a "pour …" complement says what the purchase serves ("mobilier pour
                    # travailleurs en situation de handicap"): it keeps more weight than a family named there.
                    level = hit.weight * (PURPOSE_WEIGHT / MODIFIER_WEIGHT if family is None and hit.modifier else 1.0)
                    evidence.strong[concept] = noisy_or(evidence.strong[concept], weight * level)
                _append(evidence.terms, concept, surface)
            continue
        fit = entry.clause_weights * (hit.weight * (GENERIC_FIT if entry.generic else 1.0))
        np.add.at(evidence.keyword_misses, entry.clause_positions, np.log1p(-np.minimum(fit, 0.999)))
        if entry.generic:
            continue
        evidence.keyword_hits.append(KeywordHit(hit.entry, surface))
        if not entry.concepts:
            for theme, share in entry.theme_shares.items():
                level = KEYWORD_THEME_WEIGHT * share * hit.weight
                evidence.keyword_themes[theme] = noisy_or(evidence.keyword_themes.get(theme, 0.0), level)
                _append(evidence.keyword_theme_terms, theme, surface)
    return evidence


def _conflicts(family: Family, clear: list[Family]) -> bool:
    """True when the text clearly names other families than this CPV family (works refine works)."""
    if not clear or family in clear:
        return False
    return family.nature != "travaux" or all(other.nature != "travaux" for other in clear)


def detect(index: ClauseIndex, text: str, codes: list[str], nature: Nature | None) -> Detection:
    """Themes, families, nature and evidence of a tender text and its CPV codes."""
    tokens = analyse(text)
    said = said_nature(text, tokens)
    evidence = _read(index, text, tokens)
    # Most concepts are not named at all: their level stays 0.0 without the arithmetic (which would give 0.0 too).
    raw = [noisy_or(strong, weak) if strong or weak else 0.0
           for strong, weak in zip(evidence.strong, evidence.weak, strict=True)]
    clear = [family for concept, level in enumerate(raw) if level >= CLEAR_TEXT
             and (family := index.concepts[concept].family) is not None]
    coded: list[tuple[str, Family, int, bool]] = []
    for code in codes:
        families, prefix = index.knowledge.families.for_code(code)
        coded.extend((code, family, len(prefix), _conflicts(family, clear)) for family in families)
    # The nature stated by the officer, else that of a CPV code the text does not contradict, gates the
    # families; the words of the text do not ("fourniture de repas" is a catering service).
    stated = nature = nature or contract_nature(text)
    nature = nature or next((cpv.nature_of(code) for code, _, _, conflict in coded if not conflict), None)
    activation = [
        level * (NATURE_MISMATCH if concept.family and nature and concept.family.nature != nature else 1.0)
        if level else 0.0
        for level, concept in zip(raw, index.concepts, strict=True)
    ]
    cpv_concepts: dict[int, tuple[str, str]] = {}
    for code, family, length, conflict in coded:
        concept = index.concept_of[family.id]
        level = CPV_EVIDENCE.get(length, CPV_EVIDENCE_DEFAULT) * (CPV_CONFLICT if conflict else 1.0)
        activation[concept] = noisy_or(activation[concept], level)
        cpv_concepts[concept] = (code, family.label)
    ranked = sorted(
        ((concept.family, level) for concept, level in zip(index.concepts, activation, strict=True)
         if concept.family is not None and level > 0.0),
        key=lambda item: (-item[1], item[0].id),
    )
    # The object of the contract (what is bought); when no nature is stated, the object's gives it, and the
    # families of another nature are discounted as they would have been.
    coded_families = [family for _, family, _, conflict in coded if not conflict]
    levels = {family.id: level for family, level in ranked}
    object_families = find_object(index, text, evidence.family_hits, levels, said, coded_families, stated)
    # Named lots of different natures all bought (« lot 1 travaux de cloisonnement, lot 2 mobilier, lot 3
    # informatique »): no nature is given to the whole, each lot keeps the clauses meant for its own.
    mixed = nature is None and len({family.nature for family in object_families}) > 1 and len(
        _LOT_MARKS.findall(text)) > 1
    if nature is None and not mixed:
        nature = object_families[0].nature if object_families else (
            ranked[0][0].nature if ranked and ranked[0][1] >= INFERRED_MIN else None)
        # The nature the text states (« TRX … CIMETIERE », « fourn. des goûters : fruits, compotes… ») stands for
        # the officer's when the object read is of another nature and the text names a purchase of the stated one
        # with confidence: as if the officer had chosen it (the cemetery is where the works are done, the snacks
        # are goods, not a catering service).
        told = said if said is not None and nature not in (None, said) and all(
            family.nature != said for family in object_families) and _opens_on_nature(
            index, text, tokens, evidence.family_hits) and _names_other(index, text, tokens, evidence, said) else None
        nature = told or nature
        if nature is not None:
            levels = {family.id: level * (NATURE_MISMATCH if family.nature != nature else 1.0)
                      for family, level in ranked}
            object_families = find_object(index, text, evidence.family_hits, levels, said, coded_families, told)
    # The service that keeps a supply in use, read as the object from that supply's words (« Entretien et réparation
    # des vélos »: ``upkept_by``), is named as strongly as the supply is.
    object_ids = {family.id for family in object_families}
    upkept = [(index.concept_of[family.id], index.concept_of[family.upkept_by]) for family, _ in ranked
              if family.upkept_by in object_ids and family.id not in object_ids]
    if upkept:
        for supply, service in upkept:
            activation[service] = max(activation[service], activation[supply])
        ranked = sorted(
            ((concept.family, level) for concept, level in zip(index.concepts, activation, strict=True)
             if concept.family is not None and level > 0.0),
            key=lambda item: (-item[1], item[0].id),
        )
    # Once the object is known, the other families the text names (a place, the insured fleet, the use of the thing
    # bought) add their themes at a discount: "Transport ... cantine" is a transport, "Assurance flotte auto" an
    # insurance. A CPV code's family is discounted already when the text contradicts it.
    full = {family.id for family in object_families} | {family.id for _, family, _, _ in coded}
    covered = bool(object_families) and object_families[0].covers
    beside = COVERED_SUBJECT if covered else BESIDE_OBJECT
    themes, theme_terms, cpv_notes = _themes(index, [
        level * (beside if object_families and concept.family and concept.family.id not in full else 1.0)
        if level else 0.0
        for level, concept in zip(activation, index.concepts, strict=True)
    ], evidence, cpv_concepts, COVERED_SUBJECT if covered else 1.0)
    if codes:
        weighted, inferred = [(code, 1.0) for code in codes], []
    else:
        weighted = [(family.cpv[0], level) for family, level in ranked if level >= CODE_MIN]
        shown = object_families or [family for family, level in ranked if level >= INFERRED_MIN]
        inferred = list(dict.fromkeys(cpv.padded(family.cpv[0]) for family in shown[:3]))
    family_fit = np.zeros(len(index.clauses))
    for concept, level in enumerate(activation):
        if level >= CODE_MIN and concept in index.family_fit:
            positions, fits = index.family_fit[concept]
            np.maximum.at(family_fit, positions, level * fits)
    # A core clause of the object is what any buyer expects of that purchase: it fits the tender as its keywords
    # would (the water award criterion of a sewage works' operation, before the pesticide-free upkeep of green
    # spaces that shares its theme). Only the head of the object, of the tender's nature and not contradicted by the
    # nature the text states (« Fourniture de sels de fer … boues » buys no water service; a design mission is not
    # the water tower it is about), and only a core clause of its main theme: the other clauses of that theme
    # compete with it on their kind alone; a core clause the text already fits (its words, its codes) keeps that fit.
    keyword_fit = -np.expm1(evidence.keyword_misses)
    cpv_fit = index.table.cpv_fit(weighted, CPV_FIT)
    head = object_families[0] if object_families else None
    for family in [head] if head is not None and head.nature == nature and said in (None, nature) else []:
        level = min(1.0, activation[index.concept_of[family.id]])
        main = {theme for theme, weight in family.themes.items() if weight >= 1.0}
        for clause_id in family.core:
            position = index.position_of.get(clause_id)
            if position is not None and set(index.clauses[position].specific_themes[:1]) & main and (
                    max(keyword_fit[position], cpv_fit[position], family_fit[position]) == 0.0):
                family_fit[position] = CORE_FIT * level
    return Detection(
        themes=themes, families={family.id: level for family, level in ranked}, object_families=object_families,
        requested=evidence.requested,
        nature=None if mixed else nature or said, tokens=tokens,
        codes=weighted, inferred_cpv=inferred, theme_terms=theme_terms, cpv_notes=cpv_notes,
        keyword_fit=keyword_fit, family_fit=family_fit, cpv_fit=cpv_fit, keyword_hits=evidence.keyword_hits,
        corrections=evidence.corrections,
    )


def _themes(
    index: ClauseIndex, activation: list[float], evidence: _TextEvidence, cpv_concepts: dict[int, tuple[str, str]],
    keyword_share: float,
) -> tuple[dict[str, float], dict[str, list[str]], dict[str, list[tuple[str, str]]]]:
    """Theme strengths, and for each theme the words and CPV codes that account for most of it (clause keywords
    count at ``keyword_share``)."""
    themes: dict[str, float] = {}
    contributions: dict[str, list[tuple[float, int]]] = {}
    for concept, level in enumerate(activation):
        for theme, weight in index.concepts[concept].themes.items() if level > 0.0 else ():
            themes[theme] = noisy_or(themes.get(theme, 0.0), level * weight)
            contributions.setdefault(theme, []).append((level * weight, concept))
    theme_terms: dict[str, list[str]] = {}
    cpv_notes: dict[str, list[tuple[str, str]]] = {}
    for theme, parts in contributions.items():
        strongest = max(part for part, _ in parts)
        for part, concept in sorted(parts, reverse=True):
            if part < TERMS_SHARE * strongest:
                continue  # a family that barely adds to the theme is not given as its reason
            for term in evidence.terms.get(concept, ()):
                _append(theme_terms, theme, term)
            if concept in cpv_concepts:
                _append(cpv_notes, theme, cpv_concepts[concept])
    for theme, level in evidence.keyword_themes.items():
        themes[theme] = noisy_or(themes.get(theme, 0.0), level * keyword_share)
        for term in evidence.keyword_theme_terms[theme]:
            _append(theme_terms, theme, term)
    return themes, theme_terms, cpv_notes
