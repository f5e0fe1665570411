"""What gives an interface away as English or careless, for the scans of the CLI, the pages, the messages and
the documents: a short list of English words, and the lazy plural "(s)" (app/french.py writes real ones)."""

import re

ENGLISH_WORDS = ("Show", "Error", "error", "None", "True", "False", "null", "undefined", "NaN", "Submit", "Cancel",
                 "Loading", "Next", "Previous", "should", "Input", "Field required")
LAZY_PLURAL = "(s)"
_ENGLISH = re.compile(r"\b(" + "|".join(re.escape(word) for word in ENGLISH_WORDS) + r")\b")


def careless(text: str) -> list[str]:
    """The English words and lazy plurals found in ``text`` (empty when it reads as French)."""
    found = sorted({match.group(0) for match in _ENGLISH.finditer(text)})
    return found + ([LAZY_PLURAL] if LAZY_PLURAL in text else [])
