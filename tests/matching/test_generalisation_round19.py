"""Causes of off-topic recommendations, misread objects and amounts found by the nineteenth blind clause-level set
(tests/data/blind19_clause_level.jsonl), each as a general behaviour tried on other wordings than the set's."""

import datetime as dt

import pytest

from app.matching.reading import read_tender

from .support import object_ids, recommended, run

AFTER = dt.date(2026, 9, 1)
FUNERAL = "bois-forets-fournitures-funeraires"
FUEL = "energie-climat-carburants-renouvelables"
USERS = "egalite-non-discrimination-usagers"


# Grave digging, exhumations and the reclaiming of graves buy no coffin: the funeral-supplies clause says to leave
# cemetery operations out.
@pytest.mark.parametrize("text", [
    "Creusement des fosses et ouverture de caveaux dans les 3 cimetières de la ville, 4 ans",
    "Reprise de 60 concessions abandonnées : exhumation des restes et dépôt à l'ossuaire",
    "Prestations de fossoyeur pour le cimetière paysager, environ 80 inhumations par an",
])
def test_cemetery_operations_buy_no_coffin(text: str) -> None:
    result = run(text, date=AFTER)
    assert FUNERAL not in recommended(result), text
    assert object_ids(result)[0] == "fossoyage", text


@pytest.mark.parametrize("text", [
    "Obsèques des personnes dépourvues de ressources suffisantes : cercueil, transport de corps et inhumation",
    "Fourniture de cercueils et d'urnes cinéraires pour le crématorium",
])
def test_funerals_with_a_coffin_keep_the_clause(text: str) -> None:
    assert FUNERAL in recommended(run(text, date=AFTER)), text


# The engine of a machine describes it (« moteur diesel ») and a snow groomer is a machine: no fuel is bought.
@pytest.mark.parametrize("text", [
    "Achat d'une dameuse d'occasion pour la station, moteur diesel 300 ch, 180 000 € HT",
    "Acquisition d'une chargeuse compacte à moteur diesel pour le service voirie",
    "Fourniture d'un tracteur de 110 ch, motorisation diesel, avec chargeur frontal",
])
def test_a_machine_with_a_diesel_engine_buys_no_fuel(text: str) -> None:
    result = run(text, date=AFTER)
    assert FUEL not in recommended(result), text
    assert object_ids(result)[0] == "materiel-espaces-verts", text


def test_fuel_for_diesel_engines_is_still_fuel() -> None:
    result = run("Fourniture de gazole non routier pour les engins à moteur diesel de la régie", date=AFTER)
    assert FUEL in recommended(result)


# Digital inclusion taught to residents is a service to users, not a digital service nor a purchase of tablets.
@pytest.mark.parametrize("text", [
    "Médiation numérique dans les quartiers : permanences pour aider les habitants dans leurs démarches en ligne",
    "Initiation à l'informatique et à internet pour les demandeurs d'emploi, 12 sessions",
    "Le CCAS souhaite des ateliers numériques pour les retraités : messagerie, photos, sites des administrations",
])
def test_digital_inclusion_is_a_service_to_users(text: str) -> None:
    result = run(text, date=AFTER)
    assert object_ids(result)[0] == "services-sociaux-formation", text
    assert USERS in recommended(result), text
    assert "numerique-responsable-ecoconception-services" not in recommended(result), text


def test_an_online_portal_is_still_a_digital_service() -> None:
    result = run("Refonte du portail des démarches en ligne de la ville et hébergement, 3 ans", date=AFTER)
    assert object_ids(result)[0] == "logiciels-services-numeriques"


# Amounts written in words, as a deliberation writes them.
@pytest.mark.parametrize(("text", "amount"), [
    ("Enveloppe : quatre-vingt-dix mille euros hors taxes.", 90_000),
    ("Le montant du marché est fixé à un million deux cent mille euros HT.", 1_200_000),
    ("soixante et onze mille cinq cents euros TTC", 59_583.33),
    ("Budget : trois mille euros HT par an, 2 ans", 6_000),
])
def test_amounts_in_words(text: str, amount: float) -> None:
    assert read_tender(text).amount_eur == amount


def test_one_euro_in_words_is_no_amount_read() -> None:
    assert read_tender("cession pour un euro symbolique").amount_eur is None


# « de l'heure », « du repas » say a unit price; a weekly pace and the weeks of a year give the yearly count.
@pytest.mark.parametrize(("text", "amount"), [
    ("Soutien scolaire : 4 heures par semaine, 36 semaines par an, 38 € HT de l'heure, 3 ans.", 16_416),
    ("Portage : 4,40 € HT du repas, 5 000 repas par an, 2 ans", 44_000),
])
def test_prices_of_the_hour_and_the_meal(text: str, amount: float) -> None:
    assert read_tender(text).amount_eur == amount


@pytest.mark.parametrize("text", [
    "Intervenant musique : 52 € HT de l'heure",
    "Intervenant : 3 heures par semaine à 40 € HT de l'heure",
])
def test_a_price_of_the_hour_without_a_yearly_count_is_no_amount(text: str) -> None:
    assert read_tender(text).amount_eur is None


def test_the_amount_of_a_lot_is_no_unit_price() -> None:
    assert read_tender("Lot 2 : 30 000 € HT du lot, 1 an").amount_eur == 30_000


# The buyer's workshops or technical centre named as the site before a colon: what follows is bought, even when the
# heading also names a cemetery (a green-space word).
@pytest.mark.parametrize(("text", "family"), [
    ("Ateliers municipaux et cimetière du Sud : fourniture et pose de bornes de recharge, tranchées et raccordement",
     "bornes-recharge"),
    ("Atelier technique et cimetière : création d'un réseau de récupération des eaux de pluie, terrassement",
     "travaux-voirie-reseaux"),
    ("Centre technique : remplacement de la chaudière fioul par une pompe à chaleur", "travaux-energie"),
    ("Ateliers communaux : fourniture de 3 armoires de rangement", "mobilier"),
])
def test_a_workshop_heading_gives_way_to_the_purchase(text: str, family: str) -> None:
    assert object_ids(run(text, date=AFTER))[0] == family, text


# A pool's thermal cover is an equipment laid on the basin, not roofing works; the roof of a pool stays works.
@pytest.mark.parametrize("text", [
    "Piscine municipale : remplacement de la couverture de bassin et de son enrouleur, 25 000 € HT",
    "FOURNITURE ET POSE D'UNE BACHE A BULLES POUR LE BASSIN D'APPRENTISSAGE",
])
def test_a_pool_cover_is_equipment_not_roofing(text: str) -> None:
    result = run(text, date=AFTER)
    assert object_ids(result)[0] == "equipements-piscine", text
    assert "dechets-emballages-soged-chantier" not in recommended(result), text


def test_the_roof_of_a_pool_stays_works() -> None:
    result = run("Réfection de la couverture et de la charpente de la piscine, 400 000 € HT", date=AFTER)
    assert object_ids(result)[0] == "travaux-batiment"
