"""Matching speed: in-process latency on the real library and on a synthetic library of 10 000 clauses, the
BM25 baseline's latency beside, and the throughput of ``POST /api/v1/match`` against ``GET /api/v1/health``
on the same uvicorn server, started here on 127.0.0.1 (rate limit disabled, bounded request count).

    python scripts/bench/match_speed.py [--requests N]

Targets (issue 9): p50 ≤ 2 ms on the real library, ≤ 20 ms on 10 000 clauses; /match ≥ 35 % of /health.
Also timed: texts of the longest length the API admits, full of prices per unit (each text read once: the
reading caches what it finds per text), against the dev texts' p50 in the same run.
"""

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import bm25s
import httpx
from bm25s.stopwords import STOPWORDS_FRENCH

from app.clauses.library import ClauseDoc, read_library
from app.config import PROJECT_ROOT
from app.french import fold
from app.matching.cpv import extract_codes
from app.matching.index import ClauseIndex
from app.matching.knowledge import read_knowledge
from app.matching.matcher import Query, match
from app.matching.schemas import MAX_TEXT

DEV = PROJECT_ROOT / "tests" / "data" / "dev_tenders.jsonl"
SYNTHETIC_SIZE = 10_000
ROUNDS = 5
THREADS = 4
SEED = 9


def percentiles(samples: list[float]) -> tuple[float, float]:
    """p50 and p95 of ``samples`` (seconds), in milliseconds."""
    ordered = sorted(samples)
    return ordered[len(ordered) // 2] * 1000, ordered[int(len(ordered) * 0.95)] * 1000


def queries() -> list[Query]:
    tenders = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Query(text=t["text"], cpv=extract_codes(t.get("cpv")).codes, amount_eur=t.get("amount_eur"))
            for t in tenders]


def synthetic_library(clauses: list[ClauseDoc], size: int) -> list[ClauseDoc]:
    """``size`` clauses made from the real ones: same themes, kinds and CPV, keywords mixed within each theme
    and two invented words each, so that the vocabulary grows as in a large real library."""
    rng = random.Random(SEED)
    by_theme: dict[str, list[str]] = {}
    for clause in clauses:
        by_theme.setdefault(clause.themes[0], []).extend(clause.keywords)
    made = []
    for number in range(size):
        base = clauses[number % len(clauses)]
        pool = by_theme[base.themes[0]]
        invented = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(6, 11)))
                    for _ in range(2)]
        keywords = rng.sample(pool, min(8, len(pool))) + invented
        made.append(base.model_copy(update={"id": f"{base.id}-s{number}", "keywords": keywords}))
    return made


def time_matcher(index: ClauseIndex, batch: list[Query]) -> tuple[float, float]:
    for query in batch:
        match(index, query)  # warm the caches (lemmas, corrections)
    samples = []
    for _ in range(ROUNDS):
        for query in batch:
            start = time.perf_counter()
            match(index, query)
            samples.append(time.perf_counter() - start)
    return percentiles(samples)


def long_texts(batch: list[Query], count: int) -> list[Query]:
    """``count`` different texts of ``MAX_TEXT`` characters: dev objects, each with a count and a price per unit."""
    rng = random.Random(SEED)
    made = []
    for _ in range(count):
        parts: list[str] = []
        while sum(map(len, parts)) < MAX_TEXT:
            text = rng.choice(batch).text.rstrip(". ")
            parts.append(f"Lot {rng.randint(1, 40)} : {text}, {rng.randint(2, 900)} unités à "
                         f"{rng.randint(2, 900)},50 € HT l'unité, {rng.randint(1, 4)} ans. ")
        made.append(Query(text="".join(parts)[:MAX_TEXT]))
    return made


def time_once(index: ClauseIndex, batch: list[Query]) -> tuple[float, float]:
    """p50 and max (ms) of matching each query once."""
    samples = []
    for query in batch:
        start = time.perf_counter()
        match(index, query)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000, max(samples) * 1000


