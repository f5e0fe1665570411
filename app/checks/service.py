"""Check use-case: read the upload, run the matching core on the contract, build the findings."""

from functools import lru_cache
from pathlib import Path

from sqlmodel import Session

from app.checks import comments
from app.checks.check import Given, check_draft
from app.checks.findings import CheckResult
from app.checks.reader import Draft, read_draft
from app.clauses.references import Registry, read_references
from app.clauses.service import current_clauses
from app.config import Settings
from app.documents.builder import TemplateError, TemplateTooLarge
from app.documents.service import document_filename, today
from app.errors import AppError, InvalidInput, PayloadTooLarge
from app.matching.matcher import match
from app.matching.service import library_index


@lru_cache(maxsize=4)
def registry(directory: Path) -> Registry:
    """The legal references registry of ``directory``, read once per process."""
    return read_references(directory)


def _problem(exc: TemplateError) -> AppError:
    return PayloadTooLarge(str(exc)) if isinstance(exc, TemplateTooLarge) else InvalidInput(str(exc))


def read_upload(data: bytes, *, filename: str) -> Draft:
    """The uploaded draft, or a French 413/422 saying why it is refused."""
    if not data:
        raise InvalidInput("Le fichier envoyé est vide : choisissez un projet .docx ou PDF.")
    try:
        return read_draft(data, filename=filename)
    except TemplateError as exc:
        raise _problem(exc) from None


def check_upload(
    *, session: Session, settings: Settings, data: bytes, filename: str, given: Given
) -> tuple[Draft, CheckResult]:
    """The findings on an uploaded draft (RC, CCAP, CCTP or a whole consultation file)."""
    draft = read_upload(data, filename=filename)
    index = library_index(session=session, settings=settings)
    library = {doc.id: doc for doc in current_clauses(session=session)}
    result = check_draft(draft, given=given, library=library, registry=registry(settings.REFERENCES_DIR),
                         matcher=lambda query: match(index, query), today=today())
    return draft, result


def commented_draft(data: bytes, result: CheckResult) -> bytes:
    """The .docx draft with the findings of ``result`` as Word comments; 422 when it cannot be written."""
    try:
        return comments.commented_draft(data, result)
    except TemplateError as exc:
        raise _problem(exc) from None


def commented_upload(
    *, session: Session, settings: Settings, data: bytes, filename: str, given: Given
) -> tuple[CheckResult, bytes]:
    """The findings and the .docx draft with them as Word comments (Word drafts only)."""
    draft, result = check_upload(session=session, settings=settings, data=data, filename=filename, given=given)
    if draft.source != "docx":
        raise InvalidInput("Le projet commenté n'est produit que pour un fichier Word (.docx) : le PDF a été "
                           "vérifié, mais ses commentaires ne peuvent être ajoutés qu'à un document Word.")
    return result, commented_draft(data, result)


def commented_filename(filename: str) -> str:
    """``<name>-commente.docx`` in plain ASCII."""
    stem = Path(filename or "projet").stem
    return document_filename(stem).removeprefix("clauses-").removesuffix(".docx") + "-commente.docx"
