"""Clause files (Markdown + YAML front matter) -> validated ``ClauseDoc`` objects, with precise problems.

Pure: no FastAPI, no database. The validator reports one ``path:line: field: message`` per problem.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from app.clauses.legal_lint import wording_problems
from app.clauses.references import Registry
from app.clauses.themes import THEME_IDS
from app.clauses.values import MONTHS, PLACEHOLDER, Variable
from app.validation import file_field_message

Kind = Literal[
    "condition-execution", "critere-attribution", "specification-technique",
    "critere-selection", "marche-reserve", "penalite",
    # A rule of the consultation stated in the RC: variants, detection of abnormally low tenders…
    "modalite-consultation",
]
Document = Literal["CCAP", "CCTP", "RC", "AE"]
Status = Literal["draft", "active", "retired"]
# "Sans objet" (the consolidated DECP's wording): a clause that only restates the law (vigilance documents,
# subcontracting formalities) or sets a rule of the consultation declares no consideration, so that it neither
# inflates the indicators nor passes for the social or environmental consideration the law requires.
DecpValue = Literal[
    "Clause sociale", "Critère social", "Marché réservé", "Clause environnementale", "Critère environnemental",
    "Sans objet",
]
Nature = Literal["travaux", "fournitures", "services"]

KINDS: tuple[str, ...] = Kind.__args__  # type: ignore[attr-defined]
KIND_LABELS = {
    "condition-execution": "condition d'exécution",
    "critere-attribution": "critère d'attribution",
    "specification-technique": "spécification technique",
    "critere-selection": "critère de sélection des candidatures",
    "marche-reserve": "marché réservé",
    "penalite": "pénalité",
    "modalite-consultation": "modalité de la consultation",
}
DOCUMENTS: tuple[str, ...] = ("RC", "CCAP", "CCTP", "AE")  # the order of a tender file
DECP_VALUES: tuple[str, ...] = DecpValue.__args__  # type: ignore[attr-defined]

# A reference to another clause of the library in the body: ``[[insertion-penalite-heures]]``.
CROSS_REFERENCE = re.compile(r"\[\[\s*([a-z0-9-]+)\s*\]\]")
IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")
CLAUSE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _identifier(value: str) -> str:
    if not CLAUSE_ID.match(value):
        raise ValueError("identifiant : minuscules, chiffres et tirets uniquement")
    return value


# The id of a clause (its file name), and of the other entries of the data files (purchase families).
ClauseId = Annotated[str, AfterValidator(_identifier)]


# When a piece of evidence falls due, for the execution follow-up (app/followup): at notification; after each
# month, quarter or year of execution (counted from the start of the contract); after each calendar month, quarter
# or year (« le dixième jour de chaque mois pour le mois précédent »); at the end of the contract; or after each
# period of the frequency a choice variable sets (``period_variable``). The delay is counted from that date.
Due = Literal[
    "notification", "mensuel", "trimestriel", "annuel", "mois-civil", "trimestre-civil", "annee-civile", "fin",
    "periode",
    "semestriel",  # renewed every six months after the notification while the contract runs (C. trav. D8222-5)
    "semestre",  # after each six months of execution (counted from the start), like mensuel and trimestriel
    "avant-fin",  # ``months_before_end`` months before the contract's end (« trois mois avant le terme du marché »)
]
# The schedules that repeat over periods of the contract (``last_within_months`` caps the last one's due date).
PERIODIC = ("mensuel", "trimestriel", "semestre", "annuel", "mois-civil", "trimestre-civil", "annee-civile",
            "periode")
# A day of the year as a clause variable writes it: « 30 juin », « 1er mars » (``day_variable``).
DAY_OF_YEAR = re.compile(r"^\s*(1er|\d{1,2})\s+(" + "|".join(MONTHS) + r")\s*$", re.IGNORECASE)


def day_of_year(text: str) -> tuple[int, int] | None:
    """(day, month) of « 30 juin » or « 1er mars », or None when the text is not a day and a month."""
    match = DAY_OF_YEAR.match(str(text))
    if match is None:
        return None
    day, month = 1 if match[1].lower() == "1er" else int(match[1]), MONTHS.index(match[2].lower()) + 1
    return (day, month) if 1 <= day <= calendar.monthrange(2000, month)[1] else None  # a leap year: 29 February


# The choice values a ``period_variable`` may take, and the frequency each one means (the clause text reads
# « le titulaire remet {{ frequence }}, dans le mois qui suit la période couverte »; « à la fin du marché »: one
# statement, after the contract's end).
PERIOD_CHOICES = {
    "chaque mois": "mensuel", "chaque trimestre": "trimestriel", "chaque semestre": "semestre",
    "chaque année": "annuel",
    "mensuellement": "mensuel", "trimestriellement": "trimestriel", "semestriellement": "semestre",
    "annuellement": "annuel", "à la fin du marché": "fin",
}


class Verification(BaseModel):
    """Evidence the holder hands over, and when (``when`` in words; ``due`` and the delay for the follow-up).

    An item without ``due`` (e.g. "avant l'affectation de chaque personne") makes no dated commitment.
    ``hours_variable`` marks the insertion-hours statement: the statements recorded fulfil it, and the
    hours committed are that variable's value.
    """

    model_config = ConfigDict(extra="forbid")

    evidence: str = Field(min_length=1)
    when: str = Field(min_length=1)
    due: Due | None = None
    period_variable: str | None = None  # with due: periode, a choice variable valued in PERIOD_CHOICES
    delay_days: int | None = Field(default=None, ge=0, le=365)  # days after notification or period end
    delay_variable: str | None = None  # an integer variable (days) giving that delay
    # A delay in calendar months: fixed (« dans le mois qui suit la première année d'exécution » → 13), or an
    # integer variable (« dans un délai de {{ delai }} mois à compter du début d'exécution »).
    delay_months: int | None = Field(default=None, ge=1, le=36)
    delay_months_variable: str | None = None
    # With due: annee-civile, a text variable holding a day of the year (« 30 juin »): each calendar year's evidence
    # is due on that day of the following year (« chaque année, au plus tard le {{ date }} de l'année suivante »).
    day_variable: str | None = None
    # With due: avant-fin, how many months before the contract's end (« trois mois avant le terme du marché » → 3).
    months_before_end: int | None = Field(default=None, ge=1, le=24)
    hours_variable: str | None = None  # an integer variable: the insertion hours committed
    # With a periodic ``due``: the last period's evidence is due at the latest this many months after the contract's
    # end, when the period's rule falls later (« pour la dernière année, au plus tard un mois après la fin du marché »).
    last_within_months: int | None = Field(default=None, ge=1, le=12)
    # With a periodic ``due``: the last period's delay counts from the contract's end, when that comes first
    # (« pour la dernière année, dans le même délai après la fin du marché »).
    last_from_end: bool = False

    @model_validator(mode="after")
    def _coherent(self) -> "Verification":
        if (self.due == "periode") != (self.period_variable is not None):
            raise ValueError("due: periode va avec period_variable (et period_variable avec due: periode)")
        delays = [name for name in ("delay_days", "delay_variable", "delay_months", "delay_months_variable",
                                    "day_variable") if getattr(self, name) is not None]
        if len(delays) > 1:
            raise ValueError(f"un seul délai : {' ou '.join(delays)}, pas les deux")
        if self.due is None and (delays or self.hours_variable):
            raise ValueError("délai ou heures sans échéance : due attendu")
        if (self.due == "avant-fin") != (self.months_before_end is not None):
            raise ValueError("due: avant-fin va avec months_before_end (et months_before_end avec due: avant-fin)")
        if self.due == "avant-fin" and delays:
            raise ValueError("due: avant-fin ne prend pas de délai après l'échéance")
        if (self.delay_months is not None or self.delay_months_variable) and self.due not in ("notification", "fin"):
            raise ValueError("un délai en mois va avec due: notification ou fin")
        if self.day_variable is not None and self.due != "annee-civile":
            raise ValueError("day_variable va avec due: annee-civile (la date de l'année suivante)")
        if (self.last_within_months is not None or self.last_from_end) and self.due not in PERIODIC:
            raise ValueError("last_within_months et last_from_end vont avec une échéance périodique (due : "
                             + ", ".join(PERIODIC) + ")")
        return self


class PenaltyRule(BaseModel):
    """The variables of a penalty clause that the follow-up computes a penalty from (shown, never applied)."""

    model_config = ConfigDict(extra="forbid")

    per_missing_hour: str | None = None  # a money variable: € HT per insertion hour not worked
    per_day_late: str | None = None  # a money variable: € HT per day a statement is late
    # Days a formal notice must stay unanswered before the late-statement penalty runs, as the text says.
    notice_days: int | None = Field(default=None, ge=0, le=90)

    @model_validator(mode="after")
    def _notice_with_delay(self) -> "PenaltyRule":
        if (self.per_day_late is None) != (self.notice_days is None):
            raise ValueError("per_day_late va avec notice_days (délai de la mise en demeure, en jours, 0 si aucun)")
        return self
    cap_percent: str | None = None  # a percent variable: ceiling, share of the contract's amount HT


class Guidance(BaseModel):
    """Advice for the officer, shown next to the clause and never in the contractual text."""

    model_config = ConfigDict(extra="forbid")

    use: str = Field(min_length=10)  # when to use it
    avoid: str = Field(min_length=10)  # when not to
    check: list[str] = Field(min_length=1)  # points de vigilance before publishing
    settings: str | None = None  # how to set the variables


# The six points of the procurement lawyer's checklist every clause is reviewed against.
REVIEW_CHECKS: tuple[str, ...] = ("base", "coherence", "equivalence", "lien-objet", "dates-chiffres", "redaction")


class Review(BaseModel):
    """The record of the clause's last legal review: one finding per checklist point."""

    # YAML reads a bare ``on:`` key as a boolean: the file says ``date:``.
    model_config = ConfigDict(extra="forbid", populate_by_name=True, serialize_by_alias=True)

    on: date = Field(alias="date")
    checks: dict[str, str]
    notes: str = Field(min_length=3)

    @field_validator("checks")
    @classmethod
    def _every_check(cls, value: dict[str, str]) -> dict[str, str]:
        missing = [check for check in REVIEW_CHECKS if not value.get(check, "").strip()]
        unknown = sorted(value.keys() - set(REVIEW_CHECKS))
        if missing:
            raise ValueError(f"point de contrôle sans constat : {', '.join(missing)}")
        if unknown:
            expected = ", ".join(REVIEW_CHECKS)
            raise ValueError(f"point de contrôle inconnu : {', '.join(unknown)} ; attendus : {expected}")
        return value


