"""The annual ethical-purchase report: Word document, CSV and JSON of the indicators, PNG charts.

Everything is rendered from the dict of ``indicators.compute_indicators`` (no SQL here except the
streamed list of contracts lacking the environmental consideration). Charts use matplotlib's
object API (``Figure``, Agg canvas): no pyplot global state, safe in a web worker.
"""

import csv
import json
import multiprocessing
import re
import tempfile
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from copy import deepcopy
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Pt
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont, get_font
from matplotlib.ft2font import LoadFlags
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter
from sqlalchemy import Connection, Engine
from sqlmodel import Session

from app.clauses.values import NBSP, format_date, format_number
from app.french import agree, in_sentence, number, plural
from app.reports.indicators import (
    DEFINITIONS,
    ENVIRONMENTAL_OBLIGATION_FROM,
    PNAD_REFERENCE,
    Perimeter,
    analytic_settings,
    compute_indicators,
    contracts_listing,
    iter_contracts,
    iter_missing_environmental,
    perimeter,
)

UNKNOWN = "non renseigné"
SIDES = {"social": "Considération sociale", "environmental": "Considération environnementale",
         "any": "Au moins une considération"}
# What each chart shows, for whoever cannot see it: the alt text of the page's images and of the .docx's pictures.
CHART_ALTS = {
    "shares": "Part des marchés avec une considération sociale, environnementale ou l'une des deux, en nombre et en "
              "montant, face aux cibles nationales",
    "trend": "Évolution sur les dernières années de la part des marchés avec une considération sociale ou "
             "environnementale",
    "buyers": "Part des marchés avec une considération, par acheteur",
    "execution": "Heures d'insertion engagées et réalisées dans l'année, par acheteur suivi",
}
MAX_BUYERS_CHARTED = 20
MAX_ANNEX_CONTRACTS = 500  # lines of the .docx annex (about 15 pages); the CSV lists every contract
# A4 pages: portrait with 2.5 cm margins (16 cm of text); the annex in landscape with 1.5 cm margins.
PAGE_CM, MARGIN_CM, ANNEX_MARGIN_CM = (21.0, 29.7), 2.5, 1.5
TABLE_WIDTH_CM = PAGE_CM[0] - 2 * MARGIN_CM
ANNEX_WIDTH_CM = PAGE_CM[1] - 2 * ANNEX_MARGIN_CM
# Table text is measured in DejaVu Serif, the font LibreOffice draws in place of the document's Cambria when it is
# missing, and wider than Cambria: a column sized with it holds its text in Word too. Headers in 8 pt bold, cells
# in 9 pt; a cell's margins (Table Grid: 0.19 cm each side) plus a little slack.
MEASURE_FONT, HEADER_PT, CELL_PT, CELL_PADDING_CM = "DejaVu Serif", 8, 9, 0.45
# The label column never gets less than MIN_FLEXIBLE_CM while other columns can give way; a text column (not a
# figure) is at most MAX_COLUMN_CM wide, its text wrapping beyond.
MIN_FLEXIBLE_CM, MAX_COLUMN_CM = 3.5, 4.5
SOCIAL_COLOUR, ENVIRONMENTAL_COLOUR, ANY_COLOUR = "#c8553d", "#2a9d8f", "#264653"


@dataclass
class ReportFiles:
    """Paths of everything one report run wrote."""

    docx: Path
    csv: Path
    json: Path
    contracts_csv: Path
    charts: list[Path]
    missing_csv: Path | None

    def all(self) -> list[Path]:
        return [self.docx, self.csv, self.json, self.contracts_csv, *self.charts,
                *([self.missing_csv] if self.missing_csv else [])]


# ---------------------------------------------------------------------------------------------
# French formatting
# ---------------------------------------------------------------------------------------------

def pct(share: float | None, digits: int = 1) -> str:
    """``0.3636…`` -> ``36,4 %``; None -> ``non renseigné``."""
    if share is None:
        return UNKNOWN
    return f"{share * 100:.{digits}f}".replace(".", ",") + f"{NBSP}%"


def eur(amount: float | None) -> str:
    """``91548495.15`` -> ``91 548 495,15 €``."""
    if amount is None:
        return UNKNOWN
    cents = int(Decimal(str(amount)).quantize(Decimal("0.01")) * 100)
    return f"{format_number(cents // 100)},{cents % 100:02d}{NBSP}€"


def eur_words(amount: float) -> str:
    """An amount as said aloud: ``91,5 millions d'euros``, ``412 300 euros``."""
    if amount >= 1_000_000:
        return f"{amount / 1_000_000:.1f}".replace(".", ",") + f"{NBSP}millions d'euros"
    return format_number(round(amount)) + (f"{NBSP}euros" if round(amount) >= 2 else f"{NBSP}euro")


def count(value: int | None) -> str:
    return UNKNOWN if value is None else format_number(value)


def _csv_number(value: float | int | None, digits: int = 2) -> str:
    if value is None:
        return ""
    return str(value) if isinstance(value, int) else f"{value:.{digits}f}".replace(".", ",")


def _perimeter(ind: dict[str, Any]) -> str:
    if ind.get("group") is not None:
        name = ind.get("group_name") or f"le groupement SIRET {ind['group']}"
        return f"{name} et les acheteurs qui lui sont rattachés"
    if ind["buyer"] is None:
        return "tous les acheteurs du territoire"
    name = ind.get("buyer_name")
    return f"{name} (SIRET {ind['buyer']})" if name else f"l'acheteur de SIRET {ind['buyer']}"


def file_stem(year: int, buyer: str | None, group: str | None = None) -> str:
    """What names the files of a report: the year, then the buyer or the group."""
    return f"{year}-groupement-{group}" if group else f"{year}-{buyer}" if buyer else str(year)


def buyer_label(entry: dict[str, Any]) -> str:
    """A buyer of a breakdown as the report names it: its name and SIRET, or its SIRET alone."""
    return f"{entry['buyer_name']} ({entry['buyer']})" if entry.get("buyer_name") else f"SIRET {entry['buyer']}"


# ---------------------------------------------------------------------------------------------
# Summary in plain French
# ---------------------------------------------------------------------------------------------

def _buyer_in_sentence(siret: str, name: str | None) -> str:
    return in_sentence(name) if name else f"l'acheteur de SIRET {siret}"


def _subject(ind: dict[str, Any]) -> tuple[str, bool]:
    """Who notified the contracts, as the subject of a sentence, and whether the verb is plural."""
    buyers = ind["by_buyer"]
    if ind.get("group") is not None:
        name = ind.get("group_name")
        group = in_sentence(name) if name else f"le groupement de SIRET {ind['group']}"
        if len(buyers) < 2:
            return group, False
        return f"{group} et les acheteurs qui lui sont rattachés ({plural(len(buyers), 'acheteur')})", True
    if ind["buyer"] is not None:
        return _buyer_in_sentence(ind["buyer"], ind.get("buyer_name")), False
    if len(buyers) == 1:
        return _buyer_in_sentence(buyers[0]["buyer"], buyers[0]["buyer_name"]), False
    return f"les {number(len(buyers))} acheteurs du territoire", True


