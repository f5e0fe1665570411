"""Journey "Vérifier un projet" without a browser: upload form, findings by severity, "ajouter la clause" into the
document journey with the clause ticked, the commented draft, refusals shown next to the field."""

import base64
import io

import docx
from fastapi.testclient import TestClient

from app.documents.service import DOCX_MEDIA_TYPE
from tests.checks.support import DRAFTS_DIR, pdf
from tests.web.page_checks import field_error, parse, text_of, unlabelled_fields

DRAFT = DRAFTS_DIR / "25-dce-restauration-ehpad.docx"


def upload(client: TestClient, action: str = "verifier", **fields: str) -> object:
    return client.post("/verifier", files={"fichier": (DRAFT.name, DRAFT.read_bytes(), DOCX_MEDIA_TYPE)},
                       data={"action": action, **fields})


def test_upload_form(officer: TestClient) -> None:
    tree = parse(officer.get("/verifier").text)
    form = tree.xpath("//form[@action='/verifier']")[0]
    assert form.get("enctype") == "multipart/form-data"
    assert {f.get("name") for f in form.xpath(".//input | .//select")} == {
        "fichier", "montant", "cpv", "nature", "date_lancement"}
    assert unlabelled_fields(tree) == []
    assert "Vérifier un projet" in [text_of(a) for a in tree.xpath("//nav//a")]


def test_findings_grouped_by_severity_with_clauses_to_add(officer: TestClient) -> None:
    response = upload(officer)
    assert response.status_code == 200  # type: ignore[attr-defined]
    tree = parse(response.text)  # type: ignore[attr-defined]
    groups = [text_of(h) for h in tree.xpath("//section[@class='constats']/h3")]
    assert groups[0].startswith("À corriger avant publication") and groups[-1].startswith("Ce que le projet contient")
    rules = tree.xpath("//li[@data-regle]/@data-regle")
    assert {"egalim-parts-manquantes", "preference-locale", "reference-perimee", "present-insertion"} <= set(rules)
    egalim = tree.xpath("//li[@data-regle='egalim-parts-manquantes']")[0]
    form = egalim.xpath(".//form[@action='/propositions']")[0]
    clause = form.xpath(".//input[@name='clause']/@value")[0]
    assert clause.startswith("alimentation-durable-")
    fields = {i.get("name"): i.get("value") for i in form.xpath(".//input[@type='hidden']")}
    assert fields["montant"].replace("\u00a0", " ") == "400 000" and "EHPAD" in fields["texte"]
    # "Ajouter la clause": the proposals page of the document journey, that clause ticked.
    proposals = parse(officer.post("/propositions", data=fields).text)
    clause_id = clause.partition(":")[0]
    box = proposals.get_element_by_id(f"clause-{clause_id}")
    assert box.get("checked") is not None
    decp = text_of(tree.xpath("//div[h3='Données essentielles (DECP) à déclarer']")[0])
    assert "considerationsSociales : Clause sociale" in decp


def test_commented_draft_from_the_results_and_from_the_form(officer: TestClient) -> None:
    tree = parse(upload(officer).text)  # type: ignore[attr-defined]
    link = tree.xpath("//a[@download]")[0]
    assert link.get("download") == "25-dce-restauration-ehpad-commente.docx"
    embedded = base64.b64decode(link.get("href").split(",", 1)[1])
    direct = upload(officer, action="commenter")
    assert direct.headers["content-type"] == DOCX_MEDIA_TYPE  # type: ignore[attr-defined]
    for content in (embedded, direct.content):  # type: ignore[attr-defined]
        assert len(list(docx.Document(io.BytesIO(content)).comments)) == len(tree.xpath("//li[@data-regle]"))


def test_a_missing_consideration_says_where_to_add_it_not_a_paragraph(officer: TestClient) -> None:
    tree = parse(upload(officer).text)  # type: ignore[attr-defined]
    where = " ".join(text_of(tree.xpath("//li[@data-regle='egalim-parts-manquantes']/p[@class='meta']")[0]).split())
    assert where.startswith("Considération manquante à ajouter : CCAP")
    assert "§" not in where


def test_an_amount_with_cents_shows_both_decimals(officer: TestClient) -> None:
    tree = parse(upload(officer, montant="450000,50").text)  # type: ignore[attr-defined]
    labels = [text_of(li) for li in tree.xpath("//ul[@aria-label='Ce que Clausier a lu']/li")]
    assert "Montant : 450 000,50 € HT (saisi)" in [" ".join(label.replace("\u00a0", " ").split()) for label in labels]


def test_an_amount_in_millions_is_read_as_the_matching_reads_it(officer: TestClient) -> None:
    tree = parse(upload(officer, montant="4,5 M€").text)  # type: ignore[attr-defined]
    labels = [text_of(li) for li in tree.xpath("//ul[@aria-label='Ce que Clausier a lu']/li")]
    assert "Montant : 4 500 000 € HT (saisi)" in [" ".join(label.replace("\u00a0", " ").split()) for label in labels]


def test_a_pdf_asked_for_comments_still_shows_its_findings(officer: TestClient) -> None:
    """« Télécharger le projet commenté » on a PDF: no Word comments, but the findings, not a refusal to redo."""
    draft = pdf([["ARTICLE 1 - OBJET", "Conformement a l'article 14 du code des marches publics, le titulaire "
                  "respecte les conditions d'execution."]])
    response = officer.post("/verifier", files={"fichier": ("ccap.pdf", draft, "application/pdf")},
                            data={"action": "commenter"})
    assert response.status_code == 200
    tree = parse(response.text)
    outdated = tree.xpath("//li[@data-regle='reference-perimee']")[0]
    assert text_of(outdated.xpath("h4")[0]) == "Référence périmée : article 14 du code des marchés publics (2006)"
    assert "« article 14 du code des marches publics » : Conditions d'exécution comportant des éléments à caractère " \
        "social ou environnemental ; texte remplacé." in text_of(outdated)  # not « renvoie à CMP 2006 art. 14 »
    assert "Le projet commenté n'est produit que pour un fichier Word (.docx) : les constats du PDF sont ci-dessous." \
        in text_of(tree.xpath("//main")[0])
    assert tree.xpath("//a[@download]") == []


def test_refusals_are_shown_next_to_the_field(officer: TestClient) -> None:
    response = officer.post("/verifier", files={"fichier": ("x.docx", b"rien", DOCX_MEDIA_TYPE)},
                            data={"montant": "beaucoup"})
    assert response.status_code == 422
    tree = parse(response.text)
    assert "Montant invalide" in field_error(tree, "montant")
    response = officer.post("/verifier", files={"fichier": ("x.docx", b"rien", DOCX_MEDIA_TYPE)})
    assert response.status_code == 422
    assert "n'est pas un document Word" in field_error(parse(response.text), "fichier")
    response = officer.post("/verifier", data={"action": "verifier"})
    assert "Choisissez le projet" in field_error(parse(response.text), "fichier")
