"""Imports and their undoing, as the purchases ledger and the supplier registry both show them."""

from datetime import datetime
from typing import Protocol

from pydantic import BaseModel, Field

from app.config import local_time
from app.errors import Conflict


class UndoOut(BaseModel):
    """What undoing an import did."""

    import_id: int
    filename: str
    deleted: int = Field(description="Enregistrements créés par l'import, supprimés")
    restored: int = Field(description="Enregistrements modifiés par l'import, remis dans leur état antérieur")
    buyers_deleted: int = Field(default=0, description="Profils d'acheteurs non nommés créés par l'import")


def changed_since(
    *, import_id: int | None, filename: str, things: str, later: list[tuple[int | None, int]], elsewhere: str
) -> Conflict:
    """The 409 of an undo refused because ``later`` (by import id, None for ``elsewhere``; how many ``things``)
    changed what the import wrote: putting the earlier state back would lose those changes."""
    count = sum(n for _, n in later)
    by = [f"l'import n° {i}" if i is not None else elsewhere for i, _ in later]
    imports = [i for i, _ in later if i is not None]
    advice = (f" Annulez d'abord {'ces imports' if len(imports) > 1 else 'cet import'}, du plus récent au plus "
              "ancien, puis celui-ci." if imports else "")
    return Conflict(
        f"L'import n° {import_id} (« {filename} ») ne peut pas être annulé : {count} {things} qu'il a créés ou "
        f"modifiés ont été modifiés depuis par {', '.join(by)}. L'annuler effacerait ces modifications.{advice}",
        later_imports=imports,
    )


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
