"""Families of issue 21 served by the energy clauses: a realistic tender of the family gets its clause among the
first proposals, a tender of another family does not."""

import pytest

from .support import ids, run

LIGHTING = "Rénovation de l'éclairage public : remplacement de 350 luminaires par des LED et télégestion"
GAS = "Fourniture et acheminement de gaz naturel pour les bâtiments communaux"
FUEL = "Fourniture de carburants pour la flotte de véhicules communaux"
CANTEEN = "Restauration scolaire : fabrication et livraison des repas"
GREEN = "Entretien des espaces verts et fauchage des accotements"


@pytest.mark.parametrize(
    ("text", "clause_id", "other"),
    [
        (LIGHTING, "energie-climat-eclairage-public", CANTEEN),
        (GAS, "energie-climat-biomethane-garanties-origine", LIGHTING),
        (FUEL, "energie-climat-carburants-renouvelables", GREEN),
    ],
)
def test_a_family_tender_gets_its_clause_and_another_family_does_not(text: str, clause_id: str, other: str) -> None:
    assert clause_id in ids(run(text), 3)
    assert clause_id not in ids(run(other), 10)


def test_maintenance_of_public_lighting_is_recognised_by_its_cpv_code() -> None:
    assert ids(run("Maintenance des installations", cpv=["50232100"]), 1) == ["energie-climat-eclairage-public"]
