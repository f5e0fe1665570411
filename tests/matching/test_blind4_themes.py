"""Causes of theme-level misses found on the fourth blind real set (tests/data/blind4_tenders.jsonl), each as a
general behaviour tried on other wordings than the set's: « The » without its accent in mixed-case text is the
English article, not tea; « EPIC » names a public body, not spices; insurance covers a building site or a fleet
without working on it: the insured works or vehicles bring almost none of their themes (``covers``); « tous
risques chantier » is an insurance cover, not a worksite; an ice rink and charging points for electric vehicles
name energy; ornamental fountains are water; patient transport (ambulances) is transport of people; a « trame
sombre » (dark corridor) is biodiversity; « papeterie » is stationery (office supplies), not paper."""

import pytest

from .support import first_themes, ids, object_ids, run


@pytest.mark.parametrize("text", ["Tapisserie « The Lord of the Rings » – tissage d'une pièce",
                                  "Exposition The Art of Silence : transport des œuvres"])
def test_the_english_article_is_not_tea(text: str) -> None:
    result = run(text)
    assert "boissons-equitables" not in object_ids(result)
    assert "commerce-equitable" not in first_themes(result)


def test_tea_in_capitals_stays_tea() -> None:
    assert "commerce-equitable" in first_themes(run("FOURNITURE CAFE THE SUCRE"))


def test_epic_is_a_public_body_not_spices() -> None:
    result = run("Conception graphique des supports de l'EPIC Office de tourisme")
    assert "commerce-equitable" not in first_themes(result)


@pytest.mark.parametrize(
    ("text", "cpv"),
    [
        ("Assurance dommages-ouvrage relative aux travaux de construction du gymnase", []),
        ("Contrat d'assurance construction : dommages-ouvrage, opération de réhabilitation de la piscine", []),
        ("PRESTATION D ASSURANCE DOMMAGES A L OUVRAGE - RESTRUCTURATION ET EXTENSION DU COLLEGE", ["66515000"]),
    ],
)
def test_insured_works_bring_no_works_clauses(text: str, cpv: list[str]) -> None:
    result = run(text, cpv=cpv)
    assert object_ids(result)[0] == "assurances-finance"
    assert result.matches[0].clause.themes == ["environnement-general"]
    assert not {"insertion", "nuisances-chantier"} & first_themes(result)


def test_all_risks_worksite_insurance_is_insurance() -> None:
    result = run("Assurance tous risques chantier de la médiathèque")
    assert object_ids(result)[0] == "assurances-finance"
    assert "nuisances-chantier" not in first_themes(result)


@pytest.mark.parametrize(
    ("text", "cpv"),
    [
        ("Location et installation d'une patinoire éphémère pour les fêtes de fin d'année", []),
        ("PATINOIRE SYNTHETIQUE ET ANIMATIONS DE NOEL", []),
        ("Exploitation et maintenance des IRVE de la communauté", ["32425000"]),
        ("Supervision des bornes de recharge", ["32425000"]),
    ],
)
def test_ice_rinks_and_charging_points_name_energy(text: str, cpv: list[str]) -> None:
    assert "energie-climat" in first_themes(run(text, cpv=cpv))


@pytest.mark.parametrize("text", ["Maintenance des fontaines d'agrément du centre-ville",
                                  "FONTAINERIE - ENTRETIEN DES BASSINS ET JEUX D'EAU"])
def test_ornamental_fountains_are_water(text: str) -> None:
    result = run(text)
    assert "eau-assainissement" in object_ids(result)
    assert "biodiversite-eau" in first_themes(result)
    assert "bois-forets-origine-legale" not in ids(result, 5)


@pytest.mark.parametrize(
    ("text", "cpv"),
    [
        ("Transports sanitaires des résidents de l'EHPAD vers les consultations", []),
        ("Transport de patients assis et couchés - lot 2 ambulances", ["85143000"]),
    ],
)
def test_patient_transport_is_transport_of_people(text: str, cpv: list[str]) -> None:
    result = run(text, cpv=cpv)
    assert object_ids(result)[0] == "transport-personnes"
    assert result.matches[0].clause.themes[0] == "vehicules-mobilite"
    assert "reemploi-recyclage" not in first_themes(result)


def test_a_dark_corridor_is_biodiversity() -> None:
    result = run("Étude pour la définition d'une trame sombre intercommunale")
    assert result.matches[0].clause.themes[0] == "biodiversite-eau"


@pytest.mark.parametrize("text", ["ACHAT DE PAPETERIE POUR LES SERVICES",
                                  "Fourniture d'articles de papèterie scolaire"])
def test_papeterie_is_stationery(text: str) -> None:
    result = run(text)
    assert object_ids(result)[0] == "fournitures-bureau"
    assert "ecolabels" in result.matches[0].clause.themes


def test_paper_with_stationery_stays_paper() -> None:
    assert object_ids(run("Fourniture de papier et de papeterie"))[0] == "papier"
