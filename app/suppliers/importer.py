"""Registry files: read CSV (French Excel exports) and .xlsx, check each row, and write the same format back.

Pure functions, no database: ``service.import_suppliers`` writes what they produce.
"""

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Final

from app.errors import InvalidInput
from app.suppliers.labels import KINDS, canonical_kind, canonical_label, fold
from app.suppliers.models import REACHES, ImportIssue, check_siret
from app.suppliers.territory import departement_of_postcode, is_departement, is_postcode, region_of

# Canonical column -> (supplier field, other headers accepted). Headers match ignoring case, accents
# and punctuation.
COLUMNS: Final[dict[str, tuple[str, tuple[str, ...]]]] = {
    "siret": ("siret", ("N° SIRET", "Numéro SIRET", "No SIRET", "SIRET de l'établissement")),
    "nom": ("name", ("Raison sociale", "Dénomination", "Dénomination sociale", "Nom de la structure")),
    "marque": ("brand", ("Enseigne", "Nom commercial")),
    "forme_juridique": ("legal_form", ("Forme juridique",)),
    "type": ("kind", ("Type de structure", "Catégorie", "Type de la structure")),
    "adresse": ("address", ("Adresse postale",)),
    "code_postal": ("postcode", ("Code postal", "CP")),
    "commune": ("commune", ("Ville",)),
    "code_insee": ("insee_code", ("Code INSEE", "Code commune")),
    "departement": ("departement", ("Département", "Dépt", "Dép")),
    "email": ("email", ("Courriel", "Mél", "E-mail", "Adresse électronique")),
    "telephone": ("phone", ("Téléphone", "Tél")),
    "site_web": ("website", ("Site web", "Site internet")),
    "notes": ("notes", ("Commentaire", "Remarques")),
    "activites_cpv": ("activities", ("Activités CPV", "Codes CPV", "CPV", "Activités")),
    "zone_intervention": ("zone", ("Zone d'intervention", "Zone", "Périmètre d'intervention")),
    "labels": ("labels", ("Labels et certifications", "Certifications")),
    "engagement_oit": ("ilo_commitment_on", ("Engagement OIT", "Engagement conventions OIT")),
    "sites_production": ("production_sites", ("Sites de production",)),
    "dernier_audit": ("last_audit_on", ("Dernier audit", "Date du dernier audit")),
    "garanties_fin": ("guarantees_valid_until", ("Fin des garanties", "Garanties valables jusqu'au")),
}
REQUIRED: Final = ("siret", "nom", "type")
_HEADER_KEYS: Final[dict[str, str]] = {
    fold(header): column
    for column, (_, aliases) in COLUMNS.items()
    for header in (column, *aliases)
}
MAX_LENGTHS: Final[dict[str, int]] = {
    "name": 250, "brand": 250, "legal_form": 100, "address": 300, "commune": 100,
    "email": 200, "phone": 30, "website": 300, "notes": 2000,
}
DATE_FIELDS: Final = ("ilo_commitment_on", "last_audit_on", "guarantees_valid_until")
LIST_SEPARATOR: Final = "|"
# Cells that a spreadsheet would run as a formula (CSV injection).
FORMULA_PREFIXES: Final = ("=", "+", "-", "@", "\t", "\r")


@dataclass(slots=True)
class LabelRecord:
    """A label of an incoming supplier."""

    label: str
    valid_until: date | None = None
    valid_from: date | None = None
    number: str | None = None
    issuer: str | None = None
    evidence: str | None = None


@dataclass(slots=True)
class ActivityRecord:
    """An activity of an incoming supplier."""

    cpv_prefix: str
    reach: str
    areas: list[str]


@dataclass(slots=True)
class SupplierRecord:
    """An incoming supplier: only the fields its source carries are written."""

    siret: str
    values: dict[str, Any]  # supplier columns carried by the source
    labels: list[LabelRecord] | None = None  # None: the source says nothing about labels
    label_fields: tuple[str, ...] = ("valid_until",)  # label fields the source carries
    activities: list[ActivityRecord] | None = None
    raw: dict[str, str] | None = None


