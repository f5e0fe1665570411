"""Supplier registry writes: upsert by SIRET with labels and activities synced, each change in the history."""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final

from sqlalchemy import (
    Connection,
    Table,
    bindparam,
    delete,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from app.bulk import insert_rows, rows_by_key
from app.db import row_snapshot, utcnow
from app.errors import Conflict, PreconditionFailed
from app.suppliers.importer import (
    ActivityRecord,
    LabelRecord,
    SupplierRecord,
    format_labels,
    format_zone,
)
from app.suppliers.models import (
    ACTIVITY,
    HISTORY,
    LABEL,
    SUPPLIER,
    Supplier,
    SupplierBase,
    SupplierCreate,
    SupplierHistory,
    SupplierPublic,
)
from app.suppliers.reading import live_supplier, read_supplier
from app.suppliers.territory import departement_of_postcode

LABEL_FIELDS: Final = ("valid_until", "valid_from", "number", "issuer", "evidence")


def jsonable(value: Any) -> Any:
    """Dates as ISO strings, for the JSON of history rows and exports."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


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
    """Insert rows having the same keys in one driver call (``COPY`` on PostgreSQL, see ``app.bulk``)."""
    names = list(rows[0])
    insert_rows(connection, table, names, [[row[name] for name in names] for row in rows])


def _execute_updates(connection: Connection, table: Table, rows: list[dict[str, Any]], key: str = "id") -> None:
    """Batch updates by primary ``key`` (given as ``b_<key>``), one statement per set of columns."""
    for group in _by_columns(rows):
        statement = update(table).where(table.c[key] == bindparam(f"b_{key}"))
        connection.execute(statement.values({c: bindparam(c) for c in group[0] if c != f"b_{key}"}), group)


def write_records(
    connection: Connection, records: list[SupplierRecord], *, source: str, now: datetime, imported: bool,
    import_id: int | None = None, is_demo: bool | None = None,
) -> WriteCounts:
    """Insert or update suppliers by SIRET (labels and activities synced), recording each change and, for a
    supplier that existed, its whole previous state (what undoing ``import_id`` restores).

    ``is_demo`` marks the rows as demonstration data or not (an import decides); None keeps the mark.
    """
    counts = WriteCounts()
    source = source[:200]
    keys = [(record.siret,) for record in records]
    # Only the columns the records carry are compared and written: no JSON decoding of the rest.
    carried = sorted({name for record in records for name in record.values})
    compared = [SUPPLIER.c[name] for name in ("siret", "version", "deleted_at", "is_demo", *carried)]
    existing = {
        row.siret: row._mapping
        for row in rows_by_key(connection, SUPPLIER, ("siret",), keys, columns=[column.name for column in compared])
    }
    # Labels and activities of the suppliers found only: none to read for new ones (a first import reads
    # nothing back, and PostgreSQL is not asked to plan joins on tables growing in this transaction).
    stored = [(siret,) for siret in existing]
    labels: dict[str, dict[str, Any]] = defaultdict(dict)
    for row in rows_by_key(connection, LABEL, ("supplier_siret",), stored):
        labels[row.supplier_siret][row.label] = row
    activities: dict[str, dict[str, Any]] = defaultdict(dict)
    for row in rows_by_key(connection, ACTIVITY, ("supplier_siret",), stored):
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
        values = record.values if is_demo is None else {**record.values, "is_demo": is_demo}
        changes: dict[str, Any] = {}
        if old is not None:
            changes = {
                name: [jsonable(old[name]), jsonable(value)]
                for name, value in values.items() if old[name] != value
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
                "production_sites": [], "is_demo": False, **values, **provenance, "siret": record.siret,
                "siren": record.siret[:9], "raw": record.raw, "version": 1,
                "created_at": now, "updated_at": now, "deleted_at": None,
            })
            history.append({"action": "creation", "changes": {}})
            counts.created += 1
        elif changes or old["deleted_at"] is not None:
            changed_rows.append({
                **values, **provenance, **({"raw": record.raw} if record.raw is not None else {}),
                "version": old["version"] + 1, "updated_at": now, "deleted_at": None, "b_siret": record.siret,
            })
            action = "restauration" if old["deleted_at"] is not None else "modification"
            history.append({"action": action, "changes": changes})
            counts.updated += 1
        else:
            counts.unchanged += 1
            continue
        history[-1].update(supplier_siret=record.siret, changed_at=now, source=source, import_id=import_id,
                           before=None if old is None else record.siret)

    if changed_rows:  # the whole previous state of each changed supplier, for an undo
        full = connection.execute(select(SUPPLIER).where(SUPPLIER.c.siret.in_([r["b_siret"] for r in changed_rows])))
        states = {
            row.siret: supplier_state(row._mapping, labels[row.siret].values(), activities[row.siret].values())
            for row in full
        }
        for entry in history:
            if entry["before"] is not None:
                entry["before"] = states[entry["before"]]
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


def supplier_state(supplier: Any, labels: Iterable[Any], activities: Iterable[Any]) -> dict[str, Any]:
    """A supplier's row, labels and activities as JSON: the state an undo puts back."""
    return {
        "supplier": row_snapshot(SUPPLIER, supplier),
        "labels": [row_snapshot(LABEL, label._mapping) for label in labels],
        "activities": [row_snapshot(ACTIVITY, activity._mapping) for activity in activities],
    }


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
        current = live_supplier(session, siret).version
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
