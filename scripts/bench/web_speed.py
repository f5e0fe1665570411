"""Server-side time of the officers' proposals page (match + suppliers + HTML) for the real library
(target: p95 ≤ 150 ms), next to the health route measured in the same run.

Usage: python scripts/bench/web_speed.py [--rounds N]

The app runs in-process (Starlette's test client, no network) on a fresh SQLite database holding the
built-in library, the sample supplier registry and the sample contracts.
"""

import argparse
import statistics
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from app.config import Settings
from app.main import create_app

TARGET_MS = 150.0
# Tender summaries as officers paste them (objects of published contracts, typos and capitals included).
TENDERS = [
    {"texte": "Nettoyage des locaux de la mairie et des écoles", "cpv": "90911200-8", "montant": "250 000",
     "nature": "services", "date_lancement": "15/09/2026", "lieu": "Melun"},
    {"texte": "COL BLETTERANS EXTENSION INFIRMERIE ET ADAPTATIONS PMR LOT 01", "cpv": "45262660-5",
     "montant": "43 519,42"},
    {"texte": "enlèvement et traitement des déchets ménagers dangereux sur les 3 déchetteries (hors ECO DDS)",
     "montant": "41 971,97"},
    {"texte": "Fourniture de repas en liaison froide pour la restauration scolaire et le centre de loisirs",
     "nature": "services", "montant": "480 000", "date_lancement": "01/10/2026", "lieu": "77"},
    {"texte": "Achat de vêtements de travail et d'équipements de protection individuelle pour les agents",
     "cpv": "18100000", "nature": "fournitures"},
    {"texte": "Renouvellement du parc informatique : ordinateurs portables, écrans et imprimantes",
     "montant": "120 000", "nature": "fournitures", "date_lancement": "01/09/2026"},
    {"texte": "Entretien des espaces verts de la commune et fauchage des accotements", "lieu": "Brie-Comte-Robert"},
    {"texte": "Travaux de réhabilitation thermique du groupe scolaire Jules Ferry", "nature": "travaux",
     "montant": "1 850 000", "date_lancement": "30/11/2026"},
]


def percentile(values: list[float], share: float) -> float:
    """The ``share`` quantile (nearest rank) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def timed(call: Callable[[], object], rounds: int) -> list[float]:
    """Milliseconds of each of ``rounds`` calls."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=25, help="passes over the sample tenders")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    from fastapi.testclient import TestClient

    with tempfile.TemporaryDirectory() as directory:
        settings = Settings(
            DATABASE_URL=f"sqlite:///{Path(directory) / 'bench.db'}", LOAD_SAMPLE_DATA=True,
            RATE_LIMIT_PER_MINUTE=0, _env_file=None,  # type: ignore[call-arg]
        )
        with TestClient(create_app(settings)) as client:
            position = iter(range(10**9))

            def proposals() -> None:
                response = client.post("/propositions", data=TENDERS[next(position) % len(TENDERS)])
                assert response.status_code == 200 and "Clauses proposées" in response.text, response.text[:500]

            def health() -> None:
                assert client.get("/api/v1/health").status_code == 200

            for tender in TENDERS:  # warm-up: library index, supplier name index, templates
                client.post("/propositions", data=tender)
            runs = args.rounds * len(TENDERS)
            page = timed(proposals, runs)
            baseline = timed(health, runs)
    print(f"Page « Clauses proposées » (POST /propositions), {runs} requêtes sur {len(TENDERS)} marchés types :")
    print(f"  {'':24} {'p50':>9} {'p95':>9} {'max':>9}")
    for label, times in (("page des propositions", page), ("référence : /api/v1/health", baseline)):
        print(f"  {label:24} {statistics.median(times):7.1f} ms {percentile(times, 0.95):7.1f} ms "
              f"{max(times):7.1f} ms")
    p95 = percentile(page, 0.95)
    verdict = "atteint" if p95 <= TARGET_MS else "NON ATTEINT"
    print(f"Objectif p95 ≤ {TARGET_MS:.0f} ms : {verdict} ({p95:.1f} ms ; "
          f"{p95 - percentile(baseline, 0.95):.1f} ms au-delà de la route de santé)")


if __name__ == "__main__":
    main()
