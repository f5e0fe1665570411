"""Clause library use-cases: sync the built-in files, read, version, edit, retire, reset, render."""

import difflib
import hashlib
import json
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from rapidfuzz import fuzz, process, utils
from sqlalchemy import Connection, and_, func, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import defer
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from app.clauses.library import ClauseDoc, name_cross_references
from app.clauses.models import Clause, ClauseVersion
from app.clauses.values import ValueProblem, render_text, resolve_values
from app.db import utcnow
from app.errors import Conflict, InvalidInput, NotFound, PreconditionFailed, describe_validation_errors
from app.french import LIGATURES

BUILTIN, LOCAL = "builtin", "local"
# Minimum rapidfuzz ratio (0-100) between a query word and a clause word for the ``q`` filter:
# one typo in a word of 8 letters or more still matches ("insertoin"), unrelated words do not.
SEARCH_CUTOFF = 80


@dataclass(frozen=True)
class SyncReport:
    added: int
    updated: int
    unchanged: int


def content_hash(doc: ClauseDoc) -> str:
    """Hash of everything that makes the wording and metadata of a clause (its version number aside)."""
    payload = doc.model_dump(mode="json", exclude={"version"})
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


# A stored version never changes: its validated form is kept, keyed by what identifies its content.
_DOCS: "OrderedDict[tuple[str, int, str], ClauseDoc]" = OrderedDict()
MAX_CACHED_DOCS = 4096


def _doc_key(row: ClauseVersion) -> tuple[str, int, str]:
    return (row.clause_id, row.version, row.content_hash)


def to_doc(row: ClauseVersion) -> ClauseDoc:
    """The validated clause stored in ``row`` (validated once per version and content)."""
    key = _doc_key(row)
    doc = _DOCS.get(key)
    if doc is None:
        doc = ClauseDoc.model_validate({**row.data, "version": row.version, "text": row.text})
        _DOCS[key] = doc
        if len(_DOCS) > MAX_CACHED_DOCS:
            _DOCS.popitem(last=False)
    return doc


def _version_row(doc: ClauseDoc, *, version: int, origin: str, author: str) -> ClauseVersion:
    data = doc.front_matter()
    data["version"] = version
    return ClauseVersion(
        clause_id=doc.id, version=version, origin=origin, status=doc.status, title=doc.title,
        kind=doc.kind, document=doc.document, decp_value=doc.decp_value, data=data, text=doc.text,
        content_hash=content_hash(doc), created_by=author,
    )


def _max_version(session: Session, clause_id: str) -> int:
    query = select(func.max(ClauseVersion.version)).where(ClauseVersion.clause_id == clause_id)
    return int(session.exec(query).one() or 0)


def sync_library(*, session: Session, clauses: list[ClauseDoc]) -> SyncReport:
    """Store the built-in files: a new file is added, a changed one becomes a new version (idempotent)."""
    heads = {head.id: head for head in session.exec(select(Clause)).all()}
    added = updated = unchanged = 0
    for doc in clauses:
        digest = content_hash(doc)
        head = heads.get(doc.id)
        if head is None:
            session.add(Clause(id=doc.id, current_version=doc.version, origin=BUILTIN, builtin_version=doc.version))
            session.flush()
            session.add(_version_row(doc, version=doc.version, origin=BUILTIN, author="bibliothèque"))
            added += 1
            continue
        latest = session.exec(
            select(ClauseVersion).where(
                ClauseVersion.clause_id == doc.id, ClauseVersion.version == head.builtin_version
            )
        ).first()
        if latest is not None and latest.content_hash == digest:
            unchanged += 1
            continue
        version = max(_max_version(session, doc.id) + 1, doc.version)
        session.add(_version_row(doc, version=version, origin=BUILTIN, author="bibliothèque"))
        head.builtin_version = version
        if not head.locally_modified:
            head.current_version = version
        head.updated_at = utcnow()
        session.add(head)
        updated += 1
    session.commit()
    return SyncReport(added=added, updated=updated, unchanged=unchanged)


