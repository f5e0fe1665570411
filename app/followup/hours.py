"""Insertion hours: monthly statements per contract (entered or imported from a CSV), committed vs achieved,
shortfall and the penalty the clause's formula gives (computed and shown, never applied).

Counts and categories only: a statement never holds a participant's name or identifier. A file with a
column such as « Nom » or « Date de naissance » is refused whole.
"""

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from sqlmodel import Session, col, delete, func, select

from app.clauses.values import MONTHS, format_number
from app.errors import InvalidInput
from app.followup.models import Commitment, Evidence, HoursStatement
from app.followup.schedule import end_of, value_of
from app.followup.service import add_evidence, check_received_on, contract_values, evidence_of, followup_clause
from app.french import plural
from app.purchases.service import get_purchase
from app.suppliers.importer import read_table
from app.suppliers.labels import fold
from app.suppliers.models import ImportIssue

# Eligibility categories of the library's insertion clause (clauses/social/insertion-heures-execution.md, whose
# sources quote CCAG 2021 art. 16.1.1 for the structures and leave individual criteria to the facilitator):
# code -> label.
CATEGORIES = {
    "deld": "Demandeur d'emploi de longue durée",
    "minima": "Bénéficiaire du RSA, de l'ASS ou de l'AAH",
    "oeth": "Bénéficiaire de l'obligation d'emploi des travailleurs handicapés",
    "jeune": "Jeune de moins de 26 ans sans qualification",
    "senior": "Demandeur d'emploi de plus de 50 ans",
    "structure": "Salarié d'une SIAE, d'un GEIQ, d'une entreprise adaptée ou d'une régie de quartier, "
                 "travailleur d'ESAT",
    "autre": "Autre personne, sur avis motivé d'un prescripteur",
}
# How the hours were worked: code -> label.
MODALITIES = {
    "embauche": "Embauche directe",
    "mise-a-disposition": "Mise à disposition (ETTI, GEIQ, association intermédiaire)",
    "sous-traitance": "Sous-traitance ou cotraitance (SIAE, entreprise adaptée, ESAT)",
    "formation": "Formation",
}
# CSV columns: key -> accepted headers (folded); "personnes" is optional.
COLUMNS = {
    "mois": ("mois", "periode"),
    "categorie": ("categorie", "categorie d eligibilite", "public"),
    "modalite": ("modalite", "modalite de mise en oeuvre"),
    "heures": ("heures", "nombre d heures", "heures realisees"),
    "personnes": ("personnes", "nombre de personnes", "effectif"),
}
REQUIRED = ("mois", "categorie", "modalite", "heures")
# Headers that would bring personal data about participants in: refused.
PERSONAL = ("nom", "prenom", "nom prenom", "date de naissance", "naissance", "nir", "numero de securite sociale",
            "adresse", "email", "courriel", "telephone", "identifiant")
MAX_HOURS = Decimal("100000")
MAX_LISTED_ERRORS = 200


def _keys(choices: dict[str, str]) -> dict[str, str]:
    return {**{fold(code): code for code in choices}, **{fold(label): code for code, label in choices.items()}}


CATEGORY_KEYS, MODALITY_KEYS = _keys(CATEGORIES), _keys(MODALITIES)
MONTH_NAMES = tuple(fold(name) for name in MONTHS)


@dataclass(frozen=True)
class Line:
    """One row of a statement: hours of one category and modality in one month."""

    month: date
    category: str
    modality: str
    hours: Decimal
    people: int | None = None


def parse_month(text: str) -> date:
    """``2027-03``, ``03/2027``, ``mars 2027`` or a date of that month -> the first day of the month."""
    value = fold(text)
    patterns = (r"(\d{4}) (\d{1,2})(?: \d{1,2})?", r"(?:\d{1,2} )?(\d{1,2}) (\d{4})")
    for index, pattern in enumerate(patterns):
        if match := re.fullmatch(pattern, value):
            year, month = (match.group(1), match.group(2)) if index == 0 else (match.group(2), match.group(1))
            if 1 <= int(month) <= 12 and 2000 <= int(year) <= 2100:
                return date(int(year), int(month), 1)
    if (match := re.fullmatch(r"([a-z]+) (\d{4})", value)) and match.group(1) in MONTH_NAMES:
        return date(int(match.group(2)), MONTH_NAMES.index(match.group(1)) + 1, 1)
    raise ValueError(f"mois invalide « {text} » : AAAA-MM, MM/AAAA ou « mars 2027 » attendu")


