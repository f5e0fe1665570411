"""Execution follow-up of a contract: commitments opened from its clauses, evidence received, overdue list."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import exists, or_
from sqlmodel import Session, col, select

from app.buyers.models import Buyer
from app.clauses.library import ClauseDoc
from app.clauses.service import get_version, to_doc
from app.clauses.values import parse_value
from app.errors import InvalidInput, NotFound
from app.followup import files
from app.followup.models import Commitment, Evidence
from app.followup.schedule import end_of, schedule
from app.purchases.models import Purchase
from app.purchases.service import get_purchase

STATUS_LABELS = {
    "a-venir": "à venir", "sans-date": "sans date",
    "en-retard": "en retard", "recue": "reçue, à examiner", "acceptee": "acceptée",
    "refusee": "refusée",
}


def followup_clause(*, session: Session, clause_id: str, version: int | None) -> ClauseDoc:
    """The clause version a contract uses. The current version's follow-up data (schedule, penalty rule) is
    used instead when it describes the same clause: the wording is unchanged, or the contract's version predates
    the schedule (no ``due`` on any item) and asks for the same evidence."""
    doc = to_doc(get_version(session=session, clause_id=clause_id, version=version))
    if version is None:
        return doc
    current = to_doc(get_version(session=session, clause_id=clause_id))
    if current.text == doc.text and len(current.verification) == len(doc.verification):
        return current
    if (not any(item.due for item in doc.verification) and any(item.due for item in current.verification)
            and len(current.verification) == len(doc.verification)):
        return current
    return doc


@dataclass(frozen=True)
class Undated:
    """A contract clause whose evidence has no fixed due date: handed over with the offer, at each delivery, on
    the buyer's request… (``moments``: the items' ``when``). Opening the follow-up makes no commitment of it."""

    clause_id: str
    title: str
    moments: tuple[str, ...]


def undated_clauses(*, session: Session, purchase: Purchase) -> list[Undated]:
    """The contract's clauses none of whose verification items has a due date (``due``), in the contract's
    order; a clause the library no longer has is left out (opening the follow-up reports it)."""
    found = []
    for choice in purchase.clauses or []:
        try:
            clause = followup_clause(session=session, clause_id=str(choice["id"]), version=choice.get("version"))
        except NotFound:
            continue
        if not any(item.due for item in clause.verification):
            moments = tuple(dict.fromkeys(item.when for item in clause.verification))
            found.append(Undated(clause.id, clause.title, moments))
    return found


def contract_dates(
    purchase: Purchase, *, starts_on: date | None, ends_on: date | None, duration_months: int | None
) -> tuple[date, date | None]:
    """Start and end of the execution: given, else the notification date and the contract's duration. The end
    may be unknown (no date, no duration): what is owed from the notification is dated, the rest is owed
    without a date until the follow-up is opened again with the end (see ``schedule.NO_END``)."""
    start = starts_on or purchase.notified_on
    months = duration_months if duration_months is not None else purchase.duration_months
    end = ends_on or (end_of(start, months) if months else None)
    if end is not None and end < start:
        raise InvalidInput(f"La fin d'exécution ({end:%d/%m/%Y}) précède le début ({start:%d/%m/%Y}).")
    return start, end


def contract_values(*, session: Session, purchase: Purchase) -> dict[str, dict[str, Any]]:
    """The contract's clauses by id: ``{"version", "variables"}``, the variables completed with the buyer
    profile's defaults (as documents are; the clause's own defaults apply last, see ``schedule.value_of``)."""
    buyer = session.get(Buyer, purchase.buyer_siret)
    defaults = dict(buyer.defaults) if buyer is not None else {}
    found: dict[str, dict[str, Any]] = {}
    for choice in purchase.clauses or []:
        given = choice.get("variables")
        variables = {**defaults, **(given if isinstance(given, Mapping) else {})}
        found[str(choice["id"])] = {"version": choice.get("version"), "variables": variables}
    return found


def open_followup(
    *, session: Session, purchase_id: int, starts_on: date | None = None, ends_on: date | None = None,
    duration_months: int | None = None, actor: str,
) -> list[Commitment]:
    """Turn the verification items of the contract's clauses into dated commitments (idempotent).

    Opening again (other dates, clauses added) updates the due dates, adds what is new and removes the
    commitments no longer owed, unless evidence was already recorded for them. ``actor``: who opened them.
    """
    purchase = get_purchase(session=session, purchase_id=purchase_id)
    start, end = contract_dates(purchase, starts_on=starts_on, ends_on=ends_on, duration_months=duration_months)
    wanted: dict[tuple[str, int, int], Commitment] = {}
    for clause_id, choice in contract_values(session=session, purchase=purchase).items():
        clause = followup_clause(session=session, clause_id=clause_id, version=choice["version"])
        for due in schedule(clause, choice["variables"], starts_on=start, ends_on=end):
            wanted[(clause.id, due.item, due.sequence)] = Commitment(
                purchase_id=purchase_id, clause_id=clause.id,
                clause_version=int(choice["version"] or clause.version), item=due.item,
                sequence=due.sequence, evidence=due.evidence, due_kind=due.due_kind,
                period_start=due.period_start, period_end=due.period_end, due_on=due.due_on,
                undated_reason=due.undated_reason, hours_committed=due.hours_committed, opened_by=actor,
            )
    existing = session.exec(select(Commitment).where(Commitment.purchase_id == purchase_id)).all()
    with_evidence = set(session.exec(
        select(Evidence.commitment_id).join(Commitment, col(Commitment.id) == col(Evidence.commitment_id))
        .where(Commitment.purchase_id == purchase_id)
    ).all())
    for row in existing:
        new = wanted.pop((row.clause_id, row.item, row.sequence), None)
        if new is None:
            if row.id not in with_evidence:
                session.delete(row)
            continue
        for field in ("clause_version", "evidence", "due_kind", "period_start", "period_end", "due_on",
                      "undated_reason", "hours_committed"):
            setattr(row, field, getattr(new, field))
        session.add(row)
    session.add_all(wanted.values())
    session.commit()
    return list_commitments(session=session, purchase_id=purchase_id)


def add_clauses(
    *, session: Session, purchase_id: int, clauses: list[tuple[str, int | None, dict[str, Any]]]
) -> Purchase:
    """Add clauses (id, version or None for the current one, variable values) to a contract, e.g. an imported
    DECP contract whose clauses the officer reads in its CCAP; a clause already there gets the new version and
    values. The DECP considerations stay as published."""
    purchase = get_purchase(session=session, purchase_id=purchase_id)
    chosen = {str(choice["id"]): dict(choice) for choice in purchase.clauses or []}
    for clause_id, version, values in clauses:
        row = get_version(session=session, clause_id=clause_id, version=version)
        doc = to_doc(row)
        for name, raw in values.items():
            variable = doc.variables.get(name)
            if variable is None:
                raise InvalidInput(f"La clause « {doc.title} » n'a pas de variable « {name} ».", variable=name)
            try:
                parse_value(variable, raw)
            except ValueError as exc:
                raise InvalidInput(f"« {variable.label} » : {exc}.", variable=name) from None
        chosen[clause_id] = {"id": clause_id, "version": row.version, "variables": values}
    purchase.clauses = list(chosen.values())
    session.add(purchase)
    session.commit()
    session.refresh(purchase)
    return purchase


def list_commitments(*, session: Session, purchase_id: int) -> list[Commitment]:
    """The contract's commitments, by due date; those without a date last (on SQLite as on PostgreSQL)."""
    query = (
        select(Commitment).where(Commitment.purchase_id == purchase_id)
        .order_by(col(Commitment.due_on).is_(None), col(Commitment.due_on), col(Commitment.clause_id),
                  col(Commitment.item), col(Commitment.sequence))
    )
    return list(session.exec(query).all())


