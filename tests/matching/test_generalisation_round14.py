"""Causes of missed must-clauses, off-topic pre-ticks and misread amounts found by the fourteenth blind clause-level
set (tests/data/blind14_clause_level.jsonl), each as a general behaviour tried on other wordings than the set's."""

import datetime as dt

import pytest

from app.matching.reading import read_tender

from .support import object_ids, recommended, run

AFTER = dt.date(2026, 9, 1)


@pytest.mark.parametrize(("text", "amount"), [
    ("Achat de 40 barrières de police pliantes à 85 € HT l'unité.", 3400),
    ("Fourniture de 250 gilets haute visibilité à 12 € HT la pièce, livraison au centre technique.", 3000),
    ("Commande de 120 coffrets cadeaux pour les médaillés du travail, à 35 € TTC le coffret.", 3500),
    ("Fourniture de 12 bancs en chêne, 450 € HT le banc.", 5400),
    ("Fourniture de 20 tables de pique-nique, 150 € HT chacune.", 3000),
    ("Entretien de 3 terrains synthétiques, 12 000 € HT chacun par an, 2 ans.", 72000),
    # A month's price for each thing: twelve months a year, then the duration.
    ("Location de 3 bennes à 150 € HT la benne par mois, 2 ans.", 10800),
    ("Location de 4 photocopieurs, 90 € HT le copieur par mois, durée 3 ans", 12960),
])
def test_a_unit_price_after_a_count_of_things_is_the_count_times_the_price(text: str, amount: float) -> None:
    assert read_tender(text).amount_eur == pytest.approx(amount), text


@pytest.mark.parametrize("text", [
    "Tables pliantes à 45 € HT l'unité, livraison comprise.",
    "Tapis de sol à 30 € HT la pièce pour le dojo.",
])
def test_a_unit_price_without_a_count_is_no_amount_of_the_contract(text: str) -> None:
    assert read_tender(text).amount_eur is None, text


@pytest.mark.parametrize(("text", "amount"), [
    ("Entretien des 4 stades, montant estimé à 45 000 € HT la première année, 3 ans.", 45000),
    ("Travaux en 3 tranches estimés à 120 000 € HT la tranche ferme.", 120000),
    ("Marché de 2 ans pour les 6 écoles, jusqu'à 50 000 € HT la première année.", 50000),
])
def test_an_estimate_or_a_part_of_the_contract_is_not_a_price_for_each_thing(text: str, amount: float) -> None:
    assert read_tender(text).amount_eur == pytest.approx(amount), text


@pytest.mark.parametrize("text", [
    "CCAS – portage de courses à domicile pour les seniors isolés, commande par téléphone la veille, 2 ans.",
    "Livraison de courses à domicile des personnes à mobilité réduite, une fois par semaine, 3 ans.",
])
def test_home_delivered_shopping_is_a_service_to_people_made_with_the_holders_vehicles(text: str) -> None:
    chosen = recommended(run(text, nature="services", date=AFTER))
    assert {"egalite-non-discrimination-usagers", "vehicules-mobilite-flotte-prestataire"} <= chosen, text
    assert not {clause for clause in chosen if clause.startswith(("numerique-responsable", "alimentation-durable"))}


@pytest.mark.parametrize("text", [
    "Acquisition de 6 imprimantes 3D et de bobines de filament pour le fab lab de la médiathèque, 9 000 € HT.",
    "Lycées – imprimante 3D grand format et scanner 3D pour les ateliers de conception, 24 000 € HT.",
])
def test_a_3d_printer_prints_no_paper(text: str) -> None:
    result = run(text, date=AFTER)
    assert "copieurs" not in object_ids(result), text
    assert not {clause for clause in recommended(result) if clause.startswith("papier-impression")}, text


def test_office_printers_are_still_printing_equipment() -> None:
    result = run("Fourniture de 35 imprimantes multifonctions pour les services, 4 ans.", date=AFTER)
    assert object_ids(result)[0] == "copieurs"


@pytest.mark.parametrize("text", [
    "Salle omnisports – réfection du sol sportif (résine coulée), 120 000 € HT.",
    "Remplacement des sols sportifs des 2 gymnases par un revêtement en linoléum, 7 semaines de travaux.",
])
def test_a_sports_floor_laid_asks_for_low_emission_floor_coverings(text: str) -> None:
    assert "substances-dangereuses-peintures-cov" in recommended(run(text, nature="travaux", date=AFTER)), text


def test_cleaning_sports_floors_lays_no_floor() -> None:
    chosen = recommended(run("Nettoyage des sols sportifs et des vestiaires des gymnases, 3 ans.", nature="services",
                             date=AFTER))
    assert "substances-dangereuses-peintures-cov" not in chosen
