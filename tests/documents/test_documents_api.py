"""Documents API: JSON in, .docx out; values checked; template upload; every document recorded."""

import hashlib
import io
import json
import zipfile
from typing import Any

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX
from fastapi.testclient import TestClient

from app.config import Settings
from app.documents.builder import MAX_TEMPLATE_BYTES
from app.documents.service import DOCX_MEDIA_TYPE, today
from app.main import create_app
from tests.documents.docx_checks import all_text, body_paragraphs, open_docx, plain, styled

PROBLEM = "application/problem+json"

INSERTION = {
    "id": "essai-insertion",
    "title": "Insertion professionnelle",
    "kind": "condition-execution",
    "document": "CCAP",
    "themes": ["insertion"],
    "decp_value": "Clause sociale",
    "legal_basis": ["CCP L2112-2"],
    "sources": ["Code de la commande publique, art. L2112-2"],
    "verification": [
        {"evidence": "Plan d'insertion visé par le facilitateur", "when": "avant le début des prestations"},
        {"evidence": "État mensuel des heures", "when": "chaque mois"},
    ],
    "variables": {
        "heures": {"type": "integer", "label": "Nombre d'heures d'insertion", "min": 1, "max": 100000},
        "montant": {"type": "money", "label": "Montant estimé"},
        "taux": {"type": "percent", "label": "Taux d'insertion", "default": 5},
        "debut": {"type": "date", "label": "Date de début"},
        "modalite": {"type": "choice", "label": "Modalité", "choices": ["embauche directe", "mise à disposition"],
                     "default": "embauche directe"},
        "perimetre": {"type": "text", "label": "Périmètre", "default": "l'ensemble du marché"},
    },
    "text": (
        "Le titulaire réalise au moins {{ heures }} heures d'insertion sur {{ perimetre }}, pour un marché estimé "
        "à {{ montant }} € HT, soit {{ taux }} % de la main-d'œuvre, à partir du {{ debut }}.\n\n"
        "Modalité retenue : {{ modalite }}."
    ),
}
CRITERE = {
    **INSERTION,
    "id": "essai-critere",
    "title": "Critère de performance sociale",
    "kind": "critere-attribution",
    "document": "RC",
    "decp_value": "Critère social",
    "legal_basis": ["CCP L2152-7", "CCP R2152-7"],
    "variables": {},
    "verification": [{"evidence": "Mémoire social", "when": "avec l'offre"}],
    "text": "La performance sociale compte pour 15 % de la note.",
}
VALUES = {"heures": "12000", "montant": "450 000", "debut": "2026-09-01"}


@pytest.fixture
def clauses(client: TestClient) -> TestClient:
    """``client`` with two local clauses of known shape (RC and CCAP)."""
    for data in (INSERTION, CRITERE):
        response = client.post("/api/v1/clauses", json=data)
        assert response.status_code == 201, response.text
    return client


def request(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": "Clauses sociales du marché de voirie",
        "buyer": "Communauté de communes du Val",
        "tender_object": "Entretien de la voirie communautaire",
        "reference": "MAPA 2026/014 Élagage",
        "date": "2026-03-02",
        "clauses": [{"id": "essai-insertion", "variables": VALUES}, {"id": "essai-critere"}],
    }
    return body | overrides


