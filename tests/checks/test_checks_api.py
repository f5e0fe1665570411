"""POST /api/v1/checks (JSON findings) and /api/v1/checks/docx (commented draft), on both databases; problems in
French as problem+json; ``clausier check``."""

import io
import json
from pathlib import Path

import docx
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from app.cli import cli
from tests.checks.support import DRAFTS_DIR, build, pdf

DRAFT = DRAFTS_DIR / "03-ccap-restauration-bons-de-commande.docx"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_check_returns_findings_grouped_and_located(client: TestClient) -> None:
    response = client.post("/api/v1/checks", files={"file": (DRAFT.name, DRAFT.read_bytes(), DOCX)})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["source"] == "docx" and body["parts"] == ["CCAP"]
    assert body["counts"]["manquant"] >= 2 and body["counts"]["obsolete"] == 1
    severities = [f["severity"] for f in body["findings"]]
    assert severities == sorted(severities, key=["haute", "moyenne", "faible", "info"].index)
    outdated = next(f for f in body["findings"] if f["category"] == "obsolete")
    assert outdated["reference"] == "CMP 2006 art. 14"
    assert outdated["replaced_by"] == ["CCP L2112-2", "CCP L2112-3"]
    assert outdated["location"]["article"] == "5" and outdated["location"]["paragraph"] == 6
    social = next(f for f in body["findings"] if f["rule"] == "social-condition-manquante")
    assert social["clauses"] and all(c["version"] >= 1 for c in social["clauses"])
    assert body["facts"]["amount_eur"] == 450000 and body["facts"]["origin"]["montant"] == "lu dans le projet"
    assert body["decp"]["considerationsEnvironnementales"] == ["Clause environnementale"]


def test_check_uses_the_facts_given(client: TestClient) -> None:
    data = build([("title", "CCAP"), ("p", "Nettoyage des locaux municipaux.")])
    response = client.post("/api/v1/checks", files={"file": ("ccap.docx", data, DOCX)},
                           data={"amount_eur": "2000", "cpv": "90911200-8", "nature": "services",
                                 "date": "2026-05-01"})
    assert response.status_code == 200, response.text
    facts = response.json()["facts"]
    assert facts["cpv"] == ["90911200"] and facts["launch_date"] == "2026-05-01" and facts["nature"] == "services"
    assert response.json()["counts"]["manquant"] == 0  # before 21 August 2026 and under 5 000 €


@pytest.mark.parametrize(("files", "data", "status", "detail"), [
    ({"file": ("x.docx", b"pas un document", DOCX)}, {}, 422, "n'est pas un document Word"),
    ({"file": ("scan.pdf", pdf([[]]), "application/pdf")}, {}, 422, "PDF sans texte"),
    ({"file": ("vide.docx", b"", DOCX)}, {}, 422, "vide"),
    ({"file": ("x.docx", b"PK" + bytes(10 * 1024 * 1024), DOCX)}, {}, 413, "taille maximale"),
    ({"file": ("x.docx", b"x", DOCX)}, {"cpv": "123"}, 422, "cpv"),
])
def test_refusals_are_problems_in_french(client: TestClient, files: dict[str, tuple[str, bytes, str]],
                                         data: dict[str, str], status: int, detail: str) -> None:
    response = client.post("/api/v1/checks", files=files, data=data)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/problem+json")
    assert detail in response.json()["detail"]


def test_commented_draft(client: TestClient) -> None:
    response = client.post("/api/v1/checks/docx", files={"file": (DRAFT.name, DRAFT.read_bytes(), DOCX)})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == DOCX
    assert 'filename="03-ccap-restauration-bons-de-commande-commente.docx"' in response.headers["content-disposition"]
    comments = list(docx.Document(io.BytesIO(response.content)).comments)
    assert len(comments) == len(client.post("/api/v1/checks", files={"file": (DRAFT.name, DRAFT.read_bytes())})
                                .json()["findings"])


def test_commented_draft_needs_a_word_file(client: TestClient) -> None:
    data = pdf([["CCAP", "Article 1 – Objet", "Nettoyage des locaux, article 14 du code des marchés publics."]])
    response = client.post("/api/v1/checks/docx", files={"file": ("ccap.pdf", data, "application/pdf")})
    assert response.status_code == 422 and "fichier Word" in response.json()["detail"]


def test_cli_json_table_and_commented_file(cli_database: None, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["check", str(DRAFT), "--json"])
    assert result.exit_code == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["counts"]["obsolete"] == 1
    out = tmp_path / "commente.docx"
    result = runner.invoke(cli, ["check", str(DRAFT), "--commente", str(out)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    assert "Référence périmée" in result.stdout and "DECP" in result.stdout
    assert len(list(docx.Document(str(out)).comments)) == len(body["findings"])


def test_cli_reads_a_french_amount(cli_database: None) -> None:
    """« --montant "250 000" », as the web form takes it, was refused with « nombre attendu »."""
    result = CliRunner().invoke(cli, ["check", str(DRAFT), "--json", "--montant", "250 000"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["facts"]["amount_eur"] == 250_000


def test_cli_refusal_exits_non_zero(cli_database: None, tmp_path: Path) -> None:
    bad = tmp_path / "x.docx"
    bad.write_bytes(b"nope")
    result = CliRunner().invoke(cli, ["check", str(bad)])
    assert result.exit_code == 1 and "n'est pas un document Word" in result.stderr
