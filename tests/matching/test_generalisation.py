"""Causes of wrong pre-ticks found on the blind clause-level set (tests/data/blind_clause_level.jsonl), each as a
general behaviour tried on other wordings than the set's: a heading naming the buyer is not the object; a canteen
named as a place asks for no catering clause; biosourced materials and inclusive play equipment asked outright
are recommended; home-delivered meals get the elderly nutrition clause; a car pound is neither a garage nor an
animal pound."""

import datetime as dt

import pytest

from .support import object_ids, recommended, run

AFTER = dt.date(2026, 9, 1)
CATERING = {"alimentation-durable-egalim-parts", "alimentation-durable-menu-vegetarien",
            "alimentation-durable-gaspillage-alimentaire", "alimentation-durable-critere-attribution",
            "alimentation-durable-restauration-personnes-agees",
            "dechets-emballages-contenants-sans-plastique-restauration"}


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("EHPAD Les Tilleuls – nettoyage des vitres et des parties communes, 2 passages par semaine.",
         "nettoyage-locaux"),
        ("Commune de Saint-Jean : entretien des espaces verts du cimetière et du stade, 3 ans.", "espaces-verts"),
        ("Office de tourisme du Val – impression de 20 000 dépliants et du plan de la ville.", "impression"),
        ("Centre hospitalier de Pontivy - fourniture de mobilier pour la salle d'attente.", "mobilier"),
    ],
)
def test_a_heading_naming_the_buyer_is_not_the_object(text: str, family: str) -> None:
    result = run(text, date=AFTER)
    assert object_ids(result)[0] == family
    assert not recommended(result) & CATERING


def test_the_buyer_heading_is_only_a_heading_when_the_object_follows_it() -> None:
    result = run("Restauration de l'EHPAD municipal : repas des résidents, régimes et textures modifiées.",
                 date=AFTER, nature="services")
    assert object_ids(result)[0] == "restauration-collective"
    assert "alimentation-durable-egalim-parts" in recommended(result)


@pytest.mark.parametrize(
    "text",
    [
        "Désinsectisation des cuisines de la cantine et des vestiaires du gymnase, 4 passages par an.",
        "Transport des élèves de l'école à la cantine du bourg, 140 jours par an, car de 30 places.",
    ],
)
def test_a_canteen_named_as_a_place_asks_for_no_catering_clause(text: str) -> None:
    assert not recommended(run(text, date=AFTER, nature="services")) & CATERING


def test_a_canteen_bought_still_gets_the_school_catering_clauses() -> None:
    chosen = recommended(run("Fourniture des repas de la cantine de l'école primaire, liaison chaude.",
                             date=AFTER, nature="services"))
    assert {"alimentation-durable-egalim-parts", "alimentation-durable-menu-vegetarien"} <= chosen


def test_biosourced_materials_asked_outright_are_recommended() -> None:
    chosen = recommended(run("Extension de la mairie : charpente, isolation en matériaux biosourcés (chanvre, ouate "
                             "de cellulose), menuiseries. 6 lots, 900 000 € HT.", date=AFTER))
    assert "energie-climat-materiaux-biosources-bas-carbone" in chosen
    assert "insertion-heures-execution" in chosen


def test_biosourced_materials_are_not_recommended_when_nobody_asks() -> None:
    chosen = recommended(run("Extension de la mairie : charpente, isolation, menuiseries. 6 lots, 900 000 € HT.",
                             date=AFTER))
    assert "energie-climat-materiaux-biosources-bas-carbone" not in chosen


def test_inclusive_play_equipment_asked_outright_gets_the_accessibility_clause() -> None:
    chosen = recommended(run("Renouvellement de l'aire de jeux du parc de la Mairie : toboggan, balançoire nid et "
                             "deux jeux inclusifs, sol amortissant.", date=AFTER, nature="fournitures"))
    assert "handicap-accessibilite-ouvrages-equipements" in chosen


@pytest.mark.parametrize(
    "text",
    [
        "Livraison de repas à domicile pour les seniors et les personnes handicapées de la commune, 7 jours sur 7.",
        "CIAS du Pays de Retz – portage des repas à domicile en liaison froide, env. 60 bénéficiaires.",
    ],
)
def test_home_delivered_meals_get_the_nutrition_clause_for_the_elderly_not_the_school_ones(text: str) -> None:
    result = run(text, date=AFTER, nature="services")
    chosen = recommended(result)
    assert object_ids(result)[0] == "portage-repas"
    assert "alimentation-durable-restauration-personnes-agees" in chosen
    assert not chosen & {"alimentation-durable-menu-vegetarien",
                         "dechets-emballages-contenants-sans-plastique-restauration"}


def test_a_car_pound_uses_the_providers_tow_trucks_and_is_not_a_garage() -> None:
    result = run("Mise en fourrière des véhicules en stationnement abusif et enlèvement des épaves sur la voie "
                 "publique, 2 ans.", date=AFTER, nature="services")
    chosen = recommended(result)
    assert object_ids(result)[0] == "fourriere"
    assert "vehicules-mobilite-flotte-prestataire" in chosen
    assert not chosen & {"reemploi-recyclage-entretien-vehicules-pieces",
                         "vehicules-mobilite-faibles-emissions-acquisition"}


