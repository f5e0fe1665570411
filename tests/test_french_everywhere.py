"""Everything users read is French, with real plurals (issue 19): a scan of every template, the source strings,
the message catalogues, the pages as rendered, the report and a generated document (the CLI help: see
test_cli_french.py). The word list is tests/wording.py."""

import ast
import io
import re
from datetime import date
from pathlib import Path
from typing import Literal

import docx
import lxml.html
import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlmodel import Session

from app import errors
from app.config import PROJECT_ROOT, Settings
from app.demo.service import load_demo
from app.reports.render import write_annual_report
from tests.web.test_web_pages import PAGES, TENDER
from tests.wording import LAZY_PLURAL, careless

APP = PROJECT_ROOT / "app"
TEMPLATES = sorted((APP / "web" / "templates").glob("*.html"))
# Attributes whose text users see or hear.
SHOWN_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
JINJA = re.compile(r"{#.*?#}|{%.*?%}|{{.*?}}", re.DOTALL)


def visible_text(html: str) -> str:
    """The text a reader sees or hears of an HTML page or template (scripts and styles left out)."""
    tree = lxml.html.fromstring(html)
    for hidden in tree.xpath("//script | //style"):
        hidden.drop_tree()
    shown = [value for name in SHOWN_ATTRIBUTES for value in tree.xpath(f"//@{name}")]
    return " ".join([tree.text_content(), *shown])


def string_constants(path: Path) -> list[tuple[int, str]]:
    """The string literals of a Python module (f-string parts included), docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value) for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def test_no_lazy_plural_in_the_source() -> None:
    found = [f"{path.relative_to(PROJECT_ROOT)}:{line}: {text!r}"
             for path in sorted(APP.rglob("*.py")) for line, text in string_constants(path) if LAZY_PLURAL in text]
    found += [f"{path.relative_to(PROJECT_ROOT)}" for path in [*TEMPLATES, *APP.rglob("*.js")]
              if LAZY_PLURAL in path.read_text(encoding="utf-8")]
    assert found == []


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: path.name)
def test_every_template_reads_as_french(template: Path) -> None:
    text = JINJA.sub(" ", template.read_text(encoding="utf-8"))
    assert careless(visible_text(f"<div>{text}</div>")) == []


def test_message_catalogues_are_french() -> None:
    messages = [*errors._PYDANTIC_FR.values(), *errors._JSON_MESSAGES.values(),
                *(message for _, message in errors._INPUT_FAULTS.values())]
    assert [message for message in messages if careless(message)] == []


class Everything(BaseModel):
    """A model that fails in the common ways, to read the messages the API gives for them."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=5)
    count: int = Field(ge=0, le=30)
    share: float
    flag: bool
    on: date
    items: list[int] = Field(max_length=2)
    nature: Literal["travaux", "fournitures", "services"]


def test_validation_messages_are_french() -> None:
    with pytest.raises(ValidationError) as caught:
        Everything.model_validate({"name": "", "count": 31, "share": "beaucoup", "flag": "peut-être", "on": "hier",
                                   "items": [1, "x", 3], "nature": "autre", "inconnu": 1})
    described = errors.describe_validation_errors(caught.value.errors())
    assert {item["field"].split(".")[0] for item in described} == {
        "name", "count", "share", "flag", "on", "items", "nature", "inconnu"}
    assert [item for item in described if careless(item["message"])] == []
    with pytest.raises(ValidationError) as missing:
        Everything.model_validate({})
    assert {item["message"] for item in errors.describe_validation_errors(missing.value.errors())} == {
        "champ obligatoire"}


@pytest.fixture
def demo_client(client: TestClient, settings: Settings) -> TestClient:
    load_demo(client.app.state.engine, settings)  # type: ignore[attr-defined]
    client.headers.pop("Authorization")
    client.headers["X-Remote-User"] = "claire.martin"
    client.headers["Accept"] = "text/html"
    return client


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"TRUSTED_USER_HEADER": "X-Remote-User"})


def test_pages_as_rendered_read_as_french(demo_client: TestClient) -> None:
    paths = [path for path, _ in PAGES] + [
        "/donnees", "/donnees/acheteurs", "/donnees/acheteurs/nouveau", "/verifier", "/page-inconnue", "/dossiers",
        "/dossiers/nouveau",
        "/fournisseurs?departement=Atlantide", "/fournisseurs?q=nettoyage", "/rapport?annee=2025",
        "/bibliotheque?q=zzzz",
    ]
    found = {}
    for path in paths:
        response = demo_client.get(path)
        assert response.headers["content-type"].startswith("text/html"), path
        if words := careless(visible_text(response.text)):
            found[path] = words
    for path, form in (("/propositions", TENDER), ("/propositions", TENDER | {"texte": ""})):
        if words := careless(visible_text(demo_client.post(path, data=form).text)):
            found[f"POST {path}"] = words
    assert found == {}


def test_report_and_document_read_as_french(client: TestClient, settings: Settings, tmp_path: Path) -> None:
    engine = client.app.state.engine  # type: ignore[attr-defined]
    load_demo(engine, settings)
    with Session(engine) as session:
        files = write_annual_report(session, year=2025, out_dir=tmp_path)
    report = docx.Document(str(files.docx))
    text = "\n".join([p.text for p in report.paragraphs]
                     + [cell.text for table in report.tables for row in table.rows for cell in row.cells])
    for path in (files.csv, files.contracts_csv):
        text += path.read_text(encoding="utf-8-sig")
    assert careless(text) == []

    made = client.post("/api/v1/documents", json={
        "tender_object": TENDER["texte"], "draft": True,
        "clauses": [{"id": clause} for clause in (
            "insertion-heures-execution", "environnement-general-condition-execution",
            "papier-impression-papier-recycle")],
    })
    assert made.status_code == 200, made.text
    document = docx.Document(io.BytesIO(made.content))
    body = "\n".join([p.text for p in document.paragraphs]
                     + [cell.text for table in document.tables for row in table.rows for cell in row.cells])
    assert "Objet du marché" in body
    assert careless(body) == []


def test_templates_make_zero_and_one_singular() -> None:
    """French counts 0 and 1 in the singular: a template plural is ``'s' if n > 1`` (or ``pluriel``), never
    ``'s' if n != 1``, which writes "0 engagements"."""
    english_rule = re.compile(r"""['"]s['"] if [^}]*!= ?1""")
    assert [f"{path.name}:{number}" for path in TEMPLATES
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if english_rule.search(line)] == []
