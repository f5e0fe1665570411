"""The data pages: the demonstration banner and "fictif" badges, importing a DECP file with its progress page,
the history of imports and their undoing, removing the demo, the buyer profiles, the single-user setting."""

import hashlib
import io
from typing import Any

import docx
import openpyxl
import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.config import Settings
from app.demo.service import PURCHASES_FILE, demo_status
from app.main import create_app
from tests.ledger import contract, decp, public_siret
from tests.web.page_checks import field_error, finished_import, parse, text_of, unlabelled_fields
from tests.web.test_web_proposals import CLEANING
from tests.web.test_web_tender import INSERTION, TENDER

CITY, SYNDICATE = public_siret(1), public_siret(2)
REAL = decp(contract(CITY, "2025-001", amount=120_000, social=["Clause sociale"], buyer_name="Commune de Réel"),
            contract(SYNDICATE, "2025-002", amount=30_000))
FIXED = decp(contract(CITY, "2025-001", amount=125_000, social=["Clause sociale"], buyer_name="Commune de Réel"))
BANNER = "//section[@class='bandeau-demo']"


def import_page(client: TestClient, content: bytes, name: str = "decp-2025.json", **data: str) -> Any:
    response = client.post("/donnees/import", files={"fichier": (name, content, "application/json")}, data=data)
    return finished_import(client, response)


def report_figure(client: TestClient, year: int = 2025) -> str:
    tree = parse(client.get("/rapport", params={"annee": year}).text)
    return text_of(tree.xpath("//ul[@class='indicateurs']/li")[0]) if tree.xpath("//ul[@class='indicateurs']") else ""


def history_rows(client: TestClient) -> list[list[str]]:
    tree = parse(client.get("/donnees").text)
    section = tree.get_element_by_id("historique").getparent()
    return [[text_of(cell) for cell in row.xpath("td")] for row in section.xpath(".//tbody/tr")]


@pytest.mark.usefixtures("sample_data")
def test_demo_is_announced_badged_and_removable_from_the_page(officer: TestClient) -> None:
    tree = parse(officer.get("/").text)
    assert "Données de démonstration." in text_of(tree.xpath(BANNER)[0])
    suppliers = parse(officer.get("/fournisseurs", params={"q": "ateliers"}).text)
    assert all(text_of(row).count("fictif") == 1 for row in suppliers.xpath("//main//tbody/tr"))
    assert "fictif" in text_of(parse(officer.get("/fournisseurs/99000003600014").text).xpath("//main")[0])
    cards = parse(officer.post("/propositions", data=CLEANING).text).xpath("//li[@class='carte']")
    assert cards and all("fictif" in text_of(card) for card in cards)

    unconfirmed = officer.post("/donnees/demonstration/retirer")
    assert unconfirmed.status_code == 422
    assert "Cochez la case de confirmation" in text_of(parse(unconfirmed.text).get_element_by_id("erreur"))
    removed = officer.post("/donnees/demonstration/retirer", data={"confirmer": "1"})
    assert removed.status_code == 200 and removed.url.path == "/donnees"
    tree = parse(removed.text)
    assert text_of(tree.get_element_by_id("fait")) == "Les données de démonstration ont été retirées."
    assert not tree.xpath(BANNER) and not tree.xpath("//*[@id='demonstration']")
    with Session(officer.app.state.engine) as session:  # type: ignore[attr-defined]
        assert not demo_status(session=session).loaded


@pytest.mark.usefixtures("sample_data")
def test_removing_the_demo_from_the_page_keeps_the_profiles_real_contracts_use(officer: TestClient) -> None:
    import_page(officer, PURCHASES_FILE.read_bytes(), PURCHASES_FILE.name)  # the demo's example, as real data
    removed = officer.post("/donnees/demonstration/retirer", data={"confirmer": "1"})
    assert removed.status_code == 200
    assert text_of(parse(removed.text).get_element_by_id("fait")) == (
        "Les données de démonstration ont été retirées. Profils d'acheteurs gardés, car des données réelles les "
        "utilisent (ils ne sont plus marqués fictifs) : Commune fictive A (SIRET 26388534596688), Syndicat "
        "intercommunal fictif (SIRET 28818357700205), Commune fictive B (SIRET 29155217296010), Communauté "
        "d'agglomération fictive du Val (SIRET 29999900300013).")
    buyers = parse(officer.get("/donnees/acheteurs").text)
    assert len(buyers.xpath("//main//tbody/tr")) == 4 and not buyers.xpath("//*[@class='badge badge-fictif']")


def test_the_import_page_says_how_many_known_values_empty_cells_kept(officer: TestClient) -> None:
    header = "SIRET acheteur;Identifiant;Objet;Montant;Date de notification;Code CPV;Nature\n"
    import_page(officer, (header + "21350238800019;L-1;Nettoyage;1000;01/03/2025;90910000-9;Marché\n").encode(),
                "registre.csv")
    page = import_page(officer, (header + "21350238800019;L-1;Nettoyage;1200;01/03/2025;;\n").encode(), "registre.csv")
    report = " ".join(text_of(parse(page.text).get_element_by_id("rapport")).split())
    assert "1 mis à jour, 0 inchangé, 2 valeurs connues gardées (cellules vides du fichier)." in report


