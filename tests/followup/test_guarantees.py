"""Suppliers' social guarantees: evidence with validity dates, on the supplier's page and in the expiry watch."""

import html
from datetime import date, timedelta

from fastapi.testclient import TestClient

from tests.conftest import install_test_key
from tests.suppliers.conftest import make_siret

SIRET = make_siret(1616)
PDF = b"%PDF-1.4\n%%EOF\n"


def supplier(client: TestClient) -> None:
    response = client.post("/api/v1/suppliers", json={
        "siret": SIRET, "name": "Confection Éthique", "kind": "entreprise", "postcode": "59100", "commune": "Roubaix",
    })
    assert response.status_code == 201, response.text


def test_a_guarantee_is_recorded_shown_and_watched(client: TestClient) -> None:
    supplier(client)
    soon = (date.today() + timedelta(days=20)).isoformat()
    added = client.post(f"/api/v1/followup/suppliers/{SIRET}/guarantees", data={
        "kind": "oit", "description": "Attestation de respect des conventions fondamentales de l'OIT",
        "valid_until": soon,
    }, files={"file": ("attestation-oit.pdf", PDF, "application/pdf")})
    assert added.status_code == 201, added.text
    assert added.json()["valid"] is True and added.json()["kind_label"].startswith("Respect des conventions")
    refused = client.post(f"/api/v1/followup/suppliers/{SIRET}/guarantees", data={
        "kind": "transparence", "description": "Liste des sites"},
        files={"file": ("sites.pdf", b"<script>", "application/pdf")})
    assert refused.status_code == 415
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    future = client.post(f"/api/v1/followup/suppliers/{SIRET}/guarantees", data={
        "kind": "audit", "description": "Audit social", "received_on": tomorrow},
        files={"file": ("audit.pdf", PDF, "application/pdf")})
    assert future.status_code == 422 and future.headers["content-type"] == "application/problem+json"
    assert "est à venir" in future.json()["detail"]
    expiring = client.get("/api/v1/suppliers/expiring", params={"days": 30}).json()
    assert [(item["what"], item["label"]) for item in expiring["items"]] == [
        ("garanties", "Respect des conventions fondamentales de l'OIT")]
    assert client.get("/api/v1/suppliers/expiring", params={"days": 10}).json()["total"] == 0
    page = html.unescape(client.get(f"/fournisseurs/{SIRET}").text)
    assert "Justificatifs des garanties sociales" in page and "attestation-oit.pdf" in page
    download = client.get(added.json()["file_url"])
    assert download.content == PDF and download.headers["content-disposition"].startswith("attachment")


def test_the_supplier_page_records_a_guarantee(officer: TestClient) -> None:
    key = install_test_key(officer.app.state.engine, "admin")  # type: ignore[attr-defined]
    officer.post("/api/v1/suppliers", headers={"Authorization": f"Bearer {key}"}, json={
        "siret": SIRET, "name": "Confection Éthique", "kind": "entreprise", "postcode": "59100", "commune": "Roubaix",
    })
    done = officer.post(f"/fournisseurs/{SIRET}/garanties", data={
        "garantie": "transparence", "description": "Liste des sites de production 2027", "recu_le": "2026-11-02",
        "fin": "2027-11-01",
    })
    page = html.unescape(done.text)
    assert "Garantie enregistrée." in page and "Liste des sites de production 2027" in page
    expired = officer.post(f"/fournisseurs/{SIRET}/garanties", data={
        "garantie": "audit", "description": "Audit", "recu_le": "2026-11-02", "fin": "2026-01-01"})
    assert expired.status_code == 422 and "La fin de validité précède" in html.unescape(expired.text)
