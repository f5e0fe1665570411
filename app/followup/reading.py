"""The follow-up as the API, the pages and the command line show it."""

from datetime import date

from sqlmodel import Session, col, select

from app.clauses.models import ClauseVersion
from app.followup import hours, service
from app.followup.models import (
    CommitmentOut,
    Evidence,
    EvidenceOut,
    FollowupOut,
    HoursLineIn,
    InsertionOut,
    OverdueOut,
    OverduePage,
    UndatedClauseOut,
)
from app.purchases.service import get_purchase


def evidence_out(evidence: Evidence) -> EvidenceOut:
    """A piece of evidence for the API."""
    assert evidence.id is not None
    return EvidenceOut(
        id=evidence.id, commitment_id=evidence.commitment_id, received_on=evidence.received_on,
        description=evidence.description, filename=evidence.filename, media_type=evidence.media_type,
        size=evidence.size, sha256=evidence.sha256,
        file_url=f"/api/v1/followup/evidence/{evidence.id}/file" if evidence.sha256 else None,
        from_statement=evidence.from_statement, decision=evidence.decision, reason=evidence.reason,
        decided_by=evidence.decided_by, recorded_by=evidence.recorded_by,
    )


def clause_titles(session: Session, keys: set[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """Titles of clause versions."""
    if not keys:
        return {}
    rows = session.exec(select(ClauseVersion.clause_id, ClauseVersion.version, ClauseVersion.title)
                        .where(col(ClauseVersion.clause_id).in_({clause_id for clause_id, _ in keys}))).all()
    return {(clause_id, version): title for clause_id, version, title in rows}


def insertion_out(session: Session, purchase_id: int, on: date) -> InsertionOut:
    """Insertion hours of a contract on ``on`` for the API."""
    summary = hours.insertion_summary(session=session, purchase_id=purchase_id, on=on)
    return InsertionOut(
        purchase_id=purchase_id, hours_committed=summary.committed, hours_achieved=summary.achieved,
        hours_by_category=summary.by_category, hours_by_modality=summary.by_modality,
        hours_by_month={f"{month:%Y-%m}": value for month, value in summary.by_month.items()},
        shortfall_hours=summary.shortfall, penalty_clause=summary.penalty_clause,
        penalty_per_hour_eur=summary.per_hour_eur, penalty_cap_eur=summary.cap_eur, penalty_eur=summary.penalty_eur,
        penalty_per_day_late_eur=summary.per_day_late_eur, late_days=summary.late_days,
        late_penalty_eur=summary.late_penalty_eur, penalties_eur=summary.penalties_eur,
    )


def followup_out(session: Session, purchase_id: int, on: date) -> FollowupOut:
    """Commitments of a contract with their evidence and status on ``on``, and its insertion hours."""
    commitments = service.list_commitments(session=session, purchase_id=purchase_id)
    ids = [c.id for c in commitments if c.id is not None]
    received = service.evidence_of(session=session, commitment_ids=ids)
    titles = clause_titles(session, {(c.clause_id, c.clause_version) for c in commitments})
    items = []
    for commitment in commitments:
        assert commitment.id is not None
        evidence = received[commitment.id]
        status = service.status(commitment, evidence, on=on)
        items.append(CommitmentOut(
            id=commitment.id, purchase_id=purchase_id, clause_id=commitment.clause_id,
            clause_version=commitment.clause_version,
            clause_title=titles.get((commitment.clause_id, commitment.clause_version), commitment.clause_id),
            item=commitment.item, sequence=commitment.sequence, evidence_owed=commitment.evidence,
            due_kind=commitment.due_kind, period_start=commitment.period_start, period_end=commitment.period_end,
            due_on=commitment.due_on, undated_reason=commitment.undated_reason,
            hours_committed=commitment.hours_committed, notice_on=commitment.notice_on,
            notice_by=commitment.notice_by, status=status,
            status_label=service.STATUS_LABELS[status], evidence=[evidence_out(e) for e in evidence],
        ))
    undated = service.undated_clauses(session=session, purchase=get_purchase(session=session,
                                                                             purchase_id=purchase_id))
    return FollowupOut(purchase_id=purchase_id, on=on, commitments=items,
                       insertion=insertion_out(session, purchase_id, on),
                       undated_clauses=[UndatedClauseOut(id=u.clause_id, title=u.title, when=list(u.moments))
                                        for u in undated])


def _undated_list(undated: list[UndatedClauseOut]) -> str:
    """« les justificatifs de la clause « A » (avec l'offre) » or « … des clauses « A » (…) et « B » (…) »."""
    named = [f"« {clause.title} » ({' ; '.join(clause.when)})" for clause in undated]
    listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " et " + named[-1]
    return f"les justificatifs {'de la clause' if len(named) == 1 else 'des clauses'} {listed}"


def undated_note(followup: FollowupOut, *, clause_count: int) -> str | None:
    """What the page and the command line say of the clauses without a fixed due date: with no commitment and
    no clause having one, why the follow-up has nothing dated; beside commitments, which clauses they leave out.
    None when every clause is dated, or when the follow-up of dated clauses is simply not open yet."""
    undated = followup.undated_clauses
    if not undated:
        return None
    if followup.commitments:
        return (f"Sans échéance fixe, donc hors de ce tableau : {_undated_list(undated)} se remettent à ces "
                "moments-là.")
    if len(undated) < clause_count:
        return None
    return (f"Aucun engagement daté : {_undated_list(undated)} se remettent à ces moments-là, sans date fixe ; "
            "ils ne créent pas d'échéance.")


def undated_commitments_note(followup: FollowupOut) -> str | None:
    """What the page (after opening) and the command line say of the commitments owed without a date, or None."""
    undated = [c for c in followup.commitments if c.due_on is None]
    if not undated:
        return None
    head = ("Un justificatif est dû sans date" if len(undated) == 1
            else f"{len(undated)} justificatifs sont dus sans date")
    return f"{head}, le marché ne la fixant pas encore :" + "".join(
        f"\n  - « {c.evidence_owed} » (clause « {c.clause_title} ») — {c.undated_reason}" for c in undated)


def overdue_page(session: Session, on: date, *, buyer: str | None = None, limit: int = 100,
                 offset: int = 0) -> OverduePage:
    """Commitments overdue on ``on``."""
    found = service.overdue(session=session, on=on, buyer=buyer)
    items = [
        OverdueOut(commitment_id=o.commitment.id or 0, purchase_id=o.purchase.id or 0,
                   buyer_siret=o.purchase.buyer_siret, buyer_ref=o.purchase.buyer_ref, object=o.purchase.object,
                   clause_id=o.commitment.clause_id, evidence_owed=o.commitment.evidence, due_on=o.commitment.due_on,
                   days_late=o.days_late)
        for o in found[offset:offset + limit]
    ]
    return OverduePage(date=on, items=items, total=len(found))


def lines_in(lines: list[HoursLineIn]) -> list[hours.Line]:
    """Statement lines sent as JSON, checked like a file's rows (the first line is number 1)."""
    parsed, issues = hours.parse_rows(((number, {
        "mois": given.month, "categorie": given.category, "modalite": given.modality, "heures": str(given.hours),
        "personnes": "" if given.people is None else str(given.people),
    }) for number, given in enumerate(lines, start=1)), {})
    if issues:
        raise hours.refusal(issues)
    return parsed