def parse_hours(text: str) -> Decimal:
    """French decimal hours, 0 to 100 000, at most two decimals."""
    try:
        hours = Decimal(text.replace("\u00a0", "").replace(" ", "").replace(",", "."))
    except InvalidOperation:
        raise ValueError(f"nombre d'heures invalide « {text} »") from None
    if not hours.is_finite() or hours < 0 or hours > MAX_HOURS or hours != hours.quantize(Decimal("0.01")):
        raise ValueError(f"nombre d'heures invalide « {text} » : de 0 à 100 000, deux décimales au plus")
    return hours


def _choice(text: str, keys: dict[str, str], choices: dict[str, str], what: str) -> str:
    code = keys.get(fold(text))
    if code is None:
        raise ValueError(f"{what} inconnue « {text} » : " + ", ".join(f"« {label} »" for label in choices.values()))
    return code


def parse_line(cells: dict[str, str]) -> tuple[Line | None, list[tuple[str, str]]]:
    """A statement row from its cells by column key; (column, message) problems."""
    problems: list[tuple[str, str]] = []
    values: dict[str, Any] = {}
    readers = {
        "mois": parse_month,
        "categorie": lambda text: _choice(text, CATEGORY_KEYS, CATEGORIES, "catégorie"),
        "modalite": lambda text: _choice(text, MODALITY_KEYS, MODALITIES, "modalité"),
        "heures": parse_hours,
    }
    for key, reader in readers.items():
        text = cells.get(key, "").strip()
        if not text:
            problems.append((key, "valeur manquante"))
            continue
        try:
            values[key] = reader(text)
        except ValueError as exc:
            problems.append((key, str(exc)))
    people_text = cells.get("personnes", "").strip()
    if people_text:
        if people_text.isdigit() and int(people_text) <= 10_000:
            values["personnes"] = int(people_text)
        else:
            problems.append(("personnes", f"nombre de personnes invalide « {people_text} » : entier attendu"))
    if problems:
        return None, problems
    return Line(values["mois"], values["categorie"], values["modalite"], values["heures"],
                values.get("personnes")), []


def read_statement(data: bytes) -> list[Line]:
    """Every row of a statement CSV (or .xlsx), or ``InvalidInput`` listing every problem with its line: the
    file is taken whole or not at all."""
    table = read_table(data)
    issues: list[ImportIssue] = []
    columns: dict[str, int] = {}
    for index, header in enumerate(table.headers):
        folded = fold(header)
        key = next((k for k, accepted in COLUMNS.items() if folded in accepted), None)
        if folded in PERSONAL:
            issues.append(ImportIssue(line=1, column=header, message=(
                "colonne refusée : aucune donnée nominative des participants n'est conservée, seulement des heures "
                "et des effectifs par catégorie")))
        elif key is None:
            if folded:
                issues.append(ImportIssue(line=1, column=header, message="colonne inconnue"))
        elif key in columns:
            issues.append(ImportIssue(line=1, column=header, message="colonne en double"))
        else:
            columns[key] = index
    for key in REQUIRED:
        if key not in columns:
            issues.append(ImportIssue(line=1, column=COLUMNS[key][0].capitalize(),
                                      message="colonne obligatoire absente"))
    if not issues:
        headers = {key: table.headers[index] for key, index in columns.items()}
        rows = (
            (number, {key: row[index] if index < len(row) else "" for key, index in columns.items()})
            for number, row in table.rows if any(cell.strip() for cell in row)
        )
        lines, issues = parse_rows(rows, headers)
        if not lines and not issues:
            issues.append(ImportIssue(line=2, column="", message="aucune ligne de relevé"))
    if issues:
        raise refusal(issues)
    return lines


