"""Past choices in the next proposals (both databases): what the officer kept, added and removed in a ready file
of a buyer shows in the next proposals of a similar tender of that buyer, never overriding a legal obligation;
drafts and other buyers do not count. The rule itself, on counts."""

from collections import Counter

from sqlmodel import Session

from app.config import Settings
from app.tenders import service
from app.tenders.history import PastChoices, advise
from app.tenders.models import TenderClauseIn, TenderIn
from tests.tenders.conftest import BUYER, add_buyer

CLEANING = "Nettoyage des locaux de la mairie et des écoles, vitrerie comprise"


def cleaning_file(session: Session, settings: Settings, summary: str, buyer: str | None = BUYER) -> int:
    tender = service.create_tender(session=session, author="Agnès", data=TenderIn(
        buyer_siret=buyer, title="Nettoyage", summary=summary, nature="services", amount_eur=300_000))
    tender = service.apply_proposals(session=session, settings=settings, tender_id=int(tender.id or 0),
                                     expected_version=1)
    return int(tender.id or 0)


def proposal(session: Session, settings: Settings, tender_id: int) -> dict[str, tuple[bool, list[str]]]:
    tender = service.get_tender(session=session, tender_id=tender_id)
    whole = service.propose(session=session, settings=settings, tender=tender).whole
    return {m.clause_id: (m.recommended, m.reasons) for m in whole.matches}


def corrected_file(session: Session, settings: Settings) -> int:
    """A cleaning file where the officer removed the training clause (an obligation's clause) and the ecolabel
    products clause, and added the hazardous-waste slips."""
    tender_id = cleaning_file(session, settings, CLEANING)
    chosen = {row.clause_id for row in service.clauses_of(session=session, tender_id=tender_id)
              if row.source != "requise"}
    assert {"substances-dangereuses-dosage-formation", "ecolabels-produits-entretien-specification"} <= chosen
    kept = chosen - {"substances-dangereuses-dosage-formation", "ecolabels-produits-entretien-specification"}
    choices = [TenderClauseIn(id=c, source="proposee") for c in sorted(kept)]
    choices.append(TenderClauseIn(id="dechets-emballages-bsd-dechets-dangereux"))
    service.set_clauses(session=session, tender_id=tender_id, clauses=choices, expected_version=2)
    return tender_id


def test_past_choices_show_in_the_next_proposals(session: Session, settings: Settings) -> None:
    add_buyer(session)
    first, second = corrected_file(session, settings), corrected_file(session, settings)
    service.set_status(session=session, tender_id=first, status="pret", expected_version=3)
    new = cleaning_file(session, settings, "Nettoyage des locaux des écoles et du gymnase")
    before = proposal(session, settings, new)
    # One ready file is an anecdote (the other is still a draft): nothing changes.
    assert before["dechets-emballages-bsd-dechets-dangereux"][0] is False
    assert before["ecolabels-produits-entretien-specification"][0] is True

    service.set_status(session=session, tender_id=second, status="pret", expected_version=3)
    after = proposal(session, settings, new)
    assert after["dechets-emballages-bsd-dechets-dangereux"] == (True, [
        *before["dechets-emballages-bsd-dechets-dangereux"][1], "retenue dans 2 dossiers similaires"])
    assert after["ecolabels-produits-entretien-specification"][0] is False
    assert "écartée dans 2 dossiers similaires" in after["ecolabels-produits-entretien-specification"][1]
    # Never over a legal obligation: the training clause stays recommended, the note says why.
    assert after["substances-dangereuses-dosage-formation"][0] is True
    assert ("écartée dans 2 dossiers similaires, maintenue : obligation légale"
            in after["substances-dangereuses-dosage-formation"][1])

    # Another buyer's file is not similar.
    other = cleaning_file(session, settings, "Nettoyage des locaux des écoles et du gymnase", buyer=None)
    assert proposal(session, settings, other)["dechets-emballages-bsd-dechets-dangereux"][0] is False


def test_the_rule_on_counts() -> None:
    past = PastChoices(units=4, chosen=Counter({"a": 2, "b": 1, "c": 4}), removed=Counter({"d": 3, "e": 2, "f": 3}))
    advice = advise({"a": False, "c": True, "d": True, "e": True, "f": True}, {"f"}, past)
    assert advice["a"].recommended and advice["a"].note == "retenue dans 2 dossiers similaires"  # 2 of 4: half
    assert "b" not in advice  # 1 of 4, and a single file is an anecdote
    assert advice["c"].note == "retenue dans 4 dossiers similaires"
    assert not advice["d"].recommended and advice["d"].note == "écartée dans 3 dossiers similaires"
    assert "e" not in advice  # removed in 2 of 4: not more than half
    assert advice["f"].recommended and advice["f"].note.endswith("maintenue : obligation légale")
    assert advise({"a": True}, set(), PastChoices()) == {}


def test_past_choices_show_on_the_proposals_page_once_the_buyer_is_chosen(session: Session, settings: Settings) -> None:
    from app.buyers.service import get_buyer
    from app.web.forms import Tender
    from app.web.proposals import match_tender

    add_buyer(session)
    for tender_id in (corrected_file(session, settings), corrected_file(session, settings)):
        service.set_status(session=session, tender_id=tender_id, status="pret", expected_version=3)
    typed = Tender(text="Nettoyage des locaux des écoles et du gymnase", nature="services", amount_eur=300_000)
    anonymous = match_tender(session=session, settings=settings, tender=typed)
    assert "dechets-emballages-bsd-dechets-dangereux" not in anonymous.recommended
    assert "ecolabels-produits-entretien-specification" in anonymous.recommended
    buyer = get_buyer(session=session, siret=BUYER)
    chosen = match_tender(session=session, settings=settings, tender=typed, buyer=buyer)
    assert "dechets-emballages-bsd-dechets-dangereux" in chosen.recommended
    assert "ecolabels-produits-entretien-specification" not in chosen.recommended
    assert "substances-dangereuses-dosage-formation" in chosen.recommended  # a legal obligation's clause stays
    kept = next(p for _, items in chosen.groups for p in items if p.id == "dechets-emballages-bsd-dechets-dangereux")
    assert kept.recommendation == "retenue dans 2 dossiers similaires"  # « Recommandée : retenue dans … »