def closest_clause_id(*, session: Session, clause_id: str) -> str | None:
    """The library's clause id nearest to a mistyped one (« menu-vegetarian » for « menu-vegetarien »), if any is
    close enough to be the one meant."""
    ids = session.exec(select(Clause.id)).all()
    close = difflib.get_close_matches(clause_id.strip().lower(), ids, n=1, cutoff=0.8)
    return close[0] if close else None


def did_you_mean(*, session: Session, clause_id: str) -> str:
    """`` (voulez-vous dire « … » ?)`` naming the id probably meant when one is close, else nothing: what an officer
    who mistyped an id needs."""
    closest = closest_clause_id(session=session, clause_id=clause_id)
    return f" (voulez-vous dire « {closest} » ?)" if closest else ""


def unknown_clause_message(*, session: Session, clause_id: str) -> str:
    """« clause inconnue », with the id probably meant when one is close."""
    return "clause inconnue" + did_you_mean(session=session, clause_id=clause_id)


def _head(session: Session, clause_id: str) -> Clause:
    head = session.get(Clause, clause_id)
    if head is None:
        raise NotFound(f"Clause inconnue : « {clause_id} »{did_you_mean(session=session, clause_id=clause_id)}.",
                       clause_id=clause_id)
    return head


def get_version(*, session: Session, clause_id: str, version: int | None = None) -> ClauseVersion:
    """A version of a clause (the current one by default)."""
    head = _head(session, clause_id)
    wanted = version if version is not None else head.current_version
    row = session.exec(
        select(ClauseVersion).where(ClauseVersion.clause_id == clause_id, ClauseVersion.version == wanted)
    ).first()
    if row is None:
        raise NotFound(
            f"La clause « {clause_id} » n'a pas de version {wanted}.", clause_id=clause_id, version=wanted
        )
    return row


def list_versions(*, session: Session, clause_id: str) -> list[ClauseVersion]:
    """Every version of a clause, oldest first."""
    _head(session, clause_id)
    query = select(ClauseVersion).where(ClauseVersion.clause_id == clause_id).order_by(col(ClauseVersion.version))
    return list(session.exec(query).all())


def current_rows(*, session: Session, include_retired: bool = False) -> list[tuple[Clause, ClauseVersion]]:
    """Heads and their current versions, ordered by id.

    The large columns (``data``, ``text``) are read only for versions not validated yet in this process:
    read their content through ``to_doc`` (reading ``row.data`` of another row loads it, one query each).
    """
    query = (
        select(Clause, ClauseVersion)
        .join(ClauseVersion, and_(
            col(ClauseVersion.clause_id) == col(Clause.id), col(ClauseVersion.version) == col(Clause.current_version)
        ))
        .options(defer(ClauseVersion.data), defer(ClauseVersion.text))  # type: ignore[arg-type]
        .order_by(col(Clause.id))
    )
    if not include_retired:
        query = query.where(ClauseVersion.status != "retired")
    rows = [(head, row) for head, row in session.exec(query).all()]
    unread = {row.pk: row for _, row in rows if _doc_key(row) not in _DOCS}
    if unread:
        contents = select(ClauseVersion.pk, ClauseVersion.data, ClauseVersion.text).where(
            col(ClauseVersion.pk).in_(list(unread)))
        for pk, data, text in session.exec(contents):
            set_committed_value(unread[pk], "data", data)
            set_committed_value(unread[pk], "text", text)
    return rows


def current_clauses(*, session: Session, include_drafts: bool = False) -> list[ClauseDoc]:
    """The clauses officers can use now (active, and drafts on request)."""
    return [
        to_doc(row) for _, row in current_rows(session=session)
        if row.status == "active" or (include_drafts and row.status == "draft")
    ]


# Built once: it runs before every match, in every worker (building it costs more than running it).
REVISION_QUERY = select(func.count(), func.max(ClauseVersion.pk))


def library_revision(*, connection: Connection) -> tuple[int, int]:
    """Changes whenever any clause changes: (number of versions, last version key)."""
    count, last = connection.execute(REVISION_QUERY).one()
    return int(count or 0), int(last or 0)


