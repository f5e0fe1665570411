"""Causes of missed must-clauses and misread amounts found by the seventeenth blind clause-level set
(tests/data/blind17_clause_level.jsonl), each as a general behaviour tried on other wordings than the set's."""

import datetime as dt

import pytest

from app.matching.reading import read_tender

from .support import object_ids, recommended, run

AFTER = dt.date(2026, 9, 1)


# Old lead paint stripped from a building or a structure is hazardous waste: its tracking slips are asked.
@pytest.mark.parametrize("text", [
    "Mise en peinture des menuiseries du groupe scolaire après décapage des peintures au plomb, 60 000 € HT",
    "Réfection des volets de la mairie : décapage des anciennes peintures au plomb et remise en peinture, 38 000 € HT",
])
def test_lead_paint_stripped_asks_for_hazardous_waste_tracking(text: str) -> None:
    assert "dechets-emballages-bsd-dechets-dangereux" in recommended(run(text, nature="travaux", date=AFTER)), text


def test_lead_pipes_are_no_lead_paint() -> None:
    """« plomb » alone stays a pipe to renew, not hazardous paint residues."""
    chosen = recommended(run("Remplacement des branchements en plomb de la rue des Écoles, 80 000 € HT",
                             nature="travaux", date=AFTER))
    assert "dechets-emballages-bsd-dechets-dangereux" not in chosen


# Straw insulation is a biosourced material asked outright.
@pytest.mark.parametrize("text", [
    "Extension de l'école maternelle en ossature bois, murs en bottes de paille, 850 000 € HT",
    "Construction d'une salle associative : structure bois et isolation en paille, 4 lots, 620 000 € HT",
])
def test_straw_insulation_asks_for_biosourced_materials(text: str) -> None:
    chosen = recommended(run(text, nature="travaux", date=AFTER))
    assert "energie-climat-materiaux-biosources-bas-carbone" in chosen, text


# Flags and pennants are made textile articles.
@pytest.mark.parametrize("text", [
    "Achat de drapeaux pour les bâtiments publics et les monuments, 4 000 € HT",
    "Fourniture de fanions et de banderoles textile pour les clubs sportifs, 6 000 € HT",
])
def test_flags_are_textiles_with_the_ilo_clause(text: str) -> None:
    result = run(text, date=AFTER)
    assert object_ids(result)[0] == "textiles-habillement", text
    assert "droits-humains-chaine-oit-tracabilite" in recommended(result), text


# Peat-free growing media asked outright bring the clause on supplied plants and substrates.
@pytest.mark.parametrize("text", [
    "Achat de graines et de substrats sans tourbe pour les jardins partagés, 5 000 € HT",
    "Fourniture de bulbes et de vivaces pour le fleurissement ; les plants seront livrés en terreau sans tourbe.",
])
def test_peat_free_substrate_asks_for_the_plant_supply_clause(text: str) -> None:
    assert "biodiversite-eau-fourniture-vegetaux" in recommended(run(text, nature="fournitures", date=AFTER)), text


def test_a_peat_bog_is_no_growing_medium() -> None:
    chosen = recommended(run("Étude de restauration de la tourbière du Venec et des zones humides voisines, "
                             "40 000 € HT", nature="services", date=AFTER))
    assert "biodiversite-eau-fourniture-vegetaux" not in chosen


# Wishing to entrust the contract to an ESAT, an EA or an insertion structure asks for its reservation.
@pytest.mark.parametrize(("text", "nature", "clause"), [
    ("Mise sous pli du magazine municipal : nous aimerions confier le marché à des entreprises adaptées, 12 000 € HT",
     None, "marche-reserve-ea-esat"),
    ("Entretien des sentiers du littoral, 3 ans, 20 000 € HT par an ; le maire veut confier ces prestations à une "
     "structure d'insertion par l'activité économique", "services", "marche-reserve-siae"),
])
def test_entrusting_the_contract_to_such_structures_asks_for_a_reservation(
        text: str, nature: str | None, clause: str) -> None:
    assert clause in recommended(run(text, nature=nature, date=AFTER)), text


def test_a_task_entrusted_in_the_past_asks_for_nothing() -> None:
    chosen = recommended(run("Nettoyage des vestiaires du stade, le tri des déchets est confié à l'ESAT voisin, "
                             "2 ans, 15 000 € HT par an", nature="services", date=AFTER))
    assert not {"marche-reserve-ea-esat", "marche-reserve-siae", "marche-reserve-lot-reserve"} & chosen


# Learning rendered to residents (driving licence of young people, cycling school) is a service to users.
@pytest.mark.parametrize("text", [
    "Aide au permis de conduire des jeunes du CCAS : 40 forfaits code et conduite par an auprès d'une auto-école, "
    "2 ans, 50 000 € HT",
    "Remise en selle des seniors et apprentissage du vélo pour les enfants des centres de loisirs, 8 000 € HT par an, "
    "3 ans",
])
def test_learning_rendered_to_residents_asks_for_equal_treatment_of_users(text: str) -> None:
    result = run(text, date=AFTER)
    assert "egalite-non-discrimination-usagers" in recommended(result), text
    assert "cycles" not in object_ids(result), text


def test_the_staff_driving_licence_stays_a_training() -> None:
    result = run("Formation au permis poids lourd de 6 agents des services techniques, 18 000 € HT",
                 nature="services", date=AFTER)
    assert object_ids(result) == ["formation"]
    assert "egalite-non-discrimination-usagers" not in recommended(result)


# An infrared survey (on foot or by drone) is a check about buildings, not works.
@pytest.mark.parametrize("text", [
    "Relevé thermographique des façades des écoles avant les travaux de rénovation énergétique, 9 000 € HT",
    "Inspection par drone des toitures et des gouttières du patrimoine communal, 12 000 € HT",
])
def test_an_infrared_or_drone_survey_is_no_works(text: str) -> None:
    result = run(text, date=AFTER)
    assert object_ids(result)[0] == "controles-construction", text
    assert not {"dechets-emballages-soged-chantier", "insertion-heures-execution"} & recommended(result), text


# A price for each thing the text counts a year, whatever the thing, and a short complement between the things and
# the year.
@pytest.mark.parametrize(("text", "amount"), [
    ("Capture des animaux errants : environ 60 captures par an, 95 € HT la capture, 4 ans", 22_800),
    ("Ateliers nature pour les écoles : 20 ateliers de 2 heures par an à 180 € HT l'atelier, 3 ans", 10_800),
    ("Stages de natation : 8 stages de 5 jours par an, 3 ans, 1 500 € HT par stage", 36_000),
    ("Portage de livres à domicile pour 45 lecteurs de plus de 75 ans par an, 2 ans, 60 € HT par lecteur", 5_400),
])
def test_a_price_for_each_thing_counted_a_year(text: str, amount: float) -> None:
    assert read_tender(text).amount_eur == pytest.approx(amount), text
