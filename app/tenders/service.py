"""Tender file use-cases: create, read, edit (compare-and-set on the file's version), choose the clauses per lot
(required ones added with the reason), move the status, flag newer library versions, award (one contract of the
ledger per lot) and generate the documents (kept in the file's history)."""

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, update
from sqlmodel import Session, col, select

from app.buyers.models import Buyer
from app.buyers.service import get_buyer
from app.clauses.library import ClauseDoc
from app.clauses.models import ClauseVersion
from app.clauses.service import get_version, to_doc
from app.config import Settings
from app.db import utcnow
from app.errors import Conflict, InvalidInput, NotFound, PreconditionFailed
from app.followup.service import open_followup
from app.matching.reading import read_tender, reserved_for, reserved_lots, without_other_lots
from app.matching.schemas import ClauseMatch, InsertionOut, MatchRequest, MatchResponse
from app.matching.service import match_tender
from app.matching.sizing import InsertionSizing
from app.purchases.models import ClauseRef, HolderIn, Purchase, PurchaseIn
from app.purchases.service import record_purchase
from app.tenders.history import advise, past_choices
from app.tenders.models import (
    EDITABLE,
    MAX_TENDER_CLAUSES,
    STATUSES,
    TRANSITIONS,
    AwardIn,
    LotIn,
    Tender,
    TenderClause,
    TenderClauseIn,
    TenderIn,
    TenderLot,
)

TENDER = Tender.__table__  # type: ignore[attr-defined]
RESERVED = "Marché réservé"  # the DECP value of a reserved contract or lot
PROPOSAL_LIMIT = 15


# ---- reading ------------------------------------------------------------------------------------


def get_tender(*, session: Session, tender_id: int) -> Tender:
    """One file by id."""
    tender = session.get(Tender, tender_id)
    if tender is None:
        raise NotFound(f"Dossier inconnu : {tender_id}.", tender_id=tender_id)
    return tender


def lots_of(*, session: Session, tender_id: int) -> list[TenderLot]:
    """The lots of a file, by number."""
    query = select(TenderLot).where(TenderLot.tender_id == tender_id).order_by(col(TenderLot.number))
    return list(session.exec(query).all())


def clauses_of(*, session: Session, tender_id: int) -> list[TenderClause]:
    """The clauses of a file, in the officer's order."""
    query = select(TenderClause).where(TenderClause.tender_id == tender_id).order_by(
        col(TenderClause.position), col(TenderClause.id))
    return list(session.exec(query).all())


def list_tenders(
    *, session: Session, status: str | None = None, buyer: str | None = None, q: str | None = None,
    limit: int = 50, offset: int = 0,
) -> tuple[list[Tender], int]:
    """Files, last changed first, filtered by status, buyer SIRET and words of the title or reference."""
    query = select(Tender)
    if status:
        query = query.where(Tender.status == status)
    if buyer:
        query = query.where(Tender.buyer_siret == buyer)
    for word in (q or "").split()[:10]:
        pattern = f"%{word.lower()}%"
        query = query.where(or_(func.lower(Tender.title).like(pattern), func.lower(Tender.reference).like(pattern)))
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(
        query.order_by(col(Tender.updated_at).desc(), col(Tender.id).desc()).offset(offset).limit(limit)
    ).all()
    return list(rows), int(total)


def lot_label(lot: TenderLot) -> str:
    """« Lot n° 2 – Espaces verts »."""
    return f"Lot n° {lot.number} – {lot.title}"


def applies_to(clause: TenderClause, lots: Sequence[TenderLot]) -> list[TenderLot]:
    """The lots a clause of the file applies to."""
    return [lot for lot in lots if clause.lots is None or lot.number in clause.lots]


def lot_values(clause: TenderClause, doc: ClauseDoc, lot: int | None, defaults: dict[str, Any]) -> dict[str, Any]:
    """The values of a clause for one lot (``None``: the common ones): the buyer's defaults, the common values,
    then the lot's own."""
    values = {name: value for name, value in defaults.items() if name in doc.variables}
    values |= clause.variables
    if lot is not None:
        values |= clause.lot_variables.get(str(lot), {})
    return values


