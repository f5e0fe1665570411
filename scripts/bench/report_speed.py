"""Benchmark of the purchases ledger: streaming import and annual report on a large DECP file (SQLite).

    python scripts/bench/report_speed.py [--contracts 1000000] [--year 2025] [--workdir DIR]

Generates a DECP JSON file (2024 schema shape) of ``--contracts`` contracts spread over five years and
twelve buyers, with a supplier registry, then measures each phase in a process of its own so that
the peak memory printed (VmHWM) is that phase's:

- baseline: reading the file with ijson alone (no validation, no database);
- import: ``import_purchases`` (streaming parse, validation, batched upserts, one transaction);
- baseline: one full-scan aggregate (COUNT/SUM) over the ledger;
- indicators: ``compute_indicators`` for the year (every indicator, trend over five years included);
- report: ``write_annual_report`` (indicators, Word document, CSV, JSON, charts).

Targets (issue 6): report ≤ 10 s on SQLite; streaming import ≤ 1 GB peak memory.
"""

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPORT_TARGET_S = 10.0
IMPORT_MEMORY_TARGET_MB = 1024
BUYERS = [f"2100000000{i:04d}" for i in range(12)]
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


def generate(path: Path, contracts: int, year: int) -> None:
    """Write the DECP file one contract at a time (bounded memory)."""
    rng = random.Random(20250101)
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
                "id": f"{notified.year}-{n:09d}", "acheteur": {"id": rng.choice(BUYERS)}, "nature": "Marché",
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

        start = time.perf_counter()
        with data.open("rb") as stream:
            result["check"] = sum(1 for _ in ijson.items(stream, "marches.marche.item"))
    elif name == "import":
        from app.bootstrap import prepare_database
        from app.purchases.service import import_purchases

        prepare_database(engine, settings)
        _registry(engine)
        start = time.perf_counter()
        with Session(engine) as session, data.open("rb") as stream:
            report = import_purchases(session=session, stream=stream, filename=data.name, actor="tests")
        result["check"] = report.created
    elif name == "scan":
        from sqlalchemy import text

        start = time.perf_counter()
        with engine.connect() as connection:
            result["check"] = connection.execute(text("SELECT COUNT(*), SUM(amount_cents) FROM purchase")).one()[0]
    elif name == "indicators":
        from app.reports.indicators import compute_indicators

        start = time.perf_counter()
        with Session(engine) as session:
            indicators = compute_indicators(session, year=year)
        result["check"] = indicators["contracts"]
        result["detail"] = {k: indicators[k]["share_count"] for k in ("social", "environmental", "any")} | {
            "inclusive": indicators["inclusive_suppliers"]["count"]}
    else:
        from app.reports.render import write_annual_report

        start = time.perf_counter()
        with Session(engine) as session, tempfile.TemporaryDirectory() as out:
            files = write_annual_report(session, year=year, out_dir=Path(out))
            result["check"] = len(files.all())
    result["seconds"] = time.perf_counter() - start
    result["peak_mb"] = peak_mb()
    engine.dispose()
    return result


def _registry(engine: Any) -> None:
    """A supplier registry: the first holders, a third of them inclusive, a fifth with a label."""
    from sqlmodel import Session

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


def run_phase(name: str, database: str, data: Path, year: int) -> dict[str, Any]:
    completed = subprocess.run(
        [sys.executable, __file__, "--phase", name, "--database", database, "--data", str(data), "--year", str(year)],
        capture_output=True, text=True, check=True,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contracts", type=int, default=1_000_000)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--workdir", type=Path, default=None, help="Keep the file and database there.")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--database", help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(phase(args.phase, args.database, args.data, args.year)))
        return

    with tempfile.TemporaryDirectory() as tmp:
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        data, db = workdir / "decp-bench.json", workdir / "bench.db"
        db.unlink(missing_ok=True)
        database = f"sqlite:///{db}"
        start = time.perf_counter()
        generate(data, args.contracts, args.year)
        size_mb = data.stat().st_size / 1e6
        print(f"{args.contracts} contracts generated in {time.perf_counter() - start:.1f} s ({size_mb:.0f} MB)")
        results = {name: run_phase(name, database, data, args.year)
                   for name in ("parse", "import", "scan", "indicators", "report")}
        print(f"{'phase':<42}{'seconds':>10}{'peak MB':>10}  check")
        labels = {"parse": "baseline: ijson parse only", "import": "import (parse + validate + upsert)",
                  "scan": "baseline: one full-scan COUNT/SUM", "indicators": f"indicators {args.year} (SQL)",
                  "report": f"annual report {args.year} (docx, csv, json, png)"}
        for name, result in results.items():
            print(f"{labels[name]:<42}{result['seconds']:>10.2f}{result['peak_mb']:>10.0f}  {result['check']}")
        print("shares:", results["indicators"].get("detail"))
        print(f"database: {db.stat().st_size / 1e6:.0f} MB")
        report_ok = results["report"]["seconds"] <= REPORT_TARGET_S
        memory_ok = results["import"]["peak_mb"] <= IMPORT_MEMORY_TARGET_MB
        print(f"target report ≤ {REPORT_TARGET_S:.0f} s: {'met' if report_ok else 'MISSED'}; "
              f"target import peak ≤ {IMPORT_MEMORY_TARGET_MB} MB: {'met' if memory_ok else 'MISSED'}")
        if results["import"]["check"] != args.contracts:
            sys.exit(f"import created {results['import']['check']} contracts, expected {args.contracts}")


if __name__ == "__main__":
    main()
