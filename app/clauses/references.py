"""The registry of legal references (``references/*.yaml``): every article, text or decision a clause or an
obligation may cite, with its subject, its in-force date, its status and the source it was read in.

Pure: no FastAPI, no database. A clause or an obligation citing a reference that is absent, replaced or
repealed fails validation, with the successor named.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from app.validation import file_field_message

RefStatus = Literal["current", "replaced", "repealed"]
Certainty = Literal["verified", "to-check"]

# libyaml's loader when available (same choice as the clause files).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# "article 14", "articles 14, 15 et 53", "art. 62, IV", "article 53-IV", "art. 35-II-5°", "article 38-1 (alinéa 2)":
# the article list cited just before a text ("… du code des marchés publics") or just after it ("CMP, art. 53"), on
# folded text; a subdivision (roman numeral, numbered item) belongs to the article before it.
_NUM = r"\d+(?:-\d+)*(?:\s*[,-]?\s*[ivx]+\b)?(?:\s*[,-]?\s*\d+\s*°)?"
_LIST = rf"({_NUM}(?:\s*(?:,|et|a)\s*{_NUM})*)"
_ARTICLES_BEFORE = re.compile(
    r"\b(?:articles?|art\.?)\s+" + _LIST + r"\s*(?:\(?(?:alinea|al\.|paragraphe|§)\s*\w+\)?\s*)?"
    r"(?:du|de la|de l'|des|de)?\s*$"
)
_ARTICLES_AFTER = re.compile(
    r"^\s*(?:du\s+\d{1,2}(?:er)?\s+[a-z]+\s+\d{4})?\s*[,(]?\s*(?:articles?|art\.?)\s+" + _LIST
)
_ITEM = re.compile(_NUM)
_NUMBER = re.compile(r"\d+(?:-\d+)*")
# A ref naming an article already ("CMP 2006 art. 14", "C. trav. L8222-6 …"): no article list to read around it.
_ARTICLE_REF = re.compile(r"\bart\. |\b[LRDA]\d")


class Reference(BaseModel):
    """One legal reference: an article of a code, a text, a decision."""

    model_config = ConfigDict(extra="forbid")

    ref: str = Field(min_length=3)
    subject: str = Field(min_length=3)
    in_force: date | None = None
    status: RefStatus
    replaced_by: list[str] = []
    certainty: Certainty
    source: str = Field(min_length=3)
    quote: str | None = None
    note: str | None = None
    # Other spellings found in drafts ("article 14 du code des marchés publics"), matched case- and
    # accent-insensitively; an entry starting with "re:" is a regular expression.
    aliases: list[str] = []

    @model_validator(mode="after")
    def _coherent(self) -> "Reference":
        if self.status == "replaced" and not self.replaced_by:
            raise ValueError("une référence remplacée doit nommer ses successeurs (replaced_by)")
        if self.status == "current" and self.replaced_by:
            raise ValueError("replaced_by n'est permis que pour une référence remplacée ou abrogée")
        if self.certainty == "verified" and not self.quote:
            raise ValueError("une référence vérifiée cite la phrase lue (quote)")
        if self.certainty == "to-check" and not self.note:
            raise ValueError("une référence à vérifier dit ce qu'il faut vérifier (note)")
        return self


@dataclass(frozen=True)
class RefProblem:
    """A problem of the registry, printed as ``path:line: field: message``."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


@dataclass(frozen=True)
class Registry:
    """Every reference, by its exact spelling."""

    references: dict[str, Reference]

    def get(self, ref: str) -> Reference | None:
        """The reference spelled ``ref``, if registered."""
        return self.references.get(ref)

    def check_current(self, ref: str) -> str | None:
        """Why ``ref`` cannot be cited as a legal basis today (None when it can)."""
        found = self.references.get(ref)
        if found is None:
            return f"référence « {ref} » absente du registre (references/)"
        if found.status == "current":
            return None
        if found.status == "replaced":
            return f"référence « {ref} » remplacée par {', '.join(found.replaced_by)}"
        return f"référence « {ref} » abrogée"

    def check_former(self, ref: str) -> str | None:
        """Why ``ref`` cannot be cited as a former basis (None when it can)."""
        found = self.references.get(ref)
        if found is None:
            return f"référence « {ref} » absente du registre (references/)"
        if found.status == "current":
            return f"référence « {ref} » en vigueur : elle va dans legal_basis, pas dans former_basis"
        return None

    @cached_property
    def _alias_patterns(self) -> list[tuple[re.Pattern[str], Reference]]:
        patterns = []
        for reference in self.references.values():
            for alias in reference.aliases:
                if alias.startswith("re:"):
                    source = alias[3:].strip()
                else:  # the words of the folded alias, any spacing between them
                    source = r"(?<![\w-])" + r"\s+".join(map(re.escape, fold(alias).split())) + r"(?![\w-])"
                patterns.append((re.compile(source, re.IGNORECASE), reference))
        return patterns

    def find_in_text(self, text: str) -> list[tuple[Reference, int, int]]:
        """References whose aliases occur in ``text``: (reference, start, end), in text order, overlapping
        matches resolved (the longest wins; on the same span, the more specific entry, with the longer ref).

        A text cited with its article ("articles 14 et 53 du CMP", "CMP, art. 53") gives the article's own
        entry (``CMP 2006 art. 14``) when the registry has one, else the text's entry.
        """
        folded, acronyms = _undotted(fold(text))
        matches = sorted(
            ((match.start(), next((stop for begin, stop in acronyms if begin < match.end() < stop), match.end()),
              reference)
             for pattern, reference in self._alias_patterns for match in pattern.finditer(folded)),
            key=lambda item: (item[0], -(item[1] - item[0]), -len(item[2].ref)),
        )
        found: list[tuple[Reference, int, int]] = []
        taken: list[tuple[int, int]] = []
        for start, end, reference in matches:
            if any(start < other_end and other_start < end for other_start, other_end in taken):
                continue
            taken.append((start, end))
            found.extend(self._articles(reference, folded, start, end))
        return found

    def _articles(self, reference: Reference, folded: str, start: int, end: int) -> list[tuple[Reference, int, int]]:
        """The entries cited at [start, end): one per article cited just before or after a text's alias."""
        if _ARTICLE_REF.search(reference.ref):
            return [(reference, start, end)]
        window = max(0, start - 80)
        before = _ARTICLES_BEFORE.search(folded[window:start])
        after = _ARTICLES_AFTER.match(folded[end : end + 60])
        if before:
            numbers, first, last = _numbers(before.group(1)), window + before.start(), end
        elif after:
            numbers, first, last = _numbers(after.group(1)), start, end + after.end()
        else:
            return [(reference, start, end)]
        cited = [self.references.get(f"{reference.ref} art. {number}") or reference for number in numbers]
        return [(entry, first, last) for entry in {entry.ref: entry for entry in cited}.values()]