def buyer_defaults(session: Session, tender: Tender) -> dict[str, Any]:
    """The clause defaults of the file's buyer profile (none without a profile)."""
    buyer = session.get(Buyer, tender.buyer_siret) if tender.buyer_siret else None
    return dict(buyer.defaults) if buyer else {}


# ---- writing: compare-and-set on the file's version -----------------------------------------------


def _claim(session: Session, tender: Tender, expected_version: int, *, editable: bool = True) -> None:
    """Move the file from ``expected_version`` to the next one (in the current transaction); 412 when someone
    changed it meanwhile, 409 when its status no longer allows edits."""
    if editable and tender.status not in EDITABLE:
        raise Conflict(
            f"Le dossier {tender.id} est {STATUSES[tender.status].lower()} : ses clauses et ses lots ne se "
            "modifient plus.", tender_id=tender.id, tender_status=tender.status,
        )
    done = session.execute(
        update(TENDER).where(TENDER.c.id == tender.id, TENDER.c.version == expected_version)
        .values(version=expected_version + 1, updated_at=utcnow())
    )
    if done.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        current = get_tender(session=session, tender_id=int(tender.id or 0))
        session.refresh(current)
        raise PreconditionFailed(
            f"Le dossier {tender.id} a été modifié entre-temps (version actuelle : {current.version}). "
            "Rechargez-le avant de l'enregistrer.", tender_id=tender.id, current_version=current.version,
        )


def _done(session: Session, tender: Tender) -> Tender:
    session.commit()
    session.refresh(tender)
    return tender


def _check_buyer(session: Session, siret: str | None) -> None:
    if siret is not None:
        get_buyer(session=session, siret=siret)


def _fields(data: TenderIn) -> dict[str, Any]:
    return data.model_dump(exclude={"lots"})


def create_tender(*, session: Session, data: TenderIn, author: str) -> Tender:
    """A new file (status brouillon, version 1) with its lots; no clause yet."""
    _check_buyer(session, data.buyer_siret)
    tender = Tender(**_fields(data), author=author)
    session.add(tender)
    session.flush()
    _write_lots(session, int(tender.id or 0), data.lots)
    return _done(session, tender)


def _write_lots(session: Session, tender_id: int, lots: list[LotIn]) -> None:
    """The file's lots become ``lots`` (matched by number: a kept lot keeps its contract link)."""
    existing = {lot.number: lot for lot in lots_of(session=session, tender_id=tender_id)}
    for lot in lots:
        row = existing.pop(lot.number, None) or TenderLot(tender_id=tender_id, number=lot.number, title=lot.title)
        row.title, row.amount_eur, row.cpv = lot.title, lot.amount_eur, list(lot.cpv)
        session.add(row)
    for gone in existing.values():
        session.delete(gone)
    numbers = {lot.number for lot in lots}
    for clause in clauses_of(session=session, tender_id=tender_id):  # a removed lot leaves its clauses
        kept = None if clause.lots is None else [n for n in clause.lots if n in numbers]
        if kept == []:
            session.delete(clause)
            continue
        clause.lots = kept
        clause.lot_variables = {key: values for key, values in clause.lot_variables.items() if int(key) in numbers}
        session.add(clause)


def update_tender(*, session: Session, tender_id: int, data: TenderIn, expected_version: int) -> Tender:
    """Replace the file's fields and lots (If-Match: ``expected_version``)."""
    tender = get_tender(session=session, tender_id=tender_id)
    _check_buyer(session, data.buyer_siret)
    _claim(session, tender, expected_version)
    for name, value in _fields(data).items():
        setattr(tender, name, value)
    session.add(tender)
    _write_lots(session, tender_id, data.lots)
    return _done(session, tender)


