"""Supplier registry speed: import of 100 000 generated rows (time, peak memory) and fuzzy search p50.

Targets: import ≤ 10 s on SQLite and ≤ 15 s on PostgreSQL (issue 18; ≤ 60 s in issue 5) and ≤ 500 MB peak;
fuzzy search over 100 000 suppliers p50 ≤ 50 ms. Each import prints its wall time and the CPU time of its
process: on a machine busy with other work the first follows that load, the second does not (PostgreSQL's
own work is in the server, outside the second).
Baselines measured in the same run: parsing the same file with the csv module alone (time), a process
that only loads the application and reads the file (memory), and a plain rapidfuzz ``WRatio`` scan of
every name (search). The import runs in a child process so that its peak RSS is its own.

    python scripts/bench/suppliers_speed.py [--rows 100000] [--queries 200]

On SQLite in a temporary folder; also on PostgreSQL when CLAUSIER_TEST_POSTGRES_URL is set (own schema).
"""

import argparse
import csv
import io
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rapidfuzz import fuzz, process, utils
from stdnum import luhn

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from pg_schema import postgres_schema  # noqa: E402  (beside this script)

PREFIXES = ["Les Ateliers", "ESAT", "Jardins", "Régie de Quartier", "Entreprise", "Société", "Coopérative",
            "Atelier", "Groupe", "Services", "Recyclerie", "Imprimerie", "Boulangerie", "Café", "Transports",
            "Menuiserie", "Propreté", "Traiteur", "Blanchisserie", "Paysages"]
PLACES = ["du Val d'Yerres", "de la Brie", "de Sénart", "des Deux Rives", "de l'Essonne", "de Melun",
          "du Gâtinais", "de Corbeil", "d'Évry", "de Fontainebleau", "du Hurepoix", "de la Seine", "de Meaux"]
SYLLABLES = ["ber", "ta", "nel", "mo", "ri", "san", "du", "val", "lo", "che", "ron", "gau", "min", "pé", "tré",
             "ville", "court", "mont", "ais", "ot", "ier", "eau", "bou", "lan", "ger", "fa", "vi", "ro", "qui"]
KINDS = ["entreprise"] * 6 + ["SIAE-EI", "SIAE-ACI", "SIAE-AI", "SIAE-ETTI", "GEIQ", "EA", "ESAT", "SCOP",
                              "association"]
POSTCODES = [("77000", "Melun"), ("77176", "Savigny-le-Temple"), ("77127", "Lieusaint"), ("91000", "Évry"),
             ("91100", "Corbeil-Essonnes"), ("77300", "Fontainebleau"), ("91330", "Yerres"), ("75011", "Paris")]
CPVS = ["7731", "9091", "5552", "158", "798", "4544", "452", "905", "302", "391", "181", "9831", "6013"]
LABELS = ["Écolabel européen", "Bio/AB", "Fair for Life", "Fairtrade/Max Havelaar", "ISO 14001", "PEFC", "FSC",
          "Imprim'Vert", "RGE", "Qualiopi", "ESUS"]
IMPORT_TARGET_S = {"SQLite": 10.0, "PostgreSQL": 15.0}
HEADER = ["siret", "nom", "marque", "type", "adresse", "code_postal", "commune", "activites_cpv", "labels",
          "engagement_oit"]


def siret(n: int) -> str:
    base = f"9{n:07d}"
    siren = base + luhn.calc_check_digit(base)
    return siren + "0001" + luhn.calc_check_digit(siren + "0001")


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def generate(rows: int, seed: int = 5) -> tuple[bytes, list[str]]:
    """A French-Excel-like registry file (;, UTF-8 BOM) and its names."""
    rng = random.Random(seed)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    names = []
    for n in range(rows):
        name = f"{rng.choice(PREFIXES)} {word(rng)} {rng.choice(PLACES)}"
        names.append(name)
        postcode, commune = rng.choice(POSTCODES)
        labels = "|".join(
            f"{label}:{rng.randint(2025, 2029)}-{rng.randint(1, 12):02d}-28"
            for label in rng.sample(LABELS, rng.randint(0, 2))
        )
        writer.writerow([
            siret(n), name, word(rng) if rng.random() < 0.2 else "", rng.choice(KINDS),
            f"{rng.randint(1, 120)} rue {word(rng)}", postcode, commune,
            "|".join(rng.sample(CPVS, rng.randint(1, 3))), labels,
            "2025-03-01" if rng.random() < 0.1 else "",
        ])
    return "\ufeff".encode() + buffer.getvalue().encode(), names


