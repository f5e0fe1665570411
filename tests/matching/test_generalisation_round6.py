"""Causes of wrong pre-ticks found by the sixth blind clause-level set (tests/data/blind6_clause_level.jsonl), each as
a general behaviour tried on other wordings than the set's."""

import datetime as dt

import pytest

from .support import object_ids, recommended, run

AFTER = dt.date(2026, 9, 1)
SITE = {"insertion-heures-execution", "dechets-emballages-soged-chantier", "nuisances-chantier-charte"}


def test_a_list_of_lots_buys_every_lot() -> None:
    # The first lot is a specialised trade: the building works of the other lots are bought too.
    result = run("Extension de l'école maternelle – lot 1 désamiantage-déplombage, lot 2 maçonnerie, lot 3 couverture "
                 "zinguerie, lot 4 électricité. 950 000 € HT.", nature="travaux", date=AFTER)
    assert {"travaux-desamiantage", "travaux-batiment"} <= set(object_ids(result))
    assert {"insertion-heures-execution", "dechets-emballages-bsd-dechets-dangereux"} <= recommended(result)


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("Collège Jean-Zay : mobilier du foyer des élèves (tables, chaises, canapés), 2 lots.", "mobilier"),
        ("Foyer-logement : acquisition d'un véhicule utilitaire électrique, reprise de l'ancien.",
         "vehicules-acquisition"),
    ],
)
def test_a_place_heading_gives_way_to_the_purchase_named_next(text: str, family: str) -> None:
    result = run(text, date=AFTER)  # no nature given
    assert object_ids(result)[0] == family
    assert result.nature == "fournitures"
    assert not recommended(result) & SITE


def test_a_service_heading_gives_way_to_a_purchase_it_opens_next() -> None:
    result = run("Accueil de jour : achat d'une voiture électrique pour le transport des usagers.", date=AFTER)
    assert object_ids(result)[0] == "vehicules-acquisition"
    assert "vehicules-mobilite-faibles-emissions-acquisition" in recommended(result)


def test_an_action_heading_is_not_a_place() -> None:
    # « Contrôle et entretien … : graissage, peinture »: the service stays the object, the tasks are its detail.
    result = run("Contrôle et entretien des bornes d'incendie de la commune : graissage, remplacement des joints, "
                 "remise en peinture. 3 ans.", nature="services", date=AFTER)
    assert not recommended(result) & SITE


def test_flowers_for_ceremonies_are_plants_not_catering() -> None:
    result = run("Fourniture de bouquets et de gerbes pour les cérémonies commémoratives et les réceptions de la "
                 "mairie, 2 ans.", date=AFTER)
    assert object_ids(result)[0] == "vegetaux"
    assert not {clause for clause in recommended(result) if clause.startswith("alimentation-durable")}


def test_christmas_boxes_for_the_elderly_are_food_not_parcels() -> None:
    result = run("Fourniture des colis gourmands offerts aux aînés de la commune (produits régionaux, chocolats), "
                 "livraison à domicile.", date=AFTER)
    assert object_ids(result)[0] == "denrees-alimentaires"
    assert "vehicules-mobilite-flotte-prestataire" not in recommended(result)


@pytest.mark.parametrize(
    "text",
    [
        "Médiathèque intercommunale – livres imprimés : lot 1 romans adultes, lot 2 albums jeunesse, lot 3 livres en "
        "gros caractères.",
        "Collège – mobilier : lot 1 chaises, lot 2 armoires.",
    ],
)
def test_several_lots_of_supplies_are_not_trades_of_a_building(text: str) -> None:
    result = run(text, date=AFTER)  # no nature given: a building named first is where the supplies go
    assert result.nature == "fournitures"
    assert not recommended(result) & SITE


def test_goods_joined_to_goods_after_a_complement_are_bought_too() -> None:
    result = run("Fourniture des gants de protection des agents et des produits d'entretien des locaux.", date=AFTER)
    assert "produits-entretien" in object_ids(result)
    assert "ecolabels-produits-entretien-specification" in recommended(result)


def test_a_complement_of_a_service_stays_a_place() -> None:
    # Only goods joined to goods: « des écoles et des restaurants scolaires » stays where the cleaning is done.
    result = run("Nettoyage des écoles et des restaurants scolaires, 4 ans.", date=AFTER)
    assert not {clause for clause in recommended(result) if clause.startswith("alimentation-durable")}
