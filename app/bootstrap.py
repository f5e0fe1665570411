"""Bring a database to a working state: migrate, sync the built-in library, load sample data."""

from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from app.clauses.library import ClauseDoc, read_library
from app.clauses.references import read_references
from app.clauses.service import sync_library
from app.config import PROJECT_ROOT, Settings
from app.db import migrate, preparation_lock, table_is_empty
from app.purchases.service import load_sample_purchases
from app.suppliers.transfer import load_sample_registry


def _stamp(*directories: Path) -> tuple[tuple[str, float], ...]:
    return tuple(sorted((str(p), p.stat().st_mtime) for d in directories for p in d.rglob("*.*")))


@lru_cache(maxsize=4)
def _cached_library(
    directory: Path, references: Path, _stamp: tuple[tuple[str, float], ...]
) -> tuple[ClauseDoc, ...]:
    return tuple(read_library(directory, read_references(references)))


def builtin_library(directory: Path, references: Path = PROJECT_ROOT / "references") -> list[ClauseDoc]:
    """The built-in clause files checked against the registry of legal references, parsed once per change
    (raises ``LibraryError`` or ``RegistryError`` if broken)."""
    return list(_cached_library(directory, references, _stamp(directory, references)))


def prepare_database(engine: Engine, settings: Settings) -> None:
    """Migrate, then load the built-in data the product needs (idempotent).

    One process at a time: processes started together (workers) wait for the first, then find nothing to do.
    """
    clauses = builtin_library(settings.CLAUSES_DIR, settings.REFERENCES_DIR)
    with preparation_lock(engine):
        migrate(engine)
        with Session(engine) as session:
            sync_library(session=session, clauses=clauses)
        if settings.LOAD_SAMPLE_DATA and table_is_empty(engine, "supplier"):
            load_sample_registry(engine, settings)
        load_sample_purchases(engine, settings)
