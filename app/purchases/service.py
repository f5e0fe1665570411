"""Purchases ledger use-cases: import a file (all or nothing, recorded), record a Clausier tender, list."""

import hashlib
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import IO, Any

from sqlalchemy import Table, delete, func, insert, or_, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col

from app.bulk import DeferredIndexes, insert_rows, rare_collections, refresh_statistics, rows_by_key
from app.buyers.models import BUYER
from app.clauses.service import get_version
from app.db import use_bulk_cache, utcnow
from app.documents.models import GeneratedDocument
from app.errors import InvalidInput, NotFound
from app.french import plural
from app.purchases.history import PURCHASE_HISTORY, history_row
from app.purchases.importer import (
    Holder,
    PurchaseReader,
    PurchaseRecord,
    RecordError,
    clean_cpv,
    considerations,
)
from app.purchases.models import (
    ENVIRONMENTAL_VALUES,
    NO_ENVIRONMENTAL,
    NO_SOCIAL,
    SOCIAL_VALUES,
    HolderOut,
    Purchase,
    PurchaseHolder,
    PurchaseImport,
    PurchaseIn,
    PurchaseOut,
)

BATCH_SIZE = 2000
MAX_LISTED_ERRORS = 100
# An import that has written this many contracts, and at least as many as the ledger held before it, builds
# the secondary indexes once at its end instead of row by row (see ``DeferredIndexes``): from there on the
# rebuild, at most the ledger before plus the whole file, costs less than the rows still to come.
# Measured on SQLite into an empty ledger (scripts/bench/report_speed.py's file): 1 000 000 contracts
# import in 82-93 s instead of 101-109 s (two runs each: the covering index no longer outgrows the page
# cache row by row); at 100 000 the gain is within the noise of a shared machine (the rows alone: 2.4-3.0 s
# of CPU instead of 3.6).
DEFER_INDEXES_FROM = 20_000

PURCHASES: Table = Purchase.__table__  # type: ignore[attr-defined]
HOLDERS: Table = PurchaseHolder.__table__  # type: ignore[attr-defined]
# Optional data a shape may lack (buyer name in DECP 2024, considerations in DECP 2019…) or a ledger leaves
# empty (CPV, nature…): a later file that does not give it keeps what an earlier one wrote instead of
# erasing it (an empty cell means « unknown here », not « erased at the source »; the import reports
# how many known values it kept, and ``purchase_history`` keeps every earlier state).
KEPT_WHEN_MISSING = (
    "buyer_name", "cpv", "cpv_division", "nature", "procedure", "launched_on", "duration_months",
    "fair_trade_cents", "clauses", "document_id", *SOCIAL_VALUES.values(), *ENVIRONMENTAL_VALUES.values(),
)
# The values a file can leave empty, one column each (the CPV division follows the code; the flags of one
# side of considerations are all known or all unknown): what ``kept`` counts.
KEPT_COUNTED = (
    "buyer_name", "cpv", "nature", "procedure", "launched_on", "duration_months", "fair_trade_cents",
    next(iter(SOCIAL_VALUES.values())), next(iter(ENVIRONMENTAL_VALUES.values())),
)


@dataclass
class ImportReport:
    """What an import did (or would have done, when the file was refused)."""

    filename: str
    format: str
    sha256: str = ""
    records: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # known values a file left empty, kept
    skipped: int = 0
    ignored: int = 0
    errors: list[RecordError] = field(default_factory=list)
    import_id: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "import_id": self.import_id, "filename": self.filename, "format": self.format, "sha256": self.sha256,
            "records": self.records, "created": self.created, "updated": self.updated, "unchanged": self.unchanged,
            "kept": self.kept, "skipped": self.skipped, "ignored": self.ignored,
            "errors": [error.as_dict() for error in self.errors],
        }


