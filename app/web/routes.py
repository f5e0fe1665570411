"""The officers' web pages (HTML only, French): prepare a tender's clauses, library, suppliers, report.

Every page works with plain form posts; ``static/clausier.js`` only adds comfort (live preview,
select/deselect). Domain work is done by the services of the other packages.
"""

import base64
import tempfile
import threading
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import quote

import matplotlib
from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from markupsafe import Markup
from sqlalchemy import extract
from sqlmodel import Session, select
from starlette.datastructures import FormData

from app.auth.dependencies import officer_name
from app.buyers import service as buyers
from app.buyers.models import Buyer
from app.buyers.service import display_name, list_buyers
from app.checks import service as checks
from app.checks.check import Given
from app.checks.findings import CATEGORY_LABELS, SEVERITIES, SEVERITY_LABELS, CheckResult
from app.clauses import service as clauses
from app.clauses.library import DOCUMENTS, KINDS, ClauseDoc
from app.clauses.themes import THEMES, THEMES_BY_ID
from app.clauses.values import ValueProblem, format_number
from app.counted import counted
from app.db import SessionDep
from app.documents import service as documents
from app.documents.models import MAX_CLAUSES, ClauseChoice, DocumentIn
from app.documents.service import with_required
from app.errors import InvalidInput, NotFound, PayloadTooLarge
from app.followup.guarantees import guarantees_of
from app.followup.models import GUARANTEE_KINDS
from app.followup.web import router as followup_pages
from app.labels import LABEL_CATEGORIES, LABELS
from app.matching.reading import object_lines
from app.purchases.history import PURCHASES
from app.reports import render as report_render
from app.reports.indicators import compute_indicators
from app.suppliers import reading as suppliers
from app.suppliers.labels import KINDS as SUPPLIER_KINDS
from app.web.data import router as data_router
from app.web.forms import (
    MAX_TENDER_TEXT,
    InsertionForm,
    TenderForm,
    VariableField,
    check_values,
    clause_values,
    field_name,
    preview,
    stored_value,
    variable_fields,
)
from app.web.jobs import ImportJobs
from app.web.pages import (
    TENDER_LABELS,
    WEB_DIR,
    FormDep,
    ReaderDep,
    error_page,
    page_router,
    render,
)
from app.web.proposals import match_tender, suggest_suppliers
from app.web.tenders import router as tenders_router

router = page_router()


def install_web(app: FastAPI) -> None:
    """Mount the pages and their static files on ``app``."""
    app.include_router(data_router)  # first: /fournisseurs/import before /fournisseurs/{siret}
    app.include_router(tenders_router)
    app.include_router(router)
    app.include_router(followup_pages)
    app.state.import_jobs = ImportJobs()
    app.mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static")
    app.state.html_error_page = error_page  # unknown pages and wrong methods, for browsers


def label_groups() -> list[tuple[str, str, list[str]]]:
    """Label filter choices: each category (any of its labels) then its labels."""
    return [(key, wording, [name for name, category in LABELS.items() if category == key])
            for key, wording in LABEL_CATEGORIES.items()]


# ---- Journey 1: prepare a tender's clauses ------------------------------------------------------


@router.get("/")
async def home(request: Request, _: ReaderDep) -> HTMLResponse:
    """The paste form: summary of the tender, CPV, amount, nature, launch date."""
    return render(request, "home.html", {"title": "Préparer les clauses d'un marché", "tender": TenderForm(),
                                         "labels": TENDER_LABELS})


Choice = tuple[str, int | None]
# The document fields of the variables page, carried back and forth with the tender.
DOCUMENT_FIELDS = ("reference", "acheteur", "acheteur_siret", "notes")
# Generated documents are attributed to the officer named by the intranet's proxy, else to this.
WEB_AUTHOR = "agent (web)"


def tender_form(form: Mapping[str, Any]) -> TenderForm:
    """The tender fields of a posted form."""
    return TenderForm.posted(form)


def chosen_clauses(form: FormData) -> list[Choice]:
    """The ticked clauses, ``id:version`` each, in order and without repeats."""
    choices: dict[str, int | None] = {}
    for raw in form.getlist("clause"):
        clause_id, _, version = stored_value(raw).partition(":")
        if clause_id and clause_id not in choices:
            choices[clause_id] = int(version) if version.isdigit() else None
    return list(choices.items())[:MAX_CLAUSES]


