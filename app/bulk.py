"""Bulk writes and key look-ups without per-row SQL: ``executemany`` on SQLite, ``COPY`` on PostgreSQL.

SQLAlchemy's Core executemany builds every row's parameters in Python (several microseconds per row);
at a million contracts that costs more than reading the file. These helpers hand plain tuples to the
driver, converted column by column with SQLAlchemy's own bind processors (dates on SQLite, JSON), so
that they write exactly what a Core insert would, in the session's transaction.
"""

import gc
import json
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import psycopg
from sqlalchemy import JSON, Boolean, Connection, Date, DateTime, Engine, Row, Select, Table, text


def _processed(connection: Connection, table: Table, names: Sequence[str], rows: list[Any]) -> list[Any]:
    """``rows`` with each value as the driver takes it (booleans pass as they are on both drivers)."""
    dialect = connection.dialect
    processors: list[tuple[int, Callable[[Any], Any]]] = []
    for index, name in enumerate(names):
        column_type = table.c[name].type
        if isinstance(column_type, Boolean):
            continue
        process: Callable[[Any], Any] | None = column_type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None and isinstance(column_type, Date | DateTime):
            process = lru_cache(maxsize=4096)(process)  # a few hundred days, one instant: convert each once
        elif process is not None and isinstance(column_type, JSON):
            process = _null_for_none(process)
        if process is not None:
            processors.append((index, process))
    if not processors:
        return rows
    converted = []
    for row in rows:
        values = list(row)
        for index, process in processors:
            values[index] = process(values[index])
        converted.append(values)
    return converted


def _null_for_none(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A JSON column's None as SQL NULL (not the JSON text ``null``), as ``COPY`` always wrote it."""
    return lambda value: None if value is None else process(value)


def insert_rows(connection: Connection, table: Table, names: Sequence[str], rows: list[Any]) -> None:
    """Insert ``rows`` (sequences of values in the order of ``names``) in one driver call: ``COPY`` on
    PostgreSQL, one prepared ``INSERT`` run by ``executemany`` on SQLite."""
    if not rows:
        return
    values = _processed(connection, table, names, rows)
    columns = ", ".join(names)
    cursor = connection.connection.cursor()
    try:
        if connection.dialect.name == "postgresql":
            with cursor.copy(f"COPY {table.name} ({columns}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
        else:
            cursor.executemany(
                f"INSERT INTO {table.name} ({columns}) VALUES ({', '.join('?' * len(names))})", values
            )
    finally:
        cursor.close()


def rows_by_key(
    connection: Connection, table: Table, key: Sequence[str], values: Sequence[Sequence[str]],
    *, columns: Sequence[str] | None = None,
) -> list[Row[Any]]:
    """The rows of ``table`` (``columns`` of them, or all) whose ``key`` columns (text) equal one of
    ``values``: one statement with the whole list as a single parameter (``unnest`` on PostgreSQL,
    ``json_each`` on SQLite), one index look-up per value, whatever the size of the table."""
    if not values:
        return []
    selected = [table.c[name] for name in dict.fromkeys(columns)] if columns else list(table.columns)
    names = ", ".join(f"t.{column.name}" for column in selected)
    if connection.dialect.name == "postgresql":
        arrays = ", ".join(f"CAST(:k{i} AS text[])" for i in range(len(key)))
        on = " AND ".join(f"t.{name} = k.c{i}" for i, name in enumerate(key))
        aliases = ", ".join(f"c{i}" for i in range(len(key)))
        query = f"SELECT {names} FROM unnest({arrays}) AS k({aliases}) JOIN {table.name} AS t ON {on}"
        params: dict[str, Any] = {f"k{i}": [value[i] for value in values] for i in range(len(key))}
    else:  # CROSS JOIN: SQLite keeps this order, the list first, then the table through its index
        on = " AND ".join(f"t.{name} = (k.value ->> {i})" for i, name in enumerate(key))
        query = f"SELECT {names} FROM json_each(:keys) AS k CROSS JOIN {table.name} AS t ON {on}"
        params = {"keys": json.dumps([list(value) for value in values])}
    return list(connection.execute(text(query).columns(*selected), params))


# Allocations between two young-generation collections while a bulk job runs (Python's default is 700).
BULK_GC_THRESHOLD = 50_000
_bulk_jobs = 0
_bulk_lock = threading.Lock()
_default_threshold = gc.get_threshold()


@contextmanager
def rare_collections() -> Iterator[None]:
    """Run a bulk job with rare cyclic garbage collections.

    Reading a million records allocates tens of millions of short-lived objects without cycles; at the
    default threshold the collector runs every 700 of them and walks the records of the pending batch
    each time: a third of an import's time. The setting is process-wide, so it is raised while at least
    one job runs and put back when the last one ends; nothing is left uncollected, only collected later.
    """
    global _bulk_jobs
    with _bulk_lock:
        _bulk_jobs += 1
        gc.set_threshold(BULK_GC_THRESHOLD, *_default_threshold[1:])
    try:
        yield
    finally:
        with _bulk_lock:
            _bulk_jobs -= 1
            if not _bulk_jobs:
                gc.set_threshold(*_default_threshold)


def stream_rows(connection: Connection, query: Select[Any], *, size: int) -> Iterator[tuple[Any, ...]]:
    """The rows of ``query`` as tuples, ``size`` at a time, in bounded memory.

    PostgreSQL: psycopg's chunked streaming of an ordinary query, which keeps its parallel plan (a server
    cursor, SQLAlchemy's ``yield_per``, cannot have one and costs three times as much on a year of a
    national ledger); nothing else may run on the connection until the rows are read. It needs libpq 17
    (psycopg[binary] ships it); with an older libpq, ``yield_per``. SQLite: the driver's cursor, which steps
    through the statement as rows are fetched. Values come as the driver gives them (no SQLAlchemy result
    processing: a date is ISO text on SQLite, a ``date`` on PostgreSQL): select plain columns and expressions.
    """
    if connection.dialect.name == "sqlite":
        result = connection.execute(query)
        try:
            while rows := result.cursor.fetchmany(size):
                yield from rows
        finally:
            result.close()
        return
    if not psycopg.capabilities.has_stream_chunked():
        yield from connection.execute(query.execution_options(yield_per=size)).tuples()
        return
    compiled = query.compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True})
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    # A reader that stops early cancels the query, which aborts the transaction: it goes back to this savepoint.
    cursor.execute("SAVEPOINT clausier_stream")
    read = False
    try:
        yield from cursor.stream(str(compiled), compiled.params, size=size)
        read = True
    finally:
        cursor.execute("RELEASE SAVEPOINT clausier_stream" if read else "ROLLBACK TO SAVEPOINT clausier_stream")
        cursor.close()


