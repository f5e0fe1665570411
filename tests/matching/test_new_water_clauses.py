"""The clauses on road de-icing salt and on works in watercourses: recommended for the purchases they are written for
(winter service, de-icing supplies; dredging, bank and river works), never for neighbouring ones."""

import datetime as dt

import pytest

from .support import object_ids, recommended, run

AFTER = dt.date(2026, 9, 1)
SALT_SERVICE = "biodiversite-eau-fondants-routiers"
SALT_SUPPLY = "biodiversite-eau-fondants-routiers-fourniture"
WORKS_IN_WATER = "biodiversite-eau-travaux-milieu-aquatique"
NEW = {SALT_SERVICE, SALT_SUPPLY, WORKS_IN_WATER}


@pytest.mark.parametrize("text", [
    "Déneigement et salage des routes communales, astreinte hivernale du 15 novembre au 15 mars, 3 ans.",
    "Prestations de viabilité hivernale : traitement des chaussées et épandage de fondants sur le réseau "
    "départemental, secteur Nord, 4 ans.",
    "Service hivernal des voies et parkings de la zone d'activités : raclage de la neige et déverglaçage, "
    "engins avec chauffeur du titulaire.",
])
def test_a_winter_service_gets_the_salt_spreading_condition(text: str) -> None:
    chosen = recommended(run(text, nature="services", date=AFTER))
    assert SALT_SERVICE in chosen, text
    assert SALT_SUPPLY not in chosen
    assert WORKS_IN_WATER not in chosen


@pytest.mark.parametrize("text", [
    "Fourniture de sel de déneigement en vrac livré dans les dépôts du département, accord-cadre 4 ans.",
    "Achat de saumure routière et de sel de déverglaçage pour la saison 2027-2028.",
    "Fourniture de fondants routiers en big bags pour les centres techniques, 3 ans.",
])
def test_a_road_salt_supply_gets_the_supply_specification(text: str) -> None:
    result = run(text, nature="fournitures", date=AFTER)
    assert object_ids(result)[0] == "fondants-routiers", text
    chosen = recommended(result)
    assert SALT_SUPPLY in chosen
    # A supplier spreads nothing: the spreading condition is meant for services.
    assert SALT_SERVICE not in chosen


def test_the_de_icing_salt_cpv_code_names_the_supply() -> None:
    result = run("Accord-cadre de fourniture et livraison pour la viabilité hivernale, lot 1 : vrac.",
                 cpv=["34927100-2"], nature="fournitures", date=AFTER)
    assert SALT_SUPPLY in recommended(result)


@pytest.mark.parametrize(("text", "nature"), [
    ("Travaux de dragage d'entretien du chenal et du bassin du port de plaisance, gestion des sédiments.",
     "travaux"),
    ("Désenvasement de l'étang communal par dragage hydraulique.", "travaux"),
    ("Travaux de confortement des berges de la Sèvre par génie végétal et enrochement, 2 lots.", "travaux"),
    ("Protection des berges du ruisseau au droit du lotissement : enrochements et fascines.", "travaux"),
    ("Restauration de la continuité écologique : effacement du seuil du moulin et création d'une passe à poissons.",
     "travaux"),
    ("Travaux de restauration de cours d'eau : reméandrage et recharge granulométrique sur 800 m.", "travaux"),
])
def test_works_in_a_watercourse_get_the_aquatic_site_condition(text: str, nature: str) -> None:
    chosen = recommended(run(text, nature=nature, date=AFTER))
    assert WORKS_IN_WATER in chosen, text
    assert not chosen & {SALT_SERVICE, SALT_SUPPLY}


@pytest.mark.parametrize(("text", "nature"), [
    # A snow plough or a spreader bought spreads nothing under the contract: the clauses bear on spreading and on
    # delivered salt, not on equipment.
    ("Acquisition d'une lame de déneigement et d'une saleuse pour le tracteur communal.", "fournitures"),
    ("Achat d'un chasse-neige pour les services techniques.", "fournitures"),
    ("Travaux de réfection de chaussée et d'enrobés sur la voirie communale, programme 2027.", "travaux"),
    ("Construction d'une piscine intercommunale avec bassin sportif et bassin ludique.", "travaux"),
    ("Exploitation de la piscine municipale : traitement de l'eau et entretien des bassins.", "services"),
    ("Aménagement d'une cour d'école oasis avec désimperméabilisation et plantations.", "travaux"),
    ("Fourniture de chlorure de sodium 0,9 % en poches pour le centre de santé.", "fournitures"),
    ("Fourniture de sel de cuisine et d'épices pour la cuisine centrale.", "fournitures"),
    ("Fourniture de sel régénérant pour les adoucisseurs de la piscine.", "fournitures"),
    ("Fourniture de pâtisseries pour les réceptions : fondants au chocolat, éclairs, tartelettes.", "fournitures"),
    ("Marché de travaux inférieur aux seuils européens : rénovation de la mairie.", "travaux"),
    ("Entretien des espaces verts et fauchage des accotements, 3 ans.", "services"),
])
def test_neighbouring_purchases_get_neither_clause(text: str, nature: str) -> None:
    chosen = recommended(run(text, nature=nature, date=AFTER))
    assert not chosen & NEW, (text, chosen & NEW)


@pytest.mark.parametrize("text", [
    "FOURNITURE DE SULFATE D'ALUMINE CONDITIONNEMENT DES BOUES",
    "Fourniture de réactifs de traitement de l'eau et de produits biocides pour les bassins de la base nautique.",
])
def test_past_full_relevance_the_clause_whose_other_theme_the_text_names_comes_first(text: str) -> None:
    # Water and dangerous substances both named: among the water clauses at full relevance, one that also deals
    # with dangerous substances leads, not a narrow one (road salt, works in rivers) that an id tie would put first.
    result = run(text, date=AFTER)
    water = [item.clause for item in result.matches if "biodiversite-eau" in item.clause.themes]
    assert water, text
    assert water[0].id not in NEW, (text, water[0].id)