class Source(BaseModel):
    """A text the clause relies on, with the sentence read in it."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=3)
    url: str | None = None
    quote: str = Field(min_length=10)
    certainty: Literal["verified", "to-check"] = "verified"


class AppliesWhen(BaseModel):
    """Conditions under which the clause applies or is an obligation."""

    model_config = ConfigDict(extra="forbid")

    nature: list[Nature] | None = None
    min_amount_eur: float | None = Field(default=None, ge=0)
    max_amount_eur: float | None = Field(default=None, ge=0)
    from_date: date | None = None


class ClauseDoc(BaseModel):
    """One clause: its front matter and its text (immutable: one validated object per stored version)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: ClauseId
    version: int = Field(ge=1)
    status: Status
    title: str = Field(min_length=3)
    kind: Kind
    document: Document
    themes: list[str] = Field(min_length=1, max_length=3)
    decp_value: DecpValue
    legal_basis: list[str] = Field(min_length=1)
    former_basis: list[str] = []
    cpv_prefixes: list[str] = []
    keywords: list[str] = []
    synonyms: list[str] = []
    variables: dict[str, Variable] = {}
    verification: list[Verification] = Field(min_length=1)
    penalty: PenaltyRule | None = None
    applies_when: AppliesWhen | None = None
    generic: bool = False
    requires: list[str] = []
    guidance: Guidance | None = None
    reviewed: Review | None = None
    # Plain strings in versions written before the December 2026 review; quoted sources since.
    sources: list[Source | str] = Field(min_length=1)
    text: str = Field(min_length=1)

    @field_validator("themes")
    @classmethod
    def _known_themes(cls, value: list[str]) -> list[str]:
        unknown = [theme for theme in value if theme not in THEME_IDS]
        if unknown:
            raise ValueError(f"thème inconnu : {', '.join(unknown)}")
        if len(set(value)) != len(value):
            raise ValueError("thème répété")
        return value

    @field_validator("cpv_prefixes", mode="before")
    @classmethod
    def _cpv_digits(cls, value: Any) -> Any:
        for prefix in value or []:
            if not isinstance(prefix, str) or not re.fullmatch(r"\d{2,8}", prefix):
                raise ValueError(f"préfixe CPV {prefix!r} : 2 à 8 chiffres entre guillemets attendus")
        return value

    @field_validator("variables")
    @classmethod
    def _variable_names(cls, value: dict[str, Variable]) -> dict[str, Variable]:
        for name in value:
            if not IDENTIFIER.match(name):
                raise ValueError(f"nom de variable {name!r} : minuscules, chiffres et _ uniquement")
        return value

    @model_validator(mode="after")
    def _placeholders_declared(self) -> "ClauseDoc":
        used = placeholders(self.text)
        undeclared = sorted(used - self.variables.keys())
        unused = sorted(self.variables.keys() - used)
        if undeclared:
            raise ValueError(f"variable utilisée mais non déclarée : {', '.join(undeclared)}")
        if unused:
            raise ValueError(f"variable déclarée mais non utilisée : {', '.join(unused)}")
        undeclared_refs = sorted(cross_references(self.text) - set(self.requires))
        if undeclared_refs:
            raise ValueError(f"renvoi [[…]] vers une clause absente de requires : {', '.join(undeclared_refs)}")
        if self.id in self.requires:
            raise ValueError("une clause ne peut pas se requérir elle-même")
        if problems := self._follow_up_variables():
            raise ValueError(" ; ".join(problems))
        return self

    def _follow_up_variables(self) -> list[str]:
        """The variables the verification items and the penalty rule name: declared, of the right type."""
        wanted: list[tuple[str, tuple[str, ...]]] = []
        for item in self.verification:
            wanted += [(name, types) for name, types in (
                (item.period_variable, ("choice",)), (item.delay_variable, ("integer",)),
                (item.delay_months_variable, ("integer",)), (item.day_variable, ("text",)),
                (item.hours_variable, ("integer",)),
            ) if name]
        if self.penalty is not None:
            wanted += [(name, types) for name, types in (
                (self.penalty.per_missing_hour, ("money",)), (self.penalty.per_day_late, ("money",)),
                (self.penalty.cap_percent, ("percent",)),
            ) if name]
        problems = []
        for name, types in wanted:
            variable = self.variables.get(name)
            if variable is None or variable.type not in types:
                problems.append(f"suivi d'exécution : variable « {name} » absente ou pas de type {types[0]}")
            elif variable.type == "choice" and not set(variable.choices or []) <= PERIOD_CHOICES.keys():
                problems.append(f"suivi d'exécution : les choix de « {name} » doivent être parmi "
                                + ", ".join(PERIOD_CHOICES))
            elif any(name == item.day_variable for item in self.verification) and variable.default is not None \
                    and day_of_year(variable.default) is None:
                problems.append(f"suivi d'exécution : la valeur par défaut de « {name} » doit être un jour et un mois "
                                "(« 30 juin », « 1er mars »)")
        return problems

    def front_matter(self) -> dict[str, Any]:
        """Everything but the text, as plain JSON-able data."""
        return self.model_dump(mode="json", exclude={"text"}, exclude_none=True)