def time_bm25(clauses: list[ClauseDoc], batch: list[Query]) -> tuple[float, float]:
    retriever = bm25s.BM25()
    corpus = [fold(" ".join([c.title, *c.keywords, *c.synonyms, c.text])) for c in clauses]
    retriever.index(bm25s.tokenize(corpus, stopwords=STOPWORDS_FRENCH, show_progress=False), show_progress=False)
    samples = []
    for _ in range(ROUNDS):
        for query in batch:
            start = time.perf_counter()
            tokens = bm25s.tokenize([fold(query.text)], stopwords=STOPWORDS_FRENCH, show_progress=False)
            retriever.retrieve(tokens, k=10, show_progress=False)
            samples.append(time.perf_counter() - start)
    return percentiles(samples)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def throughput(base: str, method: str, path: str, bodies: list[dict[str, object]], total: int) -> float:
    """Requests per second over ``total`` requests sent by THREADS keep-alive clients."""
    errors: list[str] = []

    def worker(share: int, offset: int) -> None:
        with httpx.Client(base_url=base, timeout=30) as client:
            for number in range(share):
                body = bodies[(offset + number) % len(bodies)] if bodies else None
                response = client.request(method, path, json=body)
                if response.status_code != 200:
                    errors.append(f"{response.status_code} {response.text[:200]}")

    threads = [threading.Thread(target=worker, args=(total // THREADS, n * 7)) for n in range(THREADS)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    if errors:
        raise SystemExit(f"{path} : {len(errors)} réponses en erreur, par ex. {errors[0]}")
    return (total // THREADS) * THREADS / elapsed


def http_benchmark(batch: list[Query], requests: int) -> tuple[float, float]:
    port = free_port()
    with tempfile.TemporaryDirectory() as directory:
        env = {**os.environ, "CLAUSIER_DATABASE_URL": f"sqlite:///{Path(directory) / 'bench.db'}",
               "CLAUSIER_RATE_LIMIT_PER_MINUTE": "0", "CLAUSIER_LOAD_SAMPLE_DATA": "false"}
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "app.main:create_app", "--factory", "--host", "127.0.0.1",
             "--port", str(port), "--log-level", "warning", "--no-access-log"],
            env=env, cwd=PROJECT_ROOT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"{base}/api/v1/health", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("le serveur uvicorn n'a pas démarré")
                time.sleep(0.2)
            bodies: list[dict[str, object]] = [
                {"text": q.text, "cpv": q.cpv, "amount_eur": q.amount_eur} for q in batch]
            throughput(base, "POST", "/api/v1/match", bodies, 40)  # warm-up: index, lemmas
            throughput(base, "GET", "/api/v1/health", [], 40)
            health, matching = [], []
            for _ in range(2):  # alternate to share the machine's load fairly
                health.append(throughput(base, "GET", "/api/v1/health", [], requests))
                matching.append(throughput(base, "POST", "/api/v1/match", bodies, requests))
        finally:
            server.terminate()
            server.wait(timeout=30)
    return statistics.median(health), statistics.median(matching)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400, help="requêtes HTTP par mesure (défaut 400)")
    arguments = parser.parse_args()
    batch = queries()
    clauses = [clause for clause in read_library(PROJECT_ROOT / "clauses") if clause.status == "active"]
    knowledge = read_knowledge(PROJECT_ROOT / "families", PROJECT_ROOT / "obligations")

    start = time.perf_counter()
    index = ClauseIndex(clauses, knowledge)
    print(f"Index réel : {len(clauses)} clauses, construit en {(time.perf_counter() - start) * 1000:.0f} ms")
    p50, p95 = time_matcher(index, batch)
    b50, b95 = time_bm25(clauses, batch)
    print(f"  Clausier          p50 {p50:6.2f} ms   p95 {p95:6.2f} ms   (objectif p50 ≤ 2 ms)")
    print(f"  BM25 (bm25s)      p50 {b50:6.2f} ms   p95 {b95:6.2f} ms")

    longest, slowest = time_once(index, long_texts(batch, ROUNDS * 2))
    print(f"  textes de {MAX_TEXT} caractères (longueur maximale), prix à l'unité : p50 {longest:6.1f} ms   "
          f"max {slowest:6.1f} ms   (soit {longest / p50:.0f} × le p50 des objets réels)")

    synthetic = synthetic_library(clauses, SYNTHETIC_SIZE)
    start = time.perf_counter()
    big = ClauseIndex(synthetic, knowledge)
    print(f"Index synthétique : {len(synthetic)} clauses, construit en {time.perf_counter() - start:.1f} s")
    p50, p95 = time_matcher(big, batch)
    b50, b95 = time_bm25(synthetic, batch)
    print(f"  Clausier          p50 {p50:6.2f} ms   p95 {p95:6.2f} ms   (objectif p50 ≤ 20 ms)")
    print(f"  BM25 (bm25s)      p50 {b50:6.2f} ms   p95 {b95:6.2f} ms")

    health, matching = http_benchmark(batch, arguments.requests)
    ratio = matching / health
    print(f"HTTP (uvicorn, {THREADS} clients, {arguments.requests} requêtes par mesure, médiane de 2) :")
    print(f"  GET  /api/v1/health  {health:7.1f} req/s")
    print(f"  POST /api/v1/match   {matching:7.1f} req/s   soit {ratio:.0%} de /health (objectif ≥ 35 %)")


if __name__ == "__main__":
    main()
