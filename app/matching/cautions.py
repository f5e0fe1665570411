"""What a summary asks that the documents may not say as written.

An officer's summary often carries the elected officials' wishes in their own words: « produits bio et locaux »,
« exiger le label Ecocert », « noter la politique RSE de l'entreprise ». Written as such into a CCAP or an RC, each
is irregular (a local preference, a named label without « ou équivalent », the company's general policy). The
proposals say so before the officer writes them, with the lawful way to reach the same aim. The sentences are read
with the draft check's own rules (shared in ``app.clauses.legal_lint``), so that a wish flagged here is the finding
the draft check would raise once written, and the reverse.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from app.clauses.legal_lint import (
    LABEL_RULE,
    LABELS,
    LOCAL,
    LOCAL_RULE,
    POLICY,
    POLICY_RULE,
    WordingRule,
    admits_equivalent,
    general_policy,
    label_required,
    local_preference,
    sentences,
)
from app.clauses.references import fold


@dataclass(frozen=True)
class Caution:
    """A wish of the summary that the documents may not state as written: the rule, and the words that raise it."""

    rule: WordingRule
    excerpts: tuple[str, ...]  # the words of the summary that raise it, as typed, each wording once, first first

    @property
    def excerpt(self) -> str:
        """The first words that raise it."""
        return self.excerpts[0]


Span = tuple[int, int]


def _span(hit: re.Match[str] | None) -> Span | None:
    return hit.span() if hit else None


def _named_label(parts: list[str], position: int) -> Span | None:
    """The label a sentence requires, when no equivalent is admitted in it or after it (« label Max Havelaar »
    whole, not its first word)."""
    sentence = parts[position]
    if not label_required(sentence) or any(admits_equivalent(later) for later in parts[position:]):
        return None
    hit = LABELS.search(sentence)
    if hit is None:
        return None
    inner = LABELS.search(sentence, hit.start() + 1)
    return (hit.start(), max(hit.end(), inner.end())) if inner and inner.start() < hit.end() else hit.span()


def _local(parts: list[str], position: int) -> Span | None:
    return _span(local_preference(parts[position]))


def _policy(parts: list[str], position: int) -> Span | None:
    return _span(general_policy(parts[position], criteria=False))


# Each rule, the words without which it cannot apply (read once on the whole text: most summaries have none), and
# its reader of a sentence.
_READERS: tuple[tuple[WordingRule, re.Pattern[str], Callable[[list[str], int], Span | None]], ...] = (
    (LOCAL_RULE, LOCAL, _local), (LABEL_RULE, LABELS, _named_label), (POLICY_RULE, POLICY, _policy),
)


# A caution quotes at most this many wordings of its wish (« produits locaux », « entreprises du département »).
MAX_EXCERPTS = 3


def read_cautions(text: str) -> list[Caution]:
    """The cautions a summary raises, one per rule in the order of the rules, each quoting every wording of the wish
    (the officer rewrites them all, not only the first)."""
    plain = " ".join(text.split())
    folded = fold(plain)
    readers = [(rule, reader) for rule, words, reader in _READERS if words.search(folded)]
    if not readers:
        return []
    parts = sentences(folded)
    starts: list[int] = []
    cursor = 0
    for part in parts:
        cursor = folded.index(part, cursor)
        starts.append(cursor)
        cursor += len(part)
    found: list[Caution] = []
    for rule, reader in readers:
        excerpts: dict[str, str] = {}  # by folded wording: the same words said twice are quoted once
        for position, start in enumerate(starts):
            span = reader(parts, position)
            if span is not None:
                excerpts.setdefault(folded[start + span[0]:start + span[1]].strip().lower(),
                                    plain[start + span[0]:start + span[1]].strip())
        if excerpts:
            found.append(Caution(rule, tuple(excerpts.values())[:MAX_EXCERPTS]))
    return found
