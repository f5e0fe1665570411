"""Read purchase files, streaming, into validated records (no database here).

The shape is detected from the content, never from the file name:

- ``decp-2024``: DECP JSON in force since 2024, ``{"marches": {"marche": [...]}}``, with the schema's
  wrapped lists (``{"considerationSociale": [...]}``, ``[{"titulaire": {...}}]``) or the flat ones;
- ``decp-2019``: DECP JSON before 2024, ``{"marches": [...]}``: no considerations, so they stay
  "non renseigné" (``None``), never "none";
- ``decp-consolide``: the flat consolidated CSV (one row per contract × holder, list values joined
  by ``", "``, ``Sans objet`` = no consideration);
- ``decp-parquet``: the same consolidated table as Parquet (the national file); read with pyarrow, the
  optional extra ``clausier[parquet]``, a batch of rows at a time;
- ``registre``: a purchase ledger CSV (buyer SIRET, holder SIRET, object, CPV, amount, date,
  considerations…), ``;`` or ``,`` separated, French or plain numbers and dates, known header
  spellings (see ``CSV_COLUMNS``).

JSON is read with ijson and CSV with the csv module, one record at a time, Parquet a batch of rows
at a time, so a 2 GB national file is read in bounded memory. In the consolidated table a contract
has a row per holder and per modification (``modification_id``: 0 for the initial data, as the
schema of decp.info says); only the initial rows are read, as the JSON's initial record is. Each
record comes out as a ``PurchaseRecord`` or, when it fails validation, a ``RecordError`` naming it
and saying why in French.
"""

import codecs
import csv
import hashlib
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from typing import IO, Any

import ijson

from app.errors import InvalidInput
from app.purchases.models import ENVIRONMENTAL_VALUES, NO_ENVIRONMENTAL, NO_SOCIAL, SOCIAL_VALUES

FORMAT_LABELS = {
    "decp-2024": "DECP JSON (format 2024)",
    "decp-2019": "DECP JSON (format 2019, sans considérations)",
    "decp-consolide": "DECP consolidé CSV",
    "decp-parquet": "DECP consolidé Parquet",
    "registre": "registre des achats CSV",
}
HEAD_BYTES = 64 * 1024
PARQUET_MAGIC = b"PAR1"
ZIP_MAGIC = b"PK\x03\x04"  # .xlsx, .docx, .zip
PARQUET_BATCH = 10_000
# Cell values that mean "nothing here" in ledgers exported by French software.
EMPTY_CELLS = {"", "non disponible", "non renseigne", "n a", "na", "null", "none"}  # after _norm
EMPTY_CELL_LENGTH = 16
# "No consideration" in the consolidated CSV and in hand-made ledgers.
NONE_VALUES = {"sans objet", "aucune", "aucun", "non", "neant"}
ONE = Decimal(1)
CPV_RE = re.compile(r"(\d{8})(?:-\d)?")


@dataclass
class Holder:
    """A contract holder as published."""

    holder_id: str | None
    id_type: str | None = None
    name: str | None = None


@dataclass
class PurchaseRecord:
    """A validated contract, ready to be written."""

    buyer_siret: str
    buyer_ref: str
    buyer_name: str | None
    object: str
    cpv: str | None
    cpv_division: str | None
    nature: str | None
    procedure: str | None
    amount_cents: int
    notified_on: date
    launched_on: date | None
    duration_months: int | None
    social: frozenset[str] | None  # DECP values present; empty = none; None = not reported
    environmental: frozenset[str] | None
    fair_trade_cents: int | None
    holders: list[Holder] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str]:
        return (self.buyer_siret, self.buyer_ref)


@dataclass
class RecordError:
    """A record refused by validation: which one, where, and why."""

    record: str
    message: str
    line: int | None = None

    def as_dict(self) -> dict[str, Any]:
        described: dict[str, Any] = {"record": self.record, "message": self.message}
        if self.line is not None:
            described["line"] = self.line
        return described


Item = PurchaseRecord | RecordError


# ---------------------------------------------------------------------------------------------
# Values
# ---------------------------------------------------------------------------------------------

