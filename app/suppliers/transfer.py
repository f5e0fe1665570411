"""Supplier registry files: all-or-nothing import (CSV/.xlsx), CSV and JSON export, the sample registry."""

import csv
import io
import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any, Final

from sqlalchemy import (
    Engine,
    select,
)
from sqlmodel import Session

from app.config import Settings
from app.db import utcnow
from app.suppliers.importer import (
    COLUMNS,
    RowParser,
    SupplierRecord,
    export_cells,
    read_table,
)
from app.suppliers.models import (
    ACTIVITY,
    LABEL,
    SUPPLIER,
    ImportIssue,
    ImportReport,
    LabelPublic,
    SupplierLabel,
    as_utc,
)
from app.suppliers.reading import CHUNK, chunks
from app.suppliers.writing import WriteCounts, jsonable, write_records

MAX_LISTED_ERRORS: Final = 1000


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
