"""HTTP overhead of Clausier next to a bare FastAPI endpoint served by the same stack, in one run.

Both servers run as ``clausier serve`` runs (uvicorn, uvloop, httptools, no access log), each in its own
process on 127.0.0.1; the load comes from wrk (Debian: ``apt-get install wrk``), one thread, keep-alive
connections. Routes are measured in turns, ``--rounds`` times, so that the machine's load falls on all
alike: each line is the run of median throughput, each ratio the median of the ratios within a round.
With ``--scaling N``, a second server with N workers is measured on ``POST /api/v1/match`` in the same
rounds, next to the one-worker server (use PostgreSQL: ``--database-url``).

    python scripts/bench/http_overhead.py [--duration 3] [--connections 8] [--rounds 5]
                                          [--database-url URL] [--scaling 4]

Targets (issue 18): /health ≥ 60 % of the bare endpoint; /match ≥ 35 % of /health; N=4 workers on
PostgreSQL ≥ 1.6× one worker on /match.
"""

import argparse
import json
import multiprocessing
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import uvicorn
from fastapi import FastAPI

from app.cli import SERVER_OPTIONS
from app.config import PROJECT_ROOT
from app.matching.cpv import extract_codes

TENDERS = PROJECT_ROOT / "tests" / "data" / "dev_tenders.jsonl"
HEALTH, THEMES, CLAUSES, MATCH = "/api/v1/health", "/api/v1/themes", "/api/v1/clauses?limit=50", "/api/v1/match"
# wrk reports through this: one JSON line with the counts and the latency percentiles (microseconds).
REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "errors": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    e.connect + e.read + e.write + e.timeout + e.status))
end
"""
# POST /match cycles through the development tenders, one JSON body per request.
POST_BODIES = """
local bodies = {%s}
local n = 0
request = function()
  n = n %% #bodies + 1
  return wrk.format("POST", "%s", {["Content-Type"] = "application/json"}, bodies[n])
end
"""


@dataclass(frozen=True)
class Run:
    """One wrk run: throughput and latency."""

    rate: float
    p50_ms: float
    p95_ms: float


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve_bare(port: int) -> None:
    """A FastAPI app with one async endpoint and nothing else, on Clausier's server settings."""
    bare = FastAPI()

    @bare.get("/bare")
    async def bare_endpoint() -> dict[str, str]:
        return {"status": "ok"}

    uvicorn.run(bare, host="127.0.0.1", port=port, log_level="warning", access_log=False, **SERVER_OPTIONS)


def wait_until_up(url: str, alive: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and alive():
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"le serveur n'a pas démarré : {url}")


@contextmanager
def bare_server() -> Iterator[str]:
    port = free_port()
    process = multiprocessing.get_context("spawn").Process(target=serve_bare, args=(port,), daemon=True)
    process.start()
    try:
        wait_until_up(f"http://127.0.0.1:{port}/bare", process.is_alive)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.join(timeout=30)


@contextmanager
def clausier_server(database_url: str, workers: int) -> Iterator[str]:
    """``clausier serve --workers N`` on ``database_url``, without the sample registry; the rate limit runs
    (as in production) with a limit no benchmark reaches."""
    port = free_port()
    env = {**os.environ, "CLAUSIER_DATABASE_URL": database_url, "CLAUSIER_RATE_LIMIT_PER_MINUTE": "1000000000",
           "CLAUSIER_LOAD_SAMPLE_DATA": "false"}
    command = [sys.executable, "-m", "app.cli", "serve", "--port", str(port), "--workers", str(workers),
               "--no-access-log"]
    process = subprocess.Popen(command, env=env, cwd=PROJECT_ROOT)
    try:
        wait_until_up(f"http://127.0.0.1:{port}{HEALTH}", lambda: process.poll() is None)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


def match_script() -> str:
    tenders = [json.loads(line) for line in TENDERS.read_text(encoding="utf-8").splitlines() if line.strip()]
    bodies = [{"text": t["text"], "cpv": extract_codes(t.get("cpv")).codes, "amount_eur": t.get("amount_eur")}
              for t in tenders]
    # Each body is a JSON document, written in Lua as a JSON string literal (valid Lua for this text).
    return POST_BODIES % (", ".join(json.dumps(json.dumps(body, ensure_ascii=False), ensure_ascii=False)
                                    for body in bodies), MATCH)


