"""The follow-up API: award with clauses, open, overdue, statements, evidence files and their limits."""

import io
import os
import zipfile

import pytest
from docx import Document
from fastapi.testclient import TestClient

from app.config import Settings
from app.errors import InvalidInput
from app.followup import files
from tests.conftest import builtin_version
from tests.followup.conftest import MAX_EVIDENCE_BYTES
from tests.followup.support import BUYER, INSERTION

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PROBLEM = "application/problem+json"


def award(client: TestClient) -> int:
    """A contract recorded with its clauses (as a tender file's award does), its follow-up opened."""
    response = client.post("/api/v1/purchases", json={
        "buyer_siret": BUYER, "buyer_ref": "2025-API", "object": "Nettoyage des écoles", "cpv": "90910000",
        "amount_eur": "400000", "notified_on": "2025-01-01", "duration_months": 12,
        "clauses": [{"id": INSERTION, "version": builtin_version(INSERTION)}],
    })
    assert response.status_code == 201, response.text
    purchase_id: int = response.json()["id"]
    opened = client.post(f"/api/v1/followup/contracts/{purchase_id}/open", json={})
    assert opened.status_code == 200, opened.text
    assert len([c for c in opened.json() if c["due_kind"] == "mensuel"]) == 12
    return purchase_id


def overdue(client: TestClient, on: str = "2025-04-15") -> list[dict[str, object]]:
    response = client.get("/api/v1/followup/overdue", params={"on": on})
    assert response.status_code == 200
    items: list[dict[str, object]] = response.json()["items"]
    return items


def test_statement_and_certificate_shrink_the_overdue_list(client: TestClient) -> None:
    purchase_id = award(client)
    assert [item["due_on"] for item in overdue(client)] == ["2025-01-16", "2025-02-10", "2025-03-10", "2025-04-10"]
    statement = client.post(f"/api/v1/followup/contracts/{purchase_id}/hours", json={
        "received_on": "2025-02-09",
        "lines": [{"month": "2025-01", "category": "deld", "modality": "embauche", "hours": "70", "people": 1}],
    })
    assert statement.status_code == 200, statement.text
    assert statement.json()["hours_achieved"] == "70" and statement.json()["hours_committed"] == 350
    assert statement.json()["penalty_eur"] == "14000.00"  # 280 missing hours × 50 € HT
    assert len(overdue(client)) == 3
    plan = overdue(client)[0]
    added = client.post(f"/api/v1/followup/commitments/{plan['commitment_id']}/evidence",
                        data={"description": "Plan de mise en œuvre visé", "received_on": "2025-01-14"},
                        files={"file": ("plan.pdf", PDF, "application/pdf")})
    assert added.status_code == 201, added.text
    assert added.json()["sha256"] and added.json()["media_type"] == "application/pdf"
    to_come = client.post(f"/api/v1/followup/commitments/{plan['commitment_id']}/evidence",
                          data={"description": "Plan visé", "received_on": "2099-01-14"},
                          files={"file": ("plan.pdf", PDF, "application/pdf")})
    assert to_come.status_code == 422 and to_come.headers["content-type"] == PROBLEM
    assert to_come.json()["detail"].startswith("La date de réception (14/01/2099) est à venir")
    statement_to_come = client.post(f"/api/v1/followup/contracts/{purchase_id}/hours", json={
        "received_on": "2099-02-09", "lines": [{"month": "2025-02", "category": "deld", "modality": "embauche",
                                                "hours": "7"}]})
    assert statement_to_come.status_code == 422 and "est à venir" in statement_to_come.json()["detail"]
    assert len(overdue(client)) == 2
    download = client.get(added.json()["file_url"])
    assert download.content == PDF
    assert download.headers["content-disposition"].startswith("attachment")
    assert download.headers["x-content-type-options"] == "nosniff"
    refused = client.post(f"/api/v1/followup/evidence/{added.json()['id']}/decision", json={"accepted": False})
    assert refused.status_code == 422 and "motivé" in refused.json()["detail"]
    refused = client.post(f"/api/v1/followup/evidence/{added.json()['id']}/decision",
                          json={"accepted": False, "reason": "Plan non signé"})
    assert refused.json()["decision"] == "refusee"
    assert len(overdue(client)) == 3
    followup = client.get(f"/api/v1/followup/contracts/{purchase_id}", params={"on": "2025-04-15"}).json()
    assert followup["commitments"][0]["status"] == "en-retard"
    assert followup["commitments"][0]["clause_title"].startswith("Action d'insertion")


