"""The tender files' pages as a browser without JavaScript posts them (both databases): new 3-lot file with the
recommended clauses per lot, a clause added from the library search, lots and values per lot, a stale form
refused, documents generated and kept, the list filtered, the journey saved as a file, a library update kept,
the status moved and the file awarded."""

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.buyers.models import BuyerCreate
from app.buyers.service import create_buyer
from app.clauses.service import get_version, to_doc, update_clause
from app.followup.service import list_commitments
from app.purchases.models import PurchaseHolder
from app.tenders.service import purchases_of
from tests.documents.docx_checks import all_text, open_docx
from tests.tenders.conftest import BUYER, LOTS, SUMMARY
from tests.web.page_checks import field_error, parse, text_of


def new_file(officer: TestClient, amount: str = "900 000") -> str:
    form = {"titre": "Entretien des bâtiments communaux", "reference": "2027-ENT-01", "texte": SUMMARY,
            "nature": "services", "montant": amount, "lignes": "6"}
    for lot in LOTS:
        form |= {f"lot{lot['number']}_titre": lot["title"], f"lot{lot['number']}_montant": str(lot["amount_eur"])}
    created = officer.post("/dossiers/nouveau", data=form, follow_redirects=False)
    assert created.status_code == 303, created.text
    return str(created.headers["location"])


def posted_form(html: str, action: str) -> dict[str, list[str]]:
    """The values a browser would post with the form of ``action`` (checked boxes, inputs, selects)."""
    start = html.index(f'action="{action}"')
    form = html[start:html.index("</form>", start)]
    values: dict[str, list[str]] = {}
    for tag in re.findall(r"<input[^>]*>", form):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        if name is None or ('type="checkbox"' in tag and " checked" not in tag) or " disabled" in tag:
            continue
        values.setdefault(name[1], []).append(value[1] if value else "")
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        values.setdefault(name, []).append(body)
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        # A list with no choice selected posts its first choice, as a browser does.
        chosen = re.search(r'<option(?: value="([^"]*)")? selected>([^<]*)', body) or re.search(
            r'<option(?: value="([^"]*)")?>([^<]*)', body)
        values.setdefault(name, []).append((chosen[1] if chosen[1] is not None else chosen[2]) if chosen else "")
    return values


def test_file_pages_without_javascript(officer: TestClient) -> None:
    url = new_file(officer)
    page = officer.get(url)
    assert page.status_code == 200 and "Lot n° 2 – Entretien des espaces verts" in page.text
    assert "Ajoutée car requise par" in page.text
    tender_id = url.rsplit("/", 1)[1]

    # Search the library for a clause the matcher did not propose and add it on lots 1 and 3.
    found = officer.get(url, params={"q": "discrimination usagers"})
    assert "Ajouter « " in found.text
    added = officer.post(f"{url}/ajouter", data={"version": "2", "clause": "egalite-non-discrimination-usagers",
                                                "lots.egalite-non-discrimination-usagers": ["1", "3"]},
                         follow_redirects=False)
    assert added.status_code == 303, added.text
    page = officer.get(url).text
    assert 'id="clause-egalite-non-discrimination-usagers"' in page and "Clause ajoutée." in page

    # Lot 3's own insertion hours, then save the clauses form as posted.
    form = posted_form(page, f"/dossiers/{tender_id}/clauses")
    form["l.insertion-heures-execution.3.heures"] = ["210"]
    saved = officer.post(f"{url}/clauses", data=form, follow_redirects=False)
    assert saved.status_code == 303, saved.text
    stale = officer.post(f"{url}/clauses", data=form)
    assert stale.status_code == 412 and "modifié entre-temps" in stale.text
    bad = posted_form(officer.get(url).text, f"/dossiers/{tender_id}/clauses")
    bad["l.insertion-heures-execution.3.heures"] = ["beaucoup"]
    refused = officer.post(f"{url}/clauses", data=bad)
    assert refused.status_code == 422 and "(lot n° 3)" in refused.text and 'value="beaucoup"' in refused.text

    document = officer.post(f"{url}/documents", data={"portee": "lot:3"})
    assert document.status_code == 200
    text = all_text(open_docx(document.content))
    assert "210 heures" in text and "phytopharmaceutiques" not in text.lower()
    page = officer.get(url).text
    assert "clauses-2027-ENT-01-lot3.docx" in page

    listed = officer.get("/dossiers", params={"statut": "brouillon", "q": "bâtiments"})
    assert f'href="/dossiers/{tender_id}"' in listed.text
    assert "Aucun dossier pour ces filtres" in officer.get("/dossiers", params={"statut": "publie"}).text


