"""Database engine, sessions and migrations: the same code runs on SQLite and PostgreSQL."""

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

from alembic import command
from alembic.config import Config
from fastapi import Depends, Request
from sqlalchemy import DateTime, Engine, event, inspect, text
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


def make_engine(url: str) -> Engine:
    """Engine for ``url``; SQLite gets WAL, foreign keys and a busy timeout on every connection."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    database = parsed.database
    if database and database != ":memory:":
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
        cursor.close()

    return engine


def safe_url(url: str) -> str:
    """The URL with its password hidden, for messages."""
    return make_url(url).render_as_string(hide_password=True)


def alembic_config(engine: Engine) -> Config:
    """Alembic configuration bound to ``engine`` (no alembic.ini needed at run time)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema to the latest revision (idempotent)."""
    command.upgrade(alembic_config(engine), "head")


def check_connection(engine: Engine) -> None:
    """Raise ``sqlalchemy.exc.OperationalError`` when the database cannot be reached."""
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))


def table_is_empty(engine: Engine, table: str) -> bool:
    """True when ``table`` is missing or has no row."""
    if not inspect(engine).has_table(table):
        return True
    with engine.connect() as connection:
        return connection.execute(text(f"SELECT 1 FROM {table} LIMIT 1")).first() is None


def get_session(request: Request) -> Iterator[Session]:
    """One session per request, on the engine of the app that serves it."""
    with Session(request.app.state.engine) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]
