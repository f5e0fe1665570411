"""Matching use-case: the knowledge files in force (read again when one changes), the index of the library in
force (rebuilt when a clause or a knowledge file changes), and one match call.

The web page and the CLI call ``match_tender``; the API reads the library revision and matches on the event
loop (``cached_engine_index``, ``match_on``), and rebuilds the index in a worker thread only when it changed
(``engine_index``). Every call reads the library revision
from the database, so an edit made through any process is matched by every process at its next request.
"""

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from app.buyers.service import get_buyer
from app.clauses.library import ClauseDoc
from app.clauses.service import REVISION_QUERY, current_clauses, library_revision
from app.config import Settings
from app.errors import InvalidInput, NotFound
from app.matching.index import ClauseIndex
from app.matching.knowledge import Knowledge, KnowledgeError, Stamp, knowledge_stamp, load_knowledge
from app.matching.matcher import match
from app.matching.schemas import MatchRequest, MatchResponse

# Indexes kept at once (one per database; tests open many): the oldest is dropped beyond this.
MAX_CACHED_INDEXES = 4

IndexKey = tuple[str, tuple[int, int], tuple[Path, Path], Stamp]
_indexes: "OrderedDict[IndexKey, ClauseIndex]" = OrderedDict()
_knowledge: dict[tuple[Path, Path], tuple[Stamp, Knowledge]] = {}
_lock = threading.Lock()
_revision_sqls: dict[str, str] = {}
_log = logging.getLogger(__name__)


def _knowledge_state(settings: Settings) -> tuple[tuple[Path, Path], Stamp, Knowledge]:
    folders = (settings.FAMILIES_DIR, settings.OBLIGATIONS_DIR)
    stamp = knowledge_stamp(*folders)
    known = _knowledge.get(folders)
    if known is not None and known[0] == stamp:
        return folders, stamp, known[1]
    with _lock:
        known = _knowledge.get(folders)
        if known is not None and known[0] == stamp:
            return folders, stamp, known[1]
        knowledge, problems = load_knowledge(*folders)
        if knowledge is None:
            if known is None:
                raise KnowledgeError(problems)
            # A file saved broken while serving: the knowledge read last stays in force until it is fixed.
            _log.error("Fichiers de connaissances invalides, la version précédente reste en vigueur :\n%s",
                       "\n".join(str(problem) for problem in problems))
            knowledge = known[1]
        _knowledge[folders] = (stamp, knowledge)
    return folders, stamp, knowledge


def current_knowledge(settings: Settings) -> Knowledge:
    """The purchase families, thesaurus and obligation rules of the configured folders, read again when a file
    changes (``KnowledgeError`` if they are broken at first reading)."""
    return _knowledge_state(settings)[2]


def _index_key(url: str, revision: tuple[int, int], settings: Settings) -> tuple[IndexKey, Knowledge]:
    folders, stamp, knowledge = _knowledge_state(settings)
    return (url, revision, folders, stamp), knowledge


def _index(url: str, revision: tuple[int, int], settings: Settings,
           load: Callable[[], list[ClauseDoc]]) -> ClauseIndex:
    """The index cached for the database at ``url``, its library ``revision`` and the knowledge in force;
    built from ``load()`` when one of them is new."""
    key, knowledge = _index_key(url, revision, settings)
    index = _indexes.get(key)
    if index is not None:
        return index
    with _lock:
        index = _indexes.get(key)
        if index is None:
            index = ClauseIndex(load(), knowledge)
            for stale in [cached for cached in _indexes if cached[0] == url and cached[2] == key[2]]:
                del _indexes[stale]
            _indexes[key] = index
            while len(_indexes) > MAX_CACHED_INDEXES:
                _indexes.popitem(last=False)
    return index


def library_index(*, session: Session, settings: Settings) -> ClauseIndex:
    """The index of the clauses and knowledge in force, rebuilt only when either changes."""
    revision = library_revision(connection=session.connection())
    return _index(str(session.get_bind().engine.url), revision, settings,
                  lambda: current_clauses(session=session))