@dataclass(frozen=True)
class Problem:
    """One problem of a clause file, printed as ``path:line: field: message``."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


class LibraryError(Exception):
    """A library with at least one problem: nothing of it is loaded."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


# libyaml's loader when available: parsing the library at start-up is then ten times faster.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def placeholders(text: str) -> set[str]:
    """Names used as ``{{ name }}`` in ``text``."""
    return {match.strip() for match in PLACEHOLDER.findall(text)}


def cross_references(text: str) -> set[str]:
    """Clause ids referred to as ``[[clause-id]]`` in ``text``."""
    return set(CROSS_REFERENCE.findall(text))


def name_cross_references(text: str, titles: dict[str, str]) -> str:
    """``[[clause-id]]`` as « la clause « Titre » », for a clause shown outside a document (where the
    document builder writes the article number instead)."""
    return CROSS_REFERENCE.sub(lambda match: f"la clause « {titles.get(match.group(1), match.group(1))} »", text)


def key_lines(node: yaml.Node | None, prefix: str = "") -> dict[str, int]:
    """Line (0-based, within the YAML) of every key, by dotted path."""
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            path = f"{prefix}.{key.value}" if prefix else str(key.value)
            lines[path] = key.start_mark.line
            lines.update(key_lines(value, path))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            path = f"{prefix}.{index}" if prefix else str(index)
            lines[path] = item.start_mark.line
            lines.update(key_lines(item, path))
    return lines