def get_commitment(*, session: Session, commitment_id: int) -> Commitment:
    """One commitment by id."""
    commitment = session.get(Commitment, commitment_id)
    if commitment is None:
        raise NotFound(f"Engagement inconnu : {commitment_id}.", commitment_id=commitment_id)
    return commitment


def evidence_of(*, session: Session, commitment_ids: list[int]) -> dict[int, list[Evidence]]:
    """Evidence received for each commitment, oldest first."""
    found: dict[int, list[Evidence]] = {cid: [] for cid in commitment_ids}
    if commitment_ids:
        query = (select(Evidence).where(col(Evidence.commitment_id).in_(commitment_ids))
                 .order_by(col(Evidence.received_on), col(Evidence.id)))
        for evidence in session.exec(query).all():
            found[evidence.commitment_id].append(evidence)
    return found


def status(commitment: Commitment, evidence: list[Evidence], *, on: date) -> str:
    """Where a commitment stands on ``on``: the last evidence received by then decides, else the due date."""
    received = [item for item in evidence if item.received_on <= on]
    if received and received[-1].decision != "refusee":
        return received[-1].decision or "recue"
    if commitment.due_on is None:  # never late: the contract does not say when
        return "refusee" if received else "sans-date"
    if commitment.due_on < on:
        return "en-retard"
    return "refusee" if received else "a-venir"


# A commitment is answered on a date when evidence received by then was not refused.
def _answered(on: date) -> Any:
    return exists().where(
        col(Evidence.commitment_id) == col(Commitment.id), col(Evidence.received_on) <= on,
        or_(col(Evidence.decision).is_(None), col(Evidence.decision) != "refusee"),
    )


@dataclass(frozen=True)
class Overdue:
    """A commitment past its due date without evidence (or with refused evidence only)."""

    commitment: Commitment
    purchase: Purchase
    days_late: int


