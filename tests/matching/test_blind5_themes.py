"""Causes of theme-level misses found on the fifth blind real set (tests/data/blind5_tenders.jsonl), each as a
general behaviour tried on other wordings than the set's: « dépannage » alone is the call-out repair of any
installation, not only of vehicles, and refrigeration plants are energy; running a public sewerage or water service
is a water service, not network works; water-treatment polymers are chemicals, whatever bag they come in (a bare
« sac » is packing, not a waste bag); the
papers and packaging of a waste collection are waste, not paper to buy; removing graffiti is first about the
stripping products; tableware is first about single-use and plastics, not about energy; payment cards (CPV 30163)
bought by a public buyer pay fuel: no IT clause."""

import pytest

from .support import first_themes, object_ids, run


@pytest.mark.parametrize(
    ("text", "cpv"),
    [
        ("Maintenance et dépannage des installations frigorifiques des cuisines", []),
        ("CONTRAT ENTRETIEN INSTALLATION FRIGORIFIQUE RESTAURANT SCOLAIRE", ["50000000"]),
    ],
)
def test_refrigeration_upkeep_is_energy_not_vehicles(text: str, cpv: list[str]) -> None:
    result = run(text, cpv=cpv)
    assert "entretien-vehicules" not in object_ids(result)
    assert "vehicules-mobilite" not in first_themes(result)
    assert result.matches[0].clause.themes[0] == "energie-climat"


@pytest.mark.parametrize("text", ["Dépannage remorquage des véhicules municipaux",
                                  "Dépannage des véhicules légers et poids lourds"])
def test_a_breakdown_truck_is_still_vehicles(text: str) -> None:
    assert object_ids(run(text))[0] == "entretien-vehicules"


def test_lift_call_outs_are_installation_upkeep() -> None:
    assert object_ids(run("Entretien et dépannage des ascenseurs des écoles"))[0] == "maintenance-installations"


@pytest.mark.parametrize(
    ("text", "cpv"),
    [
        ("Délégation du service public d'assainissement collectif de la commune", []),
        ("EXPLOITATION DES OUVRAGES D'ASSAINISSEMENT COLLECTIF DU SYNDICAT", ["90480000"]),
    ],
)
def test_running_a_sewerage_service_is_a_water_service(text: str, cpv: list[str]) -> None:
    result = run(text, cpv=cpv)
    assert object_ids(result)[0] == "eau-assainissement"
    assert result.matches[0].clause.themes[0] == "biodiversite-eau"
    assert "nuisances-chantier" not in first_themes(result)


def test_sewer_works_stay_works() -> None:
    result = run("Travaux de réhabilitation du réseau d'assainissement collectif rue des Lilas", cpv=["45232410"])
    assert "insertion" in first_themes(result)


@pytest.mark.parametrize("text", ["Fourniture de polymère en émulsion pour la station d'épuration, bidons de 20 L",
                                  "ACHAT FLOCULANT ET COAGULANT STEP - SACS DE 25 KG"])
def test_water_treatment_polymers_are_chemicals(text: str) -> None:
    result = run(text)
    assert object_ids(result)[0] == "produits-chimiques"
    assert result.matches[0].clause.themes[0] == "substances-dangereuses"


def test_goods_packed_in_bags_are_not_waste_bags() -> None:
    result = run("Fourniture de sel de déneigement en sacs de 25 kg")
    assert "equipements-collecte" not in object_ids(result)
    assert "reemploi-recyclage" not in {item.clause.themes[0] for item in result.matches[:3]}


@pytest.mark.parametrize("text", ["Fourniture de sacs pour la collecte sélective", "Fourniture de sacs DASRI jaunes"])
def test_waste_bags_stay_waste_bags(text: str) -> None:
    assert object_ids(run(text))[0] == "equipements-collecte"


@pytest.mark.parametrize("text", ["Collecte des emballages et papiers en points d'apport volontaire",
                                  "COLLECTE SELECTIVE PAPIERS ET EMBALLAGES EN PORTE A PORTE"])
def test_waste_papers_are_not_paper_to_buy(text: str) -> None:
    result = run(text)
    assert object_ids(result)[0] == "collecte-dechets"
    assert "papier-impression" not in first_themes(result)


@pytest.mark.parametrize(
    ("text", "cpv"),
    [
        ("Effacement des graffitis et de l'affichage sauvage sur les façades", []),
        ("ENLEVEMENT DES TAGS SUR LE MOBILIER URBAIN", ["90690000"]),
    ],
)
def test_graffiti_removal_is_about_its_products(text: str, cpv: list[str]) -> None:
    result = run(text, cpv=cpv)
    assert object_ids(result)[0] == "effacement-graffitis"
    assert "substances-dangereuses" in {theme for item in result.matches[:2] for theme in item.clause.themes}
    assert "papier-impression" not in first_themes(result)


def test_a_tax_base_is_no_tableware() -> None:
    assert "vaisselle-restauration" not in object_ids(run("Assistance à la révision des assiettes fiscales"))


def test_street_cleaning_stays_street_cleaning() -> None:
    assert object_ids(run("Balayage mécanique et lavage de la voirie"))[0] == "proprete-urbaine"


@pytest.mark.parametrize(
    ("text", "cpv"),
    [
        ("Fourniture de vaisselle réutilisable pour les restaurants scolaires", []),
        ("ACHAT ASSIETTES ET GOBELETS", ["39221200"]),
    ],
)
def test_tableware_is_about_single_use_not_energy(text: str, cpv: list[str]) -> None:
    result = run(text, cpv=cpv)
    assert object_ids(result)[0] == "vaisselle-restauration"
    assert "dechets-emballages" in first_themes(result, 2)
    assert "energie-climat" not in {item.clause.themes[0] for item in result.matches[:5]}


def test_a_dishwasher_stays_an_appliance() -> None:
    assert object_ids(run("Fourniture et installation d'un lave-vaisselle professionnel"))[0] == "electromenager"


@pytest.mark.parametrize(
    ("text", "cpv"),
    [
        ("Cartes de paiement pour l'approvisionnement en gazole de la flotte", ["30163000"]),
        ("FOURNITURE DE CARTES CARBURANT", ["30163100"]),
    ],
)
def test_fuel_cards_bring_no_it_clause(text: str, cpv: list[str]) -> None:
    result = run(text, cpv=cpv)
    assert object_ids(result)[0] == "carburants"
    assert "numerique-responsable" not in first_themes(result)
