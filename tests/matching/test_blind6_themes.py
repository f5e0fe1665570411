"""Causes of theme-level misses found on the sixth blind real set (tests/data/blind6_tenders.jsonl), each as a
general behaviour tried on other wordings than the set's: a fuel term mixing letters and digits (« SP95 ») is not
read as its bare letters (« SP », sapeurs-pompiers in a fire service's object); « BAV » is a voluntary drop-off
bin (borne d'apport volontaire), a piece of collection equipment; a tipper body (« utilitaire benne », « fourgon
benne ») is a vehicle, not the skips of a worksite waste plan."""

import pytest

from app.matching.text import phrase_keys

from .support import first_themes, object_ids, run


def test_a_letters_and_digits_term_is_read_whole() -> None:
    assert phrase_keys("SP95") == (("sp95",),)


def test_sapeurs_pompiers_clothing_is_not_fuel() -> None:
    result = run("GANTS SP D'INTERVENTION POUR LE SDIS", cpv=["18424000"])
    assert "carburants" not in object_ids(result)
    assert "droits-humains-chaine" in first_themes(result)


@pytest.mark.parametrize("text", ["Fourniture de SP95 et de gazole en vrac", "CARBURANT SP98 CUVE ATELIERS"])
def test_unleaded_petrol_is_still_fuel(text: str) -> None:
    assert object_ids(run(text))[0] == "carburants"


def test_bav_are_collection_bins() -> None:
    result = run("ACQUISITION DE BAV AERIENNES POUR LE TRI SELECTIF")
    assert object_ids(result)[0] == "equipements-collecte"
    assert "reemploi-recyclage" in first_themes(result)


@pytest.mark.parametrize("text", ["ACQUISITION D'UN VEHICULE UTILITAIRE BENNE POUR LES SERVICES TECHNIQUES",
                                  "Achat de deux fourgons bennes électriques"])
def test_a_tipper_body_is_a_vehicle_not_worksite_waste(text: str) -> None:
    result = run(text)
    assert object_ids(result)[0] == "vehicules-acquisition"
    assert "dechets-emballages" not in first_themes(result)


def test_skips_for_worksite_waste_stay_waste() -> None:
    assert "dechets-emballages" in first_themes(run("Location de bennes pour les déchets de chantier"))
