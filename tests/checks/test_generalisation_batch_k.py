"""The general behaviours added after blind batch k, each on wordings other than the batch's: vehicles' air-quality
class and engines stopped, selective sorting, daytime work in other verbs, a label named in a table without a verb,
the holder's premises required in a territory, the firm's own management system or carbon balance, the candidate's
sworn statement, and two PDF readings (weights alone on their line, a table flattened after its introduction)."""

from typing import Any

import pytest

from app.checks.reader import _pdf_paragraphs
from tests.checks.support import check, check_blocks, pdf, rules

HEAD = ("p", "Le présent marché de services a pour objet l'entretien et le transport pour les services municipaux. "
             "Montant estimé : 90 000 € HT. Date d'envoi de l'avis à la publication : 12/10/2026.")
VIGILANCE = ("Le titulaire remet, à la signature puis tous les six mois, l'attestation de vigilance délivrée par "
             "l'URSSAF (article D8222-5 du code du travail).")
ENVIRONMENT = "Les produits utilisés sont titulaires de l'Ecolabel européen ou d'un label équivalent."
RC_HEAD = [("title", "Règlement de la consultation"), ("h1", "Article 1 – Objet"), HEAD]


def ccap(*paragraphs: str, extra: tuple[tuple[str, Any], ...] = ()) -> list[Any]:
    return [("title", "CCAP"), ("h1", "Article 1 – Objet"), HEAD, ("h1", "Article 2 – Exécution"),
            *[("p", text) for text in paragraphs], ("h1", "Article 3 – Obligations sociales"), ("p", VIGILANCE),
            *extra]


@pytest.mark.parametrize(("text", "environmental"), [
    # the air-quality class of the vehicles, in words or by its sticker
    ("Seuls les camions de classe Crit'Air 2 ou 3 sont admis sur le chantier.", True),
    ("Les minibus affichent la vignette Crit'Air de classe 1 au moins.", True),
    ("Chaque véhicule porte un certificat de qualité de l'air en cours de validité.", True),
    # engines stopped rather than idling
    ("Les moteurs sont éteints pendant les livraisons et le chargement.", True),
    ("Les chauffeurs coupent leur moteur dès que le car est à quai.", True),
    ("Les engins ne tournent pas au ralenti entre deux chargements.", True),
    # waste sorted into its streams
    ("Les emballages vides sont déposés dans les conteneurs de tri de la résidence.", True),
    ("Le personnel respecte le tri sélectif en place dans chaque bâtiment.", True),
    # an engine or a sorting that says nothing of the environment
    ("Le véhicule est équipé d'un moteur diesel de 180 ch et d'une boîte automatique.", False),
    ("Le tri des courriers entrants est assuré chaque matin par le titulaire.", False),
])
def test_vehicles_air_quality_idling_and_sorting_are_environmental(text: str, environmental: bool) -> None:
    result = check_blocks(ccap(text))
    assert ("present-clause-environnementale" in rules(result)) is environmental
    assert ("environnement-condition-manquante" in rules(result)) is not environmental


@pytest.mark.parametrize("text", [
    "Les prestations de nettoyage sont organisées en journée, de 7 h à 17 h.",
    "Le travail des agents d'entretien est exécuté en journée.",
])
def test_daytime_work_in_other_verbs_is_social(text: str) -> None:
    assert "present-clause-sociale" in rules(check_blocks(ccap(ENVIRONMENT, text)))


TABLE_INTRO = "Les articles livrés sont ceux du tableau suivant :"


@pytest.mark.parametrize(("intro", "cells", "after", "flagged"), [
    # a label named in a cell, with no verb: the table says what is supplied
    (TABLE_INTRO, ["Essuie-mains", "Papier recyclé, Ecolabel européen"], "", True),
    (TABLE_INTRO, ["Savon liquide", "Savon certifié Ecocert"], "", True),
    # its equivalents admitted in its row, by the introduction or by the sentence after the table
    (TABLE_INTRO, ["Essuie-mains", "Papier recyclé, Ecolabel européen ou équivalent"], "", False),
    ("Les articles livrés sont ceux du tableau suivant, ou leurs équivalents :",
     ["Essuie-mains", "Papier recyclé, Ecolabel européen"], "", False),
    (TABLE_INTRO, ["Essuie-mains", "Papier recyclé, Ecolabel européen"], "Tout label équivalent est accepté.", False),
    # a sentence after the table about another label admits no equivalent of the table's
    (TABLE_INTRO, ["Essuie-mains", "Papier recyclé, Ecolabel européen"],
     "Les cartons d'emballage sont certifiés PEFC ou équivalent.", True),
])
def test_a_label_named_in_a_table_cell_is_required(intro: str, cells: list[str], after: str, flagged: bool) -> None:
    extra: list[tuple[str, Any]] = [("p", intro), ("table", [["Article", "Produit de référence"], cells])]
    if after:
        extra.append(("p", after))
    result = check_blocks(ccap(*[], extra=tuple(extra)))
    assert ("label-sans-equivalent" in rules(result, "risque")) is flagged


def test_a_label_in_a_column_of_examples_is_not_required() -> None:
    table = ("table", [["Famille", "Exemples de labels"], ["Peintures", "Ecolabel européen, NF Environnement"]])
    result = check_blocks(ccap(ENVIRONMENT, extra=(("p", TABLE_INTRO), table)))
    assert "label-sans-equivalent" not in rules(result, "risque")


