"""The general behaviours added after blind batch l, each on wordings other than the batch's: the storm-water
networks a contract works on are no environmental condition (rain water kept, reused or let soak in is one), a
consideration said to bind only later or absent from the contract is not stated, and the weights of the award
criteria must add up to 100 %."""

from typing import Any

import pytest

from tests.checks.support import check_blocks, finding, rules

HEAD = ("p", "Le présent marché de services a pour objet l'entretien des équipements municipaux. Montant estimé : "
             "90 000 € HT. Date d'envoi de l'avis à la publication : 12/10/2026.")
VIGILANCE = ("Le titulaire remet, à la signature puis tous les six mois, l'attestation de vigilance délivrée par "
             "l'URSSAF (article D8222-5 du code du travail).")
ENVIRONMENT = "Les produits utilisés sont titulaires de l'Ecolabel européen ou d'un label équivalent."


def ccap(*paragraphs: str) -> list[Any]:
    return [("title", "CCAP"), ("h1", "Article 1 – Objet"), HEAD, ("h1", "Article 2 – Exécution"),
            *[("p", text) for text in paragraphs], ("h1", "Article 3 – Obligations sociales"), ("p", VIGILANCE)]


def rc(*criteria: tuple[str, Any]) -> list[Any]:
    return [("title", "Règlement de la consultation"), ("h1", "Article 1 – Objet"), HEAD,
            ("h1", "Article 4 – Critères de jugement des offres"), *criteria,
            ("h1", "Article 5 – Attribution"), ("p", VIGILANCE)]


@pytest.mark.parametrize(("text", "environmental"), [
    # the networks, basins and gullies of storm water are what the contract works on
    ("Le titulaire inspecte par caméra les collecteurs d'eaux pluviales de la zone d'activités.", False),
    ("Les bassins de rétention des eaux pluviales sont faucardés deux fois par an.", False),
    ("Le réseau de collecte des eaux de pluie est hydrocuré chaque printemps.", False),
    # rain water recovered, reused, stored or let soak in
    ("Les balayeuses sont remplies avec l'eau de pluie de la cuve du centre technique.", True),
    ("Les eaux pluviales du parking sont infiltrées sur place dans des noues plantées.", True),
    ("Le lavage des bacs est réalisé à l'eau de pluie récupérée en citerne.", True),
    ("Le titulaire privilégie la gestion à la parcelle des eaux pluviales du chantier.", True),
])
def test_storm_water_is_environmental_only_when_kept_or_reused(text: str, environmental: bool) -> None:
    result = check_blocks(ccap(text))
    assert ("present-clause-environnementale" in rules(result)) is environmental
    assert ("environnement-condition-manquante" in rules(result)) is not environmental


@pytest.mark.parametrize("text", [
    "La clause environnementale imposée par la loi n'est obligatoire qu'à partir du 1er janvier 2028.",
    "Les considérations environnementales de l'article L2112-2 ne s'appliquent pas au présent marché.",
    "Les clauses environnementales deviendront obligatoires en 2027 ; le présent CCAP n'en contient donc aucune.",
])
def test_a_consideration_said_to_bind_later_or_absent_is_not_stated(text: str) -> None:
    result = check_blocks(ccap(text))
    assert "present-clause-environnementale" not in rules(result)
    assert "environnement-condition-manquante" in rules(result, "manquant")
    assert result.decp["considerationsEnvironnementales"] == ["Pas de considération environnementale"]


def test_the_missing_condition_points_to_the_passage_that_puts_it_off() -> None:
    text = "Les considérations environnementales ne seront exigibles qu'à partir du prochain renouvellement."
    missing = finding(check_blocks(ccap(text)), "environnement-condition-manquante")
    assert missing.location is not None and missing.location.excerpt == text
    assert "les reporte à plus tard" in missing.message
    # a draft silent on it: the missing condition stands at the top of its part, without that sentence
    silent = finding(check_blocks(ccap("Le titulaire intervient sous quarante-huit heures.")),
                     "environnement-condition-manquante")
    assert "les reporte à plus tard" not in silent.message


def test_a_consideration_that_applies_now_is_still_stated() -> None:
    text = "Le tri des déchets s'applique à tous les sites ; il ne s'applique qu'aux déchets non dangereux."
    assert "present-clause-environnementale" in rules(check_blocks(ccap(text)))


ENV_CRITERION = "Performance environnementale (emballages, livraisons groupées)"


@pytest.mark.parametrize(("criteria", "total"), [
    # a list adding up to 90 %
    ([("list", ["Prix : 50 %", "Valeur technique : 30 %", f"{ENV_CRITERION} : 10 %"])], "90"),
    # a table adding up to 105 %, the weight in its own column
    ([("table", [["Critère", "Pondération"], ["Prix des prestations", "55 %"], ["Valeur technique", "35 %"],
                 [ENV_CRITERION, "15 %"]])], "105"),
    # plain lines with decimals
    ([("p", "Prix : 45,5 %"), ("p", "Valeur technique : 44,5 %"), ("p", f"{ENV_CRITERION} : 12 %")], "102"),
])
def test_weights_that_do_not_add_up_to_100_are_flagged(criteria: list[Any], total: str) -> None:
    result = check_blocks(rc(*criteria))
    assert "ponderation-incoherente" in rules(result, "risque")
    message = finding(result, "ponderation-incoherente").message
    assert f"Total des pondérations annoncées : {total}\u00a0%" in message


@pytest.mark.parametrize("criteria", [
    # 100 %
    [("list", ["Prix : 60 %", "Valeur technique : 25 %", f"{ENV_CRITERION} : 15 %"])],
    # sub-criteria under a weighted criterion: their weights are part of it
    [("p", "Prix : 50 %"), ("p", "Valeur technique : 35 %, décomposée comme suit :"),
     ("list", ["méthodologie : 20 %", "moyens humains : 15 %"]), ("p", f"{ENV_CRITERION} : 15 %")],
    [("table", [["Critère", "Pondération"], ["Prix", "50 %"], ["Valeur technique", "35 %"],
                ["– dont méthodologie", "20 %"], ["– dont moyens", "15 %"], [ENV_CRITERION, "15 %"]])],
    # one table per lot, each adding up to 100 %
    [("p", "Lot 1 – entretien courant :"),
     ("table", [["Critère", "Pondération"], ["Prix", "60 %"], ["Valeur technique", "30 %"], [ENV_CRITERION, "10 %"]]),
     ("p", "Lot 2 – dépannage :"),
     ("table", [["Critère", "Pondération"], ["Prix", "40 %"], ["Valeur technique", "50 %"], [ENV_CRITERION, "10 %"]])],
    # points, not per cent
    [("list", ["Prix : 12 points", "Valeur technique : 6 points", f"{ENV_CRITERION} : 2 points"])],
])
def test_weights_adding_up_or_unreadable_as_a_sum_are_not_flagged(criteria: list[Any]) -> None:
    assert "ponderation-incoherente" not in rules(check_blocks(rc(*criteria)))
