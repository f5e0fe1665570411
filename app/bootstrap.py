"""Bring a database to a working state: migrate, sync the built-in library, load sample data."""

from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from app.clauses.library import ClauseDoc, read_library
from app.clauses.service import sync_library
from app.config import Settings
from app.db import migrate, table_is_empty
from app.purchases.service import load_sample_purchases
from app.suppliers.service import load_sample_registry


def _library_stamp(directory: Path) -> tuple[tuple[str, float], ...]:
    return tuple(sorted((str(p), p.stat().st_mtime) for p in directory.rglob("*.md")))


@lru_cache(maxsize=4)
def _cached_library(directory: Path, _stamp: tuple[tuple[str, float], ...]) -> tuple[ClauseDoc, ...]:
    return tuple(read_library(directory))


def builtin_library(directory: Path) -> list[ClauseDoc]:
    """The built-in clause files, parsed once per change (raises ``LibraryError`` if broken)."""
    return list(_cached_library(directory, _library_stamp(directory)))


def prepare_database(engine: Engine, settings: Settings) -> None:
    """Migrate, then load the built-in data the product needs (idempotent)."""
    migrate(engine)
    clauses = builtin_library(settings.CLAUSES_DIR)
    with Session(engine) as session:
        sync_library(session=session, clauses=clauses)
    if settings.LOAD_SAMPLE_DATA and table_is_empty(engine, "supplier"):
        load_sample_registry(engine, settings)
    load_sample_purchases(engine, settings)
