"""Supplier registry files: all-or-nothing import (CSV/.xlsx) recorded for undo, CSV and JSON export."""

import csv
import hashlib
import io
import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any, Final

from sqlalchemy import Engine, and_, bindparam, delete, func, insert, select, update
from sqlmodel import Session

from app.audit.service import Actor
from app.bulk import rare_collections, refresh_statistics
from app.db import row_from_snapshot, use_bulk_cache, utcnow
from app.suppliers.importer import (
    COLUMNS,
    RowParser,
    SupplierRecord,
    export_cells,
    read_table,
)
from app.suppliers.models import (
    ACTIVITY,
    HISTORY,
    IMPORTS,
    LABEL,
    SUPPLIER,
    ImportIssue,
    ImportReport,
    LabelPublic,
    SupplierImport,
    SupplierLabel,
    as_utc,
)
from app.suppliers.reading import CHUNK, chunks
from app.suppliers.writing import WriteCounts, jsonable, write_records
from app.undo import get_record, list_records, run_undo

MAX_LISTED_ERRORS: Final = 1000


def import_suppliers(
    *, engine: Engine, data: bytes, filename: str, actor: str, dry_run: bool = False, source: str | None = None,
    demo: bool = False, today: date | None = None, on_progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Check every row of a CSV/.xlsx file, then upsert all of them by SIRET, or none (all-or-nothing).

    A written import is recorded (file name, SHA-256, ``actor``, counts) so that it can be listed and
    undone; ``demo`` marks what it writes as demonstration data.
    """
    today = today or date.today()
    report = ImportReport(file=filename, dry_run=dry_run, sha256=hashlib.sha256(data).hexdigest())
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
    with rare_collections(), engine.connect() as connection, connection.begin() as transaction:
        use_bulk_cache(connection)
        import_id = connection.execute(
            insert(IMPORTS).values(filename=filename[:255], sha256=report.sha256, actor=actor[:200], is_demo=demo,
                                   imported_at=now).returning(IMPORTS.c.id)
        ).scalar_one()

        def flush() -> None:
            if chunk and not report.errors_total:
                done = write_records(connection, chunk, source=source, now=now, imported=True, import_id=import_id,
                                     is_demo=demo)
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
            connection.execute(update(IMPORTS).where(IMPORTS.c.id == import_id).values(
                rows=report.rows, created=counts.created, updated=counts.updated, unchanged=counts.unchanged,
            ))
            transaction.commit()
            report.written, report.import_id = True, import_id
    if report.written:
        refresh_statistics(engine, [SUPPLIER, LABEL, ACTIVITY])
    if not report.errors_total:
        report.created, report.updated, report.unchanged = counts.created, counts.updated, counts.unchanged
    return report


def _export_snapshot(session: Session) -> Iterator[tuple[dict[str, Any], list[Any], list[Any]]]:
    """Live suppliers by SIRET, with their labels and activities, a chunk of queries at a time."""
    sirets = list(session.scalars(
        select(SUPPLIER.c.siret).where(SUPPLIER.c.deleted_at.is_(None)).order_by(SUPPLIER.c.siret)
    ))
    for chunk in chunks(sirets):
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
            **{key: jsonable(as_utc(v) if isinstance(v, datetime) else v) for key, v in values.items()
               if key not in ("deleted_at",)},
            "labels": [LabelPublic.of(SupplierLabel(**label._mapping), today).model_dump(mode="json")
                       for label in labels],
            "activities": [{"cpv_prefix": a.cpv_prefix, "reach": a.reach, "areas": a.areas} for a in activities],
        })
    return json.dumps({"items": items, "total": len(items)}, ensure_ascii=False, indent=1).encode()


# ---- the imports, and undoing one ---------------------------------------------------------------


def list_imports(*, session: Session, limit: int = 50, offset: int = 0) -> tuple[list[SupplierImport], int]:
    """Imports of the registry, newest first, and how many there are."""
    return list_records(session, SupplierImport, limit=limit, offset=offset)


def get_import(*, session: Session, import_id: int) -> SupplierImport:
    """One import by id."""
    return get_record(session, SupplierImport, import_id, what="fournisseurs")


def _later_changes(session: Session, import_id: int) -> list[tuple[int | None, int]]:
    """Changes made since to suppliers this import wrote: (by which import, or None; how many suppliers)."""
    mine, later = HISTORY.alias("mine"), HISTORY.alias("later")
    return [(row[0], int(row[1])) for row in session.execute(
        select(later.c.import_id, func.count(later.c.supplier_siret.distinct()))
        .join(mine, and_(mine.c.supplier_siret == later.c.supplier_siret, later.c.id > mine.c.id))
        .where(mine.c.import_id == import_id)
        .group_by(later.c.import_id).order_by(later.c.import_id)
    )]


def _restore(session: Session, states: list[dict[str, Any]]) -> None:
    """Put suppliers back in the states an import replaced: row, labels and activities."""
    rows = [row_from_snapshot(SUPPLIER, state["supplier"]) for state in states]
    values: dict[str, Any] = {name: bindparam(name) for name in rows[0] if name != "siret"}
    session.execute(
        update(SUPPLIER).where(SUPPLIER.c.siret == bindparam("b_siret")).values(values),
        [{**{k: v for k, v in row.items() if k != "siret"}, "b_siret": row["siret"]} for row in rows],
    )
    sirets = [row["siret"] for row in rows]
    for table, key in ((LABEL, "labels"), (ACTIVITY, "activities")):
        session.execute(delete(table).where(table.c.supplier_siret.in_(sirets)))
        children = [row_from_snapshot(table, child) for state in states for child in state[key]]
        if children:
            session.execute(insert(table), children)


def undo_import(*, session: Session, import_id: int, actor: Actor) -> dict[str, Any]:
    """Delete the suppliers an import created and restore those it changed; all or nothing, with its audit
    row. 409 when a supplier it wrote was changed since."""

    def revert() -> dict[str, int]:
        created: list[str] = []
        restored = 0
        for chunk_rows in _history_chunks(session, import_id):
            created += [row.supplier_siret for row in chunk_rows if row.before is None]
            states = [row.before for row in chunk_rows if row.before is not None]
            if states:
                _restore(session, states)
                restored += len(states)
            session.execute(delete(HISTORY).where(HISTORY.c.id.in_([row.id for row in chunk_rows])))
        for sirets in chunks(created):
            session.execute(delete(SUPPLIER).where(SUPPLIER.c.siret.in_(sirets)))
        return {"deleted": len(created), "restored": restored}

    return run_undo(session, get_import(session=session, import_id=import_id), actor,
                    later=_later_changes(session, import_id), revert=revert, resource="supplier_import",
                    things=("fournisseur", "fournisseurs"),
                    elsewhere="une modification hors import (API, enrichissement)")


def _history_chunks(session: Session, import_id: int) -> Iterator[list[Any]]:
    """The history rows of an import, oldest first, a chunk at a time (each chunk is deleted once handled)."""
    while rows := session.execute(
        select(HISTORY.c.id, HISTORY.c.supplier_siret, HISTORY.c.before)
        .where(HISTORY.c.import_id == import_id).order_by(HISTORY.c.id).limit(CHUNK)
    ).all():
        yield list(rows)