def set_status(*, session: Session, tender_id: int, status: str, expected_version: int) -> Tender:
    """Move the file to ``status`` along the allowed transitions (awarding goes through ``award``)."""
    tender = get_tender(session=session, tender_id=tender_id)
    if status not in TRANSITIONS[tender.status]:
        allowed = ", ".join(STATUSES[s].lower() for s in TRANSITIONS[tender.status]) or "aucun"
        raise Conflict(
            f"Le dossier {tender_id} est {STATUSES[tender.status].lower()} : il ne peut pas passer à "
            f"« {STATUSES.get(status, status).lower()} » (possible : {allowed}).",
            tender_id=tender_id, tender_status=tender.status,
        )
    if status == "pret" and not clauses_of(session=session, tender_id=tender_id):
        raise Conflict(f"Le dossier {tender_id} n'a aucune clause : choisissez-en avant de le déclarer prêt.")
    _claim(session, tender, expected_version, editable=False)
    tender.status = status
    session.add(tender)
    return _done(session, tender)


# ---- clauses ------------------------------------------------------------------------------------


def _version_row(session: Session, clause_id: str, version: int | None) -> ClauseVersion:
    row = get_version(session=session, clause_id=clause_id, version=version)
    if version is None and row.status != "active":
        raise InvalidInput(f"La clause « {clause_id} » n'est pas en vigueur ({row.status}).", clause_id=clause_id)
    return row


def _reserved_lot_value(lot: TenderLot) -> str:
    return f"n° {lot.number} – {lot.title}"


# Whom a reservation is for, by the article the clause's choice cites: insertion structures (L2113-13), adapted
# companies and ESAT (L2113-12).
_RESERVATION_ARTICLES = {"insertion": "L2113-13", "handicap": "L2113-12"}


def _beneficiaries(doc: ClauseDoc, reserved: str | None) -> str | None:
    """The choice of the clause's ``beneficiaires`` that cites the article of ``reserved`` and no other one
    (« lot 3 réservé aux SIAE »: L2113-13 alone, not « L2113-12 à L2113-14 »), None when the summary says neither
    or the clause has no such choice (its default stays: both)."""
    variable = doc.variables.get("beneficiaires")
    if reserved is None or variable is None:
        return None
    article = _RESERVATION_ARTICLES[reserved]
    return next((choice for choice in variable.choices or []
                 if article in choice and choice.count("L2113-") == 1), None)


