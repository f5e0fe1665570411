"""Journey 1, step 2: obligations, clauses by theme with score, kind, document and reasons, the best ticked."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.matching.schemas import MatchRequest
from app.matching.service import match_tender
from app.web.forms import TenderForm
from tests.documents.docx_checks import object_paragraphs, open_docx
from tests.web.page_checks import parse, text_of

CLEANING = {"texte": "Nettoyage des locaux de la mairie et des écoles", "cpv": "90911200-8", "montant": "250 000",
            "nature": "services", "date_lancement": "15/09/2026", "lieu": "Melun"}


def proposals(client: TestClient, **changes: str | list[str]) -> tuple[int, Any]:
    response = client.post("/propositions", data={**CLEANING, **changes})
    return response.status_code, parse(response.text)


def ticked(tree: Any) -> list[str]:
    return [value.split(":")[0] for value in tree.xpath("//input[@name='clause'][@checked]/@value")]


def test_clauses_are_grouped_by_theme_with_their_facts(browser: TestClient) -> None:
    status, tree = proposals(browser)
    assert status == 200
    sections = tree.xpath("//form[@data-selection]/section")
    assert text_of(sections[0].xpath("h2")[0]) == "Insertion professionnelle"  # the best proposal's theme
    first = sections[0].xpath(".//li[@class='proposition']")[0]
    title = "Insertion dans les marchés de services récurrents : part des heures travaillées"
    assert text_of(first.xpath("label")[0]) == title
    facts = text_of(first.xpath(".//p[@class='meta']")[0])
    assert facts.startswith("Condition d'exécution à insérer dans le CCAP · pertinence 100 %")
    reasons = [text_of(li) for li in first.xpath(".//ul[@class='raisons']/li")]
    assert "code CPV 90911200 : nettoyage de locaux" in reasons
    label_for = {label.get("for") for label in tree.xpath("//label[@for]")}
    assert all(box.get("id") in label_for for box in tree.xpath("//input[@name='clause']"))


def test_obligations_banner_depends_on_the_launch_date(browser: TestClient) -> None:
    _, after = proposals(browser)
    banner = [text_of(s) for s in after.xpath("//ul[@class='obligations']//summary")]
    assert "Prise en compte de l'environnement : condition d'exécution et critère d'attribution" in banner
    assert "Considération sociale ou relative à l'emploi dans les conditions d'exécution" in banner
    # What remains to check is shown apart from the rule, never inside its explanation.
    checks = [text_of(p) for p in after.xpath("//ul[@class='obligations']//p[@class='a-verifier']")]
    assert len(checks) == 1 and checks[0].startswith("À vérifier : Le texte de l'article L2112-2-1")
    _, before = proposals(browser, date_lancement="01/03/2026")
    earlier = [text_of(s) for s in before.xpath("//ul[@class='obligations']//summary")]
    assert not any(title.startswith("Prise en compte de l'environnement") for title in earlier)


def test_exactly_the_recommended_clauses_are_ticked(browser: TestClient) -> None:
    _, tree = proposals(browser)
    chosen = ticked(tree)
    tender = TenderForm(**{key: value for key, value in CLEANING.items() if key != "lieu"}).parse()
    assert tender is not None
    state = browser.app.state  # type: ignore[attr-defined]
    with Session(state.engine) as session:
        response = match_tender(session=session, settings=state.settings, request=MatchRequest(
            text=tender.text, cpv=[tender.cpv or ""], amount_eur=float(tender.amount_eur or 0), nature=tender.nature,
            date=tender.launch_date, limit=12))
    assert set(chosen) == {m.clause_id for m in response.matches if m.recommended}
    assert "insertion-heures-services-recurrents" in chosen and "ecolabels-produits-entretien-specification" in chosen
    assert "insertion-heures-execution" not in chosen  # one insertion clause: the one for recurrent services
    # From 21 August 2026 an environmental award criterion is needed: one is ticked.
    assert "environnement-general-critere-attribution" in chosen
    counter = text_of(tree.xpath("//*[@data-compteur]")[0])
    assert counter == f"{len(chosen)} clauses cochées"
    notes = [text_of(p) for p in tree.xpath("//p[@class='recommandation']")]
    assert "Recommandée : clause essentielle d'un marché de nettoyage de locaux." in notes
    # A clause ticked for an obligation read « Recommandée : obligation : Prise en compte de l'environnement : … ».
    assert ("Recommandée : répond à l'obligation « Prise en compte de l'environnement : condition d'exécution et "
            "critère d'attribution »." in notes)
    assert not any(note.startswith("Recommandée : obligation :") for note in notes)


def test_tender_travels_in_hidden_fields(browser: TestClient) -> None:
    _, tree = proposals(browser)
    form = tree.xpath("//form[@data-selection]")[0]
    hidden = {field.get("name"): field.get("value") for field in form.xpath("input[@type='hidden']")}
    assert hidden == CLEANING


def test_back_from_the_variables_keeps_the_choice_and_the_values(browser: TestClient) -> None:
    _, tree = proposals(browser, clause=["conditions-de-travail-vigilance:1"],
                        **{"v.conditions-de-travail-vigilance.delai": "30", "reference": "2026-017"})
    assert ticked(tree) == ["conditions-de-travail-vigilance"]
    fields = tree.xpath("//form[@data-selection]/input[@type='hidden']")
    hidden = {field.get("name"): field.get("value") for field in fields}
    assert hidden["v.conditions-de-travail-vigilance.delai"] == "30" and hidden["reference"] == "2026-017"


@pytest.mark.usefixtures("sample_data")
def test_suppliers_and_instrument_advice_are_suggested(browser: TestClient) -> None:
    _, tree = proposals(browser)
    section = tree.get_element_by_id("fournisseurs").getparent()
    assert text_of(section.xpath(".//h3")[0]).startswith("Conseil : ")
    names = [text_of(a) for a in section.xpath(".//li[@class='carte']//a")]
    assert names and all(href.startswith("/fournisseurs/") for href in section.xpath(".//li[@class='carte']//a/@href"))


@pytest.mark.usefixtures("sample_data")
def test_suppliers_use_the_cpv_the_page_says_it_deduced(browser: TestClient) -> None:
    """A works summary without a CPV showed « CPV déduit du texte : 45000000 » above suppliers advice saying « Aucun
    secteur reconnu dans le texte : indiquez un code CPV », and « ne connaît aucune structure … dans le registre »
    after « Le registre de Clausier »."""
    _, tree = proposals(browser, texte="Construction d'une crèche de 40 berceaux, 6 lots, estimation 2 M€ HT",
                        cpv="", montant="", nature="", lieu="")
    main = " ".join(text_of(tree.xpath("//main")[0]).split())
    assert "CPV déduit du texte : 45" in main
    assert "Aucun secteur reconnu" not in main
    assert "dans le registre, ce qui" not in main


def test_unknown_words_give_a_helpful_empty_result(browser: TestClient) -> None:
    status, tree = proposals(browser, texte="zzz qqq", cpv="", montant="", date_lancement="01/03/2026")
    assert status == 200
    assert "Aucun thème particulier n'a été reconnu" in text_of(tree.xpath("//main")[0])
    assert [text_of(h) for h in tree.xpath("//form[@data-selection]/section/h2")] == ["Environnement (clause générale)"]


def test_proposals_address_without_a_tender_goes_home(browser: TestClient) -> None:
    response = browser.get("/propositions", follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/")


GYMNASIUM = {"texte": "Construction d'un gymnase : lot 1 gros œuvre, lot 2 charpente, lot 3 électricité. "
             "Estimation 1,2 M€ HT.", "cpv": "", "montant": "", "nature": "", "date_lancement": "15/09/2026",
             "lieu": ""}


def test_what_was_read_is_shown_and_the_amount_can_be_corrected_without_javascript(browser: TestClient) -> None:
    status, tree = proposals(browser, **GYMNASIUM)
    assert status == 200
    region = tree.get_element_by_id("compris").getparent()
    lines = [text_of(li) for li in region.xpath("./ul/li")]
    assert "Objet reconnu : travaux de bâtiment ; menuiserie et charpente" in lines
    assert "Montant lu dans le texte : 1 200 000 € HT (« 1,2 M€ HT »)" in [line.replace("\u00a0", " ")
                                                                          for line in lines]
    assert [text_of(li) for li in region.xpath(".//ul[@class='lots']/li")] == [
        "Lot 1 : gros œuvre", "Lot 2 : charpente", "Lot 3 : électricité"]
    form = region.xpath(".//form")[0]
    assert (form.get("action"), form.get("method")) == ("/propositions", "post")
    hidden = {field.get("name"): field.get("value") for field in form.xpath("input[@type='hidden']")}
    assert hidden == {key: value for key, value in GYMNASIUM.items() if key != "montant"}
    assert form.xpath(".//input[@name='montant']/@value")[0].replace("\u00a0", " ") == "1 200 000"
    # The officer corrects it: the amount typed is the one used, and the page no longer says it was read.
    _, corrected = proposals(browser, **{**GYMNASIUM, "montant": "900 000"})
    region = corrected.get_element_by_id("compris").getparent()
    assert not any("Montant lu" in text_of(li) for li in region.xpath("./ul/li"))
    assert not region.xpath(".//form")


def test_insertion_hours_calculator_recomputes_and_fills_the_clause(browser: TestClient) -> None:
    _, tree = proposals(browser, **GYMNASIUM)
    section = tree.get_element_by_id("heures-insertion").getparent()
    assert "= 1 000 heures" in text_of(section).replace("\u00a0", " ")
    fields = {field.get("name"): field.get("value").replace("\u00a0", " ") for field in section.xpath(".//input")}
    assert fields == {"insertion.clause": "insertion-heures-execution", "insertion.variable": "heures",
                      "insertion.montant": "1 200 000", "insertion.part": "50", "insertion.taux": "5",
                      "insertion.cout": "30"}
    assert "mefsud77" in text_of(section)  # each factor says where it comes from
    assert section.xpath(".//button[@formaction='/propositions']")
    # Recalculate with a rate of 10 %: the ticked clauses stay as they were.
    chosen = ticked(tree)
    _, again = proposals(browser, **GYMNASIUM, clause=[f"{clause}:1" for clause in chosen],
                         **{**fields, "insertion.taux": "10"})
    assert ticked(again) == chosen
    assert "= 2 000 heures" in text_of(again.get_element_by_id("heures-insertion").getparent()).replace("\u00a0", " ")
    # A wrong factor is said next to its field.
    _, wrong = proposals(browser, **GYMNASIUM, **{**fields, "insertion.cout": "zéro"})
    assert "Coût horaire chargé :" in text_of(wrong.get_element_by_id("heures-insertion").getparent())
    # The variables page opens with the hours computed; later posts keep what the officer typed.
    page = parse(browser.post("/variables", data={**GYMNASIUM, "clause": ["insertion-heures-execution"],
                                                  **{**fields, "insertion.taux": "10"}}).text)
    assert page.get_element_by_id("insertion-heures-execution--heures").get("value") == "2000"
    assert page.get_element_by_id("insertion-heures-execution--delai_plan").get("value") == "15"
    kept = parse(browser.post("/variables", data={**GYMNASIUM, "clause": ["insertion-heures-execution"], **fields,
                                                  "v.insertion-heures-execution.heures": "700"}).text)
    assert kept.get_element_by_id("insertion-heures-execution--heures").get("value") == "700"


def test_lots_become_a_list_in_the_object_of_the_document(browser: TestClient) -> None:
    response = browser.post("/document", data={**GYMNASIUM, "clause": ["insertion-heures-execution"]})
    assert response.status_code == 200
    assert object_paragraphs(open_docx(response.content)) == [
        ("Normal", "Construction d'un gymnase :"),
        ("List Bullet", "Lot 1 : gros œuvre"),
        ("List Bullet", "Lot 2 : charpente"),
        ("List Bullet", "Lot 3 : électricité"),
        ("Normal", "Estimation 1,2 M€ HT."),
    ]


def test_the_chosen_buyer_profile_brings_the_spaser_and_is_carried(browser: TestClient, sample_data: None) -> None:
    agglo = "29999900300013"  # demo profile, 62 M€ of purchases a year
    _, before = proposals(browser)
    assert not before.xpath("//ul[@class='obligations']//summary[contains(., 'SPASER')]")
    options = before.xpath("//form[contains(@class, 'choisir-acheteur')]//select[@name='acheteur_siret']/option")
    assert [text_of(o) for o in options][:2] == ["Aucun profil choisi", "Communauté d'agglomération fictive du Val"]
    status, after = proposals(browser, acheteur_siret=agglo)
    assert status == 200
    spaser = after.xpath("//ul[@class='obligations']/li[.//summary[contains(., 'SPASER')]]//p")[0]
    assert "selon le volume annuel d'achats du profil de l'acheteur" in text_of(spaser)
    read = [text_of(li) for li in after.xpath("//div[@class='compris']/ul/li")]
    assert "Achats annuels de l'acheteur : 62 000 000 € HT (volume annuel d'achats du profil de l'acheteur)" in [
        line.replace("\u202f", " ").replace("\u00a0", " ") for line in read]
    assert after.xpath("//form[contains(@class, 'choisir-acheteur')]//option[@selected]/@value") == [agglo]
    # The choice goes on to the variables page (and to a tender file) with the other choices.
    assert after.xpath("//form[@data-selection]/input[@name='acheteur_siret']/@value") == [agglo]
    variables = parse(browser.post("/variables", data={**CLEANING, "acheteur_siret": agglo,
                                                       "clause": "insertion-heures-services-recurrents"}).text)
    assert variables.xpath("//select[@name='acheteur_siret']/option[@selected]/@value") == [agglo]
    # A small commune's volume does not bring it; no profile chosen is as before.
    _, small = proposals(browser, acheteur_siret="26388534596688")
    assert not small.xpath("//ul[@class='obligations']//summary[contains(., 'SPASER')]")


def test_the_duration_and_lot_count_read_are_shown(browser: TestClient) -> None:
    """The duration read (renewals included) drives the insertion hours: the officer sees it, like the lots."""
    _, tree = proposals(browser, **{**GYMNASIUM, "texte": "Nettoyage des locaux de la mairie et des écoles, 1 an "
                                    "reconductible 2 fois, 60 000 € HT par an, allotissement en 2 lots"})
    lines = [text_of(li) for li in tree.get_element_by_id("compris").getparent().xpath("./ul/li")]
    assert "Durée lue dans le texte, reconductions comprises : 3 ans" in lines
    assert "2 lots" in lines


def test_the_proposals_page_shows_the_caution_and_the_lawful_way(browser: TestClient) -> None:
    data = {"texte": "Travaux de réfection de voirie, priorité aux entreprises locales, 300 000 € HT",
            "date_lancement": "15/09/2026"}
    response = browser.post("/propositions", data=data)
    assert response.status_code == 200
    tree = parse(response.text)
    block = tree.xpath("//div[@id='bloc-mises-en-garde']")
    assert len(block) == 1 and text_of(block[0].xpath("h2")[0]) == "À ne pas écrire ainsi dans les pièces"
    items = [text_of(li) for li in block[0].xpath(".//li")]
    assert len(items) == 1 and items[0].startswith("Préférence locale : « priorité aux entreprises ».")
    assert "Pour atteindre le même but : Remplacer le critère géographique" in items[0]
    clean = parse(browser.post("/propositions", data={**data, "texte": "Travaux de réfection de voirie"}).text)
    assert clean.xpath("//div[@id='bloc-mises-en-garde']") == []
    # Every wording of the wish is quoted, so that the officer rewrites them all.
    both = parse(browser.post("/propositions", data={**data, "texte": data["texte"] + ". Les entreprises devront "
                                                     "être situées dans le département."}).text)
    item = text_of(both.xpath("//div[@id='bloc-mises-en-garde']//li")[0])
    assert item.startswith("Préférence locale : « priorité aux entreprises », « situées dans le département ».")
