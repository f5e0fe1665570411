"""Shared fixtures: settings on a fresh database (SQLite, and PostgreSQL when configured), app, client.

Database tests take the ``db_url`` fixture (directly or through ``settings``, ``engine``, ``session``,
``client``): they run once on SQLite and again on PostgreSQL when ``CLAUSIER_TEST_POSTGRES_URL`` is set,
each test in a schema of its own. With ``CI=true`` a missing PostgreSQL (or any other required tool)
fails instead of skipping.
"""

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, text
from sqlmodel import Session, select

from app.auth.models import ApiKey
from app.auth.service import new_key
from app.bootstrap import prepare_database
from app.config import Settings, get_settings
from app.db import make_engine
from app.main import create_app

IN_CI = os.environ.get("CI", "").lower() == "true"
POSTGRES_URL = os.environ.get("CLAUSIER_TEST_POSTGRES_URL", "")


def require_tool(name: str, reason: str = "") -> str:
    """Path of executable ``name``; skip without it (fail in CI, where it must be installed)."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} introuvable : {reason or 'outil système requis'}"
        if IN_CI:
            pytest.fail(message + " (CI=true : .ci/run doit l'installer)")
        pytest.skip(message)
    return path


@lru_cache
def builtin_version(clause_id: str) -> int:
    """Version of a built-in clause file: tests that edit a clause count their versions from it."""
    from app.clauses.library import parse_clause_file
    from app.config import PROJECT_ROOT

    clause, problems = parse_clause_file(next((PROJECT_ROOT / "clauses").rglob(f"{clause_id}.md")))
    assert clause is not None, problems
    return clause.version


def require_postgres() -> str:
    """The PostgreSQL test URL; skip without it (fail in CI, where .ci/run sets it)."""
    if not POSTGRES_URL:
        if IN_CI:
            pytest.fail("CLAUSIER_TEST_POSTGRES_URL manquant alors que CI=true")
        pytest.skip("PostgreSQL : CLAUSIER_TEST_POSTGRES_URL non défini")
    return POSTGRES_URL


@contextmanager
def postgres_schema() -> Iterator[str]:
    """URL of a fresh, empty PostgreSQL schema, dropped afterwards."""
    base = require_postgres()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """URL of an empty database of each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    with postgres_schema() as url:
        yield url


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    """Settings on a fresh database, without the sample registry (tests load what they need)."""
    return Settings(
        DATABASE_URL=db_url,
        LOAD_SAMPLE_DATA=False,
        RATE_LIMIT_PER_MINUTE=0,
        _env_file=None,  # type: ignore[call-arg]
    )


@pytest.fixture
def engine(settings: Settings) -> Iterator[Engine]:
    """A migrated engine with the built-in library loaded."""
    engine = make_engine(settings.DATABASE_URL)
    prepare_database(engine, settings)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine) as session:
        yield session


# Where test requests come from: the machine itself, as a reverse proxy on the same host (trusted by default).
LOOPBACK = ("127.0.0.1", 50000)


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    """The real app on a fresh database, lifespan included, calling with an admin API key."""
    with TestClient(create_app(settings), raise_server_exceptions=False, client=LOOPBACK) as client:
        client.headers["Authorization"] = f"Bearer {install_test_key(client.app.state.engine, 'admin')}"
        yield client


@pytest.fixture
def cli_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A fresh SQLite database for the command line (the settings are read from the environment)."""
    monkeypatch.setenv("CLAUSIER_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("CLAUSIER_LOAD_SAMPLE_DATA", "false")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@lru_cache
def _test_key(role: str) -> tuple[ApiKey, str]:
    # One key per role for the whole run: scrypt runs once, not once per test.
    return new_key(name=f"tests-{role}", role=role)


def install_test_key(engine: Engine, role: str) -> str:
    """Store the run's test key of ``role`` in the database of ``engine``; returns the clear key."""
    template, key = _test_key(role)
    with Session(engine) as session:
        if session.exec(select(ApiKey).where(ApiKey.prefix == template.prefix)).first() is None:
            session.add(ApiKey.model_validate(template.model_dump(exclude={"id"})))
            session.commit()
    return key


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say how many database tests ran on each backend, so CI logs show PostgreSQL really ran."""
    passed = terminalreporter.stats.get("passed", [])
    for backend in ("sqlite", "postgresql"):
        count = sum(1 for report in passed if f"[{backend}" in report.nodeid or f"-{backend}]" in report.nodeid)
        terminalreporter.write_line(f"database tests passed on {backend}: {count}")


def table_dump(engine: Engine, *, without: tuple[str, ...] = ("audit_event",)) -> dict[str, list[str]]:
    """Every row of every table (but ``without``), in a stable order: two dumps are equal when the
    databases hold the same rows, ids and timestamps included."""
    from sqlmodel import SQLModel

    import app.models  # noqa: F401  (every table registered)

    dump = {}
    with engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            if table.name not in without:
                dump[table.name] = sorted(repr(tuple(row)) for row in connection.execute(table.select()))
    return dump


def clausier(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``clausier ARGS`` run from ``cwd`` by the project's Python, with only ``env`` as Clausier settings (no
    ``.env`` file read)."""
    clean = {key: value for key, value in os.environ.items() if not key.startswith("CLAUSIER_")}
    return subprocess.run([sys.executable, "-m", "app.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=180, env=clean | {"CLAUSIER_ENV_FILE": os.devnull} | env)