def summary(ind: dict[str, Any]) -> list[str]:
    """The "en bref" paragraphs: what an elected official needs, in sentences (real plurals, 0 and 1 singular)."""
    year, contracts = ind["year"], ind["contracts"]
    if not contracts:
        return [f"Aucun marché notifié en {year} n'est enregistré pour {_perimeter(ind)}."]
    who, several = _subject(ind)
    lines = [f"En {year}, {who} {'ont' if several else 'a'} notifié {plural(contracts, 'marché')} pour un montant "
             f"total de {eur_words(ind['amount_eur'])} HT."]
    if ind.get("demo"):
        lines.insert(0, "Attention : ces chiffres sont ceux des données de démonstration, fictives.")
    words = {"social": "sociale (clause, critère ou marché réservé)",
             "environmental": "environnementale (clause ou critère)"}
    for side, what in words.items():
        block, target = ind[side], ind["targets"][side]
        if block["count"] is None:
            lines.append(f"Les données de {year} ne précisent pas les considérations {what.split(' ')[0]}s : "
                         f"la part est {UNKNOWN}e.")
            continue
        sentence = (f"{plural(block['count'], 'marché')} sur {number(contracts)} ({pct(block['share_count'])}) "
                    f"{agree(block['count'], 'comporte', 'comportent')} au moins une considération {what}, soit "
                    f"{pct(block['share_amount'])} du montant. ")
        goal = pct(target["target"], 0)
        if target["met"]:
            sentence += f"La cible nationale de {goal} est atteinte."
        else:
            sentence += (f"La cible nationale de {goal} n'est pas atteinte : il aurait fallu "
                         f"{plural(target['missing_contracts'], 'marché')} de plus.")
        lines.append(sentence)
    if ind["any"]["count"] is not None:
        n = ind["any"]["count"]
        lines.append(f"Au total, {plural(n, 'marché')} ({pct(ind['any']['share_count'])}) "
                     f"{agree(n, 'a', 'ont')} au moins une considération sociale ou environnementale.")
    unreported = ind["any"]["unreported"]
    if unreported and ind["any"]["count"] is not None:
        lines.append(f"Pour {plural(unreported, 'marché')}, les données ne précisent pas les considérations "
                     f"({UNKNOWN}) : les parts ci-dessus sont donc des minimums.")
    previous = [t for t in ind["trend"] if t["year"] < year]
    if previous and ind["social"]["count"] is not None:
        last = previous[-1]
        changes = [
            f"{label} passe de {pct(last[side]['share_count'])} à {pct(ind[side]['share_count'])}"
            for side, label in (("social", "la part sociale"), ("environmental", "la part environnementale"))
            if last[side]["share_count"] is not None
        ]
        if changes:
            lines.append(f"Par rapport à {last['year']}, " + " et ".join(changes) + " (en nombre de marchés).")
    inclusive = ind["inclusive_suppliers"]
    covered = inclusive["registry_coverage"]["count"]
    known = "le registre des fournisseurs " + (
        f"connaît au moins un titulaire de {plural(covered, 'marché')} sur {number(contracts)}" if covered
        else "ne connaît aucun titulaire des marchés de l'année")
    if inclusive["count"]:
        lines.append(
            f"{plural(inclusive['count'], 'marché')}, pour {eur_words(inclusive['amount_eur'])}, "
            f"{agree(inclusive['count'], 'a été attribué', 'ont été attribués')} à des structures inclusives "
            f"(insertion, entreprises adaptées, ESAT, GEIQ) ; {known}."
        )
    else:
        lines.append(f"Aucun marché n'a été attribué à une structure inclusive connue du registre ; {known}.")
    lines += execution_summary(ind["execution"], year)
    obligation = ind["environmental_obligation"]
    if obligation["applies"]:
        total = obligation["total"]
        lacking = agree(total, "n'en a pas ou ne la renseigne pas", "n'en ont pas ou ne la renseignent pas")
        lines.append(
            f"Depuis le {format_date(ENVIRONMENTAL_OBLIGATION_FROM)}, toute consultation doit comporter une "
            f"considération environnementale : {plural(total, 'marché concerné', 'marchés concernés')} "
            f"{lacking} "
            "(liste en fin de rapport)."
        )
    return lines


def hours(value: float) -> str:
    """Hours in French: ``1 234,5 h``."""
    return f"{format_number(Decimal(str(value)))}{NBSP}h"


def execution_summary(execution: dict[str, Any], year: int) -> list[str]:
    """What the execution follow-up says was honoured, in sentences (nothing when nothing is followed)."""
    lines = []
    if execution["commitments_due"]:
        lines.append(
            f"Suivi d'exécution : sur {plural(execution['commitments_due'], 'justificatif dû', 'justificatifs dus')} "
            f"en {year} par les titulaires, "
            f"{plural(execution['commitments_met'], 'a été accepté', 'ont été acceptés')} "
            f"({pct(execution['share_met'])}) et {plural(execution['evidence_on_time'], 'reçu', 'reçus')} à temps "
            f"({pct(execution['share_on_time'])})."
        )
    if execution["insertion_hours_committed"] or execution["insertion_hours_achieved"]:
        lines.append(
            f"Heures d'insertion : {hours(execution['insertion_hours_achieved'])} réalisées en {year} pour "
            f"{hours(execution['insertion_hours_committed'])} engagées sur la période"
            + (f" ({pct(execution['share_hours_achieved'])})" if execution["share_hours_achieved"] is not None
               else "") + "."
        )
    if execution["penalty_contracts"]:
        lines.append(
            f"Pénalités calculées selon les clauses (non appliquées automatiquement) : "
            f"{eur(execution['penalties_eur'])} HT pour {plural(execution['penalty_contracts'], 'marché')} "
            "dont les heures d'insertion réalisées sont inférieures à l'engagement ou dont un état des heures a été "
            "remis en retard après une mise en demeure restée sans effet."
        )
    return lines


# ---------------------------------------------------------------------------------------------
# CSV and JSON
# ---------------------------------------------------------------------------------------------

CSV_HEADER = ["rubrique", "cle", "libelle", "indicateur", "nombre", "montant_eur", "part_nombre", "part_montant",
              "non_renseignes"]


CONTRACTS = "Marchés"  # the "indicateur" of a row that counts contracts (the CSV is read by people: French)


