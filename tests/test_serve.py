"""Several processes on one database: ``clausier serve`` and ``db upgrade`` started together, workers that
each keep their own matching index, and the deployment command of the README."""

import os
import re
import shlex
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from sqlalchemy import text

from app.bootstrap import builtin_library
from app.config import PROJECT_ROOT
from app.db import make_engine
from tests.conftest import install_test_key, postgres_schema
from tests.e2e.harness import free_port

TENDER = {"text": "Nettoyage des locaux de la mairie et des écoles, avec insertion de personnes éloignées de "
                  "l'emploi", "cpv": ["90911200"]}


def clausier_env(database_url: str, **variables: str) -> dict[str, str]:
    return {**os.environ, "CLAUSIER_DATABASE_URL": database_url, "CLAUSIER_LOAD_SAMPLE_DATA": "false",
            "CLAUSIER_RATE_LIMIT_PER_MINUTE": "0", **variables}


@contextmanager
def running(command: list[str], env: dict[str, str], url: str) -> Iterator[None]:
    """Run ``command`` (a ``clausier`` server) until ``url`` answers 200; stop it afterwards."""
    process = subprocess.Popen(command, env=env, cwd=PROJECT_ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(url, timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise AssertionError(f"le serveur n'a pas démarré :\n{process.communicate()[0]}")
            time.sleep(0.2)
        yield
    finally:
        process.terminate()
        process.communicate(timeout=60)


def serve(port: int, *options: str) -> list[str]:
    return [sys.executable, "-m", "app.cli", "serve", "--port", str(port), *options]


def test_processes_started_together_prepare_an_empty_database_once(db_url: str) -> None:
    env = clausier_env(db_url)
    upgrades = [subprocess.Popen([sys.executable, "-m", "app.cli", "db", "upgrade"], env=env, cwd=PROJECT_ROOT,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for _ in range(4)]
    outputs = [(process.wait(timeout=180), process.communicate()[0]) for process in upgrades]
    assert all(code == 0 for code, _ in outputs), outputs
    engine = make_engine(db_url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
        versions = connection.execute(text("SELECT count(*), count(DISTINCT clause_id) FROM clause_version")).one()
    engine.dispose()
    clauses = len(builtin_library(PROJECT_ROOT / "clauses"))
    assert tuple(versions) == (clauses, clauses)  # each built-in clause stored once, by one of the processes


def test_a_library_edit_through_one_worker_is_matched_by_every_worker(db_url: str) -> None:
    # Each server process is what a worker is: a process with its own cached matching index.
    env = clausier_env(db_url)
    first, second = free_port(), free_port()
    with running(serve(first), env, f"http://127.0.0.1:{first}/api/v1/health"), \
            running(serve(second), env, f"http://127.0.0.1:{second}/api/v1/health"):
        engine = make_engine(db_url)
        editor = {"Authorization": f"Bearer {install_test_key(engine, 'editor')}"}
        engine.dispose()
        with httpx.Client(base_url=f"http://127.0.0.1:{first}", headers=editor) as one, \
                httpx.Client(base_url=f"http://127.0.0.1:{second}") as other:
            before = other.post("/api/v1/match", json=TENDER).json()["matches"][0]
            clause = one.get(f"/api/v1/clauses/{before['clause_id']}")
            edited = one.put(f"/api/v1/clauses/{before['clause_id']}",
                             json={**clause.json(), "title": "Titre modifié par un autre worker"},
                             headers={"If-Match": clause.headers["ETag"]})
            assert edited.status_code == 200, edited.text
            after = other.post("/api/v1/match", json=TENDER).json()["matches"]
    matched = next(item for item in after if item["clause_id"] == before["clause_id"])
    assert (matched["title"], matched["version"]) == ("Titre modifié par un autre worker", before["version"] + 1)


def documented_serve_command() -> list[str]:
    """The ``clausier serve`` line of the README's deployment section."""
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Deployment", 1)[1].split("\n## ", 1)[0]
    found = re.search(r"^clausier serve[^\n#]*", section, re.MULTILINE)
    assert found, "la section Deployment du README doit montrer la commande « clausier serve »"
    return shlex.split(found[0])


def test_the_documented_deployment_command_serves_the_health_check(tmp_path: Path) -> None:
    command = documented_serve_command()
    assert "--workers" in command
    port = free_port()
    with postgres_schema() as url:
        env = clausier_env(url, CLAUSIER_PORT=str(port))
        with running([sys.executable, "-m", "app.cli", *command[1:]], env, f"http://127.0.0.1:{port}/api/v1/health"):
            health = httpx.get(f"http://127.0.0.1:{port}/api/v1/health").json()
    assert health["status"] == health["database"] == "ok"


def test_make_run_opens_every_page_to_the_user_of_the_machine(tmp_path: Path) -> None:
    """``make run`` is the single-user install: the pages opened on the machine are its user's, as an officer
    (a dossier can be created), where a bare ``clausier serve`` leaves them to the intranet's proxy."""
    lines = subprocess.run(["make", "--no-print-directory", "-n", "run"], cwd=PROJECT_ROOT, capture_output=True,
                           text=True, check=True,
                           env={name: value for name, value in os.environ.items() if name != "CLAUSIER_LOCAL_OFFICER"}
                           ).stdout
    *variables, program, subcommand = shlex.split(lines.strip().splitlines()[-1])
    assert (Path(program).name, subcommand) == ("clausier", "serve")
    officer = dict(variable.split("=", 1) for variable in variables)
    assert officer == {"CLAUSIER_LOCAL_OFFICER": subprocess.run(["id", "-un"], capture_output=True, text=True,
                                                                  check=True).stdout.strip()}
    port = free_port()
    for extra, status in (({}, 401), (officer, 200)):
        env = clausier_env(f"sqlite:///{tmp_path / f'run-{status}.db'}", CLAUSIER_PORT=str(port),
                           CLAUSIER_TRUSTED_USER_HEADER="", **{"CLAUSIER_LOCAL_OFFICER": "", **extra})
        with running([sys.executable, "-m", "app.cli", "serve"], env, f"http://127.0.0.1:{port}/api/v1/health"):
            assert httpx.get(f"http://127.0.0.1:{port}/dossiers/nouveau").status_code == status
