"""Buyer profiles API: readers read, administrators write (ETag / If-Match like the other resources)."""

from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request, Response
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from app.audit.service import record
from app.auth.dependencies import Actor, AdminDep
from app.buyers import service
from app.buyers.models import MAX_LOGO_BYTES, BuyerCreate, BuyerIn, BuyerOut, BuyerPage
from app.db import SessionDep
from app.errors import NotFound, PayloadTooLarge
from app.etag import etag, expected_version
from app.paging import Limit, Offset

router = APIRouter(prefix="/api/v1/buyers", tags=["acheteurs"])
LOGO_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"image/png": {}, "image/jpeg": {}}, "description": "Le logo de l'acheteur."}
}


def _out(session: SessionDep, response: Response, buyer: Any) -> BuyerOut:
    response.headers["ETag"] = etag(buyer.version)
    return service.buyer_out(session, buyer)


def _audit(out: BuyerOut) -> dict[str, Any]:
    return out.model_dump(include={"name", "kind", "parent_siret", "annual_volume_eur", "defaults", "version"})


@router.get("", response_model=BuyerPage)
def list_buyers(
    session: SessionDep,
    q: Annotated[str | None, Query(max_length=200, description="Partie du nom ou du SIRET")] = None,
    limit: Limit = 200,
    offset: Offset = 0,
) -> BuyerPage:
    """Buyer profiles by name (those no one has named yet last)."""
    rows, total = service.list_buyers(session=session, q=q, limit=limit, offset=offset)
    return BuyerPage(items=[service.buyer_out(session, row) for row in rows], total=total)


@router.post("", response_model=BuyerOut, status_code=201)
def create_buyer(body: BuyerCreate, session: SessionDep, response: Response, actor: AdminDep) -> BuyerOut:
    """Add a buyer profile (SIRET checked); 409 when the SIRET has one already."""
    out = _out(session, response, service.create_buyer(session=session, data=body))
    record(session, actor, action="create", resource="buyer", resource_id=out.siret, after=_audit(out))
    response.headers["Location"] = f"/api/v1/buyers/{out.siret}"
    return out


@router.get("/{siret}", response_model=BuyerOut)
def read_buyer(siret: str, session: SessionDep, response: Response) -> BuyerOut:
    """One buyer profile; the ETag is its version."""
    return _out(session, response, service.get_buyer(session=session, siret=siret))


@router.put("/{siret}", response_model=BuyerOut)
def update_buyer(
    siret: str, body: BuyerIn, session: SessionDep, response: Response, actor: AdminDep,
    if_match: Annotated[str | None, Header()] = None,
) -> BuyerOut:
    """Replace a profile's name, kind, group, annual volume and defaults (If-Match required)."""
    buyer = service.update_buyer(session=session, siret=siret, data=body, expected_version=expected_version(if_match))
    out = _out(session, response, buyer)
    record(session, actor, action="update", resource="buyer", resource_id=out.siret, after=_audit(out))
    return out


@router.get("/{siret}/logo", response_class=Response, responses=LOGO_RESPONSE)
def read_logo(siret: str, session: SessionDep) -> Response:
    """The buyer's logo, as stored; 404 when it has none."""
    buyer = service.get_buyer(session=session, siret=siret)
    if buyer.logo is None or buyer.logo_type is None:
        raise NotFound(f"L'acheteur {buyer.siret} n'a pas de logo.")
    return Response(buyer.logo, media_type=buyer.logo_type, headers={"ETag": etag(buyer.version)})


@router.put("/{siret}/logo", response_model=BuyerOut)
async def replace_logo(
    siret: str, request: Request, session: SessionDep, response: Response, actor: AdminDep,
    if_match: Annotated[str | None, Header()] = None,
) -> BuyerOut:
    """Replace the logo printed on documents: a PNG or JPEG image as the body (512 KB at most; If-Match)."""
    version = expected_version(if_match)
    content = await request.body()
    if len(content) > MAX_LOGO_BYTES:
        raise PayloadTooLarge(f"Logo trop lourd : {MAX_LOGO_BYTES // 1024} Ko au plus.")
    return await run_in_threadpool(_write_logo, session, response, actor, siret, content, version)


def _write_logo(
    session: Session, response: Response, actor: Actor, siret: str, content: bytes | None, version: int
) -> BuyerOut:
    out = _out(session, response, service.set_logo(session=session, siret=siret, content=content,
                                                   expected_version=version))
    record(session, actor, action="update", resource="buyer", resource_id=out.siret,
           after={"logo": None if content is None else f"{len(content)} octets"})
    return out


@router.delete("/{siret}/logo", response_model=BuyerOut)
def delete_logo(
    siret: str, session: SessionDep, response: Response, actor: AdminDep,
    if_match: Annotated[str | None, Header()] = None,
) -> BuyerOut:
    """Remove the logo (If-Match required)."""
    return _write_logo(session, response, actor, siret, None, expected_version(if_match))