def _measure_rows(section: str, key: str, label: str, measured: dict[str, Any]) -> list[list[str]]:
    rows = [[section, key, label, CONTRACTS, str(measured["contracts"]), _csv_number(measured["amount_eur"]),
             "", "", ""]]
    for side, side_label in SIDES.items():
        block = measured[side]
        rows.append([
            section, key, label, side_label, "" if block["count"] is None else str(block["count"]),
            _csv_number(block["amount_eur"]), _csv_number(block["share_count"], 6),
            _csv_number(block["share_amount"], 6), str(block["unreported"]),
        ])
    return rows


def csv_rows(ind: dict[str, Any]) -> list[list[str]]:
    """The indicators as long-format rows (one row per perimeter × indicator)."""
    rows = _measure_rows("total", ind.get("group") or ind["buyer"] or "territoire", _perimeter(ind), ind)
    for value, n in ind["by_kind"].items():
        rows.append(["type", value, value, CONTRACTS, "" if n is None else str(n), "", "", "", ""])
    for section, entries, key, label in (
        ("acheteur", ind["by_buyer"], "buyer", "buyer_name"),
        ("groupement", ind["by_group"], "group", "group_name"),
        ("type_achat", ind["by_category"], "category", "label"),
        ("division_cpv", ind["by_cpv_division"], "division", "label"),
        ("nature", ind["by_nature"], "nature", "nature"),
    ):
        for entry in entries:
            rows += _measure_rows(section, entry[key] or "", entry[label] or "", entry)
    inclusive = ind["inclusive_suppliers"]
    rows.append(["fournisseurs", "inclusifs", "Structures inclusives", CONTRACTS, str(inclusive["count"]),
                 _csv_number(inclusive["amount_eur"]), _csv_number(inclusive["share_count"], 6),
                 _csv_number(inclusive["share_amount"], 6), ""])
    for kind in inclusive["by_kind"]:
        rows.append(["fournisseurs", kind["kind"], kind["label"], CONTRACTS, str(kind["count"]),
                     _csv_number(kind["amount_eur"]), "", "", ""])
    for category, block in ind["labels"].items():
        rows.append(["labels", category, f"Titulaire labellisé ({category})", CONTRACTS, str(block["count"]),
                     _csv_number(block["amount_eur"]), _csv_number(block["share_count"], 6),
                     _csv_number(block["share_amount"], 6), ""])
    fair = ind["fair_trade"]
    rows.append(["commerce_equitable", "declare", "Montant de commerce équitable déclaré", CONTRACTS,
                 str(fair["contracts"]), _csv_number(fair["amount_eur"]), "", _csv_number(fair["share_amount"], 6),
                 ""])
    for side in ("social", "environmental"):
        target = ind["targets"][side]
        rows.append(["cible", SIDES[side], PNAD_REFERENCE, "Cible", "", "", _csv_number(target["target"], 2), "", ""])
    for entry in ind["trend"]:
        rows += _measure_rows("evolution", str(entry["year"]), str(entry["year"]), entry)
    rows += execution_rows(ind["execution"])
    obligation = ind["environmental_obligation"]
    rows.append(["obligation_2026", obligation["from"], "Marchés sans considération environnementale", CONTRACTS,
                 str(obligation["total"]), "", "", "", str(obligation["unreported"])])
    return rows


EXECUTION_ROWS = (  # French indicator label, figure, share
    ("Justificatifs dus dans l'année", "commitments_due", None),
    ("Justificatifs acceptés", "commitments_met", "share_met"),
    ("Justificatifs reçus à temps", "evidence_on_time", "share_on_time"),
    ("Heures d'insertion engagées", "insertion_hours_committed", None),
    ("Heures d'insertion réalisées", "insertion_hours_achieved", "share_hours_achieved"),
    ("Pénalités calculées (non appliquées)", "penalty_contracts", None),
)


def execution_rows(execution: dict[str, Any]) -> list[list[str]]:
    """The follow-up figures in the CSV's long format: in all, then per buyer and per group (rubrique
    « execution »; the penalties' amount in montant_eur)."""
    rows = []
    entries = [("ensemble", "Ensemble", execution),
               *((b["buyer"], b["buyer_name"] or f"SIRET {b['buyer']}", b) for b in execution["by_buyer"]),
               *((g["group"], g["group_name"] or f"SIRET {g['group']}", g) for g in execution["by_group"])]
    for key, name, block in entries:
        for label, figure, share in EXECUTION_ROWS:
            amount = _csv_number(block["penalties_eur"]) if figure == "penalty_contracts" else ""
            rows.append(["execution", key, name, label, _csv_number(block[figure], 2), amount,
                         _csv_number(block[share], 6) if share else "", "", ""])
    return rows


def write_csv(ind: dict[str, Any], path: Path) -> None:
    """Indicators CSV for spreadsheets: ``;`` separated, decimal comma, UTF-8 with BOM."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(CSV_HEADER)
        writer.writerows(csv_rows(ind))


def _where(session: Session, ind: dict[str, Any]) -> Perimeter:
    """The perimeter the indicators ``ind`` were computed on (the demo rows counted or not, the same)."""
    return perimeter(session, buyer=ind["buyer"], group=ind["group"], include_demo=ind["demo"])


def yes_no(value: bool | None) -> str:
    """``oui``, ``non`` or ``non renseigné``."""
    return UNKNOWN if value is None else "oui" if value else "non"


def iter_contracts_of(session: Session, ind: dict[str, Any], *, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """The contracts counted by the indicators ``ind`` (the first ``limit`` ones), one by one (the annex)."""
    return iter_contracts(session, ind["year"], _where(session, ind), limit=limit)


CONTRACTS_CSV_HEADER = ["acheteur_siret", "acheteur_nom", "id", "objet", "date_notification", "montant_eur", "cpv",
                        "nature", "consideration_sociale", "consideration_environnementale", "valeurs_decp",
                        "titulaires", "structure_inclusive"]


def write_contracts_csv(connection: Connection, year: int, where: Perimeter, path: Path) -> None:
    """Contract by contract, what the indicators counted: a figure of the report is checked by filtering this
    file (``consideration_sociale`` = oui gives the social count, the sum of ``montant_eur`` its amount).

    On PostgreSQL the server writes each row's text and the CSV itself (``contracts_listing`` in ``COPY (SELECT …)
    TO STDOUT``), copied here row by row: 4.8 → 1.0 s of this process's CPU for a year of 200 000 contracts. On
    SQLite the rows of ``iter_contracts`` are formatted here: the same text built by SQLite (correlated subqueries
    per contract) cost as much CPU or more (1M ledger: 11.0 → 12.2 s for the report, 100k: 3.0 → 4.3 s)."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(CONTRACTS_CSV_HEADER)
        if connection.dialect.name != "postgresql":
            for c in iter_contracts(Session(bind=connection), year, where):
                writer.writerow([c["buyer"], c["buyer_name"] or "", c["buyer_ref"], c["object"], c["notified_on"],
                                 _csv_number(c["amount_eur"]), c["cpv"] or "", c["nature"] or "", yes_no(c["social"]),
                                 yes_no(c["environmental"]), ", ".join(c["kinds"]), ", ".join(c["holders"]),
                                 yes_no(c["inclusive"])])
            return
    query = contracts_listing(year, where)
    analytic_settings(connection)
    compiled = query.compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True})
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        with path.open("ab") as handle, cursor.copy(
            f"COPY ({compiled}) TO STDOUT (FORMAT csv, DELIMITER ';', ENCODING 'UTF8')", compiled.params
        ) as copy:
            # libpq gives one row per read, ended by \n; Python's csv module (the former writer, and the format of
            # the other CSV files) ends rows with \r\n. A line break inside a quoted field stays as it is in both.
            for row in copy:
                handle.write(row[:-1])
                handle.write(b"\r\n")
    finally:
        cursor.close()