@lru_cache(maxsize=4096)  # the same few short values (considerations, "Sans objet"…) on every record
def _norm(text: str) -> str:
    """Lower case, no accents, punctuation as single spaces: how headers and values are compared."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", plain).strip()


@lru_cache(maxsize=4096)  # the short values of a file are few (nature, procedure, id types…)
def _is_empty_word(text: str) -> bool:
    return _norm(text) in EMPTY_CELLS


def _text(value: Any) -> str | None:
    # Called about eleven times per contract: the common cases (text, nothing) first, one cached look-up.
    if value.__class__ is str:
        text = value.strip()
    elif value is None:
        return None
    else:
        text = str(value).strip()
    # Ids, dates, codes and amounts start with a digit: never one of the empty words, no need to look.
    if len(text) <= EMPTY_CELL_LENGTH and not text[:1].isdigit() and _is_empty_word(text):
        return None
    return text


def _siret(value: Any, whose: str) -> str:
    text = _text(value)
    if text is None:
        raise ValueError(f"SIRET {whose} manquant")
    if len(text) == 14 and text.isdigit():
        return text
    digits = re.sub(r"[\s\u00a0\u202f.]", "", text)
    if not re.fullmatch(r"\d{14}", digits):
        raise ValueError(f"SIRET {whose} invalide : « {text} » (14 chiffres attendus)")
    return digits


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        raise ValueError("nombre attendu")
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    text = _text(value)
    if text is None:
        return None
    compact = re.sub(r"[\s\u00a0\u202f€]", "", text)
    if "," in compact:  # French: 1.820.542,00 or 1820542,00
        compact = compact.replace(".", "").replace(",", ".")
    try:
        number = Decimal(compact)
    except InvalidOperation:
        raise ValueError(f"« {text} » n'est pas un nombre") from None
    if not number.is_finite():
        raise ValueError(f"« {text} » n'est pas un nombre")
    return number


def _cents(value: Any, what: str) -> int | None:
    if value.__class__ is int and value >= 0:  # whole euros, as JSON often has them
        return int(value) * 100
    if value.__class__ is Decimal and value.is_finite() and value >= 0:  # JSON's other numbers, exact
        return int((value * 100).quantize(ONE, rounding=ROUND_HALF_UP))
    number = _decimal(value)
    if number is None:
        return None
    if number < 0:
        raise ValueError(f"{what} négatif : {value}")
    return int((number * 100).quantize(ONE, rounding=ROUND_HALF_UP))


def _date(value: Any, what: str) -> date | None:
    text = _text(value)
    if text is None:
        return None
    parsed = _parsed_date(text)
    if parsed is None:
        raise ValueError(f"{what} invalide : « {text} » (date qui n'existe pas, ou écrite autrement que "
                         "AAAA-MM-JJ ou JJ/MM/AAAA)")
    return parsed


def _notified(value: Any, today: date) -> date:
    """The notification date of a published contract: present, and not to come (a contract is published once
    notified; a later day is a slip, most often of the year, that would count it in a year not yet begun)."""
    notified = _date(value, "date de notification")
    if notified is None:
        raise ValueError("date de notification manquante")
    if notified > today:
        raise ValueError(f"date de notification à venir : {notified:%d/%m/%Y} (nous sommes le {today:%d/%m/%Y} ; "
                         "un marché est publié une fois notifié)")
    return notified


@lru_cache(maxsize=8192)  # a few thousand days in a whole national file
def _parsed_date(text: str) -> date | None:
    """The day ``text`` gives (AAAA-MM-JJ, with or without a time, or JJ/MM/AAAA), None when it gives none."""
    try:
        if len(text) == 10 and text[4] == "-":
            return date.fromisoformat(text)
        if match := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*|[+-]\d{2}:\d{2}|Z)?", text):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text):
            return date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        pass
    return None


def _months(value: Any) -> int | None:
    if value.__class__ is int and value >= 0:
        return int(value)
    number = _decimal(value)
    if number is None:
        return None
    if number != number.to_integral_value() or number < 0:
        raise ValueError(f"durée en mois invalide : {value}")
    return int(number)


def clean_cpv(value: Any) -> tuple[str | None, str | None]:
    """The CPV as published (check digit dropped) and its division when it is well formed."""
    text = _text(value)
    if text is None:
        return None, None
    return _cpv(text)


@lru_cache(maxsize=16384)  # some 9 500 codes in the CPV nomenclature
def _cpv(text: str) -> tuple[str, str | None]:
    if match := CPV_RE.fullmatch(text.replace(" ", "")):
        return match[1], match[1][:2]
    return text[:32], None  # malformed codes are real (e.g. "INX28213"): kept, but no division


_SOCIAL_BY_NORM = {_norm(v): v for v in SOCIAL_VALUES}
_ENVIRONMENTAL_BY_NORM = {_norm(v): v for v in ENVIRONMENTAL_VALUES}


def considerations(values: list[str] | None, *, social: bool) -> frozenset[str] | None:
    """The positive DECP values of one side; empty when the record says none, None when it says nothing."""
    if values is None:
        return None
    return _considerations(tuple(map(str, values)), social)


@lru_cache(maxsize=1024)  # a few dozen lists of values in a whole file
def _considerations(values: tuple[str, ...], social: bool) -> frozenset[str] | None:
    known = _SOCIAL_BY_NORM if social else _ENVIRONMENTAL_BY_NORM
    none_value = _norm(NO_SOCIAL if social else NO_ENVIRONMENTAL)
    side = "sociale" if social else "environnementale"
    found: set[str] = set()
    said_none = False
    for raw in values:
        key = _norm(raw)
        if key in known:
            found.add(known[key])
        elif key == none_value or key in NONE_VALUES:
            said_none = True
        elif key:
            raise ValueError(f"considération {side} inconnue : « {raw} »")
    if said_none and found:
        raise ValueError(
            f"considérations {side}s contradictoires : « {(NO_SOCIAL if social else NO_ENVIRONMENTAL)} » "
            f"avec {', '.join(sorted(found))}"
        )
    if not found and not said_none:
        return None
    return frozenset(found)


# ---------------------------------------------------------------------------------------------
# Format detection
# ---------------------------------------------------------------------------------------------

def _decode_head(head: bytes) -> tuple[str, str]:
    """The text of ``head`` and its encoding (UTF-8, else Windows-1252 as French spreadsheets write)."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    try:
        return decoder.decode(head, final=False), "utf-8-sig"
    except UnicodeDecodeError:
        return head.decode("cp1252", errors="replace"), "cp1252"


