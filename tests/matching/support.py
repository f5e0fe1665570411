"""Helpers of the matching tests: the built-in library index, built once, and a one-call match."""

from functools import lru_cache

from app.clauses.library import read_library
from app.config import PROJECT_ROOT
from app.matching.index import ClauseIndex
from app.matching.knowledge import Knowledge, read_knowledge
from app.matching.matcher import MatchResult, Query, match


@lru_cache
def knowledge() -> Knowledge:
    """The built-in purchase families, thesaurus and obligation rules."""
    return read_knowledge(PROJECT_ROOT / "families", PROJECT_ROOT / "obligations")


@lru_cache
def library_index() -> ClauseIndex:
    """The index of the built-in clause library and knowledge (pure: no database)."""
    return ClauseIndex(read_library(PROJECT_ROOT / "clauses"), knowledge())


def run(text: str, **options: object) -> MatchResult:
    """Match ``text`` against the built-in library."""
    return match(library_index(), Query(text=text, **options))  # type: ignore[arg-type]


def ids(result: MatchResult, count: int = 50) -> list[str]:
    """Ids of the first ``count`` proposed clauses."""
    return [item.clause.id for item in result.matches[:count]]


def first_themes(result: MatchResult, count: int = 5) -> set[str]:
    """Themes of the first ``count`` proposed clauses."""
    return {theme for item in result.matches[:count] for theme in item.clause.themes}


def recommended(result: MatchResult) -> set[str]:
    """Ids of the recommended (pre-ticked) clauses."""
    return {item.clause.id for item in result.matches if item.recommended}


def object_ids(result: MatchResult) -> list[str]:
    """Ids of the families read as the object of the contract, the head first."""
    return [family.id for family in result.understood.object_families]
