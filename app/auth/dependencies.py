"""Who is calling: an API key (Bearer or X-API-Key), an officer named by the intranet's reverse proxy, or
nobody; and the role checks routes declare (``actor: EditorDep``).

Officers on the web pages are identified by a header their reverse proxy sets after its own login
(``CLAUSIER_TRUSTED_USER_HEADER``, e.g. ``X-Remote-User``); Clausier keeps no passwords nor sessions.
Such officers get the ``editor`` role. The header is trusted only when configured, only on requests from
the proxy's addresses (``CLAUSIER_TRUSTED_PROXIES``), and only a proxy that overwrites it makes it
trustworthy. On a single-user install without a proxy, ``CLAUSIER_LOCAL_OFFICER`` names the officer of the
requests that come from the machine itself.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from app.auth.models import ROLES, ApiKey
from app.auth.service import authenticate
from app.errors import Forbidden, Unauthorized

ANONYMOUS = "anonymous"
ROLE_RANK = {ANONYMOUS: 0, **{role: rank for rank, role in enumerate(ROLES, start=1)}}
# Role of officers identified by the trusted proxy header: they edit the library, they do not manage keys.
PROXY_ROLE = "editor"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Request state set when the request came from a trusted proxy (app.http.TrustedProxies).
FROM_TRUSTED_PROXY = "from_trusted_proxy"
# API paths anyone may read whatever CLAUSIER_PUBLIC_READ says (monitoring).
OPEN_PATHS = frozenset({"/api/v1/health"})
LOOPBACK = frozenset({"127.0.0.1", "::1"})

bearer_scheme = HTTPBearer(auto_error=False, description="Clé d'API : `Authorization: Bearer <clé>`.")
api_key_scheme = APIKeyHeader(name="X-API-Key", auto_error=False, description="Clé d'API : `X-API-Key: <clé>`.")


@dataclass(frozen=True)
class Actor:
    """Who makes a request, with the request facts the audit trail keeps."""

    name: str
    role: str
    ip: str
    method: str = ""
    path: str = ""
    via: str = ANONYMOUS  # "key", "proxy", "anonymous" (or "cli" outside HTTP)

    def has_role(self, role: str) -> bool:
        """True when this actor's role is ``role`` or above."""
        return ROLE_RANK.get(self.role, 0) >= ROLE_RANK[role]


def unauthorized(detail: str, *, invalid_key: bool = False) -> Unauthorized:
    """A 401 carrying the ``WWW-Authenticate`` challenge (RFC 6750)."""
    challenge = 'Bearer realm="clausier"' + (', error="invalid_token"' if invalid_key else "")
    return Unauthorized(detail, headers={"WWW-Authenticate": challenge})


def officer_name(request: Request) -> str | None:
    """Who the officer is: the login in ``CLAUSIER_TRUSTED_USER_HEADER``, on a request that came from one of
    ``CLAUSIER_TRUSTED_PROXIES`` (checked by ``app.http.TrustedProxies``); without that header configured,
    ``CLAUSIER_LOCAL_OFFICER`` for the requests of this very machine (single-user install); None otherwise.

    The only place that decides it: pages, API identity and rate limit all ask here.
    """
    settings = request.app.state.settings
    if settings.TRUSTED_USER_HEADER:
        if not request.scope.get("state", {}).get(FROM_TRUSTED_PROXY):
            return None
        value = request.headers.get(settings.TRUSTED_USER_HEADER, "")
    elif settings.LOCAL_OFFICER and request.client is not None and request.client.host in LOOPBACK:
        value = settings.LOCAL_OFFICER
    else:
        return None
    value = " ".join(value.split())
    return value[:200] if value and value.isprintable() else None


def _same_origin(request: Request) -> bool:
    """True unless the browser says the request comes from another site (Fetch metadata, else Origin)."""
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = request.headers.get("origin")
    host = request.headers.get("x-forwarded-host") or request.headers.get("host", "")
    return origin is None or urlsplit(origin).netloc == host