def typo(name: str, rng: random.Random) -> str:
    """What an officer types: lower case, no accents, one letter dropped from a long word, few words."""
    words = [w for w in utils.default_process(name).split() if len(w) > 2]
    words = words[:3]
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    w = words[longest]
    cut = rng.randrange(1, len(w) - 1)
    words[longest] = w[:cut] + w[cut + 1:]
    return " ".join(words)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(mode: str, path: str, url: str) -> None:
    """Run in a fresh process: only load (baseline) or import the file; print seconds and peak RSS."""
    from app.bootstrap import prepare_database
    from app.config import Settings
    from app.db import make_engine
    from app.suppliers.transfer import import_suppliers

    data = Path(path).read_bytes()
    engine = make_engine(url)
    prepare_database(engine, Settings(DATABASE_URL=url, LOAD_SAMPLE_DATA=False, _env_file=None))  # type: ignore[call-arg]
    start, cpu = time.perf_counter(), time.process_time()
    rows = 0
    if mode == "import":
        report = import_suppliers(engine=engine, data=data, filename=Path(path).name, actor="tests")
        assert report.errors_total == 0, report.errors[:3]
        rows = report.created
    print(json.dumps({"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu,
                      "peak_mb": peak_rss_mb(), "rows": rows}))


def run_child(mode: str, path: Path, url: str) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(path), url], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def bench_search(url: str, names: list[str], queries: int) -> None:
    from sqlmodel import Session

    from app.db import make_engine
    from app.suppliers.reading import list_suppliers, name_index

    rng = random.Random(7)
    asked = [(i, typo(names[i], rng)) for i in rng.sample(range(len(names)), queries)]
    engine = make_engine(url)
    with Session(engine) as session:
        start = time.perf_counter()
        name_index(session)
        build = time.perf_counter() - start
        timings, found = [], 0
        for i, query in asked:
            start = time.perf_counter()
            page = list_suppliers(session=session, q=query, limit=10)
            timings.append(time.perf_counter() - start)
            found += names[i] in [item.name for item in page.items]
    engine.dispose()
    choices = [utils.default_process(name) for name in names]
    baseline = []
    for _, query in asked[:20]:
        start = time.perf_counter()
        process.extractOne(utils.default_process(query), choices, scorer=fuzz.WRatio, processor=None)
        baseline.append(time.perf_counter() - start)
    p50, p95 = statistics.median(timings), statistics.quantiles(timings, n=20)[-1]
    print(f"  fuzzy search (GET /suppliers?q= path, 10 results): p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms "
          f"(target p50 ≤ 50 ms) — index built in {build:.2f} s, once per change of the table")
    print(f"  the supplier typed is in the first 10 results for {found}/{len(asked)} queries with a typo")
    print(f"  baseline: rapidfuzz WRatio over every name, p50 {statistics.median(baseline) * 1000:.1f} ms")


def bench(url: str, label: str, path: Path, data: bytes, names: list[str], queries: int) -> None:
    print(f"== {label}")
    loaded = run_child("load", path, url)
    imported = run_child("import", path, url)
    target = IMPORT_TARGET_S[label]
    print(f"  import of {imported['rows']:.0f} rows: {imported['seconds']:.1f} s wall, {imported['cpu']:.1f} s CPU "
          f"(target ≤ {target:.0f} s: {'met' if imported['seconds'] <= target else 'MISSED'} on wall time), "
          f"peak RSS {imported['peak_mb']:.0f} MB (target ≤ 500 MB)")
    print(f"  baseline: app loaded + file read, peak RSS {loaded['peak_mb']:.0f} MB")
    start = time.perf_counter()
    for _ in csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"):
        pass
    print(f"  baseline: csv.reader alone over the same file, {time.perf_counter() - start:.1f} s")
    again = run_child("import", path, url)
    print(f"  re-import of the same file (all unchanged): {again['seconds']:.1f} s wall, {again['cpu']:.1f} s CPU")
    bench_search(url, names, queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--child", nargs=3, metavar=("MODE", "FILE", "URL"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    import os

    data, names = generate(args.rows)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"registre-{args.rows}.csv"
        path.write_bytes(data)
        print(f"Generated {args.rows} rows, {len(data) / 1e6:.1f} MB (;, UTF-8 BOM)")
        bench(f"sqlite:///{Path(tmp) / 'bench.db'}", "SQLite", path, data, names, args.queries)
        postgres = os.environ.get("CLAUSIER_TEST_POSTGRES_URL", "")
        if postgres:
            with postgres_schema(postgres) as url:
                bench(url, "PostgreSQL", path, data, names, args.queries)


if __name__ == "__main__":
    main()
