"""Clauses that stand together: a document holds every clause its clauses refer to, never a dangling
reference; outside a document a reference reads as the clause's title."""

import re

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.bootstrap import builtin_library
from app.clauses.library import CROSS_REFERENCE
from app.config import PROJECT_ROOT
from app.documents.models import ClauseChoice, DocumentIn
from app.documents.service import generate_document, with_required
from tests.documents.docx_checks import body_paragraphs, open_docx, styled

PENALTY = {
    "id": "essai-penalite",
    "title": "Pénalités d'insertion",
    "kind": "penalite",
    "document": "CCAP",
    "themes": ["insertion"],
    "decp_value": "Clause sociale",
    "legal_basis": ["CCP L2112-2"],
    "sources": ["Code de la commande publique, art. L2112-2"],
    "verification": [{"evidence": "Bilan des heures", "when": "à la fin du marché"}],
    "text": "Chaque heure d'insertion non réalisée donne lieu à une pénalité de 50 € HT.",
}
CONDITION = {
    **PENALTY,
    "id": "essai-condition",
    "title": "Heures d'insertion",
    "kind": "condition-execution",
    "requires": ["essai-penalite"],
    "guidance": {
        "use": "Marchés de services récurrents à forte main-d'œuvre.",
        "avoid": "Fournitures livrées sans main-d'œuvre sur place.",
        "check": ["Faire dimensionner les heures par le facilitateur."],
    },
    "text": "Le titulaire réalise 350 heures d'insertion. Tout manquement est sanctionné selon [[essai-penalite]].",
}


@pytest.fixture
def linked(client: TestClient) -> TestClient:
    for data in (PENALTY, CONDITION):
        response = client.post("/api/v1/clauses", json=data)
        assert response.status_code == 201, response.text
    return client


@pytest.mark.postgres
def test_a_document_adds_the_required_clause_and_names_its_article(linked: TestClient) -> None:
    response = linked.post("/api/v1/documents", json={"clauses": [{"id": "essai-condition"}]})
    assert response.status_code == 200, response.text
    document = open_docx(response.content)
    assert styled(document, "Heading 2") == ["Article 1 – Heures d'insertion", "Article 2 – Pénalités d'insertion"]
    texts = [text for _, text in body_paragraphs(document)]
    assert ("Le titulaire réalise 350 heures d'insertion. Tout manquement est sanctionné selon "
            "l'article 2 du CCAP.") in texts
    recorded = linked.get("/api/v1/documents").json()["items"][0]["clauses"]
    assert [item["id"] for item in recorded] == ["essai-condition", "essai-penalite"]


@pytest.mark.postgres
def test_outside_a_document_a_reference_reads_as_the_clause_title(linked: TestClient) -> None:
    rendered = linked.post("/api/v1/clauses/essai-condition/render", json={}).json()
    assert rendered["text"].endswith("sanctionné selon la clause « Pénalités d'insertion ».")
    page = linked.get("/bibliotheque/essai-condition").text
    assert "la clause « Pénalités d&#39;insertion »" in page
    assert "Conseils d'utilisation" in page and "Faire dimensionner les heures par le facilitateur." in page
    detail = linked.get("/api/v1/clauses/essai-condition").json()
    assert detail["requires"] == ["essai-penalite"]
    assert detail["guidance"]["check"] == ["Faire dimensionner les heures par le facilitateur."]


@pytest.mark.postgres
def test_a_clause_cannot_require_an_unknown_clause(client: TestClient) -> None:
    response = client.post("/api/v1/clauses", json={**CONDITION, "requires": ["essai-inconnue"], "text": "Texte."})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "requires", "message": "clause « essai-inconnue » inconnue ou retirée"}
    ]


ARTICLE = re.compile(r"l'article[ \u00a0](\d+) (?:du (RC|CCAP|CCTP)|de l'acte d'engagement)")


def test_every_builtin_clause_alone_gives_a_document_without_dangling_reference(session: Session) -> None:
    for doc in builtin_library(PROJECT_ROOT / "clauses"):
        if doc.status != "active":
            continue
        choices = with_required(session=session, choices=[ClauseChoice(id=doc.id)])
        _, content = generate_document(
            session=session, request=DocumentIn(clauses=choices[:1], draft=True), author="tests"
        )
        document = open_docx(content)
        texts = [text for _, text in body_paragraphs(document)]
        assert not [text for text in texts if CROSS_REFERENCE.search(text)], doc.id
        parts = [title.rsplit(" ", 1)[-1] for title in styled(document, "Heading 1")]
        articles = styled(document, "Heading 2")
        assert len(articles) == len(choices), doc.id
        for text in texts:
            for number, part in ARTICLE.findall(text):
                assert (part or "l'AE") in parts and int(number) <= len(articles), (doc.id, text)


# Wording that points at a document the file may not contain (the lawyer's review found all of these).
ABSENT_DOCUMENT = re.compile(
    r"annexe du présent|annexée? au présent|ci-annexée?|tableur joint|protocole du CCTP|palette végétale annexée"
    r"|(?:en|à l')annexe du (?:CCAP|CCTP|RC)", re.IGNORECASE,
)


def test_no_builtin_clause_points_at_an_annex_it_does_not_bring() -> None:
    found = {doc.id: match.group(0) for doc in builtin_library(PROJECT_ROOT / "clauses")
             if doc.status == "active" and (match := ABSENT_DOCUMENT.search(doc.text))}
    assert found == {}