def test_saving_the_clauses_as_shown_changes_no_value(officer: TestClient) -> None:
    """A lot's list field shows « Valeur commune » until the officer picks a choice: saving the page untouched keeps
    every clause's values (a lot's list posted its first choice, which became that lot's value over the common
    one, e.g. Crit'Air 1 instead of 2 on every lot)."""
    url = new_file(officer)
    tender_id = url.rsplit("/", 1)[1]
    added = officer.post(f"{url}/ajouter", data={"version": "2", "clause": "vehicules-mobilite-flotte-prestataire"},
                         follow_redirects=False)
    assert added.status_code == 303, added.text
    before = officer.get(f"/api/v1/tenders/{tender_id}").json()["clauses"]
    page = officer.get(url).text
    assert '<option value="">Valeur commune</option>' in page
    saved = officer.post(f"{url}/clauses", data=posted_form(page, f"/dossiers/{tender_id}/clauses"),
                         follow_redirects=False)
    assert saved.status_code == 303, saved.text
    after = officer.get(f"/api/v1/tenders/{tender_id}").json()["clauses"]
    def lot_values(clauses: list[dict[str, Any]]) -> dict[str, dict[str, dict[str, str]]]:
        return {c["id"]: {lot: {k: str(v) for k, v in values.items()} for lot, values in c["lot_variables"].items()}
                for c in clauses}

    assert lot_values(after) == lot_values(before)
    fleet = next(c for c in after if c["id"] == "vehicules-mobilite-flotte-prestataire")
    assert fleet["variables"]["critair_max"] in ("2", 2)


@pytest.mark.parametrize(
    ("fields", "field", "label", "message"),
    [
        ({"texte": ""}, "texte", "Résumé du marché", "Décrivez le marché en quelques mots"),
        ({"lot2_montant": "beaucoup"}, "lot2_montant", "Montant du lot n° 2", "« beaucoup » n'est pas un nombre"),
        ({"lot1_cpv": "1234"}, "lot1_cpv", "Code CPV du lot n° 1", "8 chiffres attendus"),
        ({"lot4_montant": "50 000"}, "lot4_titre", "Intitulé du lot n° 4", "Donnez un intitulé au lot n° 4"),
        ({"lot5_cpv": "77310000"}, "lot5_titre", "Intitulé du lot n° 5", "ou videz sa ligne"),
        ({"date_lancement": "30/02/2027"}, "date_lancement", "Date de lancement", "n'est pas une date valide"),
    ],
)
def test_file_form_errors_name_the_field_and_sit_next_to_it(
    officer: TestClient, fields: dict[str, str], field: str, label: str, message: str
) -> None:
    """The summary of the file form names each field by its label (it showed « lot2_montant : … »), every error
    is tied to its field, a lot's included, and a lot row with an amount or a code but no title is refused (its
    values were dropped without a word)."""
    form = {"titre": "Entretien des bâtiments communaux", "texte": SUMMARY, "lignes": "6"}
    for lot in LOTS:
        form |= {f"lot{lot['number']}_titre": lot["title"], f"lot{lot['number']}_montant": str(lot["amount_eur"])}
    response = officer.post("/dossiers/nouveau", data=form | fields)
    assert response.status_code == 422
    tree = parse(response.text)
    summary = [text_of(a) for a in tree.xpath("//div[@role='alert']//a")]
    assert len(summary) == 1 and summary[0].startswith(f"{label} : ") and message in summary[0], summary
    assert tree.xpath("//div[@role='alert']//a")[0].get("href") == f"#{field}"
    assert message in field_error(tree, field)
    assert not re.search(r"\b(lot\d_\w+|texte|date_lancement) :", response.text)


def test_file_form_errors_are_listed_in_the_form_order(officer: TestClient) -> None:
    """The summary lists the fields to correct as the form shows them, top to bottom (the title came last)."""
    response = officer.post("/dossiers/nouveau", data={
        "titre": "", "texte": "", "date_lancement": "31/02/2027", "lot2_montant": "5", "lot1_titre": "Écoles",
        "lot1_montant": "beaucoup", "lignes": "6"})
    links = [a.get("href") for a in parse(response.text).xpath("//div[@role='alert']//a")]
    assert links == ["#titre", "#texte", "#date_lancement", "#lot1_montant", "#lot2_titre"]


def test_the_journey_is_saved_as_a_file(officer: TestClient) -> None:
    text = ("Entretien des bâtiments communaux en 3 lots :\nLot 1 : nettoyage des locaux\n"
            "Lot 2 : entretien des espaces verts\nLot 3 : travaux de peinture intérieure")
    saved = officer.post("/dossiers/depuis-parcours", follow_redirects=False, data={
        "texte": text, "nature": "services", "reference": "2027-ENT-02",
        "clause": ["conditions-de-travail-vigilance", "insertion-heures-execution"],
        "v.insertion-heures-execution.heures": "400"})
    assert saved.status_code == 303, saved.text
    page = officer.get(saved.headers["location"]).text
    assert "Lot n° 3 – travaux de peinture intérieure" in page or "travaux de peinture intérieure" in page
    assert 'value="400"' in page and "Pénalité pour heures d&#39;insertion non réalisées" in page