class _ProgressReader(io.RawIOBase):
    """A raw stream that reports how many bytes were read so far."""

    def __init__(self, raw: IO[bytes], on_progress: Callable[[int], None]) -> None:
        self.raw, self.on_progress = raw, on_progress

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return self.raw.seekable()

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self.raw.seek(offset, whence)

    def tell(self) -> int:
        return self.raw.tell()

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(len(buffer))
        buffer[: len(data)] = data
        self.on_progress(self.raw.tell())
        return len(data)


def _insert(session: Session) -> Any:
    """The dialect's INSERT, which has ``on_conflict_do_update`` (SQLite and PostgreSQL)."""
    return postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert


# The columns a write sets, in the order of ``_purchase_values``.
PURCHASE_COLUMNS = (
    "buyer_siret", "buyer_ref", "buyer_name", "object", "cpv", "cpv_division", "nature", "procedure",
    "amount_cents", "notified_on", "launched_on", "duration_months", "fair_trade_cents",
    *SOCIAL_VALUES.values(), *ENVIRONMENTAL_VALUES.values(),
    "clauses", "document_id", "source", "import_id", "is_demo", "created_at", "updated_at",
)


@lru_cache(maxsize=256)  # a few dozen combinations of values
def _flag_values(social: frozenset[str] | None, environmental: frozenset[str] | None) -> tuple[bool | None, ...]:
    """The flag columns of two sets of DECP values, in ``PURCHASE_COLUMNS`` order (None stays None: not reported)."""
    return tuple(
        None if values is None else value in values
        for values, mapping in ((social, SOCIAL_VALUES), (environmental, ENVIRONMENTAL_VALUES))
        for value in mapping
    )


def _purchase_values(record: PurchaseRecord, written: tuple[Any, ...]) -> tuple[Any, ...]:
    """A contract's values in ``PURCHASE_COLUMNS`` order; ``written``: the last seven (clauses to updated_at)."""
    return (
        record.buyer_siret, record.buyer_ref, record.buyer_name, record.object, record.cpv, record.cpv_division,
        record.nature, record.procedure, record.amount_cents, record.notified_on, record.launched_on,
        record.duration_months, record.fair_trade_cents, *_flag_values(record.social, record.environmental),
        *written,
    )


@dataclass
class WriteResult:
    """Ids of the contracts written or left as they were, and what happened to each."""

    ids: dict[tuple[str, str], int] = field(default_factory=dict)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0


# What a write does not compare: the key, and what every write sets.
NOT_COMPARED = frozenset({"buyer_siret", "buyer_ref", "source", "import_id", "created_at", "updated_at"})
HolderKey = tuple[str, str, str]
HOLDER_COLUMNS = ("purchase_id", "holder_id", "id_type", "name", "import_id")


def _holder_key(holder_id: str | None, id_type: str | None, name: str | None) -> HolderKey:
    return (holder_id or "", id_type or "", name or "")


def _holders_after(record: PurchaseRecord, old: list[Any], *, replace: bool, same_import: bool) -> list[HolderKey]:
    """The holders a contract will have once written, as the SQL below leaves them (to tell unchanged ones).

    Recorded one by one (``replace``), a contract has exactly the holders given; an import merges each
    holder with the stored one of the same id (a missing type or name is kept) and drops the others,
    unless they were written earlier by the same import.
    """
    by_id = {row.holder_id: row for row in old if row.holder_id is not None}
    after = [] if replace or not same_import else [_holder_key(h.holder_id, h.id_type, h.name) for h in old]
    seen: set[str] = set()
    for holder in record.holders:
        if holder.holder_id is not None and holder.holder_id in seen:
            continue
        if holder.holder_id is not None:
            seen.add(holder.holder_id)
        stored = None if replace else by_id.get(holder.holder_id)
        key = _holder_key(holder.holder_id, holder.id_type or (stored.id_type if stored else None),
                          holder.name or (stored.name if stored else None))
        if stored is not None and same_import:
            after.remove(_holder_key(stored.holder_id, stored.id_type, stored.name))
        after.append(key)
    return sorted(after)


