"""Documents from a tender file (both databases): whole consultation with its lots, one part, one lot; edit and
regenerate, the earlier document stays in the file's history; documents reopened with python-docx."""

import pytest
from sqlmodel import Session

from app.errors import InvalidInput
from app.tenders import documents, service
from app.tenders.models import TenderClauseIn
from tests.documents.docx_checks import all_text, object_paragraphs, open_docx, styled
from tests.tenders.conftest import add_buyer, tender_in

CLAUSES = [
    TenderClauseIn(id="insertion-heures-execution", lots=[1, 3], variables={"heures": 700},
                   lot_variables={3: {"heures": 175}}),
    TenderClauseIn(id="biodiversite-eau-zero-phyto", lots=[2]),
    TenderClauseIn(id="conditions-de-travail-vigilance"),
    TenderClauseIn(id="marche-reserve-lot-reserve", lots=[2]),
]


def test_documents_whole_part_lot_and_history(session: Session) -> None:
    add_buyer(session)
    tender_id = int(service.create_tender(session=session, data=tender_in(), author="Agnès").id or 0)
    service.set_clauses(session=session, tender_id=tender_id, clauses=CLAUSES, expected_version=1)

    whole, content = documents.generate(session=session, tender_id=tender_id, scope="dossier", lot=None,
                                        draft=False, author="Agnès")
    document = open_docx(content)
    text = all_text(document)
    # Common articles once; each lot's own clauses under its heading, with the lot's own values.
    assert styled(document, "Heading 2").count("Lot n° 2 – Entretien des espaces verts") == 2  # RC and CCAP
    assert "Lot n° 1 – Nettoyage des locaux" in styled(document, "Heading 2")
    assert "Lot n° 3 – Travaux de peinture intérieure" in styled(document, "Heading 2")
    insertion = [t for t in styled(document, "Heading 3") if "insertion" in t.lower() and "heures de travail" in t]
    assert len(insertion) == 2  # lot 1 (700 h) and lot 3 (175 h): different values, one article each
    assert "700 heures" in text and "175 heures" in text
    assert "n° 2 – Entretien des espaces verts" in text  # the reserved lot named from the lot itself
    assert [p for _, p in object_paragraphs(document)] == [
        "Entretien des bâtiments communaux", "Lot n° 1 : Nettoyage des locaux",
        "Lot n° 2 : Entretien des espaces verts", "Lot n° 3 : Travaux de peinture intérieure"]
    vigilance = [t for t in styled(document, "Heading 2") if "Documents de vigilance contre" in t]
    assert len(vigilance) == 1  # every lot, same values: one article

    lot3, content = documents.generate(session=session, tender_id=tender_id, scope="lot", lot=3, draft=False,
                                       author="Agnès")
    text = all_text(open_docx(content))
    assert "175 heures" in text and "700 heures" not in text and "phytopharmaceutiques" not in text.lower()
    assert lot3.filename == "clauses-2027-ENT-01-lot3.docx"

    _, content = documents.generate(session=session, tender_id=tender_id, scope="RC", lot=None, draft=False,
                                    author="Agnès")
    assert styled(open_docx(content), "Heading 1")[0] == "Clauses à insérer dans le RC"
    assert "Clauses à insérer dans le CCAP" not in styled(open_docx(content), "Heading 1")

    # A correction, then the whole consultation again: the new document has it, the old one is kept.
    fixed = [CLAUSES[0].model_copy(update={"lot_variables": {3: {"heures": 210}}}), *CLAUSES[1:]]
    service.set_clauses(session=session, tender_id=tender_id, clauses=fixed, expected_version=2)
    again, content = documents.generate(session=session, tender_id=tender_id, scope="dossier", lot=None,
                                        draft=False, author="Agnès")
    assert "210 heures" in all_text(open_docx(content))
    kept = documents.get_document(session=session, tender_id=tender_id, document_id=int(whole.id or 0))
    assert "175 heures" in all_text(open_docx(kept.content)) and kept.tender_version == 2
    assert [row.id for row in documents.history(session=session, tender_id=tender_id)][:1] == [again.id]
    assert len(documents.history(session=session, tender_id=tender_id)) == 4

    with pytest.raises(InvalidInput, match="numéro de lot"):
        documents.generate(session=session, tender_id=tender_id, scope="lot", lot=None, draft=False, author="A")


def test_the_acte_d_engagement_is_named_with_its_elided_article(session: Session) -> None:
    """« l'AE », « de l'AE »: the part names of the messages and titles elide (they read « le AE », « du AE »)."""
    add_buyer(session)
    tender_id = int(service.create_tender(session=session, data=tender_in(), author="Agnès").id or 0)
    service.set_clauses(session=session, tender_id=tender_id, clauses=CLAUSES, expected_version=1)
    with pytest.raises(InvalidInput) as refused:
        documents.generate(session=session, tender_id=tender_id, scope="AE", lot=None, draft=False, author="Agnès")
    assert refused.value.detail == "Aucune clause pour l'AE : rien à générer."
    service.set_clauses(session=session, tender_id=tender_id, expected_version=2, clauses=[
        *CLAUSES, TenderClauseIn(id="environnement-general-petits-achats")])
    _, content = documents.generate(session=session, tender_id=tender_id, scope="AE", lot=None, draft=False,
                                    author="Agnès")
    text = all_text(open_docx(content))
    assert "clauses de l'AE" in text and "du AE" not in text and "le AE" not in text
    assert [documents.of_part(part) for part in ("RC", "CCAP", "CCTP", "AE")] == [
        "du RC", "du CCAP", "du CCTP", "de l'AE"]