def parse_rows(
    rows: Iterable[tuple[int, dict[str, str]]], headers: Mapping[str, str]
) -> tuple[list[Line], list[ImportIssue]]:
    """Numbered rows (cells by column key) -> lines, and the problems named by line and column header."""
    lines: list[Line] = []
    issues: list[ImportIssue] = []
    seen: dict[tuple[date, str, str], int] = {}
    for number, cells in rows:
        line, problems = parse_line(cells)
        issues += [ImportIssue(line=number, column=headers.get(key, key), message=message)
                   for key, message in problems]
        if line is not None:
            key = (line.month, line.category, line.modality)
            if key in seen:
                issues.append(ImportIssue(line=number, column=headers.get("mois", "mois"), message=(
                    f"même mois, catégorie et modalité que la ligne {seen[key]}")))
            seen[key] = number
            lines.append(line)
    return lines, issues


def refusal(issues: list[ImportIssue]) -> InvalidInput:
    """The whole statement refused, every problem listed with its line."""
    first = issues[0]
    return InvalidInput(
        f"Relevé refusé, rien n'a été enregistré : {plural(len(issues), 'erreur')}, dont ligne {first.line} "
        f"({first.column or 'fichier'}) : {first.message}.",
        errors=[issue.model_dump() for issue in issues[:MAX_LISTED_ERRORS]], error_count=len(issues),
    )


def _not_to_come(months: list[date], today: date) -> None:
    """Refuse the months that have not begun: no hour can have been worked in them yet (the month under way is
    accepted, its statement may be partial)."""
    later = [month for month in months if month > today.replace(day=1)]
    if later:
        verb = "n'a" if len(later) == 1 else "n'ont"
        raise InvalidInput(
            f"Relevé refusé, rien n'a été enregistré : {', '.join(month_label(m) for m in later)} {verb} pas "
            f"encore commencé (nous sommes le {today:%d/%m/%Y}) : vérifiez l'année des mois du relevé.")


def _within_execution(session: Session, purchase: Any, months: list[date]) -> None:
    """Refuse the months no hour of the contract can have been worked in: before its notification, or after the
    end of its execution (its duration, or the last period of its follow-up when later)."""
    first = purchase.notified_on.replace(day=1)
    ends = [end_of(purchase.notified_on, purchase.duration_months)] if purchase.duration_months else []
    last_period = session.exec(select(func.max(Commitment.period_end)).where(
        Commitment.purchase_id == purchase.id)).one()
    ends += [last_period] if last_period else []
    last = max(ends).replace(day=1) if ends else None
    outside = [month for month in months if month < first or (last is not None and month > last)]
    if outside:
        span = f"de {month_label(first)} à {month_label(last)}" if last else f"à partir de {month_label(first)}"
        raise InvalidInput(
            f"Relevé refusé, rien n'a été enregistré : {', '.join(month_label(m) for m in outside)} "
            f"hors de l'exécution du marché ({span}).")


def record_statement(
    *, session: Session, purchase_id: int, lines: Iterable[Line], source: str, actor: str, received_on: date,
    whole_months: bool = True, today: date | None = None,
) -> list[HoursStatement]:
    """Record the hours of the months the lines cover, and answer the hours-statement commitments of those
    periods with a piece of evidence (received on ``received_on``, to be examined). One transaction.

    A statement (file, API) gives whole months: each month given replaces that month's rows. A line entered on its
    own (``whole_months=False``, the page's form, one public and one modality at a time) replaces only the row of
    its month, public and modality: the month's other publics stay. Neither the receipt nor a month is to come
    (``today``)."""
    today = today or date.today()
    check_received_on(received_on, today)
    purchase = get_purchase(session=session, purchase_id=purchase_id)
    lines = list(lines)
    months = sorted({line.month for line in lines})
    _not_to_come(months, today)
    _within_execution(session, purchase, months)
    try:
        if whole_months:
            session.execute(delete(HoursStatement).where(
                col(HoursStatement.purchase_id) == purchase_id, col(HoursStatement.month).in_(months)))
        else:
            for line in lines:
                session.execute(delete(HoursStatement).where(
                    col(HoursStatement.purchase_id) == purchase_id, col(HoursStatement.month) == line.month,
                    col(HoursStatement.category) == line.category, col(HoursStatement.modality) == line.modality))
        rows = [HoursStatement(purchase_id=purchase_id, month=line.month, category=line.category,
                               modality=line.modality, hours_x100=int(line.hours * 100), people=line.people,
                               source=source[:255], recorded_by=actor[:200]) for line in lines]
        session.add_all(rows)
        session.flush()
        _answer_statements(session, purchase_id, months, received_on=received_on, actor=actor)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return rows


