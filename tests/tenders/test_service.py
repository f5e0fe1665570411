"""Tender files on both databases: lots, clauses per lot with their values, required clauses with their reason,
versions (412 on a stale edit), status moves, library updates flagged with a word diff, award -> one contract
of the ledger per lot."""

import datetime as dt
from typing import Any

import pytest
from sqlmodel import Session, select

from app.buyers.models import BuyerIn
from app.buyers.service import get_buyer, update_buyer
from app.clauses.service import get_version, to_doc, update_clause
from app.config import Settings
from app.errors import Conflict, InvalidInput, PreconditionFailed
from app.purchases.models import Purchase
from app.tenders import service
from app.tenders.models import AwardIn, TenderClause, TenderClauseIn, TenderLot
from tests.tenders.conftest import BUYER, SUMMARY, add_buyer, tender_in


def new_tender(session: Session, **changes: Any) -> int:
    """The id of a new test tender."""
    return int(service.create_tender(session=session, data=tender_in(**changes), author="Agnès").id or 0)


def by_id(session: Session, tender_id: int) -> dict[str, TenderClause]:
    return {row.clause_id: row for row in service.clauses_of(session=session, tender_id=tender_id)}


def test_three_lots_proposals_per_lot_and_added_clause(session: Session, settings: Settings) -> None:
    add_buyer(session)
    tender_id = new_tender(session)
    tender = service.get_tender(session=session, tender_id=tender_id)
    assert (tender.status, tender.version, tender.author) == ("brouillon", 1, "Agnès")
    assert [lot.title for lot in service.lots_of(session=session, tender_id=tender_id)] == [
        "Nettoyage des locaux", "Entretien des espaces verts", "Travaux de peinture intérieure"]

    tender = service.apply_proposals(session=session, settings=settings, tender_id=tender_id, expected_version=1)
    clauses = by_id(session, tender_id)
    assert tender.version == 2 and tender.recommended and tender.family
    # Recommended per lot: the cleaning products on the cleaning lot only, zero pesticides on green spaces only.
    assert clauses["ecolabels-produits-entretien-specification"].lots == [1]
    assert clauses["biodiversite-eau-zero-phyto"].lots == [2]
    # The works lot's insertion hours are sized from its own amount (150 000 € × 70 % × 5 % ÷ 30 €/h).
    assert clauses["insertion-heures-execution"].lot_variables == {"3": {"heures": 175}}
    # Required clauses come with who required them; no reserved lot was chosen for the officer.
    penalty = clauses["insertion-penalite-heures"]
    assert penalty.source == "requise" and "insertion-heures-execution" in penalty.required_by
    assert not any(to_doc(get_version(session=session, clause_id=c)).decp_value == "Marché réservé" for c in clauses)

    # The officer adds clauses the matcher did not propose: a reserved lot (she picks lot 2) and a clause
    # that requires a penalty; she sets the facilitator of lot 3 only.
    kept = [TenderClauseIn(id=row.clause_id, lots=row.lots, variables=row.variables,
                           lot_variables={int(k): v for k, v in row.lot_variables.items()}, source="proposee")
            for row in clauses.values() if row.source != "requise"]
    assert "egalite-non-discrimination-usagers" not in clauses
    added = [
        TenderClauseIn(id="marche-reserve-lot-reserve", lots=[2]),
        TenderClauseIn(id="egalite-non-discrimination-usagers", lots=[1, 3],
                       lot_variables={3: {}}),
    ]
    tender = service.set_clauses(session=session, tender_id=tender_id, clauses=kept + added, expected_version=2)
    clauses = by_id(session, tender_id)
    assert clauses["marche-reserve-lot-reserve"].lot_variables == {"2": {"lot": "n° 2 – Entretien des espaces verts"}}
    required = clauses["egalite-non-discrimination-penalite"]
    assert (required.source, required.lots, required.required_by) == (
        "requise", [1, 3], ["egalite-non-discrimination-usagers"])
    # The buyer profile's defaults pre-fill the variables of the clauses that have them.
    assert clauses["insertion-heures-execution"].variables["facilitateur"] == "Maison de l'emploi de Valbourg"

    # A reserved clause on every lot of a 3-lot file, an unknown lot: refused, in French, nothing written.
    with pytest.raises(InvalidInput, match="lots réservés") as refused:
        service.set_clauses(session=session, tender_id=tender_id, expected_version=3, clauses=[
            TenderClauseIn(id="marche-reserve-lot-reserve"), TenderClauseIn(id="clause-inconnue"),
            TenderClauseIn(id="insertion-heures-execution", lots=[7])])
    assert "Clause inconnue" in refused.value.detail and "lot inconnu (7)" in refused.value.detail
    assert service.get_tender(session=session, tender_id=tender_id).version == 3


