"""Clause library API: themes, list/search, detail and versions, edits, rendering, export."""

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Response
from pydantic import BaseModel, Field

from app.audit.service import record
from app.auth.dependencies import EditorDep, ReaderDep
from app.clauses import service
from app.clauses.library import DECP_VALUES, DOCUMENTS, KINDS, ClauseDoc
from app.clauses.models import Clause, ClauseVersion
from app.clauses.themes import THEMES
from app.db import SessionDep
from app.etag import etag, expected_version
from app.paging import Limit, Offset

router = APIRouter(prefix="/api/v1", tags=["clauses"])


class ThemeOut(BaseModel):
    id: str
    label: str
    pillar: str
    description: str


class ClauseOut(ClauseDoc):
    """A clause version as the API shows it."""

    origin: str
    locally_modified: bool = False
    current_version: int
    created_at: datetime
    created_by: str


class ClausePage(BaseModel):
    items: list[ClauseOut]
    total: int


class VersionOut(BaseModel):
    version: int
    status: str
    title: str
    origin: str
    created_at: datetime
    created_by: str


class ClauseIn(BaseModel):
    """Body of a clause creation or replacement (the version is assigned by the server)."""

    id: str | None = None
    status: str = "active"
    title: str
    kind: str
    document: str
    themes: list[str]
    decp_value: str
    legal_basis: list[str]
    former_basis: list[str] = []
    cpv_prefixes: list[str] = []
    keywords: list[str] = []
    synonyms: list[str] = []
    variables: dict[str, Any] = {}
    verification: list[dict[str, Any]]
    applies_when: dict[str, Any] | None = None
    generic: bool = False
    requires: list[str] = []
    guidance: dict[str, Any] | None = None
    sources: list[dict[str, Any] | str]
    text: str


class RenderIn(BaseModel):
    variables: dict[str, Any] = {}
    version: int | None = Field(default=None, ge=1)
    draft: bool = False


class RenderOut(BaseModel):
    id: str
    version: int
    text: str


def clause_out(head: Clause, row: ClauseVersion) -> ClauseOut:
    doc = service.to_doc(row)
    # The clause is validated already (once per version): its fields are taken as they are.
    return ClauseOut.model_construct(
        **{name: getattr(doc, name) for name in ClauseDoc.model_fields}, origin=row.origin,
        locally_modified=head.locally_modified, current_version=head.current_version, created_at=row.created_at,
        created_by=row.created_by,
    )


def audit_summary(row: ClauseVersion) -> dict[str, Any]:
    """What the audit trail keeps of a clause version."""
    return {"version": row.version, "status": row.status, "title": row.title, "origin": row.origin}


def _detail(session: SessionDep, row: ClauseVersion, response: Response) -> ClauseOut:
    head = session.get(Clause, row.clause_id)
    assert head is not None
    response.headers["ETag"] = etag(head.current_version)
    return clause_out(head, row)


@router.get("/themes", response_model=list[ThemeOut])
async def list_themes() -> list[ThemeOut]:
    """The fixed theme taxonomy (ids, French labels, pillar)."""
    return [ThemeOut(id=t.id, label=t.label, pillar=t.pillar, description=t.description) for t in THEMES]


