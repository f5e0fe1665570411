"""Causes of theme-level misses found on the twelfth blind real set (tests/data/blind12_tenders.jsonl), each as a
general behaviour tried on other wordings than the set's:

- leak tests of sewers (« tests d'étanchéité des réseaux d'assainissement ») were read as road and network works
  first: checking a water network is a service on it, about water;
- a training « en » a domain (« formation … en restauration collective ») bought that domain as the material of a
  supply (« composteurs en bois »): for work about a subject (training, study, check), it is the subject;
- « transport et traitement » of a waste site's lot was read as the transport of people: it is waste;
- what follows « pour le groupement de commandes » was read as a use, so the CPV code alone named the object
  (kitchen equipment for « articles … pour le groupement de commandes entretien hygiène »): a group named by what
  it buys names the object; « entretien hygiène » names cleaning goods, and « groupement de commandes » is no
  keyword of gas or electricity clauses;
- aquatic environments (« milieux aquatiques ») named no water theme of their own, and their « restauration » read
  as catering, so a study of their restoration opened on insertion and site waste."""

import pytest

from .support import first_themes, ids, object_ids, run


@pytest.mark.parametrize("text", [
    "Essais d'étanchéité des réseaux d'eaux usées neufs",
    "Contrôle d'étanchéité des réseaux d'assainissement de la ZAC",
])
def test_leak_tests_of_sewers_are_a_water_service(text: str) -> None:
    result = run(text)
    assert object_ids(result)[0] == "eau-assainissement"
    assert "biodiversite-eau" in first_themes(result)


def test_a_training_in_a_domain_does_not_buy_the_domain() -> None:
    result = run("Sessions de formation des agents en restauration collective et hygiène alimentaire")
    assert object_ids(result) == ["formation"]


def test_a_supply_made_of_a_material_still_buys_it() -> None:
    assert "forets-bois" in object_ids(run("Fourniture de composteurs en bois"))


def test_transport_and_treatment_at_a_waste_site_is_waste() -> None:
    result = run("Exploitation des déchèteries : lot 2 gravats (transport et traitement)")
    assert object_ids(result)[0] == "collecte-dechets"
    assert "dechets-emballages" in first_themes(result)


def test_a_group_named_by_its_purchase_names_the_object() -> None:
    result = run("Achat de fournitures pour le groupement de commandes entretien et hygiène des collèges",
                 cpv=["39220000"])
    assert object_ids(result)[0] == "produits-entretien"
    assert {"ecolabels", "substances-dangereuses"} <= first_themes(result)
    assert "energie-climat" not in first_themes(result)


def test_a_use_after_pour_is_still_a_use() -> None:
    assert object_ids(run("Fourniture de sacs pour la collecte des déchets"))[0] != "collecte-dechets"


def test_restoring_aquatic_environments_is_about_water() -> None:
    result = run("Diagnostic et programme de restauration des milieux aquatiques du bassin versant")
    assert ids(result, 1)[0].startswith("biodiversite-eau")
    assert "alimentation-durable" not in first_themes(result)
