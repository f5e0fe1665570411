"""Database engine, sessions and migrations: the same code runs on SQLite and PostgreSQL."""

import fcntl
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any

from alembic import command
from alembic.config import Config
from fastapi import Depends, Request
from sqlalchemy import Connection, Date, DateTime, Engine, Table, event, text
from sqlalchemy.dialects.sqlite import DATETIME as SQLITE_DATETIME
from sqlalchemy.engine import make_url
from sqlmodel import Session, SQLModel, create_engine

# Named constraints, so that Alembic batch migrations on SQLite can find them again.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Key of the PostgreSQL advisory lock taken while preparing the database: "Clausier" as a 64-bit integer.
PREPARATION_LOCK_KEY = int.from_bytes(b"Clausier", "big")
# SQLite page cache of a connection (KiB), and while a bulk import writes (memory taken only when used).
CACHE_KIB = 64 * 1024
BULK_CACHE_KIB = 256 * 1024
BULK_CACHE = "clausier_bulk_cache"


def utcnow() -> datetime:
    """Timezone-aware now, stored as UTC."""
    return datetime.now(UTC)


class _UtcSQLiteDateTime(SQLITE_DATETIME):
    """SQLite stores no offset: read ``DateTime(timezone=True)`` columns back as UTC, as PostgreSQL does."""

    def result_processor(self, dialect: Any, coltype: Any) -> Any:
        process = super().result_processor(dialect, coltype)
        if not self.timezone:
            return process

        def aware(value: Any) -> Any:
            moment = process(value) if process else value
            return moment.replace(tzinfo=UTC) if isinstance(moment, datetime) and moment.tzinfo is None else moment

        return aware


def make_engine(url: str, *, create_folder: bool = True) -> Engine:
    """Engine for ``url``; SQLite gets WAL, foreign keys and a busy timeout on every connection (and the
    folder of its file, unless ``create_folder`` is false)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    database = parsed.database
    if database and database != ":memory:" and create_folder:
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
    engine.dialect.colspecs = {**engine.dialect.colspecs, DateTime: _UtcSQLiteDateTime}

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        cursor.close()

    @event.listens_for(engine, "checkin")
    def _usual_cache(dbapi_connection: Any, record: Any) -> None:
        if dbapi_connection is not None and record.info.pop(BULK_CACHE, False):
            dbapi_connection.execute(f"PRAGMA cache_size=-{CACHE_KIB}")

    return engine


def use_bulk_cache(connection: Connection) -> None:
    """SQLite: give ``connection`` a page cache of ``BULK_CACHE_KIB`` until it goes back to the pool.

    A million contracts make indexes of hundreds of MB, written in random order: with the usual cache,
    the pages of one import are spilled and read again many times (a tenth of the import's time). The
    memory is taken only as pages are read.
    """
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
        connection.connection.info[BULK_CACHE] = True


def safe_url(url: str) -> str:
    """The URL with its password hidden, for messages."""
    return make_url(url).render_as_string(hide_password=True)


def alembic_config(engine: Engine) -> Config:
    """Alembic configuration bound to ``engine`` (no alembic.ini needed at run time)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


@contextmanager
def preparation_lock(engine: Engine) -> Iterator[None]:
    """Held by one process at a time while it prepares the database (workers, replicas, ``db upgrade``).

    PostgreSQL: a session advisory lock (released by the server if the process dies). SQLite: an exclusive
    ``flock`` on ``<database>.lock`` beside the database file (in-memory databases are not shared).
    """
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": PREPARATION_LOCK_KEY})
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": PREPARATION_LOCK_KEY})
        return
    database = engine.url.database
    if not database or database == ":memory:":
        yield
        return
    with open(f"{database}.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def migrate(engine: Engine) -> None:
    """Bring the schema to the latest revision (idempotent)."""
    command.upgrade(alembic_config(engine), "head")


def check_connection(engine: Engine) -> None:
    """Raise ``sqlalchemy.exc.OperationalError`` when the database cannot be reached."""
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))


def row_snapshot(table: Table, row: Mapping[str, Any]) -> dict[str, Any]:
    """Every column of ``row`` as JSON (dates in ISO format): the state an undo puts back."""
    return {
        column.name: value.isoformat() if isinstance(value := row[column.name], date | datetime) else value
        for column in table.columns
    }


def row_from_snapshot(table: Table, snapshot: Mapping[str, Any]) -> dict[str, Any]:
    """The column values of a ``row_snapshot``, dates parsed back."""
    values = {}
    for column in table.columns:
        value = snapshot[column.name]
        if value is not None and isinstance(column.type, DateTime):
            value = datetime.fromisoformat(value)
        elif value is not None and isinstance(column.type, Date):
            value = date.fromisoformat(value)
        values[column.name] = value
    return values


def get_session(request: Request) -> Iterator[Session]:
    """One session per request, on the engine of the app that serves it."""
    with Session(request.app.state.engine) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]
