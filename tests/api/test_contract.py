"""The OpenAPI contract, fuzzed by Schemathesis with an admin key: no 5xx, responses conform to the schema.

The schema is read from the running app, so routes added later are fuzzed without touching this file.
Examples are bounded per operation to keep the run to a few minutes on two cores.
"""

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from app.config import Settings
from app.main import create_app
from tests.conftest import install_test_key, postgres_schema

from .conftest import LiveServer, bearer, serve

EXAMPLES_PER_OPERATION = 5
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
          response_headers_conformance]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def contract_server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
                    ) -> Iterator[tuple[LiveServer, str]]:
    """One server per backend for the whole module (fuzzing does not need a fresh database per example)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('contract') / 'contract.db'}"
        yield from _serve_with_admin_key(url)
        return
    with postgres_schema() as url:
        yield from _serve_with_admin_key(url)


def _serve_with_admin_key(url: str) -> Iterator[tuple[LiveServer, str]]:
    app_settings = Settings(DATABASE_URL=url, LOAD_SAMPLE_DATA=False, RATE_LIMIT_PER_MINUTE=0,
                            _env_file=None)  # type: ignore[call-arg]
    for server in serve(app_settings):
        yield server, install_test_key(server.app.state.engine, "admin")


def app_schema() -> dict[str, Any]:
    """The OpenAPI document of the app as it stands (the same for every settings)."""
    return create_app(Settings(DATABASE_URL="sqlite://", _env_file=None)).openapi()  # type: ignore[call-arg]


schema = schemathesis.openapi.from_dict(app_schema())


@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_contract(case: schemathesis.Case, contract_server: tuple[LiveServer, str]) -> None:
    server, key = contract_server
    # A generous read timeout (schemathesis waits 10 s): CI runs this beside the whole suite on two cores, where a
    # tender's creation (it matches every lot) once took longer; speed is measured by scripts/bench, not here.
    case.call_and_validate(base_url=server.url, headers=bearer(key), checks=CHECKS, timeout=60)


def test_contract_server_runs_with_an_admin_key(contract_server: tuple[LiveServer, str]) -> None:
    server, key = contract_server
    assert httpx.get(f"{server.url}/api/v1/audit", headers=bearer(key)).status_code == 200


def test_every_list_is_paginated_the_same_way() -> None:
    document = app_schema()
    lists = 0
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            query = {p["name"]: p["schema"] for p in operation.get("parameters", []) if p["in"] == "query"}
            if "limit" not in query:
                continue
            lists += 1
            assert "offset" in query and query["offset"].get("minimum") == 0, (method, path)
            assert query["limit"].get("minimum") == 1 and query["limit"].get("maximum"), (method, path)
            ok = operation["responses"]["200"]["content"]["application/json"]["schema"]
            page = document["components"]["schemas"][ok["$ref"].rsplit("/", 1)[1]]
            assert {"items", "total"} <= set(page["required"]), (method, path)
    assert lists >= 3
