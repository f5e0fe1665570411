"""Imports of the ledger are recorded and can be undone, all or nothing, leaving the database as before the
import; an undo that would lose a later change is refused in French (SQLite and PostgreSQL)."""

import hashlib
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlmodel import Session

from app.audit.models import AuditEvent
from app.auth.dependencies import Actor
from app.buyers.models import Buyer, BuyerIn
from app.buyers.service import update_buyer
from app.errors import Conflict
from app.purchases import history
from app.purchases.models import PurchaseIn
from app.purchases.service import record_purchase
from tests.api.conftest import bearer
from tests.conftest import clausier, install_test_key, table_dump
from tests.ledger import contract, decp, import_decp, public_siret

OFFICER = Actor(name="claire.martin", role="editor", ip="127.0.0.1", via="proxy")
CITY, SYNDICATE = public_siret(1), public_siret(2)
FIRST = decp(
    contract(CITY, "A-1", amount=1000, buyer_name="Commune de Réel"),
    contract(CITY, "A-2", amount=2000, social=["Clause sociale"]),
    contract(SYNDICATE, "S-1", amount=3000),
)
# The next year's file: A-1 corrected (amount, holder), A-2 unchanged, one new contract.
SECOND = decp(
    contract(CITY, "A-1", amount=1500, holder="98000000200017", buyer_name="Commune de Réel"),
    contract(CITY, "A-2", amount=2000, social=["Clause sociale"]),
    contract(CITY, "A-3", amount=4000, environmental=["Critère environnemental"]),
)
IMPORT_TABLES = ("audit_event", "purchase_import", "supplier_import")


def undo(engine: Engine, import_id: int | None) -> dict[str, object]:
    assert import_id is not None
    with Session(engine) as session:
        return history.undo_import(session=session, import_id=import_id, actor=OFFICER)


def test_each_import_is_recorded_with_its_hash_author_and_counts(engine: Engine) -> None:
    first = import_decp(engine, FIRST, "decp-2024.json", actor="claire.martin")
    second = import_decp(engine, SECOND, "decp-2025.json", actor="cli (paul)")
    assert (first.created, first.updated, first.unchanged) == (3, 0, 0)
    assert (second.created, second.updated, second.unchanged) == (1, 1, 1)
    with Session(engine) as session:
        rows, total = history.list_imports(session=session)
    assert total == 2
    assert [(r.id, r.filename, r.sha256, r.actor, r.created, r.updated, r.unchanged, r.undone_at) for r in rows] == [
        (second.import_id, "decp-2025.json", hashlib.sha256(SECOND).hexdigest(), "cli (paul)", 1, 1, 1, None),
        (first.import_id, "decp-2024.json", hashlib.sha256(FIRST).hexdigest(), "claire.martin", 3, 0, 0, None),
    ]


def test_undo_leaves_the_database_as_before_each_import(engine: Engine) -> None:
    empty = table_dump(engine, without=IMPORT_TABLES)
    first = import_decp(engine, FIRST, "decp-2024.json")
    after_first = table_dump(engine, without=IMPORT_TABLES)
    second = import_decp(engine, SECOND, "decp-2025.json")
    assert table_dump(engine, without=IMPORT_TABLES) != after_first

    assert undo(engine, second.import_id) == {"import_id": second.import_id, "filename": "decp-2025.json",
                                              "deleted": 1, "restored": 1, "buyers_deleted": 0}
    assert table_dump(engine, without=IMPORT_TABLES) == after_first
    assert undo(engine, first.import_id)["buyers_deleted"] == 2  # the buyers it met, never named since
    assert table_dump(engine, without=IMPORT_TABLES) == empty
    with Session(engine) as session:
        rows, _ = history.list_imports(session=session)
        events = session.execute(select(AuditEvent).where(AuditEvent.action == "undo")).scalars().all()
    assert [(r.undone_by, r.undone_at is not None) for r in rows] == [("claire.martin", True)] * 2
    assert [(e.resource, e.resource_id, e.actor) for e in events] == [
        ("purchase_import", str(second.import_id), "claire.martin"),
        ("purchase_import", str(first.import_id), "claire.martin")]


