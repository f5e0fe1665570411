"""Purchases API: upload a file, list contracts, record a contract from its Clausier clauses."""

import hashlib
from pathlib import Path
from typing import Any

import yaml
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.config import PROJECT_ROOT
from app.documents.models import GeneratedDocument
from app.purchases.importer import NO_DAY_WITH_YEAR

DATA = Path(__file__).parent.parent / "data"


def upload(client: TestClient, name: str, content: bytes | None = None, **params: Any) -> Any:
    body = content if content is not None else (DATA / name).read_bytes()
    return client.post("/api/v1/purchases/import", files={"file": (name, body)}, params=params)


def clause_front_matter(clause_id: str) -> dict[str, Any]:
    path = next((PROJECT_ROOT / "clauses").rglob(f"{clause_id}.md"))
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])  # type: ignore[no-any-return]


def test_upload_then_list_a_year(client: TestClient) -> None:
    response = upload(client, "exemple-consolide.csv")
    assert response.status_code == 200, response.text
    assert response.json() | {"import_id": None} == {
        "import_id": None, "filename": "exemple-consolide.csv", "format": "decp-consolide", "records": 50,
        "sha256": hashlib.sha256((DATA / "exemple-consolide.csv").read_bytes()).hexdigest(),
        "created": 50, "updated": 0, "unchanged": 0, "kept": 0, "skipped": 0, "ignored": 0, "errors": []}

    page = client.get("/api/v1/purchases", params={"year": 2025, "limit": 5}).json()
    assert page["total"] == 33
    dates = [item["notified_on"] for item in page["items"]]
    assert dates == sorted(dates, reverse=True)
    everything = client.get("/api/v1/purchases", params={"year": 2025, "limit": 500}).json()["items"]
    assert [i["id"] for i in everything[:5]] == [i["id"] for i in page["items"]]
    second = client.get("/api/v1/purchases", params={"year": 2025, "limit": 5, "offset": 5}).json()["items"]
    assert [i["id"] for i in second] == [i["id"] for i in everything[5:10]]

    item = next(i for i in everything if i["buyer_ref"] == "2025-11-0001")
    assert item["buyer_siret"] == "29155217296010"
    assert item["buyer_name"] == "Commune fictive B"
    assert item["amount_eur"] == "43519.42"
    assert item["considerations_sociales"] == ["Clause sociale"]
    assert item["considerations_environnementales"] == ["Clause environnementale", "Critère environnemental"]
    assert item["holders"] == [{"holder_id": "94393328373002", "id_type": "SIRET", "name": "TITULAIRE 3002"}]
    none = next(i for i in everything if i["buyer_ref"] == "2025-11-0000")
    assert none["considerations_sociales"] == ["Pas de considération sociale"]
    assert client.get(f"/api/v1/purchases/{item['id']}").json() == item
    by_buyer = client.get("/api/v1/purchases", params={"buyer": "29155217296010", "year": 2025}).json()
    assert by_buyer["total"] == 12


def test_2019_upload_lists_considerations_as_null(client: TestClient) -> None:
    assert upload(client, "exemple-2019.json").status_code == 200
    item = client.get("/api/v1/purchases", params={"limit": 1}).json()["items"][0]
    assert (item["considerations_sociales"], item["considerations_environnementales"]) == (None, None)


def test_refused_upload_is_a_problem_listing_the_records(client: TestClient) -> None:
    content = (DATA / "region-bretagne-2019-extrait.csv").read_bytes()
    response = upload(client, "registre.csv", content)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["error_count"] == 2
    assert [(e["line"], e["message"]) for e in problem["errors"]] == [
        (13, NO_DAY_WITH_YEAR), (77, NO_DAY_WITH_YEAR)]
    assert client.get("/api/v1/purchases").json()["total"] == 0
    skipped = upload(client, "registre.csv", content, skip_invalid="true").json()
    assert (skipped["created"], skipped["skipped"]) == (74, 2)


def test_unrecognised_upload_is_refused(client: TestClient) -> None:
    response = upload(client, "x.json", b'{"data": []}')
    assert response.status_code == 422
    assert response.json()["detail"].startswith("JSON non reconnu")


def test_writing_needs_an_editor_key(client: TestClient) -> None:
    anonymous = TestClient(client.app, raise_server_exceptions=False)
    assert anonymous.post("/api/v1/purchases/import", files={"file": ("a.csv", b"x")}).status_code == 401
    assert anonymous.get("/api/v1/purchases").status_code == 200  # public reading is on by default


