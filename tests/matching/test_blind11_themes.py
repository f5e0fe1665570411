"""Causes of theme-level misses found on the eleventh blind real set (tests/data/blind11_tenders.jsonl), each as a
general behaviour tried on other wordings than the set's:

- a heading before a dash and a lot whose title names a site, not a purchase (« Travaux de … - lot 2 secteur
  nord »), was hidden as the setting of the lot, so that nothing named the object: the heading is what is bought;
- roadside scrub clearing and pruning works (CPV 45111220, « travaux de débroussaillage ») were read as building
  works: they are landscaping works;
- mountain streams and brooks (« torrents », « ruisseaux ») were no watercourse: their dredging read as the
  stripping of a building (« curage »);
- landfill leachate and groundwater (« lixiviats », « eaux souterraines ») named no water quality;
- a complement of a study, a check or an analysis of another domain joined its object as a refinement
  (« analyses des lixiviats des ISDND » bought waste collection): it is the subject the work is about;
- the promotion of a practice (« promotion de la pratique du vélo ») was read as the thing practised (bicycles
  bought): it is an awareness service about it;
- a scheduling and coordination mission (OPC) or a construction check got the clauses of the works it coordinates
  (insertion hours, site waste plan): it covers the works without doing them (a leftover of the tenth round)."""

import pytest

from .support import first_themes, ids, object_ids, recommended, run


def test_a_lot_titled_by_a_site_leaves_the_heading_as_the_object() -> None:
    result = run("TRAVAUX DE FAUCHAGE DES ACCOTEMENTS - LOT 3 SECTEUR NORD-EST")
    assert object_ids(result)[0] == "espaces-verts"
    assert "biodiversite-eau" in first_themes(result)


def test_a_lot_titled_by_a_purchase_is_still_the_object() -> None:
    result = run("Restructuration de la mairie - lot 4 menuiseries intérieures bois")
    assert object_ids(result)[0] != "espaces-verts"
    assert "insertion" in first_themes(result)


def test_scrub_clearing_works_are_landscaping_works() -> None:
    result = run("Débroussaillage et abattage d'arbres le long des routes départementales", cpv=["45111220"])
    assert "travaux-paysagers" in object_ids(result)
    assert "biodiversite-eau" in first_themes(result)


@pytest.mark.parametrize("text", ["Curage des ruisseaux de la commune", "Entretien des torrents du bassin versant"])
def test_streams_are_watercourses(text: str) -> None:
    result = run(text)
    assert "travaux-demolition" not in object_ids(result)
    assert "biodiversite-eau" in first_themes(result)


def test_leachate_monitoring_is_about_water_quality() -> None:
    result = run("Suivi des lixiviats et des eaux souterraines du centre d'enfouissement")
    assert "biodiversite-eau" in first_themes(result)


@pytest.mark.parametrize("text", [
    "Mission OPC extension et réhabilitation de l'école élémentaire",
    "Mission de contrôle technique reconstruction du gymnase municipal",
])
def test_a_coordination_or_check_mission_gets_no_works_clauses(text: str) -> None:
    top = ids(run(text), 5)
    assert "insertion-heures-execution" not in top
    assert "dechets-emballages-soged-chantier" not in top
    assert "environnement-general-condition-execution" in top


def test_the_complement_of_an_analysis_is_its_subject() -> None:
    result = run("Prélèvements et analyses des boues de la déchetterie intercommunale")
    assert object_ids(result) == ["analyses-laboratoire"]
    assert "vehicules-mobilite-ecoconduite" not in recommended(result)


def test_promoting_a_practice_is_an_awareness_service() -> None:
    result = run("Promotion de la pratique du vélo auprès des collégiens")
    assert object_ids(result)[0] == "formation"
    assert "cycle-de-vie-garantie-pieces" not in ids(result, 5)
    assert "vehicules-mobilite" in first_themes(result)
