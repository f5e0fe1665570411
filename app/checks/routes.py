"""Checks API: upload a draft, get its findings (JSON) or the draft with them as Word comments (.docx)."""

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Request, Response, UploadFile
from pydantic import BaseModel

from app.auth.dependencies import ReaderDep
from app.checks import service
from app.checks.check import Given
from app.checks.findings import CheckResult
from app.clauses.library import Nature
from app.db import SessionDep
from app.documents.builder import MAX_TEMPLATE_BYTES
from app.documents.service import DOCX_MEDIA_TYPE
from app.errors import InvalidInput, PayloadTooLarge
from app.matching.cpv import InvalidCpv, parse_code

router = APIRouter(prefix="/api/v1", tags=["checks"])


class LocationOut(BaseModel):
    part: str | None
    article: str | None
    heading: str | None
    paragraph: int | None
    where: str
    excerpt: str
    label: str


class ClauseOut(BaseModel):
    id: str
    version: int
    title: str
    kind: str
    document: str


class FindingOut(BaseModel):
    """One finding: what, where, how severe, on what rule and source, how to fix, which clauses."""

    category: Literal["manquant", "obsolete", "risque", "present"]
    rule: str
    severity: Literal["haute", "moyenne", "faible", "info"]
    title: str
    message: str
    fix: str
    sources: list[str]
    certainty: Literal["verified", "to-check"]
    location: LocationOut | None
    clauses: list[ClauseOut]
    reference: str | None
    replaced_by: list[str]
    decp: str | None


class FactsOut(BaseModel):
    object: str
    amount_eur: float | None
    cpv: list[str]
    nature: str | None
    launch_date: dt.date
    origin: dict[str, str]
    procurement: str | None


class CheckOut(BaseModel):
    """The findings on a draft (most severe first), the facts used and the DECP values to declare."""

    source: str
    parts: list[str]
    paragraphs: int
    facts: FactsOut
    counts: dict[str, int]
    findings: list[FindingOut]
    decp: dict[str, list[str]]
    obligations: list[str]

    @classmethod
    def of(cls, result: CheckResult) -> "CheckOut":
        findings = []
        for finding in result.findings:
            data: dict[str, Any] = {**finding.__dict__, "clauses": [c.__dict__ for c in finding.clauses]}
            location = finding.location
            data["location"] = {**location.__dict__, "label": location.label()} if location else None
            findings.append(FindingOut.model_validate(data))
        return cls(
            source=result.source, parts=result.parts, paragraphs=result.paragraphs,
            facts=FactsOut.model_validate(result.facts.__dict__),
            counts={category: result.count(category) for category in ("manquant", "obsolete", "risque", "present")},
            findings=findings, decp=result.decp, obligations=result.obligations,
        )


def upload_bytes(upload: UploadFile) -> bytes:
    """The uploaded file, refused beyond the size limit without reading it all."""
    content = upload.file.read(MAX_TEMPLATE_BYTES + 1)
    if len(content) > MAX_TEMPLATE_BYTES:
        raise PayloadTooLarge(f"Le projet dépasse la taille maximale de {MAX_TEMPLATE_BYTES // (1024 * 1024)} Mo.")
    return content


def given_facts(amount_eur: float | None, cpv: str | None, nature: Nature | None, date: dt.date | None) -> Given:
    """The facts typed next to the upload; 422 naming a bad CPV code."""
    codes = []
    for raw in (cpv or "").replace(";", ",").split(","):
        if raw.strip():
            try:
                codes.append(parse_code(raw))
            except InvalidCpv as exc:
                raise InvalidInput(f"cpv : {exc}", errors=[{"field": "cpv", "message": str(exc)}]) from None
    return Given(amount_eur=amount_eur, cpv=tuple(codes), nature=nature, launch_date=date)


File_ = Annotated[UploadFile, File(description="Projet de pièce : .docx (ou .dotx) ou PDF avec couche texte")]
Amount = Annotated[float | None, Form(ge=0, allow_inf_nan=False, description="Montant estimé en € HT")]
Cpv = Annotated[str | None, Form(max_length=200, description="Codes CPV séparés par des virgules")]
NatureForm = Annotated[Nature | None, Form(description="travaux, fournitures ou services")]
Launch = Annotated[dt.date | None, Form(description="Date de lancement (sinon lue dans le projet, ou aujourd'hui)")]


@router.post("/checks", response_model=CheckOut)
def create_check(
    request: Request, session: SessionDep, actor: ReaderDep, file: File_, amount_eur: Amount = None, cpv: Cpv = None,
    nature: NatureForm = None, date: Launch = None,
) -> CheckOut:
    """Vérifier un projet : considérations manquantes, références périmées, rédactions risquées, clauses présentes."""
    _draft, result = service.check_upload(
        session=session, settings=request.app.state.settings, data=upload_bytes(file), filename=file.filename or "",
        given=given_facts(amount_eur, cpv, nature, date),
    )
    return CheckOut.of(result)


@router.post("/checks/docx", response_class=Response,
             responses={200: {"content": {DOCX_MEDIA_TYPE: {}}, "description": "Le projet commenté (.docx)."}})
def create_commented_draft(
    request: Request, session: SessionDep, actor: ReaderDep, file: File_, amount_eur: Amount = None, cpv: Cpv = None,
    nature: NatureForm = None, date: Launch = None,
) -> Response:
    """Le projet Word rendu avec les constats en commentaires ancrés à leurs paragraphes."""
    name = file.filename or "projet.docx"
    _result, content = service.commented_upload(
        session=session, settings=request.app.state.settings, data=upload_bytes(file), filename=name,
        given=given_facts(amount_eur, cpv, nature, date),
    )
    filename = service.commented_filename(name)
    return Response(content=content, media_type=DOCX_MEDIA_TYPE,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
