"""Due dates of a contract's verification items: pure (no database), from the contract's dates and the
clause's ``due``, ``period_variable`` and delay (see app/clauses/library.Verification)."""

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import count, takewhile
from typing import Any

from app.clauses.library import PERIOD_CHOICES, ClauseDoc, Verification
from app.clauses.values import parse_value

# Months per period of each periodic schedule; the calendar ones are aligned on calendar quarters and years.
PERIOD_MONTHS = {"mensuel": 1, "trimestriel": 3, "annuel": 12, "mois-civil": 1, "trimestre-civil": 3,
                 "annee-civile": 12}
CALENDAR = {"mois-civil", "trimestre-civil", "annee-civile"}


@dataclass(frozen=True)
class Due:
    """One dated commitment of a verification item."""

    item: int
    sequence: int
    evidence: str
    due_kind: str
    period_start: date | None
    period_end: date | None
    due_on: date
    hours_committed: int | None


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` months, on the last day of the month when that month is shorter."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def end_of(starts_on: date, duration_months: int) -> date:
    """Last day of a contract of ``duration_months`` months starting on ``starts_on``."""
    return add_months(starts_on, duration_months) - timedelta(days=1)


def periods(kind: str, starts_on: date, ends_on: date) -> list[tuple[date, date, date]]:
    """The periods of a periodic schedule between the contract's dates (cut at them), each with the date its
    delay counts from: the period's end, or the calendar period's end for a calendar schedule (the statement of a
    quarter cut by the contract's end is due after the quarter's end). What the clause says of the last period
    (« au plus tard un mois après la fin du marché ») is the item's own rule: see ``schedule``."""
    months = PERIOD_MONTHS[kind]
    if kind in CALENDAR:  # the calendar period that contains the start
        first_month = (starts_on.month - 1) // months * months + 1
        anchor = date(starts_on.year, first_month, 1)
    else:
        anchor = starts_on
    found: list[tuple[date, date, date]] = []
    index = 0
    while (start := add_months(anchor, index * months)) <= ends_on:
        end = add_months(anchor, (index + 1) * months) - timedelta(days=1)
        found.append((max(start, starts_on), min(end, ends_on), end if kind in CALENDAR else min(end, ends_on)))
        index += 1
    return found


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def value_of(clause: ClauseDoc, name: str, values: Mapping[str, Any]) -> Any:
    """The contract's value of a clause variable, typed (French formats read: « 1 000 », « 12,5 »), or the
    clause's default when the contract has none (or one that does not read)."""
    variable = clause.variables[name]
    given = values.get(name)
    if given not in (None, ""):
        try:
            return parse_value(variable, given)
        except ValueError:
            pass
    return variable.default


def item_schedule(item: Verification, clause: ClauseDoc, values: Mapping[str, Any]) -> str | None:
    """The schedule of an item for this contract (``periode`` resolved through its variable), or None."""
    if item.due == "periode" and item.period_variable:
        return PERIOD_CHOICES.get(str(value_of(clause, item.period_variable, values)))
    return item.due


def schedule(
    clause: ClauseDoc, values: Mapping[str, Any], *, starts_on: date, ends_on: date
) -> list[Due]:
    """Every dated commitment of the clause's verification items for a contract running from ``starts_on``
    to ``ends_on`` (inclusive), with the contract's variable ``values``."""
    dues: list[Due] = []
    for index, item in enumerate(clause.verification):
        kind = item_schedule(item, clause, values)
        if kind is None:
            continue
        delay = item.delay_days or 0
        if item.delay_variable:
            delay = _int(value_of(clause, item.delay_variable, values)) or 0
        hours = _int(value_of(clause, item.hours_variable, values)) if item.hours_variable else None
        spans: list[tuple[date | None, date | None, date]]
        if kind in PERIOD_MONTHS:
            spans = [(start, end, base + timedelta(days=delay))
                     for start, end, base in periods(kind, starts_on, ends_on)]
            if spans and (item.last_within_months or item.last_from_end):  # the last period, as the clause says
                start, end, due_on = spans[-1]
                if item.last_within_months:  # « pour la dernière année, au plus tard un mois après la fin du marché »
                    due_on = min(due_on, add_months(ends_on, item.last_within_months))
                if item.last_from_end:  # « pour la dernière année, dans le même délai après la fin du marché »
                    due_on = min(due_on, ends_on + timedelta(days=delay))
                spans[-1] = (start, end, due_on)
        elif kind == "semestriel":  # « lors de la conclusion et tous les six mois jusqu'à la fin de son exécution »
            renewals = takewhile(lambda day: day <= ends_on, (add_months(starts_on, 6 * n) for n in count(1)))
            spans = [(None, None, day + timedelta(days=delay)) for day in renewals]
        else:
            moment = starts_on if kind == "notification" else ends_on
            spans = [(None, None, moment + timedelta(days=delay))]
        dues.extend(
            Due(item=index, sequence=sequence, evidence=item.evidence, due_kind=kind, period_start=start,
                period_end=end, due_on=due_on, hours_committed=hours)
            for sequence, (start, end, due_on) in enumerate(spans)
        )
    return dues
