"""What every officers' page shares: the layout's templates and context, French error pages, page routes."""

from collections.abc import Callable, Coroutine
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.routing import APIRoute
from fastapi.templating import Jinja2Templates
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session
from starlette.datastructures import FormData

from app import __version__
from app.auth.dependencies import Actor, officer_name, read_access
from app.clauses.library import KIND_LABELS as CLAUSE_KIND_LABELS
from app.clauses.themes import THEMES_BY_ID
from app.clauses.values import format_amount, format_number
from app.config import local_time
from app.demo.service import demo_loaded
from app.errors import AppError, Unauthorized
from app.followup.files import ACCEPTED
from app.followup.files import TYPES as EVIDENCE_TYPES
from app.french import plural
from app.matching.reading import format_years
from app.matching.service import current_knowledge
from app.web.forms import MAX_TENDER_TEXT, NATURES, default_text

WEB_DIR = Path(__file__).resolve().parent
NAV = (
    ("/", "Préparer un marché"),
    ("/dossiers", "Dossiers"),
    ("/verifier", "Vérifier un projet"),
    ("/bibliotheque", "Bibliothèque"),
    ("/fournisseurs", "Fournisseurs"),
    ("/suivi", "Suivi d'exécution"),
    ("/rapport", "Rapport annuel"),
    ("/donnees", "Données"),
)
KIND_LABELS = {kind: label[0].upper() + label[1:] for kind, label in CLAUSE_KIND_LABELS.items()}
DOCUMENT_LABELS = {
    "RC": "RC — règlement de la consultation",
    "CCAP": "CCAP — clauses administratives",
    "CCTP": "CCTP — clauses techniques",
    "AE": "AE — acte d'engagement",
}
IDENTIFY = ("Accès réservé aux agents identifiés par l'intranet : ouvrez Clausier depuis le portail de "
            "l'intranet, qui vous identifie, puis rechargez la page.")
STATUS_LABELS = {"active": "En vigueur", "draft": "Brouillon", "retired": "Retirée"}
# The lawyer's checklist (REVIEW_CHECKS of app/clauses/library.py), as the clause page names each point.
REVIEW_LABELS = {
    "base": "Base légale", "coherence": "Type, pièce et donnée essentielle", "equivalence": "Labels et équivalences",
    "lien-objet": "Lien avec l'objet et proportionnalité", "dates-chiffres": "Dates et chiffres",
    "redaction": "Rédaction exécutoire",
}
TENDER_LABELS = {"texte": "Résumé du marché", "cpv": "Code CPV", "montant": "Montant estimé", "nature": "Nature",
                 "date_lancement": "Date de lancement", "lieu": "Lieu d'exécution"}


def moment_text(moment: datetime) -> str:
    """A stored moment as officers read it: ``28/11/2026 à 10:46``."""
    return f"{local_time(moment):%d/%m/%Y à %H:%M}"


templates = Jinja2Templates(directory=WEB_DIR / "templates")
templates.env.trim_blocks = templates.env.lstrip_blocks = True
templates.env.globals.update(
    nav=NAV, version=__version__, themes=THEMES_BY_ID, kind_labels=KIND_LABELS, document_labels=DOCUMENT_LABELS,
    status_labels=STATUS_LABELS, review_labels=REVIEW_LABELS, natures=NATURES,
    max_text=MAX_TENDER_TEXT,
    default_text=default_text, static=lambda name: f"/static/{name}?v={__version__}",
)
templates.env.filters["nombre"] = format_number
templates.env.filters["montant"] = format_amount  # euros: « 450 000,50 », never « 450 000,5 »
templates.env.filters["heure"] = moment_text
templates.env.filters["duree"] = format_years
templates.env.globals["pluriel"] = plural
# The evidence files the server accepts (app/followup/files.py), told once to every upload field.
templates.env.globals.update(
    evidence_labels=" ou ".join(ACCEPTED.rsplit(", ", 1)),
    evidence_accept=",".join(extension for _, extensions in EVIDENCE_TYPES.values() for extension in extensions),
)  # {{ pluriel(n, "marché") }}: "1 marché", "2 marchés"


def _demo_banner(request: Request) -> bool:
    """True while demonstration rows are loaded (the layout says so on every page)."""
    try:
        with Session(request.app.state.engine) as session:
            return demo_loaded(session=session)
    except SQLAlchemyError:  # the error page of an unreachable database still renders
        return False


def render(request: Request, name: str, context: dict[str, Any], *, status_code: int = 200) -> HTMLResponse:
    """A page: ``name`` rendered with the layout's context (section, officer, demo banner, CPV labels of the
    families in force)."""
    path = request.url.path
    section = next((href for href, _ in reversed(NAV) if path == href or path.startswith(href + "/")), "/")
    families = current_knowledge(request.app.state.settings).families
    context = {"section": section, "officer": officer_name(request), "demo_banner": _demo_banner(request),
               "cpv_label": families.label, **context}
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def error_page(request: Request, *, status: int, title: str, detail: str) -> HTMLResponse:
    """The French error page (the API keeps its problem+json)."""
    return render(request, "error.html", {"title": title, "detail": detail, "status": status}, status_code=status)


class WebRoute(APIRoute):
    """A page route: domain errors become an HTML page in French instead of problem+json."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def page_handler(request: Request) -> Response:
            try:
                return await handler(request)
            except Unauthorized:  # the API's wording speaks of keys; an officer's browser has none
                return error_page(request, status=401, title="Identification requise", detail=IDENTIFY)
            except AppError as exc:
                return error_page(request, status=exc.status, title=exc.title, detail=exc.detail)
            except RequestValidationError:
                return error_page(request, status=400, title="Adresse invalide",
                                  detail="Un paramètre de cette adresse est invalide. Revenez à la page précédente.")

        return page_handler


async def posted_form(request: Request) -> FormData:
    """The posted form (urlencoded or multipart), read before the plain ``def`` route runs."""
    return await request.form(max_fields=5000)


# Reading a page: anyone when public reading is on, otherwise an officer named by the intranet (the
# 401 becomes the IDENTIFY page in WebRoute).
ReaderDep = Annotated[Actor, Depends(read_access)]
FormDep = Annotated[FormData, Depends(posted_form)]


def page_router() -> APIRouter:
    """A router of pages (HTML, French errors, out of the API schema)."""
    return APIRouter(route_class=WebRoute, include_in_schema=False, default_response_class=HTMLResponse)
