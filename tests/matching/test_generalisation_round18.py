"""Causes of off-topic recommendations, misread objects and amounts found by the eighteenth blind clause-level set
(tests/data/blind18_clause_level.jsonl), each as a general behaviour tried on other wordings than the set's."""

import datetime as dt

import pytest

from app.matching.reading import read_tender

from .support import object_ids, recommended, run

AFTER = dt.date(2026, 9, 1)
LIGHTING = "energie-climat-eclairage-public"


# Festive illuminations and luminous displays light nothing up: no public-lighting clause (arrêté du 27 décembre 2018).
@pytest.mark.parametrize("text", [
    "Location, pose et dépose des décorations lumineuses de Noël dans les rues du centre-ville, 3 saisons",
    "Achat de guirlandes lumineuses et de motifs lumineux pour les fêtes de fin d'année, 12 000 € HT",
    "Remplacement du journal électronique d'information de l'entrée de ville, 18 000 € HT",
    "Fourniture d'un panneau à messages variables pour la sortie des écoles",
])
def test_illuminations_and_luminous_boards_are_no_public_lighting(text: str) -> None:
    result = run(text, date=AFTER)
    assert object_ids(result)[0] == "illuminations-affichage-lumineux", text
    assert LIGHTING not in recommended(result), text


@pytest.mark.parametrize("text", [
    "Rénovation de l'éclairage public : remplacement de 420 luminaires par des luminaires à LED, 300 000 € HT",
    "Maintenance de l'éclairage public et des feux tricolores de la commune",
])
def test_public_lighting_keeps_its_clause(text: str) -> None:
    assert LIGHTING in recommended(run(text, date=AFTER)), text


# « à LED » says how a thing shows or lights, it buys no lighting.
def test_a_thing_with_leds_is_no_lighting() -> None:
    result = run("Achat d'un afficheur de vitesse à LED pour l'avenue de la République", date=AFTER)
    assert LIGHTING not in recommended(result)


# A department of the buyer as the subject of a wish names who asks, not what is bought.
@pytest.mark.parametrize(("text", "family"), [
    ("Le service communication voudrait acheter 40 chaises pliantes pour les réunions publiques.", "mobilier"),
    ("Notre service des sports souhaite louer un minibus pour les déplacements des équipes.", "vehicules-acquisition"),
])
def test_a_department_asking_is_not_the_purchase(text: str, family: str) -> None:
    ids = object_ids(run(text, date=AFTER))
    assert ids and ids[0] != "communication-evenementiel" and "communication-evenementiel" not in ids[:1], (text, ids)


# A canteen or a former filling station named as the site before a dash: the works after it are bought.
@pytest.mark.parametrize(("text", "family"), [
    ("Cantine de l'école Pasteur – correction acoustique du réfectoire, 30 000 € HT", "travaux-batiment"),
    ("Restaurant du personnel – réfection du faux plafond et de l'éclairage de la salle", "travaux-batiment"),
    ("Ancienne station service de la route de Brest – dépollution des sols et démolition de l'auvent",
     "travaux-desamiantage"),
])
def test_a_site_heading_gives_way_to_the_works(text: str, family: str) -> None:
    result = run(text, date=AFTER)
    assert object_ids(result)[0] == family, text
    assert result.nature == "travaux", text
    assert not {clause for clause in recommended(result) if clause.startswith("alimentation-durable")}, text


# Population-warning sirens are alarm equipment, bought with their installation: no road works.
@pytest.mark.parametrize("text", [
    "Installation d'une sirène d'alerte à la population sur le toit de la salle des fêtes",
    "Fourniture, pose et raccordement de 3 sirènes pour le plan communal de sauvegarde, 40 000 € HT",
])
def test_warning_sirens_are_alarm_supplies(text: str) -> None:
    result = run(text, date=AFTER)
    assert object_ids(result)[0] == "securite-electronique", text
    assert "dechets-emballages-soged-chantier" not in recommended(result), text


# A price per session multiplies the total of sessions stated, never a pace per week or month.
@pytest.mark.parametrize(("text", "amount"), [
    ("Cours de natation pour les écoles : 3 séances par semaine, 50 € HT la séance (120 séances sur l'année)", 6000),
    ("Ateliers d'éveil musical : 2 interventions par mois à 90 € HT l'intervention, soit 40 interventions", 3600),
])
def test_a_price_per_session_multiplies_the_total_not_the_pace(text: str, amount: float) -> None:
    assert read_tender(text).amount_eur == pytest.approx(amount), text


def test_a_pace_alone_leaves_a_unit_price() -> None:
    """Without a total, a price per session with a pace per month is a unit price: no amount read."""
    assert read_tender("Animation musicale en crèche, 2 séances par mois, 70 € HT la séance").amount_eur is None


# A lump sum next to a price for each thing counted is another part of the contract (leftover of round 17).
@pytest.mark.parametrize(("text", "amount"), [
    ("Diagnostic accessibilité de 12 écoles à 1 200 € HT par école et synthèse communale (forfait 2 000 € HT)", 16400),
    ("Relevé de 40 arbres à 90 € HT par arbre, plus la cartographie au forfait de 1 500 € HT", 5100),
])
def test_a_lump_sum_adds_to_a_price_per_thing(text: str, amount: float) -> None:
    assert read_tender(text).amount_eur == pytest.approx(amount), text


def test_a_lump_sum_alone_is_the_amount() -> None:
    assert read_tender("Nettoyage de la salle des fêtes après chaque manifestation, forfait de 9 000 € HT par an, 3 ans"
                       ).amount_eur == pytest.approx(27000)


# Stone cleaned by projection is masonry restoration, never the routine cleaning of premises (leftover of round 17).
@pytest.mark.parametrize("text", [
    "Église Saint-Martin : nettoyage par aérogommage du portail sculpté et reprise des joints, 22 000 € HT",
    "Nettoyage des façades de l'hôtel de ville par hydrogommage et traitement hydrofuge",
])
def test_stone_cleaned_by_projection_is_works(text: str) -> None:
    result = run(text, date=AFTER)  # no nature given
    assert result.nature == "travaux", text
    assert "insertion-heures-services-recurrents" not in recommended(result), text


def test_premises_cleaning_stays_a_service() -> None:
    result = run("Nettoyage des locaux de la mairie et des écoles, 3 ans", date=AFTER)
    assert object_ids(result)[0] == "nettoyage-locaux"
