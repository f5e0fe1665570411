"""The follow-up pages: add clauses to an imported contract, open, record a statement and a certificate."""

import html
import re
from datetime import date
from decimal import Decimal

from fastapi.testclient import TestClient
from sqlmodel import Session

from app.followup import hours, service
from tests.followup.support import awarded_contract

PDF = b"%PDF-1.4\n%%EOF\n"


def late_count(client: TestClient, on: str) -> int:
    page = client.get("/suivi", params={"date": on})
    assert page.status_code == 200
    found = re.search(r"(\d+) engagements? en retard au", page.text)
    assert found, page.text
    return int(found.group(1))


def test_an_imported_contract_followed_from_its_page(officer: TestClient) -> None:
    with Session(officer.app.state.engine) as session:  # type: ignore[attr-defined]
        purchase_id = awarded_contract(session, clauses=())
    page = officer.get(f"/suivi/marches/{purchase_id}")
    assert "Ajouter les clauses du marché" in page.text and "Le suivi de ce marché n'est pas ouvert." in page.text
    added = officer.post(f"/suivi/marches/{purchase_id}/clauses",
                         data={"clause": "insertion-heures-execution", "valeurs": "heures = 120\n"})
    assert added.status_code == 200 and "Clause ajoutée au marché" in added.text
    wrong = officer.post(f"/suivi/marches/{purchase_id}/clauses",
                         data={"clause": "insertion-heures-execution", "valeurs": "heures = beaucoup"})
    assert wrong.status_code == 422
    assert "« Nombre minimal d'heures d'insertion » : « beaucoup » n'est pas un nombre" in html.unescape(wrong.text)
    opened = officer.post(f"/suivi/marches/{purchase_id}/ouvrir", data={"date": "2025-04-15"})
    assert "Suivi ouvert" in opened.text and "120 h" in opened.text
    assert late_count(officer, "2025-04-15") == 4
    statement = officer.post(f"/suivi/marches/{purchase_id}/heures", data={
        "date": "2025-04-15", "mois": "2025-01", "categorie": "jeune", "modalite": "embauche", "heures": "35,5",
        "recu_le": "2025-02-05",
    })
    assert "Relevé des heures enregistré." in statement.text
    assert re.search(r'id="heures-realisees">35,5 h', statement.text)
    assert "<td>janvier 2025</td>" in statement.text and "<td>2025-01</td>" not in statement.text  # month in French
    assert late_count(officer, "2025-04-15") == 3
    plan = re.search(r'action="/suivi/engagements/(\d+)/justificatif"', statement.text)
    assert plan
    certificate = officer.post(f"/suivi/engagements/{plan.group(1)}/justificatif",
                               data={"date": "2025-04-15", "description": "Plan d'action", "recu_le": "2025-01-10"},
                               files={"fichier": ("plan.pdf", PDF, "application/pdf")})
    assert "Justificatif enregistré." in certificate.text and "plan.pdf" in certificate.text
    assert late_count(officer, "2025-04-15") == 2
    next_year = date.today().replace(day=1, month=1).replace(year=date.today().year + 1).isoformat()
    slip = officer.post(f"/suivi/engagements/{plan.group(1)}/justificatif",
                        data={"date": "2025-04-15", "description": "Plan d'action", "recu_le": next_year},
                        files={"fichier": ("plan.pdf", PDF, "application/pdf")})
    assert slip.status_code == 422 and "est à venir" in html.unescape(slip.text)
    assert "indiquez la date à laquelle le document a été reçu" in html.unescape(slip.text)
    # the refused form is open again with what was typed; the file, which a page cannot choose again, is asked anew
    assert "Le fichier choisi n'a pas été enregistré : joignez-le de nouveau." in html.unescape(slip.text)
    still_owed = re.search(r'action="/suivi/engagements/(\d+)/justificatif"', certificate.text)
    assert still_owed
    slip = officer.post(f"/suivi/engagements/{still_owed.group(1)}/justificatif",
                        data={"date": "2025-04-15", "description": "Attestation", "recu_le": next_year},
                        files={"fichier": ("attestation.pdf", PDF, "application/pdf")})
    refused_form = slip.text[slip.text.index(f'action="/suivi/engagements/{still_owed.group(1)}/justificatif"') - 300:]
    assert slip.status_code == 422 and re.search(r"<details open>\s*<summary>Enregistrer un justificatif", refused_form)
    assert f'value="{next_year}"' in refused_form and 'value="Attestation"' in refused_form
    assert slip.text.count("<details open>\n        <summary>Enregistrer un justificatif") == 1  # that form alone
    ahead = officer.get(f"/suivi/marches/{purchase_id}", params={"date": "2099-06-30"}).text
    assert f'name="recu_le" type="date" value="{date.today().isoformat()}"' in ahead  # not the day shown
    broken = officer.post(f"/suivi/marches/{purchase_id}/heures", data={"date": "2025-04-15"},
                          files={"fichier": ("releve.csv", b"Mois;Categorie;Modalite;Heures\n2025-02;x;embauche;3\n",
                                             "text/csv")})
    assert broken.status_code == 422 and "ligne 2 (Categorie) : catégorie inconnue « x »" in html.unescape(broken.text)


