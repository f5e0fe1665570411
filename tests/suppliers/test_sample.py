"""The sample registry: fictional, valid, around the territory, and loaded into an empty database at start-up."""

import csv
from datetime import date, timedelta

from sqlalchemy import Engine, func, select
from sqlmodel import Session
from stdnum.fr import siret

from app.bootstrap import prepare_database
from app.config import Settings
from app.db import make_engine
from app.suppliers.importer import RowParser, read_table
from app.suppliers.labels import INCLUSIVE_KINDS, labels_in
from app.suppliers.models import Supplier
from app.suppliers.territory import REGION_OF_DEPARTEMENT

from .conftest import SAMPLE

# The day the sample's validity dates were written for (see supplier_data/README.md).
REFERENCE_DAY = date(2026, 11, 28)


def sample_records() -> list:
    table = read_table(SAMPLE.read_bytes())
    parser = RowParser(table.headers, REFERENCE_DAY)
    records = []
    for line, cells in table.rows:
        record, errors, _ = parser.parse(line, cells)
        assert errors == [], errors
        records.append(record)
    return records


def test_sample_registry_is_fictional_valid_and_local() -> None:
    records = sample_records()
    assert len(records) >= 60
    assert all(siret.is_valid(r.siret) and r.siret.startswith("99") for r in records)
    assert all("fictive" in r.values["notes"] for r in records)
    assert all(r.values["email"].endswith(".example") for r in records)
    assert all(REGION_OF_DEPARTEMENT[r.values["departement"]] == "11" for r in records)
    assert sum(r.values["departement"] in ("77", "91") for r in records) >= 55
    kinds = {r.values["kind"] for r in records}
    assert kinds >= INCLUSIVE_KINDS
    all_labels = [label for r in records for label in r.labels]
    assert any(label.label in labels_in("commerce-equitable") for label in all_labels)
    assert any(label.valid_until and label.valid_until < REFERENCE_DAY for label in all_labels)
    soon = REFERENCE_DAY + timedelta(days=60)
    assert sum(1 for label in all_labels if label.valid_until and REFERENCE_DAY <= label.valid_until <= soon) >= 3
    assert any(r.values["production_sites"] for r in records)


def test_readme_documents_every_column() -> None:
    readme = (SAMPLE.parent / "README.md").read_text(encoding="utf-8")
    assert "fictiv" in readme
    header = next(csv.reader(SAMPLE.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert all(f"`{column}`" in readme for column in header)


def test_empty_database_gets_the_sample_registry_once(db_url: str) -> None:
    settings = Settings(DATABASE_URL=db_url, LOAD_SAMPLE_DATA=True, _env_file=None)  # type: ignore[call-arg]
    engine: Engine = make_engine(db_url)
    try:
        prepare_database(engine, settings)
        with Session(engine) as session:
            first = session.scalar(select(func.count()).select_from(Supplier))
            session.get(Supplier, sample_records()[0].siret).name = "Renommée à la main"  # type: ignore[union-attr]
            session.commit()
        prepare_database(engine, settings)  # not empty any more: nothing reloaded nor overwritten
        with Session(engine) as session:
            assert session.scalar(select(func.count()).select_from(Supplier)) == first == len(sample_records())
            assert session.get(Supplier, sample_records()[0].siret).name == "Renommée à la main"  # type: ignore[union-attr]
    finally:
        engine.dispose()
