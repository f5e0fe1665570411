"""Domain knowledge read from files: the purchase families and the thesaurus (``families/``), the obligation rules,
amount thresholds and AGEC categories (``obligations/``), each folder described in its README.

Validation reports one ``path:line: field: message`` per problem, like the clause library's. The clause library,
when given, is used to check the clause ids and searches the files name. Pure: no FastAPI, no database.
"""

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from app.clauses.library import YAML_LOADER, ClauseDoc, LibraryError, Nature, Problem, key_lines
from app.clauses.references import Registry
from app.clauses.themes import THEME_IDS
from app.cpv import DIVISIONS
from app.french import fold
from app.matching.clauses import ClauseTable
from app.matching.families import Families, Family, Need, Sizing, Thesaurus
from app.matching.rules import PLACEHOLDER, PLACEHOLDERS, SMALL_PURCHASE, AgecCategory, Conditions, Rule, Threshold
from app.matching.text import STOP_WORDS, phrase_keys
from app.validation import file_field_message

# Family files, one per nature, read in this order (it breaks ties between equally strong families).
FAMILY_FILES: tuple[Nature, ...] = ("travaux", "services", "fournitures")
THESAURUS_FILE = "thesaurus.yaml"
NEEDS_FILE = "besoins.yaml"
SIZING_FILE = "insertion.yaml"
THRESHOLDS_FILE = "seuils.yaml"
AGEC_FILE = "categories-agec.yaml"

# Name, modification time and size of every knowledge file: a change of any of them means reading again.
Stamp = tuple[tuple[str, int, int], ...]
ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass(frozen=True)
class Knowledge:
    """Everything matching knows besides the clauses."""

    families: Families
    thesaurus: Thesaurus
    rules: tuple[Rule, ...]  # in their order
    thresholds: dict[str, Threshold]
    agec: dict[str, AgecCategory]  # by category label
    needs: tuple[Need, ...]  # clauses that say the same thing
    sizing: Sizing  # defaults of the insertion-hours sizing


class KnowledgeError(LibraryError):
    """Knowledge files with at least one problem: nothing of them is used."""


def knowledge_stamp(*directories: Path) -> Stamp:
    """Name, modification time (ns) and size of every YAML file of ``directories``."""
    found = []
    for directory in directories:
        with os.scandir(directory) as entries:
            for entry in entries:
                if entry.name.endswith(".yaml"):
                    status = entry.stat()
                    found.append((entry.path, status.st_mtime_ns, status.st_size))
    return tuple(sorted(found))


