"""Variable values: parsing (French formats accepted), checking against type and bounds, rendering.

Pure: used by the API, the document builder, the web page and the CLI alike.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, model_validator

VariableType = Literal["integer", "decimal", "percent", "money", "text", "date", "choice"]
PLACEHOLDER = re.compile(r"{{\s*([^{}]*?)\s*}}")

NBSP = "\u00a0"
CENT = Decimal("0.01")
MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)
TYPE_LABELS = {
    "integer": "un nombre entier", "decimal": "un nombre", "percent": "un pourcentage entre 0 et 100",
    "money": "un montant en euros", "text": "un texte", "date": "une date (AAAA-MM-JJ ou JJ/MM/AAAA)",
    "choice": "un des choix proposés",
}
MAX_TEXT_LENGTH = 10_000
MISSING_MARK = "[à compléter : {label}]"


class OutOfBounds(ValueError):
    """A well-typed value outside its bounds: the message states the bound, no type hint is added."""


@dataclass(frozen=True)
class ValueProblem:
    """A missing or bad value, named by its variable."""

    variable: str
    label: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"variable": self.variable, "label": self.label, "message": self.message}


class Variable(BaseModel):
    """A typed, bounded value the officer fills in."""

    model_config = ConfigDict(extra="forbid")

    type: VariableType
    label: str = Field(min_length=1)
    unit: str | None = None
    default: Any = None
    min: float | None = None
    max: float | None = None
    choices: list[str] | None = None
    required: bool = True
    help: str | None = None

    @model_validator(mode="after")
    def _coherent(self) -> "Variable":
        if self.type == "choice" and not self.choices:
            raise ValueError("une variable de type choice doit lister ses choices")
        if self.type != "choice" and self.choices:
            raise ValueError("choices n'est permis que pour le type choice")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min est supérieur à max")
        if self.default is not None:
            try:
                parse_value(self, self.default)
            except ValueError as exc:
                raise ValueError(f"default invalide : {exc}") from None
        return self


class Clause(Protocol):
    """What values need of a clause (``app.clauses.library.ClauseDoc``): its variables and its text."""

    @property
    def variables(self) -> Mapping[str, Variable]: ...
    @property
    def text(self) -> str: ...


def _number(raw: Any) -> Decimal:
    if isinstance(raw, bool):
        raise ValueError("nombre attendu")
    if isinstance(raw, int | float | Decimal):
        number = Decimal(str(raw))
    else:
        text = str(raw).strip().replace(NBSP, "").replace("\u202f", "").replace(" ", "")
        text = text.removesuffix("€").removesuffix("%")
        if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", text):  # 10.000,50
            text = text.replace(".", "")
        text = text.replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"« {raw} » n'est pas un nombre") from None
    if not number.is_finite():
        raise ValueError("nombre fini attendu")
    return number


def parse_value(variable: Variable, raw: Any) -> Any:
    """The typed value of ``raw`` for ``variable``; raises ``ValueError`` with a French message."""
    kind = variable.type
    if kind in ("integer", "decimal", "percent", "money"):
        number = _number(raw)
        if kind == "integer":
            if number != number.to_integral_value():
                raise ValueError("nombre entier attendu")
            number = number.to_integral_value()
        unit = " %" if kind == "percent" else ""
        if variable.min is not None and number < Decimal(str(variable.min)):
            raise OutOfBounds(f"valeur inférieure au minimum ({format_number(Decimal(str(variable.min)))}{unit})")
        if variable.max is not None and number > Decimal(str(variable.max)):
            raise OutOfBounds(f"valeur supérieure au maximum ({format_number(Decimal(str(variable.max)))}{unit})")
        if kind == "percent" and not Decimal(0) <= number <= Decimal(100):
            raise OutOfBounds("un pourcentage est compris entre 0 et 100")
        return int(number) if kind == "integer" else number
    if kind == "date":
        if isinstance(raw, date):
            return raw
        text = str(raw).strip()
        match = re.fullmatch(r"(\d{2})/(\d{2})/(\d{4})", text)
        try:
            if match:
                return date(int(match[3]), int(match[2]), int(match[1]))
            return date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"« {raw} » n'est pas une date valide") from None
    text = str(raw).strip()
    if kind == "choice":
        assert variable.choices is not None
        if text not in variable.choices:
            raise ValueError(f"choix attendu parmi : {', '.join(variable.choices)}")
        return text
    if not text:
        raise ValueError("texte vide")
    if len(text) > MAX_TEXT_LENGTH:
        raise ValueError(f"texte trop long (au plus {MAX_TEXT_LENGTH} caractères)")
    return text


def format_number(number: Decimal | int | float) -> str:
    """French number: thousands separated by a non-breaking space, decimal comma (``10 000,5``)."""
    value = Decimal(str(number))
    return _french(f"{int(value):,}" if value == value.to_integral_value() else f"{value.normalize():,f}")


def format_amount(number: Decimal | int | float) -> str:
    """An amount in euros: ``450 000`` when whole, else with its two decimals (``450 000,50``, not ``450 000,5``)."""
    value = Decimal(str(number))
    return format_number(value) if value == value.to_integral_value() else _french(f"{value.quantize(CENT):,f}")


def _french(text: str) -> str:
    """``12,345.5`` written the French way: ``12 345,5`` (non-breaking space)."""
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", NBSP)


def format_date(value: date) -> str:
    """French date: ``1er janvier 2027``."""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


def format_value(variable: Variable, value: Any) -> str:
    """The value as it reads in a French clause (unit written by the clause text)."""
    if variable.type in ("integer", "decimal", "percent"):
        return format_number(value)
    if variable.type == "money":  # whole euros, or always two decimals: 12 500,50
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
        if amount == amount.to_integral_value():
            return format_number(amount)
        whole, cents = f"{amount:.2f}".split(".")
        return f"{format_number(Decimal(whole))},{cents}"
    if variable.type == "date":
        return format_date(value)
    return str(value)


def _is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def resolve_values(
    clause: Clause, raw_values: dict[str, Any], *, draft: bool = False
) -> tuple[dict[str, str], list[ValueProblem]]:
    """Formatted values for every variable (defaults applied) and the problems found.

    In draft mode a missing value becomes a visible ``[à compléter : libellé]`` instead of a problem.
    """
    formatted: dict[str, str] = {}
    problems: list[ValueProblem] = []
    for name in raw_values:
        if name not in clause.variables:
            problems.append(ValueProblem(name, name, "variable inconnue pour cette clause"))
    for name, variable in clause.variables.items():
        raw = raw_values.get(name)
        if _is_blank(raw):
            raw = variable.default
        if _is_blank(raw):
            if draft or not variable.required:
                formatted[name] = MISSING_MARK.format(label=variable.label)
            else:
                problems.append(ValueProblem(name, variable.label, "valeur obligatoire manquante"))
            continue
        try:
            formatted[name] = format_value(variable, parse_value(variable, raw))
        except OutOfBounds as exc:
            problems.append(ValueProblem(name, variable.label, str(exc)))
        except ValueError as exc:
            problems.append(ValueProblem(name, variable.label, f"{exc} ; {TYPE_LABELS[variable.type]} est attendu"))
    return formatted, problems


# A placeholder followed by the words it counts, each marked « (s) »: « {{ nb_menus }} menu(s) végétarien(s) ».
_COUNTED = re.compile(r"({{\s*([^{}]*?)\s*}})((?:[ \u00a0]+[^\s{}()]+\(s\))+)")
# The « (s) » a clause text leaves to the count (never written in a text Clausier produces itself).
_OPEN_PLURAL = re.compile(r"\(s\)")


def _count(value: str | None) -> Decimal | None:
    """The number a formatted value states (``10 000,5``), or None (a text, a « [à compléter : …] » mark)."""
    if value is None:
        return None
    try:
        return Decimal(value.replace(NBSP, "").replace("\u202f", "").replace(" ", "").replace(",", "."))
    except InvalidOperation:
        return None


def agree_counts(text: str, formatted: Mapping[str, str]) -> str:
    """``text`` with the « (s) » of the words after a number placeholder settled by its value, the French way:
    « 1 menu végétarien », « 2 menus végétariens », « 1,5 an » (plural from 2 on). Without a number (missing value),
    the « (s) » stay."""
    def agree(match: re.Match[str]) -> str:
        count = _count(formatted.get(match.group(2).strip()))
        if count is None:
            return match.group(0)
        return match.group(1) + _OPEN_PLURAL.sub("s" if abs(count) >= 2 else "", match.group(3))

    return _COUNTED.sub(agree, text)


def render_text(clause: Clause, formatted: dict[str, str]) -> str:
    """The clause text with its placeholders replaced (and the words they count agreed); a missing value raises
    ``KeyError``.

    A plain substitution rather than a template engine: clause texts edited through the API must
    never execute template logic.
    """
    return PLACEHOLDER.sub(lambda match: formatted[match.group(1).strip()], agree_counts(clause.text, formatted))
