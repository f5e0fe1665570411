"""``clausier clauses validate``: one ``path:line: field: message`` per problem, exit 1 on any."""

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.clauses.library import LibraryError, read_library
from app.cli import cli
from app.config import PROJECT_ROOT

runner = CliRunner()

REVIEW = """\
reviewed:
  date: 2026-12-06
  checks:
    base: "L2112-2 : base d'une condition d'exécution."
    coherence: "Condition, CCAP, clause sociale."
    equivalence: "Sans objet : aucun label."
    lien-objet: "Heures réalisées sur le marché."
    dates-chiffres: "Aucune date."
    redaction: "Obligation mesurable."
  notes: "Revue d'essai."
"""

GUIDANCE = """\
guidance:
  use: "Marchés à forte main-d'œuvre."
  avoid: "Fournitures livrées sans main-d'œuvre."
  check: ["Faire dimensionner les heures par le facilitateur."]
"""

QUOTED = """\
sources:
  - text: "Code de la commande publique, art. L2112-2"
    quote: "Les conditions d'exécution prennent en compte des considérations relatives à l'environnement."\
"""

VALID = f"""\
---
id: insertion-essai
version: 1
status: active
title: "Clause d'essai"
kind: condition-execution
document: CCAP
themes: [insertion]
decp_value: Clause sociale
legal_basis: [CCP L2112-2]
cpv_prefixes: ["45"]
variables:
  heures:
    type: integer
    label: "Nombre d'heures"
    default: 100
    min: 1
    max: 1000
verification:
  - evidence: "Relevé des heures"
    when: "chaque mois"
{REVIEW}{GUIDANCE}{QUOTED}
---
Le titulaire réalise au moins {{{{ heures }}}} heures d'insertion.
"""


def write(directory: Path, name: str, content: str) -> Path:
    path = directory / "social" / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return path


def validate(directory: Path) -> tuple[int, list[str]]:
    result = runner.invoke(cli, ["clauses", "validate", str(directory)])
    return result.exit_code, [line for line in result.stdout.splitlines() if line]


def test_builtin_library_is_valid_and_complete() -> None:
    clauses = read_library(PROJECT_ROOT / "clauses")
    active = [c for c in clauses if c.status == "active"]
    assert len(active) >= 60
    themes: dict[str, int] = {}
    for clause in active:
        for theme in clause.themes:
            themes[theme] = themes.get(theme, 0) + 1
    from app.clauses.themes import THEME_IDS

    assert {t: n for t, n in themes.items() if n < 2} == {}
    assert themes.keys() >= THEME_IDS
    assert all(c.legal_basis and c.verification and c.sources for c in active)


def test_valid_file_passes(tmp_path: Path) -> None:
    write(tmp_path, "insertion-essai", VALID)
    code, lines = validate(tmp_path)
    assert code == 0
    assert lines[0].startswith(f"1 clause valide (1 active, 1 revue) dans {tmp_path} ; ")


def test_the_projects_library_is_validated_from_any_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from another folder without a directory, the command checks the project's library (it looked for a
    « clauses » folder in the current one and said « dossier introuvable »)."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["clauses", "validate"])
    assert result.exit_code == 0, result.output
    assert f"dans {PROJECT_ROOT / 'clauses'} ; " in result.stdout
    assert " clauses valides (" in result.stdout


BROKEN = {
    "yaml-syntax": (
        lambda s: s.replace("themes: [insertion]", "themes: [insertion"), 9, "yaml",
        "syntaxe YAML invalide",
    ),
    "missing-field": (
        lambda s: s.replace('title: "Clause d\'essai"\n', ""), 1, "title", "champ obligatoire manquant"
    ),
    "unknown-theme": (
        lambda s: s.replace("[insertion]", "[insertion, bonheur]"), 8, "themes", "thème inconnu : bonheur"
    ),
    "unknown-kind": (
        lambda s: s.replace("kind: condition-execution", "kind: souhait"), 6, "kind", "valeur inconnue « souhait »"
    ),
    "unknown-document": (
        lambda s: s.replace("document: CCAP", "document: CCTG"), 7, "document", "valeurs permises : CCAP, CCTP"
    ),
    "undeclared-placeholder": (
        lambda s: s.replace("heures d'insertion.", "heures d'insertion {{ taux }}."), 40, "text",
        "variable utilisée mais non déclarée : taux",
    ),
    "unused-variable": (
        lambda s: s.replace("au moins {{ heures }} heures", "au moins cent heures"), 40, "text",
        "variable déclarée mais non utilisée : heures",
    ),
    "id-differs": (
        lambda s: s.replace("id: insertion-essai", "id: autre-id"), 2, "id", "diffère du nom de fichier"
    ),
    "cpv-not-digits": (lambda s: s.replace('["45"]', '["45A"]'), 11, "cpv_prefixes", "2 à 8 chiffres"),
    "cross-reference-not-required": (
        lambda s: s.replace("heures d'insertion.", "heures d'insertion, sanctionnées à [[insertion-penalite]]."), 40,
        "text", "renvoi [[…]] vers une clause absente de requires : insertion-penalite",
    ),
    "requires-unknown-clause": (
        lambda s: s.replace("sources:", "requires: [clause-inconnue]\nsources:"), 36, "requires",
        "clause requise absente ou non active : clause-inconnue",
    ),
    "review-incomplete": (
        lambda s: s.replace('    redaction: "Obligation mesurable."\n', ""), 24, "reviewed.checks",
        "point de contrôle sans constat : redaction",
    ),
    "not-reviewed": (
        lambda s: s.replace(REVIEW, ""), 1, "reviewed", "clause active sans revue juridique (reviewed)",
    ),
    "without-guidance": (
        lambda s: s.replace(GUIDANCE, ""), 22, "guidance", "clause active sans conseils à l'agent (guidance)",
    ),
    "source-without-quote": (
        lambda s: s.replace(QUOTED, 'sources: ["Code de la commande publique"]'), 36, "sources.0",
        "source sans citation",
    ),
    "default-out-of-bounds": (
        lambda s: s.replace("default: 100", "default: 5000"), 16, "variables.heures.default",
        "default invalide : valeur supérieure au maximum",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_broken_file_gives_one_precise_line(tmp_path: Path, case: str) -> None:
    mutate, line, field, message = BROKEN[case]
    path = write(tmp_path, "insertion-essai", mutate(VALID))
    code, lines = validate(tmp_path)
    assert code == 1
    problems = [line for line in lines if line.startswith(str(tmp_path))]
    assert len(problems) == 1, lines
    assert problems[0].startswith(f"{path}:{line}: {field}: "), problems[0]
    assert message in problems[0]
    with pytest.raises(LibraryError):
        read_library(tmp_path)


def test_duplicate_id_is_reported(tmp_path: Path) -> None:
    write(tmp_path, "insertion-essai", VALID)
    other = tmp_path / "environnement" / "insertion-essai.md"
    other.parent.mkdir()
    shutil.copy(tmp_path / "social" / "insertion-essai.md", other)
    code, lines = validate(tmp_path)
    assert code == 1
    assert any(": id: identifiant en double" in line for line in lines)