def _answer_statements(session: Session, purchase_id: int, months: list[date], *, received_on: date,
                       actor: str) -> None:
    commitments = session.exec(select(Commitment).where(
        Commitment.purchase_id == purchase_id, col(Commitment.hours_committed).is_not(None))).all()
    for commitment in commitments:
        start, end = commitment.period_start, commitment.period_end
        if start is None or end is None or not any(start.replace(day=1) <= m <= end for m in months):
            continue
        hours = session.exec(select(func.coalesce(func.sum(col(HoursStatement.hours_x100)), 0)).where(
            HoursStatement.purchase_id == purchase_id, col(HoursStatement.month) >= start.replace(day=1),
            col(HoursStatement.month) <= end)).one()
        description = (f"État des heures d'insertion du {start:%d/%m/%Y} au {end:%d/%m/%Y} : "
                       f"{format_hours(Decimal(hours) / 100)} h")
        existing = session.exec(select(Evidence).where(
            Evidence.commitment_id == commitment.id, col(Evidence.from_statement).is_(True))).first()
        if existing is None:
            assert commitment.id is not None
            add_evidence(session=session, commitment_id=commitment.id, received_on=received_on,
                         description=description, actor=actor, from_statement=True)
        else:
            existing.description = description
            session.add(existing)


def hours_of(row: HoursStatement) -> Decimal:
    """The hours of a statement row."""
    return Decimal(row.hours_x100) / 100


def format_hours(hours: Decimal) -> str:
    """Hours in French: ``1 234,5``."""
    return format_number(hours)


@dataclass
class InsertionSummary:
    """Hours committed and achieved on a contract, the shortfall and the penalty it would trigger."""

    committed: int | None  # None: the contract has no insertion-hours commitment
    achieved: Decimal
    by_category: dict[str, Decimal] = field(default_factory=dict)
    by_modality: dict[str, Decimal] = field(default_factory=dict)
    by_month: dict[date, Decimal] = field(default_factory=dict)
    shortfall: Decimal = Decimal(0)
    penalty_clause: str | None = None  # the penalty clause the insertion clause requires
    per_hour_eur: Decimal | None = None
    cap_eur: Decimal | None = None
    penalty_eur: Decimal | None = None  # shortfall x amount per hour, within the cap
    per_day_late_eur: Decimal | None = None
    late_days: int = 0  # days of lateness of the statements whose formal notice stayed unanswered
    late_penalty_eur: Decimal | None = None  # late_days x amount per day, within the cap
    penalties_eur: Decimal | None = None  # both penalties, within the cap they share


def penalty(shortfall: Decimal, per_hour: Decimal, cap: Decimal | None) -> Decimal:
    """The penalty for ``shortfall`` missing hours at ``per_hour`` € HT each, capped at ``cap`` € HT."""
    amount = (shortfall * per_hour).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return amount if cap is None else min(amount, cap)


