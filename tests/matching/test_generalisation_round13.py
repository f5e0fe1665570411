"""Causes of missed must-clauses and off-topic pre-ticks found by the thirteenth blind clause-level set
(tests/data/blind13_clause_level.jsonl), each as a general behaviour tried on other wordings than the set's."""

import datetime as dt

import pytest

from app.matching.reading import read_tender

from .support import object_ids, recommended, run

AFTER = dt.date(2026, 9, 1)


@pytest.mark.parametrize(("text", "amount"), [
    ("Entretien des extincteurs des bâtiments communaux, 2 ans, 3 500 e HT par an.", 7000),
    ("MAPA – PEINTURE DES VESTIAIRES DU STADE – 42 KE HT", 42000),
    ("Achat de 3 broyeurs de végétaux, 27 000 e ttc.", 22500),
])
def test_an_e_before_ht_or_ttc_is_the_euro_of_a_keyboard_without_the_sign(text: str, amount: float) -> None:
    assert read_tender(text).amount_eur == pytest.approx(amount), text


@pytest.mark.parametrize("text", [
    "Réfection de la salle du 3 e étage de la mairie, 2 e tranche.",
    "Logement du 1 e étage : remplacement de la chaudière.",
])
def test_an_e_without_ht_or_ttc_is_no_amount(text: str) -> None:
    assert read_tender(text).amount_eur is None, text


@pytest.mark.parametrize("text", [
    "Portage de plis et colis inter-sites : lot 1 courrier interne, lot 2 colis, lot 3 archives. Nous voulons un lot "
    "réservé (le lot 3). 3 ans.",
    "Entretien des espaces verts des écoles – lot 1 tonte, lot 2 taille, lot 3 désherbage manuel : les élus "
    "demandent deux lots réservés aux structures d'insertion.",
])
def test_a_lot_reserved_asked_before_its_number_is_a_lot_not_the_contract(text: str) -> None:
    chosen = recommended(run(text, nature="services", date=AFTER))
    assert "marche-reserve-lot-reserve" in chosen, text
    assert not chosen & {"marche-reserve-ea-esat", "marche-reserve-siae"}, text


def test_a_single_lot_reserved_is_the_whole_contract() -> None:
    chosen = recommended(run("Nettoyage des vitres de la mairie, un lot unique réservé aux entreprises adaptées.",
                             nature="services", date=AFTER))
    assert "marche-reserve-lot-reserve" not in chosen


@pytest.mark.parametrize("text", [
    "Régie des eaux – fourniture de 400 compteurs d'eau avec tête émettrice, 2 ans.",
    "Régie de transport – fourniture de 2 000 titres de transport sans contact, 3 ans.",
    "Village vacances géré en régie – fourniture de couettes et d'oreillers pour 40 chalets.",
])
def test_a_regie_is_a_way_of_running_a_service_not_a_market_hall(text: str) -> None:
    assert "gestion-marches-halles" not in object_ids(run(text, date=AFTER)), text


@pytest.mark.parametrize("text", [
    "Régie des marchés forains : placement des commerçants et encaissement des droits de place, 3 ans.",
    "Régie des droits de place du marché hebdomadaire du mardi, 4 ans.",
])
def test_the_market_regie_is_still_read(text: str) -> None:
    assert object_ids(run(text, nature="services", date=AFTER))[0] == "gestion-marches-halles", text


@pytest.mark.parametrize("text", [
    "Isolation des rampants de la médiathèque en laine de chanvre et remplacement des velux, 95 000 € HT.",
    "Ravalement et isolation par l'extérieur du gymnase, isolant en liège expansé, 310 k€ HT.",
    "Extension de l'école en ossature bois, murs en béton de chanvre, 7 lots, 900 000 € HT.",
])
def test_bio_based_insulants_named_by_their_material_ask_for_bio_based_materials(text: str) -> None:
    assert "energie-climat-materiaux-biosources-bas-carbone" in recommended(run(text, nature="travaux", date=AFTER))


def test_a_roof_without_a_bio_based_material_asks_none() -> None:
    chosen = recommended(run("Remplacement de la toiture du préau de l'école en bac acier, 40 000 € HT.",
                             nature="travaux", date=AFTER))
    assert "energie-climat-materiaux-biosources-bas-carbone" not in chosen


@pytest.mark.parametrize("text", [
    "Entretien des poêles à granulés des logements communaux et fourniture des granulés de bois, 3 ans.",
    "Ramonage et entretien des poêles à bois des gîtes communaux, fourniture de bûches de chêne sèches, 2 ans.",
])
def test_a_service_that_supplies_its_wood_fuel_asks_for_sustainable_wood(text: str) -> None:
    assert "bois-forets-gestion-durable" in recommended(run(text, nature="services", date=AFTER)), text


def test_a_service_on_wood_boilers_that_supplies_nothing_asks_for_no_wood() -> None:
    chosen = recommended(run("Entretien des poêles à granulés des logements communaux, 3 ans.", nature="services",
                             date=AFTER))
    assert "bois-forets-gestion-durable" not in chosen


@pytest.mark.parametrize("text", [
    "Réparation des 6 autocars du réseau scolaire, 3 ans.",
    "Entretien des camions bennes de collecte et des engins de la déchetterie, 3 ans.",
    "Réseau urbain : entretien et réparation des 24 bus hybrides, pièces de réemploi acceptées.",
])
def test_the_upkeep_of_buses_coaches_and_trucks_is_not_their_purchase(text: str) -> None:
    result = run(text, date=AFTER)  # nature left empty
    assert object_ids(result)[0] == "entretien-vehicules", text
    chosen = recommended(result)
    assert "reemploi-recyclage-entretien-vehicules-pieces" in chosen
    assert "vehicules-mobilite-faibles-emissions-acquisition" not in chosen


def test_buying_buses_is_still_a_purchase_of_vehicles() -> None:
    result = run("Acquisition de 2 autobus électriques de 12 m pour le réseau urbain.", date=AFTER)
    assert "vehicules-mobilite-faibles-emissions-acquisition" in recommended(result)
