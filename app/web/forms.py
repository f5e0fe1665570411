"""The officers' forms: the tender form, the variables form generated from a clause, the clause preview.

Pure: no FastAPI, no database. Values are parsed by ``app.clauses.values`` so the web page accepts
exactly what the API and the document builder accept (French number and date formats included).
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from markupsafe import Markup, escape

from app.clauses.library import ClauseDoc, Nature, name_cross_references
from app.clauses.values import (
    PLACEHOLDER,
    ValueProblem,
    Variable,
    agree_counts,
    format_number,
    format_value,
    parse_value,
    resolve_values,
)
from app.errors import InvalidInput
from app.french import sentence, unit_of
from app.matching.cpv import InvalidCpv, parse_code
from app.matching.reading import typed_amount
from app.matching.sizing import insertion_hours

NATURES: dict[str, str] = {"travaux": "Travaux", "fournitures": "Fournitures", "services": "Services"}
MAX_TENDER_TEXT = 5000
# Fields wider than this many characters get a text area rather than a one-line input.
LONG_TEXT = 70
INVALID_MARK = "[à corriger : {label}]"
_LAUNCH = Variable(type="date", label="Date de lancement")
# The factors of the insertion-hours calculator, as its form names them ("insertion.part"…).
_FACTORS = {
    "montant": Variable(type="money", label="Montant estimé", min=0),
    "part": Variable(type="percent", label="Part de main-d'œuvre", min=0, max=100),
    "taux": Variable(type="percent", label="Taux d'insertion", min=0, max=100),
    "cout": Variable(type="money", label="Coût horaire chargé", min=1),
}
# Markers around a filled value in a preview, replaced by HTML once the text is escaped.
_OPEN, _CLOSE = "\x01", "\x02"


@dataclass(frozen=True)
class Tender:
    """What the officer said about the contract, typed."""

    text: str
    cpv: str | None = None
    amount_eur: Decimal | None = None
    nature: Nature | None = None
    launch_date: date | None = None
    place: str | None = None


@dataclass
class TenderForm:
    """The tender form as typed by the officer, and its problems by field name."""

    texte: str = ""
    cpv: str = ""
    montant: str = ""
    nature: str = ""
    date_lancement: str = ""
    lieu: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def posted(cls, form: Mapping[str, Any]) -> "TenderForm":
        """The tender fields of a posted form."""
        value = {key: stored_value(form.get(key)) for key in cls().fields()}
        return cls(texte=value["texte"], cpv=value["cpv"], montant=value["montant"], nature=value["nature"],
                   date_lancement=value["date_lancement"], lieu=value["lieu"])

    def fields(self) -> dict[str, str]:
        """The raw values, to carry from one step to the next in hidden inputs."""
        return {"texte": self.texte, "cpv": self.cpv, "montant": self.montant, "nature": self.nature,
                "date_lancement": self.date_lancement, "lieu": self.lieu}

    def parse(self) -> Tender | None:
        """The typed tender, or None with ``errors`` filled in (French, one per field)."""
        self.errors = {}
        # Spaces squeezed, line breaks kept: lots written one per line stay a list in the documents.
        text = "\n".join(" ".join(line.split()) for line in self.texte.splitlines() if line.strip())
        if len(text) < 3:
            self.errors["texte"] = "Décrivez le marché en quelques mots : son objet et ses prestations."
        elif len(text) > MAX_TENDER_TEXT:
            self.errors["texte"] = f"Texte trop long : {MAX_TENDER_TEXT} caractères au plus ({len(text)} saisis)."
        cpv, amount, nature, launch = self.details()
        place = " ".join(self.lieu.split())[:100] or None
        if self.errors:
            return None
        return Tender(text=text, cpv=cpv, amount_eur=amount, nature=nature, launch_date=launch, place=place)

    def details(self) -> tuple[str | None, Decimal | None, Nature | None, date | None]:
        """CPV, amount, nature and launch date as typed (each optional); problems go to ``errors``."""
        cpv = None
        if self.cpv.strip():
            try:
                cpv = parse_code(self.cpv)
            except InvalidCpv as exc:
                self.errors["cpv"] = sentence(str(exc)) + "."
        amount = None
        if self.montant.strip():
            try:
                amount = typed_amount(self.montant)
            except ValueError as exc:
                self.errors["montant"] = f"Montant invalide : {exc}. Exemple : 250 000 ou 12 500,50."
        nature: Nature | None = None
        if self.nature:
            if self.nature not in NATURES:
                self.errors["nature"] = "Nature inconnue : choisissez travaux, fournitures ou services."
            else:
                nature = self.nature  # type: ignore[assignment]
        launch = None
        if self.date_lancement.strip():
            try:
                launch = parse_value(_LAUNCH, self.date_lancement)
            except ValueError as exc:
                self.errors["date_lancement"] = f"Date invalide : {exc}. Format attendu : JJ/MM/AAAA."
        return cpv, amount, nature, launch


@dataclass
class InsertionForm:
    """The insertion-hours calculator as typed (French formats): the clause and its variable that receive the hours,
    and the factors amount, labour share (%), rate (%) and loaded hourly cost (€)."""

    clause: str = ""
    variable: str = ""
    montant: str = ""
    part: str = ""
    taux: str = ""
    cout: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def posted(cls, form: dict[str, str]) -> "InsertionForm | None":
        """The calculator of a posted form (fields ``insertion.*``), None when the page had none."""
        if not form.get("insertion.clause"):
            return None
        value = {name: form.get(f"insertion.{name}", "") for name in ("clause", "variable", *_FACTORS)}
        return cls(value["clause"], value["variable"], value["montant"], value["part"], value["taux"], value["cout"])

    @classmethod
    def proposed(cls, clause: str, variable: str | None, amount: float, share: float, rate: float,
                 cost: float) -> "InsertionForm":
        """The calculator filled with the factors proposed by the matcher."""
        return cls(clause, variable or "", format_number(round(amount)), format_number(round(share * 100, 2)),
                   format_number(round(rate * 100, 2)), format_number(cost))

    def hours(self) -> int | None:
        """The number of hours for the factors typed; None with ``errors`` filled (French, one per factor)."""
        self.errors, values = {}, {}
        for name, variable in _FACTORS.items():
            try:
                values[name] = float(parse_value(variable, getattr(self, name)))
            except ValueError as exc:
                self.errors[name] = f"{variable.label} : {exc}."
        if self.errors:
            return None
        return insertion_hours(values["montant"], values["part"] / 100, values["taux"] / 100, values["cout"])

    def values_for(self, doc: ClauseDoc) -> dict[str, str] | None:
        """The values of ``doc`` on first display: the hours in its hours variable, the others by default; None
        when the calculator is for another clause or a factor is wrong."""
        hours = self.hours() if self.clause == doc.id and self.variable in doc.variables else None
        if hours is None:
            return None
        return {**{name: default_text(variable) for name, variable in doc.variables.items()}, self.variable: str(hours)}


def field_name(clause_id: str, variable: str) -> str:
    """Form name of a clause variable (clause ids never contain dots)."""
    return f"v.{clause_id}.{variable}"


def clause_values(form: dict[str, str], clause_id: str) -> dict[str, str]:
    """The raw values posted for one clause, by variable name."""
    prefix = f"v.{clause_id}."
    return {name.removeprefix(prefix): value for name, value in form.items() if name.startswith(prefix)}


@dataclass(frozen=True)
class VariableField:
    """One generated input of the variables form."""

    name: str
    id: str
    label: str
    widget: str  # "number", "date", "choice", "text", "textarea"
    value: str
    unit: str | None
    hint: str
    help: str | None
    required: bool
    choices: list[str]
    error: str | None
    inputmode: str | None
    # The empty choice of a list, offered when the field may stay empty (optional, or a lot's value over the
    # common one): a select without it posts its first choice, a value the officer never picked.
    empty: str = "—"


def _unit(variable: Variable) -> str | None:
    if variable.unit:
        return variable.unit
    return {"percent": "%", "money": "€"}.get(variable.type)


def default_text(variable: Variable) -> str:
    """The default value as an officer would type it (French formats)."""
    if variable.default is None:
        return ""
    value = parse_value(variable, variable.default)
    if variable.type == "date":
        return f"{value:%d/%m/%Y}"
    return format_value(variable, value) if variable.type in ("integer", "decimal", "percent", "money") else str(value)


def _hint(variable: Variable) -> str:
    unit = _unit(variable) or ""

    def said(value: float) -> str:  # « 1 menu par semaine », « 3 menus par semaine »
        return f"{format_number(value)} {unit_of(value, unit)}".rstrip()

    parts = []
    if variable.type == "date":
        parts.append("Au format JJ/MM/AAAA")
    if variable.min is not None and variable.max is not None:
        parts.append(f"Entre {format_number(variable.min)} et {said(variable.max)}")
    elif variable.min is not None:
        parts.append(f"Au moins {said(variable.min)}")
    elif variable.max is not None:
        parts.append(f"Au plus {said(variable.max)}")
    elif variable.type == "percent":
        parts.append("Entre 0 et 100 %")
    if variable.default is not None and variable.type != "text":  # a default text is already in the field
        default = parse_value(variable, variable.default)
        count = float(default) if isinstance(default, int | float | Decimal) else 2.0
        parts.append(f"Valeur par défaut : {default_text(variable)} {unit_of(count, unit)}".rstrip())
    if not variable.required:
        parts.append("Facultatif")
    return ". ".join(parts)


def variable_fields(doc: ClauseDoc, raw: dict[str, str] | None, problems: list[ValueProblem]) -> list[VariableField]:
    """The inputs of a clause's variables, filled with ``raw`` (or the defaults) and their errors."""
    errors = {problem.variable: problem.message for problem in problems}
    fields = []
    for name, variable in doc.variables.items():
        value = default_text(variable) if raw is None else raw.get(name, "")
        if variable.type in ("integer", "decimal", "percent", "money"):
            widget = "number"
        elif variable.type in ("date", "choice"):
            widget = variable.type
        else:
            longest = max(len(value), len(default_text(variable)))
            widget = "textarea" if longest > LONG_TEXT else "text"
        message = errors.get(name)
        fields.append(VariableField(
            name=field_name(doc.id, name), id=f"{doc.id}--{name}", label=variable.label, widget=widget, value=value,
            unit=_unit(variable), hint=_hint(variable), help=variable.help, required=variable.required,
            choices=variable.choices or [], error=sentence(message) if message else None,
            inputmode="numeric" if variable.type in ("integer", "date") else "decimal" if widget == "number" else None,
        ))
    return fields


