"""The FastAPI application: ``create_app(settings)`` builds it, ``app`` is the served instance."""

import math
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool

from app import __version__
from app.api_docs import install_api_docs
from app.auth.dependencies import guard_api_reads
from app.auth.routes import audit_router
from app.auth.routes import router as auth_router
from app.bootstrap import prepare_database
from app.buyers.routes import router as buyers_router
from app.checks.routes import router as checks_router
from app.clauses.routes import router as clauses_router
from app.config import Settings, get_settings
from app.db import check_connection, make_engine
from app.demo.routes import router as demo_router
from app.documents.routes import router as documents_router
from app.errors import install_error_handlers
from app.followup.routes import router as followup_router
from app.http import document_problems, install_http_guards
from app.matching.routes import router as matching_router
from app.matching.service import current_knowledge
from app.purchases.routes import router as purchases_router
from app.reports.routes import router as reports_router
from app.suppliers.routes import router as suppliers_router
from app.tenders.routes import router as tenders_router
from app.web.routes import install_web

health_router = APIRouter(tags=["santé"])
# The database is probed at most this often per process: a load balancer polling /health costs nothing.
PROBE_SECONDS = 1.0


class DatabaseProbe:
    """The database's state, checked in a worker thread at most once per ``PROBE_SECONDS``."""

    def __init__(self, engine: Engine, clock: Callable[[], float] = time.monotonic) -> None:
        self.engine = engine
        self.clock = clock
        self.checked_at = -math.inf
        self.reachable = False

    async def reachable_now(self) -> bool:
        """The last known state, refreshed first when older than ``PROBE_SECONDS``."""
        now = self.clock()
        if now - self.checked_at >= PROBE_SECONDS:
            self.checked_at = now  # requests arriving meanwhile take the previous answer: one probe at a time
            self.reachable = await run_in_threadpool(self._probe)
        return self.reachable

    def _probe(self) -> bool:
        try:
            check_connection(self.engine)
        except SQLAlchemyError:
            return False
        return True


@health_router.get("/api/v1/health")
async def read_health(request: Request) -> JSONResponse:
    """State of the service and of its database (checked at most once a second per process)."""
    if not await request.app.state.database_probe.reachable_now():
        return JSONResponse(
            {"status": "error", "version": __version__, "database": "error"}, status_code=503
        )
    return JSONResponse({"status": "ok", "version": __version__, "database": "ok"})


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the application for ``settings`` (the environment's when omitted)."""
    settings = settings or get_settings()
    engine = make_engine(settings.DATABASE_URL)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        prepare_database(engine, settings)
        current_knowledge(settings)  # families, thesaurus, obligations: broken files stop the start here
        yield
        engine.dispose()

    app = FastAPI(
        title="Clausier",
        version=__version__,
        summary="Clauses sociales et environnementales pour les marchés publics des collectivités.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        dependencies=[Depends(guard_api_reads)],
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.database_probe = DatabaseProbe(engine)
    install_error_handlers(app)
    install_http_guards(app, settings)
    document_problems(app)
    install_api_docs(app)
    app.include_router(health_router)
    app.include_router(clauses_router)
    app.include_router(matching_router)
    app.include_router(documents_router)
    app.include_router(checks_router)
    app.include_router(auth_router)
    app.include_router(audit_router)
    app.include_router(suppliers_router)
    app.include_router(purchases_router)
    app.include_router(reports_router)
    app.include_router(followup_router)
    app.include_router(buyers_router)
    app.include_router(demo_router)
    app.include_router(tenders_router)
    install_web(app)
    return app
