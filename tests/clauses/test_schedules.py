"""Every verification item whose ``when`` states a fixed execution schedule carries it (``due``), so that opening a
contract's follow-up makes it a dated commitment; a new clause cannot forget it."""

import re
from datetime import date

import pytest
from pydantic import ValidationError

from app.clauses.library import ClauseDoc, Verification, read_library
from app.config import PROJECT_ROOT
from app.followup.schedule import schedule

# Phrases of ``when`` that fix a date during execution (read on the whole library, December 2026).
FIXED = [re.compile(pattern) for pattern in (
    r"avant le 31 (janvier|mars)",
    r"(suivant|suivent|après) (la fin de )?chaque trimestre",
    r"suivant chaque date anniversaire",
    r"dixième jour (qui suit la fin )?de chaque mois",
    r"suivant la fin de chaque période",
    r"après (la fin de )?chaque année civile",
    r"après la fin de l'année contractuelle",
    r"(après|suivant) la notification",
    r"^(à la fin du marché|mensuellement)$",
    r"^avant le début d'exécution",
)]

# Items whose ``when`` reads as a fixed schedule but whose date the follow-up cannot (or must not) draw, and why.
NO_DUE = {
    ("alimentation-durable-penalite-references", 1): "penalty: compares the dates of statements other clauses owe",
    ("vehicules-mobilite-penalite", 1): "penalty: the buyer's comparison of the reports the conditions owe",
    ("energie-climat-engagement-performance", 1): "the clause text sets no monthly statement (only `when` does)",
    ("biodiversite-eau-gestion-differenciee", 1): "only for the months the holder watered: no fixed date",
    ("biodiversite-eau-fondants-routiers", 1): "only for the months the holder intervened: no fixed date",
}


def fixed_schedule(item: Verification) -> bool:
    return any(pattern.search(item.when) for pattern in FIXED)


@pytest.fixture(scope="module")
def library() -> list[ClauseDoc]:
    return read_library(PROJECT_ROOT / "clauses")


def test_every_item_with_a_fixed_schedule_has_its_due(library: list[ClauseDoc]) -> None:
    missing = [(clause.id, index, item.when) for clause in library for index, item in enumerate(clause.verification)
               if fixed_schedule(item) and item.due is None and (clause.id, index) not in NO_DUE]
    assert not missing, missing


def test_the_exceptions_are_still_needed(library: list[ClauseDoc]) -> None:
    items = {(clause.id, index): item for clause in library for index, item in enumerate(clause.verification)}
    stale = [key for key in NO_DUE if key not in items or items[key].due is not None
             or not fixed_schedule(items[key])]
    assert not stale, stale


def test_the_patterns_read_the_phrases_they_are_for() -> None:
    def item(when: str) -> Verification:
        return Verification(evidence="Relevé", when=when)
    assert fixed_schedule(item("chaque année, avant le 31 janvier ; pour la dernière année, au plus tard un mois "
                               "après la fin du marché"))
    assert fixed_schedule(item("dans les quinze jours suivant la fin de chaque trimestre"))
    assert fixed_schedule(item("dans le délai fixé après la notification, puis à chaque changement de produit"))
    assert fixed_schedule(item("à la fin du marché"))
    for free in ("avec l'offre", "avec la candidature", "à chaque livraison", "à chaque manquement constaté",
                 "sur demande de l'acheteur", "dans le délai fixé après chaque enlèvement"):
        assert not fixed_schedule(item(free)), free


def test_the_last_year_is_capped_wherever_the_when_says_so(library: list[ClauseDoc]) -> None:
    said = [(clause.id, index) for clause in library for index, item in enumerate(clause.verification)
            if "pour la dernière année, au plus tard un mois après la fin du marché" in item.when]
    assert said
    assert [key for key in said
            if next(c for c in library if c.id == key[0]).verification[key[1]].last_within_months != 1] == []


def test_the_tenth_of_each_month_is_for_the_calendar_month_before(library: list[ClauseDoc]) -> None:
    monthly = [(clause.id, item.due) for clause in library for index, item in enumerate(clause.verification)
               if "dixième jour de chaque mois pour le mois précédent" in item.when.replace(",", "")
               and (clause.id, index) not in NO_DUE]
    assert len(monthly) >= 3 and {due for _, due in monthly} == {"mois-civil"}, monthly
    soged = next(clause for clause in library if clause.id == "dechets-emballages-soged-chantier")
    dues = [due for due in schedule(soged, {}, starts_on=date(2025, 12, 24), ends_on=date(2026, 6, 23))
            if due.due_kind == "mois-civil"]
    assert [(due.period_start, due.period_end, due.due_on) for due in dues][:2] == [
        (date(2025, 12, 24), date(2025, 12, 31), date(2026, 1, 10)),
        (date(2026, 1, 1), date(2026, 1, 31), date(2026, 2, 10)),
    ]
    assert (dues[-1].period_start, dues[-1].period_end, dues[-1].due_on) == (
        date(2026, 6, 1), date(2026, 6, 23), date(2026, 7, 10))


def test_the_textile_statement_of_the_last_year_is_due_a_month_after_the_end(library: list[ClauseDoc]) -> None:
    textiles = next(clause for clause in library if clause.id == "reemploi-recyclage-textiles-agec")
    dues = schedule(textiles, {}, starts_on=date(2027, 3, 1), ends_on=date(2028, 8, 31))
    assert [(due.period_start, due.period_end, due.due_on) for due in dues] == [
        (date(2027, 3, 1), date(2027, 12, 31), date(2028, 1, 31)),
        (date(2028, 1, 1), date(2028, 8, 31), date(2028, 9, 30)),  # not 31 January 2029
    ]


def test_the_last_year_in_the_same_delay_after_the_end(library: list[ClauseDoc]) -> None:
    said = [(clause, item) for clause in library for item in clause.verification
            if "pour la dernière année, dans le même délai après la fin du marché" in item.when]
    assert said and all(item.last_from_end for _, item in said)
    garage = next(clause for clause, _ in said if clause.id == "reemploi-recyclage-entretien-vehicules-pieces")
    dues = [due for due in schedule(garage, {"delai_bilan": "45"}, starts_on=date(2027, 1, 1),
                                    ends_on=date(2028, 6, 30)) if due.due_kind == "annee-civile"]
    assert [due.due_on for due in dues] == [date(2028, 2, 14), date(2028, 8, 14)]  # 31 Dec 2027 / 30 June + 45 days


def test_last_within_months_goes_with_a_periodic_due() -> None:
    with pytest.raises(ValidationError, match="last_within_months et last_from_end vont avec une échéance périodique"):
        Verification(evidence="Bilan", when="à la fin du marché", due="fin", last_within_months=1)
    with pytest.raises(ValidationError):
        Verification(evidence="Bilan", when="chaque année", due="annee-civile", last_within_months=0)