NO_CLAUSE = "Cochez au moins une clause pour continuer."


def proposals_page(
    request: Request, session: Session, form: FormData, *, selection_error: str | None = None
) -> HTMLResponse:
    """Step 2: obligations, clauses by theme (the best ones ticked), suppliers and advice."""
    tender = tender_form(form)
    parsed = tender.parse()
    if parsed is None:
        return render(request, "home.html", {"title": "Préparer les clauses d'un marché", "tender": tender,
                                             "labels": TENDER_LABELS}, status_code=422)
    chosen = chosen_clauses(form)
    profile = chosen_profile(session, form)
    match = match_tender(session=session, settings=request.app.state.settings, tender=parsed,
                         include=[clause_id for clause_id, _ in chosen], buyer=profile)
    ticked = {clause_id for clause_id, _ in chosen} if chosen or selection_error else match.recommended
    carried = {key: stored_value(value) for key, value in form.items()
               if key.startswith("v.") or key in DOCUMENT_FIELDS}
    sizing = match.insertion
    calculator = InsertionForm.posted({key: stored_value(value) for key, value in form.items()}) if sizing else None
    if sizing and (calculator is None or calculator.clause != sizing.clause_id):
        calculator = InsertionForm.proposed(sizing.clause_id, sizing.variable, sizing.amount_eur,
                                            sizing.labour_share.value, sizing.rate.value, sizing.hourly_cost_eur.value)
    amount = match.understood.amount_eur
    read = replace(parsed, amount_eur=Decimal(str(amount))) if amount is not None else parsed
    if read.cpv is None and match.inferred_cpv:  # the page shows « CPV déduit du texte »: the suppliers use it too
        read = replace(read, cpv=match.inferred_cpv[0])
    return render(request, "proposals.html", {
        "title": "Clauses proposées", "tender": tender, "parsed": parsed, "match": match, "ticked": ticked,
        "titles": {p.id: p.title for _, items in match.groups for p in items}, "calculator": calculator,
        "hours": calculator.hours() if calculator else None,
        "carried": carried, "selection_error": selection_error, "suggestions": suggest_suppliers(session, read),
        "profiles": profile_choices(session), "profile": profile,
    }, status_code=422 if selection_error else 200)


@router.get("/propositions")
async def proposals_without_tender() -> RedirectResponse:
    """The proposals need a tender: back to the form (a reload or a bookmark lands here)."""
    return RedirectResponse("/", status_code=303)


@router.post("/propositions")
def propose_clauses(request: Request, session: SessionDep, form: FormDep, _: ReaderDep) -> HTMLResponse:
    """Step 2: run the match for the tender typed on the home page."""
    return proposals_page(request, session, form)


@dataclass
class ClauseForm:
    """One chosen clause on the variables page: its fields, their errors, its preview."""

    doc: ClauseDoc
    version: int
    values: dict[str, str]  # as typed; empty on first display (the fields then show the defaults)
    fields: list[VariableField]
    preview: Markup
    problems: list[ValueProblem]
    required_by: list[str]  # titles of the ticked clauses that brought this one in (empty when ticked)


def clause_forms(session: Session, choices: list[Choice], form: Mapping[str, Any], *, check: bool) -> list[ClauseForm]:
    """The variables form of each chosen clause and of the clauses they require, values from ``form``
    (defaults on first display)."""
    posted = {key: stored_value(value) for key, value in form.items() if key.startswith("v.")}
    ticked = {clause_id for clause_id, _ in choices}
    calculator = InsertionForm.posted({key: stored_value(value) for key, value in form.items()})
    everything = with_required(session=session, choices=[ClauseChoice(id=c, version=v) for c, v in choices])
    result = []
    titles_by_requirement: dict[str, list[str]] = {}
    for choice in everything:
        row = clauses.get_version(session=session, clause_id=choice.id, version=choice.version)
        doc = clauses.to_doc(row)
        for required in doc.requires:
            titles_by_requirement.setdefault(required, []).append(doc.title)
        raw = clause_values(posted, doc.id) if any(k.startswith(f"v.{doc.id}.") for k in posted) else None
        if raw is None and calculator:  # first display: the hours of the calculator of the proposals page
            raw = calculator.values_for(doc)
        problems = check_values(doc, raw or {}) if check else []
        result.append(ClauseForm(
            doc=doc, version=row.version, values=raw or {}, fields=variable_fields(doc, raw, problems),
            preview=preview(doc, raw, clauses.required_titles(session=session, doc=doc)), problems=problems,
            required_by=[],
        ))
    for clause_form in result:
        if clause_form.doc.id not in ticked:
            clause_form.required_by = titles_by_requirement.get(clause_form.doc.id, [])
    return sorted(result, key=lambda c: DOCUMENTS.index(c.doc.document))


