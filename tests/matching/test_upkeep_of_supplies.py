"""Keeping a thing in use is a service, not a purchase of that thing; cleaning out what water leaves (sludge,
lagoons, digesters, sewers) is water-service work, not the stripping of a building; and a sewage or drinking-water
operation gets first the clauses written for the water service, not those of green spaces, winter roads or works
in a river. Each behaviour is tried on several wordings."""

import pytest

from .support import ids, object_ids, recommended, run

LOW_EMISSION = "vehicules-mobilite-faibles-emissions-acquisition"
VEHICLE_UPKEEP = "entretien-vehicules"


@pytest.mark.parametrize(("text", "supply"), [
    ("Réparation et entretien des bicyclettes du service des sports", "cycles"),
    ("Prestations d'entretien courant des VAE prêtés aux agents", "cycles"),
    ("Maintenance préventive et curative des tondeuses autoportées des services techniques", "materiel-espaces-verts"),
    ("Commune de Blanzy : réparation des débroussailleuses et taille-haies", "materiel-espaces-verts"),
    ("Entretien et remise en état des semi-remorques du syndicat de collecte", "remorques"),
    ("Révision annuelle des remorques plateau du centre technique", "remorques"),
    ("Entretien mécanique des minibus du CCAS", "vehicules-acquisition"),
])
def test_the_upkeep_of_a_supply_buys_the_service_not_the_thing(text: str, supply: str) -> None:
    result = run(text)
    assert object_ids(result) == [VEHICLE_UPKEEP], text
    assert supply not in object_ids(result)
    assert "reemploi-recyclage-entretien-vehicules-pieces" in recommended(result), text


@pytest.mark.parametrize(("text", "supply"), [
    ("Acquisition de vélos à assistance électrique pour la police municipale", "cycles"),
    ("Fourniture d'une tondeuse autoportée avec entretien pendant 3 ans", "materiel-espaces-verts"),
    ("Achat d'une remorque porte-engins", "remorques"),
])
def test_buying_the_thing_stays_a_supply(text: str, supply: str) -> None:
    assert object_ids(run(text))[0] == supply, text


@pytest.mark.parametrize("text", [
    "Curage et évacuation des boues des lagunes de Saint-Just",
    "Curage du digesteur et du silo à boues de la station d'épuration intercommunale",
    "Curage des égouts du centre ancien, 2 ans",
    "Prestation de curage des boues d'épuration de la STEU",
])
def test_cleaning_out_what_water_leaves_is_water_service_work(text: str) -> None:
    result = run(text)
    assert object_ids(result)[0] in {"eau-assainissement", "curage-vidange"}, text
    assert "travaux-demolition" not in object_ids(result)
    assert "dechets-emballages-reemploi-materiaux-chantier" not in recommended(result)


@pytest.mark.parametrize("text", [
    "Curage intérieur de l'ancienne gendarmerie avant réhabilitation",
    "Travaux de curage et de démolition de l'ancien collège",
    "Curage du bâtiment B de l'hôpital et désamiantage",
])
def test_stripping_a_building_stays_demolition(text: str) -> None:
    assert "travaux-demolition" in object_ids(run(text)), text


WATER_CRITERION = "biodiversite-eau-critere-attribution"
OFF_WATER_SERVICE = {"biodiversite-eau-zero-phyto", "biodiversite-eau-fondants-routiers",
                     "biodiversite-eau-travaux-milieu-aquatique"}


@pytest.mark.parametrize("text", [
    "Exploitation des ouvrages d'assainissement collectif et de la station de traitement des eaux usées",
    "Exploitation du service public de l'eau potable : production, distribution et relève des compteurs",
    "Marché d'exploitation des postes de relèvement et de la STEP de la communauté de communes",
    "Gestion des réseaux d'eaux usées et des stations d'épuration du syndicat, 5 ans",
])
def test_a_water_operation_gets_the_water_clauses_first(text: str) -> None:
    first = ids(run(text), 5)
    assert WATER_CRITERION in first, (text, first)
    assert first[0] not in OFF_WATER_SERVICE, (text, first)
    for clause in OFF_WATER_SERVICE & set(first):
        assert first.index(clause) > first.index(WATER_CRITERION), (text, first)