def test_a_reserved_clause_of_the_journey_goes_on_the_lot_the_text_reserves(officer: TestClient) -> None:
    """The proposals page ticks the reserved-lot clause when the text reserves a lot: saving the journey puts it on
    that lot (it answered 422 and lost the journey), keeps the amount read, and the lot's label ends before the
    contract's duration and amount."""
    text = ("Propreté des équipements sportifs, 2 lots : lot 1 gymnases, lot 2 stades réservé aux structures "
            "d'insertion par l'activité économique, 4 ans, 320 000 € HT")
    saved = officer.post("/dossiers/depuis-parcours", follow_redirects=False, data={
        "texte": text, "clause": ["marche-reserve-lot-reserve", "conditions-de-travail-vigilance"]})
    assert saved.status_code == 303, saved.text
    page = officer.get(saved.headers["location"]).text
    assert "320 000 € HT" in page and "Non enregistrée" not in page
    assert "<h1>Propreté des équipements sportifs</h1>" in page  # the title stops before the lots
    assert '<option value="critere-attribution">Critère d&#39;attribution</option>' in page  # kinds in French
    reserved = page.split("Numéro et intitulé du lot réservé", 1)[0].rsplit("Lots concernés", 1)[1]
    assert re.search(r'value="2"[^>]*checked', reserved) and not re.search(r'value="1"[^>]*checked', reserved)
    assert "n° 2 – stades réservé aux structures d&#39;insertion par l&#39;activité économique<" in page

    # The text does not say which lot is reserved: the rest is saved, the page says what to do with that clause.
    saved = officer.post("/dossiers/depuis-parcours", follow_redirects=False, data={
        "texte": "Propreté des équipements sportifs : lot 1 gymnases, lot 2 stades",
        "clause": ["marche-reserve-lot-reserve", "conditions-de-travail-vigilance"]})
    assert saved.status_code == 303 and "a_placer=marche-reserve-lot-reserve" in saved.headers["location"]
    page = officer.get(saved.headers["location"]).text
    assert "Non enregistrée : « Lot réservé à des structures d&#39;insertion" in page
    assert "Documents de vigilance" in page


def test_library_update_status_and_award_from_the_page(officer: TestClient) -> None:
    engine = officer.app.state.engine  # type: ignore[attr-defined]
    with Session(engine) as session:
        create_buyer(session=session, data=BuyerCreate(siret=BUYER, name="Commune de Valbourg"))
    url = new_file(officer)
    tender_id = url.rsplit("/", 1)[1]
    edit = officer.get(f"{url}/modifier").text
    fields = posted_form(edit, f"/dossiers/{tender_id}/modifier")
    fields["acheteur_siret"] = [BUYER]
    assert officer.post(f"{url}/modifier", data=fields, follow_redirects=False).status_code == 303

    with Session(engine) as session:
        current = get_version(session=session, clause_id="conditions-de-travail-vigilance")
        data = to_doc(current).model_dump(mode="json")
        data["text"] = data["text"].replace("Le titulaire", "Le titulaire du marché", 1)
        update_clause(session=session, clause_id=current.clause_id, data=data, expected_version=current.version,
                      author="juriste")
    page = officer.get(url).text
    assert "Nouvelles versions dans la bibliothèque" in page and "<ins>du marché</ins>" in page
    kept = officer.post(f"{url}/mise-a-jour", data={"version": "3", "clause": "conditions-de-travail-vigilance",
                                                   "choix": "conserver"}, follow_redirects=False)
    assert kept.status_code == 303
    assert "Nouvelles versions dans la bibliothèque" not in officer.get(url).text

    for version, status in ((4, "pret"), (5, "publie")):
        moved = officer.post(f"{url}/statut", data={"version": str(version), "statut": status}, follow_redirects=False)
        assert moved.status_code == 303, moved.text
    page = officer.get(url).text
    assert "Attribuer le marché" in page and "Enregistrer les clauses" not in page  # published: frozen
    # The form asks, per lot, the notified amount and the holder, and the duration read in the summary (4 ans).
    assert 'name="duree" value="48"' in page and 'name="lot3_siret"' in page
    refused = officer.post(f"{url}/attribution", data={"version": "6", "notification": "2027-04-01",
                                                       "lot1_siret": "123 456", "lot2_montant": "beaucoup"})
    assert refused.status_code == 422 and "lot n° 1, SIRET du titulaire : 14 chiffres attendus" in refused.text
    assert "lot n° 2, montant notifié" in refused.text and "Attribuer le marché" in officer.get(url).text
    assert "Attribuer le marché" in refused.text  # said on the file's page, above its form
    # What was typed stays in the form (it came back empty), each problem tied to its field.
    tree = parse(refused.text)
    assert [tree.get_element_by_id(f).get("value") for f in ("notification", "lot1_siret", "lot2_montant")] == [
        "2027-04-01", "123 456", "beaucoup"]
    assert field_error(tree, "lot1_siret") == "Erreur : 14 chiffres attendus (6 saisis)."
    assert field_error(tree, "lot2_montant").startswith("Erreur : « beaucoup » n'est pas un nombre")
    assert field_error(tree, "lot3_siret") == ""
    awarded = officer.post(f"{url}/attribution", data={
        "version": "6", "notification": "2027-04-01", "duree": "48", "lot1_montant": "480 000",
        "lot2_montant": "12 000,50 €",
        "lot1_siret": "123 456 789 00012", "lot1_titulaire": "Propreté Solidaire"}, follow_redirects=False)
    assert awarded.status_code == 303, awarded.text
    page = officer.get(url).text
    assert page.count("marché n° ") == 3 and "Attribué" in page
    with Session(engine) as session:
        lot1 = purchases_of(session=session, tender_id=int(tender_id))[1]
        assert (lot1.amount_cents, lot1.duration_months) == (48_000_000, 48)
        assert purchases_of(session=session, tender_id=int(tender_id))[2].amount_cents == 1_200_050  # cents kept
        holders = session.exec(select(PurchaseHolder).where(PurchaseHolder.purchase_id == lot1.id)).all()
        assert [(h.holder_id, h.name) for h in holders] == [("12345678900012", "Propreté Solidaire")]
        assert list_commitments(session=session, purchase_id=int(lot1.id or 0))  # the follow-up is open
    assert f'href="/suivi/marches/{lot1.id}"' in page  # each lot's contract opens on its follow-up page


