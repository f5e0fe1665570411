"""Legal wording checks of clause bodies (the errors of the December 2026 legal review that a pattern catches)."""

import re
from dataclasses import replace
from pathlib import Path

import pytest

from app.checks import rules
from app.checks.reader import Paragraph
from app.clauses.legal_lint import wording_problems
from app.clauses.references import fold
from app.labels import CHECKED_SPELLINGS, read_labels
from app.suppliers.labels import canonical_label
from tests.clauses.test_validate import VALID, validate, write

BAD = {
    "label-without-equivalent": (
        "Les produits sont titulaires de l'écolabel européen (EU Ecolabel).",
        "label cité sans « ou équivalent » : EU Ecolabel, écolabel européen",
    ),
    "presumption-without-other-proof": (
        "Les produits titulaires de l'écolabel européen ou d'un label équivalent sont présumés conformes.",
        "sans admettre « tout autre moyen de preuve approprié »",
    ),
    "share-of-orders": (
        "Le titulaire s'engage à ce qu'au moins {{ part }} % des articles textiles commandés soient issus du réemploi.",
        "part minimale de ce que l'acheteur commande imposée au titulaire",
    ),
    "sixty-grams": (
        "Les véhicules légers émettent au plus 60 g de CO2 par kilomètre.",
        "60 g de CO2/km (décret 2017-24) n'est plus la définition",
    ),
    "phone-repairability-index": (
        "Les smartphones ont un indice de réparabilité d'au moins 8 sur 10.",
        "classe de réparabilité A à E",
    ),
    "periodic-handover-without-due-day": (
        "Le prestataire adresse trimestriellement au service un état des heures réalisées.",
        "remise périodique sans échéance",
    ),
    "periodic-handover-by-frequency-variable": (
        "Le titulaire tient un cahier des tontes et le remet à l'acheteur {{ frequence_cahier }}.",
        "remise périodique sans échéance",
    ),
    "biocides-authorised-only": (
        "Les désinfectants sont des produits biocides autorisés au titre du règlement (UE) n° 528/2012.",
        "mesures transitoires de l'article 89",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_each_error_of_the_review_is_caught(case: str) -> None:
    text, message = BAD[case]
    problems = wording_problems(text)
    assert len(problems) == 1, problems
    assert message in problems[0]


GOOD = [
    # The library's own wordings of the same subjects.
    "Les produits titulaires de l'écolabel européen (EU Ecolabel) ou de tout label équivalent sont présumés "
    "conformes. Pour un produit sans label, le soumissionnaire démontre la conformité par tout moyen de preuve "
    "approprié.",
    "Le titulaire propose, pour au moins {{ part }} % des références du bordereau des prix, une référence issue du "
    "réemploi. L'acheteur choisit librement les références qu'il commande ; lorsqu'il commande une telle référence, "
    "le titulaire la livre.",
    "Lorsque le titulaire choisit lui-même le papier, au moins {{ part }} % en poids du papier qu'il utilise est "
    "recyclé, à l'exclusion des commandes pour lesquelles l'acheteur prescrit un autre papier.",
    "Émissions de dioxyde de carbone à l'échappement n'excédant pas 50 g/km selon la procédure WLTP.",
    "Ce sont des produits biocides légalement mis à disposition sur le marché au titre du règlement (UE) "
    "n° 528/2012, y compris au titre des mesures transitoires prévues à son article 89.",
    "Une note d'au moins {{ indice }} sur 10 lorsque le groupe est soumis à l'indice de réparabilité ; au moins la "
    "classe de réparabilité {{ classe }} de l'étiquette énergie pour les smartphones et les tablettes.",
    "Les prescriptions correspondent au label EcoJardin ou à un label équivalent. Le titulaire n'est pas tenu de "
    "détenir un label.",
    # Periodic documents with the day they fall due, or a schedule the law sets from the signature.
    "Le prestataire adresse trimestriellement, au plus tard le quinzième jour du trimestre suivant, un état des "
    "heures.",
    "Le titulaire remet {{ frequence_bilan }}, dans le mois qui suit la période couverte, un bilan des consommations.",
    "L'exploitant communique chaque mois, avant le 5, le relevé des compteurs du mois écoulé.",
    "Le titulaire remet, lors de la signature du marché puis tous les six mois, les documents de vigilance.",
]


@pytest.mark.parametrize("text", GOOD)
def test_lawful_wordings_pass(text: str) -> None:
    assert wording_problems(text) == []


def test_the_validator_reports_the_wording_on_the_first_body_line(tmp_path: Path) -> None:
    broken = VALID.replace(
        "heures d'insertion.", "heures d'insertion. Les fournitures portent la marque NF Environnement."
    )
    path = write(tmp_path, "insertion-essai", broken)
    code, lines = validate(tmp_path)
    assert code == 1
    problems = [line for line in lines if line.startswith(str(path))]
    assert problems == [f"{path}:40: text: label cité sans « ou équivalent » : NF Environnement"]


@pytest.mark.parametrize("name", CHECKED_SPELLINGS)
def test_every_label_of_the_list_is_read_by_the_library_and_the_checker(name: str) -> None:
    """One list of labels (supplier_data/labels.yaml) for the registry and both readers of texts: a clause naming
    a label without equivalents is refused by the validator, and a draft requiring it is flagged by the checker."""
    sentence = f"Les produits livrés sont certifiés {name.upper()}."
    assert wording_problems(sentence) == [f"label cité sans « ou équivalent » : {name.upper()}"]
    paragraph = Paragraph(index=1, text=sentence, folded=fold(sentence), part="CCTP", article=None, heading=None)
    assert rules.label_risk(paragraph, following="")
    admitted = sentence.replace(".", " ou équivalent.")
    assert wording_problems(admitted) == []
    assert not rules.label_risk(replace(paragraph, text=admitted, folded=fold(admitted)), following="")


def test_signs_the_law_defines_and_words_with_another_meaning_are_not_read_as_labels() -> None:
    """« bio », Label Rouge, HVE are categories of the EGalim law, not labels to admit equivalents of; « Lucie » is
    also a first name: the registry knows these spellings, the text checks do not read them."""
    for text in ("Les produits sont issus de l'agriculture biologique (AB).", "La viande bovine est Label Rouge.",
                 "Les fruits sont issus d'exploitations HVE.", "Lucie Martin est la référente du titulaire."):
        assert wording_problems(text) == [], text
    assert canonical_label("Lucie") == "Lucie 26000" and canonical_label("AB") == "Bio/AB"


def test_a_label_inside_another_word_is_not_read() -> None:
    assert wording_problems("Les locaux sont écolabellisés ; le personnel est formé à la démarche.") == []
    assert wording_problems("Les cadres du fournisseur (FSCI) sont formés.") == []


@pytest.mark.parametrize(("entries", "message"), [
    ("  - {name: FSC, category: environnement}\n  - {name: PEFC, category: environnement, aliases: [fsc]}",
     "« fsc » écrit deux fois (FSC, PEFC)"),
    ("  - {name: AB, category: environnement, checked: false}", "AB : why_not_checked est requis"),
    ("  - {name: AB, category: bio}", "category"),
])
def test_the_labels_file_is_validated(tmp_path: Path, entries: str, message: str) -> None:
    path = tmp_path / "labels.yaml"
    path.write_text("labels:\n" + entries + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(message)):
        read_labels(path)
