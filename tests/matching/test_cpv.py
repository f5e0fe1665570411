"""CPV codes: strict validation for the API, tolerant extraction from free data, nature, purchase families."""

import pytest

from app.matching.cpv import InvalidCpv, extract_codes, nature_of, padded, parse_code

from .support import knowledge


@pytest.mark.parametrize(
    ("raw", "code"),
    [("90911200-8", "90911200"), ("90911200", "90911200"), (" 45233140-2 ", "45233140"), ("09310000-5", "09310000")],
)
def test_well_formed_codes_are_accepted_whatever_their_check_digit(raw: str, code: str) -> None:
    assert parse_code(raw) == code


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("9091120", "8 chiffres attendus"),
        ("90911200-88", "8 chiffres attendus"),
        ("INX 28213700-5", "8 chiffres attendus"),
        ("nettoyage", "8 chiffres attendus"),
        ("28213700", "la division 28 n'existe pas"),
        ("00000000", "la division 00 n'existe pas"),
    ],
)
def test_malformed_codes_are_refused_with_a_french_message(raw: str, message: str) -> None:
    with pytest.raises(InvalidCpv, match=message):
        parse_code(raw)


@pytest.mark.parametrize(
    ("raw", "codes", "notes"),
    [
        ("INX 28213700-5", [], ["code CPV « INX 28213700-5 » ignoré : la division 28 n'existe pas"]),
        ("9310000", ["09310000"], ["code CPV « 9310000 » lu comme 09310000 (zéro initial restauré)"]),
        ("45233140-2", ["45233140"], []),
        (["39800000", "39800000", "lot 2"], ["39800000"], ["code CPV « lot 2 » ignoré : aucun code à 8 chiffres"]),
        ("CPV 90911200-8 et 90919200", ["90911200", "90919200"], []),
        (None, [], []),
    ],
)
def test_codes_are_recovered_from_free_data_without_raising(
    raw: str | list[str] | None, codes: list[str], notes: list[str]
) -> None:
    extraction = extract_codes(raw)
    assert (extraction.codes, extraction.notes) == (codes, notes)


@pytest.mark.parametrize(
    ("code", "nature"),
    [("45233140", "travaux"), ("03451000", "fournitures"), ("48200000", "fournitures"), ("90911200", "services")],
)
def test_nature_follows_the_division(code: str, nature: str) -> None:
    assert nature_of(code) == nature


@pytest.mark.parametrize(
    ("code", "prefix", "family"),
    [
        ("45262660", "45262660", "travaux-desamiantage"),
        ("45233140", "45233", "travaux-voirie-reseaux"),
        ("45000000", "45", "travaux-batiment"),
        ("90911200", "90911", "nettoyage-locaux"),
        ("19640000", "196400", "equipements-collecte"),
        ("38000000", "", None),
    ],
)
def test_codes_point_at_the_family_of_their_longest_known_prefix(code: str, prefix: str, family: str | None) -> None:
    families, found = knowledge().families.for_code(code)
    assert found == prefix
    assert (families[0].id if families else None) == family


def test_prefixes_are_written_as_codes_and_back() -> None:
    assert padded("9091") == "90910000"
    families = knowledge().families
    assert families.label("90911200") == "nettoyage de locaux"
    assert families.label("38000000") == "équipements de laboratoire, d'optique et de précision (excepté les lunettes)"