def set_clauses(
    *, session: Session, tender_id: int, clauses: list[TenderClauseIn], expected_version: int,
    proposals: "Proposals | None" = None,
) -> Tender:
    """The file's clauses become ``clauses`` (each on all lots or on the lots given, with its values), and the
    clauses they require (``requires:``, transitively) are added on the same lots, with who required them.

    A reserved-market clause in a file of several lots goes on the lots it names, else on those the file's summary
    reserves (« lot 2 … réservé aux SIAE »): a reserved lot is the officer's choice, never all lots by default.
    """
    tender = get_tender(session=session, tender_id=tender_id)
    if len(clauses) > MAX_TENDER_CLAUSES:
        raise InvalidInput(f"Au plus {MAX_TENDER_CLAUSES} clauses par dossier.")
    lots = lots_of(session=session, tender_id=tender_id)
    reserved = summary_reserves(tender, lots)
    numbers = {lot.number for lot in lots}
    previous = {row.clause_id: row for row in clauses_of(session=session, tender_id=tender_id)}
    defaults = buyer_defaults(session, tender)
    rows: dict[str, TenderClause] = {}
    docs: dict[str, ClauseDoc] = {}
    problems: list[str] = []
    for position, choice in enumerate(clauses):
        if choice.id in rows:
            problems.append(f"« {choice.id} » : clause choisie deux fois")
            continue
        try:
            version = _version_row(session, choice.id, choice.version)
        except (NotFound, InvalidInput) as exc:
            problems.append(exc.detail)
            continue
        doc = to_doc(version)
        chosen_lots = None if choice.lots is None else sorted(set(choice.lots))
        unknown = sorted(set(chosen_lots or []) - numbers) + sorted(set(choice.lot_variables) - numbers)
        if unknown:
            problems.append(f"« {choice.id} » : lot inconnu ({', '.join(map(str, sorted(set(unknown))))})")
            continue
        if chosen_lots == []:
            problems.append(f"« {choice.id} » : aucun lot choisi")
            continue
        if doc.decp_value == RESERVED and len(lots) > 1 and chosen_lots is None:
            if not reserved:
                problems.append(f"« {doc.title} » : choisissez le ou les lots réservés (jamais tous par défaut)")
                continue
            chosen_lots = reserved
        lot_variables = {str(n): dict(values) for n, values in choice.lot_variables.items() if values}
        if "lot" in doc.variables and chosen_lots is not None:  # the reserved lot's name, from the lot itself
            for lot in lots:
                if lot.number in chosen_lots and "lot" not in lot_variables.get(str(lot.number), {}):
                    lot_variables.setdefault(str(lot.number), {})["lot"] = _reserved_lot_value(lot)
        if doc.decp_value == RESERVED and chosen_lots is not None:  # who the summary reserves each lot to
            for number in chosen_lots:
                chosen = _beneficiaries(doc, reserved_for(tender.summary or "", number))
                if chosen is not None and "beneficiaires" not in lot_variables.get(str(number), {}):
                    lot_variables.setdefault(str(number), {})["beneficiaires"] = chosen
        # A clause new to the file starts from the buyer profile's defaults (penalty amounts, facilitator…).
        prefilled = {} if choice.id in previous else {k: v for k, v in defaults.items() if k in doc.variables}
        rows[choice.id] = TenderClause(
            tender_id=tender_id, clause_id=choice.id, version=version.version, position=position,
            lots=chosen_lots, variables=prefilled | dict(choice.variables), lot_variables=lot_variables,
            source=choice.source,
        )
        docs[choice.id] = doc
    if problems:
        raise InvalidInput("Clauses refusées : " + " ; ".join(problems) + ".",
                           errors=[{"message": problem} for problem in problems])
    _add_required(session, rows, docs, defaults)
    _claim(session, tender, expected_version)
    for clause_id, row in rows.items():
        old = previous.pop(clause_id, None)
        if old is not None and old.version == row.version:
            row.kept_over = old.kept_over
        if old is not None:
            session.delete(old)
    for old in previous.values():
        session.delete(old)
    session.flush()
    session.add_all(rows.values())
    if proposals is not None:  # what the past choices are counted against, for the file and each lot
        tender.recommended, tender.family = proposals.recommended(), proposals.family(proposals.whole)
        session.add(tender)
        for lot in lots:
            response = proposals.lots.get(lot.number)
            if response is not None:
                lot.family, lot.recommended = proposals.family(response), _recommended_ids(response)
                session.add(lot)
    return _done(session, tender)


def _add_required(
    session: Session, rows: dict[str, TenderClause], docs: dict[str, ClauseDoc], defaults: dict[str, Any]
) -> None:
    """Add, after the chosen clauses, those they require, on the union of their requirers' lots."""
    pending = list(rows)
    while pending:
        requirer = rows[pending.pop(0)]
        for required in docs[requirer.clause_id].requires:
            row = rows.get(required)
            if row is None:
                version = _version_row(session, required, None)
                docs[required] = doc = to_doc(version)
                row = rows[required] = TenderClause(
                    tender_id=requirer.tender_id, clause_id=required, version=version.version,
                    position=len(rows), lots=requirer.lots, source="requise",
                    variables={name: value for name, value in defaults.items() if name in doc.variables},
                )
                pending.append(required)
            elif row.source == "requise":
                row.lots = None if row.lots is None or requirer.lots is None else sorted({*row.lots, *requirer.lots})
            if requirer.clause_id not in row.required_by:
                row.required_by = [*row.required_by, requirer.clause_id]


# ---- proposals ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Proposals:
    """The matcher's proposals for the whole consultation and for each lot."""

    whole: MatchResponse
    lots: dict[int, MatchResponse]

    @staticmethod
    def family(response: MatchResponse) -> str | None:
        """The purchase family of the object read in a proposal."""
        return response.understood.object[0].id if response.understood.object else None

    def recommended(self) -> list[str]:
        """Every clause recommended for the consultation or for one of its lots, in order."""
        return list(dict.fromkeys(c for r in (self.whole, *self.lots.values()) for c in _recommended_ids(r)))