def profile_choices(session: Session) -> list[tuple[str, str]]:
    """The buyer profiles to choose from: SIRET and name."""
    return [(row.siret, display_name(row)) for row in list_buyers(session=session, limit=1000)[0]]


def chosen_profile(session: Session, form: Mapping[str, Any]) -> Buyer | None:
    """The buyer profile picked on the proposals or the variables page, if any."""
    siret = stored_value(form.get("acheteur_siret")).strip()
    return session.get(Buyer, siret) if siret.isdigit() and len(siret) == 14 else None


def profile_values(session: Session, choices: list[Choice], profile: Buyer) -> dict[str, str]:
    """The form fields the profile's defaults fill, for the chosen clauses that have those variables."""
    values: dict[str, str] = {}
    for clause_id, version in choices:
        doc = clauses.to_doc(clauses.get_version(session=session, clause_id=clause_id, version=version))
        values |= {field_name(doc.id, name): str(value) for name, value in profile.defaults.items()
                   if name in doc.variables}
    return values


def variables_page(
    request: Request, session: Session, form: Mapping[str, Any], choices: list[Choice], *, check: bool = False,
    template_error: str | None = None,
) -> HTMLResponse:
    """Step 3: the generated variables form with previews, and the download button."""
    tender = tender_form(form)
    forms = clause_forms(session, choices, form, check=check)
    errors = {f.id: f"{f.label} : {f.error}" for c in forms for f in c.fields if f.error}
    if template_error:
        errors["modele"] = f"Modèle Word : {template_error}"
    document = {key: stored_value(form.get(key)) for key in DOCUMENT_FIELDS}
    profiles = profile_choices(session)
    return render(request, "variables.html", {
        "title": "Compléter les clauses", "tender": tender, "forms": forms, "errors": errors,
        "document": document, "template_error": template_error, "profiles": profiles,
    }, status_code=422 if errors else 200)


@router.post("/variables")
def fill_variables(request: Request, session: SessionDep, form: FormDep, _: ReaderDep) -> HTMLResponse:
    """Step 3 (and its no-JavaScript preview refresh): fill in the variables of the ticked clauses; the
    "profile" button fills them with the chosen buyer profile's defaults."""
    choices = chosen_clauses(form)
    if not choices:
        return proposals_page(request, session, form, selection_error=NO_CLAUSE)
    profile = chosen_profile(session, form)
    if form.get("action") == "profil" and profile is not None:
        posted = dict(form.items()) | profile_values(session, choices, profile)
        if not stored_value(form.get("acheteur")).strip() and profile.name:
            posted["acheteur"] = profile.name
        return variables_page(request, session, posted, choices)
    return variables_page(request, session, form, choices)


@router.post("/apercu")
def preview_fragment(session: SessionDep, form: FormDep, _: ReaderDep) -> HTMLResponse:
    """The preview of one clause for the values typed so far (HTML fragment for the live preview)."""
    choices = chosen_clauses(form)
    if not choices:
        raise InvalidInput("Clause manquante.")
    clause_id, version = choices[0]
    doc = clauses.to_doc(clauses.get_version(session=session, clause_id=clause_id, version=version))
    posted = {key: stored_value(value) for key, value in form.items()}
    titles = clauses.required_titles(session=session, doc=doc)
    return HTMLResponse(preview(doc, clause_values(posted, doc.id), titles))


