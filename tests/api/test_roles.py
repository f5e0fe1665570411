"""Each role on each write route: every route that changes data declares its role, and gets it enforced.

Routes are read from the app itself, so routes added later are covered without touching this file.
"""

import re

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from app.auth.dependencies import ROLE_CHECKS, read_access
from app.config import Settings
from app.main import create_app
from tests.conftest import builtin_version

from .conftest import api_routes, bearer

V = builtin_version("insertion-heures-execution")  # the file's version: edits count from it

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
ROLES = ("anonymous", "reader", "editor", "admin")
RANK = {role: rank for rank, role in enumerate(ROLES)}


def _dependants(route: APIRoute) -> list[Dependant]:
    found, stack = [], [route.dependant]
    while stack:
        dependant = stack.pop()
        found.append(dependant)
        stack.extend(dependant.dependencies)
    return found


def _dependency_calls(route: APIRoute) -> set[object]:
    return {dependant.call for dependant in _dependants(route)[1:]}


def _headers(route: APIRoute) -> set[str]:
    return {param.alias.lower() for dependant in _dependants(route) for param in dependant.header_params}


def required_role(route: APIRoute) -> str | None:
    """The role a route demands, ``public`` for read_access (no key needed while reading is public),
    or None when it declares nothing."""
    calls = _dependency_calls(route)
    roles = [role for check, role in ROLE_CHECKS.items() if check in calls]
    if roles:
        return max(roles, key=lambda r: RANK[r])
    return "public" if read_access in calls else None


APP = create_app(Settings(DATABASE_URL="sqlite://", _env_file=None))  # type: ignore[call-arg]
WRITE_ROUTES = [(method, path, required_role(route)) for method, path, route in api_routes(APP) if method in UNSAFE]


def test_every_route_that_writes_declares_a_role() -> None:
    undeclared = [f"{method} {path}" for method, path, role in WRITE_ROUTES if role is None]
    assert not undeclared, f"add `actor: EditorDep` (or ReaderDep for a computation that stores nothing): {undeclared}"


def test_every_update_or_delete_route_takes_if_match() -> None:
    missing = [f"{method} {path}" for method, path, route in api_routes(APP)
               if method in {"PUT", "PATCH", "DELETE"} and path.startswith("/api/")
               and "if-match" not in _headers(route)]
    assert not missing, f"add `if_match: Annotated[str | None, Header()] = None`, call expected_version(): {missing}"


def test_there_are_write_routes_to_check() -> None:
    assert ("PUT", "/api/v1/clauses/{clause_id}", "editor") in WRITE_ROUTES
    assert ("POST", "/api/v1/keys", "admin") in WRITE_ROUTES


def test_each_role_on_each_write_route(anonymous: TestClient, keys: dict[str, str]) -> None:
    # One database for every route; each refusal or wrong acceptance is reported with its route and role.
    wrong = {}
    for method, path, needed in WRITE_ROUTES:
        url = re.sub(r"{[^}]+}", "role-test", path)
        for role in ROLES:
            headers = bearer(keys[role]) if role != "anonymous" else {}
            # No body: a caller with the right role gets past the role check and meets a 4xx about the content.
            status = anonymous.request(method, url, headers=headers).status_code
            if needed == "public" or RANK[role] >= RANK[needed or "admin"]:
                if status in (401, 403) or status >= 500:
                    wrong[f"{method} {path} as {role}"] = status
            elif status != (401 if role == "anonymous" else 403):
                wrong[f"{method} {path} as {role}"] = status
    assert not wrong, "\n".join(f"{route}: {status}" for route, status in sorted(wrong.items()))


def test_clause_creation_by_role(anonymous: TestClient, client: TestClient, keys: dict[str, str]) -> None:
    template = client.get("/api/v1/clauses/insertion-heures-execution").json()
    for role, status in (("anonymous", 401), ("reader", 403), ("editor", 201), ("admin", 201)):
        body = {**template, "id": f"locale-{role}", "title": f"Clause de {role}"}
        headers = bearer(keys[role]) if role != "anonymous" else {}
        response = anonymous.post("/api/v1/clauses", json=body, headers=headers)
        assert response.status_code == status, (role, response.text)
        if status == 201:
            assert response.json()["created_by"] == f"tests-{role}"
            assert response.headers["ETag"] == '"1"'
        else:
            assert client.get(f"/api/v1/clauses/locale-{role}").status_code == 404


def test_clause_edit_retire_and_reset_by_role(anonymous: TestClient, client: TestClient, keys: dict[str, str]) -> None:
    url = "/api/v1/clauses/insertion-heures-execution"
    body = client.get(url).json()
    for role, status in (("anonymous", 401), ("reader", 403)):
        headers = bearer(keys[role]) if role != "anonymous" else {}
        assert anonymous.put(url, json=body, headers={**headers, "If-Match": f'"{V}"'}).status_code == status
        assert anonymous.post(f"{url}/reset", headers={**headers, "If-Match": f'"{V}"'}).status_code == status
        assert anonymous.delete(url, headers={**headers, "If-Match": f'"{V}"'}).status_code == status
    assert client.get(url).json()["current_version"] == V
    version = V
    for role in ("editor", "admin"):
        headers = bearer(keys[role])
        edited = anonymous.put(url, json={**body, "title": f"Titre de {role}"},
                               headers={**headers, "If-Match": f'"{version}"'})
        assert edited.status_code == 200, (role, edited.text)
        reset = anonymous.post(f"{url}/reset", headers={**headers, "If-Match": f'"{version + 1}"'})
        assert reset.status_code == 200, (role, reset.text)
        version += 2
    retired = anonymous.delete(url, headers={**bearer(keys["editor"]), "If-Match": f'"{version}"'})
    assert retired.json()["status"] == "retired"
    authors = [v["created_by"] for v in client.get(f"{url}/versions").json()]
    assert authors == ["bibliothèque", "tests-editor", "tests-editor", "tests-admin", "tests-admin", "tests-editor"]