def _recommended_ids(response: MatchResponse) -> list[str]:
    return [m.clause_id for m in response.matches if m.recommended]


def advised(*, session: Session, response: MatchResponse, buyer_siret: str | None,
            exclude_tender_id: int | None = None) -> MatchResponse:
    """The proposal with the buyer's past choices in similar files applied (``app.tenders.history``): for a file
    (``exclude_tender_id``: itself left out) and for the proposals page once the officer has chosen the buyer."""
    past = past_choices(session=session, buyer_siret=buyer_siret, family=Proposals.family(response),
                        exclude_tender_id=exclude_tender_id)
    obligations = {clause_id for item in response.obligations for clause_id in item.clause_ids}
    advice = advise({m.clause_id: m.recommended for m in response.matches}, obligations, past)
    if not advice:
        return response
    matches = []
    for item in response.matches:
        told = advice.get(item.clause_id)
        if told is not None:
            recommendation = "; ".join(filter(None, [item.recommendation, told.note]))
            item = item.model_copy(update={"recommended": told.recommended, "reasons": [*item.reasons, told.note],
                                           "recommendation": recommendation if told.recommended else None})
        matches.append(item)
    for clause_id, told in advice.items():
        if told.recommended and clause_id not in {m.clause_id for m in response.matches}:
            try:
                row = get_version(session=session, clause_id=clause_id)
            except NotFound:
                continue
            if row.status == "active":
                matches.append(ClauseMatch(
                    clause_id=clause_id, version=row.version, title=row.title, kind=row.kind, document=row.document,
                    decp_value=row.decp_value, themes=list(row.data.get("themes", [])), score=0,
                    reasons=[told.note], recommended=True, recommendation=told.note))
    return response.model_copy(update={"matches": matches})


def _request(text: str, cpv: list[str], amount: int | None, tender: Tender) -> MatchRequest:
    return MatchRequest(text=text, cpv=cpv, amount_eur=amount, nature=tender.nature,
                        date=tender.launch_date, limit=PROPOSAL_LIMIT, buyer_siret=tender.buyer_siret)


def consultation_amount(tender: Tender, lots: Sequence[TenderLot]) -> int | None:
    """The estimated value of the whole consultation, which decides the thresholds: the file's amount, else the
    sum of its lots when every lot has one (CCP R2121-1: "l'ensemble des lots")."""
    if tender.amount_eur is not None or not lots or any(lot.amount_eur is None for lot in lots):
        return tender.amount_eur
    return sum(int(lot.amount_eur or 0) for lot in lots)


def _lot_hours(response: MatchResponse, lot: TenderLot) -> MatchResponse:
    """The lot's match with its insertion hours sized on the lot's own amount (the match itself ran on the
    consultation's, for the thresholds); none proposed when the lot's amount is unknown."""
    sizing = response.insertion
    if sizing is None:
        return response
    if lot.amount_eur is None:
        return response.model_copy(update={"insertion": None})
    own = InsertionSizing(sizing.clause_id, sizing.variable, float(lot.amount_eur), sizing.labour_share, sizing.rate,
                          sizing.hourly_cost_eur)
    return response.model_copy(update={"insertion": InsertionOut.of(own)})


def propose(*, session: Session, settings: Settings, tender: Tender) -> Proposals:
    """Match the consultation (its summary) and each lot (its title and CPV, then the summary without the other
    lots' words, which would read as bought in this lot too). Every match is
    made with the consultation's value, since the thresholds (EU thresholds of the social consideration,
    EGalim…) are those of the whole need (CCP R2121-1); each lot's insertion hours come from its own amount."""
    lots = lots_of(session=session, tender_id=int(tender.id or 0))
    amount = consultation_amount(tender, lots)
    whole = match_tender(session=session, settings=settings,
                         request=_request(tender.summary, tender.cpv, amount, tender))
    def with_past(response: MatchResponse) -> MatchResponse:
        return advised(session=session, response=response, buyer_siret=tender.buyer_siret,
                       exclude_tender_id=tender.id)

    per_lot = {
        lot.number: with_past(_lot_hours(match_tender(
            session=session, settings=settings,
            request=_request(f"{lot.title}. {without_other_lots(tender.summary, lot.number)}", lot.cpv or tender.cpv,
                             amount, tender)), lot))
        for lot in lots
    }
    # A file without lots is one unit of the past choices; a file with lots counts lot by lot.
    return Proposals(whole=whole if per_lot else with_past(whole), lots=per_lot)