def detect_format(head: bytes) -> str:
    """The shape of a file from its first bytes; ``InvalidInput`` when it is none of the five."""
    if head.startswith(PARQUET_MAGIC):
        return "decp-parquet"
    if head.startswith(ZIP_MAGIC):  # an Excel workbook (or a Word file) named as anything
        raise InvalidInput(
            "Ce fichier est un classeur Excel (ou un autre document compressé), pas un CSV ni un JSON : ouvrez-le "
            "dans Excel ou LibreOffice, choisissez « Enregistrer sous » au format CSV (séparateur point-virgule), "
            "puis importez le fichier .csv obtenu."
        )
    text, _ = _decode_head(head)
    stripped = text.lstrip()
    if not stripped:
        raise InvalidInput("Fichier vide.")
    if stripped[0] in "{[":
        match = re.search(r'"marches"\s*:\s*([\[{])', text)
        if match is None:
            raise InvalidInput(
                "JSON non reconnu : la clé « marches » des données essentielles (DECP) est absente."
            )
        return "decp-2024" if match[1] == "{" else "decp-2019"
    header = _norm(stripped.splitlines()[0])
    if "acheteur id" in header and "titulaire id" in header:
        return "decp-consolide"
    return "registre"


# ---------------------------------------------------------------------------------------------
# JSON (DECP 2024 and 2019)
# ---------------------------------------------------------------------------------------------

def _unwrap(value: Any, inner: str) -> list[Any] | None:
    """A DECP list in either shape: ``[...]``, ``{"<inner>": [...]}``, or a lone value."""
    if value is None:
        return None
    if isinstance(value, dict):
        if inner in value:
            value = value[inner]
        elif len(value) == 1:
            value = next(iter(value.values()))
        else:
            return None
        if value is None:
            return None
    return value if isinstance(value, list) else [value]


def _json_holders(value: Any) -> list[Holder]:
    holders = []
    for item in _unwrap(value, "titulaire") or []:
        data = item.get("titulaire", item) if isinstance(item, dict) else {}
        if not isinstance(data, dict):
            continue
        identifier = _text(data.get("id"))
        if identifier is not None and not identifier.isalnum():
            identifier = re.sub(r"\s", "", identifier)
        if identifier is not None:
            identifier = identifier[:32]
        holders.append(Holder(identifier, _text(data.get("typeIdentifiant")), _text(data.get("denominationSociale"))))
    return holders