def parse_clause_file(
    path: Path, display: str | None = None, registry: Registry | None = None
) -> tuple[ClauseDoc | None, list[Problem]]:
    """Parse one file; returns the clause or the problems found (legal bases checked against ``registry``)."""
    shown = display or str(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(shown, 1, "fichier", f"illisible ({exc})")]
    lines = raw.splitlines()
    if not lines or lines[0].strip() != "---":
        return None, [Problem(shown, 1, "front matter", "le fichier doit commencer par une ligne ---")]
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        return None, [Problem(shown, 1, "front matter", "ligne --- de fin introuvable")]
    front, body = "\n".join(lines[1:end]), "\n".join(lines[end + 1 :]).strip()
    try:
        meta = yaml.load(front, Loader=YAML_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = (mark.line + 2) if mark else 1
        reason = getattr(exc, "problem", None) or str(exc)
        return None, [Problem(shown, line, "yaml", f"syntaxe YAML invalide ({reason})")]
    if not isinstance(meta, dict):
        return None, [Problem(shown, 2, "front matter", "un dictionnaire YAML est attendu")]

    def line_of(field: str) -> int:
        # Key positions are only needed to report a problem: compose the node tree lazily.
        lines_of_keys = key_lines(yaml.compose(front, Loader=YAML_LOADER))
        parts = field.split(".")
        while parts:
            if ".".join(parts) in lines_of_keys:
                return lines_of_keys[".".join(parts)] + 2  # +1 for 1-based, +1 for the opening ---
            parts.pop()
        return 1

    problems: list[Problem] = []
    if meta.get("id") is not None and str(meta["id"]) != path.stem:
        message = f"« {meta['id']} » diffère du nom de fichier « {path.stem} »"
        problems.append(Problem(shown, line_of("id"), "id", message))
    try:
        clause = ClauseDoc.model_validate({**meta, "text": body})
    except ValidationError as exc:
        for error in exc.errors():
            loc = [str(part) for part in error["loc"]]
            field = ".".join(loc) if loc else "front matter"
            message = file_field_message(error)
            if message.startswith("default invalide"):
                field += ".default"
            line = line_of(field) if loc and loc[0] != "text" else end + 2
            if not loc:  # model-level checks (placeholders) concern the body
                field, line = "text", end + 2
            problems.append(Problem(shown, line, field, message))
        return None, problems
    problems.extend(
        Problem(shown, end + 2 if field == "text" else line_of(field if field in meta or "." in field else "reviewed"),
                field, message)
        for field, message in file_policy(clause, registry)
    )
    return (None if problems else clause), problems


def file_policy(clause: ClauseDoc, registry: Registry | None) -> list[tuple[str, str]]:
    """What a built-in clause file owes beyond its format: registered legal bases and, when active, its legal
    review (which says what was read instead of each to-check legal basis), its guidance, quoted sources and a
    wording free of the errors the legal review found. (field, message) pairs."""
    problems: list[tuple[str, str]] = []
    if registry is not None:
        for index, ref in enumerate(clause.legal_basis):
            if (reason := registry.check_current(ref)) is not None:
                problems.append((f"legal_basis.{index}", reason))
        for index, ref in enumerate(clause.former_basis):
            if (reason := registry.check_former(ref)) is not None:
                problems.append((f"former_basis.{index}", reason))
    if clause.status != "active":
        return problems
    if clause.reviewed is None:
        problems.append(("reviewed", "clause active sans revue juridique (reviewed)"))
    elif registry is not None:
        review = " ".join([*clause.reviewed.checks.values(), clause.reviewed.notes])
        for index, ref in enumerate(clause.legal_basis):
            entry = registry.get(ref)
            if entry is not None and entry.status == "current" and entry.certainty == "to-check" \
                    and _cited_as(ref) not in review:
                problems.append((f"legal_basis.{index}", f"référence « {ref} » à vérifier au registre : la revue "
                                 f"(reviewed) dit ce qui a été lu à la place ({_cited_as(ref)})"))
    if clause.guidance is None:
        problems.append(("guidance", "clause active sans conseils à l'agent (guidance)"))
    for index, source in enumerate(clause.sources):
        if isinstance(source, str):
            problems.append((f"sources.{index}", "source sans citation : {text, url, quote, certainty} attendu"))
    problems.extend(("text", message) for message in wording_problems(clause.text))
    if registry is not None:  # the draft checker, paragraph by paragraph, must find no outdated text in the wording
        problems.extend(("text", f"le texte se lit comme une {reason}")
                        for paragraph in re.split(r"\n\s*\n", clause.text)
                        for reference, _, _ in registry.find_in_text(paragraph)
                        if (reason := registry.check_current(reference.ref)) is not None)
    return problems


def _cited_as(ref: str) -> str:
    """How a review names a reference: its article ("R2111-16" for "CCP R2111-16"), or the text's number when the
    reference is an article of a law or decree ("2005-102" for "Loi 2005-102 art. 47")."""
    parts = ref.split()
    return parts[1] if " art. " in ref else parts[-1]


def load_library(directory: Path, registry: Registry | None = None) -> tuple[list[ClauseDoc], list[Problem]]:
    """Every clause file under ``directory`` (README excluded), with all problems, duplicates included;
    legal bases are checked against ``registry`` when given."""
    clauses: list[ClauseDoc] = []
    problems: list[Problem] = []
    seen: dict[str, Path] = {}
    files = sorted(p for p in directory.rglob("*.md") if p.name.lower() != "readme.md")
    if not directory.is_dir():
        return [], [Problem(str(directory), 1, "bibliothèque", "dossier introuvable")]
    for path in files:
        clause, found = parse_clause_file(path, registry=registry)
        problems.extend(found)
        if clause is None:
            continue
        if clause.id in seen:
            problems.append(Problem(str(path), 2, "id", f"identifiant en double (déjà dans {seen[clause.id]})"))
            continue
        seen[clause.id] = path
        clauses.append(clause)
    problems.extend(_dangling_requirements(clauses, seen))
    return clauses, problems


def _dangling_requirements(clauses: list[ClauseDoc], paths: dict[str, Path]) -> list[Problem]:
    """An active clause may only require active clauses of the library."""
    active = {clause.id for clause in clauses if clause.status == "active"}
    problems = []
    for clause in clauses:
        missing = [required for required in clause.requires if required not in active]
        if clause.status == "active" and missing:
            path = paths[clause.id]
            lines = path.read_text(encoding="utf-8").splitlines()
            line = next((number for number, text in enumerate(lines, 1) if text.startswith("requires:")), 2)
            problems.append(Problem(str(path), line, "requires",
                                    f"clause requise absente ou non active : {', '.join(missing)}"))
    return problems


def read_library(directory: Path, registry: Registry | None = None) -> list[ClauseDoc]:
    """The valid library under ``directory``; raises ``LibraryError`` if anything is wrong."""
    clauses, problems = load_library(directory, registry)
    if problems:
        raise LibraryError(problems)
    return clauses
