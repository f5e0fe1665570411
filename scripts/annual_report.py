"""Write the annual ethical-purchase report (same code as ``clausier report``), e.g. from a scheduled job.

    /path/to/clausier/.venv/bin/python /path/to/clausier/scripts/annual_report.py --year 2025 \\
        [--buyer SIRET | --group SIRET] [--out DIR] [--demo/--sans-demo]

It runs from any folder: the database is the one of the installation (``CLAUSIER_DATABASE_URL``, or the
checkout's ``var/clausier.db``; ``clausier db info`` says which), never one in the current folder. Run it
with the project's Python (``.venv/bin/python``), which has Clausier's dependencies; ``clausier report``
does the same. Writes ``DIR/rapport-achats-ethiques-2025.docx``, ``DIR/indicateurs-2025.csv``,
``DIR/indicateurs-2025.json`` and the PNG charts (``DIR`` defaults to ``./rapports``). Exit status 1 when
the database cannot be reached.
"""

import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))  # the checkout's app, even without an editable install

try:
    import typer

    from app.reports.cli import report_command
except ModuleNotFoundError as missing:
    sys.exit(
        f"Module Python introuvable : {missing.name}. Lancez ce script avec l'environnement de Clausier :\n"
        f"  {PROJECT / '.venv' / 'bin' / 'python'} {Path(__file__).resolve()} --year AAAA\n"
        f"(créé par « make install » dans {PROJECT}), ou utilisez « clausier report »."
    )

if __name__ == "__main__":
    typer.run(report_command)
