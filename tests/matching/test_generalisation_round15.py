"""Causes of missed must-clauses, off-topic pre-ticks and misread amounts found by the fifteenth blind clause-level
set (tests/data/blind15_clause_level.jsonl), each as a general behaviour tried on other wordings than the set's."""

import datetime as dt

import pytest

from app.matching.reading import read_tender, reserved_for

from .support import object_ids, recommended, run

AFTER = dt.date(2026, 9, 1)


@pytest.mark.parametrize(("text", "amount"), [
    ("Fourniture de produits d'hygiène, maxi 8 000 € HT par ans, 2 ans.", 16000),
    ("Entretien des photocopieurs : 3 500 € HT par ans pendant 4 ans.", 14000),
])
def test_a_year_written_ans_by_a_slip_is_still_a_year(text: str, amount: float) -> None:
    assert read_tender(text).amount_eur == pytest.approx(amount), text


@pytest.mark.parametrize("text", [
    "Médiathèque de Lanester – abonnement à un service de vidéo à la demande et de livres numériques pour les lecteurs",
    "Médiathèque intercommunale : abonnement à une offre de presse numérique consultable en ligne, 3 ans.",
    "Ressources numériques des bibliothèques : livres numériques en prêt, autoformation en ligne, 2 ans.",
])
def test_digital_books_and_press_read_online_are_a_digital_service(text: str) -> None:
    result = run(text, nature="services", date=AFTER)
    assert object_ids(result)[0] == "logiciels-services-numeriques", text
    assert "handicap-accessibilite-rgaa-numerique" in recommended(result), text
    assert not {clause for clause in recommended(result) if clause.startswith("papier-impression")}, text


def test_paper_books_stay_books() -> None:
    assert object_ids(run("Fourniture de livres et de bandes dessinées pour la médiathèque, 2 ans.", date=AFTER))[0] \
        == "livres-documentation"


@pytest.mark.parametrize("text", [
    "Salle du conseil municipal : 1 grande table et 24 fauteuils en hêtre massif, fabrication sur mesure.",
    "Fourniture de 6 armoires et de 4 vitrines en chêne massif pour le musée.",
])
def test_furniture_in_a_named_solid_timber_is_wood_bought(text: str) -> None:
    assert "bois-forets-gestion-durable" in recommended(run(text, nature="fournitures", date=AFTER)), text


def test_oak_trees_felled_are_no_timber_bought() -> None:
    chosen = recommended(run("Abattage de 12 chênes malades le long de la RD 12, évacuation des grumes, 2024.",
                             nature="services", date=AFTER))
    assert "bois-forets-gestion-durable" not in chosen


@pytest.mark.parametrize("text", [
    "SORTIES SCOLAIRES 2027 – CAR 59 PL AVEC CHAUFFEUR – 40 A/R – 22 000 € TTC",
    "Minibus 9 places avec chauffeur pour les sorties du centre social, 2 ans.",
    "Transport des colonies de vacances de juillet en car, 4 rotations.",
    "Déplacements du conseil municipal des jeunes en autocar avec conducteur, 6 sorties par an.",
])
def test_a_coach_with_its_driver_is_a_hire_not_a_vehicle_bought(text: str) -> None:
    chosen = recommended(run(text, nature="services", date=AFTER))
    assert "vehicules-mobilite-flotte-prestataire" in chosen, text
    assert "vehicules-mobilite-faibles-emissions-acquisition" not in chosen, text


@pytest.mark.parametrize("text", [
    "Crèche familiale – entretien des couches lavables : ramassage, lavage et retour des couches propres, 2 ans.",
    "Lavage de couches lavables pour les 3 EAJE, collecte deux fois par semaine.",
])
def test_washing_cloth_nappies_is_a_laundry_not_a_meal(text: str) -> None:
    result = run(text, nature="services", date=AFTER)
    assert object_ids(result)[0] == "blanchisserie", text
    assert not {clause for clause in recommended(result) if clause.startswith("alimentation-durable")}, text


@pytest.mark.parametrize(("text", "number", "expected"), [
    ("Espaces verts, 3 lots : lot 1 secteur nord, lot 2 secteur sud, lot 3 fauchage réservé aux SIAE", 3, "insertion"),
    ("Impression en 2 lots ; lot 2 : mise sous pli, réservé aux ESAT et entreprises adaptées", 2, "handicap"),
    ("Nous souhaitons réserver le lot 2 aux structures d'insertion par l'activité économique. Lot 1 : nettoyage. "
     "Lot 2 : vitrerie", 2, "insertion"),
    ("lot 1 : bâtiments réservé aux EA ; lot 2 : vitres réservé aux SIAE", 1, "handicap"),
    ("lot 1 : bâtiments réservé aux EA ; lot 2 : vitres réservé aux SIAE", 2, "insertion"),
    ("lot 1 : bâtiments ; lot 2 : vitres réservé aux SIAE et ESAT", 2, None),
    ("lot 1 : bâtiments, lot 2 : vitres, réservé", 2, None),
])
def test_whom_a_lot_is_reserved_to(text: str, number: int, expected: str | None) -> None:
    """Read for the reserved-lot clause's beneficiaries (tests/tenders/test_service.py)."""
    assert reserved_for(text, number) == expected
