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
                source = alias[3:] if alias.startswith("re:") else r"\b" + re.escape(fold(alias)) + r"\b"
                patterns.append((re.compile(source, re.IGNORECASE), reference))
        return patterns

    def find_in_text(self, text: str) -> list[tuple[Reference, int, int]]:
        """References whose aliases occur in ``text``: (reference, start, end) in the folded text, in order."""
        folded = fold(text)
        found = [(ref, m.start(), m.end()) for pattern, ref in self._alias_patterns for m in pattern.finditer(folded)]
        return sorted(found, key=lambda item: item[1])


def fold(text: str) -> str:
    """Lower case without accents, same length as ``text`` (positions stay valid)."""
    return "".join(
        (unicodedata.normalize("NFKD", char)[0] if unicodedata.normalize("NFKD", char) else char).lower()
        for char in text
    )


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