def contracts_csv(session: Session, ind: dict[str, Any]) -> tuple[bytes, str]:
    """The contracts CSV of ``ind`` and its file name (downloads of the web page and the API)."""
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"marches-{file_stem(ind['year'], ind['buyer'], ind['group'])}.csv"
        write_contracts_csv(session.connection(), ind["year"], _where(session, ind), path)
        return path.read_bytes(), path.name


def can_fork() -> bool:
    """Whether work may be handed to a forked process: only from a process with no other thread (the command line,
    not a web worker, where the child could inherit a lock held by another thread)."""
    return threading.active_count() == 1


@contextmanager
def forked(target: Callable[..., None], *args: Any) -> Iterator[None]:
    """Run ``target(*args)`` in a forked process while the block runs: it takes the machine's other core, where a
    thread would only share the GIL. Joined when the block ends, its failure then raised."""
    child = multiprocessing.get_context("fork").Process(target=target, args=args)
    child.start()
    try:
        yield
    finally:
        child.join()
    if child.exitcode:
        raise RuntimeError(f"{target.__name__} failed in a forked process (exit code {child.exitcode})")


@contextmanager
def contracts_csv_aside(session: Session, year: int, where: Perimeter, path: Path) -> Iterator[None]:
    """Write the contracts CSV of ``year`` to ``path`` while the block runs, on a connection of its own; done (or
    its error raised) when the block ends.

    PostgreSQL: in a thread; the work is the server's, another process (a forked process measured no faster: the
    server's work already fills both cores). The connection reads the snapshot of the session's transaction
    (``pg_export_snapshot``), so that an import committed meanwhile reaches neither the CSV nor, when the session
    reads one snapshot (``one_snapshot``), the indicators. SQLite: the rows are formatted in Python (a year of a
    1 000 000-contract ledger: about half of the report's CPU), which a thread would only share the GIL with: a
    forked process writes them where a fork is safe (``can_fork``) and the database is a file; otherwise the CSV
    is written first, in line."""
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else None
    if engine is not None and engine.dialect.name == "postgresql":
        snapshot = session.connection().exec_driver_sql("SELECT pg_export_snapshot()").scalar_one()
        with ThreadPoolExecutor(max_workers=1) as pool:
            listing = pool.submit(_write_on_own_connection, engine, year, where, path, snapshot)
            yield
            listing.result()
    elif engine is not None and engine.url.database not in (None, "", ":memory:") and can_fork():
        with forked(_write_in_child, engine, year, where, path):
            yield
    else:
        write_contracts_csv(session.connection(), year, where, path)
        yield


def _write_on_own_connection(engine: Engine, year: int, where: Perimeter, path: Path, snapshot: str = "") -> None:
    """``snapshot``: an exported PostgreSQL snapshot, which the connection's transaction reads."""
    with engine.connect() as connection:
        if snapshot:
            connection.execution_options(isolation_level="REPEATABLE READ")  # what SET TRANSACTION SNAPSHOT needs
            if not re.fullmatch(r"[0-9A-F-]+", snapshot):
                raise ValueError(f"unexpected snapshot identifier {snapshot!r}")
            connection.exec_driver_sql(f"SET TRANSACTION SNAPSHOT '{snapshot}'")
        write_contracts_csv(connection, year, where, path)


def one_snapshot(session: Session) -> None:
    """On PostgreSQL, have the session's transaction read one snapshot (REPEATABLE READ) when it has not begun yet:
    the report's queries and its contracts CSV then see the same ledger, whatever is committed meanwhile. A session
    already in a transaction keeps its isolation (each query then sees what was committed before it)."""
    if session.get_bind().dialect.name == "postgresql" and not session.in_transaction():
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})


def _write_in_child(engine: Engine, year: int, where: Perimeter, path: Path) -> None:
    """In the forked process: the parent's pooled connections are left alone (SQLAlchemy's rule after a fork)."""
    engine.dispose(close=False)
    _write_on_own_connection(engine, year, where, path)


