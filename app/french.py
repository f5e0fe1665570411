"""French wording shared by everything users read: plurals (0 and 1 take the singular), names in a sentence."""

NBSP = "\u00a0"

# Leading words of a buyer's official name -> how a sentence says them ("Commune de Melun" -> "la commune
# de Melun"). A name starting otherwise (« Melun Val de Seine ») is a proper name, said as it is.
_NAME_STARTS = {
    "commune": "la commune", "ville": "la ville", "communauté": "la communauté", "métropole": "la métropole",
    "syndicat": "le syndicat", "département": "le département", "région": "la région", "centre": "le centre",
    "ccas": "le CCAS", "cias": "le CIAS", "établissement": "l'établissement", "office": "l'office",
    "conseil": "le conseil", "collectivité": "la collectivité", "agglomération": "l'agglomération",
    "sivom": "le SIVOM", "sivu": "le SIVU", "epci": "l'EPCI",
}


def number(count: int) -> str:
    """An integer in French: thousands separated by a non-breaking space (``12 345``)."""
    return f"{count:,}".replace(",", NBSP)


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``count`` and its noun in French: "0 marché", "1 marché", "2 marchés" (``plural_form`` when irregular)."""
    return f"{number(count)} {singular if abs(count) < 2 else (plural_form or singular + 's')}"


def agree(count: int, singular: str, plural_form: str) -> str:
    """The word alone, agreeing with ``count`` (a verb: "a"/"ont"; 0 and 1 take the singular)."""
    return singular if abs(count) < 2 else plural_form


def in_sentence(name: str) -> str:
    """A buyer's official name inside a sentence: "Commune de Melun" -> "la commune de Melun"."""
    first, _, rest = name.partition(" ")
    said = _NAME_STARTS.get(first.lower())
    return f"{said} {rest}".rstrip() if said else name


def sentence(text: str) -> str:
    """``text`` with a capital first letter, as a message shown on its own."""
    return text[:1].upper() + text[1:]
