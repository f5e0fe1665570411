"""Documents API: the .docx of chosen clauses (standalone or in the officer's template), and the log."""

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Response, UploadFile
from pydantic import BaseModel, ValidationError, field_validator

from app.audit.service import record
from app.auth.dependencies import Actor, ReaderDep
from app.db import SessionDep
from app.documents import service
from app.documents.builder import MAX_TEMPLATE_BYTES
from app.documents.models import DocumentIn, GeneratedDocument
from app.errors import InvalidInput, PayloadTooLarge, describe_validation_errors
from app.paging import Limit, Offset

router = APIRouter(prefix="/api/v1", tags=["documents"])
DOCX_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {service.DOCX_MEDIA_TYPE: {}}, "description": "Le document Word (.docx)."}
}


class DocumentOut(BaseModel):
    """A generated document as the log shows it."""

    id: int
    created_at: dt.datetime
    reference: str
    title: str
    buyer: str
    buyer_siret: str | None
    tender_object: str
    clauses: list[dict[str, Any]]
    sha256: str
    size: int
    template_used: bool
    template_sha256: str | None
    draft: bool
    created_by: str

    @field_validator("created_at")
    @classmethod
    def _utc(cls, value: dt.datetime) -> dt.datetime:
        # SQLite hands timestamps back without their zone; they were stored as UTC.
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


class DocumentPage(BaseModel):
    items: list[DocumentOut]
    total: int


def _docx_response(session: SessionDep, actor: Actor, row: GeneratedDocument, content: bytes) -> Response:
    record(
        session, actor, action="create", resource="document", resource_id=row.id,
        after={"reference": row.reference, "clauses": row.clauses, "sha256": row.sha256},
    )
    filename = service.document_filename(row.reference)
    return Response(
        content=content,
        media_type=service.DOCX_MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "X-Document-Id": str(row.id)},
    )


@router.post("/documents", response_class=Response, responses=DOCX_RESPONSE)
def create_document(body: DocumentIn, session: SessionDep, actor: ReaderDep) -> Response:
    """The .docx of the chosen clauses, values filled in; 404/422 name each unknown clause or bad value."""
    row, content = service.generate_document(session=session, request=body, author=actor.name)
    return _docx_response(session, actor, row, content)


@router.post("/documents/with-template", response_class=Response, responses=DOCX_RESPONSE)
def create_document_with_template(
    session: SessionDep,
    actor: ReaderDep,
    template: Annotated[UploadFile, File(description="Modèle .docx contenant un paragraphe {{CLAUSES}}")],
    data: Annotated[str, Form(description="La même requête JSON que POST /api/v1/documents")],
) -> Response:
    """The chosen clauses inserted in the officer's template in place of its ``{{CLAUSES}}`` paragraph."""
    content = template.file.read(MAX_TEMPLATE_BYTES + 1)
    if len(content) > MAX_TEMPLATE_BYTES:
        raise PayloadTooLarge(f"Le modèle dépasse la taille maximale de {MAX_TEMPLATE_BYTES // (1024 * 1024)} Mo.")
    try:
        request = DocumentIn.model_validate_json(data)
    except ValidationError as exc:
        errors = describe_validation_errors(list(exc.errors()))
        for error in errors:
            error["field"] = f"data.{error['field']}" if error["field"] else "data"
        raise InvalidInput(
            "Champ data invalide : " + "; ".join(f"{e['field']} : {e['message']}" for e in errors), errors=errors
        ) from None
    row, docx = service.generate_document(session=session, request=request, author=actor.name, template=content)
    return _docx_response(session, actor, row, docx)


@router.get("/documents", response_model=DocumentPage)
def list_documents(
    session: SessionDep,
    limit: Limit = 50,
    offset: Offset = 0,
) -> DocumentPage:
    """Generated documents, newest first: when, clauses and versions, hash of the file."""
    rows, total = service.list_documents(session=session, limit=limit, offset=offset)
    return DocumentPage(items=[DocumentOut.model_validate(row, from_attributes=True) for row in rows], total=total)
