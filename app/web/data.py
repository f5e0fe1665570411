"""The data pages: import DECP files and supplier files with their progress and line errors, the history of
imports and their undoing, the demonstration data, and the buyer profiles.

Reading is open like every page; importing, undoing, removing the demo and editing buyers need an officer
identified by the intranet's proxy (or ``CLAUSIER_LOCAL_OFFICER`` on a single-user install).
"""

import shutil
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any, Final, Literal

from fastapi import Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from pydantic import ValidationError
from sqlmodel import Session
from starlette.datastructures import FormData, UploadFile

from app.audit.service import record
from app.auth.dependencies import Actor, EditorDep
from app.bootstrap import describe_database
from app.buyers import service as buyers
from app.buyers.models import KINDS as BUYER_KINDS
from app.buyers.models import Buyer, BuyerCreate, BuyerIn
from app.db import SessionDep
from app.demo.service import demo_status, kept_sentence, remove_demo
from app.errors import AppError, Conflict, NotFound, PreconditionFailed, describe_validation_errors
from app.french import plural
from app.purchases import history as purchase_imports
from app.purchases.importer import FORMAT_LABELS
from app.purchases.service import import_purchases
from app.suppliers import transfer as supplier_imports
from app.suppliers.importer import COLUMNS, REQUIRED
from app.undo import ImportRow
from app.web.forms import name_values, stored_value
from app.web.jobs import ImportJob, ImportJobs
from app.web.pages import FormDep, ReaderDep, page_router, render

router = page_router()
ImportKind = Literal["marches", "fournisseurs"]
KIND_LABELS: Final[dict[str, str]] = {"marches": "Marchés", "fournisseurs": "Fournisseurs"}
HISTORY_SIZE: Final = 30
# The import columns as the help of the supplier form lists them: name, other headers accepted, required.
IMPORT_COLUMNS = [(name, aliases, name in REQUIRED) for name, (_, aliases) in COLUMNS.items()]
BUYER_LABELS = {"siret": "SIRET", "name": "Nom", "kind": "Type d'acheteur", "parent_siret": "Groupement",
                "annual_volume_eur": "Volume annuel d'achats", "defaults": "Valeurs par défaut", "logo": "Logo"}


def import_jobs(request: Request) -> ImportJobs:
    """The import jobs of this server."""
    jobs: ImportJobs = request.app.state.import_jobs
    return jobs


def _history(session: Session) -> list[tuple[ImportKind, ImportRow]]:
    """The latest imports of both kinds, newest first."""
    rows: list[tuple[ImportKind, ImportRow]] = [
        ("marches", row) for row in purchase_imports.list_imports(session=session, limit=HISTORY_SIZE)[0]
    ] + [("fournisseurs", row) for row in supplier_imports.list_imports(session=session, limit=HISTORY_SIZE)[0]]
    return sorted(rows, key=lambda item: item[1].imported_at, reverse=True)[:HISTORY_SIZE]


