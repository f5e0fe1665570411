"""Supplier registry API: search, read, write (editor key, If-Match), import, export, expiry watch, suggestions."""

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Query, Request, Response
from sqlalchemy import Engine
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from app.audit.service import record
from app.auth.dependencies import Actor, AdminDep, EditorDep, ReaderDep
from app.db import SessionDep
from app.errors import InvalidInput
from app.etag import etag, expected_version
from app.french import plural
from app.labels import LABEL_CATEGORIES, LABELS
from app.paging import Limit, Offset
from app.suppliers import reading, suggesting, transfer, writing
from app.suppliers.labels import INCLUSIVE_KINDS, INSERTION_KINDS, KINDS, Kind
from app.suppliers.models import (
    ExpiringPage,
    HistoryPage,
    ImportReport,
    SupplierBase,
    SupplierCreate,
    SupplierImportOut,
    SupplierImportPage,
    SupplierPage,
    SupplierPublic,
)
from app.suppliers.suggest import SuggestRequest, SuggestResponse
from app.undo import UndoOut

router = APIRouter(prefix="/api/v1/suppliers", tags=["fournisseurs"])


def _audit(supplier: SupplierPublic) -> dict[str, Any]:
    return {"name": supplier.name, "kind": supplier.kind, "version": supplier.version}


