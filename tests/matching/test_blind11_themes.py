"""Causes of theme-level misses found on the eleventh blind real set (tests/data/blind11_tenders.jsonl), each as a
general behaviour tried on other wordings than the set's:

- a heading before a dash and a lot whose title names a site, not a purchase (« Travaux de … - lot 2 secteur
  nord »), was hidden as the setting of the lot, so that nothing named the object: the heading is what is bought."""


from .support import first_themes, object_ids, run


def test_a_lot_titled_by_a_site_leaves_the_heading_as_the_object() -> None:
    result = run("TRAVAUX DE FAUCHAGE DES ACCOTEMENTS - LOT 3 SECTEUR NORD-EST")
    assert object_ids(result)[0] == "espaces-verts"
    assert "biodiversite-eau" in first_themes(result)


def test_a_lot_titled_by_a_purchase_is_still_the_object() -> None:
    result = run("Restructuration de la mairie - lot 4 menuiseries intérieures bois")
    assert object_ids(result)[0] != "espaces-verts"
    assert "insertion" in first_themes(result)
