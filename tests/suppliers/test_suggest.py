"""Suggestions for a tender: needs from CPV and keywords, suppliers by role with reasons, instrument advice."""

from datetime import date

import pytest
from fastapi.testclient import TestClient

from app.suppliers.suggest import Counts, advise, eu_threshold, infer_needs, nature_of

TODAY = date(2026, 11, 28)


@pytest.mark.parametrize(("text", "cpv", "prefixes"), [
    ("Entretien des espaces verts de la commune", [], ["7731"]),
    ("Fourniture de café et thé équitables pour les services", [], ["158"]),
    ("Nettoyage des locaux administratifs et vitrerie", [], ["9091"]),
    ("Restauration scolaire : fourniture de repas", [], ["5552"]),
    ("Travaux de peinture et rénovation de l'école", [], ["4544", "452"]),
    ("Objet sans mot-clé connu", [], []),
    ("Entretien des espaces verts", ["90910000-9", "90911000"], ["9091"]),
])
def test_needs_come_from_cpv_codes_or_else_from_keywords(text: str, cpv: list[str], prefixes: list[str]) -> None:
    assert [need.cpv_prefix for need in infer_needs(text, cpv)] == prefixes


@pytest.mark.parametrize(("prefix", "nature"), [("45", "travaux"), ("158", "fournitures"), ("48", "fournitures"),
                                                ("7731", "services")])
def test_nature_from_the_cpv_division(prefix: str, nature: str) -> None:
    assert nature_of(infer_needs("x", [prefix])) == nature


def test_eu_thresholds_by_period() -> None:
    assert eu_threshold("services", date(2025, 6, 1)) == 221_000
    assert eu_threshold("fournitures", date(2026, 6, 1)) == 216_000
    assert eu_threshold("travaux", date(2026, 6, 1)) == 5_404_000


@pytest.mark.parametrize(("counts", "amount", "instrument", "basis"), [
    (Counts(siae=2, ea_esat=1, insertion=3), 80_000, "marche-reserve", ["L2113-13", "L2113-12", "L2113-14", "R2113-7"]),
    (Counts(siae=3, insertion=3), None, "marche-reserve", ["L2113-13", "R2113-7"]),
    (Counts(ea_esat=4, insertion=4), 300_000, "lot-reserve", ["L2113-12", "R2113-7"]),
    (Counts(siae=1, ea_esat=1, insertion=2), 80_000, "condition-insertion", ["L2112-2"]),
    (Counts(insertion=1), 80_000, "condition-insertion", ["L2112-2"]),
    (Counts(), 80_000, "critere-attribution", ["R2152-7"]),
])
def test_advice_follows_the_counts_and_the_amount(
    counts: Counts, amount: float | None, instrument: str, basis: list[str]
) -> None:
    advice = advise(counts, amount_eur=amount, nature="services", on=TODAY, where="pour ce secteur à Melun (77)",
                    coverage="")
    assert advice.recommendation.instrument == instrument
    assert advice.recommendation.legal_basis == basis
    assert advice.counts == counts
    assert "Règle empirique de Clausier, pas un seuil légal" in advice.rule_of_thumb
    assert advice.eu_threshold_eur == 216_000


def test_advice_states_the_counts_that_justify_it() -> None:
    advice = advise(Counts(siae=1, ea_esat=1, insertion=2, commerce_equitable=2, labellises=1),
                    amount_eur=50_000, nature="services", on=TODAY, where="pour ce secteur à Melun (77)", coverage="")
    assert advice.recommendation.explanation.startswith(
        "1 SIAE et 1 EA/ESAT pour ce secteur à Melun (77) d'après le registre de Clausier : trop peu")
    assert [c.legal_basis for c in advice.complements] == [
        ["R2152-7"], ["R2152-7"], ["R2111-13", "R2111-16", "R2152-7"]
    ]
    assert "2 structures labellisées commerce équitable" in advice.complements[1].explanation
    large = advise(Counts(siae=5, insertion=5), amount_eur=400_000, nature="services", on=TODAY, where="ici",
                   coverage="")
    assert "400\u202f000 € HT" in large.recommendation.explanation
    assert "216\u202f000 € HT" in large.recommendation.explanation


def group(response: dict, role: str) -> dict:
    return next(g for g in response["groups"] if g["role"] == role)