CONTRACT = {"buyer_siret": "21000000000001", "buyer_name": "Commune A", "buyer_ref": "2025-042",
            "object": "Nettoyage des bâtiments communaux", "cpv": "90911200", "amount_eur": "48000.00",
            "notified_on": "2025-10-01", "holders": [{"holder_id": "30000000000001", "name": "Régie de quartier"}]}


def test_clauses_of_a_tender_fill_its_considerations(client: TestClient) -> None:
    chosen = ["marche-reserve-siae", "insertion-heures-execution", "bois-forets-critere-attribution"]
    front = {cid: clause_front_matter(cid) for cid in chosen}
    response = client.post("/api/v1/purchases", json=CONTRACT | {
        "clauses": [{"id": cid, "version": front[cid]["version"]} for cid in chosen]})
    assert response.status_code == 201, response.text
    created = response.json()
    values = {f["decp_value"] for f in front.values()}
    social = {"Clause sociale", "Critère social", "Marché réservé"}
    assert set(created["considerations_sociales"]) == values & social
    assert set(created["considerations_environnementales"]) == values - social
    assert created["clauses"] == [{"id": cid, "version": front[cid]["version"]} for cid in chosen]
    assert created["source"] == "clausier"
    assert response.headers["location"] == f"/api/v1/purchases/{created['id']}"


def test_a_tender_without_environmental_clause_says_none_not_unknown(client: TestClient) -> None:
    version = clause_front_matter("marche-reserve-siae")["version"]
    created = client.post("/api/v1/purchases", json=CONTRACT | {
        "clauses": [{"id": "marche-reserve-siae", "version": version}]}).json()
    assert created["considerations_environnementales"] == ["Pas de considération environnementale"]


def test_clauses_come_from_the_generated_document(client: TestClient) -> None:
    version = clause_front_matter("marche-reserve-siae")["version"]
    with Session(client.app.state.engine) as session:  # type: ignore[attr-defined]
        document = GeneratedDocument(title="CCAP", buyer="Commune A", tender_object="Nettoyage", sha256="0" * 64,
                                     size=1, created_by="tests",
                                     clauses=[{"id": "marche-reserve-siae", "version": version}])
        session.add(document)
        session.commit()
        document_id = document.id
    created = client.post("/api/v1/purchases", json=CONTRACT | {"document_id": document_id}).json()
    assert created["document_id"] == document_id
    assert created["clauses"] == [{"id": "marche-reserve-siae", "version": version}]
    assert created["considerations_sociales"] == ["Marché réservé"]


def test_recording_again_updates_the_same_contract(client: TestClient) -> None:
    first = client.post("/api/v1/purchases", json=CONTRACT).json()
    again = client.post("/api/v1/purchases", json=CONTRACT | {"amount_eur": "50000"}).json()
    assert again["id"] == first["id"]
    assert again["amount_eur"] == "50000.00"
    assert (first["considerations_sociales"], again["considerations_sociales"]) == (None, None)
    assert client.get("/api/v1/purchases").json()["total"] == 1


def test_unknown_clause_or_value_is_refused(client: TestClient) -> None:
    unknown = client.post("/api/v1/purchases", json=CONTRACT | {"clauses": [{"id": "inconnue", "version": 1}]})
    assert unknown.status_code == 404
    assert unknown.json()["detail"] == "Clause inconnue : « inconnue »."
    bad = client.post("/api/v1/purchases", json=CONTRACT | {"considerations_sociales": ["Clause verte"]})
    assert bad.status_code == 422
    assert bad.json()["detail"] == "Considération sociale inconnue : « Clause verte »."
    assert client.get("/api/v1/purchases").json()["total"] == 0
    assert client.get("/api/v1/purchases/999").status_code == 404


def test_recording_again_replaces_the_holders(client: TestClient) -> None:
    client.post("/api/v1/purchases", json=CONTRACT | {"holders": [{"holder_id": "30000000000001"},
                                                                  {"holder_id": "30000000000002"}]})
    again = client.post("/api/v1/purchases", json=CONTRACT | {"holders": [{"holder_id": "30000000000003"}]}).json()
    assert [h["holder_id"] for h in again["holders"]] == ["30000000000003"]
