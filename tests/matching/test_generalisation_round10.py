"""Causes of wrong pre-ticks found by the tenth blind clause-level set (tests/data/blind10_clause_level.jsonl), each
as a general behaviour tried on other wordings than the set's."""

import datetime as dt

import pytest

from .support import object_ids, recommended, run

AFTER = dt.date(2026, 9, 1)
VEHICLE_CLAUSES = {"vehicules-mobilite-faibles-emissions-acquisition", "vehicules-mobilite-flotte-prestataire",
                   "vehicules-mobilite-ecoconduite"}


@pytest.mark.parametrize("text", [
    "Achat d'un ludobus aménagé pour la ludothèque itinérante, reprise de l'ancien.",
    "Acquisition d'un médiabus pour la desserte des hameaux.",
    "Fourniture d'un véhicule aménagé en cabinet médical mobile (porteur carrossé).",
])
def test_a_fitted_or_mobile_service_vehicle_is_a_vehicle_bought(text: str) -> None:
    result = run(text, nature="fournitures", date=AFTER)
    assert object_ids(result)[0] == "vehicules-acquisition", text
    assert "vehicules-mobilite-faibles-emissions-acquisition" in recommended(result)


def test_a_personal_alarm_service_serves_users() -> None:
    result = run("Téléalarme pour les personnes âgées isolées : boîtiers, centrale d'écoute, 3 ans.", nature="services",
                 date=AFTER)
    assert "egalite-non-discrimination-usagers" in recommended(result)


def test_the_upkeep_of_riverbanks_is_green_space_upkeep() -> None:
    result = run("Entretien de la ripisylve et retrait des embâcles du ruisseau du Moulin, 2 ans.", nature="services",
                 date=AFTER)
    assert object_ids(result)[0] == "espaces-verts"
    assert "biodiversite-eau-zero-phyto" in recommended(result)
    assert "dechets-emballages-soged-chantier" not in recommended(result)


def test_refrigerants_recovered_ask_for_hazardous_waste_tracking() -> None:
    result = run("Maintenance des groupes froids et des climatiseurs de la cuisine centrale, récupération des fluides "
                 "frigorigènes en fin de vie, 3 ans.", nature="services", date=AFTER)
    assert "dechets-emballages-bsd-dechets-dangereux" in recommended(result)


def test_a_social_clause_asked_in_a_service_asks_insertion_hours_not_insertion_as_the_object() -> None:
    result = run("Aide ménagère auprès des personnes âgées du CCAS, clause sociale : heures confiées à des salariés en "
                 "parcours d'insertion. 3 ans, 90 000 € HT.", nature="services", date=AFTER)
    chosen = recommended(result)
    assert "insertion-heures-services-recurrents" in chosen
    assert "insertion-marche-qualification-insertion" not in chosen


def test_insertion_bought_as_such_keeps_its_clause() -> None:
    result = run("Marché d'insertion et de qualification professionnelle : support d'insertion, entretien des "
                 "sentiers de randonnée par un atelier chantier d'insertion, 2 ans.", date=AFTER)
    assert "insertion-marche-qualification-insertion" in recommended(result)


@pytest.mark.parametrize("text", [
    "Nettoyage des véhicules de la police municipale – lot 1 voitures, lot 2 scooters et vélos.",
    "Entretien des véhicules du CTM – lot 1 utilitaires, lot 2 poids lourds et engins.",
])
def test_a_service_heading_its_lots_works_on_the_vehicles_the_lots_name(text: str) -> None:
    result = run(text, nature="services", date=AFTER)
    assert "vehicules-acquisition" not in object_ids(result), text
    assert "vehicules-mobilite-faibles-emissions-acquisition" not in recommended(result)


def test_an_operation_heading_its_lots_still_buys_what_the_lots_name() -> None:
    result = run("Renouvellement de la flotte – lot 1 véhicules légers électriques, lot 2 utilitaires.",
                 nature="fournitures", date=AFTER)
    assert "vehicules-mobilite-faibles-emissions-acquisition" in recommended(result)


def test_charging_points_are_equipment_not_vehicles() -> None:
    result = run("Points de charge IRVE pour les voitures électriques des agents au parking du CTM : fourniture, pose "
                 "et maintenance 2 ans.", nature="fournitures", date=AFTER)
    assert not recommended(result) & VEHICLE_CLAUSES


@pytest.mark.parametrize("text", [
    "Stade Jean-Moulin – réfection de la piste d'athlétisme et du terrain synthétique, 380 000 € HT.",
    "Complexe sportif des Ajoncs – remplacement du gazon synthétique du terrain annexe, 5 mois.",
])
def test_a_place_heading_the_works_done_there_is_their_setting(text: str) -> None:
    result = run(text, date=AFTER)
    assert "travaux-paysagers" in object_ids(result), text
    assert "dechets-emballages-soged-chantier" in recommended(result)


def test_an_assistance_mission_heading_works_stays_the_mission() -> None:
    result = run("Assistance à maîtrise d'ouvrage – réhabilitation énergétique de l'école des Tilleuls, 14 mois.",
                 date=AFTER)
    assert not {"dechets-emballages-soged-chantier", "insertion-heures-execution"} & recommended(result)
