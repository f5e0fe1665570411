"""Causes of theme-level misses found on the seventeenth blind set (tests/data/blind17_tenders.jsonl), each as a
general behaviour tried on other wordings than the set's:

- mountain and avalanche gear (transceivers, probes, ropes) named no family, and its CPV (avalanche barriers) ranked
  wood and recycled content first: it is sports equipment, whose supply chain is the first theme;
- the body of a refuse truck bought alone (a compactor with its bin lifter) read as a waste-collection service;
- repainting a ship's hull (antifouling, a biocide) named no family: an apprenticeship clause of painting works came
  first."""

import pytest

from .support import object_ids, run


@pytest.mark.parametrize(("text", "cpv"), [
    ("Achat de 12 DVA, 12 sondes et 12 pelles pour les pisteurs-secouristes du domaine skiable, 6 000 € HT", None),
    ("Fourniture de matériel de montagne (cordes, baudriers, mousquetons) pour le service des sports", None),
    ("MATERIEL SECURITE AVALANCHE POUR LES PISTEURS", "34928330-0"),
])
def test_mountain_gear_is_sports_equipment_with_its_supply_chain_first(text: str, cpv: str | None) -> None:
    result = run(text, cpv=[cpv[:8]] if cpv else [])
    assert object_ids(result)[0] == "jeux-sport", text
    assert "droits-humains-chaine" in {theme for item in result.matches[:3] for theme in item.clause.themes}, text


@pytest.mark.parametrize("text", [
    "Acquisition d'une benne compactrice de 16 m3 avec lève-conteneurs sur châssis existant, 95 000 € HT",
    "FOURNITURE D'UN LEVE-CONTENEURS POUR LA BOM DU SMICTOM",
])
def test_a_refuse_truck_body_is_a_vehicle_bought(text: str) -> None:
    result = run(text)
    assert object_ids(result)[0] == "vehicules-acquisition", text
    assert result.matches[0].clause.themes[0] == "vehicules-mobilite", text


def test_skips_hired_for_a_waste_site_stay_a_waste_service() -> None:
    result = run("Location de bennes de collecte pour la déchèterie et transport des déchets, 3 ans, "
                 "40 000 € HT par an")
    assert object_ids(result)[0] == "collecte-dechets"


@pytest.mark.parametrize(("text", "nature"), [
    ("Carénage annuel des 4 vedettes de la capitainerie : sablage et application d'une peinture antisalissure, "
     "18 000 € HT", None),
    ("Entretien des bateaux du service des ports : grutage, nettoyage de coque et antifouling, 3 ans, "
     "12 000 € HT par an", "services"),
])
def test_careening_a_boat_ranks_hazardous_substances_first(text: str, nature: str | None) -> None:
    result = run(text, nature=nature)
    assert object_ids(result)[0] == "entretien-bateaux", text
    assert result.matches[0].clause.themes[0] == "substances-dangereuses", text


def test_a_boat_hired_is_no_careening() -> None:
    result = run("Location de bateaux électriques pour la base nautique, 2 saisons")
    assert "entretien-bateaux" not in object_ids(result)
    assert result.matches[0].clause.themes[0] != "substances-dangereuses"
