"""Regenerate the single initial Alembic revision from the current models.

Until the first production release, the schema lives in one revision (``0001_initial``): after a
model change, run ``make migration`` and commit the result. ``tests/test_migrations.py`` fails when
models and migrations drift.
"""

import tempfile
from pathlib import Path

from alembic import command

from app.db import MIGRATIONS_DIR, alembic_config, make_engine


def main() -> None:
    for old in (MIGRATIONS_DIR / "versions").glob("*.py"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'empty.db'}")
        command.revision(
            alembic_config(engine), message="initial schema", autogenerate=True, rev_id="0001_initial"
        )
        engine.dispose()
    print("app/migrations/versions/0001_initial_initial_schema.py regenerated")


if __name__ == "__main__":
    main()
