"""The buyer's annual purchases (SPASER) taken from its profile: ``buyer_siret`` in ``POST /api/v1/match`` and
``--acheteur`` in ``clausier match`` (an explicit volume wins; an unknown SIRET is refused in French)."""

import json
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from app.cli import cli
from app.matching.ranking import money
from tests.ledger import public_siret

AGGLO, CITY, UNKNOWN = (public_siret(n) for n in range(20, 23))
TENDER: dict[str, Any] = {"text": "Nettoyage des locaux de la mairie", "amount_eur": 300_000, "date": "2026-09-01"}
FROM_PROFILE = "selon le volume annuel d'achats du profil de l'acheteur"


def spaser(body: dict[str, object]) -> str | None:
    """The explanation of the SPASER obligation, None when it does not apply."""
    return next((o["explanation"] for o in body["obligations"] if o["id"] == "spaser"), None)  # type: ignore


def test_the_profile_gives_the_volume_unless_one_is_given(client: TestClient) -> None:
    for siret, name, volume in ((AGGLO, "Agglo du Val", 62_000_000), (CITY, "Commune de A", None)):
        created = client.post("/api/v1/buyers", json={"siret": siret, "name": name, "annual_volume_eur": volume})
        assert created.status_code == 201, created.text
    body = client.post("/api/v1/match", json={**TENDER, "buyer_siret": AGGLO}).json()
    assert spaser(body) is not None and spaser(body).startswith(  # type: ignore[union-attr]
        f"Le montant total annuel de vos achats ({money(62_000_000)} {FROM_PROFILE}, dépenses d'une année civile")
    understood = body["understood"]
    assert (understood["buyer_annual_purchases_eur"], understood["buyer_purchases_source"]) == (62_000_000, "profil")
    # The number given explicitly wins over the profile; a profile without a volume is as if none were named.
    explicit = client.post("/api/v1/match", json={**TENDER, "buyer_siret": AGGLO,
                                                  "buyer_annual_purchases_eur": 12_000_000}).json()
    assert spaser(explicit) is None and explicit["understood"]["buyer_purchases_source"] == "formulaire"
    given = client.post("/api/v1/match", json={**TENDER, "buyer_siret": CITY,
                                               "buyer_annual_purchases_eur": 80_000_000}).json()
    assert "selon le montant indiqué" in spaser(given)  # type: ignore[operator]
    blank = client.post("/api/v1/match", json={**TENDER, "buyer_siret": CITY}).json()
    assert spaser(blank) is None and blank["understood"]["buyer_purchases_source"] is None
    assert spaser(client.post("/api/v1/match", json=TENDER).json()) is None


def test_an_unknown_or_malformed_siret_is_a_french_422(client: TestClient) -> None:
    unknown = client.post("/api/v1/match", json={**TENDER, "buyer_siret": UNKNOWN})
    assert unknown.status_code == 422
    assert unknown.headers["content-type"] == "application/problem+json"
    assert unknown.json()["detail"] == (
        f"Aucun profil d'acheteur de SIRET {UNKNOWN} : créez ce profil (page Acheteurs ou clausier buyers add) "
        "ou indiquez le montant total annuel des achats.")
    malformed = client.post("/api/v1/match", json={**TENDER, "buyer_siret": "2100"})
    assert malformed.status_code == 422
    assert malformed.json()["errors"] == [
        {"field": "buyer_siret", "message": "SIRET invalide : 14 chiffres attendus, 4 reçus"}]


def test_command_line_takes_the_buyer_siret(cli_database: None) -> None:
    runner = CliRunner()
    added = runner.invoke(cli, ["buyers", "add", AGGLO, "--name", "Agglo du Val", "--volume", "62000000"])
    assert added.exit_code == 0, added.stderr
    table = runner.invoke(cli, ["match", TENDER["text"], "--amount", "300000", "--date", "2026-09-01",
                                "--acheteur", AGGLO])
    assert table.exit_code == 0, table.stderr
    assert "Obligation : Schéma de promotion des achats socialement et écologiquement responsables" in table.stdout
    assert (f"Achats annuels de l'acheteur : {money(62_000_000)} (volume annuel d'achats du profil de l'acheteur)"
            in table.stdout)
    as_json = runner.invoke(cli, ["match", TENDER["text"], "--date", "2026-09-01", "--acheteur", AGGLO,
                                  "--buyer-purchases", "1000000", "--json"])
    assert spaser(json.loads(as_json.stdout)) is None  # the explicit number wins
    unknown = runner.invoke(cli, ["match", TENDER["text"], "--acheteur", UNKNOWN])
    assert unknown.exit_code == 2
    assert unknown.stderr.startswith(f"Aucun profil d'acheteur de SIRET {UNKNOWN} : créez ce profil")


def test_batch_lines_may_name_a_buyer(cli_database: None, tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["buyers", "add", AGGLO, "--name", "Agglo du Val", "--volume", "62000000"]).exit_code == 0
    lines = [{"text": TENDER["text"], "date": "2026-09-01", "buyer_siret": AGGLO},
             {"text": TENDER["text"], "date": "2026-09-01", "buyer_siret": UNKNOWN}]
    (tmp_path / "batch.jsonl").write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    result = runner.invoke(cli, ["match", "--batch", str(tmp_path / "batch.jsonl")])
    assert result.exit_code == 1 and "1 ligne en erreur." in result.stderr
    found, refused = (json.loads(line) for line in result.stdout.splitlines())
    assert spaser(found) is not None and found["understood"]["buyer_purchases_source"] == "profil"
    assert refused["status"] == 422 and refused["line"] == 2
    assert refused["detail"].startswith(f"ligne 2 : Aucun profil d'acheteur de SIRET {UNKNOWN}")