@router.get("/clauses", response_model=ClausePage)
def list_clauses(
    session: SessionDep,
    theme: str | None = None,
    kind: Annotated[str | None, Query(description=" | ".join(KINDS))] = None,
    document: Annotated[str | None, Query(description=" | ".join(DOCUMENTS))] = None,
    status: Annotated[str | None, Query(description="draft | active | retired")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Recherche approchée titre/mots-clés")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    """Current clauses, filtered (retired ones only with ``status=retired``), ordered by id."""
    rows = service.search_clauses(session=session, theme=theme, kind=kind, document=document, status=status, q=q)
    page = ClausePage.model_construct(items=[clause_out(h, r) for h, r in rows[offset : offset + limit]],
                                      total=len(rows))
    # Built from validated clauses: serialised directly rather than validated again by FastAPI.
    return Response(page.model_dump_json(), media_type="application/json")


@router.get("/clauses/export")
def export_clauses(session: SessionDep) -> dict[str, Any]:
    """The whole library (current versions, retired included) as JSON."""
    rows = service.current_rows(session=session, include_retired=True)
    return {
        "decp_values": list(DECP_VALUES),
        "clauses": [clause_out(h, r).model_dump(mode="json") for h, r in rows],
    }


@router.get("/clauses/{clause_id}", response_model=ClauseOut)
def read_clause(
    clause_id: str, session: SessionDep, response: Response, version: Annotated[int | None, Query(ge=1)] = None
) -> ClauseOut:
    """One clause, current version or ``?version=N``; the ETag is the current version."""
    return _detail(session, service.get_version(session=session, clause_id=clause_id, version=version), response)


@router.get("/clauses/{clause_id}/versions", response_model=list[VersionOut])
def read_clause_versions(clause_id: str, session: SessionDep) -> list[VersionOut]:
    """Every version of a clause, oldest first."""
    return [
        VersionOut(version=r.version, status=r.status, title=r.title, origin=r.origin,
                   created_at=r.created_at, created_by=r.created_by)
        for r in service.list_versions(session=session, clause_id=clause_id)
    ]


@router.post("/clauses", response_model=ClauseOut, status_code=201)
def create_clause(body: ClauseIn, session: SessionDep, response: Response, actor: EditorDep) -> ClauseOut:
    """Create a local clause (version 1)."""
    row = service.create_clause(session=session, data=body.model_dump(), author=actor.name)
    record(session, actor, action="create", resource="clause", resource_id=row.clause_id, after=audit_summary(row))
    response.headers["Location"] = f"/api/v1/clauses/{row.clause_id}"
    return _detail(session, row, response)


@router.put("/clauses/{clause_id}", response_model=ClauseOut)
def update_clause(
    clause_id: str, body: ClauseIn, session: SessionDep, response: Response, actor: EditorDep,
    if_match: Annotated[str | None, Header()] = None,
) -> ClauseOut:
    """Replace a clause's content: creates a new version (If-Match required)."""
    before = audit_summary(service.get_version(session=session, clause_id=clause_id))
    row = service.update_clause(
        session=session, clause_id=clause_id, data=body.model_dump(exclude={"id"}),
        expected_version=expected_version(if_match), author=actor.name,
    )
    record(session, actor, action="update", resource="clause", resource_id=clause_id, before=before,
           after=audit_summary(row))
    return _detail(session, row, response)


@router.delete("/clauses/{clause_id}", response_model=ClauseOut)
def retire_clause(
    clause_id: str, session: SessionDep, response: Response, actor: EditorDep,
    if_match: Annotated[str | None, Header()] = None,
) -> ClauseOut:
    """Retire a clause (a new version with status ``retired``; never hard-deleted)."""
    before = audit_summary(service.get_version(session=session, clause_id=clause_id))
    row = service.retire_clause(
        session=session, clause_id=clause_id, expected_version=expected_version(if_match), author=actor.name
    )
    record(session, actor, action="retire", resource="clause", resource_id=clause_id, before=before,
           after=audit_summary(row))
    return _detail(session, row, response)


@router.post("/clauses/{clause_id}/reset", response_model=ClauseOut)
def reset_clause(
    clause_id: str, session: SessionDep, response: Response, actor: EditorDep,
    if_match: Annotated[str | None, Header()] = None,
) -> ClauseOut:
    """Give a locally edited built-in clause back its library wording (a new version)."""
    before = audit_summary(service.get_version(session=session, clause_id=clause_id))
    row = service.reset_clause(
        session=session, clause_id=clause_id, expected_version=expected_version(if_match), author=actor.name
    )
    record(session, actor, action="reset", resource="clause", resource_id=clause_id, before=before,
           after=audit_summary(row))
    return _detail(session, row, response)


@router.post("/clauses/{clause_id}/render", response_model=RenderOut)
def render_clause(clause_id: str, body: RenderIn, session: SessionDep, _reader: ReaderDep) -> RenderOut:
    """The clause text with the given values (defaults for the others); 422 lists every bad value."""
    row, text = service.render_clause(
        session=session, clause_id=clause_id, variables=body.variables, version=body.version, draft=body.draft
    )
    return RenderOut(id=row.clause_id, version=row.version, text=text)
