"""HTTP guards around the whole app, and the error contract in OpenAPI.

Pure ASGI middlewares (no buffering of responses): request body limits (413 even for chunked bodies),
malformed input refused early (NUL characters, JSON not in UTF-8), a sliding-window rate limit on the
expensive routes (429 + ``Retry-After``), CORS from settings, forwarded and officer headers believed only
from the reverse proxy, security headers on HTML pages.
"""

import hashlib
import math
import re
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from app.audit.service import record
from app.auth.dependencies import ANONYMOUS, FROM_TRUSTED_PROXY, Actor, officer_name
from app.config import Settings
from app.errors import PROBLEM_MEDIA_TYPE, problem_response

# Paths of the routes that cost CPU or disk: matching, document generation, imports, supplier suggestions,
# and the web pages that run them.
EXPENSIVE_PATHS = re.compile(
    r"^/api/v1/(match|documents|checks|suppliers/suggest)(/|$)|/import$|^/(propositions|document|verifier)$"
)
WINDOW_SECONDS = 60.0
# Beyond this many tracked clients, forget those idle for a whole window (bounded memory).
MAX_TRACKED_CLIENTS = 10_000
# Bodies under the JSON limit (the upload limit is for files: multipart, CSV, XML…); no type counts as JSON.
JSON_LIKE = re.compile(r"^(application/([\w.+-]*\+)?json|application/x-www-form-urlencoded)?\s*(;|$)")
NUL_ESCAPE = re.compile(rb"\\u0000", re.IGNORECASE)
# A \uD800-\uDBFF escape not followed by a \uDC00-\uDFFF one, or the reverse: text no database can store.
LONE_SURROGATE = re.compile(
    rb"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    rb"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)

PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


async def _refuse(scope: Scope, receive: Receive, send: Send, *, status: int, slug: str, title: str,
                  detail: str, headers: dict[str, str] | None = None, **extra: Any) -> None:
    response = problem_response(status=status, slug=slug, title=title, detail=detail, instance=scope["path"],
                                headers=headers, **extra)
    await response(scope, receive, send)