def test_an_animal_pound_is_not_a_car_pound() -> None:
    result = run("Gestion de la fourrière animale : capture des chiens et chats errants, garde et soins.",
                 date=AFTER, nature="services")
    assert "fourriere" not in object_ids(result)


def test_a_theme_already_covered_gets_no_other_clause_unless_its_keywords_are_the_words_asked() -> None:
    chosen = recommended(run("Audit énergétique de la piscine et de la médiathèque au titre du décret tertiaire, "
                             "programme de travaux chiffré.", date=AFTER, nature="services"))
    assert not chosen & {"energie-climat-electricite-renouvelable", "energie-climat-biomethane-garanties-origine"}


def test_a_check_of_playgrounds_is_a_service_not_landscaping_works_nor_a_purchase_of_play_equipment() -> None:
    result = run("Vérification annuelle des aires de jeux et des équipements sportifs de plein air des écoles.",
                 date=AFTER, nature="services")
    assert object_ids(result) == ["maintenance-installations"]
    assert not recommended(result) & {"insertion-heures-execution", "dechets-emballages-soged-chantier",
                                      "biodiversite-eau-vegetaux-locaux",
                                      "reemploi-recyclage-part-categorie-declaration"}


def test_the_upkeep_of_kitchen_equipment_in_a_canteen_is_maintenance_not_catering() -> None:
    result = run("Maintenance des hottes et des chambres froides de la cantine scolaire et de la salle des fêtes.",
                 date=AFTER, nature="services")
    assert object_ids(result) == ["maintenance-installations", "electromenager"]
    assert not recommended(result) & CATERING


def test_the_restoration_of_a_roof_is_still_works() -> None:
    result = run("Restauration de la charpente et de la couverture de la chapelle, 450 000 € HT.", date=AFTER,
                 nature="travaux")
    assert "insertion-heures-execution" in recommended(result)


def test_snow_clearing_is_its_own_purchase_not_street_cleaning() -> None:
    winter = run("Viabilité hivernale des routes communales : déneigement et salage sur appel, astreinte de nuit.",
                 date=AFTER, nature="services")
    assert object_ids(winter) == ["viabilite-hivernale"]
    assert "vehicules-mobilite-flotte-prestataire" in recommended(winter)
    assert not recommended(winter) & {"biodiversite-eau-zero-phyto", "insertion-heures-services-recurrents"}
    streets = run("Balayage mécanique et lavage des rues du centre-ville, 3 ans.", date=AFTER, nature="services")
    assert object_ids(streets) == ["proprete-urbaine"]


def test_a_head_of_another_nature_gives_way_to_the_officers_family_named_in_the_head_first() -> None:
    result = run("Extension du réseau de vidéosurveillance du centre-ville : fourniture et pose de 12 caméras, "
                 "serveur d'enregistrement et postes de visualisation.", date=AFTER, nature="fournitures")
    assert object_ids(result) == ["securite-electronique"]
    assert "numerique-responsable-reforme-materiels" not in recommended(result)


def test_lead_service_pipes_are_network_works_not_a_decontamination() -> None:
    result = run("Suppression de 140 branchements en plomb et renouvellement de conduites d'eau, 2 lots, 900 000 € HT.",
                 date=AFTER, nature="travaux")
    assert object_ids(result)[0] == "travaux-voirie-reseaux"
    assert "insertion-heures-execution" in recommended(result)


def test_hours_reserved_for_insertion_are_not_a_reserved_contract() -> None:
    chosen = recommended(run("Nettoyage des gymnases, clause d'insertion : 7 % des heures réservées à des personnes "
                             "éloignées de l'emploi. 3 ans, 300 000 € HT.", date=AFTER, nature="services"))
    assert "insertion-heures-services-recurrents" in chosen
    assert not {clause for clause in chosen if clause.startswith("marche-reserve")}
    reserved = recommended(run("Entretien des espaces verts des écoles, marché réservé aux entreprises adaptées et "
                               "aux ESAT, 2 ans.", date=AFTER, nature="services"))
    assert "marche-reserve-ea-esat" in reserved  # a reserved contract, not a reserved lot


@pytest.mark.parametrize(
    ("text", "lot"),
    [
        ("Travaux de la médiathèque, 8 lots dont un lot réservé aux SIAE (espaces verts), prix unique.", True),
        ("Travaux de la médiathèque en lot unique, insertion par l'activité économique demandée.", False),
    ],
)
def test_what_contradicts_a_reserved_lot_is_read_word_for_word(text: str, lot: bool) -> None:
    chosen = recommended(run(text, date=AFTER, nature="travaux"))
    assert ("marche-reserve-lot-reserve" in chosen) is lot


@pytest.mark.parametrize(
    ("text", "wood"),
    [
        ("Fourniture de jouets en bois et de jeux d'éveil pour le multi-accueil.", True),
        ("Fourniture de jouets et de jeux d'éveil pour le multi-accueil.", False),
    ],
)
def test_the_material_a_supply_is_made_of_is_bought_with_it(text: str, wood: bool) -> None:
    result = run(text, date=AFTER, nature="fournitures")
    assert ("forets-bois" in object_ids(result)) is wood
    assert ("bois-forets-gestion-durable" in recommended(result)) is wood
