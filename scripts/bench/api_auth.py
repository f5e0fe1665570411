"""Cost of API keys on a request, next to an anonymous baseline measured in the same run.

The first use of a key pays scrypt once per process; afterwards a keyed request costs one indexed lookup
more (so that a revocation applies at once): target, median overhead ≤ 5 ms.

Usage: python scripts/bench/api_auth.py [--requests N]
"""

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient
from sqlmodel import Session

from app.auth.service import create_key
from app.config import Settings
from app.main import create_app

TARGET_OVERHEAD_MS = 5.0
URL = "/api/v1/clauses/insertion-heures-execution"


def timed(client: TestClient, requests: int, headers: dict[str, str]) -> list[float]:
    """Milliseconds of each request."""
    durations = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(URL, headers=headers)
        durations.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.text
    return durations


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(DATABASE_URL=f"sqlite:///{Path(tmp) / 'bench.db'}", LOAD_SAMPLE_DATA=False,
                            RATE_LIMIT_PER_MINUTE=0, _env_file=None)  # type: ignore[call-arg]
        with TestClient(create_app(settings)) as client:
            with Session(client.app.state.engine) as session:  # type: ignore[attr-defined]
                _, key = create_key(session=session, name="bench", role="reader")
            headers = {"Authorization": f"Bearer {key}"}
            first = timed(client, 1, headers)[0]
            timed(client, 20, {})  # warm-up
            anonymous_runs, keyed_runs = [], []
            for _ in range(args.requests):  # interleaved, so that load changes hit both alike
                anonymous_runs += timed(client, 1, {})
                keyed_runs += timed(client, 1, headers)
            anonymous, keyed = statistics.median(anonymous_runs), statistics.median(keyed_runs)
    overhead = keyed - anonymous
    print(f"first request with a new key (scrypt): {first:.1f} ms")
    print(f"median anonymous request (baseline):    {anonymous:.2f} ms")
    print(f"median request with the key:            {keyed:.2f} ms")
    print(f"overhead of the key: {overhead:.2f} ms (target ≤ {TARGET_OVERHEAD_MS} ms) "
          f"{'OK' if overhead <= TARGET_OVERHEAD_MS else 'TOO SLOW'}")


if __name__ == "__main__":
    main()
