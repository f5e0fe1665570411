"""Administration API: API keys (the clear key is shown once, at creation), effective settings, and the audit
trail (read-only)."""

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import BaseModel, Field

from app.audit.service import list_events, record
from app.auth import service
from app.auth.dependencies import AdminDep
from app.auth.models import ApiKey
from app.db import SessionDep, safe_url
from app.paging import Limit

router = APIRouter(prefix="/api/v1", tags=["administration"])
audit_router = APIRouter(prefix="/api/v1", tags=["audit"])


class KeyOut(BaseModel):
    id: str
    name: str
    role: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class KeyPage(BaseModel):
    items: list[KeyOut]
    total: int


class KeyIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    role: Literal["reader", "editor", "admin"]


class KeyCreated(KeyOut):
    key: str = Field(description="La clé en clair : affichée cette seule fois, conservez-la.")


class SettingsOut(BaseModel):
    database: str
    public_read: bool
    cors_origins: list[str]
    rate_limit_per_minute: int
    max_json_bytes: int
    max_upload_bytes: int
    trusted_user_header: str
    trusted_proxies: list[str]


def key_out(row: ApiKey) -> KeyOut:
    return KeyOut(id=row.prefix, name=row.name, role=row.role, created_at=row.created_at,
                  last_used_at=row.last_used_at, revoked_at=row.revoked_at)


KeyId = Annotated[str, Path(max_length=16, description="Identifiant public de la clé (8 caractères)")]


@router.get("/keys", response_model=KeyPage)
def list_keys(session: SessionDep, _admin: AdminDep) -> KeyPage:
    """Every API key (never the keys themselves), oldest first."""
    rows = service.list_keys(session=session)
    return KeyPage(items=[key_out(row) for row in rows], total=len(rows))


@router.post("/keys", response_model=KeyCreated, status_code=201)
def create_key(body: KeyIn, session: SessionDep, actor: AdminDep, response: Response) -> KeyCreated:
    """Create a key; the response is the only time the clear key is shown."""
    row, key = service.create_key(session=session, name=body.name, role=body.role)
    record(session, actor, action="create", resource="api_key", resource_id=row.prefix, after=key_out(row))
    response.headers["Location"] = "/api/v1/keys"
    return KeyCreated(**key_out(row).model_dump(), key=key)


@router.post("/keys/{key_id}/revoke", response_model=KeyOut)
def revoke_key(key_id: KeyId, session: SessionDep, actor: AdminDep) -> KeyOut:
    """Revoke a key at once (it stays listed, marked revoked)."""
    row = service.revoke_key(session=session, ident=key_id)
    record(session, actor, action="revoke", resource="api_key", resource_id=row.prefix, after=key_out(row))
    return key_out(row)


@router.get("/settings", response_model=SettingsOut)
async def read_settings(request: Request, _admin: AdminDep) -> SettingsOut:
    """The settings in force (database password hidden); they change through CLAUSIER_* variables."""
    settings = request.app.state.settings
    return SettingsOut(
        database=safe_url(settings.DATABASE_URL), public_read=settings.PUBLIC_READ,
        cors_origins=settings.CORS_ORIGINS, rate_limit_per_minute=settings.RATE_LIMIT_PER_MINUTE,
        max_json_bytes=settings.MAX_JSON_BYTES, max_upload_bytes=settings.MAX_UPLOAD_BYTES,
        trusted_user_header=settings.TRUSTED_USER_HEADER, trusted_proxies=settings.TRUSTED_PROXIES,
    )


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


@audit_router.get("/audit", response_model=AuditPage)
def list_audit_events(
    session: SessionDep,
    _admin: AdminDep,
    actor: Annotated[str | None, Query(max_length=200, description="Nom de clé ou identifiant d'agent")] = None,
    resource: Annotated[str | None, Query(max_length=50, description="clause, supplier, api_key…")] = None,
    resource_id: Annotated[str | None, Query(max_length=200)] = None,
    action: Annotated[str | None, Query(max_length=50, description="create, update, retire…")] = None,
    since: Annotated[datetime | None, Query(description="À partir de cet instant (inclus)")] = None,
    until: Annotated[datetime | None, Query(description="Avant cet instant (exclu)")] = None,
    limit: Limit = 50,
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
) -> AuditPage:
    """Audit events, newest first, filtered (administrators only)."""
    rows, total = list_events(
        session=session, actor=actor, resource=resource, resource_id=resource_id, action=action,
        since=since, until=until, limit=limit, offset=offset,
    )
    return AuditPage(items=[AuditEventOut.model_validate(row, from_attributes=True) for row in rows], total=total)
