"""Tender files through the HTTP API (both databases): the intranet creates a 3-lot file with the recommended
clauses, adds a clause, sets values per lot, generates documents; readers read, editors write; If-Match."""

from fastapi.testclient import TestClient

from tests.api.conftest import bearer
from tests.conftest import install_test_key
from tests.documents.docx_checks import all_text, open_docx
from tests.tenders.conftest import BUYER, tender_body


def test_tender_journey_through_the_api(client: TestClient) -> None:
    assert client.post("/api/v1/buyers", json={"siret": BUYER, "name": "Commune de Valbourg"}).status_code == 201
    created = client.post("/api/v1/tenders?propositions=true", json=tender_body())
    assert created.status_code == 201, created.text
    tender = created.json()
    url = created.headers["location"]
    assert (created.headers["etag"], tender["status"], [lot["number"] for lot in tender["lots"]]) == (
        '"2"', "brouillon", [1, 2, 3])
    by_id = {c["id"]: c for c in tender["clauses"]}
    assert by_id["biodiversite-eau-zero-phyto"]["lots"] == [2]
    penalty = by_id["insertion-penalite-heures"]
    assert penalty["source"] == "requise" and penalty["reason"].startswith("Ajoutée car requise par « ")

    proposals = client.get(f"{url}/proposals").json()
    assert set(proposals["lots"]) == {"1", "2", "3"} and proposals["whole"]["matches"]

    # Add a clause the matcher did not propose, on lots 1 and 3, with a value for lot 3 only.
    chosen = [{"id": c["id"], "lots": c["lots"], "variables": c["variables"], "source": c["source"],
               "lot_variables": c["lot_variables"]} for c in tender["clauses"] if c["source"] != "requise"]
    chosen.append({"id": "egalite-non-discrimination-usagers", "lots": [1, 3]})
    body = {"clauses": chosen}
    assert client.put(f"{url}/clauses", json=body).status_code == 428
    saved = client.put(f"{url}/clauses", json=body, headers={"If-Match": '"2"'})
    assert saved.status_code == 200, saved.text
    assert saved.headers["etag"] == '"3"'
    stale = client.put(f"{url}/clauses", json=body, headers={"If-Match": '"2"'})
    assert stale.status_code == 412 and stale.headers["content-type"].startswith("application/problem+json")
    assert "modifié entre-temps" in stale.json()["detail"]
    reserved = client.put(f"{url}/clauses", json={"clauses": [{"id": "marche-reserve-lot-reserve"}]},
                          headers={"If-Match": '"3"'})
    assert reserved.status_code == 422 and "lots réservés" in reserved.json()["detail"]

    lot3 = client.post(f"{url}/documents", json={"scope": "lot", "lot": 3})
    assert lot3.status_code == 200, lot3.text
    text = all_text(open_docx(lot3.content))
    assert "refus de service" in text.lower() or "usagers" in text.lower()
    assert "phytopharmaceutiques" not in text.lower()  # the green-spaces lot's clause stays in lot 2
    whole = client.post(f"{url}/documents", json={"scope": "dossier"})
    history = client.get(f"{url}/documents").json()
    assert [d["scope"] for d in history] == ["dossier", "lot"]
    again = client.get(history[1]["url"])
    assert again.status_code == 200 and again.content == lot3.content
    assert client.get(f"{url}/documents/999999").status_code == 404
    assert whole.headers["content-disposition"] == 'attachment; filename="clauses-2027-ENT-01.docx"'

    listed = client.get("/api/v1/tenders", params={"status": "brouillon", "q": "bâtiments"}).json()
    assert [item["id"] for item in listed["items"]] == [tender["id"]] and listed["items"][0]["lot_count"] == 3
    assert client.get("/api/v1/tenders", params={"status": "publie"}).json()["total"] == 0

    # Move it along and award it: one contract per lot in the ledger.
    for version, status in ((3, "pret"), (4, "publie")):
        moved = client.post(f"{url}/status", json={"status": status}, headers={"If-Match": f'"{version}"'})
        assert moved.status_code == 200, moved.text
    refused = client.post(f"{url}/status", json={"status": "brouillon"}, headers={"If-Match": '"5"'})
    assert refused.status_code == 409 and "ne peut pas passer" in refused.json()["detail"]
    awarded = client.post(f"{url}/award", json={"notified_on": "2027-04-01"}, headers={"If-Match": '"5"'})
    assert awarded.status_code == 200, awarded.text
    purchases = awarded.json()["purchases"]
    assert set(purchases) == {"1", "2", "3"} and awarded.json()["tender"]["status"] == "attribue"
    assert "Clause environnementale" in purchases["2"]["considerations_environnementales"]
    assert client.get(f"/api/v1/purchases/{purchases['1']['id']}").json()["buyer_ref"] == "2027-ENT-01-lot1"


def test_readers_read_and_editors_write(client: TestClient) -> None:
    created = client.post("/api/v1/tenders", json=tender_body(buyer_siret=None)).json()
    reader = bearer(install_test_key(client.app.state.engine, "reader"))  # type: ignore[attr-defined]
    assert client.get(f"/api/v1/tenders/{created['id']}", headers=reader).status_code == 200
    refused = client.post("/api/v1/tenders", json=tender_body(buyer_siret=None), headers=reader)
    assert refused.status_code == 403 and "editor" in refused.json()["detail"]
    invalid = client.post("/api/v1/tenders", json=tender_body(buyer_siret=None, lots=[
        {"number": 1, "title": "A"}, {"number": 1, "title": "B"}]))
    assert invalid.status_code == 422 and "même numéro" in invalid.text
    assert client.get("/api/v1/tenders/424242").json()["detail"] == "Dossier inconnu : 424242."


def test_award_keeps_the_cents_and_a_second_award_says_it_is_done(client: TestClient) -> None:
    """The notified amount keeps its cents (12 000,50 € became 12 000 €), and awarding an awarded file again is
    refused saying so (it said the file must be published first, « il est attribué »)."""
    assert client.post("/api/v1/buyers", json={"siret": BUYER, "name": "Commune de Valbourg"}).status_code == 201
    url = client.post("/api/v1/tenders?propositions=true", json=tender_body()).headers["location"]
    for version, status in ((2, "pret"), (3, "publie")):
        assert client.post(f"{url}/status", json={"status": status},
                           headers={"If-Match": f'"{version}"'}).status_code == 200
    lots = [{"number": 1, "amount_eur": "480000.5"}, {"number": 2, "amount_eur": 12000.25}, {"number": 3}]
    awarded = client.post(f"{url}/award", json={"notified_on": "2027-04-01", "lots": lots},
                          headers={"If-Match": '"4"'})
    assert awarded.status_code == 200, awarded.text
    amounts = {n: p["amount_eur"] for n, p in awarded.json()["purchases"].items()}
    assert amounts == {"1": "480000.50", "2": "12000.25", "3": "150000.00"}
    again = client.post(f"{url}/award", json={"notified_on": "2027-05-01"}, headers={"If-Match": '"5"'})
    assert again.status_code == 409 and again.headers["content-type"].startswith("application/problem+json")
    assert again.json()["detail"] == ("Le dossier {} est déjà attribué (notifié le 01/04/2027) : ses marchés sont au "
                                      "registre, rien n'a été changé.").format(url.rsplit("/", 1)[1])
    cents = client.post(f"{url}/award", json={"notified_on": "2027-05-01", "lots": [
        {"number": 1, "amount_eur": "1.005"}]}, headers={"If-Match": '"5"'})
    assert cents.status_code == 422 and cents.headers["content-type"].startswith("application/problem+json")
