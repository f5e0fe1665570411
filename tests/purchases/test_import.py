"""Importing files into the ledger: counts, idempotence, all-or-nothing, holders (SQLite and PostgreSQL)."""

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text
from sqlmodel import Session

from app.bootstrap import prepare_database
from app.config import PROJECT_ROOT, Settings
from app.db import BULK_CACHE_KIB, CACHE_KIB, make_engine, use_bulk_cache
from app.errors import InvalidInput
from app.purchases.history import PURCHASE_HISTORY
from app.purchases.models import Purchase, PurchaseHolder, PurchaseImport
from app.purchases.service import ImportReport, import_purchases
from app.suppliers.transfer import import_suppliers
from tests.conftest import postgres_schema

DATA = Path(__file__).parent.parent / "data"


def import_file(engine: Engine, source: Path | bytes, *, skip_invalid: bool = False) -> ImportReport:
    stream = io.BytesIO(source) if isinstance(source, bytes) else source.open("rb")
    with Session(engine) as session, stream:
        return import_purchases(
            session=session, stream=stream, filename="test", actor="tests", skip_invalid=skip_invalid
        )


def counts(engine: Engine) -> tuple[int, int, int]:
    with Session(engine) as session:
        return tuple(  # type: ignore[return-value]
            session.execute(select(func.count()).select_from(model)).scalar_one()
            for model in (Purchase, PurchaseHolder, PurchaseImport)
        )


def expected_from_raw(name: str) -> tuple[int, int]:
    """Contracts (distinct buyer SIRET + id) and holder links, read from the raw file by hand."""
    path = DATA / name
    if name.endswith(".csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        return len({(r["acheteur_id"], r["id"]) for r in rows}), len(rows)
    data = json.loads(path.read_text(encoding="utf-8"))["marches"]
    contracts = data["marche"] if isinstance(data, dict) else data
    return len({(c["acheteur"]["id"], c["id"]) for c in contracts}), sum(len(c["titulaires"]) for c in contracts)


@pytest.mark.parametrize("name", [
    "exemple-2024-schema.json", "exemple-2024-plat.json", "exemple-2019.json", "exemple-consolide.csv",
])
def test_each_decp_shape_imports_every_contract_once(engine: Engine, name: str) -> None:
    contracts, holders = expected_from_raw(name)
    report = import_file(engine, DATA / name)
    assert (report.records, report.created, report.updated, report.skipped) == (contracts, contracts, 0, 0)
    assert counts(engine) == (contracts, holders, 1)


def test_reimport_updates_without_duplicating(engine: Engine) -> None:
    first = import_file(engine, DATA / "exemple-consolide.csv")
    again = import_file(engine, DATA / "exemple-consolide.csv")
    assert (first.created, first.updated, first.unchanged) == (50, 0, 0)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 50)  # same file: nothing rewritten
    assert counts(engine) == (50, 57, 2)


def test_the_same_contracts_in_another_shape_update_the_same_rows(engine: Engine) -> None:
    import_file(engine, DATA / "exemple-2024-schema.json")
    report = import_file(engine, DATA / "exemple-consolide.csv")
    assert (report.created, report.updated) == (0, 50)
    assert counts(engine)[0] == 50


def test_2019_shape_stores_considerations_as_unknown(engine: Engine) -> None:
    import_file(engine, DATA / "exemple-2019.json")
    with Session(engine) as session:
        flags = session.execute(
            select(Purchase.social_clause, Purchase.reserved, Purchase.environmental_criterion).distinct()
        ).all()
    assert [tuple(f) for f in flags] == [(None, None, None)]


def test_a_shape_without_considerations_keeps_those_already_known(engine: Engine) -> None:
    import_file(engine, DATA / "exemple-2024-schema.json")
    import_file(engine, DATA / "exemple-2019.json")
    with Session(engine) as session:
        row = session.execute(
            select(Purchase).where(Purchase.buyer_siret == "29155217296010", Purchase.buyer_ref == "2025-11-0001")
        ).scalar_one()
    assert (row.social_clause, row.social_criterion, row.environmental_clause) == (True, False, True)
    assert row.buyer_name == "Commune fictive B"  # brought by the 2019 file, absent from the 2024 one


LEDGER_HEADER = ("SIRET acheteur;Nom acheteur;Identifiant;Objet;Montant;Date de notification;Code CPV;Nature;"
                 "Procédure;Durée mois;Date de lancement;Considérations sociales;Considérations environnementales\n")


