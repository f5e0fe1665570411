"""French wording shared by everything users read: plurals (0 and 1 take the singular), names in a sentence."""

import re
import unicodedata

NBSP = "\u00a0"
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "’": "'", "ʼ": "'", "`": "'"})

# Words ending in « s » that are not plurals, kept as they are when a unit is said of one (« 1 mois »).
_SINGULAR_IN_S = {"mois", "fois", "après", "plus", "sous", "dans", "repas", "poids", "prix", "temps", "cours", "pas",
                  "bois", "jus", "gaz"}


def unit_of(count: float, unit: str) -> str:
    """A unit written in the plural (« menus par semaine », « jours ouvrés ») agreeing with ``count``: 0 and 1 take
    the singular, so the leading plural words lose their « s » (« 1 menu par semaine », « 1 jour ouvré »); symbols
    and other units are unchanged (« 1 % », « 1 € HT », « 1 mois »)."""
    if abs(count) >= 2:
        return unit
    words = unit.split(" ")
    for index, word in enumerate(words):
        if len(word) < 3 or not word.endswith("s") or word in _SINGULAR_IN_S or not word[:-1].isalpha():
            break
        words[index] = word[:-1]
    return " ".join(words)


# Leading words of a buyer's official name -> how a sentence says them ("Commune de Melun" -> "la commune
# de Melun"). A name starting otherwise (« Melun Val de Seine ») is a proper name, said as it is.
_NAME_STARTS = {
    "commune": "la commune", "ville": "la ville", "communauté": "la communauté", "métropole": "la métropole",
    "syndicat": "le syndicat", "département": "le département", "région": "la région", "centre": "le centre",
    "ccas": "le CCAS", "cias": "le CIAS", "établissement": "l'établissement", "office": "l'office",
    "conseil": "le conseil", "collectivité": "la collectivité", "agglomération": "l'agglomération",
    "sivom": "le SIVOM", "sivu": "le SIVU", "epci": "l'EPCI",
}


class _CombiningMarks(dict[int, str]):
    """A ``str.translate`` table that drops the combining marks (the accents NFKD splits off) and keeps every other
    character, filled as characters are met: one dictionary lookup per character instead of a Python call."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        kept = self[code] = "" if unicodedata.combining(char) else char
        return kept


_WITHOUT_COMBINING = _CombiningMarks()


def fold(text: str) -> str:
    """Lower-case, ligatures expanded, accents removed: how French words are compared."""
    lowered = text.lower().translate(LIGATURES)
    if lowered.isascii():
        return lowered
    return unicodedata.normalize("NFKD", lowered).translate(_WITHOUT_COMBINING)


def french_regex(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``pattern`` compiled so that a letter written with its accent also matches the letter without it (« régie »
    finds « REGIE », « délégation » finds « Delegation »): public data (DECP objects, BOAMP titles) often drop the
    accents, most often in capitals. Inside a set (« [ée] ») the plain letter is added; a range is left as written.
    A letter alone stays as written: « à » is not the verb « a »."""
    return re.compile(_accents_optional(pattern), flags)


def _accents_optional(pattern: str) -> str:
    out: list[str] = []
    in_set = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            out.append(pattern[index:index + 2])
            index += 2
            continue
        after_letter = pattern[index - 1:index].isalpha() and pattern[index - 2:index - 1] != "\\"  # not « \b »
        alone = not after_letter and not pattern[index + 1:index + 2].isalpha()
        base = fold(char) if not char.isascii() and char.isalpha() and not (alone and not in_set) else ""
        if in_set:
            ranged = "-" in (pattern[index - 1], pattern[index + 1:index + 2])
            if char == "]":
                in_set = False
            out.append(char + base if base and len(base) == 1 and not ranged else char)
        elif char == "[":
            in_set = True
            out.append(char)
            for opening in ("^", "]"):  # « [^…] », and « ] » first in a set is a plain bracket
                if pattern[index + 1:index + 2] == opening:
                    out.append(opening)
                    index += 1
        else:
            out.append(char if not base else f"[{char}{base}]" if len(base) == 1 else f"(?:{char}|{base})")
        index += 1
    return "".join(out)


