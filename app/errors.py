"""One error hierarchy, rendered as RFC 9457 ``application/problem+json`` for every error."""

import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.clauses.values import format_number
from app.french import plural

PROBLEM_MEDIA_TYPE = "application/problem+json"


class AppError(Exception):
    """Base of every domain error: services raise these, never ``HTTPException``."""

    status = 400
    slug = "bad-request"
    title = "Requête invalide"

    def __init__(self, detail: str, *, headers: dict[str, str] | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.headers = headers or {}
        self.extra = extra


class NotFound(AppError):
    status, slug, title = 404, "not-found", "Ressource introuvable"


class InvalidInput(AppError):
    status, slug, title = 422, "invalid-input", "Données invalides"


class Conflict(AppError):
    status, slug, title = 409, "conflict", "Conflit"


class Unauthorized(AppError):
    status, slug, title = 401, "unauthorized", "Authentification requise"


class Forbidden(AppError):
    status, slug, title = 403, "forbidden", "Droits insuffisants"


class PreconditionFailed(AppError):
    status, slug, title = 412, "precondition-failed", "Version périmée"


class PreconditionRequired(AppError):
    status, slug, title = 428, "precondition-required", "En-tête If-Match requis"


class PayloadTooLarge(AppError):
    status, slug, title = 413, "payload-too-large", "Contenu trop volumineux"


class UnsupportedMediaType(AppError):
    status, slug, title = 415, "unsupported-media-type", "Type de contenu non pris en charge"


class ServiceUnavailable(AppError):
    status, slug, title = 503, "service-unavailable", "Service indisponible"


_HTTP_TITLES = {
    400: ("bad-request", "Requête invalide", "La requête est mal formée."),
    401: ("unauthorized", "Authentification requise", "Une clé d'API valide est requise."),
    403: ("forbidden", "Droits insuffisants", "Cette action n'est pas autorisée."),
    404: ("not-found", "Ressource introuvable", "Aucune ressource à cette adresse."),
    405: ("method-not-allowed", "Méthode non autorisée", "Cette méthode n'est pas acceptée ici."),
    413: ("payload-too-large", "Contenu trop volumineux", "Le contenu envoyé est trop volumineux."),
    415: ("unsupported-media-type", "Type de contenu non pris en charge", "Type de contenu non accepté."),
}

# French wording of the pydantic error types officers and integrators meet most.
_PYDANTIC_FR = {
    "missing": "champ obligatoire",
    "json_invalid": "JSON mal formé",
    "string_too_short": "texte trop court",
    "string_too_long": "texte trop long",
    "string_type": "texte attendu",
    "int_parsing": "nombre entier attendu",
    "int_type": "nombre entier attendu",
    "float_parsing": "nombre attendu",
    "float_type": "nombre attendu",
    "bool_parsing": "booléen attendu",
    "date_from_datetime_parsing": "date attendue (AAAA-MM-JJ)",
    "date_parsing": "date attendue (AAAA-MM-JJ)",
    "literal_error": "valeur non autorisée",
    "enum": "valeur non autorisée",
    "greater_than_equal": "valeur trop petite",
    "greater_than": "valeur trop petite",
    "less_than_equal": "valeur trop grande",
    "less_than": "valeur trop grande",
    "too_long": "liste trop longue",
    "too_short": "liste trop courte",
    "list_type": "liste attendue",
    "dict_type": "objet attendu",
    "model_attributes_type": "objet attendu",
    "extra_forbidden": "champ inconnu",
    "value_error": "valeur invalide",
    "int_from_float": "nombre entier attendu (sans décimales)",
    "decimal_parsing": "nombre attendu",
    "decimal_type": "nombre attendu",
    "decimal_max_digits": "nombre trop long",
    "decimal_whole_digits": "nombre trop long",
    "date_type": "date attendue (AAAA-MM-JJ)",
    "datetime_parsing": "date et heure attendues (AAAA-MM-JJTHH:MM:SS)",
    "datetime_from_date_parsing": "date et heure attendues (AAAA-MM-JJTHH:MM:SS)",
    "datetime_type": "date et heure attendues (AAAA-MM-JJTHH:MM:SS)",
    "bool_type": "booléen attendu",
    "string_pattern_mismatch": "format invalide",
    "url_parsing": "adresse web invalide",
    "url_scheme": "adresse web invalide (http ou https)",
    "uuid_parsing": "identifiant invalide",
    "union_tag_invalid": "valeur non autorisée",
}
# The patterns of the API's fields, as an officer reads them.
_PATTERN_FR = {r"^[0-9]{14}$": "14 chiffres attendus (SIRET)", r"^[0-9]{9}$": "9 chiffres attendus (SIREN)"}
# Pydantic's reasons why a well-formed date is refused (« 2026-02-31 »): the date does not exist.
_NO_SUCH_DATE = ("outside expected range", "day value", "month value")

# Input that passed validation but that no database (or JSON encoder) can hold: a client error, not a crash.
_INPUT_FAULTS: dict[type[Exception], tuple[int, str]] = {
    OverflowError: (422, "Nombre trop grand : la valeur dépasse ce que la base de données peut enregistrer."),
    DataError: (422, "Valeur refusée par la base de données (nombre hors limites ou caractère interdit)."),
    UnicodeEncodeError: (400, "Texte invalide : caractère Unicode isolé (demi-paire de substitution)."),
    RecursionError: (400, "Données trop profondément imbriquées."),
}

_EXPECTED_PREFIXES = ("Value error, ",)


def problem_type(slug: str) -> str:
    """The ``type`` URI of a problem."""
    return f"urn:clausier:problem:{slug}"


def problem_response(
    *, status: int, slug: str, title: str, detail: str, instance: str = "",
    headers: dict[str, str] | None = None, **extra: Any,
) -> JSONResponse:
    """A problem+json response (RFC 9457)."""
    body: dict[str, Any] = {"type": problem_type(slug), "title": title, "status": status, "detail": detail}
    if instance:
        body["instance"] = instance
    body.update(extra)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def _field_name(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or ".".join(str(p) for p in loc)


def _number(bound: Any) -> str:
    """A bound of a validation error as officers read numbers: ``0`` rather than ``0.0``, ``0,5``, ``50 000``."""
    return format_number(bound) if isinstance(bound, int | float) and not isinstance(bound, bool) else str(bound)


def describe_validation_errors(errors: list[Any]) -> list[dict[str, str]]:
    """Pydantic errors as ``[{"field", "message"}]`` with French messages."""
    described = []
    for error in errors:
        message = _PYDANTIC_FR.get(error.get("type", ""), "")
        raw = str(error.get("msg", ""))
        for prefix in _EXPECTED_PREFIXES:
            if raw.startswith(prefix):  # our own validators already speak French
                message = raw.removeprefix(prefix)
        ctx = error.get("ctx") or {}
        if error.get("type") in ("literal_error", "enum") and "expected" in ctx:
            allowed = str(ctx["expected"]).replace("'", "").replace(" or ", " ou ")
            message = f"valeur « {error.get('input')} » non autorisée ; valeurs permises : {allowed}"
        if error.get("type") == "string_pattern_mismatch":
            pattern = str(ctx.pop("pattern", ""))
            choices = re.fullmatch(r"\^\(?([\w-]+(?:\|[\w-]+)+)\)?\$", pattern)
            if choices:
                message = (f"valeur « {error.get('input')} » non autorisée ; valeurs permises : "
                           f"{', '.join(choices[1].split('|'))}")
            else:
                message = f"{_PATTERN_FR.get(pattern, 'format invalide')} : « {error.get('input')} »"
        if error.get("type") == "date_from_datetime_parsing" and any(
                reason in str(ctx.get("error", "")) for reason in _NO_SUCH_DATE):
            message = f"date inexistante : « {error.get('input')} »"
            ctx = {}
        if error.get("type") == "decimal_max_places":
            places = ctx.pop("decimal_places", 2)
            message = f"au plus {plural(places, 'décimale')} (centimes)" if places == 2 else \
                f"au plus {plural(places, 'décimale')}"
        if error.get("type") == "string_too_short" and ctx.get("min_length") == 1:
            message = "valeur vide"
            ctx = {}
        if "ge" in ctx:
            message += f" (minimum {_number(ctx['ge'])})"
        elif "gt" in ctx:
            message += f" (strictement supérieure à {_number(ctx['gt'])})"
        if "le" in ctx:
            message += f" (maximum {_number(ctx['le'])})"
        elif "lt" in ctx:
            message += f" (strictement inférieure à {_number(ctx['lt'])})"
        if "min_length" in ctx and "string" in error.get("type", ""):
            message += f" (au moins {plural(ctx['min_length'], 'caractère')})"
        elif "min_length" in ctx and error.get("type") == "too_short":
            message += f" (au moins {plural(ctx['min_length'], 'élément')})"
        if "max_length" in ctx:
            message += f" (au plus {ctx['max_length']})"
        # A message pydantic gives in English and that no entry above translates: said in French all the same.
        described.append({"field": _field_name(tuple(error.get("loc", ()))), "message": message or "valeur invalide"})
    return described


# The messages of Python's JSON decoder, in French.
_JSON_MESSAGES = {
    "Expecting value": "valeur attendue",
    "Expecting ',' delimiter": "virgule attendue",
    "Expecting ':' delimiter": "deux-points attendus",
    "Expecting property name enclosed in double quotes": "nom de propriété entre guillemets doubles attendu",
    "Unterminated string starting at": "chaîne de caractères non terminée",
    "Invalid control character at": "caractère de contrôle interdit dans une chaîne",
    "Extra data": "données en trop après la fin du JSON",
    "Invalid \\escape": "séquence d'échappement invalide",
}


def json_error_detail(body: bytes, error: Any) -> str:
    """Where a JSON body breaks, as an integrator reads it: line, column and what the parser expected."""
    loc = error.get("loc") or ()
    position = loc[-1] if loc and isinstance(loc[-1], int) else 0
    before = body[:position].decode("utf-8", errors="replace")
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    reason = str((error.get("ctx") or {}).get("error", ""))
    said = next((fr for en, fr in _JSON_MESSAGES.items() if reason.startswith(en)), reason or "syntaxe invalide")
    return f"JSON mal formé, ligne {line}, colonne {column} : {said}."


def _wants_html(request: Request) -> bool:
    """A browser asking for a page outside the API."""
    path = request.url.path
    return not path.startswith(("/api/", "/docs", "/openapi")) and "text/html" in request.headers.get("accept", "")


def install_error_handlers(app: FastAPI) -> None:
    """Render every error of ``app`` as problem+json."""

    @app.exception_handler(AppError)
    async def _app_error(request: Request, exc: AppError) -> JSONResponse:
        return problem_response(
            status=exc.status, slug=exc.slug, title=exc.title, detail=exc.detail,
            instance=request.url.path, headers=exc.headers, **exc.extra,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        slug, title, default_detail = _HTTP_TITLES.get(exc.status_code, ("http-error", "Erreur", ""))
        detail = exc.detail if isinstance(exc.detail, str) and exc.status_code not in _HTTP_TITLES else ""
        html_page = getattr(request.app.state, "html_error_page", None)
        if html_page and _wants_html(request):  # officers' browsers get the French error page
            page: Response = html_page(request, status=exc.status_code, title=title, detail=detail or default_detail)
            return page
        return problem_response(
            status=exc.status_code, slug=slug, title=title, detail=detail or default_detail,
            instance=request.url.path, headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        broken = next((e for e in exc.errors() if e.get("type") == "json_invalid"), None)
        if broken is not None:
            return problem_response(
                status=400, slug="bad-request", title="Requête invalide", instance=request.url.path,
                detail=json_error_detail(await request.body(), broken),
            )
        errors = describe_validation_errors(list(exc.errors()))
        detail = "; ".join(f"{e['field']} : {e['message']}" for e in errors)
        return problem_response(
            status=422, slug="invalid-input", title="Données invalides", detail=detail,
            instance=request.url.path, errors=errors,
        )

    async def _input_fault(request: Request, exc: Exception) -> JSONResponse:
        status, detail = next(v for t, v in _INPUT_FAULTS.items() if isinstance(exc, t))
        slug, title, _ = _HTTP_TITLES[400] if status == 400 else ("invalid-input", "Données invalides", "")
        return problem_response(status=status, slug=slug, title=title, detail=detail, instance=request.url.path)

    for fault in _INPUT_FAULTS:
        app.add_exception_handler(fault, _input_fault)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        return problem_response(
            status=500, slug="internal-error", title="Erreur interne",
            detail="Une erreur inattendue s'est produite ; elle a été journalisée.",
            instance=request.url.path,
        )