def test_a_reserved_clause_goes_on_the_lots_the_summary_reserves(session: Session, settings: Settings) -> None:
    summary = SUMMARY + " Le lot 2 est réservé aux structures d'insertion par l'activité économique."
    tender_id = new_tender(session, buyer_siret=None, summary=summary)
    tender = service.apply_proposals(session=session, settings=settings, tender_id=tender_id, expected_version=1)
    reserved = [c for c in by_id(session, tender_id).values()
                if to_doc(get_version(session=session, clause_id=c.clause_id)).decp_value == "Marché réservé"]
    assert [(c.clause_id, c.lots) for c in reserved] == [("marche-reserve-lot-reserve", [2])]
    # Chosen without lots, it goes there too; the other lots are never reserved by default.
    service.set_clauses(session=session, tender_id=tender_id, expected_version=tender.version,
                        clauses=[TenderClauseIn(id="marche-reserve-ea-esat")])
    assert by_id(session, tender_id)["marche-reserve-ea-esat"].lots == [2]


@pytest.mark.parametrize(("reservation", "article"), [
    (" Le lot 2 est réservé aux structures d'insertion par l'activité économique.", "article L2113-13 "),
    (" Nous souhaitons réserver le lot 2 aux SIAE.", "article L2113-13 "),
    (" Lot 2 réservé aux ESAT et entreprises adaptées.", "article L2113-12 "),
    (" Le lot 2 est réservé aux SIAE, aux EA et aux ESAT.", "articles L2113-12 à L2113-14 "),
    (" Le lot 2 est réservé.", "articles L2113-12 à L2113-14 "),
])
def test_the_reserved_lot_is_reserved_to_whom_the_summary_says(
    session: Session, settings: Settings, reservation: str, article: str,
) -> None:
    """The summary's « réservé aux SIAE » reserved the lot to SIAE, EA and ESAT alike (the clause's default) until
    the officer changed it; now its beneficiaries follow the summary, and both when it names both or neither."""
    tender_id = new_tender(session, buyer_siret=None, summary=SUMMARY + reservation)
    service.set_clauses(session=session, tender_id=tender_id, expected_version=1,
                        clauses=[TenderClauseIn(id="marche-reserve-lot-reserve")])
    row = by_id(session, tender_id)["marche-reserve-lot-reserve"]
    doc = to_doc(get_version(session=session, clause_id=row.clause_id))
    chosen = service.lot_values(row, doc, 2, {}).get("beneficiaires", doc.variables["beneficiaires"].default)
    assert row.lots == [2]
    assert article in chosen


def test_stale_edits_are_refused_and_lots_follow(session: Session, engine: object) -> None:
    tender_id = new_tender(session, buyer_siret=None)
    service.set_clauses(session=session, tender_id=tender_id, expected_version=1, clauses=[
        TenderClauseIn(id="insertion-heures-execution", lots=[1, 3], lot_variables={3: {"heures": 175}})])
    with pytest.raises(PreconditionFailed, match="modifié entre-temps"):
        service.update_tender(session=session, tender_id=tender_id, data=tender_in(buyer_siret=None),
                              expected_version=1)
    # Removing lot 3 takes it out of the clauses' lots and values.
    lots = tender_in(buyer_siret=None).lots[:2]
    tender = service.update_tender(session=session, tender_id=tender_id, expected_version=2,
                                   data=tender_in(buyer_siret=None, lots=[lot.model_dump() for lot in lots]))
    row = by_id(session, tender_id)["insertion-heures-execution"]
    assert (tender.version, row.lots, row.lot_variables) == (3, [1], {})