def test_a_file_without_lots_is_awarded_with_its_holder(officer: TestClient) -> None:
    engine = officer.app.state.engine  # type: ignore[attr-defined]
    with Session(engine) as session:
        create_buyer(session=session, data=BuyerCreate(siret=BUYER, name="Commune de Valbourg"))
    form = {"titre": "Nettoyage de la mairie", "texte": "Nettoyage de la mairie, 2 ans", "nature": "services",
            "montant": "60 000", "acheteur_siret": BUYER, "lignes": "0"}
    url = officer.post("/dossiers/nouveau", data=form, follow_redirects=False).headers["location"]
    for version, status in ((2, "pret"), (3, "publie")):  # created with the recommended clauses (version 2)
        assert officer.post(f"{url}/statut", data={"version": str(version), "statut": status}).status_code == 200
    page = officer.get(url).text
    assert 'name="duree" value="24"' in page and "<legend>Le marché</legend>" in page
    awarded = officer.post(f"{url}/attribution", data={
        "version": "4", "notification": "2027-03-01", "lot1_siret": "12345678900012", "lot1_titulaire": "Net Plus"})
    assert awarded.status_code == 200, awarded.text
    contract = re.search(r'Attribué : <a href="/suivi/marches/(\d+)"', awarded.text)
    assert contract, awarded.text
    followed = officer.get(f"/suivi/marches/{contract[1]}").text
    assert "Net Plus" in followed and "pour 24 mois" in followed


def test_a_file_without_its_amount_shows_the_sum_of_its_lots(officer: TestClient) -> None:
    page = officer.get(new_file(officer, amount="")).text
    assert "Montant estimé : 900\u00a0000 € HT (somme des lots)" in page


def test_only_documents_that_hold_a_clause_are_offered_and_a_refusal_stays_on_the_page(officer: TestClient) -> None:
    """The list offered every part (« AE » too) whether a clause went there or not, and generating an empty one
    showed the generic error page instead of the file's page."""
    form = {"titre": "Nettoyage de la mairie", "texte": "Nettoyage de la mairie, 2 ans", "nature": "services",
            "montant": "60 000", "lignes": "0"}
    url = officer.post("/dossiers/nouveau", data=form, follow_redirects=False).headers["location"]
    page = officer.get(url).text
    select = page[page.index('<select id="portee"'):]
    offered = re.findall(r'<option value="([^"]+)">', select[:select.index("</select>")])
    assert offered[0] == "dossier" and "lot" not in offered
    for scope in offered:
        assert officer.post(f"{url}/documents", data={"portee": scope}).status_code == 200, scope
    left = [scope for scope in ("RC", "CCAP", "CCTP", "AE") if scope not in offered]
    assert left, offered  # this file has a part without a clause
    refused = officer.post(f"{url}/documents", data={"portee": left[0]})
    assert refused.status_code == 422
    documents = refused.text[refused.text.index('id="titre-documents"'):]
    assert "Aucune clause pour" in documents and "rien à générer" in documents
    assert "Nettoyage de la mairie" in refused.text  # the file's page, not the error page
