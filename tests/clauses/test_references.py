"""The registry of legal references: its own checks, and the clause validator that enforces it."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.clauses.library import read_library
from app.clauses.references import load_references, read_references
from app.cli import cli
from app.config import PROJECT_ROOT
from tests.clauses.test_validate import VALID, write

runner = CliRunner()

REGISTRY = """\
- ref: "CCP L2112-2"
  subject: "Conditions d'exécution"
  status: current
  certainty: verified
  source: "Code de la commande publique, art. L2112-2"
  quote: "Les conditions d'exécution prennent en compte des considérations relatives à l'environnement."
- ref: "CMP 2006 art. 14"
  subject: "Ancien article 14"
  status: replaced
  replaced_by: ["CCP L2112-2"]
  certainty: to-check
  source: "Code des marchés publics 2006"
  note: "Correspondance à relire."
  aliases: ["article 14 du code des marchés publics"]
"""


def registry_dir(tmp_path: Path, content: str = REGISTRY) -> Path:
    directory = tmp_path / "references"
    directory.mkdir(exist_ok=True)
    (directory / "ccp.yaml").write_text(content, encoding="utf-8")
    return directory


def validate(clauses: Path, references: Path) -> tuple[int, list[str]]:
    result = runner.invoke(cli, ["clauses", "validate", str(clauses), "--references", str(references)])
    return result.exit_code, [line for line in result.stdout.splitlines() if line]


def test_project_registry_is_valid_and_covers_the_library() -> None:
    registry = read_references(PROJECT_ROOT / "references")
    clauses = read_library(PROJECT_ROOT / "clauses", registry)
    assert {ref for clause in clauses for ref in clause.legal_basis} <= registry.references.keys()


def test_valid_clause_citing_registered_references_passes(tmp_path: Path) -> None:
    former = VALID.replace("sources:", "former_basis: [CMP 2006 art. 14]\nsources:")
    write(tmp_path / "clauses", "insertion-essai", former)
    code, lines = validate(tmp_path / "clauses", registry_dir(tmp_path))
    assert code == 0, lines
    assert "2 références juridiques au registre" in lines[0]


@pytest.mark.parametrize(
    ("basis", "message"),
    [
        ("CMP 2006 art. 14", "référence « CMP 2006 art. 14 » remplacée par CCP L2112-2"),
        ("CCP L9999-9", "référence « CCP L9999-9 » absente du registre (references/)"),
    ],
)
def test_legal_basis_outside_the_registry_or_replaced_fails(tmp_path: Path, basis: str, message: str) -> None:
    path = write(tmp_path / "clauses", "insertion-essai", VALID.replace("[CCP L2112-2]", f"[{basis}]"))
    code, lines = validate(tmp_path / "clauses", registry_dir(tmp_path))
    assert code == 1
    assert lines == [f"{path}:10: legal_basis.0: {message}"]


TO_CHECK = REGISTRY + """\
- ref: "CCP R2111-16"
  subject: "Labels équivalents"
  status: current
  certainty: to-check
  source: "Code de la commande publique, art. R2111-16"
  note: "Texte exact à relire."