def refresh_statistics(engine: Engine, tables: Sequence[Table]) -> None:
    """After an import, have PostgreSQL vacuum ``tables`` and read their size and spread again
    (``VACUUM (ANALYZE)``, outside any transaction: 0.26 s after a million contracts and their holders).

    Until autovacuum comes by, the planner would plan the next report on the figures of the tables before the
    import (a registry counted as empty made the report of a million contracts take 20 s instead of 5), and
    that report would itself mark every new row as visible (the first one took 5.0 s, the next 4.7 s).
    """
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text(f"VACUUM (ANALYZE) {', '.join(table.name for table in tables)}"))


class DeferredIndexes:
    """The secondary indexes of some tables, dropped for the rest of a bulk load and built again before it
    commits, in the load's own transaction.

    Inserting a hundred thousand contracts in random date order into the report's covering index (and the
    holders' SIRET index) costs more than building them once from sorted rows at the end. Only indexes that
    back no constraint are dropped (the unique keys stay: the load looks contracts up and upserts by them),
    and each is built again from the definition read in the database's own catalogue, so the schema after
    the load is the one before. Both databases have transactional DDL: a load that fails rolls back with the
    indexes as they were. On PostgreSQL ``DROP INDEX`` locks the table against readers until the commit,
    so the load defers them only on SQLite (``supported``), where readers keep their snapshot (WAL).
    """

    def __init__(self, connection: Connection, tables: Sequence[Table]) -> None:
        self.connection, self.tables = connection, tables
        self.dropped: list[tuple[str, str]] = []  # (name, CREATE statement)

    @staticmethod
    def supported(connection: Connection) -> bool:
        return connection.dialect.name == "sqlite"

    def definitions(self) -> list[tuple[str, str]]:
        """(name, CREATE statement) of the tables' indexes that back no constraint (nor the primary key)."""
        names = [table.name for table in self.tables]
        if self.connection.dialect.name == "postgresql":
            query = text(
                "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
                " WHERE x.indrelid = ANY(CAST(:tables AS regclass[]))"
                " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid) ORDER BY i.relname"
            )
        else:  # the automatic indexes of UNIQUE and PRIMARY KEY constraints have no SQL
            query = text(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                " AND tbl_name IN (SELECT value FROM json_each(:tables)) ORDER BY name"
            )
        tables: Any = names if self.connection.dialect.name == "postgresql" else json.dumps(names)
        return [(name, sql) for name, sql in self.connection.execute(query, {"tables": tables})]

    def drop(self) -> None:
        """Drop the indexes (once)."""
        if self.dropped:
            return
        driver = self.connection.connection.driver_connection
        if self.connection.dialect.name == "sqlite" and not driver.in_transaction:  # type: ignore[union-attr]
            # pysqlite opens its transaction at the first write only: DDL before it would be committed at once.
            raise RuntimeError("DeferredIndexes.drop outside a transaction")
        self.dropped = self.definitions()
        for name, _ in self.dropped:
            self.connection.exec_driver_sql(f'DROP INDEX "{name}"')

    def restore(self) -> None:
        """Build again the indexes dropped (before the commit)."""
        for _, sql in self.dropped:
            self.connection.exec_driver_sql(sql)
        self.dropped = []
