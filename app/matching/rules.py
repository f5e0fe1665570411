"""Obligation rules as data: the models of ``obligations/*.yaml`` (see its README), evaluated by ``obligations.py``.

Pure: no FastAPI, no database.
"""

from datetime import date
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator

from app.clauses.library import DecpValue, Kind, Nature, Source
from app.french import french_regex

UNKNOWN_NATURE = "inconnue"
NATURES: tuple[Nature, ...] = ("travaux", "fournitures", "services")
Certainty = Literal["verified", "to-check"]
# The threshold under which a purchase may be made without advertising nor competition (R2122-8).
SMALL_PURCHASE = "dispense-publicite"
# Values an explanation may use, written {name}, computed for the tender.
PLACEHOLDERS = frozenset({
    "montant", "nature", "seuil", "seuil_travaux", "seuil_fournitures", "seuil_services", "categorie", "taux",
    "achats_annuels", "origine_achats",
})
PLACEHOLDER = french_regex(r"\{(\w+)\}")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Period(_Strict):
    """Launch dates from ``start`` (included) to ``before`` (excluded)."""

    start: date | None = Field(default=None, alias="from")
    before: date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> "Period":
        if self.start and self.before and self.start >= self.before:
            raise ValueError("from doit précéder before")
        return self

    def contains(self, when: date) -> bool:
        return (self.start is None or when >= self.start) and (self.before is None or when < self.before)


class AmountRange(_Strict):
    """Amounts in € HT from ``at_least`` (included) to ``below`` (excluded): a number or a threshold id."""

    at_least: float | str | None = None
    below: float | str | None = None


class Above(_Strict):
    """Amounts in € HT strictly above ``above``."""

    above: float = Field(ge=0)


class Conditions(_Strict):
    """What must hold for a rule or a piece of its explanation: every condition given (an empty set always holds)."""

    launched: Period | None = None
    nature: list[Literal["travaux", "fournitures", "services", "inconnue"]] | None = None
    amount: AmountRange | None = None  # the amount must be known
    buyer_annual_purchases: Above | None = None  # the buyer's annual purchases must be known
    object_families: list[str] | None = None  # a family of the object of the tender (what is bought) is one of them
    object_tags: list[str] | None = None  # a family of the object of the tender carries one of them
    families: list[str] | None = None  # one of them found with confidence
    family_tags: list[str] | None = None  # a family found with confidence carries one of them
    mentions: list[str] | None = None  # the text names one of these phrases (accents, case, plural ignored)
    codes: list[str] | None = None  # a CPV code given starts with one of these prefixes
    agec: bool | None = None  # a family of the object falls in a category of the décret 2024-134
    agec_rates: bool | None = None  # and the rates of that category are known
    themes: dict[str, float] | None = None  # each theme detected at least this strongly
    any_of: list["Conditions"] | None = Field(default=None, alias="any")
    none_of: Optional["Conditions"] = Field(default=None, alias="not")


class Piece(_Strict):
    """A sentence of an explanation and when it is shown."""

    text: str = Field(min_length=1)
    when: Conditions = Conditions()


class ClauseQuery(_Strict):
    """Which library clauses fulfil an obligation (all the criteria given)."""

    cites: list[str] = []  # one of these legal bases
    kinds: list[Kind] = []
    decp: list[DecpValue] = []
    themes: list[str] = []
    proposed_only: bool = False  # only clauses already proposed
    related: bool = False  # proposed, or whose CPV prefixes cover the tender's codes
    specific: bool = False  # no generic clause
    limit: int = Field(default=4, ge=1, le=10)


class Requirement(_Strict):
    """A clause the recommendation must hold for a rule: one of the clauses the rule finds, of these kinds and DECP
    values (empty: any of them)."""

    kinds: list[Kind] = []
    decp: list[DecpValue] = []


class Rule(_Strict):
    """An obligation rule, as written in ``obligations/<id>.yaml``."""

    id: str
    order: int = Field(ge=0)
    title: str = Field(min_length=3)
    when: Conditions = Conditions()
    legal_basis: list[str] = Field(min_length=1)
    certainty: Certainty
    to_check: str | None = None
    explanation: list[Piece] = Field(min_length=1)
    clauses: list[ClauseQuery] = []
    # What the recommendation holds for this rule (default: one of the clauses it finds; [] for none).
    recommend: list[Requirement] = [Requirement()]
    sources: list[Source] = Field(min_length=1)  # the texts the rule rests on, with the sentence read

    @model_validator(mode="after")
    def _certainty(self) -> "Rule":
        if (self.certainty == "to-check") != bool(self.to_check):
            raise ValueError("to_check dit ce qui reste à vérifier, si et seulement si certainty vaut to-check")
        return self


class ThresholdValues(_Strict):
    """The amounts of a threshold per nature, from a date."""

    start: date = Field(alias="from")
    travaux: float = Field(gt=0)
    fournitures: float = Field(gt=0)
    services: float = Field(gt=0)


class Threshold(_Strict):
    """An amount threshold of the law, by nature and date (``obligations/seuils.yaml``)."""

    id: str
    label: str = Field(min_length=3)
    values: list[ThresholdValues] = Field(min_length=1)  # latest first
    sources: list[Source] = []

    @model_validator(mode="after")
    def _latest_first(self) -> "Threshold":
        starts = [values.start for values in self.values]
        if starts != sorted(set(starts), reverse=True):
            raise ValueError("values : dates from distinctes, de la plus récente à la plus ancienne")
        return self

    def at(self, nature: Nature | None, when: date) -> float:
        """The amount for ``nature`` at ``when`` (the oldest values before they start; the lowest amount when the
        nature is unknown, as a precaution)."""
        values = next((values for values in self.values if when >= values.start), self.values[-1])
        amounts = {"travaux": values.travaux, "fournitures": values.fournitures, "services": values.services}
        return amounts[nature] if nature else min(amounts.values())


class AgecCategory(_Strict):
    """A product category of the décret 2024-134 (``obligations/categories-agec.yaml``)."""

    category: str = Field(min_length=3)
    rates: str | None = None  # the rates of each step of the trajectory, in French; absent when not read
    sources: list[Source] = []
