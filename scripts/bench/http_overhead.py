"""HTTP overhead of Clausier next to a bare FastAPI endpoint served by the same stack, in one run.

Both servers run as ``clausier serve`` runs (uvicorn, uvloop, httptools, no access log), each in its own
process on 127.0.0.1; the load comes from wrk (Debian: ``apt-get install wrk``), one thread, keep-alive
connections. Routes are measured in turns, ``--rounds`` times, so that the machine's load falls on all
alike: each line is the run of median throughput, each ratio the median of the ratios within a round.
The server's CPU time per request (its processes' user + system time from /proc, over the run) is
printed beside: on a machine busy with other work, the ratio of CPU costs says what the throughput
ratio would be on free cores, where the measured one follows the other work's load.
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
    """One wrk run: throughput, latency, and the server's CPU time per request."""

    rate: float
    p50_ms: float
    p95_ms: float
    cpu_ms: float


@dataclass(frozen=True)
class Target:
    """What wrk loads: a URL, its wrk script, and the process (with its workers) that serves it."""

    url: str
    script: str
    pid: int


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of process ``pid`` and of its descendants alive now, from /proc (Linux)."""
    total, pending = 0.0, [pid]
    while pending:
        current = pending.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            pending += [int(child) for child in Path(f"/proc/{current}/task/{current}/children").read_text().split()]
        except FileNotFoundError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


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
def bare_server() -> Iterator[tuple[str, int]]:
    port = free_port()
    process = multiprocessing.get_context("spawn").Process(target=serve_bare, args=(port,), daemon=True)
    process.start()
    try:
        wait_until_up(f"http://127.0.0.1:{port}/bare", process.is_alive)
        yield f"http://127.0.0.1:{port}", process.pid or 0
    finally:
        process.terminate()
        process.join(timeout=30)


@contextmanager
def clausier_server(database_url: str, workers: int) -> Iterator[tuple[str, int]]:
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
        yield f"http://127.0.0.1:{port}", process.pid
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


def wrk(target: Target, *, duration: int, connections: int) -> Run:
    """Load the target for ``duration`` seconds; any error or non-2xx answer stops the benchmark."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", encoding="utf-8") as lua:
        lua.write(target.script + REPORT)
        lua.flush()
        cpu_before = cpu_seconds(target.pid)
        output = subprocess.run(
            ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--timeout", "30s", "-s", lua.name, target.url],
            check=True, capture_output=True, text=True,
        ).stdout
        cpu = cpu_seconds(target.pid) - cpu_before
    report = json.loads(output.strip().splitlines()[-1])
    if report["errors"]:
        raise SystemExit(f"{target.url} : {report['errors']} erreurs ou réponses non 2xx\n{output}")
    return Run(rate=report["requests"] / (report["duration_us"] / 1e6), p50_ms=report["p50_us"] / 1000,
               p95_ms=report["p95_us"] / 1000, cpu_ms=cpu * 1000 / max(report["requests"], 1))


def measure(targets: dict[str, Target], *, rounds: int, duration: int, connections: int) -> dict[str, list[Run]]:
    """Each target loaded in turn, ``rounds`` times: the runs of each, round by round."""
    for target in targets.values():  # warm-up: caches, index, lemmas, connection pools
        wrk(target, duration=1, connections=connections)
    runs: dict[str, list[Run]] = {name: [] for name in targets}
    for _ in range(rounds):
        for name, target in targets.items():
            runs[name].append(wrk(target, duration=duration, connections=connections))
    return runs


def median_run(runs: list[Run]) -> Run:
    return sorted(runs, key=lambda run: run.rate)[len(runs) // 2]


def share(runs: dict[str, list[Run]], name: str, baseline: str) -> float:
    """Median over the rounds of ``name``'s throughput over ``baseline``'s in the same round."""
    return statistics.median(run.rate / base.rate for run, base in zip(runs[name], runs[baseline], strict=True))


def cpu_share(runs: dict[str, list[Run]], name: str, baseline: str) -> float:
    """``baseline``'s CPU time per request over ``name``'s: the throughput ratio on cores left free."""
    cost = {key: statistics.median(run.cpu_ms for run in runs[key]) for key in (name, baseline)}
    return cost[baseline] / cost[name]


def line(label: str, run: Run, ratio: float, baseline: str, cpu_ratio: float | None) -> str:
    in_cpu = f" ({cpu_ratio:4.0%} en CPU)" if cpu_ratio is not None else ""
    return (f"  {label:<34} {run.rate:7.0f} req/s  p50 {run.p50_ms:6.2f} ms  p95 {run.p95_ms:6.2f} ms  "
            f"CPU {run.cpu_ms:5.2f} ms/req  {ratio:5.0%}{in_cpu} de {baseline}")


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
        bare, bare_pid = servers.enter_context(bare_server())
        app, pid = servers.enter_context(clausier_server(database_url, 1))
        targets = {"bare": Target(f"{bare}/bare", "", bare_pid), "health": Target(app + HEALTH, "", pid),
                   "themes": Target(app + THEMES, "", pid), "clauses": Target(app + CLAUSES, "", pid),
                   "match": Target(app + MATCH, match_script(), pid)}
        if args.scaling:  # served at the same time, measured in the same rounds: the same load on both
            scaled, scaled_pid = servers.enter_context(clausier_server(database_url, args.scaling))
            targets["scaled"] = Target(scaled + MATCH, match_script(), scaled_pid)
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
        # Several workers gain by running in parallel, which CPU time per request does not show.
        cpu_ratio = cpu_share(runs, name, baseline) if name != "scaled" else None
        print(line(label, median_run(runs[name]), share(runs, name, baseline), baseline_label, cpu_ratio))
    for name, baseline, label, target in (("health", "bare", "/health / référence", 0.60),
                                          ("match", "health", "/match / /health", 0.35)):
        measured, cpu = share(runs, name, baseline), cpu_share(runs, name, baseline)
        print(f"{label} = {measured:.0%} mesuré {verdict(measured, target)}, {cpu:.0%} en temps CPU par requête "
              f"{verdict(cpu, target)} (objectif ≥ {target:.0%})")
    if args.scaling:
        gain = share(runs, "scaled", "match")
        print(f"{args.scaling} workers = {gain:.2f}× un worker sur /match (objectif ≥ 1,6× pour 4 workers sur "
              f"PostgreSQL) {verdict(gain, 1.6)}")


if __name__ == "__main__":
    main()
