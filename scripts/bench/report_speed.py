"""Benchmark of the purchases ledger: import of a large DECP file and annual report, SQLite and PostgreSQL.

    python scripts/bench/report_speed.py [--contracts 100000 [1000000]] [--year 2025] [--workdir DIR]

Generates a DECP JSON file (2024 schema shape) of each ``--contracts`` count, spread over five years and
``--buyers`` buyers, with a supplier registry, then measures each phase in a process of its own so that
the peak memory printed (VmHWM) is that phase's, on SQLite and, when CLAUSIER_TEST_POSTGRES_URL is set,
on PostgreSQL (in a schema of its own, dropped at the end):

- baseline: reading the file with ijson alone (no validation, no database), before and after the import;
- import: ``import_purchases`` (streaming parse, validation, bulk writes, one transaction);
- baseline: one full-scan aggregate (COUNT/SUM) over the ledger;
- indicators: ``compute_indicators`` for the year (every indicator, trend over five years included);
- report: ``write_annual_report`` (indicators, Word document, CSV, JSON, charts).

Each phase prints its wall time and its CPU time (this process's user + system; "child s": that of the processes
it forked: the report's contracts CSV on SQLite): on a machine busy with other work the wall times follow that
load, the CPU times do not. PostgreSQL's own work is in the server
process, so on PostgreSQL only the wall-time ratio is the import's whole cost.

Targets (issues 6 and 18): import ≤ 3× the ijson baseline on each database, 10× the contracts ≤ 12× the
import time, import peak ≤ 1 GB; annual report on 1 000 000 contracts ≤ 10 s on SQLite, ≤ 5 s on PostgreSQL.
"""

import argparse
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pg_schema import postgres_schema

REPORT_TARGET_S = {"SQLite": 10.0, "PostgreSQL": 5.0}
IMPORT_RATIO_TARGET = 3.0
SCALING_TARGET = 12.0  # 10x the contracts
IMPORT_MEMORY_TARGET_MB = 1024
CPV = ["45000000", "45233140", "90910000", "90511000", "79800000", "30192000", "39130000", "15800000",
       "55523100", "71000000", "72000000", "34100000", "09310000", "77310000", "50700000", "INX28213"]
INCLUSIVE = ["SIAE-EI", "SIAE-ACI", "SIAE-ETTI", "EA", "ESAT", "GEIQ"]
HOLDERS = 50_000
REGISTRY = 2_000  # the first holders are known to the supplier registry


def siret(index: int) -> str:
    return f"3{index:013d}"


