"""Write the annual ethical-purchase report (same code as ``clausier report``), e.g. from a scheduled job.

    python scripts/annual_report.py --year 2025 [--buyer SIRET] [--out DIR]

Writes ``DIR/rapport-achats-ethiques-2025.docx``, ``DIR/indicateurs-2025.csv``, ``DIR/indicateurs-2025.json``
and the PNG charts (with ``-SIRET`` in the names for one buyer); the database is the one of the
``CLAUSIER_DATABASE_URL`` setting. Exit status 1 when the database cannot be reached.
"""

import typer

from app.reports.cli import report_command

if __name__ == "__main__":
    typer.run(report_command)
