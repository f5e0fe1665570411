"""Causes of wrong pre-ticks found by the third blind clause-level set (tests/data/blind3_clause_level.jsonl), and
the VAT of insurance premiums, each as a general behaviour tried on other wordings than the set's."""

import datetime as dt

import pytest

from app.matching.reading import read_tender

from .support import object_ids, recommended, run

AFTER = dt.date(2026, 9, 1)
SITE = {"insertion-heures-execution", "dechets-emballages-soged-chantier", "nuisances-chantier-charte"}


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("Assurance multirisque des bâtiments communaux, 5 ans, cotisation annuelle de 30 000 € TTC.", 150_000),
        ("Contrat groupe prévoyance des agents : prime de 48 000 € TTC par an, 3 ans.", 144_000),
    ],
)
def test_an_insurance_premium_written_ttc_is_not_divided_by_vat(text: str, amount: float) -> None:
    reading = read_tender(text)  # CGI art. 261 C 2°: insurance operations are exempt
    assert reading.amount_eur == amount
    assert any("261 C" in note for note in reading.notes)
    # Its TTC includes the insurance tax, whose rate depends on the risk (CGI art. 1001): the note says so.
    assert any("taxe sur les conventions d'assurance" in note for note in reading.notes)


@pytest.mark.parametrize(
    "text",
    [
        "AMO pour le renouvellement des contrats d'assurance de la commune, 24 000 € TTC.",
        "Ligne de trésorerie et services bancaires, frais estimés à 24 000 € TTC.",
    ],
)
def test_other_amounts_ttc_of_the_family_keep_the_standard_rate(text: str) -> None:
    assert read_tender(text).amount_eur == 20_000  # advice about insurance, banking fees: not a premium


def test_an_insurance_premium_does_not_ask_for_an_insertion_bonus() -> None:
    result = run("Assurance responsabilité civile de la commune, prime annuelle de 60 000 € TTC, 4 ans.",
                 date=AFTER, nature="services")
    assert "insertion-prime-heures-supplementaires" not in recommended(result)


@pytest.mark.parametrize(
    "text",
    [
        "Hydrocurage et curage curatif des canalisations d'eaux usées et des avaloirs de la commune, 3 ans.",
        "Vidange des fosses toutes eaux et des bacs à graisses des salles communales, AC 4 ans.",
    ],
)
def test_cleaning_networks_and_emptying_tanks_is_a_truck_service_not_demolition(text: str) -> None:
    result = run(text, date=AFTER)  # no nature given: « curage » alone is the stripping before a demolition
    assert object_ids(result)[0] == "curage-vidange"
    assert result.nature == "services"
    assert "vehicules-mobilite-flotte-prestataire" in recommended(result)
    assert not recommended(result) & SITE


def test_emptying_an_oil_separator_traces_hazardous_waste() -> None:
    result = run("Vidange annuelle des débourbeurs et des séparateurs d'hydrocarbures du centre technique, 3 ans.",
                 date=AFTER, nature="services")
    assert "dechets-emballages-bsd-dechets-dangereux" in recommended(result)


def test_a_recycling_centre_attendant_is_waste_service_not_a_quay() -> None:
    result = run("Agents de haut de quai pour la déchetterie de la Croix-Blanche, 3 ans, avec clause d'insertion.",
                 date=AFTER)
    assert object_ids(result)[0] == "collecte-dechets"
    assert "insertion-heures-services-recurrents" in recommended(result)
    assert not recommended(result) & SITE


def test_a_travel_agency_runs_no_fleet() -> None:
    result = run("Agence de voyages pour les déplacements professionnels des élus : billets d'avion et de train, "
                 "hôtels, 3 ans.", date=AFTER)
    assert object_ids(result)[0] == "agence-voyages"
    assert not {"vehicules-mobilite-flotte-prestataire", "vehicules-mobilite-ecoconduite"} & recommended(result)


