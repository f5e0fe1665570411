"""Document use-cases: resolve the clauses (with the buyer profile's defaults), check their values, build the
.docx (with the profile's name and logo), record it."""

import hashlib
import re
import unicodedata
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, func, select

from app.buyers.service import get_buyer
from app.clauses.library import ClauseDoc
from app.clauses.models import ClauseVersion
from app.clauses.service import get_version, invalid_values, to_doc, unknown_clause_message
from app.clauses.values import render_text, resolve_values
from app.config import LOCAL_TIMEZONE
from app.documents.builder import (
    DEFAULT_TITLE,
    DocumentMeta,
    Evidence,
    RenderedClause,
    TemplateError,
    TemplateTooLarge,
    build_document,
    check_template,
    clean_text,
)
from app.documents.models import ClauseChoice, DocumentIn, GeneratedDocument
from app.errors import AppError, InvalidInput, NotFound, PayloadTooLarge

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def today() -> date:
    """Today in France."""
    return datetime.now(LOCAL_TIMEZONE).date()


def rendered_clause(doc: ClauseDoc, text: str, lot: str = "") -> RenderedClause:
    """What the builder needs of a clause whose text is already filled in (for ``lot``, "" for every lot)."""
    return RenderedClause(
        id=doc.id, title=doc.title, kind=doc.kind, document=doc.document, text=text,
        legal_basis=tuple(doc.legal_basis),
        verification=tuple(Evidence(item.evidence, item.when) for item in doc.verification), lot=lot,
    )


# Letters NFKD does not decompose, spelled out rather than dropped (« cœur » is « coeur », never « cur »).
_SPELLED_OUT = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})
FILENAME_LENGTH = 80


