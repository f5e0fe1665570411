"""CPV codes: validation, tolerant extraction from messy data, nature.

A CPV code is 8 digits, optionally followed by ``-`` and a check digit (regulation (EC) 213/2008).
The check digit is accepted but not verified: its algorithm is not published in the texts we rely on,
and DECP data recommends omitting it. A code is valid when its first two digits are a CPV 2008 division.
DECP files also hold codes with a lost leading zero ("9310000") or noise ("INX 28213700-5"):
``extract_codes`` recovers what it can and reports the rest, for batch work on free data.
"""

from dataclasses import dataclass

from app.clauses.library import Nature
from app.cpv import DIVISIONS
from app.french import french_regex

_STRICT = french_regex(r"(\d{8})(?:-(\d))?")
# Anything that looks like a code in free data: 7 or 8 digits, an optional check digit.
_LOOSE = french_regex(r"(?<!\d)(\d{7,8})(?:\s*-\s*\d)?(?!\d)")


class InvalidCpv(ValueError):
    """A CPV code that cannot be used, with a French message."""


@dataclass(frozen=True)
class Extraction:
    """Codes recovered from a messy CPV field, and French notes on what was changed or dropped."""

    codes: list[str]
    notes: list[str]


def parse_code(raw: str) -> str:
    """The 8 digits of a well-formed CPV code (check digit accepted); ``InvalidCpv`` otherwise."""
    cleaned = raw.strip().replace(" ", "")
    match = _STRICT.fullmatch(cleaned)
    if match is None:
        raise InvalidCpv(f"code CPV « {raw} » invalide : 8 chiffres attendus, éventuellement suivis de -clé "
                         "(ex. 90911200-8)")
    digits = match.group(1)
    if digits[:2] not in DIVISIONS:
        raise InvalidCpv(f"code CPV « {raw} » invalide : la division {digits[:2]} n'existe pas dans le CPV 2008")
    return digits


def extract_codes(raw: str | list[str] | None) -> Extraction:
    """Valid codes found in a CPV field of free data (string or list), never raising."""
    values = [raw] if isinstance(raw, str) else list(raw or [])
    codes: list[str] = []
    notes: list[str] = []
    for value in values:
        text = str(value)
        found = _LOOSE.findall(text)
        if not found:
            notes.append(f"code CPV « {text} » ignoré : aucun code à 8 chiffres")
            continue
        for digits in found:
            if len(digits) == 7:  # a leading zero lost by a spreadsheet: 9310000 -> 09310000
                digits = "0" + digits
                notes.append(f"code CPV « {text} » lu comme {digits} (zéro initial restauré)")
            if digits[:2] not in DIVISIONS:
                notes.append(f"code CPV « {text} » ignoré : la division {digits[:2]} n'existe pas")
            elif digits not in codes:
                codes.append(digits)
    return Extraction(codes, notes)


def nature_of(code: str) -> Nature:
    """Nature of the purchase a CPV code describes: works 45, supplies 03–44 and 48, services 50–98."""
    division = int(code[:2])
    if division == 45:
        return "travaux"
    if division <= 44 or division == 48:
        return "fournitures"
    return "services"


def padded(prefix: str) -> str:
    """A prefix written as a full CPV code: 9091 -> 90910000."""
    return prefix.ljust(8, "0")