def overdue(
    *, session: Session, on: date, buyer: str | None = None,
) -> list[Overdue]:
    """Commitments due before ``on`` that no accepted or pending evidence received by ``on`` answers, oldest first
    (an undated commitment is never late)."""
    query = (
        select(Commitment, Purchase).join(Purchase, col(Purchase.id) == col(Commitment.purchase_id))
        .where(col(Commitment.due_on) < on, ~_answered(on))
        .order_by(col(Commitment.due_on), col(Commitment.purchase_id), col(Commitment.id))
    )
    if buyer is not None:
        query = query.where(Purchase.buyer_siret == buyer)
    return [Overdue(commitment, purchase, (on - commitment.due_on).days)
            for commitment, purchase in session.exec(query).all() if commitment.due_on is not None]


def check_received_on(received_on: date, today: date | None = None) -> None:
    """Refuse a receipt date to come: a document is recorded once received, so a later date is a slip of the
    keyboard (the year, most often) that would leave the commitment overdue until then."""
    today = today or date.today()
    if received_on > today:
        raise InvalidInput(f"La date de réception ({received_on:%d/%m/%Y}) est à venir (nous sommes le "
                           f"{today:%d/%m/%Y}) : indiquez la date à laquelle le document a été reçu.")


def add_evidence(
    *, session: Session, commitment_id: int, received_on: date, description: str, actor: str,
    from_statement: bool = False, file: Mapping[str, Any] | None = None,
) -> Evidence:
    """Record a piece of evidence for a commitment (not committed: the caller commits). ``file``: the stored
    file's ``filename``, ``media_type``, ``size`` and ``sha256``. Callers have refused a receipt date to come
    (``check_received_on``) before anything was stored."""
    get_commitment(session=session, commitment_id=commitment_id)
    evidence = Evidence(commitment_id=commitment_id, received_on=received_on, description=description,
                        recorded_by=actor, from_statement=from_statement, **(file or {}))
    session.add(evidence)
    session.flush()
    return evidence


def receive_evidence(
    *, session: Session, commitment_id: int, received_on: date, description: str, actor: str,
    upload: tuple[bytes, str] | None, folder: Path, max_bytes: int, today: date | None = None,
) -> Evidence:
    """Record a piece of evidence with its file (``upload``: content and file name), checked (size, type by
    content, zip bombs) and stored in ``folder`` by its SHA-256 before anything is written."""
    if not description.strip():
        raise InvalidInput("Indiquez ce que montre le justificatif.")
    check_received_on(received_on, today)
    stored = files.accept(upload, folder, max_bytes=max_bytes)
    evidence = add_evidence(session=session, commitment_id=commitment_id, received_on=received_on,
                            description=description.strip(), actor=actor, file=stored)
    session.commit()
    session.refresh(evidence)
    return evidence


def record_notice(
    *, session: Session, commitment_id: int, sent_on: date | None, actor: str, today: date | None = None,
) -> Commitment:
    """Record the formal notice (mise en demeure) sent to the holder for an overdue commitment, correct its
    date, or remove it (``sent_on`` None). A notice follows the due date and is not dated in the future."""
    commitment = get_commitment(session=session, commitment_id=commitment_id)
    if sent_on is not None:
        if commitment.due_on is None:
            raise InvalidInput("Cet engagement n'a pas d'échéance : rien n'est en retard, une mise en demeure ne "
                               "peut pas être enregistrée.")
        if sent_on <= commitment.due_on:
            raise InvalidInput(
                f"La mise en demeure ({sent_on:%d/%m/%Y}) doit suivre l'échéance du justificatif "
                f"({commitment.due_on:%d/%m/%Y}) : avant, rien n'est en retard.")
        if sent_on > (today or date.today()):
            raise InvalidInput(f"La date de la mise en demeure ({sent_on:%d/%m/%Y}) est à venir : indiquez la "
                               "date à laquelle elle a été envoyée.")
    commitment.notice_on = sent_on
    commitment.notice_by = actor if sent_on is not None else None
    session.add(commitment)
    session.commit()
    session.refresh(commitment)
    return commitment


def get_evidence(*, session: Session, evidence_id: int) -> Evidence:
    """One piece of evidence by id."""
    evidence = session.get(Evidence, evidence_id)
    if evidence is None:
        raise NotFound(f"Justificatif inconnu : {evidence_id}.", evidence_id=evidence_id)
    return evidence


def decide(*, session: Session, evidence_id: int, accepted: bool, reason: str | None, actor: str) -> Evidence:
    """Accept or refuse a piece of evidence; a refusal needs its reason."""
    evidence = get_evidence(session=session, evidence_id=evidence_id)
    if not accepted and not (reason or "").strip():
        raise InvalidInput("Un refus doit être motivé : indiquez la raison.")
    evidence.decision = "acceptee" if accepted else "refusee"
    evidence.reason = None if accepted else (reason or "").strip()
    evidence.decided_by = actor
    session.add(evidence)
    session.commit()
    session.refresh(evidence)
    return evidence
