"""Fuzzy search of suppliers, tolerant of accents, plurals and typos (rapidfuzz, no database).

Scoring every name with ``WRatio`` costs ~250 ms over 100 000 suppliers, so the index works on words:
each query word is matched against the vocabulary of the registry (exact, prefix, then
``fuzz.ratio``), and a supplier scores the mean, over the query words, of its best word similarity
times the weight of the field the word is in (name 1, activity 0.9, label or kind 0.8: a name match
ranks first), summed over the postings with numpy.
"""

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

from app.suppliers.labels import fold

# Cut-offs kept together: a word within this ratio counts as a typo of a registry word, and a
# supplier needs this mean score to be returned.
WORD_CUTOFF: Final = 75.0
PREFIX_SCORE: Final = 90.0
RESULT_CUTOFF: Final = 70.0
MAX_CACHED_WORDS: Final = 10_000
# Words that say nothing about which supplier is meant.
STOPWORDS: Final = frozenset(
    ["a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "par", "pour", "sur", "un", "une"]
)


def words(text: str) -> list[str]:
    """Search words of ``text``: folded, without stopwords, final plural ``s``/``x`` removed."""
    result = []
    for word in fold(text).split():
        if word in STOPWORDS:
            continue
        if len(word) > 3 and word[-1] in "sx":
            word = word[:-1]
        result.append(word)
    return result


Fields = Sequence[tuple[str, float]]  # (text, weight): a word found in a field of weight 0.8 scores 80 at most


@dataclass
class NameIndex:
    """Word index over suppliers: ``keys[i]`` is described by the words of its text, or of its weighted fields."""

    keys: list[str] = field(default_factory=list)
    postings: dict[str, tuple[npt.NDArray[np.int32], npt.NDArray[np.float64]]] = field(default_factory=dict)
    vocabulary: list[str] = field(default_factory=list)
    # Tie-breakers, shorter names first then by key: number of words and rank of the key.
    lengths: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, np.int64))
    key_ranks: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, np.int64))
    # Query word -> registry words it stands for, with their similarity (officers repeat words).
    _similar: dict[str, dict[str, float]] = field(default_factory=dict)

    @classmethod
    def build(cls, documents: Iterable[tuple[str, str | Fields]]) -> "NameIndex":
        """Index ``(key, text)`` pairs, or ``(key, [(text, weight), …])`` (the length tie-breaker counts the
        words of weight 1, the name)."""
        index = cls()
        postings: dict[str, dict[int, float]] = {}
        lengths = []
        for position, (key, text) in enumerate(documents):
            fields = [(text, 1.0)] if isinstance(text, str) else text
            index.keys.append(key)
            lengths.append(len({token for part, weight in fields if weight == 1.0 for token in words(part)}))
            for part, weight in fields:
                for token in set(words(part)):
                    weights = postings.setdefault(token, {})
                    weights[position] = max(weights.get(position, 0.0), weight)
        index.postings = {
            token: (np.array(list(weights), np.int32), np.array(list(weights.values()), np.float64))
            for token, weights in postings.items()
        }
        index.vocabulary = sorted(postings)
        index.lengths = np.array(lengths, np.int64)
        index.key_ranks = np.argsort(np.argsort(np.array(index.keys, dtype=object), kind="stable"))
        return index

    def _similar_words(self, word: str) -> dict[str, float]:
        similar = self._similar.get(word)
        if similar is not None:
            return similar
        similar = {}
        if len(word) >= 3:  # prefixes, for names typed partly
            start = bisect.bisect_left(self.vocabulary, word)
            for candidate in self.vocabulary[start:]:
                if not candidate.startswith(word):
                    break
                similar[candidate] = PREFIX_SCORE
        if word in self.postings:
            similar[word] = 100.0
        elif len(word) >= 4:  # typos: only for words the registry does not know, long enough to carry one
            for candidate, score, _ in process.extract(
                word, self.vocabulary, scorer=fuzz.ratio, processor=None, score_cutoff=WORD_CUTOFF, limit=None
            ):
                similar[candidate] = max(similar.get(candidate, 0.0), score)
        if len(self._similar) >= MAX_CACHED_WORDS:
            self._similar.clear()
        self._similar[word] = similar
        return similar

    def search(self, query: str, limit: int = 500) -> list[tuple[str, float]]:
        """Best ``(key, score 0–100)`` for ``query``, best first (ties: shorter names first)."""
        query_words = list(dict.fromkeys(words(query)))
        if not query_words or not self.keys:
            return []
        total = np.zeros(len(self.keys), np.float64)
        for word in query_words:
            best = np.zeros(len(self.keys), np.float64)
            for candidate, score in self._similar_words(word).items():
                positions, weights = self.postings[candidate]
                best[positions] = np.maximum(best[positions], score * weights)
            total += best
        hits = np.flatnonzero(total >= RESULT_CUTOFF * len(query_words))
        # One sortable integer: score (to 0.01) first, then fewer words, then key.
        scaled = np.round(total[hits] * 100).astype(np.int64)
        order = (-scaled << 40) + (self.lengths[hits] << 24) + self.key_ranks[hits]
        if len(hits) > limit:
            kept = np.argpartition(order, limit)[:limit]
            hits, order = hits[kept], order[kept]
        hits = hits[np.argsort(order, kind="stable")]
        scores = np.round(total[hits] / len(query_words), 1)
        return [(self.keys[p], float(score)) for p, score in zip(hits.tolist(), scores.tolist(), strict=True)]