class RequestGuard:
    """Refuse bodies over the limits (413) and input no route can store (400), before any route runs."""

    def __init__(self, app: ASGIApp, *, max_json_bytes: int, max_upload_bytes: int) -> None:
        self.app = app
        self.max_json_bytes = max_json_bytes
        self.max_upload_bytes = max_upload_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if "\x00" in scope["path"] or b"%00" in scope["query_string"] or b"\x00" in scope["query_string"]:
            await _refuse(scope, receive, send, status=400, slug="bad-request", title="Requête invalide",
                          detail="Le caractère NUL (%00) n'est pas accepté dans l'adresse.")
            return
        headers = Headers(scope=scope)
        content_type = headers.get("content-type", "").lower()
        is_json = JSON_LIKE.match(content_type) is not None
        limit = self.max_json_bytes if is_json else self.max_upload_bytes
        length = headers.get("content-length")
        if length is not None:
            if not length.isdigit():
                await _refuse(scope, receive, send, status=400, slug="bad-request", title="Requête invalide",
                              detail="En-tête Content-Length invalide.")
                return
            if int(length) > limit:
                await self._too_large(scope, receive, send, limit)
                return
        chunked = "chunked" in headers.get("transfer-encoding", "").lower()
        if not chunked and not (is_json and length not in (None, "0")):
            await self.app(scope, receive, send)
            return
        # Chunked bodies announce no size, and JSON bodies are checked whole: read them here, within limit.
        body = bytearray()
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            if len(body) > limit:
                await self._too_large(scope, receive, send, limit)
                return
            more = message.get("more_body", False)
        if "json" in content_type and (problem := _json_problem(bytes(body))):
            await _refuse(scope, receive, send, status=400, slug="bad-request", title="Requête invalide",
                          detail=problem)
            return
        await self.app(scope, _replay(bytes(body), receive), send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        await _refuse(scope, receive, send, status=413, slug="payload-too-large", title="Contenu trop volumineux",
                      detail=f"Le contenu envoyé dépasse la limite de {_size(limit)} pour cette requête.",
                      max_bytes=limit)


def _size(n: int) -> str:
    for unit, factor in (("Mo", 1024 * 1024), ("Ko", 1024)):
        if n >= factor and n % factor == 0:
            return f"{n // factor} {unit}"
    return f"{n} octets"


def _json_problem(body: bytes) -> str:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"Le corps JSON n'est pas en UTF-8 valide (octet invalide en position {exc.start})."
    if NUL_ESCAPE.search(body):
        return "Le caractère NUL (\\u0000) n'est pas accepté dans les textes."
    if LONE_SURROGATE.search(body):
        return "Texte invalide : caractère Unicode isolé (demi-paire de substitution)."
    return ""


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


class SlidingWindow:
    """At most ``limit`` hits per client over the last ``window`` seconds."""

    def __init__(self, limit: int, window: float = WINDOW_SECONDS, clock: Callable[[], float] = time.monotonic):
        self.limit = limit
        self.window = window
        self.clock = clock
        self.hits: dict[str, deque[float]] = {}

    def hit(self, client: str) -> float:
        """Count a hit for ``client``: 0 when allowed, else the seconds to wait before the next one."""
        now = self.clock()
        if len(self.hits) > MAX_TRACKED_CLIENTS:
            self.hits = {c: h for c, h in self.hits.items() if h and h[-1] > now - self.window}
        hits = self.hits.setdefault(client, deque())
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        if len(hits) >= self.limit:
            return hits[0] + self.window - now
        hits.append(now)
        return 0.0


class RateLimit:
    """429 with ``Retry-After`` when a client (key, officer or IP) calls expensive routes too often.

    The counts live in the process: with ``clausier serve --workers N``, each worker keeps its own, so a
    client may reach up to N times the limit.
    """

    def __init__(self, app: ASGIApp, *, window: SlidingWindow) -> None:
        self.app = app
        self.window = window

    def client(self, scope: Scope) -> str:
        """Who is counted: the key sent (hashed), else the officer named by the proxy, else the IP."""
        headers = Headers(scope=scope)
        scheme, _, credentials = headers.get("authorization", "").partition(" ")
        key = credentials.strip() if scheme.lower() == "bearer" else headers.get("x-api-key", "")
        if key:
            return "key:" + hashlib.sha256(key.encode()).hexdigest()[:16]
        if user := officer_name(Request(scope)):
            return "user:" + user
        return "ip:" + (scope["client"][0] if scope.get("client") else "")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        expensive = EXPENSIVE_PATHS.search(scope["path"]) if scope["type"] == "http" else None
        if expensive and scope["method"] != "OPTIONS":
            # One budget per client and family of routes: a bulk import does not block matching.
            wait = self.window.hit(f"{self.client(scope)} {expensive[1] or 'import'}")
            if wait > 0:
                seconds = max(1, math.ceil(wait))
                await _refuse(
                    scope, receive, send, status=429, slug="too-many-requests", title="Trop de requêtes",
                    detail=f"Trop de requêtes sur cette opération (au plus {self.window.limit} par minute) : "
                    f"réessayez dans {seconds} s.", headers={"Retry-After": str(seconds)}, retry_after=seconds,
                )
                return
        await self.app(scope, receive, send)


class TrustedProxies:
    """Forwarded headers and the officer header are believed only from the reverse proxy's addresses.

    From ``CLAUSIER_TRUSTED_PROXIES``: X-Forwarded-For and X-Forwarded-Proto give the client's address and
    scheme (uvicorn's ``ProxyHeadersMiddleware``) and the request is marked as proxied, which
    ``officer_name`` requires. From any other address: X-Forwarded-* and Forwarded are dropped, and a request
    carrying the officer header (``CLAUSIER_TRUSTED_USER_HEADER``) is refused, 403, with an audit row.
    """

    def __init__(self, app: ASGIApp, *, proxies: list[str], user_header: str) -> None:
        self.app = app
        self.forwarded = ProxyHeadersMiddleware(app, trusted_hosts=proxies)  # type: ignore[arg-type]
        self.user_header = user_header.lower().encode("latin-1")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        peer = scope["client"][0] if scope.get("client") else ""
        if peer in self.forwarded.trusted_hosts:
            scope.setdefault("state", {})[FROM_TRUSTED_PROXY] = True
            await self.forwarded(scope, receive, send)  # type: ignore[arg-type]
            return
        claimed = [value for name, value in scope["headers"] if self.user_header and name == self.user_header]
        if claimed:
            login = claimed[0].decode("latin-1")
            await run_in_threadpool(_audit_claim, scope, peer, login)
            header = self.user_header.decode("latin-1")
            await _refuse(scope, receive, send, status=403, slug="forbidden", title="Accès refusé",
                          detail=f"L'en-tête d'identification « {header} » n'est accepté que du reverse proxy "
                          f"(CLAUSIER_TRUSTED_PROXIES) ; cette requête vient de {peer or 'une adresse inconnue'} : "
                          "refusée et consignée au journal d'audit.")
            return
        if any(name.startswith(b"x-forwarded-") or name == b"forwarded" for name, _ in scope["headers"]):
            scope["headers"] = [(name, value) for name, value in scope["headers"]
                                if not (name.startswith(b"x-forwarded-") or name == b"forwarded")]
        await self.app(scope, receive, send)


def _audit_claim(scope: Scope, peer: str, login: str) -> None:
    """The audit row of an officer header sent from outside the proxy (the login claimed, not believed)."""
    actor = Actor(name=ANONYMOUS, role=ANONYMOUS, ip=peer, method=scope["method"], path=scope["path"])
    with Session(scope["app"].state.engine) as session:
        record(session, actor, action="refuse", resource="officer_header", resource_id=login,
               after={"reason": "en-tête d'agent reçu d'une adresse hors CLAUSIER_TRUSTED_PROXIES",
                      "claimed_login": login})


class ProblemCORS(CORSMiddleware):
    """Starlette's CORS, with refused preflights as problem+json in French."""

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code != 400:
            return response
        return problem_response(
            status=400, slug="cors-refused", title="Requête invalide",
            detail="Requête d'une autre origine refusée : origine, méthode ou en-têtes non autorisés "
            "(CLAUSIER_CORS_ORIGINS).",
        )


class SecurityHeaders:
    """``nosniff`` on every response; CSP, framing and referrer policies on HTML pages."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                if headers.get("content-type", "").startswith("text/html"):
                    headers.setdefault("Content-Security-Policy", PAGE_CSP)  # the API docs set their own
                    headers.setdefault("X-Frame-Options", "DENY")
                    headers.setdefault("Referrer-Policy", "same-origin")
            await send(message)

        await self.app(scope, receive, send_with_headers)


def install_http_guards(app: FastAPI, settings: Settings) -> None:
    """Add the guards to ``app``; the last added runs first (headers, proxies, CORS, rate limit, body checks)."""
    app.add_middleware(
        RequestGuard, max_json_bytes=settings.MAX_JSON_BYTES, max_upload_bytes=settings.MAX_UPLOAD_BYTES
    )
    if settings.RATE_LIMIT_PER_MINUTE > 0:
        app.add_middleware(RateLimit, window=SlidingWindow(settings.RATE_LIMIT_PER_MINUTE))
    if settings.CORS_ORIGINS:
        app.add_middleware(
            ProblemCORS, allow_origins=settings.CORS_ORIGINS, allow_credentials=False,
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=["Authorization", "X-API-Key", "If-Match", "Content-Type"],
            expose_headers=["ETag", "Location", "Retry-After"], max_age=600,
        )
    app.add_middleware(TrustedProxies, proxies=settings.TRUSTED_PROXIES, user_header=settings.TRUSTED_USER_HEADER)
    app.add_middleware(SecurityHeaders)


PROBLEM_SCHEMA = {
    "type": "object",
    "description": "Erreur au format RFC 9457 (application/problem+json), `detail` en français.",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
        "detail": {"type": "string"}, "instance": {"type": "string"},
    },
    "additionalProperties": True,
}


def document_problems(app: FastAPI) -> None:
    """Make OpenAPI tell the truth about errors: any status may be a problem+json body (422 included)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = build()
        problem = {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                if "422" in responses:
                    responses["422"] = {"description": "Données invalides", "content": problem}
                responses["default"] = {"description": "Erreur (RFC 9457)", "content": problem}
        schemas = schema.setdefault("components", {}).setdefault("schemas", {})
        schemas.pop("HTTPValidationError", None)
        schemas.pop("ValidationError", None)
        schemas["Problem"] = PROBLEM_SCHEMA
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
