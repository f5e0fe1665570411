"""No lost update: two officers save the same clause with the same If-Match, exactly one wins.

Real threads against a real uvicorn server, and two database sessions racing, on SQLite and PostgreSQL.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
from sqlalchemy import Engine
from sqlmodel import Session

from app.clauses import service
from app.errors import PreconditionFailed
from tests.conftest import builtin_version, install_test_key

from .conftest import LiveServer, bearer

CLAUSE = "insertion-heures-execution"
V = builtin_version(CLAUSE)  # the file's version: edits count from it
ROUNDS = 4


def test_two_clients_same_if_match_exactly_one_wins(live_server: LiveServer) -> None:
    key = install_test_key(live_server.app.state.engine, "editor")
    url = f"{live_server.url}/api/v1/clauses/{CLAUSE}"
    with httpx.Client(headers=bearer(key), timeout=60) as reader:
        for round_ in range(ROUNDS):
            current = reader.get(url)
            version = current.headers["ETag"]
            barrier = threading.Barrier(2)

            def save(
                title: str, body: dict = current.json(), etag: str = version, barrier: threading.Barrier = barrier,  # type: ignore[type-arg]
            ) -> httpx.Response:
                with httpx.Client(headers=bearer(key), timeout=60) as officer:  # its own connection
                    barrier.wait()
                    return officer.put(url, json={**body, "title": title}, headers={"If-Match": etag})

            titles = [f"Version de l'agent A, tour {round_}", f"Version de l'agent B, tour {round_}"]
            with ThreadPoolExecutor(max_workers=2) as pool:
                responses = list(pool.map(save, titles))
            statuses = sorted(r.status_code for r in responses)
            assert statuses == [200, 412], [r.text for r in responses]
            winner = next(r for r in responses if r.status_code == 200)
            loser = next(r for r in responses if r.status_code == 412)
            problem = loser.json()
            assert loser.headers["content-type"] == "application/problem+json"
            assert problem["current_version"] == int(winner.headers["ETag"].strip('"'))
            assert "modifiée entre-temps" in problem["detail"]
            assert reader.get(url).json()["title"] == winner.json()["title"]
        versions = reader.get(f"{url}/versions").json()
        assert [v["version"] for v in versions] == list(range(V, V + ROUNDS + 1))


def test_two_sessions_racing_on_the_same_version(engine: Engine) -> None:
    with Session(engine) as session:
        data = service.to_doc(service.get_version(session=session, clause_id=CLAUSE)).model_dump(mode="json")
    barrier = threading.Barrier(2)

    def save(title: str) -> str:
        with Session(engine) as session:
            barrier.wait()
            try:
                row = service.update_clause(session=session, clause_id=CLAUSE, data={**data, "title": title},
                                            expected_version=V, author=title)
            except PreconditionFailed as exc:
                return f"412:{exc.extra['current_version']}"
            return f"ok:{row.version}"

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = sorted(pool.map(save, ["agent A", "agent B"]))
    assert results == [f"412:{V + 1}", f"ok:{V + 1}"]
    with Session(engine) as session:
        assert [v.version for v in service.list_versions(session=session, clause_id=CLAUSE)] == [V, V + 1]