def test_a_broken_statement_csv_is_refused_whole(client: TestClient) -> None:
    purchase_id = award(client)
    broken = "Mois;Catégorie;Modalité;Heures\n2025-01;deld;embauche;12\n2025-02;deld;télétravail;x\n".encode()
    response = client.post(f"/api/v1/followup/contracts/{purchase_id}/hours/import",
                           files={"file": ("releve.csv", broken, "text/csv")})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith(PROBLEM)
    assert [(e["line"], e["column"]) for e in response.json()["errors"]] == [(3, "Modalité"), (3, "Heures")]
    assert client.get(f"/api/v1/followup/contracts/{purchase_id}/hours").json()["hours_achieved"] == "0"
    good = "Mois;Catégorie;Modalité;Heures\n2025-01;deld;embauche;12\n".encode()
    response = client.post(f"/api/v1/followup/contracts/{purchase_id}/hours/import",
                           files={"file": ("releve.csv", good, "text/csv")})
    assert response.status_code == 200 and response.json()["hours_achieved"] == "12"


def upload(client: TestClient, commitment_id: object, name: str, content: bytes) -> tuple[int, dict[str, object]]:
    response = client.post(f"/api/v1/followup/commitments/{commitment_id}/evidence", data={"description": "Certificat"},
                           files={"file": (name, content, "application/octet-stream")})
    assert response.headers["content-type"].startswith(PROBLEM if response.status_code >= 400 else "application/json")
    return response.status_code, response.json()


