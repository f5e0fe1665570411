"""Causes of wrong pre-ticks found by the ninth blind clause-level set (tests/data/blind9_clause_level.jsonl), each
as a general behaviour tried on other wordings than the set's."""

import datetime as dt

import pytest

from app.matching.reading import read_tender

from .support import object_ids, recommended, run

AFTER = dt.date(2026, 9, 1)


@pytest.mark.parametrize("separator", [" : ", " – ", ". ", " "])
def test_a_lot_titled_after_its_number_and_a_separator_is_read(separator: str) -> None:
    text = (f"Équipement de l'atelier municipal – lot 1{separator}perceuses et visseuses sans fil ; "
            f"lot 2{separator}tenues de travail (vestes, pantalons) des agents, 3 ans.")
    result = run(text, nature="fournitures", date=AFTER)
    assert {"outillage-quincaillerie", "textiles-habillement"} <= set(object_ids(result)), separator
    assert {"cycle-de-vie-garantie-pieces", "droits-humains-chaine-oit-tracabilite"} <= recommended(result)


@pytest.mark.parametrize("text", [
    "Réunions du conseil communautaire : fourniture de 30 chaises empilables et de 10 tables.",
    "Salle du conseil d'administration du CCAS – achat de tables de réunion et de fauteuils.",
])
def test_a_council_named_is_the_buyers_assembly_not_advice_bought(text: str) -> None:
    result = run(text, date=AFTER)
    assert object_ids(result) == ["mobilier"]
    assert {"ecolabels-mobilier-specification", "reemploi-recyclage-part-categorie-declaration"} <= recommended(result)


def test_advice_is_still_advice() -> None:
    assert object_ids(run("Conseil juridique en droit de la fonction publique, 3 ans.", date=AFTER)) == [
        "conseil-etudes"]


def test_sign_language_interpreting_is_an_intellectual_service() -> None:
    result = run("Interprètes en langue des signes et vélotypie pour les réunions publiques, 2 ans.", date=AFTER)
    assert object_ids(result) == ["conseil-etudes"]


@pytest.mark.parametrize("text", [
    "Micro-crèche Les Câlins : fourniture de couches jetables et de lingettes, 2 ans.",
    "Crèche familiale des Tilleuls – fourniture de crèmes de change, de couches et de gants de toilette jetables.",
])
def test_an_early_childhood_establishment_heading_the_text_names_the_buyer(text: str) -> None:
    result = run(text, date=AFTER)
    assert object_ids(result)[0] == "medical-hygiene", text
    assert not {clause for clause in recommended(result) if clause.startswith("alimentation-durable")}


def test_meals_of_an_early_childhood_establishment_stay_catering() -> None:
    result = run("Multi-accueil Les Coquelicots : fourniture des repas en liaison froide, 35 berceaux, 3 ans.",
                 date=AFTER)
    assert object_ids(result) == ["restauration-collective"]


def test_accessibility_works_on_buildings_are_works() -> None:
    result = run("Mise en accessibilité des vestiaires du stade et de la salle des associations : rampe, "
                 "sanitaires PMR, 4 lots.", date=AFTER)
    assert object_ids(result) == ["travaux-batiment"]
    assert {"handicap-accessibilite-ouvrages-equipements", "dechets-emballages-soged-chantier"} <= recommended(
        result)


def test_digital_accessibility_is_no_works() -> None:
    result = run("Mise en accessibilité des démarches en ligne et du portail famille (RGAA), 2 ans.", date=AFTER)
    assert "travaux-batiment" not in object_ids(result)
    clauses = recommended(result)
    assert "handicap-accessibilite-rgaa-numerique" in clauses
    assert "dechets-emballages-soged-chantier" not in clauses


def test_a_contract_form_with_its_acronym_and_purpose_heads_what_is_bought() -> None:
    result = run("Marché global de performance (MGP) pour le groupe scolaire : isolation des murs par l'extérieur, "
                 "remplacement de la chaudière, puis exploitation et maintenance avec engagement de consommation, "
                 "8 ans.", date=AFTER)
    assert object_ids(result)[0] == "travaux-energie"
    assert {"energie-climat-renovation-performance-travaux", "dechets-emballages-soged-chantier"} <= recommended(
        result)


def test_the_buyers_mobility_plan_named_asks_for_no_vehicle_clause() -> None:
    result = run("Achat de 8 vélos cargos électriques pour les services, dans le cadre du plan de mobilité de la "
                 "collectivité, 24 000 € HT.", nature="fournitures", date=AFTER)
    assert object_ids(result) == ["cycles"]
    clauses = recommended(result)
    assert "cycle-de-vie-garantie-pieces" in clauses
    assert "vehicules-mobilite-faibles-emissions-acquisition" not in clauses