def peak_mb() -> float:
    """Peak resident memory of this process (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def generate(path: Path, contracts: int, year: int, buyers: int) -> None:
    """Write the DECP file one contract at a time (bounded memory)."""
    rng = random.Random(20250101)
    buyer_ids = [f"21{i:012d}" for i in range(buyers)]
    first = date(year - 4, 1, 1)
    span = (date(year, 12, 31) - first).days
    with path.open("w", encoding="utf-8") as out:
        out.write('{"marches": {"marche": [\n')
        for n in range(contracts):
            notified = first + timedelta(days=rng.randrange(span + 1))
            progress = (notified.year - first.year) / 4  # considerations become more frequent over the years
            social = [v for v, p in (("Clause sociale", 0.15 + 0.15 * progress), ("Critère social", 0.10),
                                     ("Marché réservé", 0.03)) if rng.random() < p]
            environmental = [v for v, p in (("Clause environnementale", 0.25 + 0.3 * progress),
                                            ("Critère environnemental", 0.2 + 0.2 * progress)) if rng.random() < p]
            holders = [siret(rng.randrange(HOLDERS)) for _ in range(1 if rng.random() < 0.9 else 2)]
            record = {
                "id": f"{notified.year}-{n:09d}", "acheteur": {"id": rng.choice(buyer_ids)}, "nature": "Marché",
                "objet": f"Marché de test n° {n}", "codeCPV": rng.choice(CPV),
                "procedure": "Procédure adaptée", "dureeMois": rng.choice([6, 12, 24, 36, 48]),
                "dateNotification": notified.isoformat(),
                "montant": round(rng.lognormvariate(10.5, 1.3), 2),
                "titulaires": [{"titulaire": {"typeIdentifiant": "SIRET", "id": h}} for h in dict.fromkeys(holders)],
                "considerationsSociales": {"considerationSociale": social or ["Pas de considération sociale"]},
                "considerationsEnvironnementales": {
                    "considerationEnvironnementale": environmental or ["Pas de considération environnementale"]},
            }
            out.write(("," if n else "") + json.dumps(record, ensure_ascii=False) + "\n")
        out.write("]}}\n")


def phase(name: str, database: str, data: Path, year: int) -> dict[str, Any]:
    """Run one measured phase in this process; returns seconds, peak memory and a check value."""
    from sqlmodel import Session

    from app.config import Settings
    from app.db import make_engine

    settings = Settings(DATABASE_URL=database, LOAD_SAMPLE_DATA=False, _env_file=None)  # type: ignore[call-arg]
    engine = make_engine(settings.DATABASE_URL)
    result: dict[str, Any] = {}
    if name == "parse":
        import ijson

        start, cpu = time.perf_counter(), time.process_time()
        with data.open("rb") as stream:
            result["check"] = sum(1 for _ in ijson.items(stream, "marches.marche.item"))
    elif name == "import":
        from app.bootstrap import prepare_database
        from app.purchases.service import import_purchases

        prepare_database(engine, settings)
        _registry(engine)
        start, cpu = time.perf_counter(), time.process_time()
        with Session(engine) as session, data.open("rb") as stream:
            report = import_purchases(session=session, stream=stream, filename=data.name, actor="tests")
        result["check"] = report.created
    elif name == "scan":
        from sqlalchemy import text

        start, cpu = time.perf_counter(), time.process_time()
        with engine.connect() as connection:
            result["check"] = connection.execute(text("SELECT COUNT(*), SUM(amount_cents) FROM purchase")).one()[0]
    elif name == "indicators":
        from app.reports.indicators import compute_indicators

        start, cpu = time.perf_counter(), time.process_time()
        with Session(engine) as session:
            indicators = compute_indicators(session, year=year)
        result["check"] = indicators["contracts"]
        result["detail"] = {k: indicators[k]["share_count"] for k in ("social", "environmental", "any")} | {
            "inclusive": indicators["inclusive_suppliers"]["count"]}
    else:
        from app.reports.render import write_annual_report

        start, cpu = time.perf_counter(), time.process_time()
        with Session(engine) as session, tempfile.TemporaryDirectory() as out:
            files = write_annual_report(session, year=year, out_dir=Path(out))
            result["check"] = len(files.all())
    result["seconds"] = time.perf_counter() - start
    result["cpu"] = time.process_time() - cpu
    result["children_cpu"] = sum(os.times()[2:4])  # forked processes, all waited for
    result["peak_mb"] = peak_mb()
    engine.dispose()
    return result


def _registry(engine: Any) -> None:
    """A supplier registry: the first holders, a third of them inclusive, a fifth with a label; written
    directly, then the statistics refreshed as ``import_suppliers`` does."""
    from sqlmodel import Session

    from app.bulk import refresh_statistics
    from app.suppliers.models import Supplier, SupplierLabel

    rng = random.Random(7)
    with Session(engine) as session:
        for i in range(REGISTRY):
            kind = rng.choice(INCLUSIVE) if i % 3 == 0 else "entreprise"
            session.add(Supplier(siret=siret(i), siren=siret(i)[:9], name=f"Fournisseur {i}", kind=kind,
                                 source="bench"))
        session.flush()
        for i in range(0, REGISTRY, 5):
            label = rng.choice(["Fairtrade/Max Havelaar", "Écolabel européen"])
            session.add(
                SupplierLabel(supplier_siret=siret(i), label=label, valid_from=date(2022, 1, 1), source="bench")
            )
        session.commit()
    refresh_statistics(engine, [Supplier.__table__, SupplierLabel.__table__])  # type: ignore[attr-defined]


def run_phase(name: str, database: str, data: Path, year: int) -> dict[str, Any]:
    completed = subprocess.run(
        [sys.executable, __file__, "--phase", name, "--database", database, "--data", str(data), "--year", str(year)],
        capture_output=True, text=True, check=False,
    )
    if completed.returncode:
        sys.exit(completed.stderr)
    return json.loads(completed.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


@contextmanager
def databases(workdir: Path, contracts: int) -> Iterator[list[tuple[str, str]]]:
    """A fresh SQLite file and, with CLAUSIER_TEST_POSTGRES_URL, a fresh PostgreSQL schema (dropped after)."""
    db = workdir / f"bench-{contracts}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    found = [("SQLite", f"sqlite:///{db}")]
    postgres = os.environ.get("CLAUSIER_TEST_POSTGRES_URL", "")
    if not postgres:
        yield found
        return
    with postgres_schema(postgres) as url:
        yield [*found, ("PostgreSQL", url)]


PHASES = ("parse", "import", "parse", "scan", "indicators", "report")


def measure(label: str, database: str, data: Path, year: int) -> dict[str, Any]:
    """Every phase on one database; prints them and returns the import's figures."""
    results = [(name, run_phase(name, database, data, year)) for name in PHASES]
    labels = {"parse": "baseline: ijson parse only", "import": "import (parse + validate + write)",
              "scan": "baseline: one full-scan COUNT/SUM", "indicators": f"indicators {year} (SQL)",
              "report": f"annual report {year} (docx, csv, json, png)"}
    print(f"== {label}\n{'phase':<44}{'wall s':>8}{'CPU s':>8}{'child s':>8}{'peak MB':>9}  check")
    for name, result in results:
        print(f"{labels[name]:<44}{result['seconds']:>8.2f}{result['cpu']:>8.2f}{result['children_cpu']:>8.2f}"
              f"{result['peak_mb']:>9.0f}  {result['check']}")
    by_name = dict(results)
    parse = [result for name, result in results if name == "parse"]
    base_wall = sum(r["seconds"] for r in parse) / len(parse)
    base_cpu = sum(r["cpu"] for r in parse) / len(parse)
    imported = by_name["import"]
    ratio, cpu_ratio = imported["seconds"] / base_wall, imported["cpu"] / base_cpu
    print(f"import / ijson baseline (mean of the two): {ratio:.2f}x wall, {cpu_ratio:.2f}x CPU of this process "
          f"(target ≤ {IMPORT_RATIO_TARGET:.0f}x: {'met' if ratio <= IMPORT_RATIO_TARGET else 'MISSED'} on wall time)")
    report_ok = by_name["report"]["seconds"] <= REPORT_TARGET_S[label]
    memory_ok = imported["peak_mb"] <= IMPORT_MEMORY_TARGET_MB
    print(f"target report ≤ {REPORT_TARGET_S[label]:.0f} s (set for 1 000 000 contracts): "
          f"{'met' if report_ok else 'MISSED'}; "
          f"import peak ≤ {IMPORT_MEMORY_TARGET_MB} MB: {'met' if memory_ok else 'MISSED'}")
    print("shares:", by_name["indicators"].get("detail"))
    return imported


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contracts", type=int, nargs="+", default=[100_000])
    parser.add_argument("--buyers", type=int, default=2_000, help="distinct buyers (national data: tens of thousands)")
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--workdir", type=Path, default=None, help="Keep the files and databases there.")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--database", help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(phase(args.phase, args.database, args.data, args.year)))
        return

    imports: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        for contracts in args.contracts:
            data = workdir / f"decp-bench-{contracts}.json"
            start = time.perf_counter()
            generate(data, contracts, args.year, args.buyers)
            print(f"\n{contracts} contracts, {args.buyers} buyers, generated in {time.perf_counter() - start:.1f} s "
                  f"({data.stat().st_size / 1e6:.0f} MB)")
            with databases(workdir, contracts) as found:
                for label, database in found:
                    imported = measure(label, database, data, args.year)
                    if imported["check"] != contracts:
                        sys.exit(f"import created {imported['check']} contracts, expected {contracts}")
                    imports.setdefault(label, []).append((contracts, imported))
    for label, runs in imports.items():
        for (small, before), (large, after) in itertools.pairwise(runs):
            growth, limit = after["seconds"] / before["seconds"], SCALING_TARGET / 10 * large / small
            print(f"{label}: {large / small:.0f}x the contracts cost {growth:.1f}x the import wall time, "
                  f"{after['cpu'] / before['cpu']:.1f}x its CPU time (target ≤ {limit:.0f}x: "
                  f"{'met' if growth <= limit else 'MISSED'})")


if __name__ == "__main__":
    main()
