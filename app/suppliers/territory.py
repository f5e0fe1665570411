"""Départements and régions: codes, derivation from a postcode, région of a département."""

import re
from typing import Final

# Région code (INSEE, 2016 régions) -> its départements.
_REGIONS: Final[dict[str, str]] = {
    "11": "75 77 78 91 92 93 94 95",
    "24": "18 28 36 37 41 45",
    "27": "21 25 39 58 70 71 89 90",
    "28": "14 27 50 61 76",
    "32": "02 59 60 62 80",
    "44": "08 10 51 52 54 55 57 67 68 88",
    "52": "44 49 53 72 85",
    "53": "22 29 35 56",
    "75": "16 17 19 23 24 33 40 47 64 79 86 87",
    "76": "09 11 12 30 31 32 34 46 48 65 66 81 82",
    "84": "01 03 07 15 26 38 42 43 63 69 73 74",
    "93": "04 05 06 13 83 84",
    "94": "2A 2B",
    "01": "971",
    "02": "972",
    "03": "973",
    "04": "974",
    "06": "976",
}
REGION_OF_DEPARTEMENT: Final[dict[str, str]] = {
    departement: region for region, codes in _REGIONS.items() for departement in codes.split()
}

_DEPARTEMENT = re.compile(r"^(0[1-9]|[1-8][0-9]|9[0-5]|2[AB]|97[1-6])$")
_POSTCODE = re.compile(r"^[0-9]{5}$")


def is_departement(code: str) -> bool:
    """True for a département code: ``01``–``95``, ``2A``, ``2B``, ``971``–``976``."""
    return bool(_DEPARTEMENT.match(code)) and code != "20"


def is_postcode(code: str) -> bool:
    """True for five digits."""
    return bool(_POSTCODE.match(code))


def departement_of_postcode(postcode: str) -> str | None:
    """Département of a postcode, or None when it cannot tell (Corsica's 20xxx are shared by 2A and 2B)."""
    if not is_postcode(postcode):
        return None
    code = postcode[:3] if postcode.startswith("97") else postcode[:2]
    return code if is_departement(code) else None


def region_of(departement: str | None) -> str | None:
    """Région code of a département, or None."""
    return REGION_OF_DEPARTEMENT.get(departement or "")