def test_a_deliberations_visas_and_recitals_name_no_purchase() -> None:
    result = run("Considérant qu'un groupement de commandes permet de réaliser des économies d'échelle ;\n"
                 "Vu le code de la commande publique, notamment ses articles L2113-6 et L2113-7 ;\n"
                 "Le conseil municipal AUTORISE le maire à signer l'accord-cadre de fourniture de mobilier scolaire "
                 "(tables, chaises), 3 ans.", nature="fournitures", date=AFTER)
    assert object_ids(result) == ["mobilier"]
    assert {"ecolabels-mobilier-specification", "reemploi-recyclage-part-categorie-declaration"} <= recommended(
        result)


@pytest.mark.parametrize(("text", "family"), [
    ("Groupement de commandes pour la fourniture de sel de déneigement, 3 hivers.", "fondants-routiers"),
    ("Groupement de commandes pour la location des photocopieurs des 5 communes, 5 ans.", "copieurs"),
])
def test_what_follows_a_groupement_de_commandes_pour_is_bought(text: str, family: str) -> None:
    assert family in object_ids(run(text, nature="fournitures", date=AFTER))


def test_a_road_layer_is_no_nappy() -> None:
    result = run("Réfection de la couche de roulement des voies communales et du parking de la salle des sports, "
                 "6 semaines.", nature="travaux", date=AFTER)
    assert "travaux-voirie-reseaux" in object_ids(result)
    assert "medical-hygiene" not in object_ids(result)
    clauses = recommended(result)
    assert "dechets-emballages-soged-chantier" in clauses
    assert not {"droits-humains-chaine-oit-tracabilite", "substances-dangereuses-exclusion-produits"} & clauses


def test_a_metal_frame_is_no_timber() -> None:
    clauses = recommended(run("Construction d'un hangar à charpente métallique pour le centre technique, 4 lots.",
                              nature="travaux", date=AFTER))
    assert "dechets-emballages-soged-chantier" in clauses
    assert not {"bois-forets-gestion-durable", "bois-forets-origine-legale"} & clauses
    timber = recommended(run("Remplacement de la charpente en chêne de la chapelle, 6 mois.", nature="travaux",
                             date=AFTER))
    assert "bois-forets-gestion-durable" in timber


@pytest.mark.parametrize(("text", "family"), [
    ("Fêtes et cérémonies : achat de 200 chaises pliantes et de 30 tables de réception.", "mobilier"),
    ("Propreté urbaine – acquisition de 40 corbeilles et de 10 bancs publics.", "mobilier-urbain-jeux"),
])
def test_a_domain_heading_gives_way_to_the_thing_bought(text: str, family: str) -> None:
    assert object_ids(run(text, date=AFTER))[0] == family


def test_a_domain_heading_before_a_service_stays_the_object() -> None:
    assert object_ids(run("Restauration scolaire : fourniture de repas en liaison froide pour les 4 écoles, 3 ans.",
                          date=AFTER)) == ["restauration-collective"]


@pytest.mark.parametrize(("text", "amount"), [
    ("Capture des animaux errants : environ 120 interventions par an à 85 € HT, 4 ans.", 40_800),
    ("Portage de repas à domicile, env. 60 repas par jour à 7,50 € HT, 3 ans.", None),
])
def test_a_count_per_year_at_a_unit_price_is_a_yearly_amount(text: str, amount: float | None) -> None:
    reading = read_tender(text)
    assert reading.amount_eur == amount


def test_running_a_market_for_the_commune_buys_no_food_nor_cleaning() -> None:
    result = run("Gestion du marché hebdomadaire du samedi : placier, encaissement des droits de place auprès des "
                 "commerçants non sédentaires (maraîchers, poissonniers), installation des barrières, 4 ans.",
                 nature="services", date=AFTER)
    assert object_ids(result) == ["gestion-marches-halles"]
    clauses = recommended(result)
    assert {"environnement-general-condition-execution", "environnement-general-critere-attribution"} <= clauses
    assert not {clause for clause in clauses if clause.startswith(("alimentation-durable", "ecolabels"))}


def test_named_lots_of_different_natures_keep_the_clauses_of_each() -> None:
    result = run("Aménagement du nouveau centre social en 3 lots : lot 1 travaux de peinture et de revêtements de "
                 "sol, lot 2 mobilier (tables, chaises, armoires), lot 3 ordinateurs portables et tablettes.",
                 date=AFTER)
    assert {"travaux-peinture", "mobilier", "informatique-materiel"} <= set(object_ids(result))
    clauses = recommended(result)
    assert {"reemploi-recyclage-part-categorie-declaration", "numerique-responsable-equipements-durables"} <= clauses


def test_an_ecolabel_asked_for_other_goods_is_no_cleaning_product_clause() -> None:
    nappies = recommended(run("Fourniture de couches jetables et de lingettes pour les 3 crèches, Ecolabel européen "
                              "ou équivalent exigé, 2 ans.", nature="fournitures", date=AFTER))
    assert "ecolabels-produits-entretien-specification" not in nappies
    cleaning = recommended(run("Fourniture de détergents et de désinfectants pour les écoles, Ecolabel européen ou "
                               "équivalent exigé, 2 ans.", nature="fournitures", date=AFTER))
    assert "ecolabels-produits-entretien-specification" in cleaning
