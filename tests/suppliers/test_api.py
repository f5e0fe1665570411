"""Supplier API: create, read, replace (If-Match), soft delete, history, roles, export, expiry watch."""

import csv
import io
import json
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.suppliers.transfer import import_suppliers
from tests.conftest import install_test_key

from .conftest import make_csv, make_siret

SIRET = make_siret(100)


def body(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "siret": SIRET, "name": "ESAT des Tests", "kind": "ESAT", "postcode": "77000", "commune": "Melun",
        "phone": "+33 1 99 00 00 00",
        "activities": [{"cpv_prefix": "7731", "reach": "departements", "areas": ["77", "91"]}],
        "labels": [{"label": "ecolabel europeen", "number": "FR/020/001", "issuer": "AFNOR",
                    "valid_until": (date.today() + timedelta(days=30)).isoformat(), "evidence": "ecolabel.pdf"}],
        "guarantees": {"ilo_commitment_on": "2025-01-15", "production_sites": [{"name": "Atelier", "country": "FR"}],
                       "last_audit_on": "2025-06-01", "valid_until": (date.today() + timedelta(days=10)).isoformat()},
    }
    return {**base, **changes}


def test_create_read_update_delete_with_history(client: TestClient) -> None:
    created = client.post("/api/v1/suppliers", json=body())
    assert created.status_code == 201, created.text
    assert created.headers["Location"] == f"/api/v1/suppliers/{SIRET}"
    assert created.headers["ETag"] == '"1"'
    supplier = created.json()
    assert (supplier["siren"], supplier["departement"], supplier["kind_label"]) == (
        SIRET[:9], "77", "établissement et service d'accompagnement par le travail (ESAT)"
    )
    assert supplier["labels"][0] | {"valid_until": None} == {
        "label": "Écolabel européen", "category": "environnement", "number": "FR/020/001", "issuer": "AFNOR",
        "valid_from": None, "valid_until": None, "evidence": "ecolabel.pdf", "source": "api (tests-admin)",
        "valid": True,
    }
    assert supplier["guarantees"]["production_sites"] == [{"name": "Atelier", "country": "FR"}]
    assert supplier["provenance"]["source"] == "api (tests-admin)"

    read = client.get(f"/api/v1/suppliers/{SIRET[:3]} {SIRET[3:]}")
    assert read.status_code == 200 and read.headers["ETag"] == '"1"'

    replaced = client.put(
        f"/api/v1/suppliers/{SIRET}", headers={"If-Match": '"1"'},
        json={k: v for k, v in body(name="ESAT des Essais", labels=[]).items() if k != "siret"},
    )
    assert replaced.status_code == 200, replaced.text
    assert replaced.headers["ETag"] == '"2"'
    assert (replaced.json()["name"], replaced.json()["labels"]) == ("ESAT des Essais", [])

    deleted = client.delete(f"/api/v1/suppliers/{SIRET}", headers={"If-Match": '"2"'})
    assert deleted.status_code == 204
    assert client.get(f"/api/v1/suppliers/{SIRET}").status_code == 404
    assert client.get("/api/v1/suppliers", params={"q": "esat essais"}).json()["total"] == 0

    history = client.get(f"/api/v1/suppliers/{SIRET}/history").json()
    assert [entry["action"] for entry in history["items"]] == ["suppression", "modification", "creation"]
    assert history["items"][1]["changes"]["name"] == ["ESAT des Tests", "ESAT des Essais"]
    assert history["items"][1]["changes"]["labels"][1] == []

    restored = client.post("/api/v1/suppliers", json=body())
    assert restored.status_code == 201
    assert restored.json()["version"] == 4
    assert client.get(f"/api/v1/suppliers/{SIRET}/history").json()["items"][0]["action"] == "restauration"


def test_duplicate_and_invalid_creations(client: TestClient) -> None:
    assert client.post("/api/v1/suppliers", json=body()).status_code == 201
    conflict = client.post("/api/v1/suppliers", json=body())
    assert conflict.status_code == 409
    assert "déjà dans le registre" in conflict.json()["detail"]
    wrong = body(siret=SIRET[:-1] + "0", kind="startup", labels=[{"label": "Truc"}])
    bad = client.post("/api/v1/suppliers", json=wrong)
    assert bad.status_code == 422
    errors = {error["field"]: error["message"] for error in bad.json()["errors"]}
    assert errors["siret"] == "SIRET invalide : clé de contrôle incorrecte (algorithme de Luhn)"
    assert errors["labels.0.label"] == "label inconnu : « Truc »"
    assert "kind" in errors