@pytest.mark.parametrize("nature", ["services", None])
def test_a_part_said_included_does_not_give_the_nature(nature: str | None) -> None:
    result = run("Entretien des jardinières et des massifs fleuris du centre-bourg, fourniture des bulbes incluse, "
                 "2 ans.", date=AFTER, nature=nature)
    assert object_ids(result)[0] == "espaces-verts"
    assert "biodiversite-eau-zero-phyto" in recommended(result)


@pytest.mark.parametrize("nature", ["fournitures", None])
def test_a_supply_named_by_where_it_goes_buys_the_goods(nature: str | None) -> None:
    result = run("Approvisionnement des chaudières bois de la piscine et du gymnase en granulés, 3 ans.",
                 date=AFTER, nature=nature)
    assert object_ids(result)[0] == "bois-energie"
    assert "bois-forets-gestion-durable" in recommended(result)


@pytest.mark.parametrize("nature", ["services", None])
def test_insertion_bought_as_such_is_the_object_not_its_support(nature: str | None) -> None:
    result = run("Marché d'insertion : restauration de lavoirs et de murs en pierre sèche du bourg, avec "
                 "accompagnement socioprofessionnel des salariés en parcours, 3 ans.", date=AFTER, nature=nature)
    assert object_ids(result)[0] == "insertion-qualification"
    assert "insertion-marche-qualification-insertion" in recommended(result)
    assert not {clause for clause in recommended(result) if clause.startswith("alimentation-durable")}


def test_an_opening_heading_before_an_abbreviated_supply_is_not_the_object() -> None:
    result = run("Micro-crèche Les Lutins – fourn. de couches et de lingettes, BC 2 ans.", date=AFTER)
    assert object_ids(result)[0] == "medical-hygiene"
    assert not {clause for clause in recommended(result) if clause.startswith("alimentation-durable")}


def test_operating_a_heat_network_is_a_service_not_an_energy_supply() -> None:
    result = run("Exploitation des chaufferies et du réseau de chaleur de la ZAC : P1 fourniture de combustible, P2, "
                 "P3, 6 ans.", date=AFTER, nature="services")
    assert object_ids(result)[0] == "exploitation-energie"
    assert not {"energie-climat-electricite-renouvelable",
                "energie-climat-biomethane-garanties-origine"} & recommended(result)


def test_scheduling_and_coordination_of_the_works_is_not_design() -> None:
    result = run("Mission d'ordonnancement, pilotage et coordination (OPC) pour la réhabilitation de la mairie.",
                 date=AFTER, nature="services")
    assert object_ids(result)[0] == "controles-construction"
    assert "energie-climat-maitrise-oeuvre-engagements" not in recommended(result)
    assert not recommended(result) & SITE


def test_what_a_thing_is_placed_in_is_not_what_is_bought() -> None:
    result = run("Livraison en armoire de rechargement sécurisée de 60 tablettes pour les écoles élémentaires.",
                 date=AFTER, nature="fournitures")
    assert object_ids(result)[0] == "informatique-materiel"
    assert "ecolabels-mobilier-specification" not in recommended(result)


def test_sealing_a_bridge_deck_is_not_energy_renovation() -> None:
    result = run("Confortement de la passerelle du moulin : reprise des maçonneries, étanchéité du tablier, "
                 "garde-corps, 420 000 € HT.", date=AFTER, nature="travaux")
    assert "travaux-energie" not in object_ids(result)
    assert "energie-climat-renovation-performance-travaux" not in recommended(result)


def test_sealing_a_roof_stays_energy_renovation() -> None:
    result = run("Réfection de l'étanchéité des toitures-terrasses de la médiathèque, 260 000 € HT.", date=AFTER,
                 nature="travaux")
    assert "energie-climat-renovation-performance-travaux" in recommended(result)


def test_a_second_hand_shop_of_the_waste_service_is_a_waste_service() -> None:
    result = run("Exploitation de la ressourcerie du territoire : remise en état des objets, vente, ateliers de "
                 "réparation, 3 ans.", date=AFTER, nature="services")
    assert object_ids(result)[0] == "collecte-dechets"