"""


def test_a_to_check_basis_needs_a_review_saying_what_was_read(tmp_path: Path) -> None:
    cited = VALID.replace("[CCP L2112-2]", "[CCP L2112-2, CCP R2111-16]")
    path = write(tmp_path / "clauses", "insertion-essai", cited)
    code, lines = validate(tmp_path / "clauses", registry_dir(tmp_path, TO_CHECK))
    assert code == 1
    assert lines == [f"{path}:10: legal_basis.1: référence « CCP R2111-16 » à vérifier au registre : la revue "
                     "(reviewed) dit ce qui a été lu à la place (R2111-16)"]
    write(tmp_path / "clauses", "insertion-essai", cited.replace(
        '  notes: "Revue d\'essai."', '  notes: "Revue d\'essai ; R2111-16 lu dans une présentation seulement."'))
    assert validate(tmp_path / "clauses", registry_dir(tmp_path, TO_CHECK))[0] == 0


def test_the_wording_may_not_read_as_an_outdated_text(tmp_path: Path) -> None:
    """What the draft checker would flag in an officer's CCAP may not be in the library's own wording."""
    outdated = VALID.replace("heures d'insertion.", "heures d'insertion (article 14 du code des marchés publics).")
    path = write(tmp_path / "clauses", "insertion-essai", outdated)
    code, lines = validate(tmp_path / "clauses", registry_dir(tmp_path))
    assert code == 1
    assert lines == [f"{path}:40: text: le texte se lit comme une référence « CMP 2006 art. 14 » remplacée par "
                     "CCP L2112-2"]


def test_former_basis_must_be_a_replaced_text(tmp_path: Path) -> None:
    path = write(tmp_path / "clauses", "insertion-essai",
                 VALID.replace("sources:", "former_basis: [CCP L2112-2]\nsources:"))
    code, lines = validate(tmp_path / "clauses", registry_dir(tmp_path))
    assert code == 1
    assert lines == [f"{path}:36: former_basis.0: référence « CCP L2112-2 » en vigueur : elle va dans "
                     "legal_basis, pas dans former_basis"]


@pytest.mark.parametrize(
    ("mutate", "line", "message"),
    [
        (lambda s: s.replace('  quote: "Les conditions', '  note: "Les conditions'), 1,
         "une référence vérifiée cite la phrase lue (quote)"),
        (lambda s: s.replace('  replaced_by: ["CCP L2112-2"]\n', ""), 7,
         "une référence remplacée doit nommer ses successeurs (replaced_by)"),
        (lambda s: s.replace("status: current", "status: abrogé"), 1,
         "valeur inconnue « abrogé » ; valeurs permises : current, replaced ou repealed"),
        (lambda s: s + s[: s.index("- ref: \"CMP")], 15, "« CCP L2112-2 » en double"),
    ],
)
def test_registry_problems_are_located(tmp_path: Path, mutate: object, line: int, message: str) -> None:
    directory = registry_dir(tmp_path, mutate(REGISTRY))  # type: ignore[operator]
    _, problems = load_references(directory)
    assert any(p.line == line and message in p.message for p in problems), [str(p) for p in problems]


def test_a_successor_must_be_registered(tmp_path: Path) -> None:
    _, problems = load_references(registry_dir(tmp_path, REGISTRY.replace('["CCP L2112-2"]', '["CCP L0000"]')))
    assert [p.message for p in problems] == ["successeur « CCP L0000 » absent du registre"]


def test_aliases_find_outdated_references_in_a_draft() -> None:
    registry = read_references(PROJECT_ROOT / "references")
    text = "Conformément à l'Article 14 du Code des Marchés Publics, le titulaire…"
    found = registry.find_in_text(text)
    assert [(ref.ref, text[start:end]) for ref, start, end in found] == [
        ("CMP 2006 art. 14", "Article 14 du Code des Marchés Publics")
    ]


def test_dotted_acronyms_and_article_subdivisions() -> None:
    """"C.C.A.G.-F.C.S." reads like "CCAG-FCS", the excerpt covering the acronym whole; "article 53-IV" and
    "art. 35-II-5°" cite articles 53 and 35 (not article 5)."""
    registry = read_references(PROJECT_ROOT / "references")
    text = "Le C.C.A.G.-F.C.S. de 2009 et l'article 53-IV du C.M.P. ; voir aussi l'art. 35-II-5° du C.M.P."
    found = [(ref.ref, text[start:end]) for ref, start, end in registry.find_in_text(text)]
    assert found == [("CCAG-FCS 2009", "C.C.A.G.-F.C.S. de 2009"), ("CMP 2006 art. 53", "article 53-IV du C.M.P."),
                     ("CMP 2006", "art. 35-II-5° du C.M.P.")]