def test_an_anonymous_reader_cannot_write(client: TestClient) -> None:
    with Session(client.app.state.engine) as session:  # type: ignore[attr-defined]
        purchase_id = awarded_contract(session)
    client.headers.pop("Authorization", None)
    assert "Ajouter les clauses du marché" not in client.get(f"/suivi/marches/{purchase_id}").text
    assert client.post(f"/suivi/marches/{purchase_id}/ouvrir", data={}).status_code == 401


def test_a_contract_is_found_by_its_reference_or_the_words_of_its_object(officer: TestClient) -> None:
    with Session(officer.app.state.engine) as session:  # type: ignore[attr-defined]
        first = awarded_contract(session, ref="2025-001", clauses=())
        second = awarded_contract(session, ref="2025-002", clauses=())
    by_reference = officer.get("/suivi", params={"q": "2025-002"}, follow_redirects=False)
    assert by_reference.status_code == 303 and by_reference.headers["location"] == f"/suivi/marches/{second}"
    by_words = officer.get("/suivi", params={"q": "nettoyage des bâtiments"})
    assert by_words.status_code == 200 and "2 marchés pour « nettoyage des bâtiments »" in by_words.text
    assert f'href="/suivi/marches/{first}"' in by_words.text and f'href="/suivi/marches/{second}"' in by_words.text
    unknown = officer.get("/suivi", params={"q": "déneigement"})
    assert "Aucun marché du registre ne correspond à « déneigement »" in html.unescape(unknown.text)


def test_a_formal_notice_recorded_on_the_page_shows_the_late_statement_penalty(officer: TestClient) -> None:
    with Session(officer.app.state.engine) as session:  # type: ignore[attr-defined]
        purchase_id = awarded_contract(session, notified=date(2025, 1, 1))
    officer.post(f"/suivi/marches/{purchase_id}/ouvrir", data={})
    page = officer.get(f"/suivi/marches/{purchase_id}", params={"date": "2025-04-30"})
    assert 'id="retard-etats">aucun retard pénalisable' in html.unescape(page.text)
    # the March statement (period 01/03/2025 – 31/03/2025) is due 10 April: its row offers the notice
    march = re.search(r'<tr id="engagement-(\d+)">\s*<td>10/04/2025<br><span class="meta">période du 01/03/2025',
                      page.text)
    assert march and f'action="/suivi/engagements/{march.group(1)}/mise-en-demeure"' in page.text
    before = officer.post(f"/suivi/engagements/{march.group(1)}/mise-en-demeure",
                          data={"date": "2025-04-30", "envoyee_le": "2025-04-02"})
    assert before.status_code == 422
    assert "doit suivre l'échéance du justificatif (10/04/2025)" in html.unescape(before.text)
    assert re.search(r"<details open>\s*<summary>Enregistrer une mise en demeure", before.text)
    assert 'value="2025-04-02"' in before.text and "joignez-le" not in before.text
    sent = officer.post(f"/suivi/engagements/{march.group(1)}/mise-en-demeure",
                        data={"date": "2025-04-30", "envoyee_le": "2025-04-14"})
    text = html.unescape(sent.text)
    assert "Mise en demeure enregistrée." in text and "Mise en demeure envoyée le 14/04/2025" in text
    assert 'id="retard-etats">20 jours de retard, 1 000 € HT' in text.replace("\u202f", " ").replace("\u00a0", " ")
    removed = officer.post(f"/suivi/engagements/{march.group(1)}/mise-en-demeure",
                           data={"date": "2025-04-30", "envoyee_le": "2025-04-14", "retirer": "oui"})
    assert "Mise en demeure envoyée le" not in html.unescape(removed.text)


def test_the_report_page_charts_the_insertion_hours_once_a_contract_is_followed(officer: TestClient) -> None:
    with Session(officer.app.state.engine) as session:  # type: ignore[attr-defined]
        purchase_id = awarded_contract(session)

    def charts() -> dict[str, str]:
        page = officer.get("/rapport", params={"annee": 2025})
        assert page.status_code == 200
        return dict(re.findall(r'<img src="([^"]+)" alt="([^"]+)"', html.unescape(page.text)))

    before = charts()
    assert before and not any("graphique-execution" in src for src in before)  # nothing followed yet
    with Session(officer.app.state.engine) as session:  # type: ignore[attr-defined]
        service.open_followup(session=session, purchase_id=purchase_id, actor="agent")
        hours.record_statement(session=session, purchase_id=purchase_id, source="saisie", actor="agent",
                               received_on=date(2025, 2, 5),
                               lines=[hours.Line(date(2025, 1, 1), "deld", "embauche", Decimal("42.5"))])
        session.commit()
    after = charts()
    assert after["/rapport/graphique-execution.svg?annee=2025"] == (
        "Heures d'insertion engagées et réalisées dans l'année, par acheteur suivi (2025). Les chiffres figurent dans "
        "les tableaux de la page.")
    chart = officer.get("/rapport/graphique-execution.svg", params={"annee": 2025})
    assert chart.headers["content-type"] == "image/svg+xml"
    svg = html.unescape(chart.text)
    assert "Heures d'insertion 2025 : engagées et réalisées, par acheteur" in svg
    assert "heures engagées" in svg and "heures réalisées" in svg and "Commune de Test" in svg
    assert "0\u00a0h" in svg  # the hours axis in French