class _File:
    """A YAML file, its data, and the line of every key for the problems found in it."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path, self.problems, self.data = path, problems, None
        self._lines: dict[str, int] | None = None
        try:
            self.text = path.read_text(encoding="utf-8")
            self.data = yaml.load(self.text, Loader=YAML_LOADER)
        except (OSError, UnicodeDecodeError) as exc:
            self.text = ""
            self.report("fichier", f"illisible ({exc})")
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            reason = getattr(exc, "problem", None) or str(exc)
            self.report("yaml", f"syntaxe YAML invalide ({reason})", line=(mark.line + 1) if mark else 1)
            self.data = None
        else:
            self._duplicate_keys(yaml.compose(self.text, Loader=YAML_LOADER))

    def line(self, path: str) -> int:
        """The 1-based line of the key or item at dotted ``path`` (of its closest parent when absent)."""
        if self._lines is None:
            self._lines = key_lines(yaml.compose(self.text, Loader=YAML_LOADER))
        parts = path.split(".")
        while parts:
            if ".".join(parts) in self._lines:
                return self._lines[".".join(parts)] + 1
            parts.pop()
        return 1

    def report(self, shown: str, message: str, *, at: str | None = None, line: int | None = None) -> None:
        """Record a problem on field ``shown``, at the line of ``at`` (default: ``shown``)."""
        self.problems.append(Problem(str(self.path), line or self.line(at or shown), shown, message))

    def _duplicate_keys(self, node: yaml.Node | None) -> None:
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in node.value:
                if key.value in seen:
                    self.report(str(key.value), "clé répétée (la dernière valeur écraserait les autres)",
                                line=key.start_mark.line + 1)
                seen.add(key.value)
                self._duplicate_keys(value)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                self._duplicate_keys(item)

    def entries(self) -> list[tuple[str, dict[str, Any]]]:
        """The mappings of a file holding a list of them, with their dotted path ("0", "1"…)."""
        if self.data is None:
            return []
        if not isinstance(self.data, list):
            self.report("fichier", "une liste YAML est attendue")
            return []
        found = []
        for index, entry in enumerate(self.data):
            if isinstance(entry, dict):
                found.append((str(index), entry))
            else:
                self.report(str(index), "un dictionnaire YAML est attendu")
        return found

    def model(self, kind: type[ModelT], data: dict[str, Any], path: str, name: str) -> ModelT | None:
        """``data`` validated as ``kind``; the problems are reported as ``name.field`` at their lines."""
        try:
            return kind.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors():
                loc = ".".join(str(part) for part in error["loc"])
                self.report(".".join(part for part in (name, loc) if part) or "fichier", file_field_message(error),
                            at=".".join(part for part in (path, loc) if part))
            return None


def _read_families(directory: Path, problems: list[Problem]) -> list[tuple[Family, _File, str]]:
    """Every valid family, with its file and its dotted path in it, in reading order."""
    families: list[tuple[Family, _File, str]] = []
    for nature in FAMILY_FILES:
        path = directory / f"{nature}.yaml"
        if not path.is_file():
            problems.append(Problem(str(path), 1, "fichier", "fichier des familles manquant"))
            continue
        file = _File(path, problems)
        for index, entry in file.entries():
            name = str(entry.get("id", index))
            if "nature" in entry:
                file.report(f"{name}.nature", "champ inconnu : la nature est celle du fichier", at=f"{index}.nature")
                continue
            family = file.model(Family, {**entry, "nature": nature}, index, name)
            if family is not None:
                families.append((family, file, index))
    return families


def _read_thesaurus(directory: Path, problems: list[Problem], families: Sequence[Family]) -> Thesaurus:
    """The thesaurus; a cue that the matcher would read as another one is refused (the words of ``STOP_WORDS``
    are not read: "marché réservé" reads "réservé", "ma cantine" reads "cantine")."""
    file = _File(directory / THESAURUS_FILE, problems)
    if file.data is None:
        return {}
    if not isinstance(file.data, dict):
        file.report("fichier", "un dictionnaire YAML est attendu (thème: {terme: poids})")
        return {}
    terms = _FamilyTerms(families)
    thesaurus: Thesaurus = {}
    for theme, cues in file.data.items():
        if theme not in THEME_IDS:
            file.report(str(theme), f"thème inconnu : {theme}")
            continue
        if not isinstance(cues, dict):
            file.report(theme, "dictionnaire attendu (terme: poids)")
            continue
        thesaurus[theme] = {}
        for cue, weight in cues.items():
            if isinstance(weight, bool) or not isinstance(weight, int | float) or not 0.0 < weight <= 1.0:
                file.report(f"{theme}.{cue}", f"poids {weight!r} : nombre de l'intervalle ]0 ; 1] attendu")
            else:
                thesaurus[theme][str(cue)] = float(weight)
        _check_cues(file, theme, thesaurus[theme], terms)
    return thesaurus


def _significant(phrase: str) -> tuple[str, ...]:
    """The words of ``phrase`` the matcher reads (accents and case folded, stop words left out)."""
    return tuple(word for word in re.findall(r"[^\W\d_]+", fold(phrase)) if word not in STOP_WORDS)


def _shrinks_to_one_word(term: str, read: tuple[str, ...]) -> bool:
    """True when ``term``, read as the words ``read``, is written with two words or more of four letters or more but
    read as one word: the others are words the matcher drops (« plaque de porte » reads « plaque », « marché
    forain » « forain »)."""
    return len(read) == 1 and len(re.findall(r"[^\W\d_]{4,}", fold(term))) >= 2


class _FamilyTerms:
    """The family terms as written (folded) and as the matcher reads them, computed once per load."""

    def __init__(self, families: Sequence[Family]) -> None:
        self.written = {fold(term) for family in families for term in family.terms}
        self.read: dict[tuple[str, ...], str] = {}
        for family in families:
            for term in family.terms:
                self.read.setdefault(_significant(term), family.id)


def _check_cues(file: _File, theme: str, cues: dict[str, float], terms: _FamilyTerms) -> None:
    """Two cues of a theme read alike must weigh the same; a cue naming a theme outright (weight 1) must not be a
    plain family term once its stop words are dropped (it would take the object of every such tender for a
    request: "ma cantine" in a pest control of the canteen)."""
    read: dict[tuple[str, ...], str] = {}
    for cue, weight in cues.items():
        keys = phrase_keys(cue)[:1]
        other = read.setdefault(keys[0], cue) if keys else cue
        if other != cue and cues[other] != weight:
            file.report(f"{theme}.{cue}", f"se lit comme « {other} » (les mots vides comme « marché », « lot », "
                        "« ma », « sans » ne sont pas lus), mais avec un autre poids")
        twin = terms.read.get(_significant(cue)) if weight >= 1.0 and fold(cue) not in terms.written else None
        if twin is not None:
            file.report(f"{theme}.{cue}", f"se lit comme un terme de la famille {twin} : le nom de ce qui "
                        "est acheté serait pris pour une demande")


def _check_families(
    found: list[tuple[Family, _File, str]], clauses: Sequence[ClauseDoc] | None, agec: dict[str, AgecCategory],
) -> None:
    """Cross checks: unique ids, known core clauses and AGEC categories, no term shared by two families of one
    nature (the text alone could not tell them apart)."""
    seen: dict[str, str] = {}
    owners: dict[tuple[Nature, tuple[str, ...]], Family] = {}
    active = {clause.id: clause.status for clause in clauses or ()}
    natures = {clause.id: clause.applies_when.nature for clause in clauses or () if clause.applies_when}
    ids = {family.id for family, _, _ in found}
    by_id = {family.id: family for family, _, _ in found}
    for family, file, path in found:
        for index, other in enumerate(family.yields_to):
            if other not in ids or other == family.id:
                file.report(f"{family.id}.yields_to", f"famille inconnue : {other}", at=f"{path}.yields_to.{index}")
        upkeep = by_id.get(family.upkept_by or "")
        if family.upkept_by is not None and (
                family.nature != "fournitures" or upkeep is None or upkeep.nature != "services"):
            file.report(f"{family.id}.upkept_by", "une famille de fournitures nomme une famille de services : "
                        f"{family.upkept_by}", at=f"{path}.upkept_by")
        if family.id in seen:
            file.report(f"{family.id}.id", f"identifiant en double (déjà dans {seen[family.id]})", at=f"{path}.id")
        seen[family.id] = str(file.path)
        for index, clause_id in enumerate(family.core):
            status = active.get(clause_id)
            if clauses is not None and status != "active":
                message = "clause inconnue" if status is None else f"clause non active ({status})"
                file.report(f"{family.id}.core", f"{message} : {clause_id}", at=f"{path}.core.{index}")
            elif (allowed := natures.get(clause_id)) and family.nature not in allowed:
                file.report(f"{family.id}.core", f"clause prévue pour les marchés de {', '.join(allowed)}, jamais "
                            f"recommandée pour une famille de {family.nature} : {clause_id}", at=f"{path}.core.{index}")
        if family.agec is not None and family.agec not in agec:
            file.report(f"{family.id}.agec", f"catégorie inconnue du décret 2024-134 ({AGEC_FILE}) : {family.agec}",
                        at=f"{path}.agec")
        read = {term: _significant(term) for term in family.terms}
        singles = {read[term] for term in family.terms
                   if len(read[term]) == 1 and not _shrinks_to_one_word(term, read[term])}
        for index, term in enumerate(family.terms):
            if _shrinks_to_one_word(term, read[term]) and read[term] not in singles:
                file.report(f"{family.id}.terms",
                            f"« {term} » se lit « {read[term][0]} » seul (les mots comme « marché », "
                            "« objet », « porte » ne sont pas lus) : la famille prendrait tout texte qui dit ce mot ; "
                            "garder un second mot lu, ou ajouter ce mot seul s'il nomme bien la famille",
                            at=f"{path}.terms.{index}")
            keys = phrase_keys(term)
            owner = owners.setdefault((family.nature, keys[0] if keys else ()), family)
            if owner.id != family.id:
                file.report(f"{family.id}.terms",
                            f"« {term} » est aussi un terme de {owner.id} (même nature) : ambigu ; le garder dans "
                            "une seule famille ou le passer en terme faible (weak)", at=f"{path}.terms.{index}")


def _read_sizing(path: Path, problems: list[Problem]) -> Sizing | None:
    """The defaults of the insertion-hours sizing."""
    file = _File(path, problems)
    if file.data is None:
        return None
    if not isinstance(file.data, dict):
        file.report("fichier", "un dictionnaire YAML est attendu (rate, hourly_cost_eur, labour_share)")
        return None
    return file.model(Sizing, file.data, "", "")


def _check_needs(path: Path, needs: list[Need], clauses: Sequence[ClauseDoc] | None, problems: list[Problem]) -> None:
    """Each clause of a need is active and in one need only; ``unless``, ``only_if``, ``by_nature`` and ``for_lot``
    name clauses of its need."""
    file = _File(path, [])  # read again only for the lines of the problems
    active = {clause.id: clause.status for clause in clauses or ()}
    owner: dict[str, str] = {}
    for number, need in enumerate(needs):
        for index, clause_id in enumerate(need.clauses):
            status = active.get(clause_id)
            if clauses is not None and status != "active":
                message = "clause inconnue" if status is None else f"clause non active ({status})"
                problems.append(Problem(str(path), file.line(f"{number}.clauses.{index}"), f"{need.id}.clauses",
                                        f"{message} : {clause_id}"))
            if owner.setdefault(clause_id, need.id) != need.id:
                problems.append(Problem(str(path), file.line(f"{number}.clauses.{index}"), f"{need.id}.clauses",
                                        f"{clause_id} est déjà dans le besoin {owner[clause_id]}"))
        for field, named in (("unless", need.unless), ("only_if", need.only_if),
                             ("by_nature", {clause_id: nature for nature, clause_id in need.by_nature.items()}),
                             ("for_lot", {need.for_lot: None} if need.for_lot else {})):
            for clause_id, key in named.items():
                if clause_id not in need.clauses:
                    where = {"by_nature": f".{key}", "for_lot": ""}.get(field, f".{clause_id}")
                    problems.append(Problem(str(path), file.line(f"{number}.{field}{where}"),
                                            f"{need.id}.{field}", f"{clause_id} n'est pas une clause de ce besoin"))


def _read_table(path: Path, kind: type[ModelT], key: str, problems: list[Problem]) -> dict[str, ModelT]:
    """The entries of a file holding a list of ``kind``, by their field ``key``."""
    file = _File(path, problems)
    table: dict[str, ModelT] = {}
    for index, entry in file.entries():
        name = str(entry.get(key, index))
        item = file.model(kind, entry, index, name)
        if item is not None:
            if name in table:
                file.report(f"{name}.{key}", "en double", at=f"{index}.{key}")
            table[name] = item
    return table


def _read_rules(directory: Path, problems: list[Problem]) -> list[tuple[Rule, _File]]:
    """Every valid rule file (one per obligation, named after its id), in file-name order."""
    rules: list[tuple[Rule, _File]] = []
    for path in sorted(directory.glob("*.yaml")):
        if path.name in (THRESHOLDS_FILE, AGEC_FILE):
            continue
        file = _File(path, problems)
        if file.data is None:
            continue
        if not isinstance(file.data, dict):
            file.report("fichier", "un dictionnaire YAML est attendu")
        elif file.data.get("id") != path.stem:
            file.report("id", f"« {file.data.get('id')} » diffère du nom de fichier « {path.stem} »")
        elif (rule := file.model(Rule, file.data, "", "")) is not None:
            rules.append((rule, file))
    return rules


def _conditions(rule: Rule) -> Iterator[tuple[str, Conditions]]:
    """Every set of conditions of ``rule``, nested ones included, with its dotted path."""

    def walk(path: str, conditions: Conditions) -> Iterator[tuple[str, Conditions]]:
        yield path, conditions
        for index, alternative in enumerate(conditions.any_of or ()):
            yield from walk(f"{path}.any.{index}", alternative)
        if conditions.none_of:
            yield from walk(f"{path}.not", conditions.none_of)

    yield from walk("when", rule.when)
    for index, piece in enumerate(rule.explanation):
        yield from walk(f"explanation.{index}.when", piece.when)


def _check_conditions(
    rule: Rule, file: _File, families: Families, tags: set[str], thresholds: dict[str, Threshold],
) -> None:
    """What the conditions of ``rule`` name exists: families, tags, themes, thresholds, CPV divisions."""
    for path, conditions in _conditions(rule):
        bounds = (conditions.amount.at_least, conditions.amount.below) if conditions.amount else ()
        for key, message, unknown in (
            ("families", "famille inconnue",
             [name for name in conditions.families or () if name not in families.by_id]),
            ("object_families", "famille inconnue",
             [name for name in conditions.object_families or () if name not in families.by_id]),
            ("family_tags", "étiquette qu'aucune famille ne porte",
             [tag for tag in conditions.family_tags or () if tag not in tags]),
            ("object_tags", "étiquette qu'aucune famille ne porte",
             [tag for tag in conditions.object_tags or () if tag not in tags]),
            ("themes", "thème inconnu", [theme for theme in conditions.themes or {} if theme not in THEME_IDS]),
            ("amount", f"seuil inconnu de {THRESHOLDS_FILE}",
             [bound for bound in bounds if isinstance(bound, str) and bound not in thresholds]),
            ("codes", "préfixe CPV invalide (2 à 8 chiffres d'une division du CPV 2008)",
             [code for code in conditions.codes or ()
              if not re.fullmatch(r"\d{2,8}", code) or code[:2] not in DIVISIONS]),
        ):
            if unknown:
                file.report(f"{path}.{key}", f"{message} : {', '.join(map(str, unknown))}")


def _check_rules(
    rules: list[tuple[Rule, _File]], families: Families, thresholds: dict[str, Threshold],
    clauses: Sequence[ClauseDoc] | None, registry: Registry | None,
) -> None:
    """Cross checks: what the rules name exists (conditions, placeholders, clause searches, legal bases in force,
    verified when the rule is); orders are distinct."""
    tags = {tag for family in families.all for tag in family.tags}
    orders: dict[int, str] = {}
    table = ClauseTable(clause for clause in clauses if clause.status == "active") if clauses is not None else None
    for rule, file in rules:
        if rule.order in orders:
            file.report("order", f"rang {rule.order} déjà pris par {orders[rule.order]}")
        orders[rule.order] = rule.id
        _check_conditions(rule, file, families, tags, thresholds)
        for index, ref in enumerate(rule.legal_basis):
            reason = registry.check_current(ref) if registry is not None else None
            entry = registry.get(ref) if registry is not None else None
            if not reason and rule.certainty == "verified" and entry is not None and entry.certainty == "to-check":
                reason = (f"règle vérifiée fondée sur la référence à vérifier « {ref} » : vérifier la référence "
                          "(references/) ou passer la règle en to-check")
            if reason:
                file.report("legal_basis", reason, at=f"legal_basis.{index}")
        for index, piece in enumerate(rule.explanation):
            names = sorted(set(PLACEHOLDER.findall(piece.text)) - PLACEHOLDERS)
            if names:
                file.report(f"explanation.{index}.text", f"valeur inconnue : {', '.join(names)} ; valeurs permises : "
                            f"{', '.join(sorted(PLACEHOLDERS))}")
        for index, query in enumerate(rule.clauses):
            path = f"clauses.{index}"
            unknown_themes = [theme for theme in query.themes if theme not in THEME_IDS]
            if unknown_themes:
                file.report(f"{path}.themes", f"thème inconnu : {', '.join(unknown_themes)}")
            elif table is not None and not len(table.clauses_where(
                    cites=tuple(query.cites), kinds=tuple(query.kinds), decp=tuple(query.decp),
                    themes=tuple(query.themes))):
                file.report(path, "aucune clause active de la bibliothèque ne répond à cette recherche")


def load_knowledge(
    families_dir: Path, obligations_dir: Path, clauses: Sequence[ClauseDoc] | None = None,
    registry: Registry | None = None,
) -> tuple[Knowledge | None, list[Problem]]:
    """The knowledge of both folders, or ``None`` and every problem found (clause ids and searches are checked
    against ``clauses``, legal bases against ``registry``, when given)."""
    problems: list[Problem] = []
    for directory in (families_dir, obligations_dir):
        if not directory.is_dir():
            return None, [Problem(str(directory), 1, "dossier", "dossier introuvable")]
    for path in sorted(families_dir.glob("*.yaml")):
        if path.stem not in FAMILY_FILES and path.name not in (THESAURUS_FILE, NEEDS_FILE, SIZING_FILE):
            problems.append(Problem(str(path), 1, "fichier", f"fichier inconnu : {', '.join(FAMILY_FILES)}, "
                                    f"{THESAURUS_FILE}, {NEEDS_FILE} ou {SIZING_FILE} attendus"))
    found = _read_families(families_dir, problems)
    thesaurus = _read_thesaurus(families_dir, problems, [family for family, _, _ in found])
    needs = _read_table(families_dir / NEEDS_FILE, Need, "id", problems)
    sizing = _read_sizing(families_dir / SIZING_FILE, problems)
    thresholds = _read_table(obligations_dir / THRESHOLDS_FILE, Threshold, "id", problems)
    agec = _read_table(obligations_dir / AGEC_FILE, AgecCategory, "category", problems)
    rules = _read_rules(obligations_dir, problems)
    families = Families(family for family, _, _ in found)
    _check_families(found, clauses, agec)
    _check_needs(families_dir / NEEDS_FILE, list(needs.values()), clauses, problems)
    _check_rules(rules, families, thresholds, clauses, registry)
    if SMALL_PURCHASE not in thresholds:
        problems.append(Problem(str(obligations_dir / THRESHOLDS_FILE), 1, "id", f"seuil {SMALL_PURCHASE} manquant"))
    if problems or sizing is None:
        return None, problems
    ordered = tuple(sorted((rule for rule, _ in rules), key=lambda rule: rule.order))
    return Knowledge(families, thesaurus, ordered, thresholds, agec, tuple(needs.values()), sizing), []


def read_knowledge(families_dir: Path, obligations_dir: Path) -> Knowledge:
    """The knowledge of both folders; raises ``KnowledgeError`` if anything is wrong."""
    knowledge, problems = load_knowledge(families_dir, obligations_dir)
    if knowledge is None:
        raise KnowledgeError(problems)
    return knowledge
