"""Obligations by launch date, amount, nature, object and product family, buyer volume, with their legal basis,
certainty and clauses."""

import datetime as dt

import pytest

from app.matching.matcher import MatchResult
from app.matching.ranking import money

from .support import knowledge, run

AFTER = dt.date(2026, 9, 1)


def obligations(result: MatchResult) -> dict[str, tuple[list[str], list[str], str]]:
    """Obligation id -> (legal basis, clause ids, explanation)."""
    return {item.id: (item.legal_basis, item.clause_ids, item.explanation) for item in result.obligations}


@pytest.mark.parametrize(
    ("launch", "applies"),
    [(dt.date(2026, 8, 20), False), (dt.date(2026, 8, 21), True), (dt.date(2027, 3, 1), True)],
)
def test_environmental_consideration_from_21_august_2026(launch: dt.date, applies: bool) -> None:
    found = obligations(run("Fourniture de mobilier de bureau", date=launch))
    assert ("climat-resilience-environnement" in found) is applies


def test_environmental_obligation_is_met_by_specific_and_generic_clauses() -> None:
    basis, clause_ids, explanation = obligations(run("Impression du magazine municipal", date=AFTER))[
        "climat-resilience-environnement"]
    assert basis == ["CCP L2112-2", "CCP L2152-7", "CCP R2152-7", "Loi 2021-1104 art. 35", "Décret 2022-767"]
    assert clause_ids[:2] == ["papier-impression-critere-attribution", "papier-impression-impression-ecoresponsable"]
    assert clause_ids[-2:] == ["environnement-general-critere-attribution", "environnement-general-condition-execution"]
    assert "à partir du 21 août 2026" in explanation


def test_small_purchase_gets_the_simplified_generic_condition() -> None:
    clause_ids = obligations(run("Achat de petit matériel", amount_eur=2_000, date=AFTER))[
        "climat-resilience-environnement"][1]
    assert "environnement-general-petits-achats" in clause_ids


@pytest.mark.parametrize(
    ("launch", "condition_required"), [(dt.date(2026, 8, 21), False), (dt.date(2026, 8, 22), True)]
)
def test_environmental_condition_from_22_august_2026_criterion_from_21(
    launch: dt.date, condition_required: bool
) -> None:
    """R2152-7 (décret 2022-767) binds from 21 August 2026; L2112-2 (loi 2021-1104, art. 35 IV) from 22 August."""
    found = obligations(run("Fourniture de mobilier de bureau", date=launch))
    explanation = found["climat-resilience-environnement"][2]
    assert "au moins un critère d'attribution" in explanation
    assert ("au moins une condition d'exécution prend aussi" in explanation) is condition_required
    assert ("engagée le 21 août 2026, elle est recommandée" in explanation) is not condition_required


@pytest.mark.parametrize(("launch", "applies"), [(dt.date(2026, 8, 21), False), (dt.date(2026, 8, 22), True)])
def test_social_consideration_from_22_august_2026(launch: dt.date, applies: bool) -> None:
    """L2112-2-1 is a law article: consultations engaged from 22 August 2026, not the 21 August of R2152-7."""
    found = obligations(run("Nettoyage des locaux", nature="services", amount_eur=300_000, date=launch))
    assert ("climat-resilience-social" in found) is applies


@pytest.mark.parametrize(
    ("text", "nature", "amount", "applies"),
    [
        ("Nettoyage des locaux", "services", 215_999, False),
        ("Nettoyage des locaux", "services", 216_000, True),
        ("Fourniture de mobilier", "fournitures", 300_000, True),
        ("Travaux de construction d'un gymnase", "travaux", 5_000_000, False),
        ("Travaux de construction d'un gymnase", "travaux", 5_404_000, True),
        ("Nettoyage des locaux", "services", None, False),
    ],
)
def test_social_consideration_at_or_above_eu_thresholds(
    text: str, nature: str, amount: float | None, applies: bool
) -> None:
    found = obligations(run(text, nature=nature, amount_eur=amount, date=AFTER))
    assert ("climat-resilience-social" in found) is applies
    if applies:
        basis, clause_ids, explanation = found["climat-resilience-social"]
        assert basis == ["CCP L2112-2-1", "Loi 2021-1104 art. 35"]
        assert any(clause_id.startswith("insertion-") for clause_id in clause_ids)
        assert "domaine social ou à l'emploi" in explanation


