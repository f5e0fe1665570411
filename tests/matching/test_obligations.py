"""Obligations by launch date, amount, nature and product family, with their legal basis and clauses."""

import datetime as dt

import pytest

from app.matching.matcher import MatchResult

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
        assert "source secondaire" in explanation


def test_social_consideration_waits_for_the_climate_date() -> None:
    found = obligations(run("Nettoyage des locaux", amount_eur=500_000, date=dt.date(2026, 6, 1)))
    assert "climat-resilience-social" not in found


def test_egalim_for_collective_catering() -> None:
    basis, clause_ids, explanation = obligations(run("Restauration scolaire : fourniture des repas", date=AFTER))[
        "egalim-restauration-collective"]
    assert basis[0] == "C. rural L230-5-1"
    assert {"alimentation-durable-egalim-parts", "alimentation-durable-menu-vegetarien"} <= set(clause_ids)
    assert "50 %" in explanation and "20 %" in explanation and "60 %" in explanation


@pytest.mark.parametrize(
    ("launch", "rates"), [(dt.date(2026, 9, 1), "8 % issus du réemploi"), (dt.date(2027, 9, 1), "15 % issus")]
)
def test_agec_quota_for_textiles_follows_the_trajectory(launch: dt.date, rates: str) -> None:
    basis, clause_ids, explanation = obligations(run("Fourniture de vêtements de travail", date=launch))[
        "agec-reemploi-recyclage"]
    assert basis == ["Loi 2020-105 art. 58", "Décret 2024-134"]
    assert "reemploi-recyclage-textiles-agec" in clause_ids
    assert rates in explanation
    assert "Produits textiles à l'exception des équipements de protection individuels" in explanation


def test_agec_quota_for_it_equipment_is_marked_secondary() -> None:
    explanation = obligations(run("Achat d'ordinateurs portables", date=AFTER))["agec-reemploi-recyclage"][2]
    assert "20 % au total (source secondaire" in explanation


def test_agec_does_not_apply_to_services() -> None:
    assert "agec-reemploi-recyclage" not in obligations(run("Nettoyage des locaux", date=AFTER))


def test_low_emission_vehicles_for_vehicle_purchases() -> None:
    basis, clause_ids, explanation = obligations(run("Acquisition de véhicules légers", date=AFTER))[
        "vehicules-faibles-emissions"]
    assert basis == ["C. env. L224-7", "C. env. L224-8"]
    assert "vehicules-mobilite-faibles-emissions-acquisition" in clause_ids
    assert "40 %" in explanation and "37,4 %" in explanation


def test_repairability_index_for_digital_equipment() -> None:
    found = obligations(run("Acquisition de tablettes numériques", date=AFTER))
    assert found["indice-reparabilite"][1] == [
        "numerique-responsable-equipements-durables", "numerique-responsable-critere-attribution"]


@pytest.mark.parametrize(("amount", "certain"), [(300_000, False), (60_000_000, True)])
def test_spaser_reminder_for_large_contracts(amount: float, certain: bool) -> None:
    _, clause_ids, explanation = obligations(run("Nettoyage des locaux", amount_eur=amount, date=AFTER))["spaser"]
    assert clause_ids == []
    assert explanation.startswith("Ce marché atteint à lui seul 50 M€ HT" if certain else "Rappel pour les grands")


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
     ("fournitures", dt.date(2025, 6, 1), 221_000), ("travaux", dt.date(2029, 1, 1), 5_404_000)],
)
def test_eu_thresholds_by_period(nature: str, when: dt.date, threshold: int) -> None:
    assert knowledge().thresholds["seuils-europeens"].at(nature, when) == threshold  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("nature", "when", "threshold"),
    [("travaux", dt.date(2026, 5, 1), 100_000), ("services", dt.date(2026, 3, 31), 40_000),
     ("fournitures", dt.date(2026, 4, 1), 60_000), ("services", dt.date(1999, 1, 1), 40_000)],
)
def test_small_purchase_thresholds(nature: str, when: dt.date, threshold: int) -> None:
    assert knowledge().thresholds["dispense-publicite"].at(nature, when) == threshold  # type: ignore[arg-type]


def test_agec_trajectory_steps() -> None:
    textiles = knowledge().agec["Produits textiles à l'exception des équipements de protection individuels"]
    steps = [textiles.rate(year) for year in (2023, 2024, 2026, 2027, 2029, 2031)]
    assert [step.from_year for step in steps if step] == [2024, 2024, 2024, 2027, 2027, 2030]


def test_agec_category_without_confirmed_rates_points_to_the_annex() -> None:
    explanation = obligations(run("Fourniture et pose de mobilier urbain : bancs et corbeilles", date=AFTER))[
        "agec-reemploi-recyclage"][2]
    assert explanation.startswith("Catégorie « Mobilier urbain » du décret 2024-134")
    assert "Les taux de cette catégorie sont à relever dans l'annexe du décret 2024-134." in explanation


@pytest.mark.parametrize("launch", [dt.date(1, 1, 1), dt.date(1999, 12, 31), dt.date(9999, 12, 31)])
def test_any_date_gives_an_answer(launch: dt.date) -> None:
    result = run("Restauration scolaire et achat de véhicules", amount_eur=1e12, date=launch)
    assert result.matches