async def current_actor(
    request: Request,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
    api_key: Annotated[str | None, Depends(api_key_scheme)],
) -> Actor:
    """The caller (computed once per request); 401 when a key is sent but unknown or revoked.

    Only a key needs the database (in a worker thread); officers and anonymous callers cost no I/O.
    """
    cached: Actor | None = getattr(request.state, "actor", None)
    if cached is not None:
        return cached
    facts = {"ip": request.client.host if request.client else "", "method": request.method,
             "path": request.url.path}
    key = bearer.credentials if bearer is not None else api_key
    officer = officer_name(request)
    if key:
        row = await run_in_threadpool(_authenticate, request, key)
        if row is None:
            raise unauthorized("Clé d'API invalide ou révoquée.", invalid_key=True)
        actor = Actor(name=row.name, role=row.role, via="key", **facts)
    elif officer:
        # The proxy adds its header to every request of the officer's browser, whoever wrote the page:
        # a write must come from Clausier's own pages (cross-site request forgery).
        if request.method not in SAFE_METHODS and not _same_origin(request):
            raise Forbidden("Requête refusée : elle ne provient pas des pages de Clausier.")
        actor = Actor(name=officer, role=PROXY_ROLE, via="proxy", **facts)
    else:
        actor = Actor(name=ANONYMOUS, role=ANONYMOUS, **facts)
    request.state.actor = actor
    return actor


def _authenticate(request: Request, key: str) -> ApiKey | None:
    with Session(request.app.state.engine) as session:
        return authenticate(session=session, key=key)


ActorDep = Annotated[Actor, Depends(current_actor)]


def _check_public_read(request: Request, actor: Actor) -> None:
    if actor.role == ANONYMOUS and not request.app.state.settings.PUBLIC_READ:
        raise unauthorized(
            "Clé d'API requise : la lecture sans clé est désactivée (CLAUSIER_PUBLIC_READ=false). "
            "Envoyez « Authorization: Bearer <clé> » ou « X-API-Key: <clé> »."
        )


async def read_access(request: Request, actor: ActorDep) -> Actor:
    """Reading (or computing without storing): any valid key, or nobody when public reading is on."""
    _check_public_read(request, actor)
    return actor


async def guard_api_reads(request: Request) -> None:
    """App-wide: every ``/api/`` route follows the public-read setting; writes add their own role check.

    Pages, static files and the health check return at once; the caller is identified only on the API
    (the credentials are read here, not declared as sub-dependencies: each one costs every request).
    """
    path = request.scope["path"]
    if path.startswith("/api/") and path not in OPEN_PATHS:
        actor = await current_actor(request, await bearer_scheme(request), await api_key_scheme(request))
        _check_public_read(request, actor)


# Every role check made by require_role, with its role (tests check that each write route declares one).
ROLE_CHECKS: dict[Callable[..., Awaitable[Actor]], str] = {}


def require_role(role: str) -> Callable[..., Awaitable[Actor]]:
    """Dependency refusing callers below ``role``: 401 without a valid identity, 403 when too low."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")

    async def check_role(actor: ActorDep) -> Actor:
        if actor.role == ANONYMOUS:
            raise unauthorized(
                f"Clé d'API de rôle « {role} » (ou supérieur) requise : envoyez « Authorization: Bearer "
                "<clé> » ou « X-API-Key: <clé> »."
            )
        if not actor.has_role(role):
            raise Forbidden(
                f"Droits insuffisants : le rôle « {role} » est requis, « {actor.name} » a le rôle "
                f"« {actor.role} ».", required_role=role, role=actor.role,
            )
        return actor

    ROLE_CHECKS[check_role] = role
    return check_role


ReaderDep = Annotated[Actor, Depends(read_access)]
EditorDep = Annotated[Actor, Depends(require_role("editor"))]
AdminDep = Annotated[Actor, Depends(require_role("admin"))]
