"""Causes of wrong pre-ticks found by the seventh blind clause-level set (tests/data/blind7_clause_level.jsonl), each
as a general behaviour tried on other wordings than the set's."""

import datetime as dt

import pytest

from app.clauses.library import Nature

from .support import object_ids, recommended, run

AFTER = dt.date(2026, 9, 1)


def _catering(clauses: set[str]) -> set[str]:
    return {clause for clause in clauses if clause.startswith("alimentation-durable")}


def test_an_establishment_heading_is_the_buyers_place_not_catering() -> None:
    result = run("Résidence autonomie du Parc et foyer-logement municipal : désinsectisation des logements et des "
                 "parties communes, 3 passages par an.", nature="services", date=AFTER)
    assert object_ids(result)[0] == "hygiene-3d"
    assert "substances-dangereuses-lutte-integree-nuisibles" in recommended(result)
    assert not _catering(recommended(result))


def test_catering_of_an_establishment_stays_catering() -> None:
    result = run("Fourniture des repas de la résidence autonomie, liaison froide, 3 ans.", nature="services",
                 date=AFTER)
    assert object_ids(result)[0] == "restauration-collective"


@pytest.mark.parametrize(
    ("text", "nature", "family", "clause"),
    [
        # Evolving maintenance is software upkeep: the public site is accessible (RGAA).
        ("Maintenance corrective et évolutive de l'extranet des associations et du site de la médiathèque, 2 ans.",
         "services", "logiciels-services-numeriques", "handicap-accessibilite-rgaa-numerique"),
        # Building signage, with braille asked outright.
        ("Signalétique intérieure de la médiathèque : plaques de portes, panneaux directionnels en braille, "
         "25 000 € HT.", "fournitures", "signalisation", "handicap-accessibilite-ouvrages-equipements"),
    ],
)
def test_the_object_and_its_accessibility_clause(text: str, nature: Nature, family: str, clause: str) -> None:
    result = run(text, nature=nature, date=AFTER)
    assert object_ids(result)[0] == family
    assert clause in recommended(result)


def test_laboratory_analyses_are_not_the_water_service() -> None:
    result = run("Analyses bactériologiques et physico-chimiques des eaux de baignade et des piscines par un "
                 "laboratoire accrédité, recherche de pesticides et de légionelles, 3 ans.", date=AFTER)
    assert object_ids(result)[0] == "analyses-laboratoire"
    clauses = recommended(result)
    assert not clauses & {"energie-climat-engagement-performance", "biodiversite-eau-zero-phyto",
                          "biodiversite-eau-critere-attribution"}


def test_no_sustainable_wood_clause_when_no_wood_is_named() -> None:
    metal = run("Fourniture de 30 bancs et 20 corbeilles en acier galvanisé pour le centre-bourg.", date=AFTER)
    assert object_ids(metal)[0] == "mobilier-urbain-jeux"
    assert "bois-forets-gestion-durable" not in recommended(metal)
    wooden = run("Fourniture de 30 bancs en chêne et 20 corbeilles pour le centre-bourg.", date=AFTER)
    assert "bois-forets-gestion-durable" in recommended(wooden)


def test_a_waste_outlet_is_not_a_purchase() -> None:
    result = run("Élagage des platanes du cours et broyage des branches, évacuation en filière bois énergie, "
                 "2 ans.", nature="services", date=AFTER)
    assert not {clause for clause in recommended(result) if clause.startswith("bois-forets")}
    # The supply chain a product comes from still names what is bought.
    cotton = run("Fourniture de tee-shirts en coton issu de la filière équitable pour les animateurs, 2 ans.",
                 date=AFTER)
    assert "commerce-equitable-textile-coton" in recommended(cotton)


def test_local_species_asked_next_to_green_space_upkeep() -> None:
    result = run("Entretien du parc du château : tonte, taille, regarnissage des haies en essences locales, 3 ans.",
                 nature="services", date=AFTER)
    assert "biodiversite-eau-vegetaux-locaux" in recommended(result)


def test_an_amount_ttc_per_year_is_rounded_once_on_the_total() -> None:
    from app.matching.reading import read_tender

    reading = read_tender("Location de barrières et de podiums, 2 ans, 13 000 € TTC par an.")
    assert reading.amount_eur == 21666.67  # 26 000 € TTC ÷ 1,2, not 2 × 10 833,33
    assert reading.annual_amount_eur == 10833.33


def test_a_season_is_a_year() -> None:
    from app.matching.reading import read_tender

    reading = read_tender("Salage des parkings, astreinte de novembre à mars, 4 saisons, 9 000 € HT par saison.")
    assert (reading.amount_eur, reading.years) == (36000.0, 4.0)


