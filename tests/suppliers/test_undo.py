"""Imports of the registry are recorded and can be undone, all or nothing, leaving the database as before the
import (labels and activities included); an undo that would lose a later change is refused (both databases)."""

import hashlib
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from app.auth.dependencies import Actor
from app.errors import Conflict
from app.suppliers import transfer
from app.suppliers.models import SupplierBase
from app.suppliers.writing import update_supplier
from tests.api.conftest import bearer
from tests.conftest import install_test_key, table_dump
from tests.suppliers.conftest import make_csv, make_siret

OFFICER = Actor(name="claire.martin", role="editor", ip="127.0.0.1", via="proxy")
FUTURE = (date.today() + timedelta(days=400)).isoformat()
LATER = (date.today() + timedelta(days=800)).isoformat()
V1 = make_csv([
    [make_siret(30), "Jardins de Sénart", "ACI", "77176", "Savigny-le-Temple", "7731", f"Bio/AB:{FUTURE}|FSC"],
    [make_siret(31), "Propreté 77", "entreprise", "77000", "Melun", "9091", ""],
])
# A renamed supplier with new labels and activities, one unchanged, one new.
V2 = make_csv([
    [make_siret(30), "Jardins Solidaires de Sénart", "ACI", "77176", "Savigny-le-Temple", "7731|0322",
     f"Bio/AB:{LATER}"],
    [make_siret(31), "Propreté 77", "entreprise", "77000", "Melun", "9091", ""],
    [make_siret(32), "ESAT du Val", "ESAT", "77000", "Melun", "9091", ""],
])
IMPORT_TABLES = ("audit_event", "purchase_import", "supplier_import")


def load(engine: Engine, data: bytes, name: str) -> int:
    report = transfer.import_suppliers(engine=engine, data=data, filename=name, actor="claire.martin")
    assert report.written and report.import_id is not None
    return report.import_id


def undo(engine: Engine, import_id: int) -> dict[str, object]:
    with Session(engine) as session:
        return transfer.undo_import(session=session, import_id=import_id, actor=OFFICER)


def test_undo_leaves_the_registry_as_before_each_import(engine: Engine) -> None:
    empty = table_dump(engine, without=IMPORT_TABLES)
    first = load(engine, V1, "v1.csv")
    after_first = table_dump(engine, without=IMPORT_TABLES)
    second = load(engine, V2, "v2.csv")
    with Session(engine) as session:
        rows, total = transfer.list_imports(session=session)
    assert total == 2
    assert [(r.id, r.sha256, r.actor, r.rows, r.created, r.updated, r.unchanged) for r in rows] == [
        (second, hashlib.sha256(V2).hexdigest(), "claire.martin", 3, 1, 1, 1),
        (first, hashlib.sha256(V1).hexdigest(), "claire.martin", 2, 2, 0, 0)]

    assert undo(engine, second) == {"import_id": second, "filename": "v2.csv", "deleted": 1, "restored": 1}
    assert table_dump(engine, without=IMPORT_TABLES) == after_first
    assert undo(engine, first)["deleted"] == 2
    assert table_dump(engine, without=IMPORT_TABLES) == empty


def test_undo_of_an_import_changed_since_is_refused(engine: Engine) -> None:
    first = load(engine, V1, "v1.csv")
    second = load(engine, V2, "v2.csv")
    with pytest.raises(Conflict) as refused:
        undo(engine, first)
    assert refused.value.detail == (
        f"L'import n° {first} (« v1.csv ») ne peut pas être annulé : 1 fournisseur qu'il a créé ou modifié a "
        f"été modifié depuis par l'import n° {second}. L'annuler effacerait ces modifications. Annulez d'abord cet "
        "import, du plus récent au plus ancien, puis celui-ci."
    )
    undo(engine, second)
    undo(engine, first)  # once the later import is undone, the earlier one can be


def test_an_edit_through_the_api_blocks_the_undo(engine: Engine) -> None:
    first = load(engine, V1, "v1.csv")
    with Session(engine) as session:
        update_supplier(session=session, siret=make_siret(31), expected_version=1,
                        supplier_in=SupplierBase(name="Propreté 77 Sud", kind="entreprise"))
    with pytest.raises(Conflict, match="par une modification hors import"):
        undo(engine, first)


def test_imports_api(client: TestClient) -> None:
    response = client.post("/api/v1/suppliers/import", params={"filename": "v1.csv"}, content=V1,
                           headers={"content-type": "text/csv"})
    assert response.status_code == 200, response.text
    import_id = response.json()["import_id"]
    listed = client.get("/api/v1/suppliers/imports").json()
    assert [(i["id"], i["filename"], i["created"], i["actor"]) for i in listed["items"]] == [
        (import_id, "v1.csv", 2, "tests-admin")]
    editor = bearer(install_test_key(client.app.state.engine, "editor"))  # type: ignore[attr-defined]
    assert client.post(f"/api/v1/suppliers/imports/{import_id}/undo", headers=editor).status_code == 403
    undone = client.post(f"/api/v1/suppliers/imports/{import_id}/undo")
    assert undone.json() == {"import_id": import_id, "filename": "v1.csv", "deleted": 2, "restored": 0,
                             "buyers_deleted": 0}
    assert client.get("/api/v1/suppliers").json()["total"] == 0
    again = client.post(f"/api/v1/suppliers/imports/{import_id}/undo")
    assert again.status_code == 409
    assert again.json()["detail"] == f"L'import n° {import_id} (« v1.csv ») est déjà annulé."
