"""Helpers for the supplier registry tests: valid fictional SIRETs, CSV files as officers send them."""

import csv
import io
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from stdnum import luhn

from app.config import PROJECT_ROOT, Settings
from app.demo.service import load_demo

SAMPLE = PROJECT_ROOT / "supplier_data" / "registre-exemple.csv"
HEADER = ["siret", "nom", "type", "code_postal", "commune", "activites_cpv", "labels"]


def make_siret(n: int) -> str:
    """A SIRET with valid SIREN and SIRET keys (prefix 98: not the sample registry's 99)."""
    base = f"98{n:06d}"
    siren = base + luhn.calc_check_digit(base)
    return siren + "0001" + luhn.calc_check_digit(siren + "0001")


def make_csv(rows: list[list[Any]], header: list[str] = HEADER, *, sep: str = ";", encoding: str = "utf-8") -> bytes:
    """A CSV file: ``encoding`` may be ``utf-8-sig`` (BOM) or ``cp1252`` (French Excel)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


@pytest.fixture
def sample_engine(engine: Engine, settings: Settings) -> Engine:
    """A migrated database holding the demo data (the sample registry among it)."""
    load_demo(engine, settings)
    return engine


@pytest.fixture
def sample_client(client: TestClient, settings: Settings) -> Iterator[TestClient]:
    """The app (admin key) on a database holding the demo data (the sample registry among it)."""
    load_demo(client.app.state.engine, settings)  # type: ignore[attr-defined]
    yield client
