"""The Alembic revisions build exactly the schema the models declare, and upgrade v0.1 data, on both databases."""

from datetime import UTC, datetime

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text
from sqlmodel import SQLModel

import app.models  # noqa: F401  (registers every table)
from app.db import alembic_config, make_engine, migrate


def test_models_and_migrations_do_not_drift(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == [], "models and migrations drift: run `make migration` and commit the revision"


def test_migration_creates_every_table(engine: Engine) -> None:
    tables = set(inspect(engine).get_table_names())
    assert set(SQLModel.metadata.tables) <= tables
    assert "alembic_version" in tables


def test_upgrade_from_v0_1_marks_the_sample_rows_and_creates_the_buyers(db_url: str) -> None:
    """A v0.1 database with its sample rows and a real contract: the sample rows become demo rows,
    every buyer of the ledger gets a profile named as in its contracts."""
    engine = make_engine(db_url)
    try:
        command.upgrade(alembic_config(engine), "0001_initial")
        with engine.begin() as connection:
            now = {"at": datetime(2026, 1, 5, tzinfo=UTC)}
            connection.execute(text(
                "INSERT INTO supplier (siret, siren, name, kind, production_sites, source, version, created_at, "
                "updated_at) VALUES ('99000001000019', '990000010', 'Fictive', 'ESAT', '[]', "
                "'exemple:registre-exemple.csv', 1, :at, :at), ('35600000000048', '356000000', 'Réelle', 'EA', "
                "'[]', 'import:vrai.csv', 1, :at, :at)"
            ), now)
            connection.execute(text(
                "INSERT INTO purchase_import (id, filename, format, records, created, updated, skipped, imported_at) "
                "VALUES (1, 'decp-consolide-exemple.csv', 'decp-consolide', 1, 1, 0, 0, :at), "
                "(2, 'decp-2025.json', 'decp-2024', 1, 1, 0, 0, :at)"
            ), now)
            for pk, siret, name, import_id in ((1, "26388534596688", "Commune fictive A", 1),
                                               (2, "21770288600011", "Commune de Melun", 2)):
                connection.execute(text(
                    "INSERT INTO purchase (id, buyer_siret, buyer_name, buyer_ref, object, amount_cents, notified_on, "
                    "source, import_id, created_at, updated_at) VALUES (:id, :siret, :name, 'M1', 'Objet', 100, "
                    "'2025-03-01', 'decp-2024', :import_id, :at, :at)"
                ), {"id": pk, "siret": siret, "name": name, "import_id": import_id, **now})
        migrate(engine)
        with engine.connect() as connection:
            def rows(query: str) -> list[tuple[object, ...]]:
                return [tuple(row) for row in connection.execute(text(query))]

            assert rows("SELECT siret, is_demo FROM supplier ORDER BY siret") == [
                ("35600000000048", False), ("99000001000019", True)]
            assert rows("SELECT id, is_demo FROM purchase_import ORDER BY id") == [(1, True), (2, False)]
            assert rows("SELECT id, is_demo FROM purchase ORDER BY id") == [(1, True), (2, False)]
            assert rows("SELECT siret, name, is_demo, version FROM buyer ORDER BY siret") == [
                ("21770288600011", "Commune de Melun", False, 1), ("26388534596688", "Commune fictive A", True, 1)]
    finally:
        engine.dispose()