def _existing(session: Session, keys: list[tuple[str, str]]) -> dict[tuple[str, str], tuple[Any, list[Any]]]:
    """The stored contracts of ``keys`` with their holders (two statements, whatever the number of keys)."""
    rows = [row._mapping for row in rows_by_key(session.connection(), PURCHASES, ("buyer_siret", "buyer_ref"), keys)]
    holders: dict[int, list[Any]] = {row["id"]: [] for row in rows}
    if holders:
        for holder in session.execute(
            select(HOLDERS).where(HOLDERS.c.purchase_id.in_(list(holders))).order_by(HOLDERS.c.id)
        ):
            holders[holder.purchase_id].append(holder)
    return {(row["buyer_siret"], row["buyer_ref"]): (row, holders[row["id"]]) for row in rows}


def write_purchases(
    session: Session, records: Iterable[PurchaseRecord], *, source: str, import_id: int | None,
    changed_by: str, is_demo: bool = False, extra: dict[tuple[str, str], dict[str, Any]] | None = None,
    buyers_ensured: set[str] | None = None,
) -> WriteResult:
    """Upsert contracts and their holders in the session's transaction, keeping the previous state of each
    changed contract in ``purchase_history`` (by ``changed_by``); unchanged contracts are not written.
    ``buyers_ensured``: buyers known to have a profile, kept from one batch of an import to the next."""
    by_key: dict[tuple[str, str], PurchaseRecord] = {}
    for record in records:
        previous = by_key.get(record.key)
        if previous is not None:  # same contract twice in a batch: last values, every holder
            record.holders = previous.holders + record.holders
        by_key[record.key] = record
    result = WriteResult()
    if not by_key:
        return result
    now = utcnow()
    written = (None, None, source, import_id, is_demo, now, now)  # clauses, document_id: only from ``extra``
    existing = _existing(session, list(by_key))
    new: list[tuple[Any, ...]] = []
    rows, history = [], []
    for key, record in by_key.items():
        values = _purchase_values(record, written)
        if extra and key in extra:
            values = tuple((dict(zip(PURCHASE_COLUMNS, values, strict=True)) | extra[key]).values())
        stored = existing.get(key)
        if stored is None:
            result.created += 1
            new.append(values)
            continue
        row = dict(zip(PURCHASE_COLUMNS, values, strict=True))
        old, old_holders = stored
        result.kept += sum(1 for name in KEPT_COUNTED if row[name] is None and old[name] is not None)
        same_import = import_id is not None and old["import_id"] == import_id
        merged = {name: old[name] if value is None and name in KEPT_WHEN_MISSING else value
                  for name, value in row.items() if name not in NOT_COMPARED}
        holders = _holders_after(record, old_holders, replace=import_id is None, same_import=same_import)
        if merged == {name: old[name] for name in merged} and holders == sorted(
            _holder_key(h.holder_id, h.id_type, h.name) for h in old_holders
        ):
            result.unchanged += 1
            result.ids[key] = old["id"]
            continue
        result.updated += 1
        rows.append(row)
        if not same_import:  # the state before this import, not before its previous batch
            history.append(history_row(old, old_holders, import_id=import_id, source=changed_by, now=now))
    if history:
        session.execute(insert(PURCHASE_HISTORY), history)
    if new:
        result.ids |= _insert_new(session, new, by_key, import_id=import_id)
    if rows:
        result.ids |= _upsert(session, rows, by_key, import_id=import_id)
    if new or rows:
        buyers = [(values[0], values[2]) for values in new] + [(row["buyer_siret"], row["buyer_name"]) for row in rows]
        _ensure_buyers(session, buyers, import_id=import_id, is_demo=is_demo, now=now,
                       ensured=set() if buyers_ensured is None else buyers_ensured)
    return result


