"""Demonstration data: loaded into a new database only, marked, left out of every figure once real data
exists, removed in one audited transaction that leaves the database as it was (SQLite and PostgreSQL)."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlmodel import Session

from app.audit.models import AuditEvent
from app.auth.dependencies import Actor
from app.bootstrap import prepare_database
from app.buyers.models import Buyer, BuyerCreate, BuyerIn
from app.buyers.service import create_buyer, update_buyer
from app.config import Settings
from app.db import make_engine
from app.demo.service import PURCHASES_FILE, demo_status, load_demo, remove_demo
from app.errors import Conflict
from app.reports.indicators import compute_indicators
from app.suppliers.suggest import SuggestRequest
from app.suppliers.suggesting import suggest_suppliers
from app.suppliers.transfer import import_suppliers
from tests.api.conftest import bearer
from tests.conftest import clausier, install_test_key, table_dump
from tests.ledger import contract, decp, import_decp, public_siret
from tests.suppliers.conftest import make_csv, make_siret

OFFICER = Actor(name="claire.martin", role="editor", ip="127.0.0.1", via="proxy")
CITY = public_siret(1)
REAL_CONTRACTS = decp(
    contract(CITY, "2025-001", amount=120_000, social=["Clause sociale"], buyer_name="Commune de Réel"),
    contract(CITY, "2024-007", amount=80_000, notified="2024-06-10", environmental=["Clause environnementale"]),
)
# A real cleaning ESAT in Melun: the demo registry has some too.
REAL_SUPPLIER = make_csv([[make_siret(1), "ESAT réel de Melun", "ESAT", "77000", "Melun", "9091", ""]])


def real_data(engine: Engine) -> None:
    """What a commune has: its contracts, a supplier, a named buyer profile of its own."""
    import_decp(engine, REAL_CONTRACTS, "decp-2025.json")
    assert import_suppliers(engine=engine, data=REAL_SUPPLIER, filename="registre.csv", actor="tests").written
    with Session(engine) as session:
        create_buyer(session=session, data=BuyerCreate(siret=public_siret(2), name="Syndicat réel", kind="syndicat"))


def test_a_new_database_gets_the_demo_once(db_url: str) -> None:
    settings = Settings(DATABASE_URL=db_url, LOAD_SAMPLE_DATA=True, _env_file=None)  # type: ignore[call-arg]
    engine = make_engine(db_url)
    try:
        prepare_database(engine, settings)
        with Session(engine) as session:
            status = demo_status(session=session)
        assert status.model_dump() == {"loaded": True, "purchases": 50, "buyers": 4, "purchase_imports": 1,
                                       "suppliers": 64, "supplier_imports": 1, "buyers_kept": []}
        prepare_database(engine, settings)  # not new any more: nothing reloaded
        with Session(engine) as session:
            assert demo_status(session=session) == status
            remove_demo(session=session, actor=OFFICER)
        prepare_database(engine, settings)  # removed: it does not come back by itself
        with Session(engine) as session:
            assert not demo_status(session=session).loaded
    finally:
        engine.dispose()


def test_removing_the_demo_leaves_the_database_as_before(engine: Engine, settings: Settings) -> None:
    real_data(engine)
    before = table_dump(engine)
    load_demo(engine, settings)
    assert table_dump(engine) != before
    with Session(engine) as session:
        removed = remove_demo(session=session, actor=OFFICER)
        event = session.execute(select(AuditEvent).where(AuditEvent.resource == "demo")).scalar_one()
    assert (removed.purchases, removed.suppliers, removed.buyers) == (50, 64, 4)
    assert table_dump(engine) == before
    assert (event.actor, event.action, event.summary["after"]["purchases"]) == ("claire.martin", "remove", 50)


def test_removing_the_demo_keeps_the_buyer_profiles_real_contracts_use(engine: Engine, settings: Settings) -> None:
    """The demo's own DECP example imported as real data names the demo buyers: their profiles stay, made real."""
    load_demo(engine, settings)
    import_decp(engine, PURCHASES_FILE.read_bytes(), "decp-consolide-exemple.csv")  # real, same fictional buyers
    with Session(engine) as session:
        versions = {b.siret: b.version for b in session.execute(select(Buyer)).scalars()}
        removed = remove_demo(session=session, actor=OFFICER)
        buyers = {b.siret: b for b in session.execute(select(Buyer)).scalars()}
        event = session.execute(select(AuditEvent).where(AuditEvent.resource == "demo")).scalar_one()
        assert compute_indicators(session, year=2025)["demo"] is False
    assert (removed.purchases, removed.buyers, removed.suppliers) == (0, 0, 64)
    assert removed.buyers_kept == [
        "Commune fictive A (SIRET 26388534596688)", "Syndicat intercommunal fictif (SIRET 28818357700205)",
        "Commune fictive B (SIRET 29155217296010)",
        "Communauté d'agglomération fictive du Val (SIRET 29999900300013)",
    ]
    assert all(not b.is_demo and b.import_id is None and b.version == versions[b.siret] + 1 for b in buyers.values())
    assert {b.parent_siret for b in buyers.values()} == {None, "29999900300013"}  # the group section stays
    assert event.summary["after"]["buyers_kept"] == removed.buyers_kept
    with Session(engine) as session:  # now real: loading the demo again leaves the officer's profile alone
        update_buyer(session=session, siret="26388534596688", expected_version=buyers["26388534596688"].version,
                     data=BuyerIn(name="Commune réelle A", kind="commune"))
    load_demo(engine, settings)
    with Session(engine) as session:
        kept = session.get_one(Buyer, "26388534596688")
        assert (kept.name, kept.is_demo, kept.parent_siret) == ("Commune réelle A", False, None)


