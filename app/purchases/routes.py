"""Purchases ledger API: import a file, list and undo imports, record a contract, list and read contracts."""

from typing import Annotated

from fastapi import APIRouter, Query, Response, UploadFile

from app.audit.service import record
from app.auth.dependencies import AdminDep, EditorDep
from app.db import SessionDep
from app.paging import Limit, Offset
from app.purchases import history, service
from app.purchases.models import ImportOut, PurchaseImportOut, PurchaseImportPage, PurchaseIn, PurchaseOut, PurchasePage
from app.undo import UndoOut

router = APIRouter(prefix="/api/v1/purchases", tags=["achats"])


@router.post("/import", response_model=ImportOut)
def import_file(
    file: UploadFile, session: SessionDep, actor: EditorDep,
    skip_invalid: Annotated[
        bool, Query(description="Ignorer les enregistrements invalides au lieu de tout refuser")
    ] = False,
) -> ImportOut:
    """Import a DECP file (JSON 2024 or 2019, consolidated CSV) or a ledger CSV; 422 lists the bad records.

    The upload limit is ``CLAUSIER_MAX_UPLOAD_BYTES``: national files go through ``clausier purchases import``.
    """
    report = service.import_purchases(
        session=session, stream=file.file, filename=file.filename or "import", actor=actor.name,
        skip_invalid=skip_invalid,
    )
    record(session, actor, action="import", resource="purchase", resource_id=report.filename,
           after={key: value for key, value in report.as_dict().items() if key != "errors"})
    return ImportOut.model_validate(report.as_dict())


@router.get("/imports", response_model=PurchaseImportPage)
def list_imports(
    session: SessionDep,
    limit: Limit = 50,
    offset: Offset = 0,
) -> PurchaseImportPage:
    """Imports of the ledger, newest first: file, SHA-256, who, when, counts, undone or not."""
    rows, total = history.list_imports(session=session, limit=limit, offset=offset)
    return PurchaseImportPage(items=[PurchaseImportOut.model_validate(row) for row in rows], total=total)


@router.post("/imports/{import_id}/undo", response_model=UndoOut)
def undo_import(import_id: int, session: SessionDep, actor: AdminDep) -> UndoOut:
    """Undo an import: delete the contracts it created, restore those it changed (all or nothing, audited).

    409 when a contract it wrote was changed since (undo the later imports first) or when already undone.
    """
    return UndoOut.model_validate(history.undo_import(session=session, import_id=import_id, actor=actor))


@router.post("", response_model=PurchaseOut, status_code=201)
def create_purchase(data: PurchaseIn, session: SessionDep, response: Response, actor: EditorDep) -> PurchaseOut:
    """Record a contract (created or updated by buyer SIRET and id); its clauses fill its DECP considerations."""
    purchase = service.record_purchase(session=session, data=data, actor=actor.name)
    assert purchase.id is not None
    response.headers["Location"] = f"/api/v1/purchases/{purchase.id}"
    out = service.purchase_out(purchase, service.holders_of(session=session, purchase_ids=[purchase.id])[purchase.id])
    record(session, actor, action="upsert", resource="purchase", resource_id=purchase.id, after=out)
    return out


@router.get("", response_model=PurchasePage)
def list_purchases(
    session: SessionDep,
    year: Annotated[int | None, Query(ge=1990, le=2100, description="Année de notification")] = None,
    buyer: Annotated[str | None, Query(pattern=r"^[0-9]{14}$", description="SIRET de l'acheteur")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> PurchasePage:
    """Contracts, newest notification first, then by buyer and id."""
    purchases, total = service.list_purchases(session=session, year=year, buyer=buyer, limit=limit, offset=offset)
    holders = service.holders_of(session=session, purchase_ids=[p.id for p in purchases if p.id is not None])
    return PurchasePage(
        items=[service.purchase_out(p, holders[p.id]) for p in purchases if p.id is not None], total=total
    )


@router.get("/{purchase_id}", response_model=PurchaseOut)
def read_purchase(purchase_id: int, session: SessionDep) -> PurchaseOut:
    """One contract with its holders and considerations."""
    purchase = service.get_purchase(session=session, purchase_id=purchase_id)
    assert purchase.id is not None
    return service.purchase_out(purchase, service.holders_of(session=session, purchase_ids=[purchase.id])[purchase.id])
