"""API test fixtures: a key of each role, an anonymous client, a real uvicorn server."""

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient

from app.auth.models import ROLES
from app.cli import SERVER_OPTIONS
from app.config import Settings
from app.main import create_app
from tests.conftest import LOOPBACK, install_test_key


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def api_routes(app: FastAPI) -> list[tuple[str, str, APIRoute]]:
    """(method, full path, route) of every FastAPI route of ``app``, included routers flattened."""
    return sorted(
        ((method, context.path, context.original_route) for context in iter_route_contexts(app.routes)
         if isinstance(context.original_route, APIRoute) for method in context.methods or ()),
        key=lambda item: (item[1], item[0]),
    )


@pytest.fixture
def keys(client: TestClient) -> dict[str, str]:
    """A clear key of each role, stored in the database of ``client``."""
    return {role: install_test_key(client.app.state.engine, role) for role in ROLES}  # type: ignore[attr-defined]


@pytest.fixture
def anonymous(client: TestClient) -> TestClient:
    """A client without any key, on the same app and database as ``client``."""
    return TestClient(client.app, raise_server_exceptions=False, client=LOOPBACK)


@dataclass
class LiveServer:
    url: str
    app: FastAPI


def serve(settings: Settings) -> Iterator[LiveServer]:
    """Run the real app under uvicorn in a thread, on a free port, with the settings of ``clausier serve``."""
    app = create_app(settings)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", **SERVER_OPTIONS))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield LiveServer(url=f"http://127.0.0.1:{port}", app=app)
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@pytest.fixture
def live_server(settings: Settings) -> Iterator[LiveServer]:
    """The real app served over HTTP by uvicorn (both database backends)."""
    yield from serve(settings)