def write_missing_csv(session: Session, ind: dict[str, Any], path: Path) -> None:
    """The full list of contracts lacking the mandatory environmental consideration, streamed."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["acheteur_siret", "acheteur_nom", "id", "objet", "date_notification", "date_lancement",
                         "montant_eur", "considerations_environnementales", "a_verifier"])
        for item in iter_missing_environmental(session, ind["year"], _where(session, ind)):
            writer.writerow([item["buyer"], item["buyer_name"] or "", item["buyer_ref"], item["object"],
                             item["notified_on"], item["launched_on"] or "", _csv_number(item["amount_eur"]),
                             item["status"], "oui" if item["to_check"] else "non"])


# ---------------------------------------------------------------------------------------------
# Charts
# ---------------------------------------------------------------------------------------------

def _percent_axis(axis: Any, *, horizontal: bool) -> None:
    ticks = [0, 0.25, 0.5, 0.75, 1.0]
    labels = [pct(t, 0) for t in ticks]
    if horizontal:
        axis.set_xlim(0, 1.15)
        axis.set_xticks(ticks, labels)
    else:
        axis.set_ylim(0, 1.05)
        axis.set_yticks(ticks, labels)
    axis.grid(axis="x" if horizontal else "y", alpha=0.3)


def _finish(figure: Figure, axis: Any, title: str, path: Path, *, handles: list[Any] | None = None,
            columns: int = 2) -> None:
    axis.set_title(title, fontsize=10)
    if handles is None:
        handles = axis.get_legend_handles_labels()[0]
    # "outside" with the constrained layout keeps the legend under the plot in one drawing pass.
    figure.legend(handles=handles, loc="outside lower center", ncol=columns, fontsize=8, frameon=False)
    figure.savefig(path)


def chart_shares(ind: dict[str, Any], path: Path) -> None:
    """Shares by count and by amount against the PNAD targets."""
    figure = Figure(figsize=(8, 4.5), dpi=150, layout="constrained")
    axis = figure.subplots()
    sides = list(SIDES)
    positions = range(len(sides))
    for offset, measure, alpha in ((-0.2, "share_count", 1.0), (0.2, "share_amount", 0.5)):
        values = [ind[side][measure] or 0 for side in sides]
        bars = axis.barh([p + offset for p in positions], values, height=0.38, alpha=alpha,
                         color=[SOCIAL_COLOUR, ENVIRONMENTAL_COLOUR, ANY_COLOUR])
        for bar, side in zip(bars, sides, strict=True):
            share = ind[side][measure]
            axis.text(bar.get_width() + 0.01, bar.get_y() + bar.get_height() / 2, pct(share),
                      va="center", fontsize=8)
    for index, side in enumerate(sides):
        target = ind["targets"].get(side)
        if target:
            axis.plot([target["target"]] * 2, [index - 0.45, index + 0.45], color="black", linestyle="--")
    axis.set_yticks(list(positions), [SIDES[s] for s in sides])
    axis.invert_yaxis()
    _percent_axis(axis, horizontal=True)
    legend = [Patch(facecolor="grey", label="en nombre de marchés"),
              Patch(facecolor="grey", alpha=0.5, label="en montant"),
              Line2D([], [], color="black", linestyle="--", label=f"cible {PNAD_REFERENCE}")]
    _finish(figure, axis, f"Part des marchés {ind['year']} avec une considération", path, handles=legend,
            columns=3)


TREND_STYLES = {  # distinct colour, marker and line per series: equal shares never hide one another
    "social": (SOCIAL_COLOUR, "o", "-", -0.06),
    "environmental": (ENVIRONMENTAL_COLOUR, "s", "-.", 0.06),
}


def trend_figure(ind: dict[str, Any]) -> Figure:
    """Shares by count over the years, with the targets: bars while there is one year (a line through one
    point means nothing), lines from two years on; series offset, with their own markers, in the legend."""
    figure = Figure(figsize=(8, 4.5), dpi=150, layout="constrained")
    axis = figure.subplots()
    trend = ind["trend"] or [{"year": ind["year"], "social": {"share_count": None},
                              "environmental": {"share_count": None}}]
    years = [entry["year"] for entry in trend]
    for side, (colour, marker, line, offset) in TREND_STYLES.items():
        points = [(e["year"], e[side]["share_count"]) for e in trend if e[side]["share_count"] is not None]
        if len(years) < 2:
            shares = [share for _, share in points]
            bars = axis.bar([y + offset * 3 for y, _ in points], shares, width=0.3, color=colour, label=SIDES[side])
            for bar, share in zip(bars, shares, strict=True):
                axis.text(bar.get_x() + bar.get_width() / 2, share + 0.01, pct(share), ha="center", fontsize=8)
        elif points:
            axis.plot([y + offset for y, _ in points], [share for _, share in points], marker=marker,
                      linestyle=line, color=colour, label=SIDES[side])
        target = ind["targets"][side]["target"]
        axis.axhline(target, color=colour, linestyle=":", alpha=0.8,
                     label=f"cible {SIDES[side].split()[-1]} : {pct(target, 0)}")
    for entry in trend:  # a year whose data do not give the considerations: said, not left blank
        if entry.get("contracts") and all(entry[side]["share_count"] is None for side in TREND_STYLES):
            axis.text(entry["year"], 0.5, UNKNOWN, ha="center", va="center", fontsize=9, color="#555555")
    axis.set_xticks(years, [str(y) for y in years])
    axis.set_xlim(min(years) - 0.5, max(years) + 0.5)
    _percent_axis(axis, horizontal=False)
    axis.set_title("Évolution de la part des marchés avec une considération (en nombre)", fontsize=10)
    figure.legend(handles=axis.get_legend_handles_labels()[0], loc="outside lower center", ncol=2, fontsize=8,
                  frameon=False)
    return figure


def chart_trend(ind: dict[str, Any], path: Path) -> None:
    """The trend chart, saved (PNG or SVG by the suffix)."""
    trend_figure(ind).savefig(path)


def chart_buyers(ind: dict[str, Any], path: Path) -> None:
    """Social and environmental shares of each buyer (the largest ones by amount)."""
    buyers = sorted(ind["by_buyer"], key=lambda b: -b["amount_eur"])[:MAX_BUYERS_CHARTED]
    figure = Figure(figsize=(8, 1.8 + 0.5 * max(len(buyers), 1)), dpi=150, layout="constrained")
    axis = figure.subplots()
    names = [(b["buyer_name"] or f"SIRET {b['buyer']}")[:40] for b in buyers]
    positions = list(range(len(buyers)))
    for offset, side, colour in ((-0.2, "social", SOCIAL_COLOUR), (0.2, "environmental", ENVIRONMENTAL_COLOUR)):
        bars = axis.barh([p + offset for p in positions], [b[side]["share_count"] or 0 for b in buyers],
                         height=0.38, color=colour, label=SIDES[side])
        for bar, buyer in zip(bars, buyers, strict=True):  # « non renseigné » is no 0 % bar
            axis.text(bar.get_width() + 0.01, bar.get_y() + bar.get_height() / 2, pct(buyer[side]["share_count"]),
                      va="center", fontsize=8)
    axis.set_yticks(positions, names)
    axis.invert_yaxis()
    _percent_axis(axis, horizontal=True)
    _finish(figure, axis, f"Part des marchés {ind['year']} avec une considération, par acheteur (en nombre)", path)


def chart_execution(ind: dict[str, Any], path: Path) -> None:
    """Insertion hours committed and achieved in the year, per buyer followed."""
    buyers = ind["execution"]["by_buyer"][:MAX_BUYERS_CHARTED]
    figure = Figure(figsize=(8, 1.8 + 0.5 * max(len(buyers), 1)), dpi=150, layout="constrained")
    axis = figure.subplots()
    positions = list(range(len(buyers)))
    for offset, key, colour, label in ((-0.2, "insertion_hours_committed", "#bbbbbb", "heures engagées"),
                                       (0.2, "insertion_hours_achieved", SOCIAL_COLOUR, "heures réalisées")):
        axis.barh([p + offset for p in positions], [b[key] for b in buyers], height=0.38, color=colour, label=label)
    axis.set_yticks(positions, [(b["buyer_name"] or f"SIRET {b['buyer']}")[:40] for b in buyers])
    axis.invert_yaxis()
    axis.xaxis.set_major_formatter(FuncFormatter(lambda value, _: hours(value)))  # « 1 000 h »
    axis.grid(axis="x", alpha=0.3)
    _finish(figure, axis, f"Heures d'insertion {ind['year']} : engagées et réalisées, par acheteur", path)


# ---------------------------------------------------------------------------------------------
# Word document
# ---------------------------------------------------------------------------------------------

@lru_cache(maxsize=4096)
def _character_cm(character: str, bold: bool, points: float) -> float:
    """How far ``character`` advances the pen in ``MEASURE_FONT`` at ``points``, in cm."""
    font = get_font(findfont(FontProperties(family=MEASURE_FONT, weight="bold" if bold else "normal")))
    font.set_size(points, 72)
    glyph = font.load_char(ord(character), flags=LoadFlags.NO_HINTING)
    return float(glyph.linearHoriAdvance) / 65536 * 2.54 / 72


def text_cm(text: str, *, bold: bool = False, points: float = CELL_PT) -> float:
    """The width of ``text`` on one line, in cm (kerning, which only tightens, left out)."""
    return sum(_character_cm(character, bold, points) for character in text)


def header_word_cm(header: str) -> float:
    """The width of the longest word of a column header: the column's least width, so that no word breaks."""
    return max(text_cm(word, bold=True, points=HEADER_PT) for word in header.split()) + CELL_PADDING_CM