def test_green_spaces_in_melun(sample_client: TestClient) -> None:
    response = sample_client.post("/api/v1/suppliers/suggest", json={
        "text": "Entretien des espaces verts des écoles et du parc municipal", "amount_eur": 90_000,
        "place": "Melun", "date": "2026-11-28", "limit": 50,
    })
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["needs"] == [{"cpv_prefix": "7731", "wording": "entretien des espaces verts", "source": "texte"}]
    assert result["place"] == {"query": "Melun", "departement": "77", "known": True}
    insertion = group(result, "insertion")
    names = [item["name"] for item in insertion["items"]]
    assert "ESAT Les Ateliers de la Brie" in names and "Les Ateliers du Val d'Yerres" in names
    assert "Paysages Durables de l'Essonne" not in names  # an ordinary company, and only in 91/78
    assert all(item["kind"] in {"ESAT", "EA", "SIAE-ACI", "SIAE-AI", "SIAE-EI", "GEIQ"} for item in insertion["items"])
    assert names[0] == "Melun Emploi Services"  # based in Melun: nearest first
    esat = next(item for item in insertion["items"] if item["name"] == "ESAT Les Ateliers de la Brie")
    assert esat["reasons"][0].startswith("établissement et service d'accompagnement par le travail (ESAT) : "
                                         "peut se voir réserver le marché ou un lot (L2113-12)")
    assert "Activité CPV 7731 pour le besoin « 7731 entretien des espaces verts » (déduit du texte)" in esat["reasons"]
    advice = result["advice"]
    assert advice["recommendation"]["instrument"] == "marche-reserve"
    assert {"L2113-12", "L2113-13"} <= set(advice["recommendation"]["legal_basis"])
    kinds = [item["kind"] for item in insertion["items"]]
    assert len(kinds) == insertion["total"]
    assert advice["counts"]["siae"] == sum(kind.startswith("SIAE-") for kind in kinds) >= 3
    assert advice["counts"]["ea_esat"] == sum(kind in ("EA", "EATT", "ESAT") for kind in kinds) >= 2
    assert advice["recommendation"]["explanation"].startswith(
        f"{advice['counts']['siae']} SIAE et {advice['counts']['ea_esat']} EA/ESAT pour ce secteur à Melun (77) : "
    )


def test_fair_trade_coffee(sample_client: TestClient) -> None:
    result = sample_client.post("/api/v1/suppliers/suggest", json={
        "text": "Fourniture de café pour les distributeurs", "cpv": ["15861000-1"], "place": "77",
        "date": "2026-11-28",
    }).json()
    fair = group(result, "commerce-equitable")
    names = [item["name"] for item in fair["items"]]
    assert {"Torréfaction Équitable de Melun", "Café des Deux Rives", "Terres Équitables Distribution"} <= set(names)
    roaster = next(item for item in fair["items"] if item["name"] == "Torréfaction Équitable de Melun")
    assert roaster["reasons"][0] == (
        "Label Fairtrade/Max Havelaar (commerce équitable) valide jusqu'au 30/09/2027"
    )
    chocolate = next(item for item in fair["items"] if item["name"] == "Chocolaterie Solidaire de Sénart")
    assert [label["label"] for label in chocolate["labels"]] == ["Fairtrade/Max Havelaar"]  # WFTO expired
    assert result["advice"]["counts"]["commerce_equitable"] == fair["total"]
    assert any("rémunération équitable" in c["title"] for c in result["advice"]["complements"])


def test_unknown_place_and_unknown_sector_are_said(sample_client: TestClient) -> None:
    result = sample_client.post("/api/v1/suppliers/suggest", json={"text": "Objet vague", "place": "Trifouilly"}).json()
    assert result["needs"] == [] and result["place"]["known"] is False
    demo, sector, place = result["warnings"]  # the sample registry is demonstration data: said first
    assert "fournisseurs de démonstration" in demo
    assert sector.startswith("Aucun secteur reconnu") and place.startswith("Lieu « Trifouilly » inconnu")
    assert all(g["total"] == 0 for g in result["groups"])
    assert result["advice"]["recommendation"]["instrument"] == "critere-attribution"


@pytest.mark.parametrize(("payload", "field"), [
    ({"text": "   "}, "text"), ({"text": "x" * 20_001}, "text"), ({"text": "ok", "cpv": ["abc"]}, "cpv"),
    ({"text": "ok", "amount_eur": -1}, "amount_eur"), ({"text": "ok", "nature": "achats"}, "nature"),
])
def test_bad_bodies_are_422_naming_the_field(client: TestClient, payload: dict, field: str) -> None:
    response = client.post("/api/v1/suppliers/suggest", json=payload)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"].startswith(field)