@router.post("/document", response_model=None)
def download_document(request: Request, session: SessionDep, form: FormDep, _: ReaderDep) -> Response:
    """Step 4: the .docx of the ticked clauses (in the officer's template when one is given)."""
    choices = chosen_clauses(form)
    if not choices:
        return proposals_page(request, session, form, selection_error=NO_CLAUSE)
    forms = clause_forms(session, choices, form, check=True)
    if any(c.problems for c in forms):
        return variables_page(request, session, form, choices, check=True)
    upload = form.get("modele")
    template = None
    if upload is not None and not isinstance(upload, str) and upload.filename:
        template = upload.file.read()
        if not template:
            return variables_page(request, session, form, choices, template_error="le fichier envoyé est vide.")
    tender = tender_form(form)
    parsed = tender.parse()
    reference = stored_value(form.get("reference")).strip()[:200]
    request_in = DocumentIn(
        tender_object=object_lines(parsed.text) if parsed else None, reference=reference or None,
        buyer=stored_value(form.get("acheteur")).strip()[:500] or None,
        buyer_siret=profile.siret if (profile := chosen_profile(session, form)) else None,
        clauses=[ClauseChoice(id=c.doc.id, version=c.version, variables=c.values) for c in forms],
        notes=bool(form.get("notes")),
    )
    try:
        _document, content = documents.generate_document(
            session=session, request=request_in, author=officer_name(request) or WEB_AUTHOR, template=template
        )
    except (InvalidInput, PayloadTooLarge) as exc:
        if template is None:
            raise
        return variables_page(request, session, form, choices, template_error=exc.detail)
    name = documents.document_filename(reference or tender.texte)
    return Response(content, media_type=documents.DOCX_MEDIA_TYPE, headers={
        "Content-Disposition": f"attachment; filename=\"{name}\"; filename*=UTF-8''{quote(name)}",
        "Cache-Control": "no-store",
    })


# ---- Journey 1 bis: check a draft ---------------------------------------------------------------

CHECK_LABELS = {"fichier": "Projet à vérifier", **TENDER_LABELS}
# Above this size the commented draft is not embedded in the results page (the second button returns it).
MAX_EMBEDDED_DOCX = 5 * 1024 * 1024


def check_page(request: Request, context: dict[str, Any], *, status_code: int = 200) -> HTMLResponse:
    """The upload form, with the findings of a checked draft when there is one."""
    base = {"title": "Vérifier un projet de pièce", "errors": {}, "values": {}, "result": None, "labels": CHECK_LABELS,
            "severity_labels": SEVERITY_LABELS, "category_labels": CATEGORY_LABELS}
    return render(request, "check.html", {**base, **context}, status_code=status_code)


@router.get("/verifier")
def check_form(request: Request, _: ReaderDep) -> HTMLResponse:
    """The upload form of a draft to check."""
    return check_page(request, {})


def _tender_of(result: CheckResult) -> TenderForm:
    """The tender the "ajouter la clause" buttons carry to the proposals page."""
    facts = result.facts
    return TenderForm(
        texte=" ".join(facts.object.split())[:MAX_TENDER_TEXT], cpv=facts.cpv[0] if facts.cpv else "",
        montant=format_number(facts.amount_eur) if facts.amount_eur is not None else "", nature=facts.nature or "",
        date_lancement=facts.launch_date.strftime("%d/%m/%Y"),
    )


@router.post("/verifier", response_model=None)
def check_upload(request: Request, session: SessionDep, form: FormDep, _: ReaderDep) -> Response:
    """Check the uploaded draft: findings grouped by severity, or the commented .docx."""
    values = {key: stored_value(form.get(key)) for key in ("montant", "cpv", "nature", "date_lancement")}
    details = TenderForm(texte="-", montant=values["montant"], cpv=values["cpv"], nature=values["nature"],
                         date_lancement=values["date_lancement"])
    cpv, amount, nature, launch = details.details()
    errors = dict(details.errors)
    upload = form.get("fichier")
    if upload is None or isinstance(upload, str) or not upload.filename:
        errors["fichier"] = "Choisissez le projet à vérifier (.docx ou PDF)."
    if errors:
        return check_page(request, {"errors": errors, "values": values}, status_code=422)
    assert upload is not None and not isinstance(upload, str)
    data, filename = upload.file.read(), Path(upload.filename or "projet.docx").name[:200]
    given = Given(amount_eur=float(amount) if amount is not None else None, cpv=(cpv,) if cpv else (), nature=nature,
                  launch_date=launch)
    wants_commented = form.get("action") == "commenter"
    try:
        draft, result = checks.check_upload(session=session, settings=request.app.state.settings, data=data,
                                            filename=filename, given=given)
        if wants_commented and draft.source == "docx":
            name = checks.commented_filename(filename)
            return Response(checks.commented_draft(data, result), media_type=documents.DOCX_MEDIA_TYPE, headers={
                "Content-Disposition": f"attachment; filename=\"{name}\"; filename*=UTF-8''{quote(name)}",
                "Cache-Control": "no-store",
            })
    except (InvalidInput, PayloadTooLarge) as exc:
        return check_page(request, {"errors": {"fichier": exc.detail}, "values": values}, status_code=exc.status)
    commented = None
    if draft.source == "docx" and len(data) <= MAX_EMBEDDED_DOCX:
        content = checks.commented_draft(data, result)
        commented = f"data:{documents.DOCX_MEDIA_TYPE};base64,{base64.b64encode(content).decode()}"
    groups = [(severity, [f for f in result.findings if f.severity == severity]) for severity in SEVERITIES]
    return check_page(request, {
        "values": values, "result": result, "filename": filename, "groups": [g for g in groups if g[1]],
        "tender": _tender_of(result), "commented": commented, "commented_name": checks.commented_filename(filename),
        "pdf_not_commented": wants_commented and draft.source != "docx",
    })


