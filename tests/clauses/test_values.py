"""Typed variable values: French input formats accepted, French output, bounds enforced."""

from datetime import date
from decimal import Decimal
from typing import ClassVar

import pytest

from app.clauses.values import Variable, format_value, parse_value, render_text, resolve_values

INTEGER = Variable(type="integer", label="Heures", min=1, max=100_000)
MONEY = Variable(type="money", label="Montant")
PERCENT = Variable(type="percent", label="Taux")
DATE = Variable(type="date", label="Date")
CHOICE = Variable(type="choice", label="Mode", choices=["mensuel", "trimestriel"])


@pytest.mark.parametrize(
    ("variable", "raw", "expected"),
    [
        (INTEGER, "1 200", 1200),
        (INTEGER, "1\u00a0200", 1200),
        (INTEGER, 35, 35),
        (MONEY, "10 000,50", Decimal("10000.50")),
        (MONEY, "10.000,50", Decimal("10000.50")),
        (MONEY, "12500.5 €", Decimal("12500.5")),
        (PERCENT, "5,5 %", Decimal("5.5")),
        (DATE, "01/01/2027", date(2027, 1, 1)),
        (DATE, "2027-03-15", date(2027, 3, 15)),
        (CHOICE, "trimestriel", "trimestriel"),
    ],
)
def test_parse_accepts_french_formats(variable: Variable, raw: object, expected: object) -> None:
    assert parse_value(variable, raw) == expected


@pytest.mark.parametrize(
    ("variable", "raw", "message"),
    [
        (INTEGER, "12,5", "nombre entier attendu"),
        (INTEGER, "0", "inférieure au minimum"),
        (INTEGER, "200000", "supérieure au maximum"),
        (PERCENT, "120", "entre 0 et 100"),
        (MONEY, "beaucoup", "n'est pas un nombre"),
        (MONEY, "NaN", "nombre fini"),
        (DATE, "31/02/2027", "date valide"),
        (CHOICE, "annuel", "choix attendu parmi : mensuel, trimestriel"),
    ],
)
def test_parse_refuses_bad_values_in_french(variable: Variable, raw: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_value(variable, raw)


@pytest.mark.parametrize(
    ("variable", "value", "text"),
    [
        (INTEGER, 1200, "1\u00a0200"),
        (MONEY, Decimal("12500.5"), "12\u00a0500,50"),
        (MONEY, Decimal("1032198.5"), "1\u00a0032\u00a0198,50"),
        (MONEY, Decimal("450000"), "450\u00a0000"),
        (PERCENT, Decimal("5.5"), "5,5"),
        (DATE, date(2027, 1, 1), "1er janvier 2027"),
        (DATE, date(2026, 8, 21), "21 août 2026"),
    ],
)
def test_format_writes_french(variable: Variable, value: object, text: str) -> None:
    assert format_value(variable, value) == text


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("45", "valeur supérieure au maximum (30 %)"),  # the real bound, once, without a contradicting hint
        ("beaucoup", "« beaucoup » n'est pas un nombre ; un pourcentage entre 0 et 100 est attendu"),
    ],
)
def test_one_message_per_problem_with_the_real_bound(raw: str, message: str) -> None:
    from app.clauses.library import ClauseDoc
    from app.clauses.values import resolve_values

    doc = ClauseDoc(
        id="essai", version=1, status="active", title="Essai", kind="condition-execution", document="CCAP",
        themes=["insertion"], decp_value="Clause sociale", legal_basis=["CCP L2112-2"], sources=["essai"],
        verification=[{"evidence": "relevé", "when": "chaque mois"}],  # type: ignore[list-item]
        variables={"taux": Variable(type="percent", label="Taux", min=1, max=30)}, text="{{ taux }} %",
    )
    _, problems = resolve_values(doc, {"taux": raw})
    assert [problem.message for problem in problems] == [message]


class _Counted:
    """A clause whose text counts things with « (s) », as two library clauses write it."""

    variables: ClassVar[dict[str, Variable]] = {
        "nb": Variable(type="decimal", label="Nombre"), "libre": Variable(type="text", label="Libre"),
    }
    text = "Au moins {{ nb }} menu(s) végétarien(s) par semaine, pendant {{nb}} an(s) ; {{ libre }} (s) inchangé."


@pytest.mark.parametrize(("raw", "expected"), [
    ("1", "Au moins 1 menu végétarien par semaine, pendant 1 an"),
    ("2", "Au moins 2 menus végétariens par semaine, pendant 2 ans"),
    ("1,5", "Au moins 1,5 menu végétarien par semaine, pendant 1,5 an"),
    ("10 000", "Au moins 10\u00a0000 menus végétariens par semaine, pendant 10\u00a0000 ans"),
])
def test_words_counted_by_a_number_agree_with_it(raw: str, expected: str) -> None:
    """« au moins 1 menu(s) végétarien(s) » reached the officer's document as written."""
    formatted, problems = resolve_values(_Counted(), {"nb": raw, "libre": "texte"})
    assert not problems
    assert render_text(_Counted(), formatted) == f"{expected} ; texte (s) inchangé."


def test_a_missing_count_keeps_the_marks() -> None:
    formatted, _ = resolve_values(_Counted(), {}, draft=True)
    assert "[à compléter : Nombre] menu(s) végétarien(s)" in render_text(_Counted(), formatted)