def test_document_is_a_docx_with_filled_values(clauses: TestClient) -> None:
    response = clauses.post("/api/v1/documents", json=request())
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == DOCX_MEDIA_TYPE
    assert response.headers["content-disposition"] == 'attachment; filename="clauses-MAPA-2026-014-Elagage.docx"'

    document = open_docx(response.content)
    assert styled(document, "Title") == ["Clauses sociales du marché de voirie"]
    assert styled(document, "Heading 1") == [
        "Clauses à insérer dans le RC", "Clauses à insérer dans le CCAP", "Annexe – Justificatifs à demander",
        "Annexe – Nature et fondement des clauses",
    ]
    assert styled(document, "Heading 2") == [
        "Article 1 – Critère de performance sociale", "Article 1 – Insertion professionnelle",
    ]
    texts = [text for _, text in body_paragraphs(document)]
    assert (
        "Le titulaire réalise au moins 12 000 heures d'insertion sur l'ensemble du marché, pour un marché estimé "
        "à 450 000 € HT, soit 5 % de la main-d'œuvre, à partir du 1er septembre 2026."
    ) in texts
    assert "Modalité retenue : embauche directe." in texts
    assert not [text for text in texts if text.startswith("Fondement")]  # in the annex, not in the articles
    block = {plain(row.cells[0].text): plain(row.cells[1].text) for row in document.tables[0].rows}
    assert block["Acheteur"] == "Communauté de communes du Val"
    assert block["Date de génération"] == "2 mars 2026"
    annex = [[plain(c.text) for c in row.cells] for row in document.tables[-2].rows]
    assert annex[1:] == [
        ["RC art. 1 – Critère de performance sociale", "Mémoire social", "avec l'offre"],
        ["CCAP art. 1 – Insertion professionnelle", "Plan d'insertion visé par le facilitateur",
         "avant le début des prestations"],
        ["CCAP art. 1 – Insertion professionnelle", "État mensuel des heures", "chaque mois"],
    ]


def test_amounts_keep_non_breaking_spaces(clauses: TestClient) -> None:
    document = open_docx(clauses.post("/api/v1/documents", json=request()).content)
    paragraph = next(p.text for p in document.paragraphs if "heures d'insertion sur" in p.text)
    assert "12\u00a0000\u00a0heures" in paragraph
    assert "450\u00a0000\u00a0€\u00a0HT" in paragraph
    assert "5\u00a0%" in paragraph


def test_every_document_is_recorded(clauses: TestClient) -> None:
    first = clauses.post("/api/v1/documents", json=request())
    later = request(reference="", draft=True, clauses=[{"id": "essai-critere"}])
    second = clauses.post("/api/v1/documents", json=later)
    assert second.headers["content-disposition"] == f'attachment; filename="clauses-{today().isoformat()}.docx"'

    log = clauses.get("/api/v1/documents").json()
    assert log["total"] == 2
    newest, oldest = log["items"]
    assert newest["id"] == int(second.headers["x-document-id"])
    assert oldest["clauses"] == [{"id": "essai-insertion", "version": 1}, {"id": "essai-critere", "version": 1}]
    assert oldest["sha256"] == hashlib.sha256(first.content).hexdigest()
    assert oldest["size"] == len(first.content)
    assert oldest | {"created_at": None, "id": None, "sha256": None, "size": None, "clauses": None} == {
        "id": None, "created_at": None, "reference": "MAPA 2026/014 Élagage",
        "title": "Clauses sociales du marché de voirie", "buyer": "Communauté de communes du Val", "buyer_siret": None,
        "tender_object": "Entretien de la voirie communautaire", "clauses": None, "sha256": None, "size": None,
        "template_used": False, "template_sha256": None, "draft": False, "created_by": "tests-admin",
    }
    assert newest["draft"] is True
    assert newest["created_at"].endswith(("Z", "+00:00"))

    page = clauses.get("/api/v1/documents", params={"limit": 1, "offset": 1}).json()
    assert page["total"] == 2
    assert [item["id"] for item in page["items"]] == [oldest["id"]]

    audit = clauses.get("/api/v1/audit", params={"resource": "document"}).json()
    assert [event["resource_id"] for event in audit["items"]] == [str(newest["id"]), str(oldest["id"])]
    assert audit["items"][1]["summary"]["after"]["sha256"] == oldest["sha256"]