def document_filename(reference: str, prefix: str = "clauses") -> str:
    """``<prefix>-<reference>.docx`` in plain ASCII, cut between words (today's date when there is no usable
    reference)."""
    spelled = unicodedata.normalize("NFKD", reference.translate(_SPELLED_OUT))
    ascii_reference = spelled.encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_reference).strip("-._")
    if len(slug) > FILENAME_LENGTH:
        cut = slug[:FILENAME_LENGTH + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut[:FILENAME_LENGTH]
    slug = slug.strip("-._")
    return f"{prefix}-{slug or today().isoformat()}.docx"


def with_required(*, session: Session, choices: list[ClauseChoice]) -> list[ClauseChoice]:
    """``choices`` and, after them, every clause they require (``requires:``, transitively) that is not chosen:
    a document never refers to an article it does not contain. Added clauses take their default values."""
    chosen = {choice.id for choice in choices}
    result = list(choices)
    pending = list(choices)
    while pending:
        choice = pending.pop(0)
        try:
            doc = to_doc(get_version(session=session, clause_id=choice.id, version=choice.version))
        except NotFound:
            continue  # reported by _resolve
        for required in doc.requires:
            if required not in chosen:
                chosen.add(required)
                added = ClauseChoice(id=required)
                result.append(added)
                pending.append(added)
    return result


def _resolve(
    *, session: Session, request: DocumentIn, defaults: dict[str, Any]
) -> list[tuple[ClauseVersion, RenderedClause]]:
    """Each requested clause version and the clauses they require, rendered (the buyer's ``defaults`` fill the
    variables the request leaves out); 404 naming unknown clauses, 422 naming every bad value."""
    seen: set[tuple[str, str]] = set()
    missing: list[NotFound] = []
    refused: list[dict[str, Any]] = []
    failures: list[InvalidInput] = []
    resolved: list[tuple[ClauseVersion, RenderedClause]] = []
    for choice in with_required(session=session, choices=request.clauses):
        if (choice.id, choice.lot) in seen:
            refused.append({"clause_id": choice.id, "message": "clause demandée plusieurs fois"})
            continue
        seen.add((choice.id, choice.lot))
        try:
            row = get_version(session=session, clause_id=choice.id, version=choice.version)
        except NotFound as exc:
            missing.append(exc)
            continue
        if row.status == "retired" and choice.version is None:
            refused.append({"clause_id": choice.id, "message": "clause retirée de la bibliothèque"})
            continue
        doc = to_doc(row)
        values = {name: value for name, value in defaults.items() if name in doc.variables} | choice.variables
        formatted, problems = resolve_values(doc, values, draft=request.draft)
        if problems:
            failures.append(invalid_values(doc, problems))
            continue
        resolved.append((row, rendered_clause(doc, render_text(doc, formatted), choice.lot)))
    # One answer listing every problem: unknown clauses, refused ones and bad values together.
    refused = [
        {"clause_id": exc.extra["clause_id"],
         "message": f"version {exc.extra['version']} inconnue" if "version" in exc.extra
         else unknown_clause_message(session=session, clause_id=exc.extra["clause_id"])}
        for exc in missing
    ] + refused
    details = []
    if refused:
        listed = "; ".join(f"« {item['clause_id']} » : {item['message']}" for item in refused)
        details.append(f"Clauses refusées : {listed}.")
    details.extend(failure.detail for failure in failures)
    if details:
        raise InvalidInput(
            " ".join(details), errors=refused + [error for failure in failures for error in failure.extra["errors"]]
        )
    return resolved


def _template_problem(exc: TemplateError) -> AppError:
    if isinstance(exc, TemplateTooLarge):
        return PayloadTooLarge(str(exc))
    return InvalidInput(str(exc))


def generate_document(
    *, session: Session, request: DocumentIn, author: str, template: bytes | None = None
) -> tuple[GeneratedDocument, bytes]:
    """Build the .docx of ``request`` (in ``template`` when given) and record it."""
    if template is not None:
        try:
            template = check_template(template)  # before any database work: the cheap refusal first
        except TemplateError as exc:
            raise _template_problem(exc) from None
    profile = None if request.buyer_siret is None else get_buyer(session=session, siret=request.buyer_siret)
    resolved = _resolve(session=session, request=request, defaults=profile.defaults if profile else {})
    meta = DocumentMeta(
        title=clean_text(request.title or "").strip() or DEFAULT_TITLE,
        buyer=clean_text(request.buyer or (profile.name if profile else None) or "").strip(),
        logo=profile.logo if profile else None,
        tender_object=clean_text(request.tender_object or "").strip(),
        reference=clean_text(request.reference or "").strip(),
        date=request.date or today(),
        draft=request.draft,
        notes=request.notes,
    )
    try:
        content = build_document(meta, [clause for _, clause in resolved], template=template)
    except TemplateError as exc:
        raise _template_problem(exc) from None
    record = GeneratedDocument(
        reference=meta.reference, title=meta.title, buyer=meta.buyer, buyer_siret=request.buyer_siret,
        tender_object=meta.tender_object,
        clauses=[{"id": row.clause_id, "version": row.version} | ({"lot": clause.lot} if clause.lot else {})
                 for row, clause in resolved],
        sha256=hashlib.sha256(content).hexdigest(), size=len(content),
        template_used=template is not None,
        template_sha256=hashlib.sha256(template).hexdigest() if template is not None else None,
        draft=request.draft, created_by=author,
    )
    session.add(record)
    session.commit()
    session.refresh(record)
    return record, content


def list_documents(*, session: Session, limit: int = 50, offset: int = 0) -> tuple[list[GeneratedDocument], int]:
    """Generated documents, newest first, and their total number."""
    total = session.exec(select(func.count()).select_from(GeneratedDocument)).one()
    query = (
        select(GeneratedDocument)
        .order_by(col(GeneratedDocument.created_at).desc(), col(GeneratedDocument.id).desc())
        .offset(offset)
        .limit(limit)
    )
    return list(session.exec(query).all()), int(total)