def test_status_moves_and_award_records_one_contract_per_lot(session: Session) -> None:
    add_buyer(session)
    tender_id = new_tender(session)
    tender = service.get_tender(session=session, tender_id=tender_id)
    with pytest.raises(Conflict, match="aucune clause"):
        service.set_status(session=session, tender_id=tender_id, status="pret", expected_version=1)
    service.set_clauses(session=session, tender_id=tender_id, expected_version=1, clauses=[
        TenderClauseIn(id="insertion-heures-execution", lots=[1, 3], lot_variables={1: {"heures": 700},
                                                                                    3: {"heures": 175}}),
        TenderClauseIn(id="biodiversite-eau-zero-phyto", lots=[2]),
        TenderClauseIn(id="conditions-de-travail-vigilance"),
    ])
    with pytest.raises(Conflict, match="publié avant"):
        service.award(session=session, tender_id=tender_id, expected_version=2, actor="t",
                      data=AwardIn(notified_on=dt.date(2027, 4, 1)))
    with pytest.raises(Conflict, match="ne peut pas passer"):
        service.set_status(session=session, tender_id=tender_id, status="publie", expected_version=2)
    service.set_status(session=session, tender_id=tender_id, status="pret", expected_version=2)
    tender = service.set_status(session=session, tender_id=tender_id, status="publie", expected_version=3)
    with pytest.raises(Conflict, match="publié"):  # a published file's clauses are frozen
        service.set_clauses(session=session, tender_id=tender_id, expected_version=4, clauses=[])

    purchases = service.award(session=session, tender_id=tender_id, expected_version=4, actor="Agnès",
                              data=AwardIn(notified_on=dt.date(2027, 4, 1), lots=[
                                  {"number": 1, "amount_eur": 480_000}, {"number": 2}, {"number": 3}]))
    tender = service.get_tender(session=session, tender_id=tender_id)
    assert (tender.status, tender.awarded_on) == ("attribue", dt.date(2027, 4, 1))
    by_lot = service.purchases_of(session=session, tender_id=tender_id)
    assert sorted(by_lot) == [1, 2, 3] and {p.id for p in purchases} == {p.id for p in by_lot.values()}
    lot1, lot2, lot3 = by_lot[1], by_lot[2], by_lot[3]
    assert (lot1.buyer_siret, lot1.buyer_ref, lot1.amount_cents, lot1.source) == (
        BUYER, "2027-ENT-01-lot1", 48_000_000, "clausier")
    assert lot1.object == "Entretien des bâtiments communaux – Lot n° 1 – Nettoyage des locaux"
    # Each contract carries its lot's clauses and values; the DECP considerations follow them.
    insertion = next(c for c in lot3.clauses or [] if c["id"] == "insertion-heures-execution")
    assert insertion["variables"]["heures"] == 175 and insertion["version"] >= 1
    # Added by the officer, the clause started from the buyer profile's defaults.
    assert insertion["variables"]["facilitateur"] == "Maison de l'emploi de Valbourg"
    assert {c["id"] for c in lot2.clauses or []} == {
        "biodiversite-eau-zero-phyto", "biodiversite-eau-penalite", "conditions-de-travail-vigilance",
        "conditions-de-travail-penalite-travail-dissimule"}
    assert (lot1.social_clause, lot1.environmental_clause) == (True, False)
    assert (lot2.social_clause, lot2.environmental_clause) == (False, True)
    # Queryable from the ledger: the lot of a contract.
    assert session.exec(select(TenderLot.number).where(
        TenderLot.purchase_id == lot2.id)).one() == 2
    assert session.exec(select(Purchase).where(Purchase.buyer_siret == BUYER)).all()


