"""Audit trail API: read-only, administrators only."""

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel

from app.audit.service import list_events
from app.auth.dependencies import AdminDep
from app.db import SessionDep

router = APIRouter(prefix="/api/v1", tags=["audit"])


class AuditEventOut(BaseModel):
    id: int
    at: datetime
    actor: str
    role: str
    ip: str
    method: str
    path: str
    resource: str
    resource_id: str
    action: str
    summary: dict[str, Any]


class AuditPage(BaseModel):
    items: list[AuditEventOut]
    total: int


@router.get("/audit", response_model=AuditPage)
def list_audit_events(
    session: SessionDep,
    _admin: AdminDep,
    actor: Annotated[str | None, Query(max_length=200, description="Nom de clé ou identifiant d'agent")] = None,
    resource: Annotated[str | None, Query(max_length=50, description="clause, supplier, api_key…")] = None,
    resource_id: Annotated[str | None, Query(max_length=200)] = None,
    action: Annotated[str | None, Query(max_length=50, description="create, update, retire…")] = None,
    since: Annotated[datetime | None, Query(description="À partir de cet instant (inclus)")] = None,
    until: Annotated[datetime | None, Query(description="Avant cet instant (exclu)")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
) -> AuditPage:
    """Audit events, newest first, filtered (administrators only)."""
    rows, total = list_events(
        session=session, actor=actor, resource=resource, resource_id=resource_id, action=action,
        since=since, until=until, limit=limit, offset=offset,
    )
    return AuditPage(items=[AuditEventOut.model_validate(row, from_attributes=True) for row in rows], total=total)