def search_clauses(
    *, session: Session, theme: str | None = None, kind: str | None = None, document: str | None = None,
    status: str | None = None, q: str | None = None,
) -> list[tuple[Clause, ClauseVersion]]:
    """Current clauses matching the filters (retired ones only when ``status='retired'``)."""
    rows = current_rows(session=session, include_retired=status == "retired")
    selected = []
    for head, row in rows:
        doc = to_doc(row)
        if (theme and theme not in doc.themes) or (kind and row.kind != kind) or (status and row.status != status):
            continue
        if document and row.document != document:
            continue
        if q and not _matches_query(q, [row.title, *doc.keywords, *doc.synonyms]):
            continue
        selected.append((head, row))
    return selected


def _words(text: str) -> list[str]:
    # « œuvre » and « oeuvre » are one word to whoever types it: the ligature has no accent for NFKD to drop.
    folded = unicodedata.normalize("NFKD", utils.default_process(text).translate(LIGATURES))
    return [w for w in "".join(c for c in folded if not unicodedata.combining(c)).split() if len(w) > 2]


def _matches_query(q: str, fields: list[str]) -> bool:
    """Every word of ``q`` (3 letters or more) is close to a word of ``fields``: typos and accents tolerated."""
    vocabulary = set(_words(" ".join(fields)))
    return all(
        word in vocabulary or process.extractOne(word, vocabulary, scorer=fuzz.ratio, score_cutoff=SEARCH_CUTOFF)
        for word in _words(q)
    )


def _validated(data: dict[str, Any], *, clause_id: str, version: int) -> ClauseDoc:
    try:
        return ClauseDoc.model_validate({**data, "id": clause_id, "version": version})
    except ValidationError as exc:
        errors = describe_validation_errors(list(exc.errors()))
        raise InvalidInput(
            "Clause invalide : " + "; ".join(f"{e['field']} : {e['message']}" for e in errors), errors=errors
        ) from None


def _check_requirements(session: Session, doc: ClauseDoc) -> None:
    """A clause may only require clauses in force in the library (documents add them)."""
    if not doc.requires:
        return
    active = {row.clause_id for _, row in current_rows(session=session) if row.status == "active"}
    missing = [clause_id for clause_id in doc.requires if clause_id not in active]
    if missing:
        raise InvalidInput(
            f"Clauses requises inconnues ou retirées : {', '.join(missing)}.",
            errors=[{"field": "requires", "message": f"clause « {clause_id} » inconnue ou retirée"}
                    for clause_id in missing],
        )


def create_clause(*, session: Session, data: dict[str, Any], author: str) -> ClauseVersion:
    """A new local clause, at version 1."""
    clause_id = str(data.get("id", ""))
    doc = _validated(data, clause_id=clause_id, version=1)
    _check_requirements(session, doc)
    if session.get(Clause, clause_id) is not None:
        raise Conflict(f"Une clause « {clause_id} » existe déjà.", clause_id=clause_id)
    session.add(Clause(id=clause_id, current_version=1, origin=LOCAL))
    session.flush()
    row = _version_row(doc, version=1, origin=LOCAL, author=author)
    session.add(row)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise Conflict(f"Une clause « {clause_id} » existe déjà.", clause_id=clause_id) from None
    session.refresh(row)
    return row


def _new_version(
    session: Session, head: Clause, doc_data: dict[str, Any], *, expected: int, origin: str, author: str,
    locally_modified: bool,
) -> ClauseVersion:
    """Compare-and-set: the head moves from ``expected`` to a new version, or nothing is written."""
    if head.current_version != expected:
        raise _stale(head.id, head.current_version)
    version = _max_version(session, head.id) + 1
    doc = _validated(doc_data, clause_id=head.id, version=version)
    if doc.status == "active":
        _check_requirements(session, doc)
    row = _version_row(doc, version=version, origin=origin, author=author)
    values: dict[str, Any] = {"current_version": version, "locally_modified": locally_modified, "updated_at": utcnow()}
    if origin == BUILTIN:
        values["builtin_version"] = version
    moved = session.execute(
        update(Clause).where(col(Clause.id) == head.id, col(Clause.current_version) == expected).values(**values)
    )
    if moved.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        raise _stale(head.id, _head(session, head.id).current_version)
    session.add(row)
    try:
        session.commit()
    except IntegrityError:  # another writer took this version number first
        session.rollback()
        raise _stale(head.id, _head(session, head.id).current_version) from None
    session.refresh(row)
    return row