def test_library_update_is_flagged_with_a_word_diff(session: Session) -> None:
    tender_id = new_tender(session, buyer_siret=None)
    service.set_clauses(session=session, tender_id=tender_id, expected_version=1, clauses=[
        TenderClauseIn(id="conditions-de-travail-vigilance")])
    assert service.library_updates(session=session, tender_id=tender_id) == []
    current = get_version(session=session, clause_id="conditions-de-travail-vigilance")
    data = to_doc(current).model_dump(mode="json")
    data["text"] = data["text"].replace("Le titulaire", "Le titulaire du marché", 1)
    update_clause(session=session, clause_id=current.clause_id, data=data, expected_version=current.version,
                  author="juriste")
    [flag] = service.library_updates(session=session, tender_id=tender_id)
    assert (flag.pinned, flag.current) == (current.version, current.version + 1)
    assert ("+", "du marché") in flag.diff and all(op != "-" for op, _ in flag.diff)

    service.answer_library_update(session=session, tender_id=tender_id, clause_id=flag.clause_id,
                                  choice="conserver", expected_version=2)
    assert service.library_updates(session=session, tender_id=tender_id) == []
    assert by_id(session, tender_id)[flag.clause_id].version == current.version  # still pinned

    newer = get_version(session=session, clause_id=flag.clause_id)
    data["text"] = data["text"] + "\n\nAlinéa ajouté."
    update_clause(session=session, clause_id=flag.clause_id, data=data, expected_version=newer.version, author="j")
    [flag] = service.library_updates(session=session, tender_id=tender_id)  # a still newer version: flagged again
    service.answer_library_update(session=session, tender_id=tender_id, clause_id=flag.clause_id,
                                  choice="mettre-a-jour", expected_version=3)
    assert by_id(session, tender_id)[flag.clause_id].version == flag.current
    assert service.library_updates(session=session, tender_id=tender_id) == []


def test_word_diff() -> None:
    assert service.word_diff("a b c d", "a x c d e") == [("=", "a"), ("-", "b"), ("+", "x"), ("=", "c d"),
                                                         ("+", "e")]


def test_thresholds_are_those_of_the_whole_consultation_and_hours_those_of_each_lot(
    session: Session, settings: Settings
) -> None:
    """Three cleaning lots of 100 000 € each: each lot is under the EU threshold, the consultation is not, and the
    social consideration it requires applies to every lot (CCP R2121-1, "l'ensemble des lots"); the insertion
    hours of each lot are sized on the lot's own amount."""
    add_buyer(session)
    lots = [{"number": n, "title": f"Nettoyage des locaux du secteur {n}", "amount_eur": 100_000} for n in (1, 2, 3)]
    tender = service.get_tender(session=session, tender_id=new_tender(
        session, summary="Nettoyage des bâtiments communaux en 3 lots géographiques. Durée 4 ans.", amount_eur=None,
        lots=lots))
    assert service.consultation_amount(tender, service.lots_of(session=session, tender_id=int(tender.id or 0))) \
        == 300_000
    proposals = service.propose(session=session, settings=settings, tender=tender)
    for response in proposals.lots.values():
        assert "climat-resilience-social" in {obligation.id for obligation in response.obligations}
        assert response.insertion is not None and response.insertion.amount_eur == 100_000
        assert response.insertion.formula.startswith("100\u00a0000 € HT ×")


def test_the_buyer_profile_of_the_file_brings_the_spaser(session: Session, settings: Settings) -> None:
    add_buyer(session)
    tender = service.get_tender(session=session, tender_id=new_tender(session))
    assert "spaser" not in {o.id for o in service.propose(session=session, settings=settings, tender=tender).whole
                            .obligations}
    profile = get_buyer(session=session, siret=BUYER)
    update_buyer(session=session, siret=BUYER, data=BuyerIn(name=str(profile.name), annual_volume_eur=75_000_000),
                 expected_version=profile.version)
    proposals = service.propose(session=session, settings=settings, tender=tender)
    for response in [proposals.whole, *proposals.lots.values()]:
        spaser = next(o for o in response.obligations if o.id == "spaser")
        assert "selon le volume annuel d'achats du profil de l'acheteur" in spaser.explanation