def data_page(
    request: Request, session: Session, actor: Actor, *, error: str | None = None, notice: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """The data page: database, demo, DECP import form, history of imports."""
    return render(request, "data.html", {
        "title": "Données", "database": describe_database(request.app.state.engine),
        "demo": demo_status(session=session), "history": _history(session), "can_write": actor.has_role("editor"),
        "error": error, "notice": notice, "kind_labels": KIND_LABELS,
    }, status_code=status_code)


NOTICES = {
    "demo": "Les données de démonstration ont été retirées.",
    "annule": "L'import a été annulé : les données sont revenues à leur état d'avant l'import.",
}


@router.get("/donnees")
def data(
    request: Request, session: SessionDep, actor: ReaderDep, fait: Annotated[str, Query(max_length=20)] = "",
) -> HTMLResponse:
    """Where the data lives and what it holds; importing, the history of imports, the demonstration data."""
    return data_page(request, session, actor, notice=NOTICES.get(fait))


# ---- imports with progress ----------------------------------------------------------------------


def _upload(form: FormData) -> UploadFile | None:
    upload = form.get("fichier")
    return upload if isinstance(upload, UploadFile) and upload.filename else None


def _spooled(upload: UploadFile) -> Path:
    """The uploaded file copied to a temporary file the import thread reads (the upload closes with the request)."""
    with tempfile.NamedTemporaryFile(prefix="clausier-import-", delete=False) as handle:
        shutil.copyfileobj(upload.file, handle, length=1 << 20)
        return Path(handle.name)


def _start(request: Request, kind: ImportKind, upload: UploadFile, actor: Actor, options: dict[str, bool]) -> str:
    path = _spooled(upload)
    filename = Path(upload.filename or "import").name[:200]
    job = ImportJob(kind=kind, filename=filename, unit="octets" if kind == "marches" else "lignes",
                    total=path.stat().st_size if kind == "marches" else 0)
    engine = request.app.state.engine

    def work(job: ImportJob) -> None:
        try:
            if kind == "marches":
                _import_purchases(engine, job, path, actor, skip_invalid=options["ignorer"])
            else:
                _import_suppliers(engine, job, path, actor, dry_run=options["verifier"])
        except AppError as exc:
            job.error = exc.detail
            job.errors = list(exc.extra.get("errors", []))
            job.error_count = int(exc.extra.get("error_count", len(job.errors)))
        finally:
            path.unlink(missing_ok=True)

    import_jobs(request).start(job, work)
    return job.id


def _import_purchases(engine: Any, job: ImportJob, path: Path, actor: Actor, *, skip_invalid: bool) -> None:
    with Session(engine) as session, path.open("rb") as stream:
        report = import_purchases(session=session, stream=stream, filename=job.filename, actor=actor.name,
                                  skip_invalid=skip_invalid, on_progress=job.progress)
        outcome = {key: value for key, value in report.as_dict().items() if key != "errors"}
        record(session, actor, action="import", resource="purchase", resource_id=job.filename, after=outcome)
    job.outcome = outcome | {"format_label": FORMAT_LABELS[report.format], "errors": report.as_dict()["errors"]}


def _import_suppliers(engine: Any, job: ImportJob, path: Path, actor: Actor, *, dry_run: bool) -> None:
    report = supplier_imports.import_suppliers(
        engine=engine, data=path.read_bytes(), filename=job.filename, actor=actor.name, dry_run=dry_run,
        source=f"import:{job.filename} ({actor.name})", on_progress=job.progress,
    )
    if report.errors_total:
        job.error = f"Fichier refusé : {plural(report.errors_total, 'erreur')}, rien n'a été enregistré."
        job.errors = [issue.model_dump() for issue in report.errors]
        job.error_count = report.errors_total
    elif report.written:
        with Session(engine) as session:
            record(session, actor, action="import", resource="supplier", resource_id=job.filename,
                   after={"created": report.created, "updated": report.updated, "unchanged": report.unchanged})
    job.outcome = report.model_dump(mode="json")


@router.post("/donnees/import")
def import_purchase_file(request: Request, session: SessionDep, form: FormDep, actor: EditorDep) -> Any:
    """Start importing a DECP file (JSON 2024 or 2019, consolidated CSV) or a ledger CSV; its page follows it."""
    upload = _upload(form)
    if upload is None:
        return data_page(request, session, actor, status_code=422,
                         error="Choisissez un fichier DECP (JSON ou CSV) ou un registre des achats (CSV) à importer.")
    job_id = _start(request, "marches", upload, actor, {"ignorer": form.get("ignorer") == "1"})
    return RedirectResponse(f"/donnees/import/{job_id}", status_code=303)


@router.get("/fournisseurs/import")
def supplier_import_page(request: Request, actor: ReaderDep) -> HTMLResponse:
    """The CSV/.xlsx import form of the supplier registry, with the columns it recognises."""
    return render(request, "import.html", {"title": "Importer des fournisseurs", "can_import": actor.has_role("editor"),
                                           "columns": IMPORT_COLUMNS, "error": None, "dry_run": False})


@router.post("/fournisseurs/import")
def import_supplier_file(request: Request, form: FormDep, actor: EditorDep) -> Any:
    """Start importing a registry file (all rows or none); its page follows it and shows the line errors."""
    upload = _upload(form)
    dry_run = form.get("verifier") == "1"
    if upload is None:
        return render(request, "import.html", {
            "title": "Importer des fournisseurs", "can_import": True, "columns": IMPORT_COLUMNS, "dry_run": dry_run,
            "error": "Choisissez un fichier CSV ou Excel (.xlsx) à importer.",
        }, status_code=422)
    job_id = _start(request, "fournisseurs", upload, actor, {"verifier": dry_run})
    return RedirectResponse(f"/donnees/import/{job_id}", status_code=303)


def _job(request: Request, job_id: str) -> ImportJob:
    job = import_jobs(request).get(job_id)
    if job is None:
        raise NotFound("Import inconnu ou oublié depuis le redémarrage du serveur : retrouvez-le dans l'historique "
                       "des imports.")
    return job


@router.get("/donnees/import/{job_id}.json", response_model=None)
def job_progress(request: Request, job_id: str, _: ReaderDep) -> JSONResponse:
    """How far an import got (polled by the page's script)."""
    return JSONResponse(_job(request, job_id).as_dict(), headers={"Cache-Control": "no-store"})


@router.get("/donnees/import/{job_id}")
def job_page(request: Request, job_id: str, _: ReaderDep) -> HTMLResponse:
    """An import in progress (the page refreshes itself), then its report: counts or the refused lines."""
    job = replace(_job(request, job_id))  # one state for the status and the page: the import goes on meanwhile
    status = 422 if job.finished and job.error else 200
    return render(request, "import_job.html", {"title": f"Import de {job.filename}", "job": job,
                                               "kind_labels": KIND_LABELS}, status_code=status)


# ---- undoing an import --------------------------------------------------------------------------


def _record_of(session: Session, kind: ImportKind, import_id: int) -> ImportRow:
    if kind == "marches":
        return purchase_imports.get_import(session=session, import_id=import_id)
    return supplier_imports.get_import(session=session, import_id=import_id)


def _undo_page(request: Request, kind: ImportKind, row: ImportRow, *, error: str | None = None,
               status_code: int = 200) -> HTMLResponse:
    return render(request, "undo.html", {
        "title": f"Annuler l'import n° {row.id}", "kind": kind, "row": row, "error": error,
        "kind_labels": KIND_LABELS,
    }, status_code=status_code)


@router.get("/donnees/imports/{kind}/{import_id}/annuler")
def undo_confirmation(
    request: Request, kind: ImportKind, import_id: int, session: SessionDep, _: EditorDep
) -> HTMLResponse:
    """What undoing an import will do, and the button that does it."""
    return _undo_page(request, kind, _record_of(session, kind, import_id))


@router.post("/donnees/imports/{kind}/{import_id}/annuler", response_model=None)
def undo(
    request: Request, kind: ImportKind, import_id: int, session: SessionDep, actor: EditorDep
) -> HTMLResponse | RedirectResponse:
    """Undo an import (all or nothing, audited); refused with the reason when later changes depend on it."""
    try:
        if kind == "marches":
            purchase_imports.undo_import(session=session, import_id=import_id, actor=actor)
        else:
            supplier_imports.undo_import(session=session, import_id=import_id, actor=actor)
    except Conflict as exc:
        return _undo_page(request, kind, _record_of(session, kind, import_id), error=exc.detail, status_code=409)
    return RedirectResponse("/donnees?fait=annule", status_code=303)


# ---- demonstration data -------------------------------------------------------------------------


@router.post("/donnees/demonstration/retirer", response_model=None)
def remove_demonstration(
    request: Request, session: SessionDep, form: FormDep, actor: EditorDep
) -> HTMLResponse | RedirectResponse:
    """Remove every demonstration row, once the officer has ticked the confirmation."""
    if form.get("confirmer") != "1":
        return data_page(request, session, actor, status_code=422,
                         error="Cochez la case de confirmation pour retirer les données de démonstration.")
    removed = remove_demo(session=session, actor=actor)
    if removed.buyers_kept:  # said on the page itself: the names do not fit a redirect's notice
        return data_page(request, session, actor, notice=f"{NOTICES['demo']} {kept_sentence(removed)}")
    return RedirectResponse("/donnees?fait=demo", status_code=303)


# ---- buyer profiles -----------------------------------------------------------------------------


@router.get("/donnees/acheteurs")
def buyer_list(request: Request, session: SessionDep, actor: ReaderDep) -> HTMLResponse:
    """The buyer profiles: named ones by name, then those an import created without a name."""
    rows, total = buyers.list_buyers(session=session, limit=1000)
    names = {row.siret: buyers.display_name(row) for row in rows}
    return render(request, "buyers.html", {
        "title": "Acheteurs", "buyers": rows, "total": total, "names": names, "kinds": BUYER_KINDS,
        "can_write": actor.has_role("editor"),
    })


def _buyer_form(
    request: Request, session: Session, *, buyer: Buyer | None, values: dict[str, Any],
    errors: dict[str, str] | None = None, status_code: int = 200,
) -> HTMLResponse:
    others = [row for row in buyers.list_buyers(session=session, limit=1000)[0]
              if buyer is None or row.siret != buyer.siret]
    title = f"Acheteur : {buyers.display_name(buyer)}" if buyer else "Nouvel acheteur"
    return render(request, "buyer.html", {
        "title": title, "buyer": buyer, "values": values, "errors": errors or {}, "labels": BUYER_LABELS,
        "kinds": BUYER_KINDS, "groups": [(row.siret, buyers.display_name(row)) for row in others],
    }, status_code=status_code)


def _form_values(buyer: Buyer | None) -> dict[str, Any]:
    if buyer is None:
        return {"siret": "", "name": "", "kind": "", "parent_siret": "", "annual_volume_eur": "", "defaults": ""}
    return {
        "siret": buyer.siret, "name": buyer.name or "", "kind": buyer.kind or "",
        "parent_siret": buyer.parent_siret or "",
        "annual_volume_eur": "" if buyer.annual_volume_eur is None else str(buyer.annual_volume_eur),
        "defaults": "\n".join(f"{name} = {value}" for name, value in buyer.defaults.items()),
        "version": str(buyer.version),
    }


def _posted(form: FormData) -> dict[str, Any]:
    return {key: stored_value(form.get(key)).strip()
            for key in ("siret", "name", "kind", "parent_siret", "annual_volume_eur", "defaults", "version")}


def _profile(values: dict[str, Any]) -> dict[str, Any]:
    """The posted profile as the API takes it; ``InvalidInput`` naming the field for a malformed line."""
    defaults = name_values(values["defaults"], "defaults")
    volume = values["annual_volume_eur"].replace(" ", "").replace("\u202f", "").replace("\u00a0", "")
    return {"name": values["name"], "kind": values["kind"] or None, "parent_siret": values["parent_siret"] or None,
            "annual_volume_eur": volume or None, "defaults": defaults}


def _field_errors(exc: AppError | ValidationError) -> dict[str, str]:
    if isinstance(exc, ValidationError):
        items = describe_validation_errors(list(exc.errors()))
    else:
        items = exc.extra.get("errors") or [{"field": "", "message": exc.detail}]
    errors: dict[str, str] = {}
    for item in items:
        key, _, detail = str(item.get("field", "")).partition(".")  # "defaults.heures" names the variable
        errors.setdefault(key or "name", f"{detail} : {item['message']}" if detail else item["message"])
    return errors


def _logo(form: FormData) -> bytes | None:
    upload = form.get("logo")
    return upload.file.read() if isinstance(upload, UploadFile) and upload.filename else None


@router.get("/donnees/acheteurs/nouveau")
def new_buyer(request: Request, session: SessionDep, _: EditorDep) -> HTMLResponse:
    """The form of a new buyer profile."""
    return _buyer_form(request, session, buyer=None, values=_form_values(None))


@router.post("/donnees/acheteurs/nouveau", response_model=None)
def create_buyer(
    request: Request, session: SessionDep, form: FormDep, actor: EditorDep
) -> HTMLResponse | RedirectResponse:
    """Create a buyer profile; the errors are shown next to their fields."""
    values = _posted(form)
    try:
        buyer = buyers.create_buyer(session=session, data=BuyerCreate(siret=values["siret"], **_profile(values)))
        logo = _logo(form)
        if logo is not None:
            buyer = buyers.set_logo(session=session, siret=buyer.siret, content=logo, expected_version=buyer.version)
    except (AppError, ValidationError) as exc:
        session.rollback()
        return _buyer_form(request, session, buyer=None, values=values, errors=_field_errors(exc), status_code=422)
    record(session, actor, action="create", resource="buyer", resource_id=buyer.siret, after={"name": buyer.name})
    return RedirectResponse(f"/donnees/acheteurs/{buyer.siret}?fait=1", status_code=303)


@router.get("/donnees/acheteurs/{siret}")
def buyer_page(
    request: Request, siret: str, session: SessionDep, _: ReaderDep, fait: Annotated[str, Query(max_length=5)] = "",
) -> HTMLResponse:
    """A buyer profile and its form (name it, attach it to its group, set its defaults and logo)."""
    buyer = buyers.get_buyer(session=session, siret=siret)
    return _buyer_form(request, session, buyer=buyer, values=_form_values(buyer) | {"saved": bool(fait)})


@router.post("/donnees/acheteurs/{siret}", response_model=None)
def update_buyer(
    request: Request, siret: str, session: SessionDep, form: FormDep, actor: EditorDep
) -> HTMLResponse | RedirectResponse:
    """Save a buyer profile; refused (412) when someone saved it meanwhile."""
    buyer = buyers.get_buyer(session=session, siret=siret)
    values = _posted(form) | {"siret": buyer.siret}
    try:
        version = int(values["version"]) if values["version"].isdigit() else buyer.version
        buyer = buyers.update_buyer(session=session, siret=buyer.siret, data=BuyerIn(**_profile(values)),
                                    expected_version=version)
        logo = _logo(form)
        if logo is not None or form.get("retirer_logo") == "1":
            buyer = buyers.set_logo(session=session, siret=buyer.siret, content=logo, expected_version=buyer.version)
    except PreconditionFailed as exc:
        current = buyers.get_buyer(session=session, siret=siret)
        return _buyer_form(request, session, buyer=current, values=values | {"version": str(current.version)},
                           errors={"name": exc.detail}, status_code=412)
    except (AppError, ValidationError) as exc:
        session.rollback()
        current = buyers.get_buyer(session=session, siret=siret)
        return _buyer_form(request, session, buyer=current, values=values, errors=_field_errors(exc), status_code=422)
    record(session, actor, action="update", resource="buyer", resource_id=buyer.siret,
           after={"name": buyer.name, "version": buyer.version})
    return RedirectResponse(f"/donnees/acheteurs/{buyer.siret}?fait=1", status_code=303)