def _insert_new(
    session: Session, rows: list[tuple[Any, ...]], by_key: dict[tuple[str, str], PurchaseRecord],
    *, import_id: int | None,
) -> dict[tuple[str, str], int]:
    """Insert contracts not stored yet and their holders in bulk (no conflict to resolve); their ids by key.

    PostgreSQL hands out the ids first (``nextval``, safe with concurrent writers) and receives the rows by
    ``COPY``; SQLite numbers the rows of one ``executemany`` one after the other from the largest id, the
    last of which ``last_insert_rowid()`` gives (the write lock is held since the first row).
    """
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        ids = list(session.execute(
            text("SELECT nextval(pg_get_serial_sequence('purchase', 'id')) FROM generate_series(1, :n)"),
            {"n": len(rows)},
        ).scalars())
        numbered = [(pk, *row) for pk, row in zip(ids, rows, strict=True)]
        insert_rows(connection, PURCHASES, ["id", *PURCHASE_COLUMNS], numbered)
    else:
        insert_rows(connection, PURCHASES, PURCHASE_COLUMNS, rows)
        last = session.execute(text("SELECT last_insert_rowid()")).scalar_one()
        ids = list(range(last - len(rows) + 1, last + 1))
    written = {(row[0], row[1]): pk for pk, row in zip(ids, rows, strict=True)}
    insert_rows(connection, HOLDERS, HOLDER_COLUMNS, _holder_rows(written, by_key, import_id=import_id))
    return written



def _holder_rows(
    ids: dict[tuple[str, str], int], by_key: dict[tuple[str, str], PurchaseRecord], *, import_id: int | None
) -> list[tuple[Any, ...]]:
    """The holder rows of the contracts ``ids`` (values in ``HOLDER_COLUMNS`` order), once per holder id."""
    holder_rows = []
    for key, pk in ids.items():
        seen: set[str | None] = set()
        for holder in by_key[key].holders:
            if holder.holder_id is not None and holder.holder_id in seen:
                continue
            seen.add(holder.holder_id)
            holder_rows.append((pk, holder.holder_id, holder.id_type, holder.name, import_id))
    return holder_rows


def _upsert(
    session: Session, rows: list[dict[str, Any]], by_key: dict[tuple[str, str], PurchaseRecord],
    *, import_id: int | None,
) -> dict[tuple[str, str], int]:
    """Write ``rows`` (insert or update by key) and the holders of their records; their ids by key."""
    insert_ = _insert(session)
    statement = insert_(PURCHASES)
    columns = set().union(*rows) - {"buyer_siret", "buyer_ref", "created_at"}
    statement = statement.on_conflict_do_update(
        index_elements=["buyer_siret", "buyer_ref"],
        set_={
            name: func.coalesce(statement.excluded[name], PURCHASES.c[name])
            if name in KEPT_WHEN_MISSING else statement.excluded[name]
            for name in columns
        },
    ).returning(PURCHASES.c.id, PURCHASES.c.buyer_siret, PURCHASES.c.buyer_ref)
    ids = {(siret, ref): pk for pk, siret, ref in session.execute(statement, rows)}

    if import_id is None:  # contracts recorded one by one: their holders are exactly the ones given
        session.execute(delete(HOLDERS).where(HOLDERS.c.purchase_id.in_(list(ids.values()))))
    holder_rows = [
        dict(zip(HOLDER_COLUMNS, row, strict=True)) for row in _holder_rows(ids, by_key, import_id=import_id)
    ]
    if holder_rows:
        holders = insert_(HOLDERS)
        session.execute(
            holders.on_conflict_do_update(
                index_elements=["purchase_id", "holder_id"],
                set_={
                    "id_type": func.coalesce(holders.excluded.id_type, HOLDERS.c.id_type),
                    "name": func.coalesce(holders.excluded.name, HOLDERS.c.name),
                    "import_id": holders.excluded.import_id,
                },
            ),
            holder_rows,
        )
    if import_id is not None:  # holders a re-imported contract no longer has: rows this import did not write
        session.execute(
            delete(HOLDERS).where(
                HOLDERS.c.purchase_id.in_(list(ids.values())),
                or_(HOLDERS.c.import_id.is_(None), HOLDERS.c.import_id != import_id),
            )
        )
    return ids


