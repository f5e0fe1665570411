"""The command line speaks French: the words Typer prints itself (help, usage, errors), translated at start-up.

Typer (pinned in ``pyproject.toml``) ships its own copy of Click with English messages written in the code and
no translation catalogue. ``install`` replaces the few functions that produce those messages by French ones.
tests/test_cli_french.py reads the help of every command and a set of wrong invocations, and fails on an English
word: an upgrade of Typer that moves a message is caught there.
"""

import re
from collections.abc import Callable
from typing import Any

import typer.core
import typer.exceptions
import typer.rich_utils
from typer import _coercion, _param_types
from typer._click import core, exceptions, formatting

from app.errors import describe_validation_errors

HELP_TEXT = "Afficher cette aide et quitter."
USAGE_PREFIX = "Utilisation : "
SUBCOMMAND_METAVAR = "COMMANDE [ARGUMENTS]..."
# Typer computed these constants when it was imported.
RICH_CONSTANTS = {
    "DEPRECATED_STRING": "(obsolète) ", "DEFAULT_STRING": "[par défaut : {}]",
    "ENVVAR_STRING": "[variable d'environnement : {}]", "REQUIRED_LONG_STRING": "[obligatoire]",
    "ARGUMENTS_PANEL_TITLE": "Arguments", "OPTIONS_PANEL_TITLE": "Options", "COMMANDS_PANEL_TITLE": "Commandes",
    "ERRORS_PANEL_TITLE": "Erreur", "ABORTED_TEXT": "Abandon.",
    "RICH_HELP": "Voir [blue]« {command_path} {help_option} »[/] pour l'aide.",
}
# The messages of Typer's Click, English pattern -> French replacement.
MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(pattern), french) for pattern, french in (
    (r"^Invalid value for (.+?): (.*)$", r"Valeur invalide pour \1 : \2"),
    (r"^Invalid value: (.*)$", r"Valeur invalide : \1"),
    (r"^Missing argument (.+?)\.(.*)$", r"Argument manquant : \1.\2"),
    (r"^Missing option (.+?)\.(.*)$", r"Option manquante : \1.\2"),
    (r"^Missing parameter: (.*)$", r"Paramètre manquant : \1"),
    (r"^Missing (\w+)\.$", r"Valeur manquante."),
    (r"^No such option: (\S+) \(Possible options: (.*)\)$", r"Option inconnue : \1 (options proches : \2)"),
    (r"^No such option: (.*)$", r"Option inconnue : \1"),
    (r"^No such command (.*)\.$", r"Commande inconnue : \1."),
    (r"^Option (.+?) does not take a value\.$", r"L'option \1 ne prend pas de valeur."),
    (r"^Option (.+?) requires an argument\.$", r"L'option \1 attend une valeur."),
    (r"^Option (.+?) requires (\d+) arguments\.$", r"L'option \1 attend \2 valeurs."),
    (r"^Got unexpected extra argument\(s\) \((.*)\)$", r"Argument en trop : \1"),
    (r"^Could not open file (.+?): (.*)$", r"Impossible d'ouvrir le fichier \1 : \2"),
    (r"^Missing command\.$", "Commande manquante."),
    (r"^(.+?) is not one of (.*)\.$", r"\1 n'est pas l'une des valeurs permises : \2."),
))
# How the help shows the type of a value (Typer writes ``<int>``, ``<list[str]>``…); flags show none.
TYPE_LABELS = {"str": "texte", "int": "entier", "float": "nombre", "path": "chemin", "Path": "chemin",
               "file": "fichier", "dir": "dossier", "datetime": "date", "bool": "",
               "int range": "entier", "float range": "nombre"}


def french_message(text: str) -> str:
    """One of the messages Typer's Click builds, in French (unchanged when it is already ours)."""
    for pattern, french in MESSAGES:
        if pattern.match(text):
            return pattern.sub(french, text)
    return text


def _pydantic_message(exc: Any) -> str:
    """The first problem of a value Typer converted with Pydantic, in the API's French."""
    described = describe_validation_errors(list(exc.errors()))
    return described[0]["message"] if described else "valeur invalide"


def _display_type(parameter: Any, ctx: Any) -> str:
    label = _ORIGINAL["display_type"](parameter, ctx)[1:-1]
    if label.startswith("list[") and label.endswith("]"):
        return f"<{TYPE_LABELS.get(label[5:-1], label[5:-1])}, répétable>"
    label = TYPE_LABELS.get(label, label)
    return f"<{label}>" if label else ""


def _get_help_option(self: Any, ctx: Any) -> Any:
    option = _ORIGINAL["get_help_option"](self, ctx)
    if option is not None:
        option.help = HELP_TEXT
    return option


def _write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
    _ORIGINAL["write_usage"](self, prog, args, USAGE_PREFIX if prefix is None else prefix)


def _group_init(self: Any, *args: Any, subcommand_metavar: str | None = None, **kwargs: Any) -> None:
    metavar = SUBCOMMAND_METAVAR if subcommand_metavar is None else subcommand_metavar  # "": a command alone
    _ORIGINAL["group_init"](self, *args, subcommand_metavar=metavar, **kwargs)


def _translated(method: Callable[[Any], str]) -> Callable[[Any], str]:
    def format_message(self: Any) -> str:
        return french_message(method(self))
    return format_message


_ORIGINAL: dict[str, Any] = {
    "display_type": typer.core._TyperParameter.display_type,
    "get_help_option": core.Command.get_help_option,
    "write_usage": formatting.HelpFormatter.write_usage,
    "group_init": typer.core.TyperGroup.__init__,
}
_EXCEPTIONS = (typer.exceptions.TyperException, exceptions.ClickException, exceptions.UsageError,
               exceptions.BadParameter, exceptions.MissingParameter, exceptions.NoSuchOption, exceptions.BadOptionUsage,
               exceptions.BadArgumentUsage, exceptions.FileError)
_installed = False


def install() -> None:
    """Make Typer print its own words in French (idempotent)."""
    global _installed
    if _installed:
        return
    _installed = True
    for name, french in RICH_CONSTANTS.items():
        setattr(typer.rich_utils, name, french)
    for exception in _EXCEPTIONS:
        if "format_message" in vars(exception):
            exception.format_message = _translated(vars(exception)["format_message"])  # type: ignore[method-assign,assignment]
    _coercion.get_error_msg = _param_types.get_error_msg = _pydantic_message  # type: ignore[attr-defined]
    core.Command.get_help_option = _get_help_option  # type: ignore[method-assign]
    formatting.HelpFormatter.write_usage = _write_usage  # type: ignore[method-assign]
    typer.core._TyperParameter.display_type = _display_type  # type: ignore[method-assign,assignment]
    typer.core.TyperGroup.__init__ = _group_init  # type: ignore[method-assign]