@pytest.mark.usefixtures("sample_data")
def test_import_from_the_page_then_undo_it(officer: TestClient) -> None:
    demo_figure = report_figure(officer)
    assert demo_figure.startswith("33 marchés notifiés")
    done = import_page(officer, REAL)
    assert done.status_code == 200
    report = text_of(parse(done.text).get_element_by_id("rapport"))
    assert report.startswith("Import réussi « decp-2025.json » (DECP JSON (format 2024)) : 2 marchés lus — 2 créés, "
                             "0 mis à jour, 0 inchangé.")
    assert report_figure(officer).startswith("2 marchés notifiés")  # the demo contracts no longer count
    rows = history_rows(officer)
    assert rows[0][1:3] == ["Marchés", f"decp-2025.json SHA-256 {hashlib.sha256(REAL).hexdigest()[:12]}…"]
    assert rows[0][4:8] == ["claire.martin", "2", "0", "0"]
    link = parse(officer.get("/donnees").text).xpath("//a[starts-with(., \"Annuler l'import\")]/@href")[0]

    confirm = parse(officer.get(link).text)
    assert "supprime les 2 marchés que l'import a créés" in text_of(confirm.xpath("//main")[0])
    undone = officer.post(link)
    assert undone.url.path == "/donnees"
    assert text_of(parse(undone.text).get_element_by_id("fait")).startswith("L'import a été annulé")
    assert history_rows(officer)[0][8].startswith("Annulé le ")
    assert history_rows(officer)[0][8].endswith("par claire.martin")
    assert report_figure(officer) == demo_figure  # back to its previous figures


def test_undo_refused_says_why(officer: TestClient) -> None:
    import_page(officer, REAL)
    import_page(officer, FIXED, "decp-2025-corrige.json")
    links = parse(officer.get("/donnees").text).xpath("//a[starts-with(., \"Annuler l'import\")]/@href")
    first = links[-1]
    confirm = text_of(parse(officer.get(links[0]).text).xpath("//main/p")[0])
    assert confirm.startswith("L'annulation remet le marché qu'il a modifié dans son état d'avant l'import ;")
    refused = officer.post(first)
    assert refused.status_code == 409
    message = text_of(parse(refused.text).get_element_by_id("erreur"))
    assert "ne peut pas être annulé : 1 marché qu'il a créé ou modifié a été modifié depuis" in message
    assert "Annulez d'abord cet import" in message


def test_undo_page_of_an_import_that_changed_nothing(officer: TestClient) -> None:
    import_page(officer, REAL)
    import_page(officer, REAL, "decp-2025-encore.json")  # every contract unchanged
    latest = parse(officer.get("/donnees").text).xpath("//a[starts-with(., \"Annuler l'import\")]/@href")[0]
    confirm = text_of(parse(officer.get(latest).text).xpath("//main/p")[0])
    assert confirm.startswith("L'annulation ne change aucun marché : l'import n'en a créé ni modifié aucun ;")


def test_refused_file_lists_the_bad_contracts(officer: TestClient) -> None:
    bad = decp(contract(CITY, "OK-1"), contract("123", "MAUVAIS-1"), {**contract(CITY, "SANS-DATE"),
                                                                       "dateNotification": None})
    page = import_page(officer, bad, "mauvais.json")
    assert page.status_code == 422
    tree = parse(page.text)
    assert text_of(tree.get_element_by_id("rapport")).startswith("Fichier refusé : 2 erreurs Rien n'a été enregistré.")
    rows = [[text_of(cell) for cell in row.xpath("td")] for row in tree.xpath("//table[caption]//tbody/tr")]
    assert [row[2] for row in rows] == ["SIRET de l'acheteur invalide : « 123 » (14 chiffres attendus)",
                                        "date de notification manquante"]
    assert history_rows(officer) == []


def test_an_excel_workbook_is_refused_with_what_to_do(officer: TestClient) -> None:
    workbook = io.BytesIO()
    sheet = openpyxl.Workbook()
    sheet.active.append(["SIRET acheteur", "Objet", "Montant", "Date de notification"])
    sheet.save(workbook)
    page = import_page(officer, workbook.getvalue(), "registre.csv")  # a workbook renamed, as officers do
    assert page.status_code == 422
    report = text_of(parse(page.text).get_element_by_id("rapport"))
    assert report.startswith("Fichier refusé Ce fichier est un classeur Excel (ou un autre document compressé), pas "
                             "un CSV ni un JSON : ouvrez-le dans Excel ou LibreOffice, choisissez « Enregistrer sous » "
                             "au format CSV (séparateur point-virgule), puis importez le fichier .csv obtenu.")
    assert "PK" not in report


