"""Causes of wrong pre-ticks found by the fifth blind clause-level set (tests/data/blind5_clause_level.jsonl), each as
a general behaviour tried on other wordings than the set's."""

import datetime as dt

import pytest

from app.matching.reading import read_tender

from .support import object_ids, recommended, run

AFTER = dt.date(2026, 9, 1)
COLLECTIVE = {"alimentation-durable-egalim-parts", "alimentation-durable-menu-vegetarien"}
GREEN_SPACE_UPKEEP = {"biodiversite-eau-zero-phyto", "biodiversite-eau-gestion-differenciee"}


@pytest.mark.parametrize(
    "text",
    [
        "Livraison de plateaux repas pour les commissions et les séminaires des élus, 3 ans.",
        "Plateaux-déjeuner pour les sessions du conseil départemental et les visites officielles.",
    ],
)
def test_meal_trays_for_meetings_are_catering_not_collective_catering(text: str) -> None:
    result = run(text, date=AFTER)
    assert object_ids(result)[0] == "receptions-traiteur"
    chosen = recommended(result)
    assert "dechets-emballages-reduction-emballages-plastiques" in chosen
    assert not chosen & COLLECTIVE


@pytest.mark.parametrize(
    "text",
    [
        "Travaux de réalisation d'un terrain de rugby en gazon synthétique avec éclairage, 1,3 M€ HT.",
        "Réfection du terrain de football stabilisé et création d'une piste d'athlétisme, travaux en 2 lots, "
        "700 000 € HT.",
    ],
)
def test_works_on_a_sports_ground_are_works_not_green_space_upkeep(text: str) -> None:
    result = run(text, date=AFTER)
    assert result.nature == "travaux"
    chosen = recommended(result)
    assert {"insertion-heures-execution", "dechets-emballages-soged-chantier"} <= chosen
    assert not chosen & GREEN_SPACE_UPKEEP


def test_the_upkeep_of_a_sports_ground_stays_a_green_space_service() -> None:
    result = run("Tonte et entretien des terrains de football et de rugby du stade municipal, 3 ans.", date=AFTER)
    assert result.nature == "services"
    assert "biodiversite-eau-zero-phyto" in recommended(result)


@pytest.mark.parametrize(
    "text",
    [
        "Achat de bureaux et d'armoires issus du reconditionnement pour les services administratifs, 25 000 € HT.",
        "Acquisition de mobilier scolaire de seconde main issu du reconditionnement (tables, chaises).",
    ],
)
def test_a_reuse_word_asks_no_clause_of_another_purchase(text: str) -> None:
    chosen = recommended(run(text, date=AFTER))
    assert "reemploi-recyclage-part-categorie-declaration" in chosen
    assert not {clause for clause in chosen if clause.startswith("numerique-responsable")}


def test_a_service_on_goods_buys_none_of_them() -> None:
    result = run("Blanchisserie des vêtements de travail et du linge de maison des agents, le linge réformé est "
                 "recyclé, 3 ans.", nature="services", date=AFTER)
    assert object_ids(result) == ["blanchisserie"]
    assert "reemploi-recyclage-textiles-agec" not in recommended(result)


def test_textiles_rented_as_a_service_keep_their_clause() -> None:
    chosen = recommended(run("Location-entretien des tenues de travail des agents de la voirie, 4 ans.",
                             date=AFTER))
    assert "reemploi-recyclage-textiles-agec" in chosen


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("Location avec maintenance de 60 tablettes numériques pour les classes, 3 ans.", "informatique-materiel"),
        ("Location financière avec maintenance de 90 postes informatiques et écrans pour la mairie, 4 ans.",
         "informatique-materiel"),
    ],
)
def test_a_rental_with_upkeep_buys_the_goods(text: str, family: str) -> None:
    result = run(text, date=AFTER)
    assert object_ids(result) == [family]
    assert result.nature == "fournitures"


def test_upkeep_named_first_stays_the_service_bought() -> None:
    assert "maintenance-installations" in object_ids(run("Maintenance des 60 tablettes numériques des classes.",
                                                         date=AFTER))


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("Équipement de la maison des jeunes : lot 1 mobilier (tables, poufs ; 18 000 € HT), lot 2 matériel "
         "audiovisuel (12 k€ HT), lot 3 jeux de société et livres (4 500 € HT).", 34_500),
        ("Lot 1 : entretien des espaces verts, 30 000 € HT ; lot 2 : élagage, 20 000 € HT.", 50_000),
        # A total written outside the lots is the amount.
        ("Lot 1 voirie 200 000 € HT ; lot 2 éclairage 150 000 € HT. Total 350 000 € HT.", 350_000),
        # A lot without its amount: the lots do not add up to the contract.
        ("Lot 1 voirie 200 000 € HT ; lot 2 éclairage. Enveloppe globale 350 000 € HT.", 350_000),
    ],
)
def test_the_amounts_of_every_lot_add_up_to_the_contract(text: str, amount: float) -> None:
    assert read_tender(text).amount_eur == amount


def test_lots_of_different_natures_are_all_bought() -> None:
    result = run("Équipement de la salle polyvalente : lot 1 travaux d'électricité et d'éclairage scénique, lot 2 "
                 "tables et chaises empilables, lot 3 écrans et vidéoprojecteurs.", nature="fournitures", date=AFTER)
    assert {"mobilier", "informatique-materiel"} <= set(object_ids(result))
    chosen = recommended(result)
    assert {"ecolabels-mobilier-specification", "numerique-responsable-equipements-durables"} <= chosen


def test_lots_of_one_nature_are_read_from_the_head() -> None:
    result = run("Fourniture de denrées : lot 1 fruits et légumes, lot 2 viandes, lot 3 produits laitiers, lot 4 "
                 "épicerie.", date=AFTER)
    assert object_ids(result) == ["denrees-alimentaires"]


@pytest.mark.parametrize(
    "text",
    [
        "Marché de téléphonie mobile pour 120 agents, 3 ans.",
        "Téléphonie fixe des écoles et des services techniques, 4 ans.",
    ],
)
def test_telephony_is_a_telecommunication_service(text: str) -> None:
    result = run(text, date=AFTER)
    assert object_ids(result)[0] == "telecommunications"
    assert result.nature == "services"
    assert "numerique-responsable-equipements-durables" not in recommended(result)


def test_phones_bought_stay_hardware() -> None:
    assert object_ids(run("Achat de 80 téléphones mobiles pour les agents.", date=AFTER))[0] == "informatique-materiel"