def summary_reserves(tender: Tender, lots: Sequence[TenderLot]) -> list[int]:
    """The lots of the file its summary reserves (« lot 2 … réservé aux SIAE », « réserver le lot 3 »)."""
    reserved = reserved_lots(tender.summary or "")
    return [lot.number for lot in lots if lot.number in reserved]


def unplaced_reservations(*, session: Session, tender_id: int, clauses: Sequence[TenderClauseIn]) -> list[str]:
    """The reserved-market clauses of ``clauses`` that name no lot in a file of several lots whose summary reserves
    none: where they go is the officer's choice (``set_clauses`` refuses them)."""
    tender = get_tender(session=session, tender_id=tender_id)
    lots = lots_of(session=session, tender_id=tender_id)
    if len(lots) < 2 or summary_reserves(tender, lots):
        return []
    unplaced = []
    for choice in clauses:
        try:
            reserved = choice.lots is None and to_doc(_version_row(session, choice.id, choice.version)).decp_value
        except (NotFound, InvalidInput):
            continue  # set_clauses says why
        if reserved == RESERVED:
            unplaced.append(choice.id)
    return unplaced


def recommended_choices(
    proposals: Proposals, lots: Sequence[TenderLot], defaults: dict[str, Any], docs: dict[str, ClauseDoc],
    reserved: Sequence[int],
) -> list[TenderClauseIn]:
    """The recommended clauses as the file's first choice: each on the lots it is recommended for (all lots
    when recommended for the consultation only), the buyer's defaults and the insertion hours of each lot filled
    in. Reserved-market clauses of a file of several lots go on the ``reserved`` lots (those the summary
    reserves), and are left out when there is none: the officer picks the reserved lot."""
    choices = []
    for clause_id in proposals.recommended():
        doc = docs[clause_id]
        if doc.decp_value == RESERVED and len(lots) > 1:
            if not reserved:
                continue
            on = list(reserved)
        else:
            on = sorted(n for n, response in proposals.lots.items()
                        if any(m.clause_id == clause_id and m.recommended for m in response.matches))
        lot_variables: dict[int, dict[str, Any]] = {}
        for number, response in proposals.lots.items():
            sizing = response.insertion
            if sizing and sizing.clause_id == clause_id and sizing.variable:
                lot_variables[number] = {sizing.variable: sizing.hours}
        whole_sizing = proposals.whole.insertion
        variables = {name: value for name, value in defaults.items() if name in doc.variables}
        if not lots and whole_sizing and whole_sizing.clause_id == clause_id and whole_sizing.variable:
            variables[whole_sizing.variable] = whole_sizing.hours
        choices.append(TenderClauseIn(
            id=clause_id, lots=None if not on or len(on) == len(lots) else on, variables=variables,
            lot_variables=lot_variables, source="proposee",
        ))
    return choices


def apply_proposals(*, session: Session, settings: Settings, tender_id: int, expected_version: int) -> Tender:
    """The file's clauses become the recommended ones (see ``recommended_choices``)."""
    tender = get_tender(session=session, tender_id=tender_id)
    proposals = propose(session=session, settings=settings, tender=tender)
    docs = {clause_id: to_doc(get_version(session=session, clause_id=clause_id))
            for clause_id in proposals.recommended()}
    lots = lots_of(session=session, tender_id=tender_id)
    reserved = summary_reserves(tender, lots)
    choices = recommended_choices(proposals, lots, buyer_defaults(session, tender), docs, reserved)
    return set_clauses(session=session, tender_id=tender_id, clauses=choices, expected_version=expected_version,
                       proposals=proposals)


