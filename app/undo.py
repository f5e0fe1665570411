"""Imports and their undoing, as the purchases ledger and the supplier registry both show them."""

from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel, Field
from sqlalchemy import func, inspect, select
from sqlmodel import Session, SQLModel

from app.audit.service import Actor, record
from app.config import local_time
from app.db import utcnow
from app.errors import Conflict, NotFound
from app.french import agree, plural

Record = TypeVar("Record", bound=SQLModel)


class UndoOut(BaseModel):
    """What undoing an import did."""

    import_id: int
    filename: str
    deleted: int = Field(description="Enregistrements créés par l'import, supprimés")
    restored: int = Field(description="Enregistrements modifiés par l'import, remis dans leur état antérieur")
    buyers_deleted: int = Field(default=0, description="Profils d'acheteurs non nommés créés par l'import")


class UndoableImport(Protocol):
    """What undoing needs of an import record (``PurchaseImport``, ``SupplierImport``)."""

    id: int | None
    filename: str
    undone_at: datetime | None
    undone_by: str | None


def run_undo(
    session: Session, batch: UndoableImport, actor: Actor, *, later: list[tuple[int | None, int]],
    revert: Callable[[], dict[str, int]], resource: str, things: tuple[str, str], elsewhere: str,
) -> dict[str, Any]:
    """Undo ``batch`` with ``revert`` (which deletes and restores, and counts what it did), marking the import
    undone, in one transaction with its audit row. Refused (409) when already undone, or when ``later`` (by
    import id, None for ``elsewhere``; how many ``things``) changed what the import wrote: putting the earlier
    state back would lose those changes."""
    if batch.undone_at is not None:
        raise Conflict(f"L'import n° {batch.id} (« {batch.filename} ») est déjà annulé.")
    if later:
        count = sum(n for _, n in later)
        by = [f"l'import n° {i}" if i is not None else elsewhere for i, _ in later]
        imports = [i for i, _ in later if i is not None]
        advice = (f" Annulez d'abord {'ces imports' if len(imports) > 1 else 'cet import'}, du plus récent au plus "
                  "ancien, puis celui-ci." if imports else "")
        raise Conflict(
            f"L'import n° {batch.id} (« {batch.filename} ») ne peut pas être annulé : {plural(count, *things)} qu'il "
            f"a {agree(count, 'créé ou modifié', 'créés ou modifiés')} {agree(count, 'a', 'ont')} été "
            f"{agree(count, 'modifié', 'modifiés')} depuis par {', '.join(by)}. L'annuler effacerait ces "
            f"modifications.{advice}",
            later_imports=imports,
        )
    try:
        outcome = {"import_id": batch.id, "filename": batch.filename, **revert()}
        batch.undone_at, batch.undone_by = utcnow(), actor.name[:200]
        session.add(batch)
        record(session, actor, action="undo", resource=resource, resource_id=batch.id, after=outcome, commit=False)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return outcome


class ImportRow(Protocol):
    """What both kinds of import record have."""

    id: int | None
    filename: str
    actor: str
    imported_at: datetime
    created: int
    updated: int
    unchanged: int
    is_demo: bool
    undone_at: datetime | None
    undone_by: str | None

    @property
    def sha256(self) -> str | None: ...  # read-only: None for the ledger's imports made before v0.2


IMPORT_HEADER = ("n°", "date", "fichier", "sha256", "par", "créés", "modifiés", "inchangés", "état")


def import_cells(row: ImportRow) -> tuple[str, ...]:
    """An import as a line of ``clausier … imports`` (times in French local time)."""
    def local(moment: datetime) -> str:
        return f"{local_time(moment):%d/%m/%Y %H:%M}"

    state = f"annulé le {local(row.undone_at)} par {row.undone_by}" if row.undone_at else "en place"
    return (str(row.id), local(row.imported_at), row.filename + (" (démonstration)" if row.is_demo else ""),
            (row.sha256 or "—")[:12], row.actor or "—", str(row.created), str(row.updated), str(row.unchanged), state)


def list_records(session: Session, model: type[Record], *, limit: int, offset: int) -> tuple[list[Record], int]:
    """The imports recorded in ``model``'s table, newest first, and how many there are."""
    total = session.execute(select(func.count()).select_from(model)).scalar_one()
    newest_first = inspect(model).primary_key[0].desc()
    return list(session.execute(select(model).order_by(newest_first).limit(limit).offset(offset)).scalars()), total


def get_record(session: Session, model: type[Record], import_id: int, *, what: str) -> Record:
    """One import of ``model``'s table; 404 naming ``what`` was imported."""
    found = session.get(model, import_id)
    if found is None:
        raise NotFound(f"Import de {what} inconnu : n° {import_id}.", import_id=import_id)
    return found
