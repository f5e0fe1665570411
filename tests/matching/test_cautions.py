"""A summary's wishes that the documents may not state as written: read with the draft check's rules, said by the
API and the CLI (the proposals page: tests/web/test_web_proposals.py), with the lawful way to reach the same aim."""

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from app.cli import cli
from app.matching.cautions import read_cautions


def found(text: str) -> list[tuple[str, str]]:
    return [(caution.rule.id, caution.excerpt) for caution in read_cautions(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Repas livrés aux personnes âgées, produits frais et locaux souhaités",
     [("preference-locale", "produits frais et locaux")]),
    ("Fourniture de denrées : produit bio et local demandé", [("preference-locale", "produit bio et local")]),
    ("Travaux de voirie. Priorité sera donnée aux entreprises du canton.",
     [("preference-locale", "Priorité sera donnée aux entreprises")]),
    ("Mobilier scolaire fabriqué en France", [("preference-locale", "fabriqué en France")]),
    ("Nettoyage des écoles ; exiger le label Ecocert pour les produits", [("label-sans-equivalent", "label Ecocert")]),
    ("Fournitures de bureau, les produits doivent porter l'Ange bleu", [("label-sans-equivalent", "Ange bleu")]),
    ("Maintenance informatique, critère noté sur la démarche RSE de l'entreprise",
     [("politique-generale", "démarche RSE")]),
])
def test_wishes_the_documents_may_not_state_as_written(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "Nettoyage des locaux de la mairie et des écoles, produits d'entretien Ecolabel européen ou équivalent exigés",
    "Restauration scolaire, 50 % de produits durables dont 20 % bio, circuits courts privilégiés",
    "Hébergement des données sur le territoire de l'Union européenne",
    "Prairie fleurie : semences d'origine locale (Végétal local)",
    "Fourniture de papier Ecolabel",
    "Nettoyage des locaux communaux, 3 ans, 180 000 € HT",
    "Aucune préférence locale ne sera appliquée",
])
def test_lawful_wishes_raise_nothing(text: str) -> None:
    assert found(text) == []


def test_one_caution_per_rule_at_its_first_occurrence() -> None:
    text = "Produits locaux. Entreprises locales privilégiées. Exiger le label Max Havelaar et le label Fairtrade."
    assert found(text) == [("preference-locale", "Produits locaux"), ("label-sans-equivalent", "label Max Havelaar")]


def test_a_caution_quotes_every_wording_of_its_wish_once() -> None:
    # The officer rewrites each of them: the stronger wish (firms of the département) is not hidden behind the first.
    text = ("Repas des crèches, produits bio et locaux. Les fournisseurs devront être situés dans le département. "
            "Produits bio et locaux privilégiés.")
    cautions = read_cautions(text)
    assert [(c.rule.id, c.excerpts) for c in cautions] == [
        ("preference-locale", ("produits bio et locaux", "situés dans le département"))]


def test_an_equivalent_admitted_later_covers_the_label() -> None:
    assert found("Café : exiger le label Max Havelaar. Tout label équivalent sera accepté.") == []


def test_the_api_says_what_the_documents_may_not_write(client: TestClient) -> None:
    text = "Fourniture de repas pour les crèches, 2 ans, 120 000 € HT, produits bio et locaux demandés par les élus"
    body = client.post("/api/v1/match", json={"text": text, "date": "2026-09-01"}).json()
    assert body["cautions"] == [{
        "id": "preference-locale", "title": "Préférence locale", "excerpt": "produits bio et locaux",
        "excerpts": ["produits bio et locaux"], "message": body["cautions"][0]["message"],
        "fix": body["cautions"][0]["fix"], "legal_basis": ["CCP L3"],
    }]
    assert "égalité de traitement" in body["cautions"][0]["message"]
    assert "nombre d'intermédiaires" in body["cautions"][0]["fix"]
    # The wish does not change what is proposed: the sustainable-food clauses are still recommended.
    recommended = {item["clause_id"] for item in body["matches"] if item["recommended"]}
    assert "alimentation-durable-egalim-parts" in recommended
    plain = client.post("/api/v1/match", json={"text": "Nettoyage des locaux de la mairie"}).json()
    assert plain["cautions"] == []


def test_the_cli_prints_the_caution_before_the_obligations(cli_database: None) -> None:
    result = CliRunner().invoke(cli, ["match", "Nettoyage des écoles, exiger le label Ecocert", "--date", "2026-09-01"])
    assert result.exit_code == 0
    out = " ".join(result.stdout.split())
    assert "Mise en garde — Label exigé sans « ou équivalent » (« label Ecocert ») :" in out
    assert out.index("Mise en garde") < out.index("Obligation :")
    result = CliRunner().invoke(cli, ["match", "Nettoyage des écoles, exiger le label Ecocert", "--json"])
    assert json.loads(result.stdout)["cautions"][0]["id"] == "label-sans-equivalent"
