"""One database wherever a command runs: the data directory, the .env file and relative SQLite paths never
depend on the current directory; ``clausier db info`` says which database it is without creating it."""

import json
import os
import subprocess
import sys
from pathlib import Path

from app.config import PROJECT_ROOT, Settings
from tests.conftest import clausier

SCRIPT = PROJECT_ROOT / "scripts" / "annual_report.py"


def test_default_database_is_in_the_data_directory(tmp_path: Path) -> None:
    settings = Settings(DATA_DIR=tmp_path, _env_file=None)  # type: ignore[call-arg]
    assert f"sqlite:///{tmp_path / 'clausier.db'}" == settings.DATABASE_URL
    assert Settings(_env_file=None).DATA_DIR == PROJECT_ROOT / "var"  # type: ignore[call-arg]


def test_a_relative_sqlite_path_is_relative_to_the_checkout() -> None:
    settings = Settings(DATABASE_URL="sqlite:///./var/autre.db", _env_file=None)  # type: ignore[call-arg]
    assert f"sqlite:///{PROJECT_ROOT / 'var' / 'autre.db'}" == settings.DATABASE_URL
    postgres = "postgresql+psycopg://u:p@db:5432/clausier"
    assert postgres == Settings(DATABASE_URL=postgres, _env_file=None).DATABASE_URL  # type: ignore[call-arg]


def test_a_key_created_in_one_folder_works_from_another(tmp_path: Path) -> None:
    first, second = tmp_path / "ici", tmp_path / "ailleurs"
    first.mkdir()
    second.mkdir()
    env = {"CLAUSIER_DATA_DIR": str(tmp_path / "donnees"), "CLAUSIER_LOAD_SAMPLE_DATA": "false"}
    created = clausier("keys", "create", "--name", "cron-rapport", "--role", "reader", cwd=first, env=env)
    assert created.returncode == 0, created.stderr
    listed = clausier("keys", "list", cwd=second, env=env)
    assert listed.returncode == 0, listed.stderr
    assert "cron-rapport" in listed.stdout
    assert not (first / "var").exists() and not (second / "var").exists()
    assert (tmp_path / "donnees" / "clausier.db").is_file()


def test_env_file_of_the_current_folder_is_not_read(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(f"CLAUSIER_DATABASE_URL=sqlite:///{tmp_path / 'piege.db'}\n", encoding="utf-8")
    env_file = tmp_path / "clausier.env"
    env_file.write_text(f"CLAUSIER_DATA_DIR={tmp_path / 'donnees'}\n", encoding="utf-8")
    info = clausier("db", "info", "--json", cwd=tmp_path, env={"CLAUSIER_ENV_FILE": str(env_file)})
    assert info.returncode == 0, info.stderr
    assert json.loads(info.stdout)["file"] == str(tmp_path / "donnees" / "clausier.db")


def test_db_info_names_the_database_without_creating_it(tmp_path: Path) -> None:
    env = {"CLAUSIER_DATABASE_URL": f"sqlite:///{tmp_path / 'base.db'}"}
    absent = clausier("db", "info", cwd=tmp_path, env=env)
    assert absent.returncode == 0, absent.stderr
    assert f"Fichier : {tmp_path / 'base.db'} (absent : créé au premier lancement)" in absent.stdout
    assert not (tmp_path / "base.db").exists()

    assert clausier("db", "upgrade", cwd=tmp_path, env=env).returncode == 0  # a new database: the demo is loaded
    info = clausier("db", "info", cwd=tmp_path, env=env)
    assert "Révision du schéma : 20261206_data_management (à jour)" in info.stdout
    purchase = next(line for line in info.stdout.splitlines() if line.strip().startswith("purchase "))
    assert purchase.split() == ["purchase", "50", "lignes,", "dont", "50", "de", "démonstration"]


def test_db_info_hides_the_password() -> None:
    env = {"CLAUSIER_DATABASE_URL": "postgresql+psycopg://clausier:secret@127.0.0.1:9/absent"}
    refused = clausier("db", "info", cwd=PROJECT_ROOT, env=env)
    assert refused.returncode == 1
    assert "secret" not in refused.stderr and "***" in refused.stderr


def test_annual_report_script_runs_from_another_folder(tmp_path: Path) -> None:
    elsewhere = tmp_path / "cron"
    elsewhere.mkdir()
    env = {"CLAUSIER_DATA_DIR": str(tmp_path / "donnees")}
    assert clausier("db", "upgrade", cwd=elsewhere, env=env).returncode == 0
    clean = {key: value for key, value in os.environ.items() if not key.startswith("CLAUSIER_")}
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--year", "2025", "--out", "rapports", "--demo"], cwd=elsewhere,
        capture_output=True, text=True, timeout=300, env=clean | {"CLAUSIER_ENV_FILE": os.devnull} | env,
    )
    assert result.returncode == 0, result.stderr
    assert (elsewhere / "rapports" / "rapport-achats-ethiques-2025.docx").is_file()
    assert not (elsewhere / "var").exists()
    indicators = json.loads((elsewhere / "rapports" / "indicateurs-2025.json").read_text(encoding="utf-8"))
    assert indicators["contracts"] == 33 and indicators["demo"] is True  # the demo of that very database


def test_annual_report_script_with_another_python_says_how_to_run_it(tmp_path: Path) -> None:
    """Without Clausier's dependencies (a bare interpreter), the script explains which Python to use."""
    result = subprocess.run([sys.executable, "-I", "-S", str(SCRIPT), "--year", "2025"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Module Python introuvable" in result.stderr
    assert str(PROJECT_ROOT / ".venv" / "bin" / "python") in result.stderr


def test_serve_states_its_database_in_one_line(tmp_path: Path) -> None:
    from app.bootstrap import describe_database, prepare_database
    from app.cli import database_line
    from app.db import make_engine

    url = f"sqlite:///{tmp_path / 'serve.db'}"
    engine = make_engine(url)
    try:
        prepare_database(engine, Settings(DATABASE_URL=url, _env_file=None))  # type: ignore[call-arg]
        line = database_line(describe_database(engine))
    finally:
        engine.dispose()
    assert line == (f"Base de données : {url} — révision 20261206_data_management — 50 marchés (dont 50 de "
                    "démonstration), 64 fournisseurs (dont 64 de démonstration), 4 acheteurs (dont 4 de "
                    "démonstration)")
