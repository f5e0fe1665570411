"""Supplier registry use-cases: search, read, write with history, import, export, expiry watch, suggestions."""

import csv
import io
import json
import threading
import weakref
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Final, cast

from sqlalchemy import (
    JSON,
    ColumnElement,
    Connection,
    Engine,
    Table,
    bindparam,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, col

from app.config import Settings
from app.db import utcnow
from app.errors import Conflict, InvalidInput, NotFound, PreconditionFailed
from app.suppliers.importer import (
    COLUMNS,
    ActivityRecord,
    LabelRecord,
    RowParser,
    SupplierRecord,
    export_cells,
    format_labels,
    format_zone,
    normalise_cpv,
    read_table,
)
from app.suppliers.labels import (
    DISABILITY_KINDS,
    INCLUSIVE_KINDS,
    INSERTION_KINDS,
    INSERTION_ROUTES,
    KINDS,
    LABEL_CATEGORIES,
    LABELS,
    RESERVATION_ARTICLES,
    SIAE_KINDS,
    canonical_label,
    fold,
)
from app.suppliers.models import (
    ActivityIn,
    ExpiringItem,
    ExpiringPage,
    Guarantees,
    HistoryEntry,
    HistoryPage,
    ImportIssue,
    ImportReport,
    LabelPublic,
    ProductionSite,
    Provenance,
    Supplier,
    SupplierActivity,
    SupplierBase,
    SupplierCreate,
    SupplierHistory,
    SupplierLabel,
    SupplierPage,
    SupplierPublic,
    SupplierSummary,
    as_utc,
)
from app.suppliers.search import NameIndex
from app.suppliers.suggest import (
    Counts,
    Need,
    NeedPublic,
    PlacePublic,
    SuggestedSupplier,
    SuggestionGroup,
    SuggestRequest,
    SuggestResponse,
    advise,
    infer_needs,
    nature_of,
)
from app.suppliers.territory import departement_of_postcode, is_departement, is_postcode, region_of

SUPPLIER: Final = SQLModel.metadata.tables[Supplier.__tablename__]
LABEL: Final = SQLModel.metadata.tables[SupplierLabel.__tablename__]
ACTIVITY: Final = SQLModel.metadata.tables[SupplierActivity.__tablename__]
HISTORY: Final = SQLModel.metadata.tables[SupplierHistory.__tablename__]

# Rows written per round trip during an import; also the size of IN (...) lists.
CHUNK: Final = 1000
# A fuzzy search returns at most this many suppliers (a name search, not a listing).
MAX_FUZZY_HITS: Final = 500
MAX_LISTED_ERRORS: Final = 1000
LABEL_FIELDS: Final = ("valid_until", "valid_from", "number", "issuer", "evidence")
SUMMARY_COLUMNS: Final = (
    SUPPLIER.c.siret, SUPPLIER.c.siren, SUPPLIER.c.name, SUPPLIER.c.brand, SUPPLIER.c.kind,
    SUPPLIER.c.commune, SUPPLIER.c.departement,
)


def _chunks(items: list[str], size: int = CHUNK) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _jsonable(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


# ---- writing, with history ---------------------------------------------------------------------


@dataclass
class WriteCounts:
    """What a write did (or would do, in a dry run)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _describe_labels(rows: Iterable[Any]) -> list[str]:
    return format_labels([(row.label, row.valid_until) for row in rows]).split("|") if rows else []


def _describe_activities(rows: Iterable[Any]) -> list[str]:
    return sorted(f"{row.cpv_prefix} ({format_zone(row.reach, row.areas)})" for row in rows)


def _columns_of(record: LabelRecord | ActivityRecord) -> dict[str, Any]:
    return {name: getattr(record, name) for name in record.__slots__}


def _sync_children(
    *, siret: str, existing: dict[str, Any], desired: dict[str, Any], fields: tuple[str, ...],
    source: str | None, inserts: list[dict[str, Any]], updates: list[dict[str, Any]], deletes: list[int],
) -> bool:
    """Queue the inserts, updates and deletes that make ``existing`` rows match ``desired``; True if any."""
    changed = False
    for key, record in desired.items():
        values = {name: getattr(record, name) for name in fields}
        row = existing.get(key)
        if row is None:
            inserts.append({"supplier_siret": siret, **_columns_of(record), **({"source": source} if source else {})})
            changed = True
        elif any(getattr(row, name) != value for name, value in values.items()):
            updates.append({"b_id": row.id, **values, **({"source": source} if source else {})})
            changed = True
    for key, row in existing.items():
        if key not in desired:
            deletes.append(row.id)
            changed = True
    return changed


def _by_columns(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    """Rows grouped by their set of keys: one batch statement needs the same keys in every row."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[tuple(sorted(row))].append(row)
    yield from groups.values()


def _insert_many(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert rows having the same keys: COPY on PostgreSQL, a batch INSERT elsewhere."""
    if connection.dialect.name != "postgresql":
        connection.execute(insert(table), rows)
        return
    # psycopg runs an executemany one row at a time (and cannot cache the conversion of multi-row
    # INSERTs): a 100 000-row import took about two minutes that way; COPY takes seconds.
    from psycopg.types.json import Json

    columns = list(rows[0])
    as_json = {name for name in columns if isinstance(table.c[name].type, JSON)}
    driver = connection.connection.driver_connection
    assert driver is not None
    with driver.cursor() as cursor, cursor.copy(f'COPY "{table.name}" ({", ".join(columns)}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([Json(row[c]) if c in as_json and row[c] is not None else row[c] for c in columns])


def _execute_updates(connection: Connection, table: Table, rows: list[dict[str, Any]], key: str = "id") -> None:
    """Batch updates by primary ``key`` (given as ``b_<key>``), one statement per set of columns."""
    for group in _by_columns(rows):
        statement = update(table).where(table.c[key] == bindparam(f"b_{key}"))
        connection.execute(statement.values({c: bindparam(c) for c in group[0] if c != f"b_{key}"}), group)


def write_records(
    connection: Connection, records: list[SupplierRecord], *, source: str, now: datetime, imported: bool
) -> WriteCounts:
    """Insert or update suppliers by SIRET (labels and activities synced), recording each change."""
    counts = WriteCounts()
    source = source[:200]
    sirets = [record.siret for record in records]
    # Only the columns the records carry are compared and written: no JSON decoding of the rest.
    carried = sorted({name for record in records for name in record.values})
    compared = [SUPPLIER.c[name] for name in ("siret", "version", "deleted_at", *carried)]
    existing = {
        row["siret"]: row
        for row in connection.execute(select(*compared).where(SUPPLIER.c.siret.in_(sirets))).mappings().all()
    }
    labels: dict[str, dict[str, Any]] = defaultdict(dict)
    for row in connection.execute(select(LABEL).where(LABEL.c.supplier_siret.in_(sirets))).all():
        labels[row.supplier_siret][row.label] = row
    activities: dict[str, dict[str, Any]] = defaultdict(dict)
    for row in connection.execute(select(ACTIVITY).where(ACTIVITY.c.supplier_siret.in_(sirets))).all():
        activities[row.supplier_siret][row.cpv_prefix] = row

    new_rows: list[dict[str, Any]] = []
    changed_rows: list[dict[str, Any]] = []
    history: list[dict[str, Any]] = []
    label_inserts: list[dict[str, Any]] = []
    label_updates: list[dict[str, Any]] = []
    label_deletes: list[int] = []
    activity_inserts: list[dict[str, Any]] = []
    activity_updates: list[dict[str, Any]] = []
    activity_deletes: list[int] = []
    provenance = {"source": source, "imported_at": now if imported else None}
    for record in records:
        old = existing.get(record.siret)
        changes: dict[str, Any] = {}
        if old is not None:
            changes = {
                name: [_jsonable(old[name]), _jsonable(value)]
                for name, value in record.values.items() if old[name] != value
            }
        if record.labels is not None:
            before = labels.get(record.siret, {})
            if _sync_children(
                siret=record.siret, existing=before, desired={lab.label: lab for lab in record.labels},
                fields=record.label_fields, source=source,
                inserts=label_inserts, updates=label_updates, deletes=label_deletes,
            ) and old is not None:
                changes["labels"] = [_describe_labels(before.values()), _describe_labels(record.labels)]
        if record.activities is not None:
            before = activities.get(record.siret, {})
            if _sync_children(
                siret=record.siret, existing=before,
                desired={activity.cpv_prefix: activity for activity in record.activities},
                fields=("reach", "areas"), source=None,
                inserts=activity_inserts, updates=activity_updates, deletes=activity_deletes,
            ) and old is not None:
                changes["activites"] = [
                    _describe_activities(before.values()), _describe_activities(record.activities)
                ]
        if old is None:
            new_rows.append({
                "production_sites": [], **record.values, **provenance, "siret": record.siret,
                "siren": record.siret[:9], "raw": record.raw, "version": 1,
                "created_at": now, "updated_at": now, "deleted_at": None,
            })
            history.append({"action": "creation", "changes": {}})
            counts.created += 1
        elif changes or old["deleted_at"] is not None:
            changed_rows.append({
                **record.values, **provenance, **({"raw": record.raw} if record.raw is not None else {}),
                "version": old["version"] + 1, "updated_at": now, "deleted_at": None, "b_siret": record.siret,
            })
            action = "restauration" if old["deleted_at"] is not None else "modification"
            history.append({"action": action, "changes": changes})
            counts.updated += 1
        else:
            counts.unchanged += 1
            continue
        history[-1].update(supplier_siret=record.siret, changed_at=now, source=source)

    for group in _by_columns(new_rows):
        _insert_many(connection, SUPPLIER, group)
    if changed_rows:
        _execute_updates(connection, SUPPLIER, changed_rows, key="siret")
    for table, inserts, updates, deletes in (
        (LABEL, label_inserts, label_updates, label_deletes),
        (ACTIVITY, activity_inserts, activity_updates, activity_deletes),
    ):
        if deletes:
            connection.execute(delete(table).where(table.c.id.in_(deletes)))
        if inserts:
            _insert_many(connection, table, inserts)
        if updates:
            _execute_updates(connection, table, updates)
    if history:
        _insert_many(connection, HISTORY, history)
    return counts


def _record_of(siret: str, body: SupplierBase) -> SupplierRecord:
    values = body.model_dump(exclude={"activities", "labels", "guarantees"})
    if body.postcode and not body.departement:
        values["departement"] = departement_of_postcode(body.postcode)
    guarantees = body.guarantees
    values.update(
        ilo_commitment_on=guarantees.ilo_commitment_on,
        production_sites=[site.model_dump() for site in guarantees.production_sites],
        last_audit_on=guarantees.last_audit_on,
        guarantees_valid_until=guarantees.valid_until,
    )
    return SupplierRecord(
        siret=siret, values=values,
        labels=[LabelRecord(**label.model_dump()) for label in body.labels],
        label_fields=LABEL_FIELDS,
        activities=[ActivityRecord(**activity.model_dump()) for activity in body.activities],
    )


def _live_supplier(session: Session, siret: str) -> Supplier:
    supplier = session.get(Supplier, "".join(siret.split()))
    if supplier is None or supplier.deleted_at is not None:
        raise NotFound(f"Aucun fournisseur de SIRET {siret} dans le registre.")
    return supplier


def _claim(session: Session, siret: str, expected_version: int, **values: Any) -> None:
    """Compare-and-set on the version, first statement of the transaction: the row is ours until commit.

    Without ``values`` the row is only locked; a concurrent writer then waits and finds the version moved.
    """
    siret = "".join(siret.split())
    claimed = session.execute(
        update(SUPPLIER)
        .where(SUPPLIER.c.siret == siret, SUPPLIER.c.deleted_at.is_(None), SUPPLIER.c.version == expected_version)
        .values(values or {"version": SUPPLIER.c.version})
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        current = _live_supplier(session, siret).version
        raise PreconditionFailed(
            f"Le fournisseur {siret} a été modifié entre-temps (version actuelle : {current}). "
            "Rechargez-le avant de l'enregistrer.",
            siret=siret, current_version=current,
        )


def create_supplier(*, session: Session, supplier_in: SupplierCreate, source: str = "api") -> SupplierPublic:
    """Add a supplier (a deleted one with the same SIRET comes back with the new values)."""
    old = session.get(Supplier, supplier_in.siret)
    if old is not None and old.deleted_at is None:
        raise Conflict(f"Le SIRET {supplier_in.siret} est déjà dans le registre ({old.name}).")
    record = _record_of(supplier_in.siret, supplier_in)
    try:
        write_records(session.connection(), [record], source=source, now=utcnow(), imported=False)
        session.commit()
    except IntegrityError:  # created by someone else in the meantime
        session.rollback()
        raise Conflict(f"Le SIRET {supplier_in.siret} vient d'être ajouté au registre.") from None
    return read_supplier(session=session, siret=supplier_in.siret)


def update_supplier(
    *, session: Session, siret: str, supplier_in: SupplierBase, expected_version: int, source: str = "api"
) -> SupplierPublic:
    """Replace a supplier's values, labels and activities if it is still at ``expected_version``."""
    siret = "".join(siret.split())
    _claim(session, siret, expected_version)
    write_records(
        session.connection(), [_record_of(siret, supplier_in)], source=source, now=utcnow(), imported=False
    )
    session.commit()
    return read_supplier(session=session, siret=siret)


def delete_supplier(*, session: Session, siret: str, expected_version: int, source: str = "api") -> None:
    """Soft-delete a supplier: it leaves searches and suggestions, its history stays."""
    siret = "".join(siret.split())
    now = utcnow()
    _claim(session, siret, expected_version, deleted_at=now, updated_at=now, version=expected_version + 1)
    session.add(SupplierHistory(supplier_siret=siret, changed_at=now, action="suppression", source=source[:200]))
    session.commit()


# ---- reading ------------------------------------------------------------------------------------


def _labels_of(session: Session, sirets: list[str]) -> dict[str, list[SupplierLabel]]:
    labels: dict[str, list[SupplierLabel]] = defaultdict(list)
    for chunk in _chunks(sirets):
        statement = select(SupplierLabel).where(
            SupplierLabel.supplier_siret.in_(chunk)  # type: ignore[attr-defined]
        ).order_by(SupplierLabel.label)
        for label in session.scalars(statement):
            labels[label.supplier_siret].append(label)
    return labels


def read_supplier(*, session: Session, siret: str, today: date | None = None) -> SupplierPublic:
    """Everything the registry knows about one supplier."""
    supplier = _live_supplier(session, siret)
    today = today or date.today()
    activities = session.scalars(
        select(SupplierActivity).where(col(SupplierActivity.supplier_siret) == supplier.siret)
        .order_by(col(SupplierActivity.cpv_prefix))
    )
    labels = _labels_of(session, [supplier.siret])[supplier.siret]
    return SupplierPublic(
        **supplier.model_dump(include=set(SupplierPublic.model_fields), exclude={"created_at", "updated_at"}),
        kind_label=KINDS[supplier.kind],
        activities=[ActivityIn.model_validate(a, from_attributes=True) for a in activities],
        labels=[LabelPublic.of(label, today) for label in labels],
        guarantees=Guarantees(
            ilo_commitment_on=supplier.ilo_commitment_on,
            production_sites=[ProductionSite(**site) for site in supplier.production_sites],
            last_audit_on=supplier.last_audit_on,
            valid_until=supplier.guarantees_valid_until,
        ),
        provenance=Provenance(
            source=supplier.source, imported_at=as_utc(supplier.imported_at), raw=supplier.raw
        ),
        created_at=as_utc(supplier.created_at),
        updated_at=as_utc(supplier.updated_at),
    )


def read_history(*, session: Session, siret: str, limit: int = 50, offset: int = 0) -> HistoryPage:
    """Changes of a supplier, newest first."""
    siret = "".join(siret.split())
    if session.get(Supplier, siret) is None:
        raise NotFound(f"Aucun fournisseur de SIRET {siret} dans le registre.")
    where = HISTORY.c.supplier_siret == siret
    total = session.scalar(select(func.count()).select_from(HISTORY).where(where)) or 0
    rows = session.execute(
        select(HISTORY).where(where).order_by(HISTORY.c.changed_at.desc(), HISTORY.c.id.desc())
        .limit(limit).offset(offset)
    )
    items = [
        HistoryEntry(changed_at=as_utc(row.changed_at), action=row.action, source=row.source, changes=row.changes)
        for row in rows
    ]
    return HistoryPage(items=items, total=total)


_indexes: "weakref.WeakKeyDictionary[Engine, tuple[tuple[Any, ...], NameIndex]]" = weakref.WeakKeyDictionary()
_index_lock = threading.Lock()


def name_index(session: Session) -> NameIndex:
    """The fuzzy index of live supplier names, rebuilt when the table changed (any process).

    Every write sets ``updated_at`` and every insert changes the count. Blind spot: an update committed
    with an older timestamp than another writer's later commit (two overlapping write transactions).
    """
    engine = cast(Engine, session.get_bind())
    fingerprint = tuple(session.execute(select(func.count(), func.max(SUPPLIER.c.updated_at))).one())
    cached = _indexes.get(engine)
    if cached is not None and cached[0] == fingerprint:
        return cached[1]
    with _index_lock:
        rows = session.execute(
            select(SUPPLIER.c.siret, SUPPLIER.c.name, SUPPLIER.c.brand).where(SUPPLIER.c.deleted_at.is_(None))
        )
        index = NameIndex.build((siret, f"{name} {brand or ''}") for siret, name, brand in rows)
        _indexes[engine] = (fingerprint, index)
    return index


def cpv_condition(prefix: str) -> ColumnElement[bool]:
    """Activities overlapping a CPV prefix: broader ones (``45`` for ``4521``) and narrower ones."""
    broader = [prefix[:n] for n in range(2, len(prefix) + 1)]
    return or_(ACTIVITY.c.cpv_prefix.in_(broader), ACTIVITY.c.cpv_prefix.like(f"{prefix}%"))


def _label_names(label: str) -> frozenset[str]:
    if label in LABEL_CATEGORIES:
        return frozenset(name for name, category in LABELS.items() if category == label)
    name = canonical_label(label)
    if name is None:
        raise InvalidInput(
            f"Label inconnu : « {label} » (liste : GET /api/v1/suppliers/labels).",
            errors=[{"field": "label", "message": "label inconnu"}],
        )
    return frozenset({name})


def valid_label_condition(names: Iterable[str], on: date) -> ColumnElement[bool]:
    """Suppliers holding one of ``names``, valid on ``on``."""
    return exists().where(
        LABEL.c.supplier_siret == SUPPLIER.c.siret,
        LABEL.c.label.in_(sorted(names)),
        or_(LABEL.c.valid_from.is_(None), LABEL.c.valid_from <= on),
        or_(LABEL.c.valid_until.is_(None), LABEL.c.valid_until >= on),
    )


def _communes_matching(session: Session, name: str) -> list[str]:
    wanted = fold(name)
    communes = session.scalars(select(SUPPLIER.c.commune).distinct().where(SUPPLIER.c.commune.is_not(None)))
    return [commune for commune in communes if fold(commune) == wanted]


def list_suppliers(
    *, session: Session, q: str | None = None, kind: str | None = None, label: str | None = None,
    label_valid_on: date | None = None, cpv: str | None = None, departement: str | None = None,
    commune: str | None = None, eligible_clause_sociale: bool | None = None,
    limit: int = 50, offset: int = 0, today: date | None = None,
) -> SupplierPage:
    """Live suppliers matching every filter given; by relevance with ``q``, else by name."""
    today = today or date.today()
    conditions: list[ColumnElement[bool]] = [SUPPLIER.c.deleted_at.is_(None)]
    if kind is not None:
        if kind not in KINDS:
            raise InvalidInput(
                f"Type de structure inconnu : « {kind} ».",
                errors=[{"field": "kind", "message": "valeur non autorisée"}],
            )
        conditions.append(SUPPLIER.c.kind == kind)
    if label is not None:
        conditions.append(valid_label_condition(_label_names(label), label_valid_on or today))
    if cpv is not None:
        try:
            prefix = normalise_cpv(cpv)
        except ValueError as exc:
            raise InvalidInput(str(exc), errors=[{"field": "cpv", "message": str(exc)}]) from None
        conditions.append(exists().where(ACTIVITY.c.supplier_siret == SUPPLIER.c.siret, cpv_condition(prefix)))
    if departement is not None:
        conditions.append(SUPPLIER.c.departement == departement.upper())
    if commune is not None:
        conditions.append(SUPPLIER.c.commune.in_(_communes_matching(session, commune)))
    if eligible_clause_sociale is not None:
        eligible = SUPPLIER.c.kind.in_(sorted(INSERTION_KINDS))
        conditions.append(eligible if eligible_clause_sociale else ~eligible)

    scores: dict[str, float] = {}
    digits = "".join((q or "").split())
    by_siret = digits.isdigit() and len(digits) >= 3
    if by_siret:
        conditions.append(SUPPLIER.c.siret.like(f"{digits}%"))
    if q and q.strip() and not by_siret:
        scores = dict(name_index(session).search(q, MAX_FUZZY_HITS))
        ranked = list(scores)
        if conditions[1:]:  # filters besides "live": keep the hits that pass them
            passing = select(SUPPLIER.c.siret).where(*conditions, SUPPLIER.c.siret.in_(ranked))
            kept = set(session.scalars(passing))
            ranked = [siret for siret in ranked if siret in kept]
        total, wanted = len(ranked), ranked[offset:offset + limit]
        rows = {row.siret: row for row in session.execute(
            select(*SUMMARY_COLUMNS).where(SUPPLIER.c.siret.in_(wanted))
        )}
        page = [rows[siret] for siret in wanted if siret in rows]
    else:
        total = session.scalar(select(func.count()).select_from(SUPPLIER).where(*conditions)) or 0
        page = list(session.execute(
            select(*SUMMARY_COLUMNS).where(*conditions).order_by(SUPPLIER.c.name, SUPPLIER.c.siret)
            .limit(limit).offset(offset)
        ))
    labels = _labels_of(session, [row.siret for row in page])
    items = [
        SupplierSummary(
            **row._mapping, labels=[LabelPublic.of(lab, today) for lab in labels[row.siret]],
            score=scores.get(row.siret),
        )
        for row in page
    ]
    return SupplierPage(items=items, total=total)


def list_expiring(
    *, session: Session, days: int = 60, include_expired: bool = False, today: date | None = None,
    limit: int = 200, offset: int = 0,
) -> ExpiringPage:
    """Labels and social guarantees of live suppliers ending within ``days``, soonest first."""
    today = today or date.today()
    end = today + timedelta(days=days)
    start = date.min if include_expired else today
    live = SUPPLIER.c.deleted_at.is_(None)
    items: list[ExpiringItem] = []
    label_rows = session.execute(
        select(SUPPLIER.c.siret, SUPPLIER.c.name, SUPPLIER.c.kind, LABEL.c.label, LABEL.c.valid_until)
        .join(LABEL, LABEL.c.supplier_siret == SUPPLIER.c.siret)
        .where(live, LABEL.c.valid_until.between(start, end))
    )
    for row in label_rows:
        items.append(ExpiringItem(
            siret=row.siret, name=row.name, kind=row.kind, what="label", label=row.label,
            valid_until=row.valid_until, days_left=(row.valid_until - today).days,
        ))
    guarantee_rows = session.execute(
        select(SUPPLIER.c.siret, SUPPLIER.c.name, SUPPLIER.c.kind, SUPPLIER.c.guarantees_valid_until)
        .where(live, SUPPLIER.c.guarantees_valid_until.between(start, end))
    )
    for row in guarantee_rows:
        items.append(ExpiringItem(
            siret=row.siret, name=row.name, kind=row.kind, what="garanties", label=None,
            valid_until=row.guarantees_valid_until, days_left=(row.guarantees_valid_until - today).days,
        ))
    items.sort(key=lambda item: (item.valid_until, item.name, item.siret, item.label or ""))
    return ExpiringPage(items=items[offset:offset + limit], total=len(items))


# ---- import and export --------------------------------------------------------------------------


def import_suppliers(
    *, engine: Engine, data: bytes, filename: str, dry_run: bool = False, source: str | None = None,
    today: date | None = None, on_progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Check every row of a CSV/.xlsx file, then upsert all of them by SIRET, or none (all-or-nothing)."""
    today = today or date.today()
    report = ImportReport(file=filename, dry_run=dry_run)
    table = read_table(data)
    parser = RowParser(table.headers, today)

    def refuse(issue: ImportIssue) -> None:
        report.errors_total += 1
        if len(report.errors) < MAX_LISTED_ERRORS:
            report.errors.append(issue)

    if not any(table.headers):
        refuse(ImportIssue(line=1, column="", message="fichier vide : ligne d'en-têtes attendue"))
        return report
    for column in parser.missing:
        accepted = ", ".join(f"« {h} »" for h in (column, *COLUMNS[column][1]))
        refuse(ImportIssue(line=1, column=column, message=f"colonne obligatoire absente ({accepted})"))
    if report.errors_total:
        return report

    source = source or f"import:{filename}"
    now = utcnow()
    counts = WriteCounts()
    seen: dict[str, int] = {}
    chunk: list[SupplierRecord] = []
    with engine.connect() as connection, connection.begin() as transaction:

        def flush() -> None:
            if chunk and not report.errors_total:
                done = write_records(connection, chunk, source=source, now=now, imported=True)
                counts.created += done.created
                counts.updated += done.updated
                counts.unchanged += done.unchanged
            chunk.clear()
            if on_progress:
                on_progress(report.rows, table.total)

        for line, cells in table.rows:
            if not any(cell.strip() for cell in cells):
                continue
            report.rows += 1
            record, errors, warnings = parser.parse(line, cells)
            report.warnings.extend(warnings[: MAX_LISTED_ERRORS - len(report.warnings)])
            if record is not None and record.siret in seen:
                errors = [ImportIssue(
                    line=line, column=parser.header_of("siret"),
                    message=f"SIRET {record.siret} en double dans le fichier (déjà ligne {seen[record.siret]})",
                )]
            for issue in errors:
                refuse(issue)
            if record is not None and not errors:
                seen[record.siret] = line
                chunk.append(record)
                if len(chunk) >= CHUNK:
                    flush()
        flush()
        if report.errors_total or dry_run:
            transaction.rollback()
        else:
            transaction.commit()
            report.written = True
    if not report.errors_total:
        report.created, report.updated, report.unchanged = counts.created, counts.updated, counts.unchanged
    return report


def load_sample_registry(engine: Engine, settings: Settings) -> None:
    """Import the sample registry files (``*.csv`` of SUPPLIER_DATA_DIR) into the database."""
    for path in sorted(settings.SUPPLIER_DATA_DIR.glob("*.csv")):
        report = import_suppliers(
            engine=engine, data=path.read_bytes(), filename=path.name, source=f"exemple:{path.name}"
        )
        if report.errors_total:
            first = report.errors[0]
            raise RuntimeError(
                f"Registre d'exemple refusé : {path} ligne {first.line}, {first.column} : {first.message}"
            )


def _export_snapshot(session: Session) -> Iterator[tuple[dict[str, Any], list[Any], list[Any]]]:
    """Live suppliers by SIRET, with their labels and activities, a chunk of queries at a time."""
    sirets = list(session.scalars(
        select(SUPPLIER.c.siret).where(SUPPLIER.c.deleted_at.is_(None)).order_by(SUPPLIER.c.siret)
    ))
    for chunk in _chunks(sirets):
        suppliers = session.execute(select(SUPPLIER).where(SUPPLIER.c.siret.in_(chunk)).order_by(SUPPLIER.c.siret))
        labels: dict[str, list[Any]] = defaultdict(list)
        for row in session.execute(select(LABEL).where(LABEL.c.supplier_siret.in_(chunk)).order_by(LABEL.c.label)):
            labels[row.supplier_siret].append(row)
        activities: dict[str, list[Any]] = defaultdict(list)
        statement = select(ACTIVITY).where(ACTIVITY.c.supplier_siret.in_(chunk)).order_by(ACTIVITY.c.cpv_prefix)
        for row in session.execute(statement):
            activities[row.supplier_siret].append(row)
        for supplier in suppliers:
            yield dict(supplier._mapping), labels[supplier.siret], activities[supplier.siret]


def export_csv(*, session: Session) -> bytes:
    """The live registry in the import format, for Excel: ``;``, UTF-8 with BOM, formulas neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for values, labels, activities in _export_snapshot(session):
        writer.writerow(export_cells(
            values,
            [(label.label, label.valid_until) for label in labels],
            [(activity.cpv_prefix, activity.reach, activity.areas) for activity in activities],
        ))
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def export_json(*, session: Session, today: date | None = None) -> bytes:
    """The live registry as a JSON list of full suppliers (labels, activities, guarantees, provenance)."""
    today = today or date.today()
    items = []
    for values, labels, activities in _export_snapshot(session):
        items.append({
            **{key: _jsonable(as_utc(v) if isinstance(v, datetime) else v) for key, v in values.items()
               if key not in ("deleted_at",)},
            "labels": [LabelPublic.of(SupplierLabel(**label._mapping), today).model_dump(mode="json")
                       for label in labels],
            "activities": [{"cpv_prefix": a.cpv_prefix, "reach": a.reach, "areas": a.areas} for a in activities],
        })
    return json.dumps({"items": items, "total": len(items)}, ensure_ascii=False, indent=1).encode()


# ---- suggestions for a tender -------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """Where a tender is performed, as far as the registry can tell."""

    query: str
    departement: str | None
    commune: str | None  # folded commune name

    @property
    def wording(self) -> str:
        """``à Melun (77)``, ``dans le 77``, or the text given."""
        if self.commune and self.departement:
            return f"à {self.query} ({self.departement})"
        if self.departement:
            return f"dans le {self.departement}"
        return f"à {self.query}"


def resolve_place(session: Session, text: str | None) -> Place | None:
    """Département and commune of a place given as a département, a postcode or a commune name."""
    if not text or not text.strip():
        return None
    text = text.strip()
    if is_departement(text.upper()):
        return Place(text, text.upper(), None)
    if is_postcode(text):
        commune = session.scalar(select(SUPPLIER.c.commune).where(SUPPLIER.c.postcode == text).limit(1))
        return Place(commune or text, departement_of_postcode(text), fold(commune) if commune else None)
    communes = _communes_matching(session, text)
    departement = None
    if communes:
        departement = session.scalar(
            select(SUPPLIER.c.departement).where(SUPPLIER.c.commune.in_(communes)).limit(1)
        )
    return Place(communes[0] if communes else text, departement, fold(text))


def _serves(place: Place | None, supplier: Any, activity: Any) -> bool:
    if place is None or activity.reach == "national":
        return True
    if place.commune and fold(supplier.commune or "") == place.commune:
        return True
    if activity.reach == "region":
        return region_of(place.departement) in activity.areas
    if activity.reach == "departements":
        return place.departement in activity.areas
    return (place.commune in {fold(area) for area in activity.areas}) if place.commune else (
        supplier.departement == place.departement
    )


def _reach_wording(activity: Any) -> str:
    if activity.reach == "national":
        return "intervient dans toute la France"
    if activity.reach == "region":
        return "intervient dans la région"
    return "intervient : " + ", ".join(activity.areas)


def _role_reason(kind: str) -> str:
    parts = []
    if kind in RESERVATION_ARTICLES:
        parts.append(f"peut se voir réserver le marché ou un lot ({RESERVATION_ARTICLES[kind]})")
    if kind in INSERTION_ROUTES:
        parts.append(f"heures d'insertion par {INSERTION_ROUTES[kind]} (L2112-2)")
    return f"{KINDS[kind]} : " + " ; ".join(parts)


def _label_reason(label: LabelPublic, on: date) -> str:
    category = LABEL_CATEGORIES[label.category]
    if label.valid_until is None:
        return f"Label {label.label} ({category}), sans date de fin connue"
    soon = " — à renouveler bientôt" if (label.valid_until - on).days <= 60 else ""
    return f"Label {label.label} ({category}) valide jusqu'au {label.valid_until:%d/%m/%Y}{soon}"


GROUPS: Final = (
    ("insertion", "Structures inclusives (SIAE, EA, ESAT, GEIQ) : réservation ou clause d'insertion"),
    ("commerce-equitable", "Commerce équitable labellisé"),
    ("labellises", "Labels environnementaux ou sociaux valides"),
)


def suggest_suppliers(
    *, session: Session, request: SuggestRequest, today: date | None = None
) -> SuggestResponse:
    """Suppliers able to serve a tender, by role and with reasons, and the instrument to advise."""
    on = request.date or today or date.today()
    needs = infer_needs(request.text, request.cpv)
    place = resolve_place(session, request.place)
    warnings = []
    if not needs:
        warnings.append("Aucun secteur reconnu dans le texte : indiquez un code CPV pour trouver des structures.")
    if place is not None and place.departement is None:
        warnings.append(
            f"Lieu « {place.query} » inconnu du registre : seules les structures qui interviennent partout "
            "ou qui citent cette commune sont retenues."
        )

    # Each row carries a supplier and one of its activities overlapping a need.
    matched: dict[str, tuple[Any, Need]] = {}
    if needs:
        statement = (
            select(*SUMMARY_COLUMNS, ACTIVITY.c.cpv_prefix, ACTIVITY.c.reach, ACTIVITY.c.areas)
            .join(ACTIVITY, ACTIVITY.c.supplier_siret == SUPPLIER.c.siret)
            .where(SUPPLIER.c.deleted_at.is_(None), or_(*(cpv_condition(need.cpv_prefix) for need in needs)))
            .order_by(SUPPLIER.c.siret, ACTIVITY.c.cpv_prefix)
        )
        for row in session.execute(statement):
            if row.siret not in matched and _serves(place, row, row):
                need = next(
                    n for n in needs
                    if row.cpv_prefix.startswith(n.cpv_prefix) or n.cpv_prefix.startswith(row.cpv_prefix)
                )
                matched[row.siret] = (row, need)

    labels = _labels_of(session, list(matched))
    groups: dict[str, list[tuple[tuple[int, str, str], SuggestedSupplier]]] = {key: [] for key, _ in GROUPS}
    counts = Counts()
    for siret, (row, need) in matched.items():
        valid = [label for label in (LabelPublic.of(lab, on) for lab in labels[siret]) if label.valid]
        base_reasons = [
            f"Activité CPV {row.cpv_prefix} pour le besoin « {need.cpv_prefix} {need.wording} »"
            + (" (déduit du texte)" if need.source == "texte" else ""),
            f"Basée à {row.commune or '?'} ({row.departement or '?'}), {_reach_wording(row)}",
        ]
        same_commune = place is not None and place.commune == fold(row.commune or "")
        nearness = 0 if same_commune else 1 if place and row.departement == place.departement else 2
        order = (nearness, fold(row.name), siret)

        def suggested(reasons: list[str], row: Any = row, valid: list[LabelPublic] = valid) -> SuggestedSupplier:
            return SuggestedSupplier(
                siret=row.siret, name=row.name, kind=row.kind, kind_label=KINDS[row.kind],
                commune=row.commune, departement=row.departement,
                labels=[label.model_dump(mode="json") for label in valid], reasons=reasons,
            )

        if row.kind in INCLUSIVE_KINDS:
            groups["insertion"].append((order, suggested([_role_reason(row.kind), *base_reasons])))
            counts.siae += row.kind in SIAE_KINDS
            counts.ea_esat += row.kind in DISABILITY_KINDS
            counts.insertion += row.kind in INSERTION_KINDS
        fair = [label for label in valid if label.category == "commerce-equitable"]
        if fair:
            reasons = [_label_reason(label, on) for label in fair]
            groups["commerce-equitable"].append((order, suggested([*reasons, *base_reasons])))
            counts.commerce_equitable += 1
        other = [label for label in valid if label.category in ("environnement", "social")]
        if other:
            reasons = [_label_reason(label, on) for label in other]
            groups["labellises"].append((order, suggested([*reasons, *base_reasons])))
            counts.labellises += 1

    advice = advise(
        counts, amount_eur=request.amount_eur, nature=request.nature or nature_of(needs), on=on,
        where=f"pour ce secteur {place.wording if place else 'dans le registre'}",
    )
    return SuggestResponse(
        needs=[NeedPublic(cpv_prefix=n.cpv_prefix, wording=n.wording, source=n.source) for n in needs],
        place=None if place is None else PlacePublic(
            query=place.query, departement=place.departement, known=place.departement is not None
        ),
        groups=[
            SuggestionGroup(
                role=key, title=title, total=len(groups[key]),
                items=[item for _, item in sorted(groups[key], key=lambda entry: entry[0])[: request.limit]],
            )
            for key, title in GROUPS
        ],
        advice=advice,
        warnings=warnings,
    )