def _json_record(data: dict[str, Any], today: date) -> PurchaseRecord:
    buyer = data.get("acheteur")
    buyer = buyer if isinstance(buyer, dict) else {"id": buyer}
    ref = _text(data.get("id"))
    if ref is None:
        raise ValueError("identifiant du marché (« id ») manquant")
    siret = _siret(buyer.get("id"), "de l'acheteur")
    object_ = _text(data.get("objet"))
    if object_ is None:
        raise ValueError("objet manquant")
    amount = _cents(data.get("montant"), "montant")
    if amount is None:
        raise ValueError("montant manquant")
    notified = _notified(data.get("dateNotification"), today)
    cpv, division = clean_cpv(data.get("codeCPV"))
    return PurchaseRecord(
        buyer_siret=siret,
        buyer_ref=ref[:64],
        buyer_name=_text(buyer.get("nom")),
        object=object_,
        cpv=cpv,
        cpv_division=division,
        nature=_text(data.get("nature")),
        procedure=_text(data.get("procedure")),
        amount_cents=amount,
        notified_on=notified,
        launched_on=None,
        duration_months=_months(data.get("dureeMois")),
        social=considerations(_unwrap(data.get("considerationsSociales"), "considerationSociale"), social=True),
        environmental=considerations(
            _unwrap(data.get("considerationsEnvironnementales"), "considerationEnvironnementale"), social=False
        ),
        fair_trade_cents=None,
        holders=_json_holders(data.get("titulaires")),
    )


def _json_label(data: Any, number: int) -> str:
    if not isinstance(data, dict):
        return f"enregistrement n° {number}"
    buyer = data.get("acheteur")
    siret = buyer.get("id") if isinstance(buyer, dict) else buyer
    return f"acheteur {siret or '?'}, marché {data.get('id') or '?'} (enregistrement n° {number})"


def _read_json(stream: IO[bytes], fmt: str, reader: "PurchaseReader") -> Iterator[Item]:
    prefix = "marches.marche.item" if fmt == "decp-2024" else "marches.item"
    try:
        for number, data in enumerate(ijson.items(stream, prefix), start=1):
            if not isinstance(data, dict):
                yield RecordError(f"enregistrement n° {number}", "objet JSON attendu")
                continue
            if "_type" in data and "concession" in _norm(str(data["_type"])):
                reader.ignored += 1  # the 2019 format mixes concessions into "marches"
                continue
            try:
                yield _json_record(data, reader.today)
            except ValueError as exc:
                yield RecordError(_json_label(data, number), str(exc))
    except ijson.JSONError:
        raise InvalidInput(  # the parser's own words are English: say what it means and what to do
            "JSON mal formé : le fichier s'arrête avant la fin ou contient une erreur de syntaxe. Téléchargez-le "
            "de nouveau (un téléchargement interrompu tronque le fichier) ou vérifiez-le avec un validateur JSON."
        ) from None


# ---------------------------------------------------------------------------------------------
# CSV (consolidated DECP and ledgers)
# ---------------------------------------------------------------------------------------------

# Canonical field -> accepted header spellings (compared after ``_norm``). The first names are the
# consolidated DECP columns, then the simple ledger of the README, then common exports.
CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    "buyer_siret": ("acheteur id", "acheteur siret", "siret acheteur", "siret de l acheteur"),
    "buyer_name": ("acheteur nom", "nom acheteur", "nom de l acheteur", "acheteur"),
    "buyer_ref": ("id", "id du marche", "identifiant", "identifiant du marche", "numero du marche",
                  "numero de marche", "reference", "reference du marche"),
    "holder_id": ("titulaire id", "titulaire siret", "siret titulaire", "siret du titulaire",
                  "fournisseur siret", "siret fournisseur"),
    "holder_id_type": ("titulaire typeidentifiant", "titulaire type identifiant"),
    "holder_name": ("titulaire nom", "nom titulaire", "titulaire mandataire", "titulaire",
                    "fournisseur nom", "nom fournisseur", "fournisseur"),
    "object": ("objet", "objet marche", "objet du marche"),
    "amount": ("montant", "montant ht", "montant ht eur", "montant eur ht", "montant initial ht",
               "montant initial"),
    "amount_modified": ("montant modifie ht", "montant modifie"),
    "amount_forecast": ("montant prevu ht", "montant prevu"),
    "cpv": ("codecpv", "code cpv", "cpv"),
    "nature": ("nature",),
    "procedure": ("procedure",),
    "duration": ("dureemois", "duree mois", "duree en mois", "duree"),
    "notified_on": ("datenotification", "date notification", "date de notification"),
    "launched_on": ("datelancement", "date lancement", "date de lancement",
                    "date de lancement de la consultation"),
    "social": ("considerationssociales", "considerations sociales"),
    "environmental": ("considerationsenvironnementales", "considerations environnementales"),
    "fair_trade": ("montant commerce equitable", "montant commerce equitable ht", "commerce equitable ht"),
    "modification": ("modification id",),
    "year": ("annee",),  # of a ledger: not enough to place a contract (see ``NO_DAY_WITH_YEAR``)
}
NO_DAY_WITH_YEAR = ("date de notification manquante (la colonne « Année » ne suffit pas : un marché est daté et "
                    "compté par le jour de sa notification ; reportez-le depuis le marché notifié)")
