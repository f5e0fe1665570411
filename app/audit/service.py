"""Record writes in the audit trail and read it back."""

from datetime import UTC, datetime
from typing import Any, Protocol

from fastapi.encoders import jsonable_encoder
from sqlalchemy import func
from sqlmodel import Session, col, select

from app.audit.models import AuditEvent
from app.french import plural

# Summaries keep the gist of a change, not whole documents: long texts and lists are cut.
MAX_TEXT, MAX_ITEMS, MAX_DEPTH = 300, 50, 6


def summarize(value: Any, depth: int = 0) -> Any:
    """A JSON-able, bounded copy of ``value`` (model, dict, list…) for the audit summary."""
    if depth == 0:
        value = jsonable_encoder(value)
    if isinstance(value, str):
        return value if len(value) <= MAX_TEXT else value[:MAX_TEXT] + "…"
    if depth >= MAX_DEPTH and isinstance(value, dict | list):
        return "…"
    if isinstance(value, dict):
        items = list(value.items())
        cut = {str(k): summarize(v, depth + 1) for k, v in items[:MAX_ITEMS]}
        if len(items) > MAX_ITEMS:
            cut["…"] = f"{plural(len(items) - MAX_ITEMS, 'champ')} de plus"
        return cut
    if isinstance(value, list):
        cut_list = [summarize(v, depth + 1) for v in value[:MAX_ITEMS]]
        if len(value) > MAX_ITEMS:
            cut_list.append(f"… {plural(len(value) - MAX_ITEMS, 'élément')} de plus")
        return cut_list
    return value


class Actor(Protocol):
    """Who makes a write (``app.auth.dependencies.Actor``): the facts the audit trail keeps."""

    @property
    def name(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def ip(self) -> str: ...
    @property
    def method(self) -> str: ...
    @property
    def path(self) -> str: ...


def record(
    session: Session, actor: Actor, *, action: str, resource: str, resource_id: object = "",
    before: Any = None, after: Any = None, commit: bool = True,
) -> AuditEvent:
    """Add an audit row for a write by ``actor`` and commit it with whatever the session still holds.

    Called before the write's own commit, the row lands in the same transaction; services that commit
    themselves get it in the next one, right after.
    """
    summary = {key: summarize(value) for key, value in (("before", before), ("after", after)) if value is not None}
    event = AuditEvent(
        actor=actor.name[:200], role=actor.role, ip=actor.ip[:64], method=actor.method, path=actor.path[:500],
        resource=resource, resource_id=str(resource_id)[:200], action=action, summary=summary,
    )
    session.add(event)
    if commit:
        session.commit()
    return event


def _utc(moment: datetime) -> datetime:
    # SQLite keeps the wall-clock time only: compare everything in UTC (naive input is read as UTC).
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def list_events(
    *, session: Session, actor: str | None = None, resource: str | None = None, resource_id: str | None = None,
    action: str | None = None, since: datetime | None = None, until: datetime | None = None,
    limit: int = 50, offset: int = 0,
) -> tuple[list[AuditEvent], int]:
    """Events matching the filters, newest first, and their total count."""
    conditions = [
        column == value
        for column, value in (
            (col(AuditEvent.actor), actor), (col(AuditEvent.resource), resource),
            (col(AuditEvent.resource_id), resource_id), (col(AuditEvent.action), action),
        )
        if value is not None
    ]
    if since is not None:
        conditions.append(col(AuditEvent.at) >= _utc(since))
    if until is not None:
        conditions.append(col(AuditEvent.at) < _utc(until))
    total = session.exec(select(func.count()).select_from(AuditEvent).where(*conditions)).one()
    rows = session.exec(
        select(AuditEvent).where(*conditions)
        .order_by(col(AuditEvent.at).desc(), col(AuditEvent.id).desc()).offset(offset).limit(limit)
    ).all()
    return list(rows), int(total)
