"""Journey 3: search suppliers, read one (expired labels marked), import a file and follow it to its report."""

from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select
from stdnum import luhn

from app.audit.models import AuditEvent
from tests.web.page_checks import field_error, finished_import, parse, text_of

HEADER = "siret;nom;type;code_postal;commune;activites_cpv;zone_intervention;labels"


def siret(n: int) -> str:
    """A valid fictional SIRET (prefix 97: neither the sample registry's nor the supplier tests')."""
    base = f"97{n:06d}"
    siren = base + luhn.calc_check_digit(base)
    return siren + "0001" + luhn.calc_check_digit(siren + "0001")


def upload(client: TestClient, content: str, *, dry_run: bool = False, name: str = "registre.csv") -> str:
    data = {"verifier": "1"} if dry_run else {}
    response = client.post("/fournisseurs/import", files={"fichier": (name, content.encode(), "text/csv")}, data=data)
    return str(finished_import(client, response).text)


def test_import_then_find_the_supplier(officer: TestClient) -> None:
    expired = (date.today() - timedelta(days=10)).isoformat()
    content = "\n".join([
        HEADER,
        f"{siret(1)};Régie de quartier des Tilleuls;SIAE-ACI;77000;Melun;9091;77;Écolabel européen:2099-12-31",
        f"{siret(2)};Atelier Couture Solidaire;EA;77170;Brie-Comte-Robert;1811;77|91;GOTS:{expired}",
    ])
    page = parse(upload(officer, content))
    report = text_of(page.get_element_by_id("rapport"))
    assert report.startswith("Import réussi") and "2 lignes lues — 2 créés, 0 mis à jour, 0 inchangé" in report
    found = parse(officer.get("/fournisseurs", params={"q": "regie tilleul"}).text)
    assert [text_of(a) for a in found.xpath("//main//table//a")] == ["Régie de quartier des Tilleuls"]
    filtered = parse(officer.get("/fournisseurs", params={"type": "EA", "departement": "77"}).text)
    assert [text_of(a) for a in filtered.xpath("//main//table//a")] == ["Atelier Couture Solidaire"]
    labelled = parse(officer.get("/fournisseurs", params={"label": "environnement"}).text)
    assert [text_of(a) for a in labelled.xpath("//main//table//a")] == ["Régie de quartier des Tilleuls"]


def test_expired_label_is_marked_in_words_not_only_colour(officer: TestClient) -> None:
    expired = date.today() - timedelta(days=10)
    upload(officer, f"{HEADER}\n{siret(3)};Atelier Couture Solidaire;EA;77170;Brie;1811;77;"
                    f"GOTS:{expired.isoformat()}|Écolabel européen:2099-12-31")
    rows = parse(officer.get(f"/fournisseurs/{siret(3)}").text).xpath("//main//table[1]/tbody/tr")
    cells = {text_of(row.xpath("td")[0]): (row.get("class"), text_of(row.xpath("td")[2]), text_of(row.xpath("td")[3]))
             for row in rows}
    assert cells["GOTS"] == ("expire", "✗ Expiré", f"expiré le {expired:%d/%m/%Y}")
    assert cells["Écolabel européen"] == (None, "✓ Valide", "jusqu’au 31/12/2099")


def test_bad_file_shows_each_row_error_and_writes_nothing(officer: TestClient) -> None:
    content = "\n".join([
        HEADER,
        f"{siret(4)};Structure correcte;ESAT;77000;Melun;9091;77;",
        "12345678901234;Mauvais SIRET;ESAT;77000;Melun;9091;77;",
        f"{siret(5)};Type inconnu;licorne;77000;Melun;9091;77;",
    ])
    response = finished_import(officer, officer.post(
        "/fournisseurs/import", files={"fichier": ("mauvais.csv", content.encode(), "text/csv")}))
    assert response.status_code == 422
    page = parse(response.text)
    assert text_of(page.get_element_by_id("rapport")).startswith("Fichier refusé : 2 erreurs Rien n'a été enregistré.")
    rows = [[text_of(cell) for cell in row.xpath("td")] for row in page.xpath("//table[caption]//tbody/tr")][:2]
    assert [row[:2] for row in rows] == [["3", "siret"], ["4", "type"]]
    assert "SIRET invalide" in rows[0][2]
    assert officer.get(f"/fournisseurs/{siret(4)}").status_code == 404


def test_dry_run_checks_without_writing(officer: TestClient) -> None:
    page = parse(upload(officer, f"{HEADER}\n{siret(6)};Essai à blanc;ESAT;77000;Melun;9091;77;", dry_run=True))
    assert text_of(page.get_element_by_id("rapport")).startswith("Vérification réussie : rien n'a été enregistré")
    assert officer.get(f"/fournisseurs/{siret(6)}").status_code == 404


def test_missing_file_is_an_error_next_to_the_field(officer: TestClient) -> None:
    response = officer.post("/fournisseurs/import", data={"verifier": "1"}, files={"vide": ("", b"", "text/csv")})
    assert response.status_code == 422
    message = "Erreur : Choisissez un fichier CSV ou Excel (.xlsx) à importer."
    assert field_error(parse(response.text), "fichier") == message


def test_import_is_attributed_to_the_officer(officer: TestClient) -> None:
    upload(officer, f"{HEADER}\n{siret(7)};Traçable;ESAT;77000;Melun;9091;77;", name="trace.csv")
    with Session(officer.app.state.engine) as session:  # type: ignore[attr-defined]
        event = session.exec(select(AuditEvent).where(AuditEvent.resource == "supplier")).one()
    assert (event.actor, event.action, event.resource_id, event.path) == (
        "claire.martin", "import", "trace.csv", "/fournisseurs/import"
    )
    history = text_of(parse(officer.get(f"/fournisseurs/{siret(7)}").text).xpath("//main")[0])
    assert "import:trace.csv (claire.martin)" in history


def test_import_needs_an_identified_officer(browser: TestClient) -> None:
    form = parse(browser.get("/fournisseurs/import").text)
    assert not form.xpath("//input[@type='file']")
    assert "réservé aux agents identifiés par l'intranet" in text_of(form.xpath("//main")[0])
    refused = browser.post("/fournisseurs/import", files={"fichier": ("a.csv", HEADER.encode(), "text/csv")})
    assert refused.status_code == 401
    assert "Accès réservé aux agents identifiés par l'intranet" in text_of(parse(refused.text))


def test_import_from_another_site_is_refused(officer: TestClient) -> None:
    response = officer.post(
        "/fournisseurs/import", files={"fichier": ("a.csv", HEADER.encode(), "text/csv")},
        headers={"Sec-Fetch-Site": "cross-site"},
    )
    assert response.status_code == 403
    assert "ne provient pas des pages de Clausier" in text_of(parse(response.text))


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [({"cpv": "abc"}, "cpv", "CPV"), ({"label": "Label imaginaire"}, "label", "Label inconnu")],
)
def test_bad_filter_is_shown_next_to_its_field(browser: TestClient, params: dict[str, str], field: str,
                                              message: str) -> None:
    response = browser.get("/fournisseurs", params=params)
    assert response.status_code == 422
    assert message in field_error(parse(response.text), field)