@pytest.mark.parametrize(("text", "flagged"), [
    ("Le titulaire dispose d'une agence dans le département afin d'assurer le service.", True),
    ("Le prestataire justifie de son entrepôt sur le territoire de la communauté d'agglomération.", True),
    # the buyer's own depot, premises of the commune, the European Union
    ("Les encombrants sont apportés au dépôt de la commune.", False),
    ("Le titulaire assure le nettoyage des locaux de la commune.", False),
    ("Le prestataire anime un atelier dans la commune chaque mercredi.", False),
    ("Les données sont hébergées dans un centre situé sur le territoire de l'Union européenne.", False),
])
def test_the_holders_premises_required_in_a_territory(text: str, flagged: bool) -> None:
    result = check_blocks(ccap(ENVIRONMENT, text))
    assert ("preference-locale" in rules(result, "risque")) is flagged


def _rc(*criteria: str) -> list[Any]:
    return [*RC_HEAD, ("h1", "Article 5 – Critères d'attribution"), ("list", list(criteria)),
            ("h1", "Article 6 – Attribution"), ("p", VIGILANCE)]


def test_the_firms_carbon_balance_or_management_system_is_its_general_policy() -> None:
    for criterion in ("Bilan des émissions de gaz à effet de serre du candidat : 10 %",
                      "Management de l'énergie de la société (ISO 50001 ou équivalent) : 10 %"):
        result = check_blocks(_rc("Prix : 60 %", "Valeur technique : 30 %", criterion))
        assert "politique-generale" in rules(result, "risque")
        assert "present-critere-environnemental" not in rules(result)
        assert "environnement-critere-manquant" in rules(result, "manquant")
    # the balance of this contract's own works is no general policy
    result = check_blocks(_rc("Prix : 60 %", "Valeur technique : 30 %",
                              "Bilan des émissions de gaz à effet de serre du chantier proposé : 10 %"))
    assert "politique-generale" not in rules(result) and "present-critere-environnemental" in rules(result)


def test_the_firms_social_responsibility_hides_its_environmental_actions_too() -> None:
    text = "Le candidat présente la responsabilité sociale de l'entreprise, dont ses actions pour la biodiversité."
    result = check_blocks(ccap(text))
    assert "present-clause-environnementale" not in rules(result)
    assert "environnement-condition-manquante" in rules(result, "manquant")


def test_an_environmental_policy_hides_no_social_criterion_beside_it() -> None:
    """A flattened row runs a social criterion into the firm's environmental management system: the first stays."""
    criterion = ("Valeur technique : 40 %, dont accessibilité numérique (RGAA) et système de management "
                 "environnemental de l'entreprise")
    result = check_blocks(_rc("Prix : 60 %", criterion))
    assert "present-critere-social" in rules(result)
    assert "present-critere-environnemental" not in rules(result)


@pytest.mark.parametrize(("text", "social"), [
    ("Le soumissionnaire atteste, sur l'honneur, être en règle au regard des articles L5212-2 à L5212-5 du code du "
     "travail relatifs à l'emploi des travailleurs handicapés.", False),
    ("Le candidat déclare respecter l'obligation d'emploi des travailleurs handicapés.", False),
    ("Le titulaire confie au moins 3 % des heures de travail à des travailleurs handicapés d'une entreprise "
     "adaptée.", True),
    # the beneficiaries of that obligation as the public of an insertion clause
    ("Le titulaire réserve 5 % des heures travaillées à des bénéficiaires de l'obligation d'emploi des travailleurs "
     "handicapés (article L5212-13 du code du travail).", True),
])
def test_the_candidates_sworn_statement_is_no_social_clause(text: str, social: bool) -> None:
    result = check_blocks(ccap(ENVIRONMENT, text))
    assert bool({"present-clause-sociale", "present-insertion"} & set(rules(result))) is social


def test_pdf_weights_alone_on_their_line_are_not_page_margins() -> None:
    """« 45 % » ends a row on page 1 and « 15 % » on page 2: numbers aside they read alike, yet they are the body's,
    unlike a running header (words) or a page number alone."""
    pages = ["RC – Maintenance\nCritères d'attribution\nPrix\n45 %\n1",
             "RC – Maintenance\nDélai d'intervention\n15 %\n2"]
    texts = [p.text for p in _pdf_paragraphs(pages, "rc.pdf").paragraphs]
    assert any("45 %" in text for text in texts) and any("15 %" in text for text in texts)
    assert not any(text.startswith("RC – Maintenance") for text in texts)
    assert not any(text.strip() in ("1", "2") for text in texts)


@pytest.mark.parametrize(("cells", "flagged"), [
    ("Sols Quotidienne Détergent neutre, NF Environnement Vitres Mensuelle Produit vitres", True),
    ("Sols Quotidienne Détergent neutre, NF Environnement ou équivalent Vitres Mensuelle Produit vitres", False),
])
def test_pdf_table_flattened_after_its_introduction(cells: str, flagged: bool) -> None:
    data = pdf([["Cahier des clauses techniques particulières", "Article 1 – Objet",
                 "Nettoyage des locaux. Montant estimé : 90 000 € HT.", "Article 2 – Produits",
                 "Le titulaire emploie les produits indiqués ci-dessous :", cells,
                 "Article 3 – Obligations", VIGILANCE]])
    assert ("label-sans-equivalent" in rules(check(data, "cctp.pdf")[1], "risque")) is flagged