def days_late(commitment: Commitment, evidence: list[Evidence], *, notice_days: int, on: date) -> int:
    """Calendar days of lateness of a statement that the late-statement penalty counts on ``on``.

    The library's penalty clause reads: « Le retard dans la remise d'un état des heures, par rapport à
    l'échéance fixée par le marché, entraîne, après une mise en demeure restée sans effet pendant dix jours,
    une pénalité […] par jour calendaire de retard. » So: nothing without a formal notice, nor when the
    statement came within the notice period; otherwise the days from the due date to the day the statement
    came (or to ``on`` while it has not come). A refused statement does not stop the count."""
    if commitment.notice_on is None or commitment.due_on is None:
        return 0
    expired = commitment.notice_on + timedelta(days=notice_days)
    received = [item.received_on for item in evidence if item.decision != "refusee" and item.received_on <= on]
    end = min(received) if received else on
    if end <= expired:  # the notice is sent after the due date (see service.record_notice)
        return 0
    return (end - commitment.due_on).days


def insertion_summary(*, session: Session, purchase_id: int, on: date | None = None) -> InsertionSummary:
    """Committed vs achieved hours of a contract on ``on`` (today by default), the penalty of its insertion
    clause's penalty clause for the hours missing and the one for statements late after a formal notice (the
    contract's values, else the buyer's defaults, else the clause's)."""
    on = on or date.today()
    purchase = get_purchase(session=session, purchase_id=purchase_id)
    committed_by_clause: dict[str, int] = {}
    statements = list(session.exec(select(Commitment).where(
        Commitment.purchase_id == purchase_id, col(Commitment.hours_committed).is_not(None))).all())
    for commitment in statements:
        committed_by_clause[commitment.clause_id] = commitment.hours_committed or 0
    rows = session.exec(select(HoursStatement).where(HoursStatement.purchase_id == purchase_id)).all()
    summary = InsertionSummary(committed=sum(committed_by_clause.values()) if committed_by_clause else None,
                               achieved=sum((hours_of(row) for row in rows), Decimal(0)))
    for bucket, key in ((summary.by_category, "category"), (summary.by_modality, "modality"),
                        (summary.by_month, "month")):
        totals: dict[Any, Decimal] = defaultdict(Decimal)
        for row in rows:
            totals[getattr(row, key)] += hours_of(row)
        bucket.update(sorted(totals.items()))
    if summary.committed is None:
        return summary
    summary.shortfall = max(Decimal(summary.committed) - summary.achieved, Decimal(0))
    values = contract_values(session=session, purchase=purchase)
    for clause_id in committed_by_clause:
        choice = values.get(clause_id, {})
        clause = followup_clause(session=session, clause_id=clause_id, version=choice.get("version"))
        for required in clause.requires:
            rule_clause = followup_clause(session=session, clause_id=required,
                                          version=values.get(required, {}).get("version"))
            rule = rule_clause.penalty
            if rule is None or rule.per_missing_hour is None:
                continue
            given = values.get(required, {}).get("variables", {})
            summary.penalty_clause = required
            summary.per_hour_eur = Decimal(str(value_of(rule_clause, rule.per_missing_hour, given)))
            if rule.cap_percent:
                share = Decimal(str(value_of(rule_clause, rule.cap_percent, given)))
                summary.cap_eur = (Decimal(purchase.amount_cents) * share / 10000).quantize(Decimal("0.01"))
            summary.penalty_eur = penalty(summary.shortfall, summary.per_hour_eur, summary.cap_eur)
            if rule.per_day_late is not None:
                received = evidence_of(session=session, commitment_ids=[c.id for c in statements if c.id])
                summary.per_day_late_eur = Decimal(str(value_of(rule_clause, rule.per_day_late, given)))
                summary.late_days = sum(days_late(c, received[c.id or 0], notice_days=rule.notice_days or 0, on=on)
                                        for c in statements)
                summary.late_penalty_eur = penalty(Decimal(summary.late_days), summary.per_day_late_eur,
                                                   summary.cap_eur)
            both = summary.penalty_eur + (summary.late_penalty_eur or Decimal(0))
            summary.penalties_eur = both if summary.cap_eur is None else min(both, summary.cap_eur)
            return summary
    return summary


def month_label(month: date | str) -> str:
    """``mars 2027``, from a date or an ``AAAA-MM`` key (as the API gives the months)."""
    if isinstance(month, str):
        month = date.fromisoformat(f"{month[:7]}-01")
    return f"{MONTHS[month.month - 1]} {month.year}"