def _column_widths(headers: list[str], rows: list[list[str]], flexible: int = 0,
                   width: float = TABLE_WIDTH_CM) -> list[float]:
    """Widths in cm (``width`` in all), from the text each column holds: every column but the ``flexible`` one is
    as wide as the longest word of its header (never broken) and its cells (a figure on one line; a text up to
    ``MAX_COLUMN_CM``, wrapping beyond); the ``flexible`` column (labels) takes the rest of the width. When that rest
    is under ``MIN_FLEXIBLE_CM``, the other columns give way, down to their header's longest word."""
    others = [column for column in range(len(headers)) if column != flexible]
    least = {column: header_word_cm(headers[column]) for column in others}
    wanted = {}
    for column in others:
        cells = max((_cell_cm(row[column]) for row in rows), default=0.0)
        figures = all(_figure(row[column]) for row in rows)
        wanted[column] = max(least[column], (cells if figures else min(cells, MAX_COLUMN_CM)) + CELL_PADDING_CM)
    missing = MIN_FLEXIBLE_CM - (width - sum(wanted.values()))
    slack = sum(wanted[column] - least[column] for column in others)
    if missing > 0 and slack > 0:
        given = min(missing, slack) / slack
        wanted = {column: wanted[column] - (wanted[column] - least[column]) * given for column in others}
    return [wanted[column] if column in wanted else width - sum(wanted.values()) for column in range(len(headers))]


def _cell_cm(text: str) -> float:
    """The width a cell needs: its text on one line, but « non renseigné » may wrap (its longest word), so that a
    column of them does not squeeze the amounts of the table onto two lines (« 11 427 945,2 » / « 2 € »)."""
    return max(text_cm(word) for word in text.split()) if text == UNKNOWN else text_cm(text)


def _figure(text: str) -> bool:
    """A figure (a number, an amount, a share, or « non renseigné » in their place): right-aligned, on one line."""
    return text[:1].isdigit() or text == UNKNOWN


def _table(doc: DocxDocument, headers: list[str], rows: list[list[str]], flexible: int = 0,
           width: float = TABLE_WIDTH_CM) -> None:
    """A grid table, ``width`` cm wide: a column of labels (the first, or ``flexible``) that takes the room left,
    the others as wide as their content; figures right-aligned."""
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.autofit = False
    widths = [Cm(cm) for cm in _column_widths(headers, rows, flexible, width)]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid, which LibreOffice follows; Word follows the cells' widths below
    header = OxmlElement("w:tblHeader")  # the header row repeats on every page
    header.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(header)

    def figure(column: int, text: str) -> bool:  # right-aligned
        return column != flexible and _figure(text)

    for index, row in enumerate([headers, *rows[:1]]):  # the header, and a first row formatted cell by cell
        cells = table.rows[0].cells if index == 0 else table.add_row().cells
        for column, (cell, text) in enumerate(zip(cells, row, strict=True)):
            cell.width = widths[column]
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(text)
            run.bold = index == 0
            run.font.size = Pt(8 if index == 0 else 9)
            if index and figure(column, text):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if rows:  # the other rows are copies of the first one's XML with their own texts (a table of every buyer
        model = table.rows[1]._tr  # of a national ledger has thousands of rows: 40 times faster than above)
        for row in rows[1:]:
            copied = deepcopy(model)
            for column, (paragraph, text) in enumerate(zip(copied.iter(W_P), row, strict=True)):
                _set_text(paragraph.find(W_R), text)
                _align_right(paragraph, figure(column, text))
            table._tbl.append(copied)
    doc.add_paragraph()


W_P, W_R, W_T, W_PPR, W_JC, W_VAL = (qn(tag) for tag in ("w:p", "w:r", "w:t", "w:pPr", "w:jc", "w:val"))
# What python-docx's run text setter turns into elements of their own (tab, line break); every other character,
# no-break spaces included, goes into the single w:t as it is.
RUN_BREAKS = frozenset("\t\n\r")


def _set_text(run: Any, text: str) -> None:
    """``run.text = text``, without the XPath clean-up of python-docx's setter when the copied run already holds a
    single ``w:t`` and the text needs no tab, break or preserved space (the cells of a long table: 5 times faster)."""
    texts = run.findall(W_T)
    plain = text == text.strip() and RUN_BREAKS.isdisjoint(text)
    if plain and len(texts) == 1 and len(run) == 1 + (run.rPr is not None):
        texts[0].text = text
    else:
        run.text = text


def _align_right(paragraph: Any, right: bool) -> None:
    """``paragraph.alignment = RIGHT if right else None`` in plain lxml calls, leaving the XML python-docx's setter
    leaves (a ``w:pPr``, holding ``<w:jc w:val="right"/>`` or no ``w:jc``) at a tenth of its cost."""
    properties = paragraph.find(W_PPR)
    if properties is None:
        properties = OxmlElement("w:pPr")
        paragraph.insert(0, properties)
    justification = properties.find(W_JC)
    if right and justification is None:
        properties.append(OxmlElement("w:jc", {W_VAL: "right"}))
    elif right:
        justification.set(W_VAL, "right")
    elif justification is not None:
        properties.remove(justification)


def _measure_table(doc: DocxDocument, first: str, entries: list[tuple[str, dict[str, Any]]]) -> None:
    _table(
        doc,
        [first, "Marchés", "Montant HT", "Sociale", "Environnementale", "Au moins une"],
        [[name, count(m["contracts"]), eur(m["amount_eur"]), pct(m["social"]["share_count"]),
          pct(m["environmental"]["share_count"]), pct(m["any"]["share_count"])] for name, m in entries],
    )


def _page(section: Section, *, landscape: bool = False) -> None:
    """A4, portrait with the report's margins or landscape with the annex's."""
    width, height = (PAGE_CM[1], PAGE_CM[0]) if landscape else PAGE_CM
    margin = ANNEX_MARGIN_CM if landscape else MARGIN_CM
    section.page_width, section.page_height = Cm(width), Cm(height)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Cm(margin)


