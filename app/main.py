"""The FastAPI application: ``create_app(settings)`` builds it, ``app`` is the served instance."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError

from app import __version__
from app.bootstrap import prepare_database
from app.clauses.routes import router as clauses_router
from app.config import Settings, get_settings
from app.db import check_connection, make_engine
from app.errors import install_error_handlers

health_router = APIRouter(tags=["santé"])


@health_router.get("/api/v1/health")
def read_health(request: Request) -> JSONResponse:
    """State of the service and of its database."""
    try:
        check_connection(request.app.state.engine)
    except SQLAlchemyError:
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
        yield
        engine.dispose()

    app = FastAPI(
        title="Clausier",
        version=__version__,
        summary="Clauses sociales et environnementales pour les marchés publics des collectivités.",
        lifespan=lifespan,
        docs_url="/docs",
        openapi_url="/openapi.json",
    )
    app.state.settings = settings
    app.state.engine = engine
    install_error_handlers(app)
    app.include_router(health_router)
    app.include_router(clauses_router)
    return app