def test_empty_optional_cells_of_a_later_file_keep_the_known_values(engine: Engine) -> None:
    """An empty cell means « not given here », never « erased »: the known value stays, the report counts it."""
    full = ("21350238800019;Commune de Rennes;L-1;Nettoyage;1000;01/03/2025;90910000-9;Marché;Procédure adaptée;"
            "12;15/01/2025;Clause sociale;Critère environnemental\n")
    import_file(engine, (LEDGER_HEADER + full).encode())
    sparse = "21350238800019;;L-1;Nettoyage;1200;01/03/2025;;;;;;;\n"  # the amount changed, every other cell empty
    report = import_file(engine, (LEDGER_HEADER + sparse).encode())
    assert (report.updated, report.kept) == (1, 8)
    with Session(engine) as session:
        row = session.execute(select(Purchase)).scalar_one()
        history = [h["purchase"]["amount_cents"] for h in session.execute(select(PURCHASE_HISTORY.c.before)).scalars()]
    assert (row.amount_cents, row.buyer_name, row.cpv, row.cpv_division, row.nature, row.procedure) == (
        120_000, "Commune de Rennes", "90910000", "90", "Marché", "Procédure adaptée")
    assert (row.duration_months, str(row.launched_on), row.social_clause, row.environmental_criterion) == (
        12, "2025-01-15", True, True)
    assert history == [100_000]  # the state before the second file, kept as proof
    again = import_file(engine, (LEDGER_HEADER + sparse).encode())
    assert (again.unchanged, again.kept) == (1, 8)


def contract(ref: str, **change: Any) -> dict[str, Any]:
    return {"id": ref, "acheteur": {"id": "21350238800019"}, "objet": f"Marché {ref}", "montant": 1000,
            "dateNotification": "2025-03-01", "titulaires": [{"id": "12345678901234", "typeIdentifiant": "SIRET"}],
            "considerationsSociales": ["Clause sociale"],
            "considerationsEnvironnementales": ["Pas de considération environnementale"]} | change


def decp(*contracts: dict[str, Any]) -> bytes:
    return json.dumps({"marches": {"marche": list(contracts)}}).encode()


def test_one_bad_record_refuses_the_whole_file(engine: Engine) -> None:
    data = decp(contract("A"), contract("B", acheteur={"id": "2135 0238"}), contract("C"),
                contract("D", considerationsEnvironnementales=["Clause verte"]))
    with pytest.raises(InvalidInput) as caught:
        import_file(engine, data)
    assert caught.value.extra["error_count"] == 2
    assert caught.value.extra["errors"] == [
        {"record": "acheteur 2135 0238, marché B (enregistrement n° 2)",
         "message": "SIRET de l'acheteur invalide : « 2135 0238 » (14 chiffres attendus)"},
        {"record": "acheteur 21350238800019, marché D (enregistrement n° 4)",
         "message": "considération environnementale inconnue : « Clause verte »"},
    ]
    assert caught.value.detail.startswith(
        "Fichier refusé, rien n'a été importé : 2 enregistrements invalides, dont « acheteur 2135 0238, "
        "marché B (enregistrement n° 2) : SIRET de l'acheteur invalide")
    assert counts(engine) == (0, 0, 0)


def test_skip_invalid_imports_the_valid_records(engine: Engine) -> None:
    data = decp(contract("A"), contract("B", montant=None), contract("C"))
    report = import_file(engine, data, skip_invalid=True)
    assert (report.records, report.created, report.skipped) == (2, 2, 1)
    assert [e.message for e in report.errors] == ["montant manquant"]
    assert counts(engine) == (2, 2, 1)