def test_a_unit_value_written_before_the_amount_is_no_contract_amount() -> None:
    from app.matching.reading import read_tender

    reading = read_tender("Chèques cadeaux de fin d'année pour les agents, valeur unitaire 50 €, env. 400 chèques.")
    assert reading.amount_eur is None
    assert any("prix unitaire" in note for note in reading.notes)


def test_a_pound_for_stray_animals_is_not_waste_collection() -> None:
    result = run("Capture et garde en fourrière des chiens et chats errants sur le territoire des 9 communes, "
                 "astreinte 24h/24, 3 ans.", date=AFTER)
    assert object_ids(result)[0] == "fourriere-animale"
    assert not recommended(result) & {"vehicules-mobilite-ecoconduite", "insertion-heures-services-recurrents",
                                      "vehicules-mobilite-faibles-emissions-acquisition"}


def test_cleaning_kitchen_hoods_is_upkeep_not_appliances() -> None:
    result = run("Nettoyage des hottes et des conduits d'extraction des cuisines des écoles, 1 passage par an.",
                 date=AFTER)
    assert object_ids(result)[0] == "maintenance-installations"
    assert "reemploi-recyclage-part-categorie-declaration" not in recommended(result)
    assert not _catering(recommended(result))


def test_accessible_polling_booths_asked_outright() -> None:
    result = run("Achat d'isoloirs adaptés aux personnes à mobilité réduite et d'urnes électorales pour 12 bureaux "
                 "de vote.", date=AFTER)
    assert object_ids(result)[0] == "materiel-electoral"
    assert "handicap-accessibilite-ouvrages-equipements" in recommended(result)


def test_a_hire_with_driver_is_a_service_with_the_holders_fleet() -> None:
    result = run("Mise à disposition d'une nacelle avec opérateur et location avec chauffeur de 2 camions plateau "
                 "pour les festivités, 2 ans.", date=AFTER)  # no nature given
    assert object_ids(result)[0] == "location-avec-chauffeur"
    assert result.nature == "services"
    assert "vehicules-mobilite-flotte-prestataire" in recommended(result)
    assert "vehicules-mobilite-faibles-emissions-acquisition" not in recommended(result)


def test_without_is_not_with() -> None:
    result = run("Location sans chauffeur de 2 camions plateau pour les festivités, 2 ans.", date=AFTER)
    assert "location-avec-chauffeur" not in object_ids(result)
    assert "vehicules-mobilite-flotte-prestataire" not in recommended(result)


def test_fair_trade_food_only_where_its_products_or_fair_trade_are_named() -> None:
    trays = run("Livraison de plateaux-repas pour les réunions du bureau communautaire et les commissions, 3 ans.",
                nature="services", date=AFTER)
    assert "commerce-equitable-denrees-condition" not in recommended(trays)
    coffee = run("Prestations de traiteur pour les réceptions : cocktails, café et thé, jus de fruits, 2 ans.",
                 nature="services", date=AFTER)
    assert "commerce-equitable-denrees-condition" in recommended(coffee)


def test_the_electricity_lot_of_a_works_operation_buys_no_electricity() -> None:
    result = run("Rénovation de la salle des fêtes – lot 1 gros œuvre, lot 2 menuiseries, lot 3 électricité, lot 4 "
                 "peinture. 800 000 € HT.", nature="travaux", date=AFTER)
    assert "electricite-gaz" not in object_ids(result)
    assert "energie-climat-electricite-renouvelable" not in recommended(result)


def test_a_skatepark_is_outdoor_works_not_concrete_bought() -> None:
    result = run("Réalisation d'un skatepark et d'un pumptrack en enrobé au complexe sportif, 180 000 € HT.",
                 date=AFTER)  # no nature given
    assert object_ids(result)[0] == "travaux-paysagers"
    assert result.nature == "travaux"


def test_mobile_lines_in_telegraphic_style_are_telecommunications() -> None:
    result = run("Tél. mobile : 60 lignes mobiles, AC 3 ans.", date=AFTER)
    assert object_ids(result)[0] == "telecommunications"


def test_temporary_workers_and_festive_lights_are_named_purchases() -> None:
    staff = run("Recours à des travailleurs temporaires pour les remplacements des agents de crèche, 2 ans.",
                date=AFTER)
    assert object_ids(staff)[0] == "accueil-personnel"
    assert not _catering(recommended(staff))
    lights = run("Location et pose de guirlandes lumineuses pour les fêtes, 2 saisons.", date=AFTER)
    # Festive lights are their own family since round 18 (no public-lighting clause for them).
    assert object_ids(lights)[0] == "illuminations-affichage-lumineux"
