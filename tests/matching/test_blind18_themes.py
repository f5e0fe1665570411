"""Causes of theme-level misses found on the eighteenth blind set (tests/data/blind18_tenders.jsonl), each as a
general behaviour tried on other wordings than the set's:

- the upkeep of rail rolling stock (trams, trains; CPV 50222000) named no family: it is upkept like a fleet;
- « non biologique » read as organic food: organic farming denied names no organic purchase;
- food-safety analyses (« analyses alimentaires ») read as food bought: they analyse food, they buy none;
- a vineyard's upkeep (« application d'engrais », « opérations mécaniques ») read as software and vehicle repair: a
  vineyard is upkept like a green space."""

import pytest

from .support import object_ids, recommended, run


@pytest.mark.parametrize(("text", "cpv"), [
    ("Entretien préventif des rames du tramway (bogies, freins, portes), 4 ans", None),
    ("REVISION DES BOGIES DU MATERIEL ROULANT", "50222000-7"),
])
def test_rolling_stock_upkeep_is_vehicle_upkeep(text: str, cpv: str | None) -> None:
    result = run(text, cpv=[cpv[:8]] if cpv else [])
    assert object_ids(result)[0] == "entretien-vehicules", text
    assert "vehicules-mobilite" in {theme for item in result.matches[:5] for theme in item.clause.themes}, text


@pytest.mark.parametrize("text", [
    "Fourniture de gants de ménage non bio pour les écoles",
    "Lot 3 : lingettes et changes (non biologiques)",
])
def test_organic_denied_is_no_organic_food(text: str) -> None:
    result = run(text)
    assert "alimentation-durable" not in {theme for item in result.matches[:3] for theme in item.clause.themes}, text


def test_organic_food_still_reads_organic() -> None:
    result = run("Fourniture de fruits et légumes issus de l'agriculture biologique pour la cuisine centrale")
    assert object_ids(result)[0] == "denrees-alimentaires"


@pytest.mark.parametrize("text", [
    "Analyses microbiologiques des repas et prélèvements de surfaces de la cuisine centrale",
    "Analyses des denrées et des plats témoins des restaurants scolaires par un laboratoire accrédité",
])
def test_food_safety_analyses_are_laboratory_services(text: str) -> None:
    result = run(text)
    assert object_ids(result)[0] == "analyses-laboratoire", text
    assert not {clause for clause in recommended(result) if clause.startswith("alimentation-durable")}, text


@pytest.mark.parametrize("text", [
    "Domaine viticole du lycée agricole : taille de la vigne et application d'engrais organiques",
    "Épandage d'engrais et tonte des terrains de sport de la commune",
])
def test_vineyard_and_fertilising_are_green_space_upkeep(text: str) -> None:
    result = run(text)
    assert object_ids(result)[0] == "espaces-verts", text
    assert "numerique-responsable" not in {theme for item in result.matches[:3] for theme in item.clause.themes}, text
