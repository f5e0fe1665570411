"""Causes of theme-level misses found on the fourteenth blind real set (tests/data/blind14_tenders.jsonl), each as a
general behaviour tried on other wordings than the set's:

- a sewerage system, its master plan or its zoning named no water theme (« assainissement » alone is weak: a damp
  wall is « assaini » too), so a study of them proposed only the generic clauses;
- hydrology and hydrogeology named no water theme either;
- a public consultation about a project (« concertation préalable … à la construction ») was read as the works it
  consults on, and energy recovery (« valorisation énergétique ») named no energy theme;
- fall protection (« PROTECTION TRAVAIL EN HAUTEUR », harnesses, lanyards) named no personal protective equipment, so
  the training listed after it became the object;
- hydrocarbons and a fuel station named no hazardous substance in works on them;
- a holiday-centre CPV code (55 24…) was read as catering (division 55) instead of the stays of the social and
  educational services."""

import pytest

from .support import first_themes, ids, object_ids, recommended, run


@pytest.mark.parametrize("text", [
    "Étude diagnostique du système d'assainissement collectif de la commune",
    "Élaboration du schéma directeur d'assainissement de la communauté de communes",
    "Mise à jour du zonage d'assainissement et du zonage pluvial",
    "Schéma directeur d'alimentation en eau potable du syndicat",
])
def test_a_study_of_the_water_services_is_about_water(text: str) -> None:
    result = run(text)
    assert object_ids(result)[0] == "conseil-etudes", text
    assert "biodiversite-eau" in first_themes(result), text


def test_operating_a_sewerage_system_is_the_water_service() -> None:
    assert object_ids(run("Exploitation du système d'assainissement de la ville"))[0] == "eau-assainissement"


def test_a_master_plan_of_another_domain_stays_a_plain_study() -> None:
    result = run("Élaboration du schéma directeur immobilier des bâtiments communaux")
    assert object_ids(result)[0] == "conseil-etudes"
    assert "biodiversite-eau" not in first_themes(result)


@pytest.mark.parametrize("text", [
    "Étude hydrogéologique du site de l'ancienne décharge",
    "Diagnostic hydrologique du domaine départemental",
])
def test_hydrology_is_about_water(text: str) -> None:
    assert "biodiversite-eau" in first_themes(run(text), 3), text


@pytest.mark.parametrize("text", [
    "Concertation préalable à la requalification de la place du marché",
    "Prestations de concertation pour la rénovation de l'école",
    "Mission de concertation publique sur l'extension du réseau de chaleur",
    "Organisation du débat public sur le projet de contournement routier",
])
def test_a_public_consultation_is_a_study_not_the_project(text: str) -> None:
    result = run(text)
    assert result.nature == "services", text
    assert object_ids(result)[0] == "conseil-etudes", text
    assert not {clause for clause in recommended(result) if clause.startswith(("insertion", "nuisances-chantier"))}


@pytest.mark.parametrize("text", [
    "Étude de gisement pour une unité de valorisation énergétique des boues",
    "Assistance pour le choix du mode de valorisation énergétique des déchets résiduels",
])
def test_energy_recovery_is_about_energy(text: str) -> None:
    assert "energie-climat" in first_themes(run(text), 3), text


@pytest.mark.parametrize("text", [
    "Fourniture de harnais et de longes antichute pour les agents des espaces verts",
    "Achat de protections antichute et de longes",
    "MATERIEL DE PROTECTION POUR LE TRAVAIL EN HAUTEUR DES AGENTS",
])
def test_fall_protection_is_personal_protective_equipment(text: str) -> None:
    result = run(text)
    assert object_ids(result)[0] == "equipements-protection-individuelle", text
    assert ids(result, 2)[0].startswith("droits-humains-chaine"), text


def test_a_training_to_work_at_height_stays_a_training() -> None:
    result = run("Formation au travail en hauteur des agents techniques")
    assert object_ids(result) == ["formation"]
    assert "droits-humains-chaine" not in first_themes(result)


@pytest.mark.parametrize("text", [
    "Mise en conformité des cuves à hydrocarbures du centre technique municipal",
    "Travaux de rénovation de l'aire de distribution de la station-service communautaire",
])
def test_works_on_hydrocarbon_installations_handle_hazardous_substances(text: str) -> None:
    result = run(text, cpv=["45000000"])
    assert result.nature == "travaux", text
    assert "substances-dangereuses" in first_themes(result), text


@pytest.mark.parametrize(("text", "cpv"), [
    ("Prestations d'hiver au Sauze pour les 6-11 ans", "55243000"),
    ("Hiver 2025 au chalet de Valloire pour les CM2", "55240000"),
])
def test_a_holiday_centre_code_is_a_stay_not_catering(text: str, cpv: str) -> None:
    result = run(text, cpv=[cpv])
    assert object_ids(result)[0] == "services-sociaux-formation", text
    assert not {clause for clause in ids(result, 5) if clause.startswith("alimentation-durable")}, text


def test_meals_of_a_holiday_centre_stay_catering() -> None:
    result = run("Fourniture de repas en liaison froide pour le centre de vacances", cpv=["55240000"])
    assert object_ids(result)[0] == "restauration-collective"
