"""The matching index, built once per library: phrases -> concepts and clauses, the vocabulary, clause arrays.

Thesaurus cues, purchase-family terms and clause keywords share one phrase table keyed by word keys; a
query is read left to right, longest phrase first. Words missing from the vocabulary are corrected with
rapidfuzz (Damerau-Levenshtein, 1 edit up to 7 letters, 2 beyond, at most one letter more or fewer) and the
correction is cached: exact lookups stay the common, fast path.
"""

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import OSA

from app.clauses.library import ClauseDoc, Nature
from app.french import fold
from app.matching.clauses import GENERIC_THEME, NATURE_BIT, ClauseTable, Positions
from app.matching.families import Family, Need
from app.matching.knowledge import Knowledge
from app.matching.rules import ClauseQuery
from app.matching.text import Token, is_known_word, phrase_keys, phrase_words

__all__ = ["GENERIC_THEME", "ClauseIndex", "Concept", "Entry", "Hit"]

# Ambiguous family terms count this much of a plain term.
WEAK_TERM = 0.5
# Words shorter than this are never typo-corrected: too many near neighbours.
MIN_FUZZY_LENGTH = 5
MAX_CACHED_CORRECTIONS = 50_000
# Long pasted texts: the first words carry the subject, the rest details and boilerplate (selection
# criteria, legal references), which count less.
HEAD_WORDS = 20
BODY_WORDS = 50
# Each keyword a clause shares with a family's vocabulary adds this much to its fit with the family.
FAMILY_FIT_STEP = 0.35

# Procurement words that say nothing about the theme of a clause ("fournitures", "prestations de services").
GENERIC_WORDS = frozenset((
    "fourniture", "fournitures", "prestation", "prestations", "service", "services", "travaux", "achat", "achats",
    "public", "publique", "materiel", "materiels", "equipement", "equipements", "produit", "produits",
    "consommable", "consommables", "accessoire", "accessoires", "commande", "commandes", "bon", "bons", "livraison",
    "livraisons", "entretien", "critere", "criteres", "attribution", "penalite", "penalites", "clause", "clauses",
    "sanction", "sanctions", "execution", "condition", "conditions", "social", "sociale", "environnemental",
    "environnementale", "environnementaux",
))
_GENERIC_KEYS = frozenset(key for word in GENERIC_WORDS for key in phrase_keys(word)[0])
# Stop words are not read, but "avec" and "sans" say opposite things: a phrase written with one of them is not found
# where the text writes the other ("location avec chauffeur" is not "location sans chauffeur").
_OPPOSITE = {"avec": "sans", "sans": "avec"}


@lru_cache(maxsize=16384)  # the phrases of the vocabulary, each read once
def _opposites(phrase: str) -> frozenset[str]:
    """The words a text must not write where ``phrase`` is found: "sans" for a phrase written with "avec"."""
    return frozenset(_OPPOSITE[word] for word in fold(phrase).split() if word in _OPPOSITE)


def _contradicts(phrase: str, surface: str) -> bool:
    """True when ``surface`` writes the opposite of a word of ``phrase`` ("sans" for "avec")."""
    opposites = _opposites(phrase)
    return bool(opposites) and not opposites.isdisjoint(fold(surface).split())


@dataclass(frozen=True)
class Concept:
    """What a phrase can mean: a purchase family, or a theme named directly."""

    id: str
    label: str
    themes: dict[str, float]
    family: Family | None = None


@dataclass
class Entry:
    """One phrase of the table: the concepts and clauses it points at."""

    text: str
    generic: bool = False  # only procurement words: a weak hint of fit, no evidence of a theme
    concepts: list[tuple[int, float]] = field(default_factory=list)
    clauses: list[tuple[int, float]] = field(default_factory=list)
    # Filled once the library is read: the clauses as arrays, and the share of each theme among them.
    clause_positions: Positions = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    clause_weights: npt.NDArray[np.float64] = field(default_factory=lambda: np.empty(0))
    theme_shares: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Hit:
    """A phrase found in the query."""

    entry: int
    surface: str  # the words as the officer wrote them
    weight: float  # 1.0, less for "pour …" complements, later terms and typo corrections
    corrections: tuple[tuple[str, str], ...] = ()  # (as written, read as)
    keyword: bool = False  # read as a clause keyword (else as a thesaurus or family term)
    start: int = 0  # offsets of the words in the text
    end: int = 0
    modifier: bool = False  # in a "pour …" complement