def _stale(clause_id: str, current: int) -> PreconditionFailed:
    return PreconditionFailed(
        f"La clause « {clause_id} » a été modifiée entre-temps (version actuelle : {current}). "
        "Rechargez-la avant de l'enregistrer.",
        clause_id=clause_id, current_version=current,
    )


def update_clause(
    *, session: Session, clause_id: str, data: dict[str, Any], expected_version: int, author: str
) -> ClauseVersion:
    """Replace the clause's content: a new version; a built-in clause becomes locally modified."""
    head = _head(session, clause_id)
    return _new_version(
        session, head, data, expected=expected_version, origin=LOCAL, author=author,
        locally_modified=head.origin == BUILTIN,
    )


def retire_clause(*, session: Session, clause_id: str, expected_version: int, author: str) -> ClauseVersion:
    """Retire a clause (a new version with status ``retired``): nothing is ever hard-deleted."""
    current = to_doc(get_version(session=session, clause_id=clause_id))
    head = _head(session, clause_id)
    data = {**current.model_dump(mode="json"), "status": "retired"}
    return _new_version(
        session, head, data, expected=expected_version, origin=LOCAL, author=author,
        locally_modified=head.origin == BUILTIN,
    )


def reset_clause(*, session: Session, clause_id: str, expected_version: int, author: str) -> ClauseVersion:
    """Give a locally edited built-in clause back its library wording (as a new version)."""
    head = _head(session, clause_id)
    if head.origin != BUILTIN or head.builtin_version is None:
        raise Conflict(f"La clause « {clause_id} » n'appartient pas à la bibliothèque intégrée.")
    if not head.locally_modified:
        raise Conflict(f"La clause « {clause_id} » n'a pas de modification locale.")
    builtin = to_doc(get_version(session=session, clause_id=clause_id, version=head.builtin_version))
    return _new_version(
        session, head, builtin.model_dump(mode="json"), expected=expected_version, origin=BUILTIN,
        author=author, locally_modified=False,
    )


def render_clause(
    *, session: Session, clause_id: str, variables: dict[str, Any], version: int | None = None, draft: bool = False
) -> tuple[ClauseVersion, str]:
    """The clause text filled with ``variables``; 422 listing every missing or bad value."""
    row = get_version(session=session, clause_id=clause_id, version=version)
    doc = to_doc(row)
    formatted, problems = resolve_values(doc, variables, draft=draft)
    if problems:
        raise invalid_values(doc, problems)
    return row, name_cross_references(render_text(doc, formatted), required_titles(session=session, doc=doc))


def required_titles(*, session: Session, doc: ClauseDoc) -> dict[str, str]:
    """Titles of the clauses ``doc`` requires (those still in the library)."""
    heads = {head.id for head in session.exec(select(Clause).where(col(Clause.id).in_(doc.requires))).all()}
    return {clause_id: get_version(session=session, clause_id=clause_id).title for clause_id in doc.requires
            if clause_id in heads}


def invalid_values(doc: ClauseDoc, problems: list[ValueProblem]) -> InvalidInput:
    """The 422 error naming every bad or missing value of a clause, in French."""
    listed = "; ".join(f"{p.label} : {p.message}" for p in problems)
    return InvalidInput(
        f"Valeurs invalides pour la clause « {doc.title} » : {listed}.",
        clause_id=doc.id, errors=[{"clause_id": doc.id, **p.as_dict()} for p in problems],
    )
