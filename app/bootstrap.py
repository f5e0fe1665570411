"""Bring a database to a working state (migrate, sync the built-in library, load the demo into a new
database), and describe it (``clausier db info``, the start-up line of ``serve``)."""

from functools import lru_cache
from pathlib import Path
from typing import Any

from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, func, inspect, select, true
from sqlalchemy.engine import make_url
from sqlmodel import Session, SQLModel

import app.models  # noqa: F401  (registers every table, for the counts)
from app.clauses.library import ClauseDoc, read_library
from app.clauses.references import read_references
from app.clauses.service import sync_library
from app.config import PROJECT_ROOT, Settings
from app.db import alembic_config, migrate, preparation_lock, safe_url
from app.demo.service import load_demo


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
    """Migrate, sync the built-in library, and load the demo into a database created now (idempotent).

    One process at a time: processes started together (workers) wait for the first, then find nothing to do.
    The demo is loaded only when this call creates the schema: once removed, it never comes back by itself
    (``clausier demo load`` brings it back on purpose)."""
    clauses = builtin_library(settings.CLAUSES_DIR, settings.REFERENCES_DIR)
    with preparation_lock(engine):
        new = not inspect(engine).has_table("alembic_version")
        migrate(engine)
        with Session(engine) as session:
            sync_library(session=session, clauses=clauses)
        if new and settings.LOAD_SAMPLE_DATA:
            load_demo(engine, settings)


def describe_database(engine: Engine) -> dict[str, Any]:
    """Which database this is (URL without password, SQLite file), its schema revision, rows and demo rows
    per table; an absent SQLite file is reported, never created."""
    url = make_url(engine.url)
    described: dict[str, Any] = {
        "url": safe_url(url.render_as_string(hide_password=False)), "backend": url.get_backend_name(),
        "head": ScriptDirectory.from_config(alembic_config(engine)).get_current_head(),
    }
    if described["backend"] == "sqlite" and url.database and url.database != ":memory:":
        path = Path(url.database)
        described["file"] = str(path)
        if not path.exists():
            return described | {"exists": False, "revision": None, "tables": {}}
    with engine.connect() as connection:
        revision = MigrationContext.configure(connection).get_current_revision()
        present = set(inspect(connection).get_table_names())
        tables = {}
        for table in SQLModel.metadata.sorted_tables:
            if table.name not in present:
                continue
            counts = {"rows": connection.execute(select(func.count()).select_from(table)).scalar_one()}
            if "is_demo" in table.c:
                counts["demo"] = connection.execute(
                    select(func.count()).select_from(table).where(table.c.is_demo == true())
                ).scalar_one()
            tables[table.name] = counts
    return described | {"exists": True, "revision": revision, "tables": tables}
