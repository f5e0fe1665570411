"""Optional enrichment from a company directory: recorded answer shape, retries, offline message."""

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from app.suppliers.enrich import DirectoryClient, DirectoryRefused, DirectoryUnavailable, enrich_suppliers, facts_of
from app.suppliers.models import Supplier, SupplierHistory
from app.suppliers.transfer import import_suppliers

from .conftest import make_csv

RECORDED = json.loads((Path(__file__).parent / "data" / "annuaire-reponse.json").read_text())
HEAD_OFFICE, BRANCH = "98000001200016", "98000001200024"
URL = "https://annuaire.example/search"


def client_answering(handler: httpx.MockTransport, sleeps: list[float] | None = None) -> DirectoryClient:
    sleeps = [] if sleeps is None else sleeps
    return DirectoryClient(URL, transport=handler, sleep=sleeps.append)


def recorded(request: httpx.Request) -> httpx.Response:
    known = request.url.params["q"] in (HEAD_OFFICE, BRANCH)
    return httpx.Response(200, json=RECORDED if known else {"results": [], "total_results": 0})


def test_facts_of_the_recorded_answer() -> None:
    assert facts_of(RECORDED, BRANCH) == {
        "name": "ESAT DES TESTS", "brand": "JARDINS DE L'ESAT", "legal_form": "catégorie juridique 9220",
        "address": "2 CHEMIN DES SERRES 77000 MELUN", "postcode": "77000", "commune": "MELUN",
        "insee_code": "77288", "departement": "77",
    }
    assert facts_of(RECORDED, HEAD_OFFICE)["commune"] == "BRIE-COMTE-ROBERT"
    assert facts_of(RECORDED, "98000099900011") is None


def test_enrichment_fills_blanks_only_and_keeps_history(engine: Engine) -> None:
    rows = [[BRANCH, "Jardins de l'ESAT", "ESAT", "", "Melun", "7731", ""],
            ["98000002000019", "Inconnue", "EA", "", "", "", ""]]
    import_suppliers(engine=engine, data=make_csv(rows), filename="a-completer.csv", actor="tests")
    report = enrich_suppliers(engine=engine, client=client_answering(httpx.MockTransport(recorded)))
    assert report.looked_up == 2
    assert report.not_found == ["98000002000019"]
    assert report.filled == {BRANCH: ["address", "brand", "departement", "insee_code", "legal_form", "postcode"]}
    with Session(engine) as session:
        supplier = session.get(Supplier, BRANCH)
        assert supplier is not None
        assert (supplier.name, supplier.commune, supplier.postcode) == ("Jardins de l'ESAT", "Melun", "77000")
        history = session.scalars(select(SupplierHistory).where(SupplierHistory.action == "modification")).one()
        assert history.source == "annuaire:annuaire.example"
        assert history.changes["insee_code"] == [None, "77288"]


def test_dry_run_writes_nothing(engine: Engine) -> None:
    data = make_csv([[BRANCH, "ESAT", "ESAT", "", "", "", ""]])
    import_suppliers(engine=engine, data=data, filename="x.csv", actor="tests")
    report = enrich_suppliers(engine=engine, client=client_answering(httpx.MockTransport(recorded)), dry_run=True)
    assert BRANCH in report.filled
    with Session(engine) as session:
        assert session.get(Supplier, BRANCH).address is None  # type: ignore[union-attr]


def test_retries_with_backoff_then_succeeds() -> None:
    answers = iter([httpx.Response(503), httpx.Response(429, headers={"Retry-After": "2"}),
                    httpx.Response(200, json=RECORDED)])
    sleeps: list[float] = []
    client = client_answering(httpx.MockTransport(lambda request: next(answers)), sleeps)
    assert dict(client.lookup([BRANCH]))[BRANCH] is not None
    assert 0.5 in sleeps and 2.0 in sleeps  # backoff after the 503, Retry-After after the 429


def test_offline_directory_gives_a_clear_message() -> None:
    def offline(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("Name or service not known", request=request)

    sleeps: list[float] = []
    with pytest.raises(DirectoryUnavailable) as caught:
        list(client_answering(httpx.MockTransport(offline), sleeps).lookup([BRANCH]))
    assert caught.value.detail.startswith("Annuaire des entreprises injoignable (annuaire.example) après 3 essais")
    assert "le reste de Clausier fonctionne sans" in caught.value.detail
    assert [s for s in sleeps if s >= 0.5] == [0.5, 1.0]


def test_client_errors_are_not_retried() -> None:
    calls: list[httpx.Request] = []

    def refuse(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(400)

    with pytest.raises(DirectoryRefused, match="HTTP 400"):
        list(client_answering(httpx.MockTransport(refuse)).lookup([BRANCH]))
    assert len(calls) == 1


def test_rate_limit_spaces_calls() -> None:
    now = [0.0]
    sleeps: list[float] = []
    client = DirectoryClient(URL, transport=httpx.MockTransport(recorded), sleep=sleeps.append, clock=lambda: now[0])
    list(client.lookup([BRANCH, HEAD_OFFICE]))
    assert sleeps == [pytest.approx(0.15)]


def test_cli_enrich_is_disabled_by_default(tmp_path: Path) -> None:
    env = {**os.environ, "CLAUSIER_DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}", "CLAUSIER_ENRICH_API_URL": ""}
    result = subprocess.run([sys.executable, "-m", "app.cli", "suppliers", "enrich"], capture_output=True, text=True,
                            timeout=120, env=env)
    assert result.returncode == 1
    assert "Enrichissement désactivé : définissez CLAUSIER_ENRICH_API_URL" in result.stderr