def test_an_unverified_rule_says_what_to_check_apart_from_its_explanation() -> None:
    social = next(item for item in run("Nettoyage des locaux", amount_eur=300_000, date=AFTER).obligations
                  if item.id == "climat-resilience-social")
    assert social.certainty == "to-check"
    assert social.to_check and "L2112-2-1" in social.to_check
    assert "confirm" not in social.explanation and "à vérifier" not in social.explanation
    assert all(item.to_check is None for item in run("Impression du magazine", date=AFTER).obligations
               if item.certainty == "verified")


def test_social_consideration_waits_for_the_climate_date() -> None:
    found = obligations(run("Nettoyage des locaux", amount_eur=500_000, date=dt.date(2026, 6, 1)))
    assert "climat-resilience-social" not in found


def test_egalim_for_collective_catering() -> None:
    basis, clause_ids, explanation = obligations(run("Restauration scolaire : fourniture des repas", date=AFTER))[
        "egalim-restauration-collective"]
    assert basis == ["C. rural L230-5-1", "C. rural R230-30-1"]
    assert "alimentation-durable-egalim-parts" in clause_ids
    assert "50 %" in explanation and "20 %" in explanation and "60 %" in explanation
    assert "année civile" in explanation and "végétarien" not in explanation


@pytest.mark.parametrize(
    ("text", "egalim", "vegetarian"),
    [
        ("Restauration scolaire : fourniture des repas", True, True),
        ("Fourniture et livraison des repas de la cantine des écoles maternelle et élémentaire", True, True),
        ("Restauration de l'EHPAD municipal : fourniture des repas des résidents", True, False),
        ("Restaurant administratif : gestion de la restauration du personnel", True, False),
        ("Fourniture de denrées alimentaires pour la cuisine centrale", True, False),
        ("Organisation de la fête communale : scène, sonorisation, restauration des bénévoles", False, False),
        ("Restauration de la charpente de l'église", False, False),
    ],
)
def test_egalim_follows_the_object_and_the_vegetarian_menu_school_catering(
    text: str, egalim: bool, vegetarian: bool,
) -> None:
    found = obligations(run(text, date=AFTER))
    assert ("egalim-restauration-collective" in found) is egalim
    assert ("menu-vegetarien-scolaire" in found) is vegetarian


def test_catering_for_other_institutions_is_not_school_catering() -> None:
    """CPV 55523000 is catering for other companies or institutions (a care home's, often): only 55523100 (school
    meals) and 55524 (catering for schools) are school catering codes for the vegetarian menu and plastic containers."""
    found = obligations(run("Fourniture de repas en liaison froide", cpv=["55523000"], date=AFTER))
    assert "menu-vegetarien-scolaire" not in found and "contenants-plastique-restauration" not in found
    found = obligations(run("Fourniture de repas en liaison froide", cpv=["55524000"], date=AFTER))
    assert {"menu-vegetarien-scolaire", "contenants-plastique-restauration"} <= set(found)


def test_a_school_catering_code_is_enough_for_the_vegetarian_menu() -> None:
    basis, clause_ids, explanation = obligations(run("Fourniture de repas", cpv=["55523100"], date=AFTER))[
        "menu-vegetarien-scolaire"]
    assert basis == ["C. rural L230-5-6"]
    assert clause_ids == ["alimentation-durable-menu-vegetarien"]
    assert explanation.startswith("Les gestionnaires, publics et privés, des services de restauration collective "
                                  "scolaire proposent au moins une fois par semaine un menu végétarien")