def _annex(doc: DocxDocument, ind: dict[str, Any], contracts: list[dict[str, Any]], csv_name: str) -> None:
    """The contracts counted, one line each, so that the council can check a figure."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    _page(section, landscape=True)
    doc.add_heading("Annexe : les marchés comptés, un par un", level=1)
    shown = contracts[:MAX_ANNEX_CONTRACTS]
    complete = len(shown) == ind["contracts"]
    doc.add_paragraph(
        ("Chaque marché compté dans les indicateurs, avec ses considérations (« oui », « non » ou « non renseigné ») :"
         " les nombres des tableaux se retrouvent en comptant les « oui » de la colonne. " if complete else
         f"Les {number(len(shown))} premiers des {plural(ind['contracts'], 'marché')} comptés, par date de "
         "notification. ")
        + f"La liste complète, avec le code CPV, les titulaires et les valeurs DECP, est le fichier « {csv_name} »."
    )
    if shown:
        _table(
            doc, ["Acheteur", "Identifiant", "Objet", "Notifié le", "Montant HT", "Sociale", "Environnementale"],
            [[c["buyer_name"] or c["buyer"], c["buyer_ref"], c["object"][:120],
              date.fromisoformat(c["notified_on"]).strftime("%d/%m/%Y"), eur(c["amount_eur"]), yes_no(c["social"]),
              yes_no(c["environmental"])] for c in shown],
            flexible=2, width=ANNEX_WIDTH_CM,
        )


def _picture(doc: DocxDocument, charts: dict[str, Path], name: str, year: int) -> None:
    """A chart 16 cm wide with its alt text, which Word shows and screen readers read (also in a PDF export)."""
    shape = doc.add_picture(str(charts[name]), width=Cm(16))
    alt = f"{CHART_ALTS[name]} ({year}). Les chiffres figurent dans les tableaux du rapport."
    shape._inline.docPr.set("descr", alt)


def _breakdowns(doc: DocxDocument, ind: dict[str, Any], charts: dict[str, Path]) -> None:
    """The shares chart, the targets, and the year's contracts broken down by DECP value, buyer, group, purchase
    category, CPV division and nature, and by kind of holder."""
    _picture(doc, charts, "shares", ind["year"])

    doc.add_heading("Comparaison aux cibles nationales", level=1)
    _table(
        doc, ["Considération", "Part en nombre", f"Cible {PNAD_REFERENCE}", "Atteinte", "Marchés manquants"],
        [[SIDES[side], pct(t["share_count"]), pct(t["target"], 0),
          UNKNOWN if t["met"] is None else ("oui" if t["met"] else "non"), count(t["missing_contracts"])]
         for side, t in ((s, ind["targets"][s]) for s in ("social", "environmental"))],
    )

    doc.add_heading("Par type de considération", level=1)
    _table(doc, ["Valeur DECP", "Marchés"], [[value, count(n)] for value, n in ind["by_kind"].items()])

    doc.add_heading("Par acheteur", level=1)
    _measure_table(doc, "Acheteur", [(buyer_label(b), b) for b in ind["by_buyer"]])
    if ind["by_buyer"]:
        _picture(doc, charts, "buyers", ind["year"])
    if ind["by_group"]:
        doc.add_heading("Par groupement", level=1)
        doc.add_paragraph("Chaque groupement totalise ses propres marchés et ceux des acheteurs qui lui sont "
                          "rattachés.")
        _measure_table(doc, "Groupement", [(g["group_name"] or f"SIRET {g['group']}", g) for g in ind["by_group"]])

    doc.add_heading("Par type d'achat", level=1)
    _measure_table(doc, "Type d'achat", [(c["label"], c) for c in ind["by_category"]])
    doc.add_heading("Par division CPV", level=1)
    _measure_table(doc, "Division CPV",
                   [(f"{d['division']} – {d['label']}" if d["division"] else d["label"], d)
                    for d in ind["by_cpv_division"]])
    doc.add_heading("Par nature", level=1)
    _measure_table(doc, "Nature", [(n["nature"] or UNKNOWN, n) for n in ind["by_nature"]])

    doc.add_heading("Fournisseurs inclusifs, labels et commerce équitable", level=1)
    inclusive, labels, fair = ind["inclusive_suppliers"], ind["labels"], ind["fair_trade"]
    _table(
        doc, ["Indicateur", "Marchés", "Part en nombre", "Montant HT", "Part en montant"],
        [["Structures inclusives (SIAE, EA, ESAT, GEIQ)", count(inclusive["count"]), pct(inclusive["share_count"]),
          eur(inclusive["amount_eur"]), pct(inclusive["share_amount"])]]
        + [[f"  dont {k['label']}", count(k["count"]), "", eur(k["amount_eur"]), ""] for k in inclusive["by_kind"]]
        + [["Titulaire labellisé commerce équitable", count(labels["commerce-equitable"]["count"]),
            pct(labels["commerce-equitable"]["share_count"]), eur(labels["commerce-equitable"]["amount_eur"]),
            pct(labels["commerce-equitable"]["share_amount"])],
           ["Titulaire labellisé environnement", count(labels["environnement"]["count"]),
            pct(labels["environnement"]["share_count"]), eur(labels["environnement"]["amount_eur"]),
            pct(labels["environnement"]["share_amount"])],
           ["Montant de commerce équitable déclaré", count(fair["contracts"]), "", eur(fair["amount_eur"]),
            pct(fair["share_amount"])],
           ["Marchés dont un titulaire est connu du registre", count(inclusive["registry_coverage"]["count"]),
            pct(inclusive["registry_coverage"]["share_count"]), "", ""]],
    )



def build_docx(ind: dict[str, Any], charts: dict[str, Path], path: Path, *, contracts: list[dict[str, Any]],
               contracts_csv: str) -> None:
    """Write the report: title, summary, tables, charts, list of missing considerations, method, then the
    annex listing the ``contracts`` (at most ``MAX_ANNEX_CONTRACTS``; ``contracts_csv`` names the full list)."""
    year = ind["year"]
    doc = Document()
    _page(doc.sections[0])
    doc.core_properties.title = f"Rapport annuel des achats éthiques {year}"
    doc.core_properties.author = "Clausier"
    doc.core_properties.language = "fr-FR"
    doc.add_heading(f"Rapport annuel des achats éthiques {year}", level=0)
    doc.add_paragraph(f"Périmètre : {_perimeter(ind)}. Marchés notifiés du 1er janvier au 31 décembre {year}. "
                      "Montants hors taxes.")

    doc.add_heading("En bref", level=1)
    for line in summary(ind):
        doc.add_paragraph(line)

    doc.add_heading("Indicateurs principaux", level=1)
    _table(
        doc, ["Indicateur", "Marchés", "Part en nombre", "Montant HT", "Part en montant"],
        [["Marchés notifiés", count(ind["contracts"]), "", eur(ind["amount_eur"]), ""]]
        + [[label, count(ind[side]["count"]), pct(ind[side]["share_count"]), eur(ind[side]["amount_eur"]),
            pct(ind[side]["share_amount"])] for side, label in SIDES.items()],
    )
    if ind["any"]["unreported"]:
        doc.add_paragraph(
            f"Marchés dont les considérations ne sont pas renseignées : {count(ind['any']['unreported'])}."
        )
    if ind["contracts"]:
        _breakdowns(doc, ind, charts)
    else:
        doc.add_paragraph("Sans marché compté pour cette année, la comparaison aux cibles, les répartitions (par "
                          "acheteur, type d'achat, division CPV, nature, fournisseurs) et leurs graphiques sont sans "
                          "objet.")

    doc.add_heading("Évolution", level=1)
    if any(t["contracts"] for t in ind["trend"]):
        _table(
            doc, ["Année", "Marchés", "Montant HT", "Sociale", "Environnementale", "Au moins une"],
            [[str(t["year"]), count(t["contracts"]), eur(t["amount_eur"]), pct(t["social"]["share_count"]),
              pct(t["environmental"]["share_count"]), pct(t["any"]["share_count"])] for t in ind["trend"]],
        )
        _picture(doc, charts, "trend", ind["year"])
    else:
        doc.add_paragraph("Aucun marché compté sur les années de la période.")

    doc.add_heading("Exécution des marchés : ce qui a été tenu", level=1)
    execution = ind["execution"]
    for line in execution_summary(execution, year) or [
            "Aucun marché du périmètre n'a de suivi d'exécution ouvert pour cette année."]:
        doc.add_paragraph(line)
    if execution["by_buyer"]:
        _table(
            doc, ["Acheteur", "Dus", "Acceptés", "À temps", "Heures engagées", "Heures réalisées", "Pénalités HT"],
            [[name, count(e["commitments_due"]), pct(e["share_met"]), pct(e["share_on_time"]),
              hours(e["insertion_hours_committed"]), hours(e["insertion_hours_achieved"]), eur(e["penalties_eur"])]
             for name, e in [*((buyer_label(b), b) for b in execution["by_buyer"]),
                             *((g["group_name"] or f"SIRET {g['group']}", g) for g in execution["by_group"]),
                             ("Ensemble", execution)]],
        )
        _picture(doc, charts, "execution", ind["year"])

    obligation = ind["environmental_obligation"]
    doc.add_heading(f"Marchés sans considération environnementale (depuis le "
                    f"{format_date(ENVIRONMENTAL_OBLIGATION_FROM)})", level=1)
    if not obligation["applies"]:
        doc.add_paragraph(f"L'obligation ne s'applique pas encore aux marchés de {year}.")
    elif not obligation["total"]:
        doc.add_paragraph("Aucun marché concerné ne manque de considération environnementale.")
    else:
        shown = obligation["items"]
        doc.add_paragraph(
            f"{plural(obligation['total'], 'marché concerné', 'marchés concernés')}, dont "
            f"{number(obligation['to_check'])} à vérifier "
            "(date de lancement inconnue). "
            + (f"Les {len(shown)} premiers sont listés ici ; la liste complète est dans le fichier CSV joint."
               if len(shown) < obligation["total"] else "")
        )
        _table(
            doc, ["Acheteur", "Identifiant", "Objet", "Notification", "Montant HT", "Considération", "À vérifier"],
            [[i["buyer_name"] or i["buyer"], i["buyer_ref"], i["object"][:120],
              format_date(date.fromisoformat(i["notified_on"])), eur(i["amount_eur"]), i["status"],
              "oui" if i["to_check"] else "non"] for i in shown],
        )

    doc.add_heading("Méthode et définitions", level=1)
    for term, text in DEFINITIONS:
        paragraph = doc.add_paragraph()
        paragraph.add_run(f"{term}. ").bold = True
        paragraph.add_run(text)
    doc.add_paragraph(
        "Sources : registre des achats de Clausier (données essentielles de la commande publique importées et "
        "registres des acheteurs), registre des fournisseurs de Clausier pour les structures inclusives et les "
        "labels, suivi d'exécution de Clausier pour les justificatifs et les heures d'insertion. "
        "Les indicateurs sont calculés par des requêtes SQL sur l'ensemble des marchés ; le même calcul "
        "produit ce document, le fichier CSV, le fichier JSON et la réponse de l'API."
    )
    _annex(doc, ind, contracts, contracts_csv)
    doc.save(str(path))


# ---------------------------------------------------------------------------------------------
# Entry point (CLI, script, tests)
# ---------------------------------------------------------------------------------------------

def write_annual_report(
    session: Session, *, year: int, buyer: str | None = None, group: str | None = None,
    include_demo: bool | None = None, out_dir: Path,
) -> ReportFiles:
    """Compute the indicators of ``year`` and write the report, its data files and charts to ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = file_stem(year, buyer, group)
    contracts_path = out_dir / f"marches-{stem}.csv"
    # The contracts CSV is written while the indicators, the charts and the document are made.
    one_snapshot(session)
    where = perimeter(session, buyer=buyer, group=group, include_demo=include_demo)
    with contracts_csv_aside(session, year, where, contracts_path):
        ind = compute_indicators(session, year=year, buyer=buyer, group=group, include_demo=include_demo)
        charts = {
            "shares": out_dir / f"graphique-parts-{stem}.png",
            "trend": out_dir / f"graphique-evolution-{stem}.png",
            "buyers": out_dir / f"graphique-acheteurs-{stem}.png",
        }
        if ind["execution"]["by_buyer"]:  # a contract followed
            charts["execution"] = out_dir / f"graphique-heures-insertion-{stem}.png"
        files = ReportFiles(
            docx=out_dir / f"rapport-achats-ethiques-{stem}.docx",
            csv=out_dir / f"indicateurs-{stem}.csv",
            json=out_dir / f"indicateurs-{stem}.json",
            contracts_csv=contracts_path,
            charts=list(charts.values()),
            missing_csv=None,
        )
        chart_shares(ind, charts["shares"])
        chart_trend(ind, charts["trend"])
        chart_buyers(ind, charts["buyers"])
        if "execution" in charts:
            chart_execution(ind, charts["execution"])
        annexed = list(iter_contracts_of(session, ind, limit=MAX_ANNEX_CONTRACTS))
        build_docx(ind, charts, files.docx, contracts=annexed, contracts_csv=files.contracts_csv.name)
    write_csv(ind, files.csv)
    files.json.write_text(json.dumps(ind, ensure_ascii=False, indent=1), encoding="utf-8")
    if ind["environmental_obligation"]["total"]:
        files.missing_csv = out_dir / f"marches-sans-consideration-environnementale-{stem}.csv"
        write_missing_csv(session, ind, files.missing_csv)
    return files
