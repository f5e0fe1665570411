"""The clause side of the index: per-clause facts as arrays (scored all at once with numpy), groups of clauses
sharing the same themes, CPV prefix tables and cached selections by legal basis.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from app.clauses.library import KINDS, ClauseDoc
from app.clauses.themes import THEMES, THEMES_BY_ID
from app.french import fold

GENERIC_THEME = "environnement-general"
# Column of each theme in the theme-strength vectors; the last column is "no theme" (always 0).
THEME_COLUMN: dict[str, int] = {theme.id: column for column, theme in enumerate(THEMES)}
NO_THEME = len(THEMES)
NATURE_BIT = {"travaux": 1, "fournitures": 2, "services": 4}
KIND_CODE = {kind: code for code, kind in enumerate(KINDS)}

Positions = npt.NDArray[np.int64]


@dataclass(frozen=True)
class ClauseFacts:
    """What ranking and obligations need to know about a clause, precomputed."""

    doc: ClauseDoc
    themes: tuple[str, ...]
    specific_themes: tuple[str, ...]
    generic: bool
    cpv: tuple[str, ...]
    basis: tuple[str, ...]  # legal bases, folded
    natures: frozenset[str]  # natures the clause says it is meant for (empty: any)
    min_amount: float | None
    max_amount: float | None


@dataclass(frozen=True)
class Group:
    """Clauses with the same specific themes and the same penalty/generic status: ranking never reorders them."""

    themes: tuple[str, ...]
    penalty: bool
    generic: bool


def clause_facts(doc: ClauseDoc) -> ClauseFacts:
    """The facts of one clause."""
    themes = tuple(doc.themes)
    specific = tuple(theme for theme in themes if theme != GENERIC_THEME)
    when = doc.applies_when
    return ClauseFacts(
        doc=doc, themes=themes, specific_themes=specific, generic=doc.generic or not specific,
        cpv=tuple(doc.cpv_prefixes), basis=tuple(fold(" ".join(item.split())) for item in doc.legal_basis),
        natures=frozenset(when.nature or ()) if when else frozenset(),
        min_amount=when.min_amount_eur if when else None, max_amount=when.max_amount_eur if when else None,
    )


def _cites(facts: ClauseFacts, articles: tuple[str, ...]) -> bool:
    return any(basis.startswith(article) for basis in facts.basis for article in articles)


class ClauseTable:
    """The clauses of a library as parallel arrays, by position."""

    def __init__(self, docs: Iterable[ClauseDoc]) -> None:
        self.facts = [clause_facts(doc) for doc in docs]
        facts = self.facts
        columns = [[THEME_COLUMN[theme] for theme in item.specific_themes] for item in facts]
        self.primary = np.array([cols[0] if cols else NO_THEME for cols in columns], dtype=np.int64)
        self.secondary = np.array([[*cols[1:], NO_THEME, NO_THEME][:2] for cols in columns], dtype=np.int64)
        self.secondary = self.secondary.reshape(len(facts), 2)
        self.kind = np.array([KIND_CODE[item.doc.kind] for item in facts], dtype=np.int64)
        self.generic = np.array([item.generic for item in facts], dtype=bool)
        self.nature_mask = np.array([sum(NATURE_BIT[n] for n in item.natures) for item in facts], dtype=np.int64)
        self.min_amount = np.array([item.min_amount if item.min_amount is not None else np.nan for item in facts])
        self.max_amount = np.array([item.max_amount if item.max_amount is not None else np.nan for item in facts])
        order = sorted(range(len(facts)), key=lambda position: facts[position].doc.id)
        self.id_rank = np.empty(len(facts), dtype=np.int64)
        self.id_rank[order] = np.arange(len(facts))
        self.id_ranks: list[int] = self.id_rank.tolist()
        group_of: dict[Group, int] = {}
        self.groups: list[Group] = []
        self.group = np.empty(len(facts), dtype=np.int64)
        for position, item in enumerate(facts):
            key = Group(() if item.generic else item.specific_themes, item.doc.kind == "penalite", item.generic)
            if key not in group_of:
                group_of[key] = len(self.groups)
                self.groups.append(key)
            self.group[position] = group_of[key]
        # A group of the environmental pillar: generic, or with a theme that is not of the social pillar.
        self.group_environmental = [group.generic or any(THEMES_BY_ID[theme].pillar != "social"
                                                         for theme in group.themes) for group in self.groups]
        self.groups_of_theme: dict[str, list[int]] = defaultdict(list)
        for number, group in enumerate(self.groups):
            for theme in group.themes:
                self.groups_of_theme[theme].append(number)
        # CPV prefix of a clause -> clauses; and every shorter prefix of it -> clauses (for broad codes).
        exact: dict[str, list[int]] = defaultdict(list)
        extending: dict[str, set[int]] = defaultdict(set)
        for position, item in enumerate(facts):
            for prefix in item.cpv:
                exact[prefix].append(position)
                for length in range(2, len(prefix)):
                    extending[prefix[:length]].add(position)
        self.cpv_exact = {prefix: np.array(sorted(set(found)), dtype=np.int64) for prefix, found in exact.items()}
        self.cpv_extending = {prefix: np.array(sorted(found), dtype=np.int64) for prefix, found in extending.items()}
        self._selections: dict[tuple[tuple[str, ...], ...], Positions] = {}

    def __len__(self) -> int:
        return len(self.facts)

    def cpv_fit(self, codes: list[tuple[str, float]], fit_by_length: dict[int, float]) -> npt.NDArray[np.float64]:
        """How precisely each clause's CPV prefixes cover the weighted codes (0 to 1), by position."""
        fits = np.zeros(len(self.facts))
        for code, weight in codes:
            for length in range(2, len(code) + 1):
                found = self.cpv_exact.get(code[:length])
                if found is not None:
                    np.maximum.at(fits, found, weight * fit_by_length.get(length, 1.0))
            found = self.cpv_extending.get(code)  # a broad code inside which the clause's prefix lies
            if found is not None:
                np.maximum.at(fits, found, weight * fit_by_length.get(len(code), 1.0))
        return fits

    def clauses_where(
        self, *, cites: tuple[str, ...] = (), kinds: tuple[str, ...] = (), decp: tuple[str, ...] = (),
        themes: tuple[str, ...] = (),
    ) -> Positions:
        """Clauses citing one of ``cites``, of ``kinds``, ``decp`` values and ``themes`` (empty: any; cached)."""
        key = (tuple(fold(article) for article in cites), kinds, decp, themes)
        found = self._selections.get(key)
        if found is None:
            found = np.array([
                position for position, item in enumerate(self.facts)
                if (not cites or _cites(item, key[0])) and (not kinds or item.doc.kind in kinds)
                and (not decp or item.doc.decp_value in decp) and (not themes or set(themes) & set(item.themes))
            ], dtype=np.int64)
            self._selections[key] = found
        return found