# ---- library updates ----------------------------------------------------------------------------


@dataclass(frozen=True)
class LibraryUpdate:
    """A clause of the file whose library version moved on since it was chosen."""

    clause_id: str
    title: str
    pinned: int
    current: int
    diff: list[tuple[str, str]]  # ("=" | "-" | "+", words)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The difference of two texts word by word: kept ("="), removed ("-") and added ("+") runs of words."""
    before, after = old.split(), new.split()
    pieces: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        if operation == "equal":
            pieces.append(("=", " ".join(before[a1:a2])))
            continue
        if a2 > a1:
            pieces.append(("-", " ".join(before[a1:a2])))
        if b2 > b1:
            pieces.append(("+", " ".join(after[b1:b2])))
    return pieces


def library_updates(*, session: Session, tender_id: int) -> list[LibraryUpdate]:
    """The clauses of the file with a newer version in force that the officer has not chosen to keep over."""
    updates = []
    for clause in clauses_of(session=session, tender_id=tender_id):
        current = get_version(session=session, clause_id=clause.clause_id)
        if current.version <= clause.version or current.status != "active" or clause.kept_over == current.version:
            continue
        pinned = get_version(session=session, clause_id=clause.clause_id, version=clause.version)
        updates.append(LibraryUpdate(clause_id=clause.clause_id, title=current.title, pinned=clause.version,
                                     current=current.version, diff=word_diff(pinned.text, current.text)))
    return updates


def answer_library_update(
    *, session: Session, tender_id: int, clause_id: str, choice: str, expected_version: int
) -> Tender:
    """Take the newer version of a clause (``mettre-a-jour``: values of variables it no longer has dropped) or
    keep the pinned one (``conserver``: the flag stays quiet until a still newer version)."""
    tender = get_tender(session=session, tender_id=tender_id)
    update_of = {u.clause_id: u for u in library_updates(session=session, tender_id=tender_id)}.get(clause_id)
    if update_of is None:
        raise NotFound(f"Aucune nouvelle version de « {clause_id} » en attente dans le dossier {tender_id}.")
    row = next(c for c in clauses_of(session=session, tender_id=tender_id) if c.clause_id == clause_id)
    _claim(session, tender, expected_version)
    if choice == "conserver":
        row.kept_over = update_of.current
    else:
        doc = to_doc(get_version(session=session, clause_id=clause_id, version=update_of.current))
        row.version, row.kept_over = update_of.current, None
        row.variables = {k: v for k, v in row.variables.items() if k in doc.variables}
        row.lot_variables = {lot: {k: v for k, v in values.items() if k in doc.variables}
                             for lot, values in row.lot_variables.items()}
    session.add(row)
    return _done(session, tender)


# ---- award -------------------------------------------------------------------------------------


def lot_clause_refs(
    session: Session, tender: Tender, lot: TenderLot | None, clauses: Iterable[TenderClause]
) -> list[ClauseRef]:
    """The clauses of one lot (every clause without lots) with their values: what its contract carries."""
    defaults = buyer_defaults(session, tender)
    refs = []
    for clause in clauses:
        if lot is not None and clause.lots is not None and lot.number not in clause.lots:
            continue
        doc = to_doc(get_version(session=session, clause_id=clause.clause_id, version=clause.version))
        values = lot_values(clause, doc, lot.number if lot else None, defaults)
        refs.append(ClauseRef(id=clause.clause_id, version=clause.version, variables=values))
    return refs