def test_writes_need_if_match_and_refuse_stale_versions(client: TestClient) -> None:
    client.post("/api/v1/suppliers", json=body())
    update = {k: v for k, v in body(name="Nouveau nom").items() if k != "siret"}
    assert client.put(f"/api/v1/suppliers/{SIRET}", json=update).status_code == 428
    assert client.put(f"/api/v1/suppliers/{SIRET}", json=update, headers={"If-Match": '"1"'}).status_code == 200
    stale = client.put(f"/api/v1/suppliers/{SIRET}", json=update, headers={"If-Match": '"1"'})
    assert stale.status_code == 412
    assert stale.json()["current_version"] == 2
    assert client.delete(f"/api/v1/suppliers/{SIRET}", headers={"If-Match": '"1"'}).status_code == 412
    missing = client.put(f"/api/v1/suppliers/{make_siret(101)}", json=update, headers={"If-Match": '"1"'})
    assert missing.status_code == 404


@pytest.mark.parametrize(("role", "status"), [(None, 401), ("reader", 403), ("editor", 201)])
def test_writing_needs_an_editor_key(client: TestClient, role: str | None, status: int) -> None:
    headers = {"Authorization": f"Bearer {install_test_key(client.app.state.engine, role)}"} if role else {}  # type: ignore[attr-defined]
    if role is None:
        client.headers.pop("Authorization")
    assert client.post("/api/v1/suppliers", json=body(), headers=headers).status_code == status
    csv_file = make_csv([[make_siret(102), "Import", "EA", "", "", "", ""]])
    expected = 200 if role == "editor" else status
    assert client.post("/api/v1/suppliers/import", content=csv_file, headers=headers).status_code == expected


def test_labels_and_kinds_list(client: TestClient) -> None:
    listing = client.get("/api/v1/suppliers/labels").json()
    assert listing["total"] == len(listing["items"]) >= 30
    assert {"label": "Fair for Life", "category": "commerce-equitable"} in listing["items"]
    esat = next(kind for kind in listing["kinds"] if kind["kind"] == "ESAT")
    assert (esat["inclusive"], esat["eligible_clause_sociale"]) == (True, True)


def test_csv_export_is_excel_friendly_and_reimports_unchanged(client: TestClient) -> None:
    client.post("/api/v1/suppliers", json=body(name="=HYPERLINK(\"http://x\")", notes="@SUM(1)"))
    response = client.get("/api/v1/suppliers/export")
    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith('attachment; filename="fournisseurs-')
    data = response.content
    assert data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0]["nom"] == "'=HYPERLINK(\"http://x\")"
    assert rows[0]["notes"] == "'@SUM(1)"
    assert rows[0]["telephone"] == "'+33 1 99 00 00 00"
    assert rows[0]["activites_cpv"] == "7731"
    assert rows[0]["zone_intervention"] == "77|91"
    assert rows[0]["sites_production"] == "Atelier (FR)"
    report = import_suppliers(engine=client.app.state.engine, data=data, filename="export.csv", actor="tests")  # type: ignore[attr-defined]
    assert (report.errors, report.unchanged, report.updated) == ([], 1, 0)


def test_json_export_holds_everything(client: TestClient) -> None:
    client.post("/api/v1/suppliers", json=body())
    exported = json.loads(client.get("/api/v1/suppliers/export", params={"format": "json"}).content)
    assert exported["total"] == 1
    [item] = exported["items"]
    assert (item["siret"], item["labels"][0]["number"]) == (SIRET, "FR/020/001")
    assert item["activities"][0]["areas"] == ["77", "91"]
    assert item["ilo_commitment_on"] == "2025-01-15"


def test_expiring_lists_labels_and_guarantees(client: TestClient) -> None:
    client.post("/api/v1/suppliers", json=body())
    soon = client.get("/api/v1/suppliers/expiring", params={"days": 60}).json()
    assert [(item["what"], item["label"], item["days_left"]) for item in soon["items"]] == [
        ("garanties", None, 10), ("label", "Écolabel européen", 30)
    ]
    assert client.get("/api/v1/suppliers/expiring", params={"days": 15}).json()["total"] == 1
