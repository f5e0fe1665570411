"""Low-carbon concrete bought as a supply (a cause found by the eighteenth blind clause-level set, G18-17), as a general
behaviour tried on other wordings than the set's: the biosourced or low-carbon materials clause covers supplies of
construction products since its version 2 (a declaration per product or mix, its reference on each delivery note),
and a construction-materials supply that asks for a low carbon footprint is recommended it; one that does not ask
is not."""

import datetime as dt

import pytest

from .support import object_ids, recommended, run

AFTER = dt.date(2026, 9, 1)
CLAUSE = "energie-climat-materiaux-biosources-bas-carbone"


@pytest.mark.parametrize("text", [
    "Fourniture de béton prêt à l'emploi bas carbone pour les services techniques, accord-cadre à bons de commande, "
    "2 ans.",
    "Livraison de BPE pour le centre technique municipal : bétons décarbonés exigés, 400 m3 par an, 4 ans.",
    "Accord-cadre de fourniture de béton prêt à l'emploi (BPE) livré par camion toupie aux services techniques ; "
    "bétons à faible impact carbone, ciment au laitier ou équivalent. 2 ans, 45 000 € HT par an.",
    "Fourniture de mortier et de béton décarboné pour l'atelier maçonnerie de la régie, 2 ans.",
    "Achat d'éléments préfabriqués en béton bas carbone (bordures, caniveaux) pour le service voirie, 3 ans.",
])
def test_a_concrete_supply_asking_low_carbon_is_recommended_the_materials_clause(text: str) -> None:
    result = run(text, nature="fournitures", date=AFTER)
    assert object_ids(result)[0] == "materiaux-construction", text
    assert CLAUSE in recommended(result), text


def test_the_nature_left_empty_reads_the_supply_and_keeps_the_clause() -> None:
    result = run("Fourniture de béton prêt à l'emploi bas carbone pour la régie voirie, 300 m3 par an, 3 ans.",
                 date=AFTER)
    assert CLAUSE in recommended(result)


@pytest.mark.parametrize("text", [
    "Fourniture de granulats et de sable pour la régie voirie, 3 ans.",
    "Fourniture de béton prêt à l'emploi pour la régie bâtiments, 300 m3 par an, 2 ans.",
    "Fourniture de ciment et de parpaings pour la régie bâtiments, 2 ans.",
])
def test_a_materials_supply_that_asks_no_low_carbon_gets_no_such_specification(text: str) -> None:
    assert CLAUSE not in recommended(run(text, nature="fournitures", date=AFTER)), text


def test_precast_concrete_products_are_building_materials_not_a_modular_building() -> None:
    result = run("Achat d'éléments préfabriqués en béton (bordures, caniveaux, regards) pour la voirie communale, "
                 "3 ans.", nature="fournitures", date=AFTER)
    assert object_ids(result)[0] == "materiaux-construction"
    assert "batiments-modulaires" not in object_ids(result)


def test_works_still_get_the_clause_for_biosourced_insulation() -> None:
    chosen = recommended(run("Réhabilitation du gymnase : isolation des combles en fibre de bois, matériaux "
                             "biosourcés demandés, 450 000 € HT.", nature="travaux", date=AFTER))
    assert CLAUSE in chosen