def spreadsheet(entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


XLSX = {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}


def test_evidence_files_are_checked(client: TestClient, settings: Settings) -> None:
    award(client)
    commitment = overdue(client)[0]["commitment_id"]
    status, problem = upload(client, commitment, "certificat.pdf", PDF + b"0" * MAX_EVIDENCE_BYTES)
    assert status == 413 and "Fichier trop volumineux" in str(problem["detail"])
    status, problem = upload(client, commitment, "certificat.pdf", b"<html><script>alert(1)</script></html>")
    assert status == 415 and "Type de fichier refusé" in str(problem["detail"])
    status, problem = upload(client, commitment, "certificat.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    assert status == 415 and "extension attendue" in str(problem["detail"])
    status, problem = upload(client, commitment, "outil.exe", b"MZ\x90\x00" + b"0" * 100)
    assert status == 415
    bomb = spreadsheet({**XLSX, "xl/worksheets/sheet1.xml": b"0" * 20_000_000})
    assert len(bomb) < MAX_EVIDENCE_BYTES
    status, problem = upload(client, commitment, "releve.xlsx", bomb)
    assert status == 422 and "bombe zip" in str(problem["detail"])
    status, problem = upload(client, commitment, "releve.xlsx", spreadsheet({"a.txt": b"texte"}))
    assert status == 415 and "ni classeur XLSX ni classeur ODS" in str(problem["detail"])
    ods = spreadsheet({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"})
    status, stored = upload(client, commitment, "releve.ods", ods)
    assert status == 201 and stored["media_type"] == files.ODS
    status, stored = upload(client, commitment, "heures.csv", b"Mois;Heures\n2025-01;12\n")
    assert status == 201 and stored["media_type"] == "text/csv"
    assert settings.EVIDENCE_DIR is not None
    kept = files.path_of(settings.EVIDENCE_DIR, str(stored["sha256"]))
    assert kept.read_bytes() == b"Mois;Heures\n2025-01;12\n" and kept.suffix == ""


def test_total_uncompressed_size_is_bounded() -> None:
    stored = spreadsheet({**XLSX, "xl/media/image.bin": os.urandom(1_500_000)}, zipfile.ZIP_STORED)
    with pytest.raises(InvalidInput, match="bombe zip"):
        files.check(stored, "releve.xlsx", max_bytes=10_000_000, max_uncompressed=1_000_000)
    assert files.check(stored, "releve.xlsx", max_bytes=10_000_000).media_type == files.XLSX


def test_reminder_letter_cites_the_clause_and_its_penalty(client: TestClient) -> None:
    award(client)
    plan = overdue(client)[0]
    response = client.get(f"/api/v1/followup/commitments/{plan['commitment_id']}/reminder.docx",
                          params={"on": "2025-04-15"})
    assert response.status_code == 200
    filename = f"relance-2025-API-{plan['commitment_id']}.docx"
    assert response.headers["content-disposition"] == f'attachment; filename="{filename}"'
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs).replace("\u00a0", " ")
    assert "Objet : relance – justificatif attendu au titre du marché 2025-API « Nettoyage des écoles »" in text
    assert "clause « Action d'insertion : heures de travail réservées à des personnes éloignées de l'emploi »" in text
    assert "Plan de mise en œuvre de l'action d'insertion" in text and "16 janvier 2025" in text
    assert "au moins 350 heures de travail" in text  # the article's wording, with the contract's values
    assert "Pénalité prévue : clause « Pénalité pour heures d'insertion non réalisées »" in text
    assert "Chaque heure d'insertion manquante donne lieu à une pénalité de 50 € HT." in text
    assert "À la date du présent courrier, nous ne l'avons pas reçu." in text


def test_a_formal_notice_starts_the_late_statement_penalty(client: TestClient) -> None:
    response = client.post("/api/v1/purchases", json={
        "buyer_siret": BUYER, "buyer_ref": "2025-NOTICE", "object": "Nettoyage des écoles", "cpv": "90910000",
        "amount_eur": "400000", "notified_on": "2025-01-01", "duration_months": 12,
        "clauses": [{"id": INSERTION, "version": builtin_version(INSERTION)}],
    })
    purchase_id = response.json()["id"]
    commitments = client.post(f"/api/v1/followup/contracts/{purchase_id}/open", json={}).json()
    march = next(c for c in commitments if c["hours_committed"] is not None and c["period_start"] == "2025-03-01")
    assert march["due_on"] == "2025-04-10" and march["notice_on"] is None
    early = client.post(f"/api/v1/followup/commitments/{march['id']}/notice", json={"sent_on": "2025-04-01"})
    assert early.status_code == 422 and early.headers["content-type"] == PROBLEM
    assert "doit suivre l'échéance du justificatif (10/04/2025)" in early.json()["detail"]
    sent = client.post(f"/api/v1/followup/commitments/{march['id']}/notice", json={"sent_on": "2025-04-14"})
    assert sent.status_code == 200, sent.text
    assert sent.json()["notice_on"] == "2025-04-14" and sent.json()["notice_by"]
    late = client.get(f"/api/v1/followup/contracts/{purchase_id}/hours", params={"on": "2025-04-30"}).json()
    assert late["late_days"] == 20 and late["late_penalty_eur"] == "1000.00"  # 50 € HT a day since 10 April
    assert late["penalty_per_day_late_eur"] == "50" and late["penalties_eur"] == "18500.00"  # + 350 h × 50 €
    assert client.get(f"/api/v1/followup/contracts/{purchase_id}/hours",
                      params={"on": "2025-04-24"}).json()["late_days"] == 0  # the notice runs until 24 April
    removed = client.post(f"/api/v1/followup/commitments/{march['id']}/notice", json={"sent_on": None})
    assert removed.status_code == 200 and removed.json()["notice_on"] is None


def test_reminder_letter_of_a_buyer_with_defaults(client: TestClient) -> None:
    """The buyer's profile holds defaults of several clauses (the penalty's amount per hour, the facilitator): the
    letter takes each clause's own, the penalty's amount included (it answered 422, « montant_heure : variable
    inconnue pour cette clause »)."""
    created = client.post("/api/v1/buyers", json={
        "siret": BUYER, "name": "Commune de Valbourg",
        "defaults": {"montant_heure": 75, "facilitateur": "la Maison de l'emploi de Valbourg"}})
    assert created.status_code == 201, created.text
    award(client)
    plan = overdue(client)[0]
    response = client.get(f"/api/v1/followup/commitments/{plan['commitment_id']}/reminder.docx",
                          params={"on": "2025-04-15"})
    assert response.status_code == 200, response.text
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs).replace("\u00a0", " ")
    assert "Commune de Valbourg" in text
    assert "Chaque heure d'insertion manquante donne lieu à une pénalité de 75 € HT." in text


def test_reminder_letter_writes_the_clause_lists_as_lists(client: TestClient) -> None:
    """The clause's lists are list items, as in the contract's documents: they were lines of one justified
    paragraph (« - les demandeurs d'emploi … ; » stretched across the page)."""
    award(client)
    plan = overdue(client)[0]
    response = client.get(f"/api/v1/followup/commitments/{plan['commitment_id']}/reminder.docx",
                          params={"on": "2025-04-15"})
    paragraphs = Document(io.BytesIO(response.content)).paragraphs
    assert not [p.text for p in paragraphs if "\n- " in p.text or p.text.startswith("- ")]
    items = [p.text.replace("\u00a0", " ") for p in paragraphs if p.style is not None and p.style.name == "List Bullet"]
    assert any(item.startswith("les demandeurs d'emploi de longue durée") for item in items), items