def test_agec_quota_for_textiles_per_calendar_year_with_the_exemption() -> None:
    basis, clause_ids, explanation = obligations(run("Fourniture de vêtements de travail", date=AFTER))[
        "agec-reemploi-recyclage"]
    assert basis == ["Loi 2020-105 art. 58", "Décret 2024-134"]
    assert "reemploi-recyclage-textiles-agec" in clause_ids
    assert "Produits textiles à l'exception des équipements de protection individuels" in explanation
    assert ("8 % issus du réemploi ou de la réutilisation et 20 % intégrant des matières recyclées (palier 2024), "
            "15 % et 25 % (palier 2027), 15 % et 30 % (palier 2030)") in explanation
    assert "chaque année civile" in explanation
    assert "contrainte technique significative liée à la nature de la commande publique" in explanation


def test_agec_rates_not_read_are_never_given() -> None:
    explanation = obligations(run("Achat d'ordinateurs portables", date=AFTER))["agec-reemploi-recyclage"][2]
    assert "Catégorie « Matériel informatique et téléphonie »" in explanation
    assert "figurent dans l'annexe du décret 2024-134" in explanation
    assert "%" not in explanation.split("Catégorie")[1].split("La part")[0].replace("(en vigueur", "")


def test_agec_does_not_apply_to_services() -> None:
    assert "agec-reemploi-recyclage" not in obligations(run("Nettoyage des locaux", date=AFTER))


def test_low_emission_vehicles_for_vehicle_purchases() -> None:
    found = next(item for item in run("Acquisition de véhicules légers", date=AFTER).obligations
                 if item.id == "vehicules-faibles-emissions")
    assert found.legal_basis == ["C. env. L224-7", "C. env. L224-8", "C. env. D224-15-11"]
    assert "vehicules-mobilite-faibles-emissions-acquisition" in found.clause_ids
    assert "ne dépassent pas 50 g/km" in found.explanation and "WLTP" in found.explanation
    assert "au plus 60 g" not in found.explanation
    # The shares of L224-8 were not read in the text in force: they are what remains to check, not the rule.
    assert found.certainty == "to-check"
    assert found.to_check and "37,4 %" in found.to_check and "37,4 %" not in found.explanation


def test_repairability_and_durability_indexes_for_digital_equipment() -> None:
    found = obligations(run("Acquisition de tablettes numériques", date=AFTER))
    basis, clause_ids, explanation = found["indice-reparabilite"]
    assert clause_ids == ["numerique-responsable-equipements-durables", "numerique-responsable-critere-attribution"]
    assert basis == ["Loi 2021-1485 art. 15", "Loi 2020-105 art. 55"]
    assert "indice de durabilité" in explanation


def test_discarded_it_equipment_when_the_tender_concerns_it() -> None:
    found = obligations(run("Achat d'ordinateurs portables et d'écrans", date=AFTER))
    basis, clause_ids, explanation = found["materiels-informatiques-reformes"]
    assert basis == ["Loi 2021-1485 art. 16", "Décret 2023-266"]
    assert clause_ids == ["numerique-responsable-reforme-materiels"]
    assert "50 % à partir de 2025" in explanation and "éco-organisme agréé" in explanation
    assert "materiels-informatiques-reformes" not in obligations(run("Nettoyage des locaux", date=AFTER))


@pytest.mark.parametrize(
    ("launch", "amount", "applies"),
    [(dt.date(2025, 10, 15), 300_000, False), (dt.date(2025, 10, 16), 300_000, True),
     (dt.date(2026, 9, 1), 215_000, False), (dt.date(2026, 9, 1), None, False)],
)
def test_energy_efficiency_at_or_above_eu_thresholds_from_16_october_2025(
    launch: dt.date, amount: float | None, applies: bool,
) -> None:
    found = obligations(run("Fourniture de mobilier", nature="fournitures", amount_eur=amount, date=launch))
    assert ("efficacite-energetique" in found) is applies
    if applies:
        basis, _, explanation = found["efficacite-energetique"]
        assert basis == ["CCP L2111-1", "Ordonnance 2025-979", "C. énergie L234-1"]
        assert "l'efficacité et la sobriété énergétiques dans la définition de ses besoins" in explanation


