"""The knowledge files (``families/``, ``obligations/``): the built-in ones are valid, each mistake is reported as
``path:line: field: message`` by ``clausier families validate`` / ``clausier obligations validate``."""

import shutil
from functools import lru_cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.clauses.library import ClauseDoc, read_library
from app.clauses.references import Registry, read_references
from app.cli import cli
from app.config import PROJECT_ROOT
from app.matching.knowledge import load_knowledge

runner = CliRunner()


@lru_cache
def registry() -> Registry:
    return read_references(PROJECT_ROOT / "references")


@lru_cache
def library() -> list[ClauseDoc]:
    return read_library(PROJECT_ROOT / "clauses", registry())


@pytest.fixture
def copies(tmp_path: Path) -> tuple[Path, Path]:
    """Copies of the built-in families and obligations folders."""
    return (shutil.copytree(PROJECT_ROOT / "families", tmp_path / "families"),
            shutil.copytree(PROJECT_ROOT / "obligations", tmp_path / "obligations"))


def edit(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` by ``new`` in ``path``; returns the line where ``new`` starts."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


def problems(copies: tuple[Path, Path]) -> list[str]:
    knowledge, found = load_knowledge(*copies, library(), registry())
    assert (knowledge is None) == bool(found)
    return [str(problem) for problem in found]


def test_builtin_knowledge_is_valid() -> None:
    knowledge, found = load_knowledge(PROJECT_ROOT / "families", PROJECT_ROOT / "obligations", library(), registry())
    assert found == []
    assert knowledge is not None
    assert len(knowledge.families.all) >= 60
    assert [family.nature for family in knowledge.families.all][:1] == ["travaux"]
    assert {"insertion", "environnement-general"} <= set(knowledge.thesaurus)
    assert [rule.order for rule in knowledge.rules] == sorted(rule.order for rule in knowledge.rules)


def test_every_family_names_its_core_clauses() -> None:
    knowledge, _ = load_knowledge(PROJECT_ROOT / "families", PROJECT_ROOT / "obligations", library())
    assert knowledge is not None
    assert [family.id for family in knowledge.families.all if not family.core] == []


@pytest.mark.parametrize(
    ("old", "new", "offset", "expected"),
    [
        # offset: line of the problem from the line edited (the themes key is just above its first weight).
        ("    insertion: 1.0\n", "    insertions: 1.0\n", -1, "travaux-batiment.themes: thème inconnu : insertions"),
        ("    insertion: 1.0\n", "    insertion: 1.5\n", -1,
         "travaux-batiment.themes: poids hors de l'intervalle ]0 ; 1] : insertion = 1.5"),
        ('cpv: ["45", ', 'cpv: ["4X", ', 0,
         "travaux-batiment.cpv: préfixe CPV « 4X » : 2 à 8 chiffres entre guillemets attendus"),
        ('cpv: ["45", ', 'cpv: ["99", ', 0,
         "travaux-batiment.cpv: préfixe CPV « 99 » : la division 99 n'existe pas dans le CPV 2008"),
        ('cpv: ["45", ', 'cpv: ["4511", ', 0, "travaux-batiment.cpv: préfixe CPV répété : 4511"),
        ("  label: travaux de bâtiment\n", "  label: travaux de bâtiment\n  nature: travaux\n", 1,
         "travaux-batiment.nature: champ inconnu : la nature est celle du fichier"),
        ("  label: travaux de bâtiment\n", "  label: travaux de bâtiment\n  label: bâtiment\n", 1,
         "label: clé répétée (la dernière valeur écraserait les autres)"),
        ("  label: travaux de bâtiment\n", "  label: travaux de bâtiment\n  weight: 1\n", 1,
         "travaux-batiment.weight: champ inconnu"),
    ],
)
def test_family_mistakes_are_reported_at_their_line(
    copies: tuple[Path, Path], old: str, new: str, offset: int, expected: str,
) -> None:
    path = copies[0] / "travaux.yaml"
    line = edit(path, old, new) + offset
    assert problems(copies) == [f"{path}:{line}: {expected}"]


def test_unknown_core_clause_and_agec_category(copies: tuple[Path, Path]) -> None:
    path = copies[0] / "fournitures.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("- id: papier\n")
    core = text.index("  core: [", start)
    line = text[:core].count("\n") + 1
    path.write_text(text[:core] + "  core: [papier-introuvable]\n" + text[text.index("\n", core) + 1:]
                    .replace("  agec: Papier\n", "  agec: Papiers\n", 1), encoding="utf-8")
    found = problems(copies)
    assert f"{path}:{line}: papier.core: clause inconnue : papier-introuvable" in found
    assert any(problem.endswith("papier.agec: catégorie inconnue du décret 2024-134 (categories-agec.yaml) : "
                                "Papiers") for problem in found)


@pytest.mark.parametrize(
    ("file", "old", "new", "offset", "expected"),
    [
        ("besoins.yaml", "  clauses: [insertion-heures-execution, ", "  clauses: [insertion-heures, ", 0,
         "heures-insertion.clauses: clause inconnue : insertion-heures"),
        ("besoins.yaml", "  clauses: [insertion-heures-execution, ", "  clauses: [marche-reserve-siae, ", 9,
         "reservation.clauses: marche-reserve-siae est déjà dans le besoin heures-insertion"),
        ("besoins.yaml", "    marche-reserve-lot-reserve: [lot unique", "    marche-reserve-siae2: [lot unique", 0,
         "reservation.unless: marche-reserve-siae2 n'est pas une clause de ce besoin"),
        ("besoins.yaml", "    marche-reserve-lot-reserve: [lot, lots", "    marche-reserve-siae3: [lot, lots", 0,
         "reservation.only_if: marche-reserve-siae3 n'est pas une clause de ce besoin"),
        ("besoins.yaml", "    services: insertion-heures-services-recurrents", "    services: marche-reserve-siae", 0,
         "heures-insertion.by_nature: marche-reserve-siae n'est pas une clause de ce besoin"),
        ("besoins.yaml", "  for_lot: marche-reserve-lot-reserve", "  for_lot: insertion-heures-execution", 0,
         "reservation.for_lot: insertion-heures-execution n'est pas une clause de ce besoin"),
        ("insertion.yaml", "  value: 0.05\n", "  value: 5\n", -1,
         "rate: 5.0 : nombre de l'intervalle ]0 ; 1] attendu (0,05 pour 5 %)"),
        ("insertion.yaml", "  value: 30\n", "  value: 0\n", 0, "hourly_cost_eur.value: nombre supérieur à 0 attendu"),
        ("services.yaml", "  yields_to: [receptions-traiteur, ", "  yields_to: [traiteur, ", 0,
         "restauration-collective.yields_to: famille inconnue : traiteur"),
        ("services.yaml", "    value: 0.8\n", "    value: 80\n", -1,
         "nettoyage-locaux.labour_share: part de main-d'œuvre 80.0 : nombre de l'intervalle ]0 ; 1] attendu"),
    ],
)
def test_needs_sizing_and_context_mistakes_are_reported_at_their_line(
    copies: tuple[Path, Path], file: str, old: str, new: str, offset: int, expected: str,
) -> None:
    path = copies[0] / file
    line = edit(path, old, new) + offset
    assert f"{path}:{line}: {expected}" in problems(copies)


def test_a_plain_term_of_two_families_of_one_nature_is_ambiguous(copies: tuple[Path, Path]) -> None:
    path = copies[0] / "services.yaml"
    line = edit(path, "  terms: [propreté urbaine, ", "  terms: [bionettoyage, propreté urbaine, ")
    assert problems(copies) == [
        f"{path}:{line}: proprete-urbaine.terms: « bionettoyage » est aussi un terme de nettoyage-locaux (même "
        "nature) : ambigu ; le garder dans une seule famille ou le passer en terme faible (weak)"]


def test_a_term_read_as_one_word_of_another_is_refused(copies: tuple[Path, Path]) -> None:
    """« plaque de porte » reads « plaque » (« porte » is dropped with « portant sur »): the signage family would
    take every plaque (plasterboard, a vibrating plate), so the file is refused with what to do."""
    path = copies[0] / "fournitures.yaml"
    line = edit(path, "panneaux directionnels, ", "panneaux directionnels, plaque de porte, ")
    assert problems(copies) == [
        f"{path}:{line}: signalisation.terms: « plaque de porte » se lit « plaque » seul (les mots comme « marché », "
        "« objet », « porte » ne sont pas lus) : la famille prendrait tout texte qui dit ce mot ; garder un second mot "
        "lu, ou ajouter ce mot seul s'il nomme bien la famille"]


def test_a_term_read_as_one_word_the_family_claims_anyway_is_accepted(copies: tuple[Path, Path]) -> None:
    edit(copies[0] / "fournitures.yaml", "panneaux directionnels, ",
         "panneaux directionnels, plaque de porte, plaque, ")
    assert problems(copies) == []


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        # Weak in one family: declared ambiguous.
        ("services.yaml", "  terms: [propreté urbaine, ", "  weak: [bionettoyage]\n  terms: [propreté urbaine, "),
        # Another nature: the tender's nature tells them apart.
        ("fournitures.yaml", "  terms: [produits d'entretien, ", "  terms: [bionettoyage, produits d'entretien, "),
    ],
)
def test_shared_terms_that_are_not_ambiguous(copies: tuple[Path, Path], file: str, old: str, new: str) -> None:
    edit(copies[0] / file, old, new)
    assert problems(copies) == []


@pytest.mark.parametrize(
    ("old", "new", "offset", "expected"),
    [
        ("insertion:\n  insertion: 0.9\n", "insertions:\n  insertion: 0.9\n", 0,
         "insertions: thème inconnu : insertions"),
        ("  clause d'insertion: 1.0\n", "  clause d'insertion: 0\n", 0,
         "insertion.clause d'insertion: poids 0 : nombre de l'intervalle ]0 ; 1] attendu"),
        ("  RGAA: 1.0\n", "  RGAA: 1.0\n  RGAA: 0.5\n", 1,
         "RGAA: clé répétée (la dernière valeur écraserait les autres)"),
        ("  plateforme ma cantine: 1.0\n", "  plateforme ma cantine: beaucoup\n", 0,
         "alimentation-durable.plateforme ma cantine: poids 'beaucoup' : nombre de l'intervalle ]0 ; 1] attendu"),
        # Stop words are not read: a cue that reads as another one, or as the name of a purchase, misleads.
        ("  réservé: 0.6\n", "  marché réservé: 1.0\n  réservé: 0.6\n", 1,
         "marche-reserve.réservé: se lit comme « marché réservé » (les mots vides comme « marché », « lot », « ma », "
         "« sans » ne sont pas lus), mais avec un autre poids"),
        ("  plateforme ma cantine: 1.0\n", "  ma cantine: 1.0\n", 0,
         "alimentation-durable.ma cantine: se lit comme un terme de la famille restauration-collective : le nom de "
         "ce qui est acheté serait pris pour une demande"),
    ],
)
def test_thesaurus_mistakes_are_reported_at_their_line(
    copies: tuple[Path, Path], old: str, new: str, offset: int, expected: str,
) -> None:
    path = copies[0] / "thesaurus.yaml"
    line = edit(path, old, new) + offset
    assert problems(copies) == [f"{path}:{line}: {expected}"]


@pytest.mark.parametrize(
    ("file", "old", "new", "offset", "expected"),
    [
        ("egalim-restauration-collective.yaml", "    - object_tags: [restauration]\n",
         "    - object_tags: [restaurant]\n", 0, "when.any.0.object_tags: étiquette qu'aucune famille ne porte : "
         "restaurant"),
        ("menu-vegetarien-scolaire.yaml", '    - codes: ["555231", "55524"]\n', '    - codes: ["99523"]\n', 0,
         "when.any.1.codes: préfixe CPV invalide (2 à 8 chiffres d'une division du CPV 2008) : 99523"),
        ("spaser.yaml", "legal_basis: [CCP L2111-3, CCP D2111-3]\n", "legal_basis: [CMP 2006 art. 14, CCP D2111-3]\n",
         0, "legal_basis: référence « CMP 2006 art. 14 » remplacée par CCP L2112-2, CCP L2112-3"),
        ("spaser.yaml", "legal_basis: [CCP L2111-3, CCP D2111-3]\n", "legal_basis: [CCP L2111-3, CCP D2111-4]\n",
         0, "legal_basis: référence « CCP D2111-4 » absente du registre (references/)"),
        ("egalim-restauration-collective.yaml", "legal_basis: [C. rural L230-5-1, C. rural R230-30-1]\n",
         "legal_basis: [C. rural L230-5-1, C. rural R230-30-1, Loi 2018-938 art. 24]\n", 0,
         "legal_basis: règle vérifiée fondée sur la référence à vérifier « Loi 2018-938 art. 24 » : vérifier la "
         "référence (references/) ou passer la règle en to-check"),
        ("climat-resilience-social.yaml", "  amount: {at_least: seuils-europeens}\n",
         "  amount: {at_least: seuil-europeen}\n", 0, "when.amount: seuil inconnu de seuils.yaml : seuil-europeen"),
        ("indice-reparabilite.yaml", "  object_families: [informatique-materiel]\n",
         "  object_families: [informatique]\n", 0, "when.object_families: famille inconnue : informatique"),
        ("climat-resilience-social.yaml", "Le montant estimé ({montant})", "Le montant estimé ({amount})", -1,
         "explanation.0.text: valeur inconnue : amount ; valeurs permises : achats_annuels, categorie, montant, "
         "nature, origine_achats, seuil, seuil_fournitures, seuil_services, seuil_travaux, taux"),
        ("indice-reparabilite.yaml", "  - {cites: [Loi 2021-1485 art. 15]}\n",
         "  - {cites: [Loi 2021-1485 art. 15], kinds: [penalite]}\n", 0,
         "clauses.0: aucune clause active de la bibliothèque ne répond à cette recherche"),
        ("indice-reparabilite.yaml", "  - {cites: [Loi 2021-1485 art. 15]}\n",
         "  - {cites: [Loi 2021-1485 art. 15], kinds: [amende]}\n", 0,
         "clauses.0.kinds.0: valeur inconnue « amende » ; valeurs permises : condition-execution, "
         "critere-attribution, specification-technique, critere-selection, marche-reserve, penalite ou "
         "modalite-consultation"),
        ("spaser.yaml", "order: 80\n", "order: 10\n", 0,
         "order: rang 10 déjà pris par climat-resilience-environnement"),
        ("spaser.yaml", "id: spaser\n", "id: schema-achats\n", 0,
         "id: « schema-achats » diffère du nom de fichier « spaser »"),
        ("seuils.yaml", "- id: dispense-publicite\n", "- id: dispense\n", 0, "…"),
    ],
)
def test_obligation_mistakes_are_reported_at_their_line(
    copies: tuple[Path, Path], file: str, old: str, new: str, offset: int, expected: str,
) -> None:
    path = copies[1] / file
    line = edit(path, old, new) + offset
    if expected == "…":  # the threshold the matcher needs
        assert problems(copies) == [f"{path}:1: id: seuil dispense-publicite manquant"]
    else:
        assert problems(copies) == [f"{path}:{line}: {expected}"]


def test_a_wrong_threshold_is_reported_with_the_rules_that_use_it(copies: tuple[Path, Path]) -> None:
    path = copies[1] / "seuils.yaml"
    line = edit(path, "travaux: 5404000", "travaux: -1")
    found = problems(copies)
    assert found[0] == f"{path}:{line}: seuils-europeens.values.0.travaux: nombre supérieur à 0 attendu"
    assert {problem.split(": ")[1] for problem in found[1:]} == {"when.amount"}


def test_certainty_to_check_says_what_to_check(copies: tuple[Path, Path]) -> None:
    path = copies[1] / "climat-resilience-social.yaml"
    edit(path, "certainty: to-check\n", "certainty: verified\n")
    assert problems(copies) == [
        f"{path}:1: fichier: to_check dit ce qui reste à vérifier, si et seulement si certainty vaut to-check"]


def test_cli_validates_each_folder(copies: tuple[Path, Path]) -> None:
    families, obligations = copies
    for group, folder, other in (("families", families, ["--obligations", str(obligations)]),
                                 ("obligations", obligations, ["--families", str(families)])):
        result = runner.invoke(cli, [group, "validate", str(folder), *other, "--clauses",
                                     str(PROJECT_ROOT / "clauses")])
        assert result.exit_code == 0, result.output
        assert "valide" in result.stdout
    line = edit(families / "travaux.yaml", "    insertion: 1.0\n", "    insertion: 2.0\n")
    result = runner.invoke(cli, ["families", "validate", str(families), "--obligations", str(obligations),
                                 "--clauses", str(PROJECT_ROOT / "clauses")])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{families / 'travaux.yaml'}:{line - 1}: travaux-batiment.themes: poids hors de l'intervalle ]0 ; 1] : "
        "insertion = 2.0"]
    result = runner.invoke(cli, ["obligations", "validate", str(obligations), "--families", str(families),
                                 "--clauses", str(PROJECT_ROOT / "clauses")])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "1 autre problème hors de" in result.stderr


@pytest.mark.parametrize("group", ["families", "obligations"])
def test_the_projects_knowledge_is_validated_from_any_folder(
    group: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without folders, from another directory, the project's files are checked (the command looked for
    « clauses », « families »… in the current folder and refused the library as « introuvable »)."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, [group, "validate"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{PROJECT_ROOT / group} : valide (")