def of(noun_phrase: str) -> str:
    """« de » before ``noun_phrase``, elided before a vowel: « de vêtements », « d'équipements »."""
    return f"d'{noun_phrase}" if fold(noun_phrase[:1]) in tuple("aeiouy") else f"de {noun_phrase}"


def number(count: int) -> str:
    """An integer in French: thousands separated by a non-breaking space (``12 345``)."""
    return f"{count:,}".replace(",", NBSP)


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``count`` and its noun in French: "0 marché", "1 marché", "2 marchés" (``plural_form`` when irregular)."""
    return f"{number(count)} {singular if abs(count) < 2 else (plural_form or singular + 's')}"


def agree(count: int, singular: str, plural_form: str) -> str:
    """The word alone, agreeing with ``count`` (a verb: "a"/"ont"; 0 and 1 take the singular)."""
    return singular if abs(count) < 2 else plural_form


# Words of the generic head of a name written in capitals (accents as the published data drops them), and how
# they are written in lower case: "COMMUNAUTE D'AGGLOMERATION MELUN VAL DE SEINE" -> "communauté d'agglomération".
_GENERIC_WORDS = {
    "commune": "commune", "communes": "communes", "ville": "ville", "communaute": "communauté",
    "agglomeration": "agglomération", "metropole": "métropole", "syndicat": "syndicat", "mixte": "mixte",
    "intercommunal": "intercommunal", "intercommunale": "intercommunale", "departement": "département",
    "region": "région", "centre": "centre", "communal": "communal", "action": "action", "sociale": "sociale",
    "etablissement": "établissement", "public": "public", "office": "office", "conseil": "conseil",
    "collectivite": "collectivité", "urbaine": "urbaine", "vocation": "vocation", "multiple": "multiple",
    "unique": "unique", "de": "de", "du": "du", "des": "des", "la": "la", "le": "le", "les": "les", "et": "et",
    "a": "à",
}
_ELIDED = ("d'", "l'", "d’", "l’")


def _generic_word(word: str) -> str | None:
    """``word`` of a name in capitals written in lower case when it belongs to the generic head, else None."""
    lower = word.lower()
    elided = next((prefix for prefix in _ELIDED if lower.startswith(prefix)), "")
    said = _GENERIC_WORDS.get(fold(lower[len(elided):]))
    return None if said is None else elided + said


def _head_in_lower_case(name: str) -> str:
    """A name published in capitals with its generic head in lower case, its proper name kept as published:
    "COMMUNE DE SAINT-DENIS" -> "commune de SAINT-DENIS", "CCAS DE MASSY" -> "CCAS de MASSY"."""
    words = name.split(" ")
    first = words[0].lower()
    opening = _NAME_STARTS[first].split(" ", 1)[1] if first in _NAME_STARTS else _generic_word(words[0])
    if opening is None:
        return name
    head = [opening]
    for word in words[1:]:
        said = _generic_word(word)
        if said is None:
            break
        head.append(said)
    rest = words[len(head):]
    if rest and rest[0][:2].lower() in _ELIDED:  # "D'ARGENTEUIL" -> "d'ARGENTEUIL"
        rest[0] = rest[0][:2].lower() + rest[0][2:]
    return " ".join([*head, *rest])


def in_sentence(name: str) -> str:
    """A buyer's official name inside a sentence: "Commune de Melun" -> "la commune de Melun"; a name published
    in capitals keeps its proper name in capitals ("COMMUNE DE MELUN" -> "la commune de MELUN")."""
    if name.isupper():
        name = _head_in_lower_case(name)
    first, _, rest = name.partition(" ")
    said = _NAME_STARTS.get(first.lower())
    return f"{said} {rest}".rstrip() if said else name


def sentence(text: str) -> str:
    """``text`` with a capital first letter, as a message shown on its own."""
    return text[:1].upper() + text[1:]