# ---- Journey 2: the clause library --------------------------------------------------------------


@router.get("/bibliotheque")
def library(
    request: Request, session: SessionDep, _: ReaderDep,
    theme: str = "", kind: Annotated[str, Query(alias="type")] = "", document: str = "", q: str = "",
) -> HTMLResponse:
    """Browse and search the clauses in force by theme, kind and document."""
    theme = theme if theme in THEMES_BY_ID else ""
    kind = kind if kind in KINDS else ""
    document = document if document in DOCUMENTS else ""
    q = " ".join(q.split())[:200]
    rows = clauses.search_clauses(
        session=session, theme=theme or None, kind=kind or None, document=document or None, q=q or None
    )
    groups: dict[str, list[Any]] = {}
    for _head, row in rows:
        main_theme = theme or clauses.to_doc(row).themes[0]
        groups.setdefault(main_theme, []).append(row)
    ordered = [(THEMES_BY_ID[t.id], groups[t.id]) for t in THEMES if t.id in groups]
    filters = {"theme": theme, "type": kind, "document": document, "q": q}
    return render(request, "library.html", {
        "title": "Bibliothèque de clauses", "groups": ordered, "total": len(rows), "filters": filters,
        "filtered": any(filters.values()), "kinds": KINDS, "documents": DOCUMENTS, "all_themes": THEMES,
    })


@router.get("/bibliotheque/{clause_id}")
def clause_page(
    request: Request, clause_id: str, session: SessionDep, _: ReaderDep, version: int | None = None
) -> HTMLResponse:
    """A clause: text, variables, legal basis, proof to ask for, versions."""
    row = clauses.get_version(session=session, clause_id=clause_id, version=version)
    versions = clauses.list_versions(session=session, clause_id=clause_id)
    current = clauses.get_version(session=session, clause_id=clause_id)
    doc = clauses.to_doc(row)
    titles = clauses.required_titles(session=session, doc=doc)
    return render(request, "clause.html", {
        "title": doc.title, "doc": doc, "row": row, "versions": list(reversed(versions)),
        "is_current": row.version == current.version, "current": current, "text": preview(doc, None, titles),
        "required": titles,
    })


# ---- Journey 3: suppliers -----------------------------------------------------------------------

SUPPLIER_PAGE_SIZE = 25
SUPPLIER_FILTER_LABELS = {"q": "Nom, activité ou SIRET", "type": "Type de structure", "label": "Label valide",
                          "cpv": "Activité (code CPV)", "departement": "Département", "commune": "Commune"}