Cells = dict[str, Any]  # a row's values by canonical field (text from CSV, typed from Parquet)
REQUIRED_CSV = {"buyer_siret": "SIRET de l'acheteur", "object": "objet", "amount": "montant",
                "notified_on": "date de notification"}


def _columns(header: list[str]) -> dict[str, int]:
    positions = {_norm(name): index for index, name in reversed(list(enumerate(header)))}
    found = {}
    for canonical, spellings in CSV_COLUMNS.items():
        for spelling in spellings:
            if spelling in positions:
                found[canonical] = positions[spelling]
                break
    missing = [label for name, label in REQUIRED_CSV.items() if name not in found]
    if missing:
        raise InvalidInput(
            f"Colonnes obligatoires introuvables : {', '.join(missing)}. "
            f"En-tête lu : {'; '.join(header)[:300]}"
        )
    return found


def _split(cell: Any) -> list[str] | None:
    if isinstance(cell, list):  # a Parquet list column
        return [str(part) for part in cell] or None
    if cell is None or not str(cell).strip():
        return None
    return [part.strip() for part in re.split(r"[,;|]", str(cell)) if part.strip()]


def _csv_record(cells: Cells, holders: list[Holder], today: date) -> PurchaseRecord:
    siret = _siret(cells.get("buyer_siret"), "de l'acheteur")
    object_ = _text(cells.get("object"))
    if object_ is None:
        raise ValueError("objet manquant")
    amounts = [
        _cents(cells.get(name), "montant") for name in ("amount", "amount_modified", "amount_forecast")
    ]
    present = [amount for amount in amounts if amount is not None]
    if not present:
        raise ValueError("montant manquant")
    # Ledgers leave the initial amount empty or at 0 for some framework agreements and fill the
    # modified or forecast amount instead: take the first positive one.
    amount = next((a for a in present if a > 0), present[0])
    if _text(cells.get("notified_on")) is None and _text(cells.get("year")):
        # A ledger's year is not a notification date, and the ledger stores days only: no day is invented.
        raise ValueError(NO_DAY_WITH_YEAR)
    notified = _notified(cells.get("notified_on"), today)
    ref = _text(cells.get("buyer_ref"))
    if ref is None:
        # No id column: a stable id from what identifies the contract, so re-importing updates it.
        digest = hashlib.sha1(f"{object_}|{notified.isoformat()}|{amount}".encode()).hexdigest()
        ref = f"R-{digest[:14]}"
    cpv, division = clean_cpv(cells.get("cpv"))
    return PurchaseRecord(
        buyer_siret=siret,
        buyer_ref=ref[:64],
        buyer_name=_text(cells.get("buyer_name")),
        object=object_,
        cpv=cpv,
        cpv_division=division,
        nature=_text(cells.get("nature")),
        procedure=_text(cells.get("procedure")),
        amount_cents=amount,
        notified_on=notified,
        launched_on=_date(cells.get("launched_on"), "date de lancement"),
        duration_months=_months(cells.get("duration")),
        social=considerations(_split(cells.get("social")), social=True),
        environmental=considerations(_split(cells.get("environmental")), social=False),
        fair_trade_cents=_cents(cells.get("fair_trade"), "montant commerce équitable"),
        holders=holders,
    )


def _csv_holder(cells: Cells) -> Holder | None:
    raw_id = _text(cells.get("holder_id"))
    name = _text(cells.get("holder_name"))
    identifier = re.sub(r"[\s\u00a0\u202f]", "", raw_id)[:32] if raw_id else None
    if identifier is None and name is None:
        return None
    id_type = _text(cells.get("holder_id_type"))
    if id_type is None and identifier is not None and re.fullmatch(r"\d{14}", identifier):
        id_type = "SIRET"
    return Holder(identifier, id_type, name)


