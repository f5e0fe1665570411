"""Calendar schedules: a calendar period cut by the contract's end keeps its own end; what a clause says of the last
year (« au plus tard un mois après la fin du marché ») is the item's ``last_within_months`` (tests/clauses/
test_schedules.py)."""

from datetime import date

from app.followup.schedule import periods


def test_calendar_years_count_from_their_end_even_the_last() -> None:
    years = periods("annee-civile", date(2024, 9, 1), date(2026, 6, 30))
    assert years == [
        (date(2024, 9, 1), date(2024, 12, 31), date(2024, 12, 31)),
        (date(2025, 1, 1), date(2025, 12, 31), date(2025, 12, 31)),
        (date(2026, 1, 1), date(2026, 6, 30), date(2026, 12, 31)),
    ]


def test_a_contract_ending_on_31_december_keeps_the_calendar_date() -> None:
    assert periods("annee-civile", date(2025, 1, 1), date(2025, 12, 31)) == [
        (date(2025, 1, 1), date(2025, 12, 31), date(2025, 12, 31)),
    ]


def test_a_calendar_quarter_cut_by_the_end_still_counts_from_the_quarters_end() -> None:
    quarters = periods("trimestre-civil", date(2025, 1, 1), date(2025, 5, 15))
    assert quarters[-1] == (date(2025, 4, 1), date(2025, 5, 15), date(2025, 6, 30))
