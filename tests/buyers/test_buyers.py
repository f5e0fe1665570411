"""Buyer profiles: API (readers read, administrators write, ETag/If-Match), validation in French, groups and
their reports, names in reports, identity and defaults in documents, CLI (SQLite and PostgreSQL)."""

import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from app.buyers.models import BuyerCreate, BuyerIn
from app.buyers.service import create_buyer, get_buyer, group_members, update_buyer
from app.errors import InvalidInput
from app.reports.indicators import compute_indicators
from app.reports.render import summary
from tests.api.conftest import bearer
from tests.conftest import clausier, install_test_key
from tests.documents.docx_checks import all_text, open_docx
from tests.ledger import contract, decp, import_decp, public_siret

AGGLO, CITY_A, CITY_B, SCHOOL, OTHER = (public_siret(n) for n in range(10, 15))


def png() -> bytes:
    """A 1 × 1 white PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
            + chunk(b"IEND", b""))


def profile(client: TestClient, siret: str, **fields: Any) -> dict[str, Any]:
    response = client.post("/api/v1/buyers", json={"siret": siret, **fields})
    assert response.status_code == 201, response.text
    return dict(response.json())


def test_profiles_through_the_api(client: TestClient) -> None:
    agglo = profile(client, AGGLO, name="Communauté d'agglomération du Val", kind="epci",
                    annual_volume_eur=62_000_000)
    assert (agglo["display_name"], agglo["kind_label"], agglo["version"]) == (
        "Communauté d'agglomération du Val", "Intercommunalité (communauté de communes, d'agglomération, urbaine, "
        "métropole)", 1)
    city = profile(client, CITY_A, name="Commune de A", kind="commune", parent_siret=AGGLO,
                   defaults={"montant_heure": 60, "facilitateur": "Maison de l'emploi du Val"})
    assert city["defaults"] == {"facilitateur": "Maison de l'emploi du Val", "montant_heure": 60}
    assert client.get(f"/api/v1/buyers/{AGGLO}").json()["members"] == [CITY_A]

    read = client.get(f"/api/v1/buyers/{CITY_A}")
    assert read.headers["etag"] == '"1"'
    body = {"name": "Ville de A", "kind": "commune", "parent_siret": AGGLO, "annual_volume_eur": 9_000_000}
    assert client.put(f"/api/v1/buyers/{CITY_A}", json=body).status_code == 428
    updated = client.put(f"/api/v1/buyers/{CITY_A}", json=body, headers={"If-Match": '"1"'})
    assert (updated.status_code, updated.headers["etag"], updated.json()["defaults"]) == (200, '"2"', {})
    stale = client.put(f"/api/v1/buyers/{CITY_A}", json=body, headers={"If-Match": '"1"'})
    assert stale.status_code == 412
    assert "modifié entre-temps (version actuelle : 2)" in stale.json()["detail"]

    reader = bearer(install_test_key(client.app.state.engine, "reader"))  # type: ignore[attr-defined]
    editor = bearer(install_test_key(client.app.state.engine, "editor"))  # type: ignore[attr-defined]
    assert client.get("/api/v1/buyers", headers=reader).json()["total"] == 2
    assert client.post("/api/v1/buyers", json={"siret": OTHER, "name": "X"}, headers=editor).status_code == 403
    assert client.get("/api/v1/audit", params={"resource": "buyer"}).json()["total"] == 3


def test_logo_is_checked_stored_and_served(client: TestClient) -> None:
    profile(client, CITY_A, name="Commune de A")
    refused = client.put(f"/api/v1/buyers/{CITY_A}/logo", content=b"GIF89a", headers={"If-Match": '"1"'})
    assert (refused.status_code, refused.json()["detail"]) == (422, "Logo illisible : image PNG ou JPEG attendue.")
    stored = client.put(f"/api/v1/buyers/{CITY_A}/logo", content=png(), headers={"If-Match": '"1"'})
    assert (stored.status_code, stored.json()["has_logo"]) == (200, True)
    served = client.get(f"/api/v1/buyers/{CITY_A}/logo")
    assert (served.content, served.headers["content-type"]) == (png(), "image/png")
    removed = client.delete(f"/api/v1/buyers/{CITY_A}/logo", headers={"If-Match": '"2"'})
    assert removed.json()["has_logo"] is False
    assert client.get(f"/api/v1/buyers/{CITY_A}/logo").status_code == 404


@pytest.mark.parametrize(("body", "field", "message"), [
    ({"siret": "21000000000000", "name": "X"}, "siret", "SIRET invalide : clé de contrôle incorrecte"),
    ({"siret": OTHER, "name": "   "}, "name", "nom vide"),
    ({"siret": OTHER, "name": "X", "kind": "ministere"}, "kind", ""),
    ({"siret": OTHER, "name": "X", "parent_siret": public_siret(99)}, "parent_siret", "acheteur inconnu"),
    ({"siret": OTHER, "name": "X", "defaults": {"heures_magiques": 3}}, "defaults.heures_magiques",
     "aucune clause n'a de variable de ce nom"),
    ({"siret": OTHER, "name": "X", "defaults": {"montant_heure": 5000}}, "defaults.montant_heure",
     "valeur supérieure au maximum (200) (clause "),
])
def test_profile_errors_name_their_field(client: TestClient, body: dict[str, Any], field: str, message: str) -> None:
    response = client.post("/api/v1/buyers", json=body)
    assert response.status_code == 422, response.text
    errors = {error["field"]: error["message"] for error in response.json()["errors"]}
    assert message in errors[field]


def test_a_buyer_cannot_join_its_own_member(engine: Engine) -> None:
    with Session(engine) as session:
        create_buyer(session=session, data=BuyerCreate(siret=AGGLO, name="Agglo"))
        create_buyer(session=session, data=BuyerCreate(siret=CITY_A, name="A", parent_siret=AGGLO))
        with pytest.raises(InvalidInput, match="Groupement circulaire"):
            update_buyer(session=session, siret=AGGLO, data=BuyerIn(name="Agglo", parent_siret=CITY_A),
                         expected_version=1)


def group_ledger(engine: Engine) -> None:
    """An agglomeration, its two communes (one with a school board attached), an outsider; their contracts."""
    with Session(engine) as session:
        for siret, name, parent in ((AGGLO, "Agglo du Val", None), (CITY_A, "Commune de A", AGGLO),
                                    (CITY_B, "Commune de B", AGGLO), (SCHOOL, "Caisse des écoles de A", CITY_A),
                                    (OTHER, "Syndicat voisin", None)):
            create_buyer(session=session, data=BuyerCreate(siret=siret, name=name, parent_siret=parent))
    import_decp(engine, decp(
        contract(AGGLO, "G-1", amount=500_000, environmental=["Clause environnementale"]),
        contract(CITY_A, "A-1", amount=120_000, social=["Clause sociale"]),
        contract(CITY_A, "A-2", amount=80_000, social=["Marché réservé"], environmental=["Critère environnemental"]),
        contract(CITY_B, "B-1", amount=45_000),
        contract(SCHOOL, "E-1", amount=30_000, social=["Critère social"]),
        contract(OTHER, "O-1", amount=999_000, social=["Clause sociale"]),
        contract(CITY_B, "B-0", amount=10_000, notified="2024-05-01"),
    ))


def test_a_group_report_is_the_sum_of_its_members(engine: Engine) -> None:
    group_ledger(engine)
    with Session(engine) as session:
        members = group_members(session=session, siret=AGGLO)
        assert members == [AGGLO, CITY_A, CITY_B, SCHOOL]
        group = compute_indicators(session, year=2025, group=AGGLO)
        parts = [compute_indicators(session, year=2025, buyer=siret) for siret in members]
        territory = compute_indicators(session, year=2025)
    for measure in ("contracts", "amount_eur"):
        assert group[measure] == sum(part[measure] for part in parts)
    for side in ("social", "environmental", "any"):
        assert group[side]["count"] == sum(part[side]["count"] for part in parts)
        assert group[side]["amount_eur"] == pytest.approx(sum(part[side]["amount_eur"] for part in parts))
    assert (group["contracts"], group["social"]["count"], group["environmental"]["count"]) == (5, 3, 2)
    assert [t["contracts"] for t in group["trend"]] == [1, 5]
    assert {b["buyer"]: b["buyer_name"] for b in group["by_buyer"]} == {
        AGGLO: "Agglo du Val", CITY_A: "Commune de A", CITY_B: "Commune de B", SCHOOL: "Caisse des écoles de A"}
    by_group = {g["group"]: g for g in territory["by_group"]}
    assert set(by_group) == {AGGLO, CITY_A}
    assert by_group[AGGLO]["contracts"] == group["contracts"] and by_group[AGGLO]["group_name"] == "Agglo du Val"
    assert by_group[CITY_A]["members"] == [CITY_A, SCHOOL] and by_group[CITY_A]["contracts"] == 3


def test_reports_name_buyers_by_their_profile(engine: Engine) -> None:
    import_decp(engine, decp(contract(CITY_A, "A-1"), contract(CITY_B, "B-1", buyer_name="COMMUNE DE B (DECP)")))
    with Session(engine) as session:
        unnamed = compute_indicators(session, year=2025, buyer=CITY_A)
        assert get_buyer(session=session, siret=CITY_A).name is None  # created by the import, to be named
        assert get_buyer(session=session, siret=CITY_B).name == "COMMUNE DE B (DECP)"
        update_buyer(session=session, siret=CITY_A, data=BuyerIn(name="Commune de A"), expected_version=1)
        named = compute_indicators(session, year=2025, buyer=CITY_A)
        territory = compute_indicators(session, year=2025)
    assert summary(unnamed)[0].startswith(f"En 2025, l'acheteur de SIRET {CITY_A} a notifié 1 marché pour")
    assert summary(named)[0].startswith("En 2025, la commune de A a notifié 1 marché pour")
    assert [b["buyer_name"] for b in territory["by_buyer"]] == ["Commune de A", "COMMUNE DE B (DECP)"]
    assert "acheteur SIRET" not in " ".join(summary(territory))


def test_documents_take_the_profile_identity_and_defaults(client: TestClient) -> None:
    profile(client, CITY_A, name="Commune de A", defaults={"facilitateur": "la Maison de l'emploi du Val, 01 23"})
    client.put(f"/api/v1/buyers/{CITY_A}/logo", content=png(), headers={"If-Match": '"1"'})
    clause = {"id": "insertion-heures-execution", "variables": {"heures": 400}}
    from_profile = client.post("/api/v1/documents", json={"buyer_siret": CITY_A, "clauses": [clause]})
    assert from_profile.status_code == 200, from_profile.text
    document = open_docx(from_profile.content)
    text = all_text(document)
    assert "Commune de A" in text and "la Maison de l'emploi du Val, 01 23" in text
    assert len(document.inline_shapes) == 1  # the logo
    typed = {"id": "insertion-heures-execution", "variables": {"heures": 400, "facilitateur": "le PLIE de A"}}
    overridden = client.post("/api/v1/documents", json={"buyer_siret": CITY_A, "buyer": "Ville de A (service achats)",
                                                        "clauses": [typed]})
    text = all_text(open_docx(overridden.content))
    assert "Ville de A (service achats)" in text and "le PLIE de A" in text and "Maison de l'emploi" not in text
    assert client.get("/api/v1/documents").json()["items"][0]["buyer_siret"] == CITY_A
    unknown = client.post("/api/v1/documents", json={"buyer_siret": OTHER, "clauses": [clause]})
    assert (unknown.status_code, unknown.json()["detail"]) == (404, f"Aucun acheteur de SIRET {OTHER}.")


def test_spaser_volume_is_read_from_the_profile(engine: Engine) -> None:
    with Session(engine) as session:
        create_buyer(session=session, data=BuyerCreate(siret=AGGLO, name="Agglo", annual_volume_eur=62_000_000))
        assert get_buyer(session=session, siret=AGGLO).annual_volume_eur == 62_000_000


def test_buyers_from_the_command_line(tmp_path: Path) -> None:
    env = {"CLAUSIER_DATA_DIR": str(tmp_path), "CLAUSIER_LOAD_SAMPLE_DATA": "false"}
    added = clausier("buyers", "add", AGGLO, "--name", "Agglo du Val", "--kind", "epci", "--volume", "62000000",
                     cwd=tmp_path, env=env)
    assert added.returncode == 0, added.stderr
    assert added.stdout.splitlines()[0] == f"Agglo du Val (SIRET {AGGLO})"
    (tmp_path / "logo.png").write_bytes(png())
    changed = clausier("buyers", "set", AGGLO, "--variable", "montant_heure=70", "--logo", str(tmp_path / "logo.png"),
                       cwd=tmp_path, env=env)
    assert changed.returncode == 0, changed.stderr
    assert "  montant_heure = 70" in changed.stdout and "logo : oui ; version 3" in changed.stdout
    refused = clausier("buyers", "set", AGGLO, "--variable", "montant_heure=5000", cwd=tmp_path, env=env)
    assert refused.returncode == 1
    assert refused.stderr.startswith("Valeurs par défaut invalides : montant_heure : valeur supérieure au maximum")
    listed = clausier("buyers", "list", cwd=tmp_path, env=env)
    assert "Agglo du Val" in listed.stdout and "62 000 000" in listed.stdout
    bad = clausier("buyers", "add", "21000000000000", "--name", "X", cwd=tmp_path, env=env)
    assert bad.returncode == 1 and "SIRET invalide" in bad.stderr