# Up to this many clauses, an obligation query's clauses are ordered on plain lists rather than numpy arrays (on
# a large library a query selects hundreds, where numpy is faster).
FEW_POSITIONS = 64


class ClauseIndex:
    """Everything precomputed from one clause library and the knowledge in force."""

    def __init__(self, clauses: Iterable[ClauseDoc], knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.table = ClauseTable(clauses)
        self.clauses = self.table.facts
        self.position_of = {facts.doc.id: position for position, facts in enumerate(self.clauses)}
        # Clause id -> the need (clauses that say the same thing) it belongs to.
        self.need_of: dict[str, Need] = {clause: need for need in knowledge.needs for clause in need.clauses}
        self.concepts: list[Concept] = []
        self.entries: list[Entry] = []
        self._entry_of: dict[tuple[str, ...], int] = {}
        # First key -> (keys, entry) of the phrases that name concepts, and of those that are clause keywords:
        # read separately, so that a long clause keyword never hides a thesaurus term inside it.
        self.concept_starts: dict[str, list[tuple[tuple[str, ...], int]]] = defaultdict(list)
        self.clause_starts: dict[str, list[tuple[tuple[str, ...], int]]] = defaultdict(list)
        self._keys_of: list[tuple[str, ...]] = []
        self.word_of_key: dict[str, str] = {}
        # Family concept -> (clauses, fit): how well each clause's keywords belong to the family's vocabulary.
        self.family_fit: dict[int, tuple[Positions, npt.NDArray[np.float64]]] = {}
        self._add_concepts()
        self.concept_of = {concept.id: position for position, concept in enumerate(self.concepts)}
        self._add_clause_keywords()
        # What each phrase points at (concepts and clauses): whether a longer phrase means more than its first word.
        self._meanings = [frozenset([*(("concept", c) for c, _ in entry.concepts),
                                     *(("clause", c) for c, _ in entry.clauses)]) for entry in self.entries]
        for position, entry in enumerate(self.entries):
            keys = self._keys_of[position]
            if entry.concepts:
                self.concept_starts[keys[0]].append((keys, position))
            if entry.clauses:
                self.clause_starts[keys[0]].append((keys, position))
        for table in (self.concept_starts, self.clause_starts):
            for candidates in table.values():
                candidates.sort(key=lambda item: -len(item[0]))
        self.vocabulary = frozenset(self.word_of_key)
        # Folded vocabulary words by (first letter, length), for typo correction, and the key of each.
        self._key_of_word: dict[str, str] = {}
        for key, word in self.word_of_key.items():
            self._key_of_word.setdefault(fold(word), key)
        self._words: dict[tuple[str, int], list[str]] = defaultdict(list)
        for word in sorted(self._key_of_word):
            self._words[word[0], len(word)].append(word)
        self._keys: dict[tuple[str, int], list[str]] = defaultdict(list)  # the same, by key (the words' stems)
        for key in sorted(self.word_of_key):
            if key.isalpha():
                self._keys[key[0], len(key)].append(key)
        self._corrections: dict[str, str | None] = {}
        self._generic_fits: dict[str, dict[int, float]] = {}
        self._members: dict[int, frozenset[int]] = {}
        # Obligation clause queries (by identity: they belong to ``knowledge``, kept with this index) and nature ->
        # the positions they select.
        self._query_positions: dict[tuple[int, Nature | None], tuple[ClauseQuery, Positions, list[int] | None]] = {}

    def _entry(self, phrase: str) -> list[int]:
        """Entries of every key variant of ``phrase`` (created on first sight)."""
        positions = []
        for keys in phrase_keys(phrase):
            position = self._entry_of.get(keys)
            if position is None:
                position = len(self.entries)
                self.entries.append(Entry(phrase, generic=all(key in _GENERIC_KEYS for key in keys)))
                self._entry_of[keys] = position
                self._keys_of.append(keys)
                for word, key in zip(phrase_words(phrase), keys, strict=False):
                    self.word_of_key.setdefault(key, word)
            positions.append(position)
        return positions

    def _add_concepts(self) -> None:
        for family in self.knowledge.families.all:
            concept = len(self.concepts)
            self.concepts.append(Concept(family.id, family.label, family.themes, family))
            for terms, weight in ((family.terms, 1.0), (family.weak, WEAK_TERM)):
                for term in terms:
                    for position in self._entry(term):
                        _merge(self.entries[position].concepts, concept, weight)
        for theme, cues in self.knowledge.thesaurus.items():
            concept = len(self.concepts)
            self.concepts.append(Concept(f"theme:{theme}", theme, {theme: 1.0}))
            for cue, weight in cues.items():
                for position in self._entry(cue):
                    _merge(self.entries[position].concepts, concept, weight)

    def _add_clause_keywords(self) -> None:
        phrases_of: list[set[int]] = []
        frequency: dict[int, int] = defaultdict(int)
        for facts in self.clauses:
            positions = {p for phrase in (*facts.doc.keywords, *facts.doc.synonyms) for p in self._entry(phrase)}
            phrases_of.append(positions)
            for position in positions:
                frequency[position] += 1
        for clause, positions in enumerate(phrases_of):
            for position in positions:
                # Rarer phrases say more about a clause: 1.0 when unique, about 0.5 when in a dozen clauses.
                weight = 1.0 / (1.0 + 0.2 * math.log(frequency[position]) ** 1.5)
                self.entries[position].clauses.append((clause, weight))
        family: dict[int, dict[int, float]] = {}
        for entry in self.entries:
            if not entry.clauses:
                continue
            entry.clause_positions = np.array([clause for clause, _ in entry.clauses], dtype=np.int64)
            entry.clause_weights = np.array([weight for _, weight in entry.clauses])
            total = float(entry.clause_weights.sum())
            for clause, weight in entry.clauses:
                for theme in self.clauses[clause].specific_themes:
                    entry.theme_shares[theme] = entry.theme_shares.get(theme, 0.0) + weight / total
            # A clause whose keywords are the words of a purchase family suits that family even when the
            # tender uses other words of it ("gros oeuvre" for the site-waste clause of any building works).
            for concept, concept_weight in () if entry.generic else entry.concepts:
                if self.concepts[concept].family is None:
                    continue
                fits = family.setdefault(concept, {})
                for clause, clause_weight in entry.clauses:
                    evidence = FAMILY_FIT_STEP * concept_weight * clause_weight
                    fits[clause] = 1.0 - (1.0 - fits.get(clause, 0.0)) * (1.0 - evidence)
        self.family_fit = {
            concept: (np.array(list(fits), dtype=np.int64), np.array(list(fits.values())))
            for concept, fits in family.items()
        }

    def has_keyword(self, entry: int, clause: int) -> bool:
        """True when ``clause`` has the phrase ``entry`` among its keywords (cached per phrase)."""
        members = self._members.get(entry)
        if members is None:
            members = self._members[entry] = frozenset(clause for clause, _ in self.entries[entry].clauses)
        return clause in members

    def query_positions(self, query: ClauseQuery, nature: Nature | None) -> tuple[Positions, list[int] | None]:
        """The clauses meeting ``query``'s criteria on the clauses themselves (legal bases, kinds, DECP values,
        themes, specific), without those meant for another nature than ``nature`` (cached); as a list too when
        they are few (``FEW_POSITIONS``), else None."""
        key = (id(query), nature)
        known = self._query_positions.get(key)
        if known is not None and known[0] is query:
            return known[1], known[2]
        table = self.table
        positions = table.clauses_where(cites=tuple(query.cites), kinds=tuple(query.kinds),
                                        decp=tuple(query.decp), themes=tuple(query.themes))
        if query.specific:
            positions = positions[~table.generic[positions]]
        if nature:  # a clause meant for another nature does not fulfil an obligation here
            masks = table.nature_mask[positions]
            positions = positions[(masks == 0) | ((masks & NATURE_BIT[nature]) != 0)]
        few: list[int] | None = positions.tolist() if len(positions) <= FEW_POSITIONS else None
        self._query_positions[key] = (query, positions, few)
        return positions, few

    def generic_fit(self, phrases: str) -> dict[int, float]:
        """Generic clauses whose keywords are among ``phrases`` (";"-separated), with their weight (cached)."""
        found = self._generic_fits.get(phrases)
        if found is None:
            found = {}
            for phrase in phrases.split(";"):
                for keys in phrase_keys(phrase):
                    position = self._entry_of.get(keys)
                    for clause, weight in self.entries[position].clauses if position is not None else ():
                        if self.clauses[clause].generic:
                            found[clause] = max(found.get(clause, 0.0), weight)
            self._generic_fits[phrases] = found
        return found

    def correction(self, word: str, key: str = "") -> str | None:
        """The key of the vocabulary word closest to an unknown folded ``word``, if close enough, else the vocabulary
        key closest to the word's own ``key`` (« chaufferries » is one letter from « chaufferi », two from the
        vocabulary's « chaufferie »; « ménaager », « menag », is one letter from it) (cached)."""
        if word in self._corrections:
            return self._corrections[word]
        best = _closest(word, self._words, budget=1 if len(word) <= 7 else 2)
        found = self._key_of_word[best] if best else (
            _closest(key, self._keys, budget=1) if len(key) >= MIN_FUZZY_LENGTH else None)
        if len(self._corrections) >= MAX_CACHED_CORRECTIONS:
            self._corrections.clear()
        self._corrections[word] = found
        return found

    def token_options(self, token: Token) -> tuple[tuple[str, ...], str | None]:
        """Keys a query word may match, and the vocabulary key it was corrected to (typo), if any."""
        keys = token.keys
        if keys[0] in self.vocabulary or keys[-1] in self.vocabulary:
            return keys, None
        lowered = token.surface.lower()
        if token.proper or len(lowered) < MIN_FUZZY_LENGTH or not lowered.isalpha() or is_known_word(lowered):
            return keys, None
        corrected = self.correction(fold(lowered), token.key)
        return ((corrected,), corrected) if corrected else (keys, None)

    def find(self, text: str, tokens: list[Token], *, modifier_weight: float, later_weight: float,
             typo_weight: float) -> list[Hit]:
        """Concept phrases, then clause keywords, in ``tokens``: longest first, left to right, within a segment."""
        options = [self.token_options(token) for token in tokens]
        weights = (modifier_weight, later_weight, typo_weight)
        return [
            *self._read(text, tokens, options, self.concept_starts, *weights, keyword=False),
            *self._read(text, tokens, options, self.clause_starts, *weights, keyword=True),
        ]

    def _read(
        self, text: str, tokens: list[Token], options: list[tuple[tuple[str, ...], str | None]],
        starts: dict[str, list[tuple[tuple[str, ...], int]]], modifier_weight: float, later_weight: float,
        typo_weight: float, *, keyword: bool,
    ) -> list[Hit]:
        hits: list[Hit] = []
        seen_in_segment: set[int] = set()
        position = 0
        while position < len(tokens):
            found = self._longest_at(tokens, options, starts, position)
            if found is None:
                position += 1
                continue
            length, entry = found
            # A phrase whose last word opens a longer-reaching phrase of another meaning leaves that word to it
            # when its first words still name something: "restauration | patrimoine arboré" is the upkeep of
            # trees, not the restoration of a building ("Services de téléphonie mobile" stays a service: "services"
            # alone names nothing; "réparation des véhicules légers" stays a repair: "véhicules légers" means
            # what "véhicules" alone means).
            last = position + length - 1
            following = self._longest_at(tokens, options, starts, last) if length > 1 else None
            if following is not None and following[0] > 1 and self._adds_meaning(
                    following[1], self._longest_at(tokens, options, starts, last, below=1)):
                length, entry = self._longest_at(tokens, options, starts, position, below=length - 1) or found
            span = tokens[position:position + length]
            if _contradicts(self.entries[entry].text, text[span[0].start:span[-1].end]):
                position += 1
                continue
            modifier = all(token.modifier for token in span)
            weight = modifier_weight if modifier else 1.0
            weight *= position_weight(span[0].position)
            if span[0].segment in seen_in_segment:
                weight *= later_weight
            seen_in_segment.add(span[0].segment)
            corrections = tuple(
                (token.surface, self.word_of_key[option[1]])
                for token, option in zip(span, options[position:position + length], strict=True)
                if option[1] is not None
            )
            if corrections:
                weight *= typo_weight
            surface = " ".join(text[span[0].start:span[-1].end].split())
            hits.append(Hit(entry, surface, weight, corrections, keyword, span[0].start, span[-1].end, modifier))
            position += length
        return hits

    def _adds_meaning(self, phrase: int, word: tuple[int, int] | None) -> bool:
        """True when the entry ``phrase`` points at concepts or clauses that its first word alone (``word``, when it
        is an entry) does not."""
        return not self._meanings[phrase] <= (self._meanings[word[1]] if word else frozenset())

    @staticmethod
    def _longest_at(
        tokens: list[Token], options: list[tuple[tuple[str, ...], str | None]],
        starts: dict[str, list[tuple[tuple[str, ...], int]]], position: int, below: int | None = None,
    ) -> tuple[int, int] | None:
        """The longest phrase (length, entry) starting at ``position`` within its segment, of at most ``below``
        words when given."""
        segment = tokens[position].segment
        best: tuple[int, int] | None = None
        for first in options[position][0]:
            for keys, entry in starts.get(first, ()):  # sorted longest first
                size = len(keys)
                if best and size <= best[0]:
                    break  # no longer than the phrase found for an earlier key of the word
                end = position + size
                if (below is not None and size > below) or end > len(tokens) or tokens[end - 1].segment != segment:
                    continue
                for offset in range(1, size):
                    if keys[offset] not in options[position + offset][0]:
                        break
                else:
                    best = (size, entry)
                    break
        return best


def position_weight(position: int) -> float:
    """Weight of a word by its rank in the text: a contract object states its subject first."""
    if position < HEAD_WORDS:
        return 1.0
    return 0.6 if position < BODY_WORDS else 0.35


def _merge(pairs: list[tuple[int, float]], target: int, weight: float) -> None:
    """Add (target, weight) to ``pairs``, keeping the highest weight per target."""
    for index, (existing, old) in enumerate(pairs):
        if existing == target:
            pairs[index] = (target, max(old, weight))
            return
    pairs.append((target, weight))


def _closest(word: str, table: dict[tuple[str, int], list[str]], *, budget: int) -> str | None:
    """The entry of ``table`` (by first letter and length) closest to ``word`` within ``budget`` edits (one up to 7
    letters, two beyond, for a word); same first letter, which typos rarely hit; one letter more or fewer at most: a
    word two letters longer is another word (« MANOSQUE » is no « masque », « chemisage » no « chemise »)."""
    best: tuple[int, str] | None = None
    for length in range(len(word) - 1, len(word) + 2):
        candidates = table.get((word[0], length))
        if not candidates:
            continue
        found = process.extractOne(word, candidates, scorer=OSA.distance, score_cutoff=budget)
        if found is not None and (best is None or found[1] < best[0]):
            best = (int(found[1]), found[0])
    return best[1] if best else None
