"""Causes of missed must-clauses and misread amounts found by the sixteenth blind clause-level set
(tests/data/blind16_clause_level.jsonl), each as a general behaviour tried on other wordings than the set's."""

import datetime as dt

import pytest

from app.matching.reading import read_tender

from .support import object_ids, recommended, run

AFTER = dt.date(2026, 9, 1)


@pytest.mark.parametrize(("text", "amount"), [
    ("Fourniture de produits d'entretien, AC à bons de commande de 3 ans, 12 000 € HT maximum par an.", 36000),
    ("Pièces détachées des tondeuses : 2 ans, 8 500 € HT au maximum par an.", 17000),
    ("Fournitures de bureau, 4 ans, 2 000 € HT minimum par an et 9 000 € HT maximum par an.", 36000),
])
def test_a_bound_written_after_the_amount_keeps_it_yearly(text: str, amount: float) -> None:
    assert read_tender(text).amount_eur == pytest.approx(amount), text


@pytest.mark.parametrize(("text", "amount"), [
    ("Location et entretien de 12 fontaines à eau dans les écoles. 3 ans, 180 € HT par appareil et par an.", 6480),
    ("Maintenance des 40 bornes d'accès du parking. Durée 2 ans, 95 € HT par an et par équipement.", 7600),
    ("Location de 3 copieurs pour 12 écoles, 2 ans, 50 € HT par unité et par mois.", 3600),
    ("Entretien des extincteurs : 6 € HT par appareil et par an pour les 240 extincteurs, 3 ans.", 4320),
])
def test_a_price_per_device_and_year_counts_the_devices_named_before(text: str, amount: float) -> None:
    assert read_tender(text).amount_eur == pytest.approx(amount), text


def test_a_price_per_named_thing_is_not_multiplied_by_other_things() -> None:
    # « par repas » is a named unit, not a generic one: the 3 écoles are not what the price is for.
    assert read_tender("Repas des 3 écoles, 2 ans, 3,20 € HT par repas et par an.").amount_eur is None


@pytest.mark.parametrize(("text", "amount"), [
    ("Décorations de Noël : location, pose, dépose et stockage entre deux saisons. 4 saisons, 12 k€ HT par saison.",
     48000),
    ("Tables de pique-nique rangées entre 2 utilisations ; location 3 ans, 1 500 € HT par an.", 4500),
])
def test_a_time_between_two_periods_is_no_duration(text: str, amount: float) -> None:
    assert read_tender(text).amount_eur == pytest.approx(amount), text


@pytest.mark.parametrize(("text", "amount"), [
    ("Logiciel de gestion du cimetière en SaaS : 3 ans, 2 400 € HT par an, plus 4 500 € HT de reprise des données.",
     11700),
    ("Télésurveillance des bâtiments : 1 800 € HT par an sur 4 ans + 6 000 € HT d'installation des transmetteurs.",
     13200),
    ("Copieurs : 60 000 € HT sur 5 ans, plus 3 000 € HT de formation des agents.", 63000),
    ("Borne de prêt : 7 000 € HT d'installation plus 900 € HT par an de maintenance, 4 ans.", 10600),
])
def test_a_one_off_sum_added_to_the_amount_counts_with_it(text: str, amount: float) -> None:
    assert read_tender(text).amount_eur == pytest.approx(amount), text


def test_more_than_an_amount_is_no_addition() -> None:
    assert read_tender("Marché de plus de 40 000 € HT, 2 ans.").amount_eur == pytest.approx(40000)


@pytest.mark.parametrize("text", [
    "Réalisation d'une peinture murale dans le hall de la médiathèque par un artiste, 45 m², 9 000 € HT.",
    "Street art : décoration des murs intérieurs de l'espace jeunes avec les adolescents, 3 semaines.",
    "Création d'une œuvre murale participative dans le réfectoire de l'école maternelle, 6 500 € TTC.",
])
def test_a_mural_painted_by_an_artist_brings_the_paints_clause(text: str) -> None:
    result = run(text, nature="services", date=AFTER)
    assert object_ids(result)[0] == "creation-murale", text
    assert "substances-dangereuses-peintures-cov" in recommended(result), text


def test_an_old_fresco_restored_stays_heritage_conservation() -> None:
    result = run("Restauration de la fresque du chœur de la chapelle Saint-Yves (XVe siècle) : refixage de la couche "
                 "picturale, consolidation des enduits.", nature="services", date=AFTER)
    assert object_ids(result)[0] == "conservation-patrimoine"


@pytest.mark.parametrize("text", [
    "Entretien des chemins de randonnée de la communauté de communes (40 km) : fauche, taille, abattage des arbres "
    "menaçants, 2 passages par an.",
    "ENTRETIEN DES SENTIERS DU LITTORAL – DEBROUSSAILLAGE ET BALISAGE – 3 ANS",
    "Balisage des sentiers et débroussaillage des itinéraires de randonnée inscrits au PDIPR, 2 ans.",
])
def test_trails_upkept_are_natural_spaces_upkept_without_pesticides(text: str) -> None:
    result = run(text, nature="services", date=AFTER)
    assert object_ids(result)[0] == "espaces-verts", text
    assert "biodiversite-eau-zero-phyto" in recommended(result), text


@pytest.mark.parametrize("text", [
    "Helpdesk et maintenance des postes informatiques des 6 écoles, 3 ans, 18 k€ HT/an.",
    "Support aux utilisateurs de la mairie : hotline, télémaintenance et interventions sur site, 2 ans.",
    "ASSISTANCE UTILISATEURS ET MAINTENANCE DU PARC INFORMATIQUE – CCAS ET MEDIATHEQUE – 3 ANS",
])
def test_user_support_delivers_no_online_service_to_make_accessible(text: str) -> None:
    # Found on wordings of G16-11 / T16-10: a helpdesk was read as software made for the public (RGAA, RGESN).
    result = run(text, nature="services", date=AFTER)
    assert object_ids(result)[0] == "assistance-informatique", text
    chosen = recommended(result)
    assert not chosen & {"handicap-accessibilite-rgaa-numerique", "numerique-responsable-ecoconception-services"}, text


@pytest.mark.parametrize("text", [
    "Refonte du site internet de la ville, avec hotline et maintenance évolutive, 3 ans.",
    "Portail famille en ligne : paramétrage, hébergement, hotline pour les agents, 4 ans.",
])
def test_a_site_or_portal_with_a_hotline_stays_an_online_service(text: str) -> None:
    assert "handicap-accessibilite-rgaa-numerique" in recommended(run(text, nature="services", date=AFTER)), text