@dataclass
class Table:
    """Header and data rows of a file; each row with its line number (header = line 1)."""

    headers: list[str]
    rows: Iterator[tuple[int, list[str]]]
    total: int  # approximate number of data rows, for progress bars


def decode(data: bytes) -> str:
    """Text of a CSV file: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:  # bytes cp1252 leaves undefined
            return data.decode("latin-1")


def _csv_table(data: bytes) -> Table:
    text = decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    headers = next(reader, [])

    def rows() -> Iterator[tuple[int, list[str]]]:
        line = reader.line_num + 1
        for cells in reader:
            yield line, cells
            line = reader.line_num + 1

    return Table(headers=[h.strip() for h in headers], rows=rows(), total=max(text.count("\n") - 1, 0))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _xlsx_table(data: bytes) -> Table:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise InvalidInput(  # the library's reason is English and technical: say what to do instead
            "Classeur .xlsx illisible : ce fichier compressé n'est pas un classeur Excel valide (un document Word "
            "renommé, par exemple). Ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format .xlsx ou CSV "
            "(séparateur point-virgule), puis importez-le de nouveau."
        ) from exc
    sheet = workbook.worksheets[0]
    values = sheet.iter_rows(values_only=True)
    header_row = next(values, ())
    numeric_columns = {
        index for index, header in enumerate(header_row)
        if _HEADER_KEYS.get(fold(_cell(header))) in ("siret", "code_postal")
    }

    def rows() -> Iterator[tuple[int, list[str]]]:
        for line, row in enumerate(values, start=2):
            cells = [_cell(v) for v in row]
            # A number cell lost the leading zeros of a SIRET or a postcode.
            for index in numeric_columns:
                if index < len(row) and isinstance(row[index], int | float):
                    cells[index] = cells[index].zfill(14 if len(cells[index]) > 5 else 5)
            yield line, cells
        workbook.close()

    return Table(
        headers=[_cell(h) for h in header_row], rows=rows(), total=max((sheet.max_row or 1) - 1, 0)
    )


def read_table(data: bytes) -> Table:
    """Rows of a CSV or .xlsx file (told apart by content, not by name)."""
    if data.startswith(b"PK\x03\x04"):
        return _xlsx_table(data)
    return _csv_table(data)


@lru_cache(maxsize=8192)
def parse_date(text: str) -> date:
    """``AAAA-MM-JJ`` or ``JJ/MM/AAAA``; ValueError otherwise."""
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"date invalide « {text} » : date qui n'existe pas, ou écrite autrement que AAAA-MM-JJ ou "
                     "JJ/MM/AAAA")


@lru_cache(maxsize=8192)
def normalise_cpv(code: str) -> str:
    """CPV prefix of a code or prefix: check digit and trailing zeros removed (``45210000-2`` → ``4521``)."""
    digits = code.strip().split("-")[0]
    if not re.fullmatch(r"[0-9]{2,8}", digits):
        raise ValueError(f"code CPV invalide « {code.strip()} » : 2 à 8 chiffres attendus")
    return digits.rstrip("0").ljust(2, "0")


def _split(cell: str) -> list[str]:
    return [item.strip() for item in cell.split(LIST_SEPARATOR) if item.strip()]


@lru_cache(maxsize=8192)
def parse_zone(cell: str, departement: str | None) -> tuple[str, tuple[str, ...]]:
    """Reach and areas of a ``zone_intervention`` cell (default: the supplier's département)."""
    items = _split(cell)
    if not items:
        return ("departements", (departement,)) if departement else ("national", ())
    if len(items) == 1 and fold(items[0]) == "national":
        return "national", ()
    if len(items) == 1 and fold(items[0]) in ("region", "regional"):
        region = region_of(departement)
        if region is None:
            raise ValueError("zone « région » : le département de la structure est inconnu")
        return "region", (region,)
    codes = tuple(item.upper() for item in items)
    if all(is_departement(code) for code in codes):
        return "departements", codes
    if any(is_departement(code) for code in codes):
        raise ValueError("zone : mélange de départements et de communes")
    return "communes", tuple(items)


def _unquote(text: str) -> str:
    """Undo the quote our exports put before a formula-like cell."""
    return text[1:] if text[:1] == "'" and text[1:2] in FORMULA_PREFIXES else text


class RowParser:
    """Checks the rows of a file with the given header and turns them into supplier records."""

    def __init__(self, headers: list[str], today: date) -> None:
        self.today = today
        self.headers = headers
        self.columns: dict[str, int] = {}
        for index, header in enumerate(headers):
            column = _HEADER_KEYS.get(fold(header))
            if column is not None and column not in self.columns:
                self.columns[column] = index
        self.missing = [column for column in REQUIRED if column not in self.columns]
        self.plain = [
            (column, name) for column, (name, _) in COLUMNS.items()
            if column in self.columns and name not in ("siret", "activities", "zone", "labels")
        ]

    def header_of(self, column: str) -> str:
        """The header the file uses for ``column``."""
        index = self.columns.get(column)
        return self.headers[index] if index is not None else column

    def parse(
        self, line: int, cells: list[str]
    ) -> tuple[SupplierRecord | None, list[ImportIssue], list[ImportIssue]]:
        """The record of one row, or None with its errors; warnings either way."""
        errors: list[ImportIssue] = []
        warnings: list[ImportIssue] = []

        def error(column: str, message: str) -> None:
            errors.append(ImportIssue(line=line, column=self.header_of(column), message=message))

        width = len(cells)
        texts = {column: _unquote(cells[index].strip()) if index < width else ""
                 for column, index in self.columns.items()}
        if width > len(self.headers) and any(c.strip() for c in cells[len(self.headers):]):
            errors.append(ImportIssue(
                line=line, column="", message=f"{width} cellules pour {len(self.headers)} colonnes"
            ))
        values: dict[str, Any] = {}
        siret = texts["siret"]
        try:
            siret = check_siret(siret) if siret else ""
            if not siret:
                error("siret", "SIRET manquant")
        except ValueError as exc:
            hint = " (zéro initial perdu par le tableur ?)" if len(siret) == 13 else ""
            error("siret", f"{exc}{hint}")
        for column, name in self.plain:
            try:
                values[name] = self._value(name, texts[column])
            except ValueError as exc:
                error(column, str(exc))
        if "postcode" in values and not values.get("departement"):
            values["departement"] = departement_of_postcode(values["postcode"] or "")

        activities = None
        if "activites_cpv" in texts:
            try:
                reach, areas = parse_zone(texts.get("zone_intervention", ""), values.get("departement"))
                activities = [
                    ActivityRecord(cpv_prefix=prefix, reach=reach, areas=list(areas))
                    for prefix in dict.fromkeys(
                        normalise_cpv(code) for code in re.split(r"[|,\s]+", texts["activites_cpv"]) if code
                    )
                ]
            except ValueError as exc:
                error("zone_intervention" if str(exc).startswith("zone") else "activites_cpv", str(exc))
        labels = None
        if "labels" in texts:
            labels = self._labels(texts["labels"], error, warnings, line)
        if errors:
            return None, errors, warnings
        raw = {header: cells[i] for i, header in enumerate(self.headers) if i < len(cells) and cells[i]}
        record = SupplierRecord(siret=siret, values=values, labels=labels, activities=activities, raw=raw)
        return record, errors, warnings

    def _value(self, name: str, text: str) -> Any:
        if name == "kind":
            if not text:
                raise ValueError("type de structure manquant")
            kind = canonical_kind(text)
            if kind is None:
                allowed = ", ".join(KINDS)
                raise ValueError(f"type de structure inconnu « {text} » : valeurs admises : {allowed}")
            return kind
        if not text:
            if name == "name":
                raise ValueError("nom manquant")
            return [] if name == "production_sites" else None
        if name in MAX_LENGTHS and len(text) > MAX_LENGTHS[name]:
            raise ValueError(f"texte trop long : {MAX_LENGTHS[name]} caractères au plus")
        if name in DATE_FIELDS:
            return parse_date(text)
        if name == "postcode":
            text = text.zfill(5) if len(text) == 4 else text  # leading zero dropped by a spreadsheet
            if not is_postcode(text):
                raise ValueError(f"code postal invalide « {text} » : 5 chiffres attendus")
        if name == "departement":
            text = text.upper().zfill(2) if len(text) == 1 else text.upper()
            if not is_departement(text):
                raise ValueError(f"département invalide « {text} » : 01 à 95, 2A, 2B, 971 à 976")
        if name == "insee_code" and not re.fullmatch(r"[0-9][0-9AB][0-9]{3}", text):
            raise ValueError(f"code INSEE invalide « {text} » : 5 caractères attendus")
        if name == "production_sites":
            return [self._site(item) for item in _split(text)]
        return text

    @staticmethod
    def _site(item: str) -> dict[str, str]:
        named = re.fullmatch(r"(.*?)\s*\(([A-Za-z]{2})\)", item)
        if named:
            return {"name": named.group(1), "country": named.group(2).upper()}
        if re.fullmatch(r"[A-Za-z]{2}", item):
            return {"name": "", "country": item.upper()}
        raise ValueError(f"site de production « {item} » : « Nom (FR) » ou code pays attendu")

    def _labels(
        self, text: str, error: Callable[[str, str], None], warnings: list[ImportIssue], line: int
    ) -> list[LabelRecord]:
        labels: dict[str, LabelRecord] = {}
        for item in _split(text):
            name_part, _, date_part = item.rpartition(":")
            if not name_part:  # no date given
                name_part, date_part = item, ""
            name = canonical_label(name_part)
            if name is None:
                error("labels", f"label inconnu « {name_part.strip()} » (liste : GET /api/v1/suppliers/labels)")
                continue
            if name in labels:
                error("labels", f"label « {name} » cité deux fois")
                continue
            try:
                valid_until = parse_date(date_part.strip()) if date_part.strip() else None
            except ValueError as exc:
                error("labels", f"{name} : {exc}")
                continue
            if valid_until is not None and valid_until < self.today:
                warnings.append(ImportIssue(
                    line=line, column=self.header_of("labels"),
                    message=f"{name} : validité terminée le {valid_until:%d/%m/%Y}",
                ))
            labels[name] = LabelRecord(label=name, valid_until=valid_until)
        return list(labels.values())


# ---- writing the same format back -------------------------------------------------------------


def neutralise(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def format_labels(labels: list[tuple[str, date | None]]) -> str:
    """``Nom:AAAA-MM-JJ|Nom`` as in the import format."""
    return LIST_SEPARATOR.join(
        f"{name}:{until.isoformat()}" if until else name for name, until in sorted(labels)
    )


def format_zone(reach: str, areas: list[str]) -> str:
    """``zone_intervention`` cell of a reach."""
    if reach == "national":
        return "national"
    if reach == "region":
        return "région"
    return LIST_SEPARATOR.join(areas)


def widest_zone(activities: list[tuple[str, str, list[str]]]) -> str:
    """One zone for a CSV row: the widest reach of the activities, with the union of its areas."""
    if not activities:
        return ""
    reach = max((reach for _, reach, _ in activities), key=REACHES.index)
    areas = [area for _, r, areas in activities if r == reach for area in areas]
    return format_zone(reach, list(dict.fromkeys(areas)))


def export_cells(
    values: dict[str, Any], labels: list[tuple[str, date | None]], activities: list[tuple[str, str, list[str]]]
) -> list[str]:
    """Cells of one supplier in the order of ``COLUMNS`` (the import format), formulas neutralised."""
    cells = []
    for column, (name, _) in COLUMNS.items():
        if column == "activites_cpv":
            text = LIST_SEPARATOR.join(prefix for prefix, _, _ in activities)
        elif column == "zone_intervention":
            text = widest_zone(activities)
        elif column == "labels":
            text = format_labels(labels)
        elif column == "sites_production":
            text = LIST_SEPARATOR.join(
                f"{site['name']} ({site['country']})" if site.get("name") else site["country"]
                for site in values.get(name) or []
            )
        else:
            value = values.get(name)
            text = value.isoformat() if isinstance(value, date) else str(value or "")
        cells.append(neutralise(text))
    return cells