def test_the_contract_page_reads_its_clauses_and_buyer_in_french(officer: TestClient) -> None:
    """The contract's clauses are listed with their values' labels and units (« heures = 120 », « taux_heures = 7 »
    and the clause ids were shown), and the buyer by its profile's name when the contract record has none (its
    SIRET was shown)."""
    from app.buyers.models import BuyerCreate
    from app.buyers.service import create_buyer
    from app.purchases.models import ClauseRef, PurchaseIn
    from app.purchases.service import record_purchase
    from tests.conftest import builtin_version
    from tests.followup.support import BUYER

    chosen = {"insertion-heures-execution": {"heures": 120},
              "insertion-heures-services-recurrents": {"taux_heures": "7", "facilitateur": "la Maison de l'emploi"}}
    with Session(officer.app.state.engine) as session:  # type: ignore[attr-defined]
        create_buyer(session=session, data=BuyerCreate(siret=BUYER, name="Commune de Valbourg"))
        purchase = record_purchase(session=session, actor="tests", data=PurchaseIn(
            buyer_siret=BUYER, buyer_ref="2025-EV-01-lot3", object="Désherbage manuel", cpv="77312000",
            nature="Marché", amount_eur=120_000, notified_on=date(2025, 3, 1), duration_months=48,
            clauses=[ClauseRef(id=clause, version=builtin_version(clause), variables=values)
                     for clause, values in chosen.items()]))
    page = html.unescape(officer.get(f"/suivi/marches/{purchase.id}").text)
    assert "<dd>Commune de Valbourg</dd>" in page
    assert "Nombre minimal d'heures d'insertion : 120 heures" in page
    assert "Part minimale des heures réalisées par des personnes en insertion : 7 %" in page
    assert "Facilitateur (structure et coordonnées) : la Maison de l'emploi" in page
    for raw in (" = ", "taux_heures", "insertion-heures-execution,", "(insertion-heures-services-recurrents"):
        assert raw not in page.split("Clauses du marché", 1)[1].split("Ajouter les clauses du marché", 1)[0], raw


def test_a_statement_entered_on_the_page_names_its_fields_once(officer: TestClient) -> None:
    """A refused entry of the page names its fields, once, without the line numbers of a file (it read « dont
    ligne 1 (Mois) : … . ligne 1 (Mois) : … »)."""
    with Session(officer.app.state.engine) as session:  # type: ignore[attr-defined]
        purchase_id = awarded_contract(session)
        service.open_followup(session=session, purchase_id=purchase_id, actor="tests")
    refused = officer.post(f"/suivi/marches/{purchase_id}/heures", data={
        "date": "2025-04-15", "mois": "2025-13", "categorie": "deld", "modalite": "embauche", "heures": ""})
    assert refused.status_code == 422
    text = html.unescape(refused.text)
    assert "Relevé refusé, rien n'a été enregistré : Mois : mois invalide « 2025-13 »" in text
    assert "Heures : " in text and "ligne 1" not in text and text.count("mois invalide « 2025-13 »") == 1
    assert 'name="mois" type="text" value="2025-13"' in refused.text  # typed entries kept, to correct
    assert re.search(r'<option value="embauche"\s+selected', refused.text)


def test_lines_entered_one_by_one_on_the_page_add_up_in_their_month(officer: TestClient) -> None:
    """The page's form takes one public and one modality at a time: a second line of the same month adds to the
    first (it replaced the whole month, the first line was lost); the same line again corrects it."""
    with Session(officer.app.state.engine) as session:  # type: ignore[attr-defined]
        purchase_id = awarded_contract(session)
        service.open_followup(session=session, purchase_id=purchase_id, actor="tests")
    entry = {"date": "2025-04-15", "mois": "2025-01", "recu_le": "2025-02-05"}
    for category, modality, worked in (("jeune", "embauche", "35,5"), ("deld", "mise-a-disposition", "20"),
                                       ("jeune", "embauche", "40")):
        done = officer.post(f"/suivi/marches/{purchase_id}/heures",
                            data=entry | {"categorie": category, "modalite": modality, "heures": worked})
        assert "Relevé des heures enregistré." in done.text, done.text
    assert re.search(r'id="heures-realisees">60 h', done.text)
    with Session(officer.app.state.engine) as session:  # type: ignore[attr-defined]
        assert hours.insertion_summary(session=session, purchase_id=purchase_id).achieved == Decimal(60)