def wrk(url: str, *, duration: int, connections: int, script: str = "") -> Run:
    """Load ``url`` for ``duration`` seconds; any error or non-2xx answer stops the benchmark."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", encoding="utf-8") as lua:
        lua.write(script + REPORT)
        lua.flush()
        output = subprocess.run(
            ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "-s", lua.name, url],
            check=True, capture_output=True, text=True,
        ).stdout
    report = json.loads(output.strip().splitlines()[-1])
    if report["errors"]:
        raise SystemExit(f"{url} : {report['errors']} erreurs ou réponses non 2xx\n{output}")
    return Run(rate=report["requests"] / (report["duration_us"] / 1e6), p50_ms=report["p50_us"] / 1000,
               p95_ms=report["p95_us"] / 1000)


def measure(targets: dict[str, tuple[str, str]], *, rounds: int, duration: int,
            connections: int) -> dict[str, list[Run]]:
    """Each target (url, wrk script) loaded in turn, ``rounds`` times: the runs of each, round by round."""
    for url, script in targets.values():  # warm-up: caches, index, lemmas, connection pools
        wrk(url, duration=1, connections=connections, script=script)
    runs: dict[str, list[Run]] = {name: [] for name in targets}
    for _ in range(rounds):
        for name, (url, script) in targets.items():
            runs[name].append(wrk(url, duration=duration, connections=connections, script=script))
    return runs


def median_run(runs: list[Run]) -> Run:
    return sorted(runs, key=lambda run: run.rate)[len(runs) // 2]


def share(runs: dict[str, list[Run]], name: str, baseline: str) -> float:
    """Median over the rounds of ``name``'s throughput over ``baseline``'s in the same round."""
    return statistics.median(run.rate / base.rate for run, base in zip(runs[name], runs[baseline], strict=True))


def line(label: str, run: Run, ratio: float, baseline: str) -> str:
    return (f"  {label:<34} {run.rate:8.0f} req/s   p50 {run.p50_ms:6.2f} ms   p95 {run.p95_ms:6.2f} ms"
            f"   {ratio:6.0%} de {baseline}")


def verdict(value: float, target: float) -> str:
    return "OK" if value >= target else "NON ATTEINT"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=3, help="secondes par mesure (défaut 3)")
    parser.add_argument("--connections", type=int, default=8, help="connexions simultanées (défaut 8)")
    parser.add_argument("--rounds", type=int, default=5, help="tours de mesure (défaut 5)")
    parser.add_argument("--database-url", default="", help="base de Clausier (défaut : SQLite temporaire)")
    parser.add_argument("--scaling", type=int, default=0, metavar="N", help="mesurer aussi /match sur N workers")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk introuvable : apt-get install wrk")
    with tempfile.TemporaryDirectory() as directory, ExitStack() as servers:
        database_url = args.database_url or f"sqlite:///{Path(directory) / 'bench.db'}"
        bare = servers.enter_context(bare_server())
        app = servers.enter_context(clausier_server(database_url, 1))
        targets = {"bare": (f"{bare}/bare", ""), "health": (app + HEALTH, ""), "themes": (app + THEMES, ""),
                   "clauses": (app + CLAUSES, ""), "match": (app + MATCH, match_script())}
        if args.scaling:  # served at the same time, measured in the same rounds: the same load on both
            scaled = servers.enter_context(clausier_server(database_url, args.scaling))
            targets["scaled"] = (scaled + MATCH, match_script())
        runs = measure(targets, rounds=args.rounds, duration=args.duration, connections=args.connections)
    print(f"wrk, 1 thread, {args.connections} connexions, {args.duration} s par mesure, {args.rounds} tours "
          f"(médianes) ; base : {'PostgreSQL' if 'postgresql' in database_url else 'SQLite'}")
    for name, label, baseline, baseline_label in (
        ("bare", "GET /bare (FastAPI nu, référence)", "bare", "la référence"),
        ("health", f"GET {HEALTH}", "bare", "la référence"),
        ("themes", f"GET {THEMES}", "bare", "la référence"),
        ("clauses", f"GET {CLAUSES}", "bare", "la référence"),
        ("match", f"POST {MATCH}", "health", "/health"),
        *([("scaled", f"POST {MATCH}, {args.scaling} workers", "match", "1 worker")] if args.scaling else []),
    ):
        print(line(label, median_run(runs[name]), share(runs, name, baseline), baseline_label))
    health_share, match_share = share(runs, "health", "bare"), share(runs, "match", "health")
    print(f"/health = {health_share:.0%} de la référence (objectif ≥ 60 %) {verdict(health_share, 0.60)}")
    print(f"/match = {match_share:.0%} de /health (objectif ≥ 35 %) {verdict(match_share, 0.35)}")
    if args.scaling:
        gain = share(runs, "scaled", "match")
        print(f"{args.scaling} workers = {gain:.2f}× un worker sur /match (objectif ≥ 1,6× pour 4 workers sur "
              f"PostgreSQL) {verdict(gain, 1.6)}")


if __name__ == "__main__":
    main()