def test_version_is_pinned_and_recorded(clauses: TestClient) -> None:
    changed = {**INSERTION, "title": "Insertion professionnelle (révisée)"}
    changed.pop("id")
    assert clauses.put("/api/v1/clauses/essai-insertion", json=changed, headers={"If-Match": '"1"'}).status_code == 200
    old = request(clauses=[{"id": "essai-insertion", "version": 1, "variables": VALUES}])
    current = request(clauses=[{"id": "essai-insertion", "variables": VALUES}])
    assert styled(open_docx(clauses.post("/api/v1/documents", json=old).content), "Heading 2") == [
        "Article 1 – Insertion professionnelle"
    ]
    assert styled(open_docx(clauses.post("/api/v1/documents", json=current).content), "Heading 2") == [
        "Article 1 – Insertion professionnelle (révisée)"
    ]
    recorded = [item["clauses"] for item in clauses.get("/api/v1/documents").json()["items"]]
    assert recorded == [[{"id": "essai-insertion", "version": 2}], [{"id": "essai-insertion", "version": 1}]]


@pytest.mark.parametrize(
    ("clauses_in", "status", "detail", "errors"),
    [
        (  # every problem in one answer: unknown clause and bad values together
            [{"id": "inconnue"}, {"id": "essai-insertion", "variables": {**VALUES, "heures": 0}}], 422,
            "Clauses refusées : « inconnue » : clause inconnue.",
            [{"clause_id": "inconnue"}, {"variable": "heures"}],
        ),
        ([{"id": "essai-critere", "version": 9}], 422, "« essai-critere » : version 9 inconnue",
         [{"clause_id": "essai-critere"}]),
        (
            [{"id": "essai-critere"}, {"id": "essai-critere"}], 422, "demandée plusieurs fois",
            [{"clause_id": "essai-critere"}],
        ),
        (
            [{"id": "essai-insertion", "variables": {"heures": "beaucoup", "montant": "-"}}],
            422, "Valeurs invalides pour la clause « Insertion professionnelle »",
            [{"variable": "heures", "label": "Nombre d'heures d'insertion"},
             {"variable": "montant", "label": "Montant estimé"},
             {"variable": "debut", "label": "Date de début"}],
        ),
        (
            [{"id": "essai-insertion", "variables": {**VALUES, "heures": 0, "taux": 140, "modalite": "autre",
                                                      "debut": "31/02/2026", "inconnue": 1}}],
            422, "valeur inférieure au minimum (1)",
            [{"variable": "inconnue"}, {"variable": "heures"}, {"variable": "taux"}, {"variable": "debut"},
             {"variable": "modalite"}],
        ),
    ],
    ids=["unknown-clause", "unknown-version", "duplicate", "bad-and-missing", "out-of-bounds"],
)
def test_bad_requests_name_each_problem(
    clauses: TestClient, clauses_in: list[dict[str, Any]], status: int, detail: str, errors: list[dict[str, str]]
) -> None:
    response = clauses.post("/api/v1/documents", json=request(clauses=clauses_in))
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert detail in body["detail"]
    pairs = zip(body["errors"], errors, strict=True)
    assert [{key: error[key] for key in expected} for error, expected in pairs] == errors
    assert all(error["message"] for error in body["errors"])
    assert clauses.get("/api/v1/documents").json()["total"] == 0


def test_draft_highlights_missing_values_instead_of_failing(clauses: TestClient) -> None:
    body = request(clauses=[{"id": "essai-insertion", "variables": {"heures": 350}}], draft=True)
    response = clauses.post("/api/v1/documents", json=body)
    assert response.status_code == 200, response.text
    document = open_docx(response.content)
    paragraph = next(p for p in document.paragraphs if "heures d'insertion" in p.text)
    marks = [plain(r.text) for r in paragraph.runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW]
    assert marks == ["[à compléter : Montant estimé]", "[à compléter : Date de début]"]
    assert "PROJET" in all_text(document)


@pytest.mark.parametrize(
    "body",
    [
        {"clauses": []},
        {"clauses": [{"id": "essai-critere"}], "colour": "bleu"},
        {"clauses": [{"id": "essai-critere"}], "date": "02/03/2026"},
        {"clauses": [{"id": "essai-critere"}], "reference": "x" * 201},
    ],
    ids=["no-clause", "unknown-field", "bad-date", "long-reference"],
)
def test_malformed_requests_are_422(clauses: TestClient, body: dict[str, Any]) -> None:
    response = clauses.post("/api/v1/documents", json=body)
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM


def test_anonymous_callers_generate_only_when_reading_is_public(clauses: TestClient, settings: Settings) -> None:
    anonymous = TestClient(clauses.app, raise_server_exceptions=False)
    assert anonymous.post("/api/v1/documents", json=request()).status_code == 200
    assert clauses.get("/api/v1/documents").json()["items"][0]["created_by"] == "anonymous"

    private = create_app(settings.model_copy(update={"PUBLIC_READ": False}))
    with TestClient(private, raise_server_exceptions=False) as closed:
        assert closed.post("/api/v1/documents", json=request()).status_code == 401
        assert closed.get("/api/v1/documents").status_code == 401


def template_bytes(marker: str = "{{CLAUSES}}") -> bytes:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "En-tête de la commune"
    document.add_paragraph("Préambule du CCAP")
    document.add_paragraph(marker)
    document.add_paragraph("Fin du CCAP")
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def upload(client: TestClient, template: bytes, body: dict[str, Any] | str | None = None) -> Any:
    data = body if isinstance(body, str) else json.dumps(body or request())
    return client.post(
        "/api/v1/documents/with-template",
        files={"template": ("modele.docx", template, DOCX_MEDIA_TYPE)},
        data={"data": data},
    )


def test_template_upload_inserts_the_clauses(clauses: TestClient) -> None:
    template = template_bytes()
    response = upload(clauses, template)
    assert response.status_code == 200, response.text
    assert response.headers["content-disposition"] == 'attachment; filename="clauses-MAPA-2026-014-Elagage.docx"'
    document = open_docx(response.content)
    texts = [text for _, text in body_paragraphs(document)]
    assert texts[0] == "Préambule du CCAP"
    assert texts[1] == "Clauses à insérer dans le RC"
    assert texts[-1] == "Fin du CCAP"
    assert document.sections[0].header.paragraphs[0].text == "En-tête de la commune"
    record = clauses.get("/api/v1/documents").json()["items"][0]
    assert record["template_used"] is True
    assert record["template_sha256"] == hashlib.sha256(template).hexdigest()


def zip_bomb() -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (60 * 1024 * 1024))
    return output.getvalue()


@pytest.mark.parametrize(
    ("template", "status", "message"),
    [
        (b"%PDF-1.7 pas un docx", 422, "n'est pas un document Word .docx"),
        (template_bytes("Pas de marqueur"), 422, "ne contient pas de paragraphe {{CLAUSES}}"),
        (zip_bomb(), 413, "archive piégée"),
        (b"PK" + bytes(MAX_TEMPLATE_BYTES), 413, "taille maximale de 10 Mo"),
    ],
    ids=["pdf", "no-marker", "zip-bomb", "too-large"],
)
def test_unusable_templates_are_refused(clauses: TestClient, template: bytes, status: int, message: str) -> None:
    response = upload(clauses, template)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    assert message in response.json()["detail"]
    assert clauses.get("/api/v1/documents").json()["total"] == 0


@pytest.mark.parametrize(
    ("data", "field"),
    [("{pas du json", "data"), ('{"clauses": []}', "data.clauses"), ('{"clauses": [{"id": 3}]}', "data.clauses.0.id")],
)
def test_template_request_field_is_validated(clauses: TestClient, data: str, field: str) -> None:
    response = upload(clauses, template_bytes(), data)
    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == [field]


def test_template_upload_checks_values_like_the_json_route(clauses: TestClient) -> None:
    response = upload(clauses, template_bytes(), request(clauses=[{"id": "essai-insertion"}]))
    assert response.status_code == 422
    assert {error["variable"] for error in response.json()["errors"]} == {"heures", "montant", "debut"}