def test_job_page_follows_progress_and_has_a_json_twin(officer: TestClient) -> None:
    start = officer.post("/donnees/import", files={"fichier": ("decp.json", REAL, "application/json")},
                         follow_redirects=False)
    assert start.status_code == 303
    job = start.headers["location"]
    done = finished_import(officer, officer.get(job))
    assert officer.get(f"{job}.json").json() == {"finished": True, "percent": 100, "done": len(REAL),
                                                 "total": len(REAL), "unit": "octets"}
    assert not parse(done.text).xpath("//noscript")  # a finished import stops refreshing itself
    assert officer.get("/donnees/import/inconnu").status_code == 404


def test_missing_file_and_anonymous_visitors(officer: TestClient, browser: TestClient) -> None:
    missing = officer.post("/donnees/import", files={"vide": ("", b"", "application/json")})
    assert missing.status_code == 422
    assert "Choisissez un fichier DECP" in text_of(parse(missing.text).get_element_by_id("erreur"))
    del browser.headers["X-Remote-User"]
    tree = parse(browser.get("/donnees").text)
    assert not tree.xpath("//input[@type='file']") and not tree.xpath("//*[@id='base']")
    refused = browser.post("/donnees/import", files={"fichier": ("a.json", REAL, "application/json")})
    assert refused.status_code == 401


@pytest.mark.usefixtures("sample_data")
def test_buyer_profiles_from_the_page(officer: TestClient) -> None:
    listed = parse(officer.get("/donnees/acheteurs").text)
    assert "Communauté d'agglomération fictive du Val" in text_of(listed.xpath("//main")[0])
    form = parse(officer.get("/donnees/acheteurs/nouveau").text)
    assert unlabelled_fields(form) == []
    refused = officer.post("/donnees/acheteurs/nouveau", data={
        "siret": "21000000000000", "name": "", "defaults": "montant_heure = 5000\nnimporte quoi"})
    assert refused.status_code == 422
    tree = parse(refused.text)
    assert field_error(tree, "defaults") == "Erreur : ligne 2 : « nom = valeur » attendu"
    created = officer.post("/donnees/acheteurs/nouveau", data={
        "siret": CITY, "name": "Commune de Réel", "kind": "commune", "parent_siret": "29999900300013",
        "annual_volume_eur": "12 500 000", "defaults": "montant_heure = 70"})
    assert created.url.path == f"/donnees/acheteurs/{CITY}"
    tree = parse(created.text)
    assert text_of(tree.get_element_by_id("fait")) == "Profil enregistré."
    assert tree.get_element_by_id("annual_volume_eur").get("value") == "12500000"
    bad_value = officer.post(f"/donnees/acheteurs/{CITY}", data={"version": "1", "name": "Commune de Réel",
                                                                 "defaults": "montant_heure = 5000"})
    assert bad_value.status_code == 422
    assert field_error(parse(bad_value.text), "defaults").startswith(
        "Erreur : montant_heure : valeur supérieure au maximum (200)")
    saved = officer.post(f"/donnees/acheteurs/{CITY}", data={"version": "1", "name": "Ville de Réel"})
    assert saved.status_code == 200
    stale = officer.post(f"/donnees/acheteurs/{CITY}", data={"version": "1", "name": "Autre nom"})
    assert stale.status_code == 412
    assert "modifié entre-temps" in text_of(parse(stale.text).xpath("//div[@role='alert']")[0])


@pytest.mark.usefixtures("sample_data")
def test_profile_fills_the_variables_and_the_document(officer: TestClient) -> None:
    agglo = "29999900300013"
    page = parse(officer.post("/variables", data={**TENDER, "clause": [INSERTION], "acheteur_siret": agglo,
                                                  "action": "profil"}).text)
    facilitator = page.get_element_by_id("insertion-heures-execution--facilitateur")
    assert (facilitator.text or facilitator.get("value") or "").startswith("la Maison de l'emploi fictive du Val")
    assert page.get_element_by_id("acheteur").get("value") == "Communauté d'agglomération fictive du Val"
    document = officer.post("/document", data={**TENDER, "clause": [INSERTION], "acheteur_siret": agglo})
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(document.content)).paragraphs)
    cells = [c.text for t in docx.Document(io.BytesIO(document.content)).tables for r in t.rows for c in r.cells]
    assert "Communauté d'agglomération fictive du Val" in cells
    assert "la Maison de l'emploi fictive du Val (facilitateur des clauses sociales)" in text  # the profile's default


def test_single_user_install_names_the_local_officer(settings: Settings) -> None:
    local = settings.model_copy(update={"TRUSTED_USER_HEADER": "", "LOCAL_OFFICER": "marie.dupont"})
    with TestClient(create_app(local), client=("127.0.0.1", 50000)) as here:
        assert "Connecté : marie.dupont" in text_of(parse(here.get("/donnees").text).xpath("//header")[0])
        done = import_page(here, REAL)
        assert done.status_code == 200
        assert history_rows(here)[0][4] == "marie.dupont"
    with TestClient(create_app(local), client=("10.1.2.3", 50000)) as remote:
        assert "Connecté" not in remote.get("/donnees").text
        assert remote.post("/donnees/import", files={"fichier": ("a.json", REAL)}).status_code == 401
