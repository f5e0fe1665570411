"""Insertion hours proposed for a recommended insertion clause: amount × labour share × rate ÷ loaded hourly cost.

The labour share is that of the family of the object when it gives one (``labour_share`` in ``families/``), else
the default of ``families/insertion.yaml``, like the rate and the hourly cost; each factor comes with its source
and the officer can change it. Pure: no FastAPI, no database.
"""

from dataclasses import dataclass

from app.clauses.library import ClauseDoc
from app.clauses.values import format_number
from app.matching.families import Factor, Family, Sizing

INSERTION_THEME = "insertion"


def insertion_hours(amount: float, labour_share: float, rate: float, hourly_cost: float) -> int:
    """Hours of work for people in insertion: amount × labour share × rate ÷ hourly cost, rounded."""
    return round(amount * labour_share * rate / hourly_cost) if hourly_cost > 0 else 0


def percent(share: float) -> str:
    """A share (0.05) as French percent text (``5 %``)."""
    return f"{format_number(round(share * 100, 2))} %"


@dataclass(frozen=True)
class InsertionSizing:
    """The proposed number of insertion hours, its factors and where each comes from."""

    clause_id: str
    variable: str | None  # the clause's variable that receives the hours (None: the clause counts otherwise)
    amount_eur: float
    labour_share: Factor
    rate: Factor
    hourly_cost_eur: Factor

    @property
    def hours(self) -> int:
        return insertion_hours(self.amount_eur, self.labour_share.value, self.rate.value, self.hourly_cost_eur.value)

    @property
    def formula(self) -> str:
        """The computation in French: ``1 000 000 € HT × 50 % × 5 % ÷ 30 €/h = 833 heures``."""
        return (f"{format_number(round(self.amount_eur))} € HT × {percent(self.labour_share.value)} × "
                f"{percent(self.rate.value)} ÷ {format_number(self.hourly_cost_eur.value)} €/h = "
                f"{format_number(self.hours)} heures")


def size_insertion(
    sizing: Sizing, clauses: list[ClauseDoc], object_families: list[Family], amount: float | None,
) -> InsertionSizing | None:
    """The sizing for the first insertion clause of ``clauses`` (the recommended ones), if the amount is known and
    the object is work people do: none for purchases whose families give insertion no weight (an insurance premium,
    electricity), where an amount holds no hours of work to share."""
    clause = next((doc for doc in clauses if doc.themes[0] == INSERTION_THEME and doc.kind == "condition-execution"),
                  None)
    if clause is None or amount is None or amount <= 0:
        return None
    if object_families and not any(INSERTION_THEME in family.themes for family in object_families):
        return None
    share = next((family.labour_share for family in object_families if family.labour_share), sizing.labour_share)
    variable = sizing.variable if sizing.variable in clause.variables else None
    return InsertionSizing(clause.id, variable, amount, share, sizing.rate, sizing.hourly_cost_eur)