@pytest.mark.parametrize(("purchases", "applies"), [(None, False), (50_000_000, False), (50_000_001, True)])
def test_spaser_only_when_the_buyer_volume_is_known_above_50_meur(purchases: float | None, applies: bool) -> None:
    found = obligations(run("Nettoyage des locaux", amount_eur=60_000_000, date=AFTER,
                            buyer_annual_purchases_eur=purchases))
    assert ("spaser" in found) is applies
    if applies:
        basis, clause_ids, explanation = found["spaser"]
        assert basis == ["CCP L2111-3", "CCP D2111-3"] and clause_ids == []
        assert explanation.startswith(
            f"Le montant total annuel de vos achats ({money(50_000_001)} selon le montant indiqué, dépenses")


def test_spaser_says_when_the_volume_comes_from_the_buyer_profile() -> None:
    result = run("Nettoyage des locaux", amount_eur=300_000, date=AFTER, buyer_annual_purchases_eur=62_000_000,
                 buyer_purchases_source="profil")
    explanation = obligations(result)["spaser"][2]
    assert explanation.startswith(f"Le montant total annuel de vos achats ({money(62_000_000)} selon le volume "
                                  "annuel d'achats du profil de l'acheteur, dépenses d'une année civile")
    assert (result.understood.buyer_purchases_eur, result.understood.buyer_purchases_source) == (62_000_000, "profil")
    unknown = run("Nettoyage des locaux", amount_eur=300_000, date=AFTER, buyer_purchases_source="profil")
    assert "spaser" not in obligations(unknown) and unknown.understood.buyer_purchases_source is None


def test_vigilance_from_5000_euros() -> None:
    assert "vigilance-travail-dissimule" not in obligations(run("Nettoyage des locaux", amount_eur=4_999))
    clause_ids = obligations(run("Nettoyage des locaux", amount_eur=5_000))["vigilance-travail-dissimule"][1]
    assert "conditions-de-travail-vigilance" in clause_ids


def test_nothing_but_the_climate_obligation_for_a_vague_small_tender() -> None:
    assert [item.id for item in run("Prestations diverses", date=AFTER).obligations] == [
        "climat-resilience-environnement"]


@pytest.mark.parametrize(
    ("nature", "when", "threshold"),
    [("services", dt.date(2026, 1, 1), 216_000), ("travaux", dt.date(2026, 9, 1), 5_404_000),
     ("fournitures", dt.date(2025, 6, 1), 221_000), ("travaux", dt.date(2029, 1, 1), 5_404_000),
     (None, dt.date(2026, 9, 1), 216_000)],  # nature unknown: the lowest, as a precaution
)
def test_eu_thresholds_by_period(nature: str | None, when: dt.date, threshold: int) -> None:
    assert knowledge().thresholds["seuils-europeens"].at(nature, when) == threshold  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("nature", "when", "threshold"),
    [("travaux", dt.date(2026, 5, 1), 100_000), ("services", dt.date(2026, 3, 31), 40_000),
     ("fournitures", dt.date(2026, 4, 1), 60_000), ("services", dt.date(1999, 1, 1), 40_000),
     # Works: 40 000 € HT in early 2020, 70 000 (décret 2020-893), then 100 000 (loi ASAP, extended, permanent in 2026).
     ("travaux", dt.date(2020, 3, 1), 40_000), ("travaux", dt.date(2020, 9, 1), 70_000),
     ("travaux", dt.date(2025, 6, 1), 100_000)],
)
def test_small_purchase_thresholds(nature: str, when: dt.date, threshold: int) -> None:
    assert knowledge().thresholds["dispense-publicite"].at(nature, when) == threshold  # type: ignore[arg-type]


def test_agec_category_without_rates_read_points_to_the_annex() -> None:
    explanation = obligations(run("Fourniture et pose de mobilier urbain : bancs et corbeilles", date=AFTER))[
        "agec-reemploi-recyclage"][2]
    assert explanation.startswith("Catégorie « Mobilier urbain » du décret 2024-134")
    assert "Les taux de cette catégorie figurent dans l'annexe du décret 2024-134" in explanation


@pytest.mark.parametrize("launch", [dt.date(1, 1, 1), dt.date(1999, 12, 31), dt.date(9999, 12, 31)])
def test_any_date_gives_an_answer(launch: dt.date) -> None:
    result = run("Restauration scolaire et achat de véhicules", amount_eur=1e12, date=launch)
    assert result.matches