def _ensure_buyers(
    session: Session, buyers: list[tuple[str, str | None]], *, import_id: int | None, is_demo: bool,
    now: datetime, ensured: set[str],
) -> None:
    """A profile for every buyer met (SIRET, name as in its contracts): the officer completes it later. The
    buyers of ``ensured`` are known to have one (they are added to it)."""
    names: dict[str, str | None] = {}
    for siret, name in buyers:
        if siret not in ensured:
            names[siret] = names.get(siret) or name
    sirets = [(siret,) for siret in names]
    ensured.update(names)
    for known in rows_by_key(session.connection(), BUYER, ("siret",), sirets, columns=("siret",)):
        del names[known.siret]
    if not names:
        return
    insert_ = _insert(session)
    session.execute(
        insert_(BUYER).on_conflict_do_nothing(index_elements=["siret"]),
        [{"siret": siret, "name": name, "defaults": {}, "is_demo": is_demo, "import_id": import_id,
          "version": 1, "created_at": now, "updated_at": now} for siret, name in names.items()],
    )


def _refusal(report: ImportReport, error_count: int) -> InvalidInput:
    first = report.errors[0]
    return InvalidInput(
        "Fichier refusé, rien n'a été importé : "
        f"{plural(error_count, 'enregistrement invalide', 'enregistrements invalides')}, dont "
        f"« {first.record} : {first.message} ». Corrigez-les, ou importez les autres en ignorant les invalides "
        "(option --skip-invalid, ou skip_invalid=true dans l'API).",
        errors=[e.as_dict() for e in report.errors], error_count=error_count,
    )


def file_sha256(stream: IO[bytes]) -> str:
    """SHA-256 of a seekable stream, read from its start; the stream is rewound."""
    stream.seek(0)
    digest = hashlib.sha256()
    while chunk := stream.read(1 << 20):
        digest.update(chunk)
    stream.seek(0)
    return digest.hexdigest()