def test_refused_file_after_many_batches_leaves_nothing(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("app.purchases.service.BATCH_SIZE", 2)
    data = decp(*[contract(f"N{i}") for i in range(7)], contract("BAD", dateNotification="hier"))
    with pytest.raises(InvalidInput):
        import_file(engine, data)
    assert counts(engine) == (0, 0, 0)


def test_holders_follow_the_latest_import(engine: Engine) -> None:
    two = [{"id": "11111111111111", "typeIdentifiant": "SIRET"}, {"id": "22222222222222", "typeIdentifiant": "SIRET"}]
    import_file(engine, decp(contract("A", titulaires=two)))
    import_file(engine, decp(contract("A", titulaires=two[1:])))
    with Session(engine) as session:
        holders = session.execute(select(PurchaseHolder.holder_id)).scalars().all()
    assert holders == ["22222222222222"]


def test_same_contract_twice_in_a_file_counts_once(engine: Engine) -> None:
    report = import_file(engine, decp(contract("A", montant=10), contract("A", montant=20)))
    assert (report.records, report.created) == (2, 1)
    with Session(engine) as session:
        assert session.execute(select(Purchase.amount_cents)).scalars().all() == [2000]


def test_amounts_are_stored_to_the_cent(engine: Engine) -> None:
    import_file(engine, decp(contract("A", montant=0.1), contract("B", montant=0.2), contract("C", montant=1e-3)))
    with Session(engine) as session:
        total = session.execute(select(func.sum(Purchase.amount_cents))).scalar_one()
    assert total == 30


def test_region_ledger_imports_with_skip_invalid(engine: Engine) -> None:
    with pytest.raises(InvalidInput):
        import_file(engine, DATA / "region-bretagne-2019-extrait.csv")
    report = import_file(engine, DATA / "region-bretagne-2019-extrait.csv", skip_invalid=True)
    assert (report.format, report.records, report.created, report.skipped) == ("registre", 74, 74, 2)
    assert counts(engine)[:2] == (74, 74)


def test_bulk_batches_mixing_new_and_stored_contracts_keep_each_holder_with_its_contract(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("app.purchases.service.BATCH_SIZE", 3)

    def holder(n: int) -> list[dict[str, str]]:
        return [{"id": f"{n:014d}", "typeIdentifiant": "SIRET"}]

    import_file(engine, decp(*[contract(f"OLD{i}", titulaires=holder(i)) for i in range(4)]))
    mixed = [contract(f"NEW{i}", titulaires=holder(100 + i)) for i in range(5)]
    mixed[1:1] = [contract("OLD1", titulaires=holder(51)), contract("OLD3", titulaires=holder(3))]
    report = import_file(engine, decp(*mixed, contract("NEW0", titulaires=holder(100))))
    assert (report.created, report.updated, report.unchanged) == (5, 1, 2)  # NEW0 again in a later batch
    with Session(engine) as session:
        pairs = session.execute(
            select(Purchase.buyer_ref, PurchaseHolder.holder_id).join(
                PurchaseHolder, PurchaseHolder.purchase_id == Purchase.id  # type: ignore[arg-type]
            ).order_by(Purchase.buyer_ref)
        ).all()
    assert pairs == sorted(
        [(f"NEW{i}", f"{100 + i:014d}") for i in range(5)]
        + [("OLD0", f"{0:014d}"), ("OLD1", f"{51:014d}"), ("OLD2", f"{2:014d}"), ("OLD3", f"{3:014d}")]
    )
    assert counts(engine) == (9, 9, 2)


def test_imports_refresh_the_statistics_of_postgresql() -> None:
    """After an import the planner must know the tables' sizes (a supplier registry it counted as empty made the
    report of a million contracts take 20 s instead of 5) and the new rows be marked visible (vacuumed).
    SQLite plans without statistics: PostgreSQL only."""
    with postgres_schema() as url:
        engine = make_engine(url)
        prepare_database(engine, Settings(DATABASE_URL=url, LOAD_SAMPLE_DATA=False, _env_file=None))  # type: ignore[call-arg]

        def sizes() -> tuple[Any, ...]:
            with engine.connect() as connection:
                return tuple(connection.execute(text(
                    "SELECT p.reltuples, p.relallvisible > 0, s.reltuples FROM pg_class p, pg_class s"
                    " WHERE p.oid = 'purchase'::regclass AND s.oid = 'supplier'::regclass")).one())

        before = sizes()
        contracts = import_file(engine, DATA / "exemple-consolide.csv")
        registry = import_suppliers(engine=engine, data=(PROJECT_ROOT / "supplier_data" / "registre-exemple.csv")
                                    .read_bytes(), filename="registre-exemple.csv", actor="tests")
        after = sizes()
        engine.dispose()
    assert (contracts.created, registry.written) == (50, True)
    assert before == (-1, False, -1)
    assert after == (50, True, registry.created)


def test_an_import_enlarges_the_sqlite_cache_only_until_its_connection_goes_back(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'cache.db'}")
    prepare_database(engine, Settings(DATABASE_URL=str(engine.url), LOAD_SAMPLE_DATA=False, _env_file=None))  # type: ignore[call-arg]
    cache = "PRAGMA cache_size"
    with engine.connect() as connection:
        use_bulk_cache(connection)
        assert connection.exec_driver_sql(cache).scalar() == -BULK_CACHE_KIB
    report = import_file(engine, DATA / "exemple-consolide.csv")
    with engine.connect() as connection:  # the pooled connection the import used
        assert connection.exec_driver_sql(cache).scalar() == -CACHE_KIB
    engine.dispose()
    assert report.created == 50
