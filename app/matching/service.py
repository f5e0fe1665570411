"""Matching use-case: the index of the library in force, cached until a clause changes, and one match call.

The web page, the API and the CLI all call ``match_tender``.
"""

import threading
from collections import OrderedDict

from sqlmodel import Session

from app.clauses.service import current_clauses, library_revision
from app.matching.index import ClauseIndex
from app.matching.matcher import match
from app.matching.schemas import MatchRequest, MatchResponse

# Indexes kept at once (one per database; tests open many): the oldest is dropped beyond this.
MAX_CACHED_INDEXES = 4

_indexes: "OrderedDict[tuple[str, tuple[int, int]], ClauseIndex]" = OrderedDict()
_lock = threading.Lock()


def library_index(*, session: Session) -> ClauseIndex:
    """The index of the clauses in force, rebuilt only when the library revision changes."""
    key = (str(session.get_bind().engine.url), library_revision(session=session))
    index = _indexes.get(key)
    if index is not None:
        return index
    with _lock:
        index = _indexes.get(key)
        if index is None:
            index = ClauseIndex(current_clauses(session=session))
            for stale in [cached for cached in _indexes if cached[0] == key[0]]:
                del _indexes[stale]
            _indexes[key] = index
            while len(_indexes) > MAX_CACHED_INDEXES:
                _indexes.popitem(last=False)
    return index


def match_tender(*, session: Session, request: MatchRequest) -> MatchResponse:
    """The clauses to propose for a tender, with their reasons, the obligations and the inferred CPV codes."""
    return MatchResponse.of(match(library_index(session=session), request.query()))