def _grouped(rows: Iterator[tuple[int, Cells]], reader: "PurchaseReader") -> Iterator[Item]:
    """Records of consolidated rows (line number, cells by canonical field): the rows of one contract
    (one per holder) follow each other; rows of later modifications are counted as ignored."""
    group: list[tuple[int, Cells]] = []
    group_key: tuple[str, str] | None = None

    def flush() -> Item:
        line, cells = group[0]
        holders = [h for h in (_csv_holder(c) for _, c in group) if h is not None]
        try:
            return _csv_record(cells, holders, reader.today)
        except ValueError as exc:
            label = f"acheteur {_text(cells.get('buyer_siret')) or '?'}"
            if _text(cells.get("buyer_ref")):
                label += f", marché {_text(cells.get('buyer_ref'))}"
            return RecordError(label, str(exc), line=line)

    for line, cells in rows:
        if _text(cells.get("modification")) not in (None, "0"):
            reader.ignored += 1
            continue
        ref = _text(cells.get("buyer_ref"))
        key = (re.sub(r"\s", "", str(cells.get("buyer_siret") or "")), ref) if ref else None
        if group and (key is None or key != group_key):
            yield flush()
            group = []
        group.append((line, cells))
        group_key = key
    if group:
        yield flush()


def _read_csv(stream: IO[bytes], encoding: str, reader: "PurchaseReader") -> Iterator[Item]:
    text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
    first = text.readline()
    delimiter = max(";,\t", key=first.count)
    header = next(csv.reader([first], delimiter=delimiter))
    columns = _columns(header)

    def rows() -> Iterator[tuple[int, Cells]]:
        for line, row in enumerate(csv.reader(text, delimiter=delimiter), start=2):
            if any(cell.strip() for cell in row):
                yield line, {name: (row[i] if i < len(row) else None) for name, i in columns.items()}

    return _grouped(rows(), reader)


def _parquet_cell(name: str, value: Any) -> Any:
    """A typed Parquet value as the CSV reader would see it: SIRETs stored as integers (the consolidated
    schema types ``acheteur_id`` and ``titulaire_id`` so) get back their leading zeros."""
    if name in ("buyer_siret", "holder_id") and isinstance(value, int) and not isinstance(value, bool):
        return f"{value:014d}"
    return value


def _read_parquet(stream: IO[bytes], reader: "PurchaseReader") -> Iterator[Item]:
    try:
        import pyarrow.parquet as pq  # the optional extra clausier[parquet]
    except ImportError:
        raise InvalidInput(
            "Fichier Parquet : la lecture de ce format demande l'extension facultative « parquet » de Clausier, "
            "qui n'est pas installée ici (pip install 'clausier[parquet]'). Importez sinon le fichier CSV ou JSON."
        ) from None
    try:
        table = pq.ParquetFile(stream)
    except Exception as exc:  # pyarrow raises several kinds (ArrowInvalid, OSError…) for a damaged file
        raise InvalidInput(f"Fichier Parquet illisible : {str(exc)[:200]}") from None
    header = table.schema_arrow.names
    columns = _columns(header)
    wanted = sorted(set(columns.values()))

    def rows() -> Iterator[tuple[int, Cells]]:
        line = 0
        for batch in table.iter_batches(batch_size=PARQUET_BATCH, columns=[header[i] for i in wanted]):
            for row in batch.to_pylist():
                line += 1
                yield line, {name: _parquet_cell(name, row[header[i]]) for name, i in columns.items()}

    return _grouped(rows(), reader)


# ---------------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------------

class PurchaseReader:
    """Iterate the records of a binary, seekable stream; ``format`` is known once constructed."""

    def __init__(self, stream: IO[bytes], *, today: date | None = None) -> None:
        self.today = today or date.today()  # no contract is notified after it
        head = stream.read(HEAD_BYTES)
        stream.seek(0)
        self.format = detect_format(head)
        self.encoding = _decode_head(head)[1]
        if head.startswith(codecs.BOM_UTF8):
            stream.read(len(codecs.BOM_UTF8))  # the JSON parser does not skip it
        self.stream = stream
        self.ignored = 0  # records that are not contracts (concessions) or rows of later modifications

    def __iter__(self) -> Iterator[Item]:
        if self.format in ("decp-2024", "decp-2019"):
            return _read_json(self.stream, self.format, self)
        if self.format == "decp-parquet":
            return _read_parquet(self.stream, self)
        return _read_csv(self.stream, self.encoding, self)
