"""The ``clausier`` command line works on a fresh database and fails cleanly on an unreachable one."""

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import inspect

from app.db import make_engine


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args], capture_output=True, text=True, timeout=120,
        env={**os.environ, **env},
    )


def test_db_upgrade_migrates_a_fresh_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    result = run_cli("db", "upgrade", env={"CLAUSIER_DATABASE_URL": url, "CLAUSIER_LOAD_SAMPLE_DATA": "false"})
    assert result.returncode == 0, result.stderr
    assert "clause_version" in inspect(make_engine(url)).get_table_names()


def test_serve_with_unreachable_database_prints_one_line(tmp_path: Path) -> None:
    url = "postgresql+psycopg://nobody:secret@127.0.0.1:9/absent"
    result = run_cli("serve", env={"CLAUSIER_DATABASE_URL": url})
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Base de données injoignable / database unreachable:")
    assert "secret" not in lines[0]
    assert "Traceback" not in result.stderr
