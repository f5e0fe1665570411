"""Causes of wrong pre-ticks found by the eleventh blind clause-level set (tests/data/blind11_clause_level.jsonl), each
as a general behaviour tried on other wordings than the set's."""

import datetime as dt

import pytest

from .support import object_ids, recommended, run

AFTER = dt.date(2026, 9, 1)


@pytest.mark.parametrize("text", [
    "Numérisation des registres matricules et des délibérations en 2 lots ; le lot 2 (conditionnement) est réservé "
    "aux entreprises adaptées, 2 ans.",
    "Mise sous pli des avis d'imposition, lot 1 impression, lot 2 mise sous pli réservé aux entreprises adaptées.",
])
def test_a_reserved_lot_replaces_the_reserved_contract_a_family_expects(text: str) -> None:
    chosen = recommended(run(text, nature="services", date=AFTER))
    assert "marche-reserve-lot-reserve" in chosen
    assert "marche-reserve-ea-esat" not in chosen
    assert "marche-reserve-etablissement-penitentiaire" not in chosen


def test_a_reservation_without_a_lot_stays_that_of_the_contract() -> None:
    chosen = recommended(run("Numérisation des registres de délibérations, marché réservé aux ESAT et aux entreprises "
                             "adaptées, 2 ans.", nature="services", date=AFTER))
    assert "marche-reserve-ea-esat" in chosen
    assert "marche-reserve-lot-reserve" not in chosen


@pytest.mark.parametrize("text", [
    "Écopâturage des coteaux et du verger communal par un troupeau de chèvres, 3 ans.",
    "Entretien des murs végétaux du parvis de la mairie : taille, arrosage, remplacement des plants, 2 ans.",
])
def test_grazing_and_green_wall_upkeep_are_green_space_services(text: str) -> None:
    result = run(text, nature="services", date=AFTER)
    assert object_ids(result)[0] == "espaces-verts", text
    assert "biodiversite-eau-gestion-differenciee" in recommended(result)


@pytest.mark.parametrize("text", [
    "Résidence autonomie : prestations de coiffure pour les résidents, 2 demi-journées par semaine, 3 ans.",
    "Socio-esthétique et soins esthétiques auprès des patients de l'accueil de jour, 2 ans.",
])
def test_hairdressing_and_beauty_care_serve_users(text: str) -> None:
    chosen = recommended(run(text, nature="services", date=AFTER))
    assert "egalite-non-discrimination-usagers" in chosen, text
    assert not {clause for clause in chosen if clause.startswith("alimentation-durable")}


def test_letterbox_distribution_is_a_delivery_round_not_printing() -> None:
    result = run("Distribution dans les boîtes aux lettres de la lettre d'information communale (8 000 foyers), "
                 "6 numéros par an, 3 ans.", nature="services", date=AFTER)
    assert object_ids(result)[0] == "courrier-postal"
    assert not {clause for clause in recommended(result) if clause.startswith("papier-impression")}


def test_an_apprentice_asked_in_works_asks_the_training_clause() -> None:
    chosen = recommended(run("Extension du centre technique municipal, 6 lots, 1,2 M€ HT : le titulaire du lot gros "
                             "œuvre accueillera un apprenti.", nature="travaux", date=AFTER))
    assert "insertion-formation-alternance" in chosen


def test_plastic_free_packaging_asked_in_a_food_supply_is_recommended() -> None:
    chosen = recommended(run("Fourniture des goûters des accueils de loisirs (biscuits, compotes, jus de fruits), "
                             "emballage sans plastique exigé, 2 ans.", nature="fournitures", date=AFTER))
    assert "dechets-emballages-reduction-emballages-plastiques" in chosen


@pytest.mark.parametrize("text", [
    "Reportage vidéo du carnaval et des fêtes de quartier : tournage, montage et diffusion, 2 ans.",
    "Campagne de communication sur le tri des biodéchets : affiches, spots radio, réseaux sociaux, 40 000 € HT.",
])
def test_communication_about_a_subject_buys_neither_the_events_nor_the_service_it_shows(text: str) -> None:
    result = run(text, nature="services", date=AFTER)
    assert object_ids(result) == ["communication-evenementiel"], text
    chosen = recommended(result)
    assert "dechets-emballages-evenements-ecoresponsables" not in chosen
    assert not {clause for clause in chosen if clause.startswith(("insertion", "vehicules-mobilite"))}


def test_what_the_holder_is_chosen_for_is_the_purchase_not_a_use() -> None:
    result = run("Nous voulons que le titulaire retenu pour l'aménagement de la place du marché et la mise en "
                 "accessibilité PMR des cheminements soit engagé sur des heures d'insertion. 650 000 € HT.",
                 nature="travaux", date=AFTER)
    assert "travaux-voirie-reseaux" in object_ids(result)
    assert {clause for clause in recommended(result) if clause.startswith("handicap-accessibilite")}


def test_the_upkeep_of_a_church_organ_is_a_craft_service_not_works_on_the_church() -> None:
    result = run("Accord et entretien de l'orgue de l'église Saint-Sauveur, 3 ans.", date=AFTER)
    assert object_ids(result)[0] == "conservation-patrimoine"
    chosen = recommended(result)
    assert not {clause for clause in chosen if clause.startswith(("nuisances-chantier", "dechets-emballages-soged"))}