def test_loading_or_removing_twice_is_refused(engine: Engine, settings: Settings) -> None:
    load_demo(engine, settings)
    with pytest.raises(Conflict, match="déjà chargées"):
        load_demo(engine, settings)
    with Session(engine) as session:
        remove_demo(session=session, actor=OFFICER)
        with pytest.raises(Conflict, match="Aucune donnée de démonstration"):
            remove_demo(session=session, actor=OFFICER)


def test_demo_contracts_never_change_a_report_once_a_real_contract_exists(engine: Engine, settings: Settings) -> None:
    import_decp(engine, REAL_CONTRACTS, "decp-2025.json")
    with Session(engine) as session:
        without_demo = {year: compute_indicators(session, year=year) for year in (2024, 2025)}
    load_demo(engine, settings)
    with Session(engine) as session:
        for year in (2024, 2025):
            assert compute_indicators(session, year=year) == without_demo[year]
        assert without_demo[2025]["contracts"] == 1 and [t["year"] for t in without_demo[2025]["trend"]] == [2024, 2025]
        assert without_demo[2025]["demo"] is False
        with_demo = compute_indicators(session, year=2025, include_demo=True)
        assert (with_demo["contracts"], with_demo["demo"]) == (1 + 33, True)


def test_the_demo_alone_shows_in_the_report_and_says_so(engine: Engine, settings: Settings) -> None:
    load_demo(engine, settings)
    with Session(engine) as session:
        shown = compute_indicators(session, year=2025)
        hidden = compute_indicators(session, year=2025, include_demo=False)
    assert (shown["contracts"], shown["demo"]) == (33, True)
    assert (hidden["contracts"], hidden["demo"]) == (0, False)


def test_demo_suppliers_leave_the_advice_once_a_real_supplier_exists(engine: Engine, settings: Settings) -> None:
    load_demo(engine, settings)
    request = SuggestRequest(text="Nettoyage des locaux de la mairie", place="Melun")
    with Session(engine) as session:
        demo_only = suggest_suppliers(session=session, request=request)
    suggested = [s for group in demo_only.groups for s in group.items]
    assert suggested and all(s.is_demo for s in suggested)
    assert any("fournisseurs de démonstration" in w for w in demo_only.warnings)

    assert import_suppliers(engine=engine, data=REAL_SUPPLIER, filename="registre.csv", actor="tests").written
    with Session(engine) as session:
        real = suggest_suppliers(session=session, request=request)
    assert [s.name for group in real.groups for s in group.items] == ["ESAT réel de Melun"]
    assert (real.advice.counts.ea_esat, real.advice.counts.siae) == (1, 0)
    assert not any("démonstration" in w for w in real.warnings)


def test_demo_api(client: TestClient, settings: Settings) -> None:
    load_demo(client.app.state.engine, settings)  # type: ignore[attr-defined]
    assert client.get("/api/v1/demo").json()["suppliers"] == 64
    editor = bearer(install_test_key(client.app.state.engine, "editor"))  # type: ignore[attr-defined]
    assert client.post("/api/v1/demo/remove", headers=editor).status_code == 403
    removed = client.post("/api/v1/demo/remove")
    assert removed.status_code == 200, removed.text
    assert removed.json()["purchases"] == 50
    assert client.get("/api/v1/demo").json()["loaded"] is False
    again = client.post("/api/v1/demo/remove")
    assert again.status_code == 409
    assert again.json()["detail"] == "Aucune donnée de démonstration à retirer."
    audit = client.get("/api/v1/audit", params={"resource": "demo"}).json()["items"]
    assert [(e["action"], e["actor"]) for e in audit] == [("remove", "tests-admin")]


def test_demo_cli(tmp_path: Path) -> None:
    env = {"CLAUSIER_DATA_DIR": str(tmp_path)}
    status = clausier("demo", "status", cwd=tmp_path, env=env)
    assert status.stdout.startswith("Données de démonstration : 50 marchés"), status.stderr
    removed = clausier("demo", "remove", cwd=tmp_path, env=env)
    assert removed.returncode == 0, removed.stderr
    assert removed.stdout.strip() == ("Données de démonstration retirées : 50 marchés, 4 acheteurs, "
                                      "64 fournisseurs, 2 imports.")
    assert clausier("demo", "status", cwd=tmp_path, env=env).stdout.strip() == "Aucune donnée de démonstration."
    assert clausier("demo", "load", cwd=tmp_path, env=env).returncode == 0
    assert clausier("demo", "load", cwd=tmp_path, env=env).stderr.strip() == (
        "Les données de démonstration sont déjà chargées.")
    assert clausier("purchases", "import", str(PURCHASES_FILE), cwd=tmp_path, env=env).returncode == 0  # as real
    kept = clausier("demo", "remove", cwd=tmp_path, env=env).stdout.strip().splitlines()
    assert kept[0] == "Données de démonstration retirées : 0 marché, 0 acheteur, 64 fournisseurs, 2 imports."
    assert kept[1].startswith("Profils d'acheteurs gardés, car des données réelles les utilisent (ils ne sont plus "
                              "marqués fictifs) : Commune fictive A (SIRET 26388534596688), ")
