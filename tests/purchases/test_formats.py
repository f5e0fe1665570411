"""The national consolidated DECP as CSV and as Parquet gives the ledger its JSON gives (SQLite and PostgreSQL)."""

import csv
import io
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlmodel import Session

from app.errors import InvalidInput
from app.purchases.importer import PurchaseReader, PurchaseRecord
from app.purchases.models import Purchase, PurchaseHolder
from app.purchases.service import import_purchases
from tests.purchases.test_import import import_file

DATA = Path(__file__).parent.parent / "data"
# Typed as the consolidated schema types them (decp.info, reference/schema_base.json): SIRETs as integers.
TYPES = {"acheteur_id": pa.int64(), "titulaire_id": pa.int64(), "montant": pa.float64(), "dureeMois": pa.int64()}


def consolidated_rows() -> list[dict[str, Any]]:
    with (DATA / "exemple-consolide.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def parquet(rows: list[dict[str, Any]]) -> bytes:
    """The rows as a Parquet file, with typed columns (integers, numbers, dates) where the schema has them."""
    columns: dict[str, list[Any]] = {name: [row[name] for row in rows] for name in rows[0]}
    arrays = {}
    for name, values in columns.items():
        if name in TYPES:
            cast = float if TYPES[name] == pa.float64() else int
            arrays[name] = pa.array([cast(v) if v not in ("", None) else None for v in values], TYPES[name])
        elif name == "dateNotification":
            arrays[name] = pa.array(values, pa.string()).cast(pa.date32())
        else:
            arrays[name] = pa.array(values, pa.string() if name != "modification_id" else pa.int64())
    buffer = io.BytesIO()
    pq.write_table(pa.table(arrays), buffer)
    return buffer.getvalue()


def with_a_modification(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows with ``modification_id`` (0) and, after the first contract, a row of its first modification
    (another amount and date): the initial data is what counts, as in the JSON."""
    initial = [row | {"modification_id": 0} for row in rows]
    first = initial[0]
    later = first | {"modification_id": 1, "montant": "99999.00", "dateNotification": "2026-01-15"}
    return [first, later, *initial[1:]]


def ledger(engine: Engine) -> list[tuple[Any, ...]]:
    """What every shape carries, contract by contract: key, object, amount, date, duration, procedure,
    consideration flags and holder ids (not the CPV: the shared CSV sample leaves five codes empty that its
    JSON twin fills)."""
    with Session(engine) as session:
        purchases = session.execute(select(Purchase).order_by(Purchase.buyer_siret, Purchase.buyer_ref)).scalars()
        holders: dict[int, list[str | None]] = {}
        for holder in session.execute(select(PurchaseHolder)).scalars():
            holders.setdefault(holder.purchase_id, []).append(holder.holder_id)
        return [
            (p.buyer_siret, p.buyer_ref, p.object, p.amount_cents, p.notified_on, p.duration_months,
             p.procedure, p.social_clause, p.social_criterion, p.reserved, p.environmental_clause,
             p.environmental_criterion, sorted(filter(None, holders.get(p.id or 0, []))))
            for p in purchases
        ]


def test_json_csv_and_parquet_give_the_same_ledger(engine: Engine) -> None:
    first = import_file(engine, DATA / "exemple-2024-schema.json")
    from_json = ledger(engine)
    rows = with_a_modification(consolidated_rows())
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    from_csv = import_file(engine, text.getvalue().encode())
    assert ledger(engine) == from_json
    assert (from_csv.format, from_csv.created, from_csv.ignored) == ("decp-consolide", 0, 1)
    from_parquet = import_file(engine, parquet(rows))
    assert ledger(engine) == from_json
    # Everything the CSV wrote (buyer and holder names too) the Parquet file says again, value for value.
    assert (from_parquet.format, from_parquet.records, from_parquet.ignored) == ("decp-parquet", first.records, 1)
    assert (from_parquet.created, from_parquet.updated, from_parquet.unchanged) == (0, 0, first.records)


def test_parquet_sirets_stored_as_integers_get_their_leading_zero_back() -> None:
    row = consolidated_rows()[0] | {"acheteur_id": "1234567800011", "titulaire_id": "4123456700018"}
    records = list(PurchaseReader(io.BytesIO(parquet([row]))))
    assert isinstance(records[0], PurchaseRecord)
    assert (records[0].buyer_siret, records[0].holders[0].holder_id) == ("01234567800011", "04123456700018")


def test_parquet_errors_name_the_row() -> None:
    rows = consolidated_rows()[:3]
    rows[2] = rows[2] | {"considerationsSociales": "Clause verte"}
    items = list(PurchaseReader(io.BytesIO(parquet(rows))))
    assert items[2].as_dict() == {  # type: ignore[union-attr]
        "record": f"acheteur {rows[2]['acheteur_id']}, marché {rows[2]['id']}", "line": 3,
        "message": "considération sociale inconnue : « Clause verte »",
    }


def test_parquet_without_the_extra_is_refused_in_french(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)  # as where clausier[parquet] is not installed
    with pytest.raises(InvalidInput) as caught:
        list(PurchaseReader(io.BytesIO(parquet(consolidated_rows()[:1]))))
    assert "extension facultative « parquet »" in caught.value.detail
    assert "pip install 'clausier[parquet]'" in caught.value.detail


def test_parquet_imports_through_the_progress_reader_of_the_cli_and_the_web_page(engine: Engine) -> None:
    data = parquet(consolidated_rows())
    done: list[int] = []
    with Session(engine) as session:
        report = import_purchases(session=session, stream=io.BytesIO(data), filename="decp.parquet", actor="tests",
                                  on_progress=done.append)
    assert (report.format, report.created) == ("decp-parquet", 50)
    assert done and max(done) == len(data)


def test_parquet_upload_through_the_api(client: TestClient) -> None:
    response = client.post("/api/v1/purchases/import", files={"file": ("decp.parquet", parquet(consolidated_rows()))})
    assert response.status_code == 200, response.text
    assert (response.json()["format"], response.json()["created"]) == ("decp-parquet", 50)
