"""HTTP overhead of Clausier next to a bare FastAPI endpoint served by the same stack, in one run.

Both servers run as ``clausier serve`` runs (uvicorn, uvloop, httptools, no access log), each in its own
process on 127.0.0.1; the load comes from wrk (Debian: ``apt-get install wrk``), one thread, keep-alive
connections. Routes are measured in turns, ``--rounds`` times, so that the machine's load falls on all
alike; each line is the round of median throughput. With ``--scaling N``, ``POST /api/v1/match`` is also
measured on N workers, next to one worker in the same run (use PostgreSQL: ``--database-url``).

    python scripts/bench/http_overhead.py [--duration 4] [--connections 8] [--rounds 3]
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
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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


def measure(targets: dict[str, tuple[str, str]], *, rounds: int, duration: int, connections: int) -> dict[str, Run]:
    """Each target (url, wrk script) loaded in turn, ``rounds`` times; the run of median throughput."""
    for url, script in targets.values():  # warm-up: caches, index, lemmas, connection pools
        wrk(url, duration=1, connections=connections, script=script)
    runs: dict[str, list[Run]] = {name: [] for name in targets}
    for _ in range(rounds):
        for name, (url, script) in targets.items():
            runs[name].append(wrk(url, duration=duration, connections=connections, script=script))
    return {name: sorted(found, key=lambda run: run.rate)[len(found) // 2] for name, found in runs.items()}


def line(name: str, run: Run, baseline: Run, label: str) -> str:
    return (f"  {name:<32} {run.rate:8.0f} req/s   p50 {run.p50_ms:6.2f} ms   p95 {run.p95_ms:6.2f} ms"
            f"   {run.rate / baseline.rate:6.0%} de {label}")


def verdict(value: float, target: float) -> str:
    return "OK" if value >= target else "NON ATTEINT"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=4, help="secondes par mesure (défaut 4)")
    parser.add_argument("--connections", type=int, default=8, help="connexions simultanées (défaut 8)")
    parser.add_argument("--rounds", type=int, default=3, help="tours de mesure (défaut 3)")
    parser.add_argument("--database-url", default="", help="base de Clausier (défaut : SQLite temporaire)")
    parser.add_argument("--scaling", type=int, default=0, metavar="N", help="mesurer aussi /match sur N workers")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk introuvable : apt-get install wrk")
    options = {"rounds": args.rounds, "duration": args.duration, "connections": args.connections}
    with tempfile.TemporaryDirectory() as directory:
        database_url = args.database_url or f"sqlite:///{Path(directory) / 'bench.db'}"
        with bare_server() as bare, clausier_server(database_url, 1) as app:
            runs = measure({
                "bare": (f"{bare}/bare", ""), "health": (app + HEALTH, ""), "themes": (app + THEMES, ""),
                "clauses": (app + CLAUSES, ""), "match": (app + MATCH, match_script()),
            }, **options)
        scaled = {}
        if args.scaling:
            for workers in (1, args.scaling):
                with clausier_server(database_url, workers) as app:
                    scaled[workers] = measure({"match": (app + MATCH, match_script())}, **options)["match"]
    bare_run, health = runs["bare"], runs["health"]
    print(f"wrk, 1 thread, {args.connections} connexions, {args.duration:g} s par mesure, médiane de "
          f"{args.rounds} tours ; base : {'PostgreSQL' if 'postgresql' in database_url else 'SQLite'}")
    print(line("GET /bare (FastAPI nu, référence)", bare_run, bare_run, "la référence"))
    print(line(f"GET {HEALTH}", health, bare_run, "la référence"))
    print(line(f"GET {THEMES}", runs["themes"], bare_run, "la référence"))
    print(line(f"GET {CLAUSES}", runs["clauses"], bare_run, "la référence"))
    print(line(f"POST {MATCH}", runs["match"], health, "/health"))
    health_share, match_share = health.rate / bare_run.rate, runs["match"].rate / health.rate
    print(f"/health = {health_share:.0%} de la référence (objectif ≥ 60 %) {verdict(health_share, 0.60)}")
    print(f"/match = {match_share:.0%} de /health (objectif ≥ 35 %) {verdict(match_share, 0.35)}")
    if scaled:
        one, many = scaled[1], scaled[args.scaling]
        print(line(f"POST {MATCH}, 1 worker", one, one, "1 worker"))
        print(line(f"POST {MATCH}, {args.scaling} workers", many, one, "1 worker"))
        gain = many.rate / one.rate
        print(f"{args.scaling} workers = {gain:.2f}× un worker sur /match (objectif ≥ 1,6× pour 4 workers sur "
              f"PostgreSQL) {verdict(gain, 1.6)}")


if __name__ == "__main__":
    main()
