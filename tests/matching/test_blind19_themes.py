"""Causes of theme-level misses found on the nineteenth blind set (tests/data/blind19_tenders.jsonl), each as a
general behaviour tried on other wordings than the set's:

- the sale of discarded equipment (« matériels réformés », online auctions) named no theme: it gives goods a second
  life (reuse);
- kitchen equipment bought for a central kitchen (« matériels neufs de cuisine ») read as catering: the kitchen is
  where it goes;
- a dike's works read as roadworks only: a dike stands in or against water;
- the disposal of a sewage works' sludge read as operating the works: taking the sludge away is a waste service."""

import pytest

from .support import first_themes, object_ids, run


@pytest.mark.parametrize("text", [
    "Plateforme de vente aux enchères en ligne des véhicules réformés de la ville",
    "Cession par enchères en ligne des biens réformés des services techniques",
])
def test_selling_discarded_goods_is_about_reuse(text: str) -> None:
    assert "reemploi-recyclage" in first_themes(run(text), 3), text


@pytest.mark.parametrize("text", [
    "Remplacement des matériels de cuisine de la cuisine centrale : fours mixtes et cellules de refroidissement",
    "Equipements neufs de cuisine pour le restaurant scolaire Jules Ferry",
])
def test_kitchen_equipment_is_equipment_not_catering(text: str) -> None:
    result = run(text)
    assert object_ids(result)[0] == "electromenager", text
    assert "alimentation-durable" not in first_themes(result, 1), text


def test_a_central_kitchen_buying_food_is_still_food() -> None:
    assert object_ids(run("Cuisine centrale : fourniture de denrées alimentaires, 4 lots"))[0] == "denrees-alimentaires"


@pytest.mark.parametrize("text", [
    "Réhabilitation de la digue de la Loire au lieu-dit Les Prés : rechargement et enrochement",
    "Entretien des ouvrages de défense contre la mer du front de mer",
    "Confortement d'une digue de protection contre les crues",
])
def test_dike_works_are_by_water(text: str) -> None:
    result = run(text)
    assert object_ids(result)[0].startswith("travaux"), text
    assert "biodiversite-eau" in first_themes(result, 5), text


@pytest.mark.parametrize("text", [
    "Valorisation agricole des boues de la station d'épuration par épandage, 3 ans",
    "Transport des boues déshydratées de la STEP vers une plateforme de compostage",
])
def test_sludge_disposal_is_a_waste_service(text: str) -> None:
    result = run(text)
    assert object_ids(result)[0] == "collecte-dechets", text
    assert "dechets-emballages" in first_themes(result, 1), text


def test_operating_a_sewage_works_stays_a_water_service() -> None:
    assert object_ids(run("Exploitation de la station d'épuration et des postes de relevage, 5 ans"))[0] == (
        "eau-assainissement")