def award(*, session: Session, tender_id: int, data: AwardIn, expected_version: int, actor: str) -> list[Purchase]:
    """Award a published file: one contract of the ledger per awarded lot (one for a file without lots), its
    DECP considerations following the lot's clauses; the file becomes « attribué » and each lot keeps its
    contract (``tender_lot.purchase_id``). With the contracts' duration, their execution follow-up is opened
    (app.followup: each clause's evidence becomes dated commitments)."""
    tender = get_tender(session=session, tender_id=tender_id)
    if tender.status == "attribue":
        on = f" le {tender.awarded_on:%d/%m/%Y}" if tender.awarded_on else ""
        raise Conflict(f"Le dossier {tender_id} est déjà attribué (notifié{on}) : ses marchés sont au registre, "
                       "rien n'a été changé.", tender_id=tender_id)
    if tender.status != "publie":
        raise Conflict(f"Le dossier {tender_id} doit être publié avant d'être attribué "
                       f"(il est {STATUSES[tender.status].lower()}).", tender_id=tender_id)
    if tender.buyer_siret is None:
        raise InvalidInput("Le dossier n'a pas d'acheteur : choisissez son profil d'acheteur avant l'attribution.")
    lots = lots_of(session=session, tender_id=tender_id)
    awarded = {lot.number: lot for lot in data.lots}
    unknown = sorted(set(awarded) - {lot.number for lot in lots}) if lots else sorted(set(awarded) - {1})
    if unknown:
        raise InvalidInput(f"Lots inconnus : {', '.join(map(str, unknown))}"
                           + ("" if lots else " (marché sans lots : son attribution porte le numéro 1)") + ".")
    months = data.duration_months if data.duration_months is not None else contract_months(tender)
    targets: list[TenderLot | None] = [lot for lot in lots if not awarded or lot.number in awarded] or [None]
    clauses = clauses_of(session=session, tender_id=tender_id)
    records = []
    for lot in targets:
        given = awarded.get(lot.number) if lot else (data.lots[0] if data.lots else None)
        amount = given.amount_eur if given and given.amount_eur is not None else (
            lot.amount_eur if lot else tender.amount_eur)
        if amount is None:
            where = f"du lot n° {lot.number}" if lot else "du marché"
            raise InvalidInput(f"Montant {where} inconnu : indiquez le montant notifié.")
        reference = tender.reference or f"dossier-{tender.id}"
        records.append(PurchaseIn(
            buyer_siret=tender.buyer_siret,
            buyer_ref=(f"{reference}-lot{lot.number}" if lot else reference)[:64],
            object=(f"{tender.title} – {lot_label(lot)}" if lot else tender.title)[:1000],
            cpv=next(iter((lot.cpv if lot else []) or tender.cpv), None), nature=tender.nature,
            amount_eur=amount, notified_on=data.notified_on, launched_on=tender.launch_date,
            duration_months=months,
            holders=[HolderIn(holder_id=given.holder_siret, name=given.holder_name)]
            if given and (given.holder_siret or given.holder_name) else [],
            clauses=lot_clause_refs(session, tender, lot, clauses),
        ))
    _claim(session, tender, expected_version, editable=False)
    purchases = []
    for lot, purchase_in in zip(targets, records, strict=True):
        purchase = record_purchase(session=session, data=purchase_in, actor=actor)  # commits
        purchases.append(purchase)
        if lot is not None:
            lot.purchase_id = purchase.id
            session.add(lot)
        else:
            tender.purchase_id = purchase.id
    tender.status, tender.awarded_on = "attribue", data.notified_on
    session.add(tender)
    session.commit()
    for purchase in purchases:  # the execution follow-up, when the contract's duration is known
        if purchase.id is not None and purchase.duration_months:
            open_followup(session=session, purchase_id=purchase.id, actor=actor)
    return purchases


def contract_months(tender: Tender) -> int | None:
    """The contract's duration in months as its summary states it, renewals included (« 3 ans », « 1 an
    reconductible 2 fois »): the award's default, which dates the execution follow-up."""
    years = read_tender(tender.summary or "").years
    return round(years * 12) if years else None


def purchases_of(*, session: Session, tender_id: int) -> dict[int, Purchase]:
    """The contracts a file became, by lot number (0 for a file without lots)."""
    tender = get_tender(session=session, tender_id=tender_id)
    whole = session.get(Purchase, tender.purchase_id) if tender.purchase_id is not None else None
    if whole is not None:
        return {0: whole}
    query = select(TenderLot.number, Purchase).join(Purchase, col(Purchase.id) == col(TenderLot.purchase_id)).where(
        TenderLot.tender_id == tender_id)
    return dict(session.exec(query).all())
