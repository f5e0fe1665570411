"""``clausier docx``: the same document as the API, from the command line."""

import io
from collections.abc import Callable, Iterator
from pathlib import Path

import docx
import pytest
from click.testing import Result
from sqlalchemy import Engine
from sqlmodel import Session, select
from typer.testing import CliRunner

from app.clauses.service import create_clause
from app.cli import cli
from app.config import Settings, get_settings
from app.documents.models import GeneratedDocument
from tests.documents.docx_checks import open_docx, plain, styled

Run = Callable[..., Result]

CLAUSE = {
    "id": "essai-cli", "status": "active", "title": "Heures d'insertion", "kind": "condition-execution",
    "document": "CCAP",
    "themes": ["insertion"], "decp_value": "Clause sociale", "legal_basis": ["CCP L2112-2"], "sources": ["CCP"],
    "verification": [{"evidence": "État des heures", "when": "chaque mois"}],
    "variables": {
        "heures": {"type": "integer", "label": "Nombre d'heures", "min": 1},
        "lieu": {"type": "text", "label": "Lieu", "default": "la commune"},
    },
    "text": "Le titulaire réalise {{ heures }} heures d'insertion à {{ lieu }}.",
}


def _runner(url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Run]:
    monkeypatch.setenv("CLAUSIER_DATABASE_URL", url)
    monkeypatch.setenv("CLAUSIER_LOAD_SAMPLE_DATA", "false")
    get_settings.cache_clear()
    yield lambda *args: CliRunner().invoke(cli, ["docx", *args])
    get_settings.cache_clear()


@pytest.fixture
def run_docx(engine: Engine, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[Run]:
    """``clausier docx`` in-process, on a migrated test database holding the test clause."""
    with Session(engine) as session:
        create_clause(session=session, data=CLAUSE, author="tests")
    yield from _runner(settings.DATABASE_URL, monkeypatch)


@pytest.fixture
def run_docx_offline(monkeypatch: pytest.MonkeyPatch) -> Iterator[Run]:
    """``clausier docx`` with an unreachable database: for mistakes caught before it is opened."""
    yield from _runner("postgresql+psycopg://nobody:x@127.0.0.1:9/absent", monkeypatch)


def test_docx_writes_the_document_and_records_it(run_docx: Run, engine: Engine, tmp_path: Path) -> None:
    out = tmp_path / "clauses.docx"
    result = run_docx(
        "--clause", "essai-cli", "--var", "essai-cli.heures=1500", "--var", "essai-cli.lieu=Bourg-Test",
        "--meta", "reference=2026-007", "--meta", "buyer=Commune de Bourg-Test", "--meta", "date=2026-04-01",
        "--out", str(out),
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{out} : 1 clause, ")

    document = open_docx(out.read_bytes())
    assert styled(document, "Heading 2") == ["Article 1 – Heures d'insertion"]
    assert "Le titulaire réalise 1 500 heures d'insertion à Bourg-Test." in [plain(p.text) for p in document.paragraphs]
    block = {plain(row.cells[0].text): plain(row.cells[1].text) for row in document.tables[0].rows}
    assert block["Acheteur"] == "Commune de Bourg-Test"
    assert block["Date de génération"] == "1er avril 2026"
    with Session(engine) as session:
        recorded = session.exec(select(GeneratedDocument)).one()
    assert recorded.clauses == [{"id": "essai-cli", "version": 1}]
    assert recorded.reference == "2026-007"
    assert recorded.created_by.startswith("cli (")
    assert recorded.size == out.stat().st_size


def test_docx_merges_into_a_template(run_docx: Run, tmp_path: Path) -> None:
    template = docx.Document()
    template.add_paragraph("Préambule")
    template.add_paragraph("{{CLAUSES}}")
    stream = io.BytesIO()
    template.save(stream)
    (tmp_path / "modele.docx").write_bytes(stream.getvalue())
    out = tmp_path / "fusion.docx"
    result = run_docx(
        "--clause", "essai-cli", "--draft", "--template", str(tmp_path / "modele.docx"), "--out", str(out)
    )
    assert result.exit_code == 0, result.output
    document = open_docx(out.read_bytes())
    assert [plain(p.text) for p in document.paragraphs][:2] == ["Préambule", "Clauses à insérer dans le CCAP"]
    assert "[à compléter : Nombre d'heures]" in plain("\n".join(p.text for p in document.paragraphs))


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--clause", "absente"], 1, "Clauses refusées : « absente » : clause inconnue."),
        # A mistyped id names the clause meant (the officer had only « clause inconnue » to go on).
        (["--clause", "essai-clj"], 1, "« essai-clj » : clause inconnue (voulez-vous dire « essai-cli » ?)"),
        (["--clause", "essai-cli"], 1, "essai-cli – Nombre d'heures : valeur obligatoire manquante"),
        (["--clause", "essai-cli", "--var", "essai-cli.heures=0"], 1, "valeur inférieure au minimum (1)"),
    ],
    ids=["unknown", "mistyped", "missing", "bound"],
)
def test_docx_errors_are_french_and_exit_non_zero(
    run_docx: Run, tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    out = tmp_path / "jamais.docx"
    result = run_docx(*args, "--out", str(out))
    assert result.exit_code == code
    assert message in " ".join(result.stderr.split()), result.stderr
    assert " ".join(result.stderr.split()).count(message) == 1, result.stderr  # said once, not in two forms
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--clause", "essai-cli", "--var", "heures=3"], 2, "ID.NOM attendu"),
        (["--clause", "essai-cli", "--var", "essai-cli.heures"], 2, "ID.NOM=VALEUR attendu"),
        (["--clause", "essai-cli", "--meta", "couleur=bleu"], 2, "clé inconnue"),
        (["--clause", "essai-cli", "--meta", "date=demain", "--draft"], 1, "date : date attendue"),
        (["--clause", "essai-cli", "--draft", "--template", "/nonexistent/modele.docx"], 1, "Modèle illisible"),
        (["--clause", "essai-cli", "--draft", "--out", "/nonexistent/dossier/x.docx"], 1, "Dossier introuvable"),
    ],
    ids=["var-shape", "var-value", "meta-key", "meta-date", "template-missing", "out-dir-missing"],
)
def test_docx_mistakes_are_caught_before_the_database(
    run_docx_offline: Run, tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    out = tmp_path / "jamais.docx"
    result = run_docx_offline("--out", str(out), *args)  # a later --out wins
    assert result.exit_code == code
    assert message in " ".join(result.stderr.split()), result.stderr
    assert "injoignable" not in result.stderr
    assert not out.exists()


def test_docx_refuses_a_bad_template_file(run_docx: Run, tmp_path: Path) -> None:
    (tmp_path / "modele.docx").write_text("pas un document Word", encoding="utf-8")
    result = run_docx(
        "--clause", "essai-cli", "--draft", "--template", str(tmp_path / "modele.docx"),
        "--out", str(tmp_path / "x.docx"),
    )
    assert result.exit_code == 1
    assert "n'est pas un document Word .docx" in result.stderr