@router.get("/fournisseurs")
def suppliers_page(
    request: Request, session: SessionDep, actor: ReaderDep,
    q: str = "", kind: Annotated[str, Query(alias="type")] = "", label: str = "", cpv: str = "",
    departement: str = "", commune: str = "", insertion: bool = False, page: Annotated[int, Query(ge=1)] = 1,
) -> HTMLResponse:
    """Search the supplier registry by name, kind, valid label, CPV activity and place."""
    filters = {"q": q.strip()[:200], "type": kind if kind in SUPPLIER_KINDS else "", "label": label[:60],
               "cpv": cpv.strip()[:12], "departement": departement.strip()[:40],
               "commune": commune.strip()[:100]}
    errors: dict[str, str] = {}
    result = None
    try:
        result = suppliers.list_suppliers(
            session=session, q=filters["q"] or None, kind=filters["type"] or None, label=filters["label"] or None,
            cpv=filters["cpv"] or None, departement=filters["departement"] or None,
            commune=filters["commune"] or None, eligible_clause_sociale=True if insertion else None,
            limit=SUPPLIER_PAGE_SIZE, offset=(page - 1) * SUPPLIER_PAGE_SIZE,
        )
    except InvalidInput as exc:
        for error in exc.extra.get("errors", []):
            key = {"kind": "type"}.get(error.get("field", ""), error.get("field", ""))
            errors[key] = exc.detail
    query = {key: value for key, value in filters.items() if value}
    if insertion:
        query["insertion"] = "1"
    pages = -(-result.total // SUPPLIER_PAGE_SIZE) if result else 0
    return render(request, "suppliers.html", {
        "title": "Fournisseurs", "filters": filters, "insertion": insertion, "errors": errors, "result": result,
        "page": page, "pages": pages, "query": query, "filtered": bool(query), "kinds": SUPPLIER_KINDS,
        "label_groups": label_groups(), "labels": SUPPLIER_FILTER_LABELS,
        "can_import": actor.has_role("editor"),
    }, status_code=422 if errors else 200)


@router.get("/fournisseurs/{siret}")
def supplier_page(
    request: Request, siret: str, session: SessionDep, actor: ReaderDep,
    fait: Annotated[str, Query(max_length=20)] = "",
) -> HTMLResponse:
    """A supplier: identity, activities, labels (expired ones marked), guarantees and their evidence, history."""
    supplier = suppliers.read_supplier(session=session, siret="".join(siret.split()))
    history = suppliers.read_history(session=session, siret=supplier.siret, limit=20)
    return render(request, "supplier.html", {
        "title": supplier.name, "s": supplier, "history": history, "today": date.today(),
        "categories": LABEL_CATEGORIES, "can_write": actor.has_role("editor"), "guarantee_kinds": GUARANTEE_KINDS,
        "guarantees": guarantees_of(session=session, siret=supplier.siret, on=date.today()),
        "notice": "Garantie enregistrée." if fait == "garantie" else None,
    })


# ---- Journey 4: the annual report ---------------------------------------------------------------

CHARTS = {
    "parts": (report_render.chart_shares, report_render.CHART_ALTS["shares"]),
    "evolution": (report_render.chart_trend, report_render.CHART_ALTS["trend"]),
    "acheteurs": (report_render.chart_buyers, report_render.CHART_ALTS["buyers"]),
    "execution": (report_render.chart_execution, report_render.CHART_ALTS["execution"]),
}


def report_charts(indicators: dict[str, Any], buyer: str | None) -> dict[str, str]:
    """The charts the report page shows and their alt texts: the per-buyer one for several buyers, the execution
    follow-up one (like the .docx) when a contract is followed."""
    shown = {"parts", "evolution"}
    if buyer is None and len(indicators["by_buyer"]) > 1:
        shown.add("acheteurs")
    if indicators["execution"]["by_buyer"]:
        shown.add("execution")
    return {name: alt for name, (_, alt) in CHARTS.items() if name in shown}


_chart_lock = threading.Lock()


@dataclass(frozen=True)
class ReportScope:
    """The year, buyer or group asked (when known), and the choices of the report form."""

    year: int
    buyer: str | None
    group: str | None
    years: list[int]
    buyers: list[tuple[str, str]]
    groups: list[tuple[str, str]]

    @property
    def query(self) -> dict[str, Any]:
        """The parameters of the page's links (charts, downloads)."""
        return {"annee": self.year, **({"acheteur": self.buyer} if self.buyer else {}),
                **({"groupement": self.group} if self.group else {})}

    def indicators(self, session: Session) -> dict[str, Any]:
        """The indicators of this scope."""
        return compute_indicators(session, year=self.year, buyer=self.buyer, group=self.group)


def report_scope(session: Session, annee: int | None, acheteur: str, groupement: str) -> ReportScope:
    """The year asked (the latest with counted contracts by default), the buyer or group if known, and the
    form's choices: years with counted contracts, buyers named by their profiles, groups."""
    where = counted(session, PURCHASES)
    year = extract("year", PURCHASES.c.notified_on)
    years = [int(y) for y in session.scalars(select(year).distinct().where(*where.conditions).order_by(year.desc()))
             if y is not None]
    sirets = session.scalars(select(PURCHASES.c.buyer_siret).distinct().where(*where.conditions)).all()
    groups = buyers.groups_of(session=session)
    named = buyers.buyer_names(session=session, sirets=[*sirets, *groups])
    names = {siret: named.get(siret) or f"SIRET {siret}" for siret in sirets}
    group_names = {siret: named.get(siret) or f"SIRET {siret}" for siret in groups}
    buyer = acheteur if acheteur in names else None
    return ReportScope(
        year=annee or (years[0] if years else date.today().year - 1), buyer=buyer,
        group=groupement if groupement in groups and buyer is None else None, years=years,
        buyers=sorted(names.items(), key=lambda item: (item[1].startswith("SIRET "), item[1].lower())),
        groups=sorted(group_names.items(), key=lambda item: item[1].lower()),
    )


ReportQuery = Annotated[int | None, Query(ge=1990, le=2100)]


@router.get("/rapport")
def report_page(
    request: Request, session: SessionDep, _: ReaderDep, annee: ReportQuery = None, acheteur: str = "",
    groupement: str = "",
) -> HTMLResponse:
    """The ethical-purchase indicators of a year, for the territory, one buyer or a group, with charts and
    downloads."""
    scope = report_scope(session, annee, acheteur, groupement)
    indicators = scope.indicators(session)
    return render(request, "report.html", {
        "title": f"Rapport annuel {scope.year}", "ind": indicators, "year": scope.year, "buyer": scope.buyer,
        "group": scope.group, "years": scope.years, "buyers": scope.buyers, "groups": scope.groups,
        "query": scope.query, "summary": report_render.summary(indicators),
        "charts": report_charts(indicators, scope.buyer),
        "pct": report_render.pct, "eur": report_render.eur, "hours": report_render.hours, "sides": report_render.SIDES,
    })


@router.get("/rapport/graphique-{name}.svg", response_model=None)
def report_chart(
    session: SessionDep, name: str, _: ReaderDep, annee: ReportQuery = None, acheteur: str = "",
    groupement: str = "",
) -> Response:
    """A chart of the report, as SVG (text kept as text: small, and readable when zoomed)."""
    if name not in CHARTS:
        raise NotFound(f"Graphique inconnu : « {name} ».")
    indicators = report_scope(session, annee, acheteur, groupement).indicators(session)
    # rcParams are global to the process: one chart at a time.
    with _chart_lock, tempfile.TemporaryDirectory() as directory, matplotlib.rc_context({"svg.fonttype": "none"}):
        path = Path(directory) / f"{name}.svg"
        CHARTS[name][0](indicators, path)
        content = path.read_bytes()
    return Response(content, media_type="image/svg+xml", headers={"Cache-Control": "private, max-age=300"})


@router.get("/rapport/telecharger", response_model=None)
def report_download(
    session: SessionDep, _: ReaderDep, format: Annotated[Literal["docx", "csv", "marches"], Query()] = "docx",
    annee: ReportQuery = None, acheteur: str = "", groupement: str = "",
) -> Response:
    """The report as a Word document, its indicators as CSV (Excel in French), or the contracts they count."""
    scope = report_scope(session, annee, acheteur, groupement)
    media_type = "text/csv; charset=utf-8"
    if format == "marches":
        content, name = report_render.contracts_csv(session, scope.indicators(session))
    else:
        with tempfile.TemporaryDirectory() as directory:
            if format == "csv":
                stem = report_render.file_stem(scope.year, scope.buyer, scope.group)
                path = Path(directory) / f"indicateurs-{stem}.csv"
                report_render.write_csv(scope.indicators(session), path)
            else:
                path = report_render.write_annual_report(session, year=scope.year, buyer=scope.buyer,
                                                         group=scope.group, out_dir=Path(directory)).docx
                media_type = documents.DOCX_MEDIA_TYPE
            content, name = path.read_bytes(), path.name
    return Response(content, media_type=media_type, headers={
        "Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store",
    })
