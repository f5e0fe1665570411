"""A large import builds the ledger's secondary indexes once at its end (SQLite): same ledger, same schema,
and a refused file leaves both as they were (SQLite and PostgreSQL)."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, delete, select
from sqlmodel import Session

from app.bootstrap import prepare_database
from app.bulk import DeferredIndexes
from app.config import Settings
from app.db import make_engine
from app.errors import InvalidInput
from app.purchases.service import HOLDERS, PURCHASES
from tests.conftest import postgres_schema
from tests.purchases.test_import import contract, counts, decp, import_file

SIZE = 12


def definitions(engine: Engine) -> list[tuple[str, str]]:
    with engine.connect() as connection:
        return DeferredIndexes(connection, [PURCHASES, HOLDERS]).definitions()


def ledger(engine: Engine) -> tuple[list[Any], list[Any]]:
    """The contracts (ids included, write instants left out) and their holders."""
    with engine.connect() as connection:
        purchases = connection.execute(
            select(*[c for c in PURCHASES.c if c.name not in ("created_at", "updated_at")]).order_by(PURCHASES.c.id)
        ).all()
        holders = connection.execute(select(HOLDERS).order_by(HOLDERS.c.id)).all()
    return [tuple(row) for row in purchases], [tuple(row) for row in holders]


def holders(n: int) -> list[dict[str, str]]:
    return [{"id": f"{n:014d}", "typeIdentifiant": "SIRET"}, {"id": f"{n + 1:014d}", "typeIdentifiant": "SIRET"}]


def big_file(prefix: str = "N", *, bad: bool = False) -> bytes:
    records = [contract(f"{prefix}{i}", titulaires=holders(i), dateNotification=f"2025-{1 + i % 12:02d}-01")
               for i in range(SIZE)]
    return decp(*records, *([contract("BAD", dateNotification="hier")] if bad else []))


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Batches of 2 contracts, indexes deferred from 4 written; returns the written counts at each drop."""
    monkeypatch.setattr("app.purchases.service.BATCH_SIZE", 2)
    monkeypatch.setattr("app.purchases.service.DEFER_INDEXES_FROM", 4)
    drops: list[int] = []
    original = DeferredIndexes.drop

    def drop(self: DeferredIndexes) -> None:
        drops.append(len(self.dropped))
        original(self)

    monkeypatch.setattr(DeferredIndexes, "drop", drop)
    return drops


@contextmanager
def fresh_engine(backend: str, path: Path) -> Iterator[Engine]:
    @contextmanager
    def url() -> Iterator[str]:
        if backend == "sqlite":
            yield f"sqlite:///{path}"
        else:
            with postgres_schema() as found:
                yield found

    with url() as found:
        engine = make_engine(found)
        prepare_database(engine, Settings(DATABASE_URL=found, LOAD_SAMPLE_DATA=False, _env_file=None))
        try:
            yield engine
        finally:
            engine.dispose()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_large_import_gives_the_same_ledger_and_schema_as_row_by_row_indexes(
    backend: str, tmp_path: Path, small_batches: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    with fresh_engine(backend, tmp_path / "deferred.db") as deferred:
        schema = definitions(deferred)
        report = import_file(deferred, big_file())
        assert definitions(deferred) == schema  # every index built again, as it was
        deferred_ledger = ledger(deferred)
    assert bool(small_batches) == (backend == "sqlite")  # PostgreSQL keeps its indexes (readers not locked out)
    monkeypatch.setattr("app.purchases.service.DEFER_INDEXES_FROM", 10**9)
    with fresh_engine(backend, tmp_path / "row-by-row.db") as row_by_row:
        again = import_file(row_by_row, big_file())
        assert ledger(row_by_row) == deferred_ledger
    assert (report.created, again.created) == (SIZE, SIZE)
    assert len(schema) == 3  # the report's covering index, is_demo, the holders' SIRET


def test_a_file_refused_after_the_indexes_were_dropped_leaves_ledger_and_indexes_unchanged(
    engine: Engine, small_batches: list[int]
) -> None:
    import_file(engine, decp(contract("OLD", titulaires=holders(100))))
    before, schema = ledger(engine), definitions(engine)
    with pytest.raises(InvalidInput):
        import_file(engine, big_file(bad=True))
    assert (ledger(engine), definitions(engine)) == (before, schema)
    assert counts(engine) == (1, 2, 1)
    if engine.dialect.name == "sqlite":
        assert small_batches  # the failure came after the drop


def test_a_small_import_into_a_larger_ledger_keeps_its_indexes(engine: Engine, small_batches: list[int]) -> None:
    import_file(engine, big_file("OLD"))
    small_batches.clear()
    report = import_file(engine, decp(*[contract(f"NEW{i}") for i in range(6)]))
    assert report.created == 6
    assert small_batches == []  # 6 contracts written, fewer than the 12 already there
    assert counts(engine)[0] == SIZE + 6


def test_dropped_indexes_come_back_on_rollback(engine: Engine) -> None:
    """The safety net of the deferral: the DDL is part of the transaction on both databases."""
    schema = definitions(engine)
    with Session(engine) as session:
        session.execute(delete(PURCHASES))  # a write opens the transaction, as an import's first row does
        indexes = DeferredIndexes(session.connection(), [PURCHASES, HOLDERS])
        indexes.drop()
        assert DeferredIndexes(session.connection(), [PURCHASES, HOLDERS]).definitions() == []
        session.rollback()
    assert definitions(engine) == schema


def test_indexes_are_never_dropped_outside_a_transaction(tmp_path: Path) -> None:
    """pysqlite begins its transaction at the first write: a drop before it would not be undone."""
    engine = make_engine(f"sqlite:///{tmp_path / 'ddl.db'}")
    prepare_database(engine, Settings(DATABASE_URL=str(engine.url), LOAD_SAMPLE_DATA=False, _env_file=None))
    schema = definitions(engine)
    with Session(engine) as session, pytest.raises(RuntimeError):
        DeferredIndexes(session.connection(), [PURCHASES, HOLDERS]).drop()
    assert definitions(engine) == schema
    engine.dispose()