def _engine_revision(engine: Engine) -> tuple[int, int]:
    """The library revision read on a pooled connection; PostgreSQL in autocommit (no BEGIN nor ROLLBACK
    round trips around one SELECT); SQLite on the driver's own cursor (its reads open no transaction), which
    costs a third of SQLAlchemy's execution layer (measured 165 → 65 µs per request)."""
    if engine.dialect.name == "sqlite":
        raw = engine.raw_connection()
        try:
            cursor = raw.cursor()
            try:
                cursor.execute(_revision_sql(engine))
                count, last = cursor.fetchone() or (0, 0)  # an aggregate always gives one row
            finally:
                cursor.close()
        finally:
            raw.close()
        return int(count or 0), int(last or 0)
    connection = engine.connect()
    if engine.dialect.name == "postgresql":
        connection = connection.execution_options(isolation_level="AUTOCOMMIT")
    with connection:
        return library_revision(connection=connection)


def _revision_sql(engine: Engine) -> str:
    """``REVISION_QUERY`` compiled once per dialect (it has no parameter)."""
    sql = _revision_sqls.get(engine.dialect.name)
    if sql is None:
        sql = _revision_sqls[engine.dialect.name] = str(REVISION_QUERY.compile(dialect=engine.dialect))
    return sql


def engine_index(engine: Engine, settings: Settings) -> ClauseIndex:
    """``library_index`` without a session: a session is opened only to rebuild the index (blocking: run it
    in a thread, or call ``cached_engine_index`` first)."""

    def load() -> list[ClauseDoc]:
        with Session(engine) as session:
            return current_clauses(session=session)

    return _index(str(engine.url), _engine_revision(engine), settings, load)


def cached_engine_index(engine: Engine, settings: Settings) -> ClauseIndex | None:
    """The index in force when it is already built, else None: one indexed query and the knowledge files'
    modification times, cheap enough to run on the event loop (a hop to a worker thread costs more)."""
    key, _ = _index_key(str(engine.url), _engine_revision(engine), settings)
    return _indexes.get(key)


def profile_volume(*, session: Session, request: MatchRequest) -> float | None:
    """The annual purchase volume of the buyer profile ``request.buyer_siret`` (None without a SIRET or when the
    profile leaves it blank); ``InvalidInput`` (422) when no profile has that SIRET."""
    if request.buyer_siret is None:
        return None
    try:
        volume = get_buyer(session=session, siret=request.buyer_siret).annual_volume_eur
    except NotFound:
        raise InvalidInput(
            f"Aucun profil d'acheteur de SIRET {request.buyer_siret} : créez ce profil (page Acheteurs ou "
            "clausier buyers add) ou indiquez le montant total annuel des achats.", siret=request.buyer_siret,
        ) from None
    return None if volume is None else float(volume)


def engine_profile_volume(engine: Engine, request: MatchRequest) -> float | None:
    """``profile_volume`` without a session (blocking: run it in a thread)."""
    with Session(engine) as session:
        return profile_volume(session=session, request=request)


def match_on(index: ClauseIndex, request: MatchRequest, *, volume: float | None = None) -> MatchResponse:
    """The clauses to propose for a tender on ``index``, ``volume`` being the annual purchases of the buyer profile
    the request names: pure computation, no I/O."""
    return MatchResponse.of(match(index, request.query(profile_volume=volume)), request.text)


def match_tender(*, session: Session, settings: Settings, request: MatchRequest) -> MatchResponse:
    """The clauses to propose for a tender, with their reasons, the obligations and the inferred CPV codes (the
    buyer's annual purchases taken from its profile when the request names one and gives no volume)."""
    volume = profile_volume(session=session, request=request)
    return match_on(library_index(session=session, settings=settings), request, volume=volume)