def test_undo_of_an_import_changed_since_is_refused_in_french(engine: Engine) -> None:
    first = import_decp(engine, FIRST, "decp-2024.json")
    second = import_decp(engine, SECOND, "decp-2025.json")
    before = table_dump(engine)
    with pytest.raises(Conflict) as refused:
        undo(engine, first.import_id)
    assert refused.value.detail == (
        f"L'import n° {first.import_id} (« decp-2024.json ») ne peut pas être annulé : 1 marché qu'il a créé ou "
        f"modifié a été modifié depuis par l'import n° {second.import_id}. L'annuler effacerait ces "
        "modifications. Annulez d'abord cet import, du plus récent au plus ancien, puis celui-ci."
    )
    assert refused.value.extra["later_imports"] == [second.import_id]
    assert table_dump(engine) == before  # nothing touched


def test_a_change_through_the_api_blocks_the_undo(engine: Engine) -> None:
    first = import_decp(engine, FIRST, "decp-2024.json")
    with Session(engine) as session:
        record_purchase(session=session, actor="intranet", data=PurchaseIn(
            buyer_siret=CITY, buyer_ref="A-2", object="Marché A-2 corrigé", amount_eur=2500, notified_on="2025-03-01",
        ))
    with pytest.raises(Conflict, match="par une saisie par l'API"):
        undo(engine, first.import_id)


def test_undo_twice_is_refused_and_a_named_buyer_stays(engine: Engine) -> None:
    first = import_decp(engine, FIRST, "decp-2024.json")
    with Session(engine) as session:
        update_buyer(session=session, siret=SYNDICATE, data=BuyerIn(name="Syndicat des eaux"), expected_version=1)
    assert undo(engine, first.import_id)["buyers_deleted"] == 1
    with Session(engine) as session:
        assert session.get(Buyer, SYNDICATE).name == "Syndicat des eaux"  # type: ignore[union-attr]
        assert session.get(Buyer, CITY) is None
    with pytest.raises(Conflict, match="est déjà annulé"):
        undo(engine, first.import_id)


def test_imports_api(client: TestClient) -> None:
    def upload(name: str, content: bytes) -> int:
        response = client.post("/api/v1/purchases/import", files={"file": (name, content)})
        assert response.status_code == 200, response.text
        return int(response.json()["import_id"])

    first, second = upload("decp-2024.json", FIRST), upload("decp-2025.json", SECOND)
    page = client.get("/api/v1/purchases/imports").json()
    assert [(i["id"], i["actor"], i["created"], i["updated"], i["unchanged"]) for i in page["items"]] == [
        (second, "tests-admin", 1, 1, 1), (first, "tests-admin", 3, 0, 0)]
    editor = bearer(install_test_key(client.app.state.engine, "editor"))  # type: ignore[attr-defined]
    assert client.post(f"/api/v1/purchases/imports/{second}/undo", headers=editor).status_code == 403
    refused = client.post(f"/api/v1/purchases/imports/{first}/undo")
    assert refused.status_code == 409
    assert refused.json()["later_imports"] == [second]
    assert client.post(f"/api/v1/purchases/imports/{second}/undo").json()["deleted"] == 1
    assert client.post(f"/api/v1/purchases/imports/{first}/undo").json()["deleted"] == 3
    assert client.get("/api/v1/purchases").json()["total"] == 0
    assert client.post("/api/v1/purchases/imports/999/undo").status_code == 404


def test_imports_and_undo_from_the_command_line(tmp_path: Path) -> None:
    env = {"CLAUSIER_DATA_DIR": str(tmp_path), "CLAUSIER_LOAD_SAMPLE_DATA": "false"}
    (tmp_path / "decp-2024.json").write_bytes(FIRST)
    imported = clausier("purchases", "import", str(tmp_path / "decp-2024.json"), cwd=tmp_path, env=env)
    assert imported.returncode == 0, imported.stderr
    assert "import n° 1, 3 marchés lus, 3 créés" in imported.stdout
    listed = clausier("purchases", "imports", cwd=tmp_path, env=env)
    assert "decp-2024.json" in listed.stdout and "en place" in listed.stdout and "1 import." in listed.stdout
    undone = clausier("purchases", "undo", "1", cwd=tmp_path, env=env)
    assert undone.returncode == 0, undone.stderr
    assert undone.stdout.strip() == ("Import n° 1 (« decp-2024.json ») annulé : 3 marchés supprimés, 0 remis "
                                     "dans son état antérieur, 2 acheteurs non nommés retirés.")
    again = clausier("purchases", "undo", "1", cwd=tmp_path, env=env)
    assert (again.returncode, again.stderr.strip()) == (1, "L'import n° 1 (« decp-2024.json ») est déjà annulé.")
