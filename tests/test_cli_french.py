"""The whole command line speaks French: the help of every command and the errors Typer prints itself."""

import re

import pytest
import typer
from typer.testing import CliRunner

from app.cli import cli
from tests.wording import ENGLISH_WORDS

runner = CliRunner()
# Words that give English away in a help page or an error (the shared list of tests/wording.py, and Click's own);
# "(s)" is how a lazy plural looks. Command and option names (``import``, ``--year``) are identifiers that
# scripts use, kept as documented.
ENGLISH = re.compile(
    r"\b(" + "|".join(ENGLISH_WORDS) + r"|Usage|Commands|Try|Missing|Invalid|No such|default|required|COMMAND|ARGS)\b"
    r"|<(str|int|float|path|dir|file|bool|list)\b|\(s\)"
)


def flat(output: str) -> str:
    """The output as one line of words, without the boxes of the rich layout."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", output).split())


def command_paths(command: typer.main.TyperGroup | typer.main.TyperCommand, path: tuple[str, ...] = ()) -> list[
        tuple[str, ...]]:
    paths = [path]
    for name, sub in getattr(command, "commands", {}).items():
        paths.extend(command_paths(sub, (*path, name)))
    return paths


ALL = command_paths(typer.main.get_command(cli))


@pytest.mark.parametrize("path", ALL, ids=lambda path: " ".join(path) or "clausier")
def test_every_help_page_is_french(path: tuple[str, ...]) -> None:
    result = runner.invoke(cli, [*path, "--help"], prog_name="clausier")
    assert result.exit_code == 0, result.output
    text = flat(result.output)
    assert "Utilisation : clausier" in text
    assert "Afficher cette aide et quitter." in text
    english = sorted({match.group(0) for match in ENGLISH.finditer(text)})
    assert english == [], result.output


def test_a_command_without_subcommands_does_not_announce_one() -> None:
    """« clausier report » is one command (its options choose the year and the buyer): its usage line does not end
    with « COMMANDE [ARGUMENTS]... » as a group's does."""
    report = flat(runner.invoke(cli, ["report", "--help"], prog_name="clausier").output)
    assert "Utilisation : clausier report [OPTIONS] Rapport" in report
    group = flat(runner.invoke(cli, ["purchases", "--help"], prog_name="clausier").output)
    assert "Utilisation : clausier purchases [OPTIONS] COMMANDE [ARGUMENTS]..." in group


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["inconnue"], "Commande inconnue : 'inconnue'."),
        (["match", "Nettoyage", "--limit", "dix"], "Valeur invalide pour '--limit' : nombre entier attendu"),
        (["match", "--inexistante"], "Option inconnue : --inexistante"),
        (["docx"], "Option manquante : '--clause'."),
    ],
)
def test_typer_errors_are_french(args: list[str], message: str) -> None:
    result = runner.invoke(cli, args, prog_name="clausier")
    assert result.exit_code == 2
    output = flat(result.output)
    assert message in output, result.output
    assert "Voir « clausier" in output
    assert not ENGLISH.search(output), result.output