def check_values(doc: ClauseDoc, raw: dict[str, str]) -> list[ValueProblem]:
    """Every missing or bad value of a clause (an empty field falls back on the default)."""
    known = {name: value for name, value in raw.items() if name in doc.variables}
    return resolve_values(doc, known)[1]


def preview(doc: ClauseDoc, raw: dict[str, str] | None, titles: dict[str, str]) -> Markup:
    """The clause text as HTML, filled values highlighted, missing ones marked « à compléter », bad ones
    « à corriger »; references to other clauses named by their ``titles``."""
    known = {name: value for name, value in (raw or {}).items() if name in doc.variables}
    formatted, _ = resolve_values(doc, known, draft=True)

    def fill(match: re.Match[str]) -> str:
        name = match.group(1).strip()
        value = formatted.get(name) or INVALID_MARK.format(label=doc.variables[name].label)
        return f"{_OPEN}{_unmarked(value)}{_CLOSE}"

    text = agree_counts(_unmarked(name_cross_references(doc.text, titles)), formatted)
    return text_html(PLACEHOLDER.sub(fill, text))


def _unmarked(text: str) -> str:
    return text.replace(_OPEN, "").replace(_CLOSE, "")


def text_html(text: str) -> Markup:
    """Clause text as HTML, read as the document builder reads it: blank lines separate paragraphs, a line
    starting with ``- `` is a list item, any other line continues the paragraph or item before it."""
    html: list[str] = []
    items: list[str] = []
    for chunk in re.split(r"\n[ \t]*\n", text.strip()):
        blocks: list[list[str]] = []
        for line in (line.strip() for line in chunk.split("\n")):
            if line.startswith("- "):
                blocks.append(["item", line[2:].strip()])
            elif line and blocks:
                blocks[-1][1] += " " + line
            elif line:
                blocks.append(["paragraph", line])
        for kind, body in blocks:
            if kind == "item":
                items.append(f"<li>{_inline(body)}</li>")
                continue
            if items:
                html.append(f"<ul>{''.join(items)}</ul>")
                items.clear()
            html.append(f"<p>{_inline(body)}</p>")
    if items:
        html.append(f"<ul>{''.join(items)}</ul>")
    return Markup("".join(html))


def _inline(text: str) -> str:
    return str(escape(text)).replace(_OPEN, '<strong class="valeur">').replace(_CLOSE, "</strong>")


def name_values(text: str, form_field: str) -> dict[str, str]:
    """« nom = valeur » lines (blank lines skipped); ``InvalidInput`` naming ``form_field`` for a malformed line."""
    values: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, separator, value = line.partition("=")
        if not separator or not name.strip():
            message = f"ligne {number} : « nom = valeur » attendu"
            raise InvalidInput(message, errors=[{"field": form_field, "message": message}])
        values[name.strip()] = value.strip()
    return values


def stored_value(raw: Any) -> str:
    """A posted form value as text (files and absent values become empty)."""
    return raw if isinstance(raw, str) else ""
