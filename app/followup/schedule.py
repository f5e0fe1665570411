"""Due dates of a contract's verification items: pure (no database), from the contract's dates and the
clause's ``due``, ``period_variable`` and delay (see app/clauses/library.Verification).

An item whose date rests on what this contract does not say (a clause value missing or unreadable, the end of a
contract whose end is unknown) is owed without a date: its ``Due`` has no ``due_on`` and says why
(``undated_reason``), rather than a date guessed."""

import calendar
import operator
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from itertools import count, takewhile
from typing import Any

from app.clauses.library import PERIOD_CHOICES, ClauseDoc, Verification, day_of_year
from app.clauses.values import parse_value

# Months per period of each periodic schedule; the calendar ones are aligned on calendar quarters and years.
PERIOD_MONTHS = {"mensuel": 1, "trimestriel": 3, "semestre": 6, "annuel": 12, "mois-civil": 1,
                 "trimestre-civil": 3, "annee-civile": 12}
# Why an item has no date when the contract's end is unknown (the page and the command line show it).
NO_END = ("La fin d'exécution du marché n'est pas connue. Indiquez sa date de fin (ou sa durée), puis mettez le "
          "suivi à jour.")
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
    due_on: date | None  # None: owed, but this contract does not say when (``undated_reason`` says why)
    hours_committed: int | None
    undated_reason: str | None = None


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


def given_value(clause: ClauseDoc, name: str, values: Mapping[str, Any]) -> tuple[Any, str | None]:
    """The contract's raw value of a variable, else the clause's default (what the contract's document printed
    when the officer left it blank), with why there is none: ``(value, None)`` or ``(None, reason)``."""
    variable = clause.variables[name]
    given = values.get(name)
    if given not in (None, ""):
        return given, None
    if variable.default is not None:
        return variable.default, None
    return None, (f"La valeur « {variable.label} » de la clause « {clause.title} » n'est pas renseignée pour ce "
                  "marché. Indiquez-la dans les clauses du marché, puis mettez le suivi à jour.")


def months_delay(item: Verification, clause: ClauseDoc, values: Mapping[str, Any]) -> tuple[int | None, str | None]:
    """The item's delay in months (fixed or from its variable), or why this contract gives none."""
    if item.delay_months is not None or item.delay_months_variable is None:
        return item.delay_months, None
    raw, reason = given_value(clause, item.delay_months_variable, values)
    if reason is not None:
        return None, reason
    try:  # read as given: a value that does not read is said, not replaced by the default (as value_of would)
        months = _int(parse_value(clause.variables[item.delay_months_variable], raw))
    except ValueError:
        months = None
    if months is None:
        label = clause.variables[item.delay_months_variable].label
        return None, (f"La valeur « {label} » de ce marché (« {raw} ») n'est pas un nombre de mois. Corrigez-la "
                      "dans les clauses du marché, puis mettez le suivi à jour.")
    return months, None


def yearly_day(item: Verification, clause: ClauseDoc, values: Mapping[str, Any]) -> tuple[tuple[int, int] | None,
                                                                                          str | None]:
    """The (day, month) each year's evidence is due the following year (``day_variable``), or why there is none."""
    assert item.day_variable is not None
    raw, reason = given_value(clause, item.day_variable, values)
    if reason is not None:
        return None, reason
    day = day_of_year(str(raw))
    if day is None:
        label = clause.variables[item.day_variable].label
        return None, (f"La valeur « {label} » de ce marché (« {raw} ») ne se lit pas comme un jour et un mois "
                      "(« 30 juin », « 1er mars »). Corrigez-la dans les clauses du marché, puis mettez le suivi à "
                      "jour.")
    return day, None


def on_day(year: int, day: tuple[int, int]) -> date:
    """``day`` (day, month) of ``year``; 29 February is the 28th in a common year."""
    return date(year, day[1], min(day[0], calendar.monthrange(year, day[1])[1]))


def schedule(
    clause: ClauseDoc, values: Mapping[str, Any], *, starts_on: date, ends_on: date | None
) -> list[Due]:
    """Every commitment of the clause's verification items for a contract running from ``starts_on`` to
    ``ends_on`` (inclusive; None when unknown), with the contract's variable ``values``: dated, or without a date
    and the reason when the contract does not say when (one undated commitment for a periodic item whose periods
    run to an unknown end)."""
    dues: list[Due] = []
    for index, item in enumerate(clause.verification):
        kind = item_schedule(item, clause, values)
        if kind is None:
            continue
        delay = item.delay_days or 0
        if item.delay_variable:
            delay = _int(value_of(clause, item.delay_variable, values)) or 0
        hours = _int(value_of(clause, item.hours_variable, values)) if item.hours_variable else None
        months, reason = months_delay(item, clause, values)
        day: tuple[int, int] | None = None
        if item.day_variable and reason is None:
            day, reason = yearly_day(item, clause, values)
        if reason is None and ends_on is None and kind != "notification":
            reason = NO_END
        spans: list[tuple[date | None, date | None, date | None]]
        if reason is not None:
            spans = [(None, None, None)]
        elif kind in PERIOD_MONTHS:
            assert ends_on is not None
            spans = [(start, end, on_day(base.year + 1, day) if day else base + timedelta(days=delay))
                     for start, end, base in periods(kind, starts_on, ends_on)]
            if spans and (item.last_within_months or item.last_from_end):  # the last period, as the clause says
                start, end, last = spans[-1]
                assert last is not None
                if item.last_within_months:  # « pour la dernière année, au plus tard un mois après la fin du marché »
                    last = min(last, add_months(ends_on, item.last_within_months))
                if item.last_from_end:  # « pour la dernière année, dans le même délai après la fin du marché »
                    last = min(last, ends_on + timedelta(days=delay))
                spans[-1] = (start, end, last)
        elif kind == "semestriel":  # « lors de la conclusion et tous les six mois jusqu'à la fin de son exécution »
            assert ends_on is not None
            renewals = takewhile(partial(operator.ge, ends_on), (add_months(starts_on, 6 * n) for n in count(1)))
            spans = [(None, None, renewal + timedelta(days=delay)) for renewal in renewals]
        elif kind == "avant-fin":  # « au plus tard trois mois avant le terme du marché »
            assert ends_on is not None and item.months_before_end is not None
            spans = [(None, None, max(starts_on, add_months(ends_on, -item.months_before_end)))]
        else:
            moment = starts_on if kind == "notification" else ends_on
            assert moment is not None
            spans = [(None, None, add_months(moment, months) if months else moment + timedelta(days=delay))]
        dues.extend(
            Due(item=index, sequence=sequence, evidence=item.evidence, due_kind=kind, period_start=start,
                period_end=end, due_on=due_on, hours_committed=hours, undated_reason=reason)
            for sequence, (start, end, due_on) in enumerate(spans)
        )
    return dues