def import_purchases(
    *, session: Session, stream: IO[bytes], filename: str, actor: str, skip_invalid: bool = False,
    demo: bool = False, on_progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import a purchase file in one transaction: a bad record refuses the whole file unless ``skip_invalid``.

    The import is recorded (file name, SHA-256, ``actor``, counts) so that it can be listed and undone;
    ``demo`` marks what it writes as demonstration data.
    """
    sha256 = file_sha256(stream)
    if on_progress is not None:
        stream = io.BufferedReader(_ProgressReader(stream, on_progress), buffer_size=1 << 20)
    reader = PurchaseReader(stream)
    report = ImportReport(filename=filename, format=reader.format, sha256=sha256)
    batch = PurchaseImport(filename=filename[:255], format=reader.format, sha256=sha256, actor=actor[:200],
                           is_demo=demo)
    error_count = 0
    with rare_collections():
        try:
            session.add(batch)
            session.flush()
            use_bulk_cache(session.connection())
            report.import_id = batch.id
            pending: list[PurchaseRecord] = []
            buyers_ensured: set[str] = set()
            indexes = DeferredIndexes(session.connection(), [PURCHASES, HOLDERS])
            defer_from = None
            if DeferredIndexes.supported(session.connection()):
                stored = session.execute(select(func.count()).select_from(PURCHASES)).scalar_one()
                defer_from = max(DEFER_INDEXES_FROM, stored)

            def flush() -> None:
                done = write_purchases(session, pending, source=reader.format, import_id=batch.id, is_demo=demo,
                                       changed_by=f"import n° {batch.id} ({filename})", buyers_ensured=buyers_ensured)
                report.created += done.created
                report.updated += done.updated
                report.unchanged += done.unchanged
                report.kept += done.kept
                pending.clear()
                if defer_from is not None and report.created + report.updated >= defer_from:
                    indexes.drop()

            for item in reader:
                if isinstance(item, RecordError):
                    error_count += 1
                    if len(report.errors) < MAX_LISTED_ERRORS:
                        report.errors.append(item)
                    continue
                report.records += 1
                if error_count and not skip_invalid:
                    continue  # the file will be refused: keep reading only to report every bad record
                pending.append(item)
                if len(pending) >= BATCH_SIZE:
                    flush()
            report.ignored = reader.ignored
            if error_count and not skip_invalid:
                raise _refusal(report, error_count)
            flush()
            report.skipped = error_count
            batch.records, batch.created, batch.updated, batch.unchanged, batch.skipped = (
                report.records, report.created, report.updated, report.unchanged, report.skipped,
            )
            session.add(batch)
            indexes.restore()
            session.commit()
        except BaseException:
            session.rollback()
            raise
    refresh_statistics(session.get_bind().engine, [PURCHASES, HOLDERS, BUYER])
    return report


# ---------------------------------------------------------------------------------------------
# One contract recorded from Clausier (clauses -> DECP considerations)
# ---------------------------------------------------------------------------------------------

def considerations_from_clauses(
    *, session: Session, clauses: list[tuple[str, int]]
) -> tuple[frozenset[str], frozenset[str]]:
    """The DECP social and environmental values the given clause versions produce (each declares one)."""
    values = {get_version(session=session, clause_id=cid, version=v).decp_value for cid, v in clauses}
    return (
        frozenset(v for v in values if v in SOCIAL_VALUES),
        frozenset(v for v in values if v in ENVIRONMENTAL_VALUES),
    )


def record_purchase(*, session: Session, data: PurchaseIn, actor: str) -> Purchase:
    """Create or update one contract; with the clauses of its Clausier tender, its considerations follow them.

    A tender built with Clausier knows its considerations: each clause yields its declared DECP
    value, and a side without any clause is "no consideration" (not "unknown").
    """
    social = _parse_considerations(data.considerations_sociales, social=True)
    environmental = _parse_considerations(data.considerations_environnementales, social=False)
    stored = [c.model_dump(exclude_none=True) for c in data.clauses or []]
    if data.document_id is not None and data.clauses is None:
        document = session.get(GeneratedDocument, data.document_id)
        if document is None:
            raise NotFound(f"Document généré inconnu : {data.document_id}.", document_id=data.document_id)
        stored = [{"id": c["id"], "version": int(c["version"])} for c in document.clauses]
    clauses = [(c["id"], c["version"]) for c in stored]
    if clauses or data.clauses is not None:  # an empty list of clauses: none of either side
        from_clauses = considerations_from_clauses(session=session, clauses=clauses)
        social = (social or frozenset()) | from_clauses[0]
        environmental = (environmental or frozenset()) | from_clauses[1]
    cpv, division = clean_cpv(data.cpv)
    record = PurchaseRecord(
        buyer_siret=data.buyer_siret, buyer_ref=data.buyer_ref, buyer_name=data.buyer_name, object=data.object,
        cpv=cpv, cpv_division=division, nature=data.nature, procedure=data.procedure,
        amount_cents=int(data.amount_eur * 100), notified_on=data.notified_on, launched_on=data.launched_on,
        duration_months=data.duration_months, social=social, environmental=environmental,
        fair_trade_cents=None if data.fair_trade_amount_eur is None else int(data.fair_trade_amount_eur * 100),
        holders=[Holder(h.holder_id, h.id_type, h.name) for h in data.holders],
    )
    extra = {
        "clauses": stored if clauses else None,
        "document_id": data.document_id,
    }
    try:
        done = write_purchases(session, [record], source="clausier", import_id=None, extra={record.key: extra},
                               changed_by=f"api ({actor})")
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return get_purchase(session=session, purchase_id=done.ids[record.key])


# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------

def get_purchase(*, session: Session, purchase_id: int) -> Purchase:
    """One contract by id."""
    purchase = session.get(Purchase, purchase_id)
    if purchase is None:
        raise NotFound(f"Marché inconnu : {purchase_id}.", purchase_id=purchase_id)
    return purchase


def list_purchases(
    *, session: Session, year: int | None = None, buyer: str | None = None, limit: int = 50, offset: int = 0
) -> tuple[list[Purchase], int]:
    """Contracts, newest notification first, and how many match."""
    query = select(Purchase)
    if year is not None:
        query = query.where(
            col(Purchase.notified_on) >= date(year, 1, 1), col(Purchase.notified_on) < date(year + 1, 1, 1)
        )
    if buyer is not None:
        query = query.where(col(Purchase.buyer_siret) == buyer)
    total = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    page = query.order_by(
        col(Purchase.notified_on).desc(), col(Purchase.buyer_siret), col(Purchase.buyer_ref)
    ).limit(limit).offset(offset)
    return list(session.execute(page).scalars()), total


def holders_of(*, session: Session, purchase_ids: list[int]) -> dict[int, list[PurchaseHolder]]:
    """Holders of some contracts, in the order they were written."""
    found: dict[int, list[PurchaseHolder]] = {pid: [] for pid in purchase_ids}
    rows = session.execute(
        select(PurchaseHolder).where(col(PurchaseHolder.purchase_id).in_(purchase_ids)).order_by(
            col(PurchaseHolder.id)
        )
    ).scalars()
    for holder in rows:
        found[holder.purchase_id].append(holder)
    return found


def decp_values(purchase: Purchase, *, social: bool) -> list[str] | None:
    """The DECP list of one side as published: the values present, "Pas de considération …", or None."""
    mapping = SOCIAL_VALUES if social else ENVIRONMENTAL_VALUES
    flags = [getattr(purchase, column) for column in mapping.values()]
    if flags[0] is None:
        return None
    present = [value for value, flag in zip(mapping, flags, strict=True) if flag]
    return present or [NO_SOCIAL if social else NO_ENVIRONMENTAL]


def _euros(cents: int | None) -> Decimal | None:
    """Cents as an exact euro amount."""
    return None if cents is None else (Decimal(cents) / 100).quantize(Decimal("0.01"))


def purchase_out(purchase: Purchase, holders: list[PurchaseHolder]) -> PurchaseOut:
    """The API view of a contract: DECP lists rebuilt from the flags, euros from cents."""
    assert purchase.id is not None
    return PurchaseOut(
        id=purchase.id, buyer_siret=purchase.buyer_siret, buyer_name=purchase.buyer_name,
        buyer_ref=purchase.buyer_ref, object=purchase.object, cpv=purchase.cpv, nature=purchase.nature,
        procedure=purchase.procedure, amount_eur=_euros(purchase.amount_cents) or Decimal(0),
        notified_on=purchase.notified_on, launched_on=purchase.launched_on,
        duration_months=purchase.duration_months,
        holders=[HolderOut(holder_id=h.holder_id, id_type=h.id_type, name=h.name) for h in holders],
        considerations_sociales=decp_values(purchase, social=True),
        considerations_environnementales=decp_values(purchase, social=False),
        fair_trade_amount_eur=_euros(purchase.fair_trade_cents), clauses=purchase.clauses,
        document_id=purchase.document_id, source=purchase.source, import_id=purchase.import_id,
        is_demo=purchase.is_demo,
    )


def _parse_considerations(values: list[str] | None, *, social: bool) -> frozenset[str] | None:
    """Validated DECP values of one side, as ``InvalidInput`` for the API."""
    try:
        return considerations(values, social=social)
    except ValueError as exc:
        raise InvalidInput(str(exc)[:1].upper() + str(exc)[1:] + ".") from None
