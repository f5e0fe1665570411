"""Causes of theme-level misses found on the ninth blind real set (tests/data/blind9_tenders.jsonl), each as a
general behaviour tried on other wordings than the set's:

- « … a pour objet la fourniture de … », the boilerplate of published objects, opens the object: its « pour » is no
  use or beneficiary after the thing bought, so what follows is read as what is bought;
- words buyers write that no family or thesaurus phrase knew: « girobroyage » (mowing of verges with a rotary
  mulcher), « réhabilitation énergétique », « hydro-économes » (water-saving devices), dental consumables;
- « collecte et distribution du courrier »: the collection of mail is no waste collection (a leftover of the
  eighth round, general wording);
- a purely social service (training, social support) filled the first five with social clauses and pushed the
  generic environmental clause, which every contract must carry, out of them."""

import pytest

from .support import first_themes, object_ids, run


@pytest.mark.parametrize(("text", "family", "theme"), [
    ("La consultation a pour objet l'entretien des espaces verts de la commune", "espaces-verts", "biodiversite-eau"),
    ("Le présent accord-cadre a pour objet la fourniture de gants nitrile", "medical-hygiene", "droits-humains-chaine"),
    ("Marché ayant pour objet le nettoyage des locaux de la mairie", "nettoyage-locaux", "insertion"),
])
def test_boilerplate_having_for_object_opens_the_object(text: str, family: str, theme: str) -> None:
    result = run(text)
    assert family in object_ids(result)
    assert theme in first_themes(result)


def test_pour_still_marks_a_use_after_the_thing_bought() -> None:
    assert object_ids(run("Fourniture de sacs pour la collecte des déchets ménagers"))[0] != "collecte-dechets"


@pytest.mark.parametrize("text", ["GIROBROYAGE DES DEPENDANCES ROUTIERES 2025", "Prestations de girobroyage"])
def test_girobroyage_is_green_space_upkeep(text: str) -> None:
    result = run(text)
    assert object_ids(result)[0] == "espaces-verts"
    assert {"biodiversite-eau", "insertion"} <= first_themes(result)


def test_energy_rehabilitation_names_energy_in_every_lot() -> None:
    result = run("Réhabilitation énergétique du groupe scolaire Pasteur - Lot 6 : plâtrerie")
    assert {"insertion", "energie-climat"} <= first_themes(result)


@pytest.mark.parametrize("text", ["Achat de kits hydro-économes pour les locataires",
                                  "FOURNITURE DE MOUSSEURS ET REDUCTEURS DE DEBIT"])
def test_water_saving_devices_name_water(text: str) -> None:
    assert "biodiversite-eau" in first_themes(run(text))


def test_dental_consumables_are_medical_supplies() -> None:
    result = run("Achat de fournitures dentaires pour le centre de santé")
    assert object_ids(result)[0] == "medical-hygiene"
    assert "substances-dangereuses" in first_themes(result)


@pytest.mark.parametrize("text", ["Formation des agents à l'accueil du public en situation de handicap",
                                  "Prestations de médiation sociale dans les quartiers",
                                  "Accompagnement socioprofessionnel des bénéficiaires du RSA"])
def test_a_social_service_keeps_an_environmental_clause_in_the_first_five(text: str) -> None:
    result = run(text, limit=10)
    assert any(item.clause.generic for item in result.matches[:5])
    assert first_themes(result, 4) - {"environnement-general"}  # the social clauses still come first
    scores = [item.score for item in result.matches[:6]]
    assert scores == sorted(scores, reverse=True)


def test_a_specific_environmental_clause_is_enough() -> None:
    result = run("Nettoyage des locaux de la mairie")
    assert not any(item.clause.generic for item in result.matches[:5])


@pytest.mark.parametrize("text", ["COLLECTE ET DISTRIBUTION DU COURRIER DES SERVICES MUNICIPAUX",
                                  "Levée du courrier et affranchissement"])
def test_collecting_the_mail_is_no_waste_collection(text: str) -> None:
    result = run(text)
    assert object_ids(result)[0] == "courrier-postal"
    assert "dechets-emballages" not in first_themes(result, 3)