@router.get("", response_model=SupplierPage)
def list_suppliers(
    session: SessionDep,
    q: Annotated[str | None, Query(
        max_length=200, description="Recherche floue sur le nom, la marque, les activités, les labels, le type de "
                                    "structure et le lieu (« nettoyage »), ou début de SIRET")] = None,
    kind: Annotated[Kind | None, Query(description="Type de structure")] = None,
    label: Annotated[str | None, Query(max_length=60, description="Label, ou catégorie de labels, valide")] = None,
    label_valid_on: Annotated[date | None, Query(description="Label valide à cette date (défaut : ce jour)")] = None,
    cpv: Annotated[str | None, Query(max_length=10, description="Code ou préfixe CPV d'une activité")] = None,
    departement: Annotated[str | None, Query(
        max_length=40, description="Département : numéro (91, 2A) ou nom (Essonne) ; inconnu : 422")] = None,
    commune: Annotated[str | None, Query(max_length=100)] = None,
    eligible_clause_sociale: Annotated[
        bool | None, Query(description="Peut porter des heures d'insertion (EI, ACI, AI, ETTI, GEIQ, EA, EATT, ESAT)")
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> SupplierPage:
    """Search the registry: fuzzy on names, activities, labels, kinds and places (a name match first), filters on
    kind, label, CPV activity and place."""
    return reading.list_suppliers(
        session=session, q=q, kind=kind, label=label, label_valid_on=label_valid_on, cpv=cpv,
        departement=departement, commune=commune, eligible_clause_sociale=eligible_clause_sociale,
        limit=limit, offset=offset,
    )


@router.get("/labels")
async def list_labels() -> dict[str, Any]:
    """The maintained list of labels, with their category, and the kinds of structures."""
    items = [{"label": name, "category": category} for name, category in LABELS.items()]
    return {
        "items": items, "total": len(items), "categories": LABEL_CATEGORIES,
        "kinds": [
            {"kind": kind, "wording": wording, "inclusive": kind in INCLUSIVE_KINDS,
             "eligible_clause_sociale": kind in INSERTION_KINDS}
            for kind, wording in KINDS.items()
        ],
    }


@router.get("/expiring", response_model=ExpiringPage)
def list_expiring(
    session: SessionDep,
    days: Annotated[int, Query(ge=0, le=3650, description="Fenêtre en jours à partir d'aujourd'hui")] = 60,
    include_expired: Annotated[bool, Query(description="Inclure ce qui a déjà expiré")] = False,
    limit: Limit = 200,
    offset: Offset = 0,
) -> ExpiringPage:
    """Labels and social guarantees ending within ``days``, soonest first."""
    return reading.list_expiring(
        session=session, days=days, include_expired=include_expired, limit=limit, offset=offset
    )


@router.get("/export", response_class=Response,
            responses={200: {"content": {"text/csv": {}, "application/json": {}}, "description": "Le registre."}})
def export_suppliers(
    session: SessionDep, format: Annotated[Literal["csv", "json"], Query()] = "csv"
) -> Response:
    """The whole live registry: CSV for Excel (import format) or JSON (everything)."""
    name = f"fournisseurs-{date.today().isoformat()}.{format}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    if format == "json":
        return Response(transfer.export_json(session=session), media_type="application/json", headers=headers)
    return Response(transfer.export_csv(session=session), media_type="text/csv; charset=utf-8", headers=headers)


@router.post("/import", response_model=ImportReport)
async def import_suppliers(
    request: Request,
    actor: EditorDep,
    dry_run: Annotated[bool, Query(description="Tout vérifier sans rien écrire")] = False,
    filename: Annotated[str, Query(max_length=200, description="Nom du fichier, pour le rapport")] = "import.csv",
) -> ImportReport:
    """Import a CSV (text/csv) or .xlsx file, as the body or a multipart ``file``: all rows or none."""
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        form = await request.form()
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise InvalidInput("Champ « file » manquant dans le formulaire.",
                               errors=[{"field": "file", "message": "champ obligatoire"}])
        data, filename = await upload.read(), upload.filename or filename
    else:
        data = await request.body()
    return await run_in_threadpool(_import, request.app.state.engine, actor, data, filename, dry_run)


def _import(engine: Engine, actor: Actor, data: bytes, filename: str, dry_run: bool) -> ImportReport:
    report = transfer.import_suppliers(
        engine=engine, data=data, filename=filename, actor=actor.name, dry_run=dry_run,
        source=f"import:{filename} ({actor.name})",
    )
    if report.errors_total:
        raise InvalidInput(
            f"Fichier refusé : {plural(report.errors_total, 'erreur')}, rien n'a été enregistré.",
            errors=[issue.model_dump() for issue in report.errors],
            report=report.model_dump(mode="json"),
        )
    if report.written:
        with Session(engine) as session:
            record(session, actor, action="import", resource="supplier", resource_id=filename,
                   after={"created": report.created, "updated": report.updated, "unchanged": report.unchanged})
    return report


@router.get("/imports", response_model=SupplierImportPage)
def list_imports(
    session: SessionDep,
    limit: Limit = 50,
    offset: Offset = 0,
) -> SupplierImportPage:
    """Imports of the registry, newest first: file, SHA-256, who, when, counts, undone or not."""
    rows, total = transfer.list_imports(session=session, limit=limit, offset=offset)
    return SupplierImportPage(items=[SupplierImportOut.model_validate(row) for row in rows], total=total)


@router.post("/imports/{import_id}/undo", response_model=UndoOut)
def undo_import(import_id: int, session: SessionDep, actor: AdminDep) -> UndoOut:
    """Undo an import: delete the suppliers it created, restore those it changed (all or nothing, audited).

    409 when a supplier it wrote was changed since (undo the later imports first) or when already undone.
    """
    return UndoOut.model_validate(transfer.undo_import(session=session, import_id=import_id, actor=actor))


@router.post("/suggest", response_model=SuggestResponse)
def suggest_suppliers(body: SuggestRequest, session: SessionDep, _reader: ReaderDep) -> SuggestResponse:
    """Suppliers able to serve a tender, grouped by role with reasons, and the instrument to advise."""
    return suggesting.suggest_suppliers(session=session, request=body)


@router.post("", response_model=SupplierPublic, status_code=201)
def create_supplier(body: SupplierCreate, session: SessionDep, response: Response, actor: EditorDep) -> SupplierPublic:
    """Add a supplier."""
    supplier = writing.create_supplier(session=session, supplier_in=body, source=f"api ({actor.name})")
    record(session, actor, action="create", resource="supplier", resource_id=supplier.siret, after=_audit(supplier))
    response.headers["Location"] = f"/api/v1/suppliers/{supplier.siret}"
    response.headers["ETag"] = etag(supplier.version)
    return supplier


@router.get("/{siret}", response_model=SupplierPublic)
def read_supplier(siret: str, session: SessionDep, response: Response) -> SupplierPublic:
    """One supplier with its labels, activities, guarantees and provenance; the ETag is its version."""
    supplier = reading.read_supplier(session=session, siret=siret)
    response.headers["ETag"] = etag(supplier.version)
    return supplier


@router.get("/{siret}/history", response_model=HistoryPage)
def read_supplier_history(
    siret: str, session: SessionDep,
    limit: Limit = 50, offset: Offset = 0,
) -> HistoryPage:
    """Changes of a supplier (imports, API edits, deletion), newest first."""
    return reading.read_history(session=session, siret=siret, limit=limit, offset=offset)


@router.put("/{siret}", response_model=SupplierPublic)
def update_supplier(
    siret: str, body: SupplierBase, session: SessionDep, response: Response, actor: EditorDep,
    if_match: Annotated[str | None, Header()] = None,
) -> SupplierPublic:
    """Replace a supplier's values, labels and activities (If-Match required)."""
    version = expected_version(if_match)
    supplier = writing.update_supplier(
        session=session, siret=siret, supplier_in=body, expected_version=version, source=f"api ({actor.name})"
    )
    record(session, actor, action="update", resource="supplier", resource_id=supplier.siret, after=_audit(supplier))
    response.headers["ETag"] = etag(supplier.version)
    return supplier


@router.delete("/{siret}", status_code=204)
def delete_supplier(
    siret: str, session: SessionDep, actor: EditorDep, if_match: Annotated[str | None, Header()] = None
) -> Response:
    """Soft-delete a supplier (If-Match required): gone from searches, history kept."""
    writing.delete_supplier(
        session=session, siret=siret, expected_version=expected_version(if_match), source=f"api ({actor.name})"
    )
    record(session, actor, action="delete", resource="supplier", resource_id=siret)
    return Response(status_code=204)