_DOTTED = re.compile(r"(?<![\w.])[a-z](?:\.[a-z]){1,6}\.?(?!\w)")


def _undotted(folded: str) -> tuple[str, list[tuple[int, int]]]:
    """Dotted acronyms written plain, the text keeping its length (offsets stay those of the text), and their
    spans (a match ending inside one takes it whole): "c.c.a.g.-f.c.s. 2009" reads as "ccag    -fcs    2009"."""
    spans = [match.span() for match in _DOTTED.finditer(folded)]
    plain = list(folded)
    for start, end in spans:
        letters = folded[start:end].replace(".", "")
        plain[start:end] = letters.ljust(end - start)
    return "".join(plain), spans


def _numbers(cited: str) -> list[str]:
    """The article numbers of a cited list, subdivisions left out: "53-iv et 35-ii-5°" -> ["53", "35"]."""
    return [number.group() for item in _ITEM.findall(cited) if (number := _NUMBER.match(item))]


# Character -> folded character, filled as new characters are met (str.translate then works in C).
_FOLDED: dict[int, str] = {ord(char): char.lower() for char in map(chr, range(128))}
_FOLDED.update({ord(char): "'" for char in "’ʼ`´"})
_FOLDED.update({ord(char): " " for char in "\u00a0\u202f\u2009\t\n\r"})


def _fold_char(char: str) -> str:
    lowered = char.lower()
    if len(lowered) != 1:
        return char
    base = unicodedata.normalize("NFD", lowered)[0]
    return base if base.isascii() else lowered


def fold(text: str) -> str:
    """Lower case, accents removed, typographic apostrophes and spaces made plain: one character per character
    of ``text``, so that positions in the folded text are positions in the text."""
    for char in set(text):
        if ord(char) not in _FOLDED:
            _FOLDED[ord(char)] = _fold_char(char)
    return text.translate(_FOLDED)


def load_references(directory: Path) -> tuple[Registry, list[RefProblem]]:
    """Every reference under ``directory`` (``*.yaml``), with all problems found."""
    references: dict[str, Reference] = {}
    problems: list[RefProblem] = []
    if not directory.is_dir():
        return Registry({}), [RefProblem(str(directory), 1, "registre", "dossier introuvable")]
    for path in sorted(directory.glob("*.yaml")):
        raw = path.read_text(encoding="utf-8")
        try:
            node = yaml.compose(raw, Loader=_LOADER)
            entries = yaml.load(raw, Loader=_LOADER) or []
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            problems.append(RefProblem(str(path), (mark.line + 1) if mark else 1, "yaml", "syntaxe YAML invalide"))
            continue
        if not isinstance(entries, list) or not isinstance(node, yaml.SequenceNode):
            problems.append(RefProblem(str(path), 1, "registre", "une liste YAML d'entrées est attendue"))
            continue
        for item, entry in zip(node.value, entries, strict=True):
            line = item.start_mark.line + 1
            try:
                reference = Reference.model_validate(entry)
            except ValidationError as exc:
                for error in exc.errors():
                    field = ".".join(str(part) for part in error["loc"]) or "entrée"
                    problems.append(RefProblem(str(path), line, field, file_field_message(error)))
                continue
            if reference.ref in references:
                problems.append(RefProblem(str(path), line, "ref", f"« {reference.ref} » en double"))
                continue
            references[reference.ref] = reference
    registry = Registry(references)
    for reference in references.values():
        for successor in reference.replaced_by:
            if successor not in references:
                problems.append(RefProblem(str(directory), 1, f"{reference.ref}.replaced_by",
                                           f"successeur « {successor} » absent du registre"))
    return registry, problems


class RegistryError(Exception):
    """A registry with at least one problem."""

    def __init__(self, problems: list[RefProblem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


def read_references(directory: Path) -> Registry:
    """The valid registry under ``directory``; raises ``RegistryError`` if anything is wrong."""
    registry, problems = load_references(directory)
    if problems:
        raise RegistryError(problems)
    return registry
