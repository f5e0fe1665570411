"""Write a new Alembic revision from the difference between the models and the migrations so far.

    make migration NAME=buyer_profiles      # or: python scripts/new_migration.py buyer_profiles

The revision is ``app/migrations/versions/YYYYMMDD_<name>.py`` with that stem as its id and the current
head as its parent: v0.1 databases exist, so ``0001_initial`` is never regenerated. Review the file
(data migrations, server defaults for new NOT NULL columns) before committing it;
``tests/test_migrations.py`` fails when models and migrations drift.
"""

import re
import sys
import tempfile
from datetime import date
from pathlib import Path

from alembic import command

from app.db import MIGRATIONS_DIR, alembic_config, make_engine, migrate


def main() -> None:
    if len(sys.argv) != 2 or not re.fullmatch(r"[a-z0-9_]+", sys.argv[1]):
        sys.exit("usage: python scripts/new_migration.py NAME  (lowercase letters, digits, _)")
    rev_id = f"{date.today():%Y%m%d}_{sys.argv[1]}"
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'empty.db'}")
        migrate(engine)  # the schema of the migrations so far: autogenerate writes the difference
        config = alembic_config(engine)
        config.set_main_option("file_template", "%%(rev)s")  # the file is named after the revision id
        command.revision(config, message=sys.argv[1], autogenerate=True, rev_id=rev_id)
        engine.dispose()
    print(f"{MIGRATIONS_DIR / 'versions' / rev_id}.py written: review it, then commit it")


if __name__ == "__main__":
    main()
