"""The reminder letter (.docx) to the holder of a contract: the evidence owed, the clause that asks for it
(its title and wording with the contract's values) and the penalty clause it requires, if any."""

from datetime import date
from typing import Any

from sqlmodel import Session

from app.buyers.models import Buyer
from app.buyers.service import display_name
from app.clauses.library import ClauseDoc
from app.clauses.service import render_clause
from app.clauses.values import format_date
from app.documents.builder import (
    DocumentMeta,
    add_text,
    document_bytes,
    french_typography,
    house_document,
    text_blocks,
)
from app.documents.service import document_filename
from app.followup import service
from app.purchases.service import get_purchase, holders_of

PENALTY_KIND = "penalite"


def _own(values: dict[str, dict[str, Any]], clause: ClauseDoc, defaults: dict[str, Any]) -> dict[str, Any]:
    """The contract's values of ``clause`` over the buyer profile's defaults (a required penalty clause the contract
    does not list has only those), its own variables only: the profile holds defaults of other clauses too (a
    penalty's amount per hour), which the clause would refuse."""
    given = {**defaults, **values.get(clause.id, {}).get("variables", {})}
    return {name: value for name, value in given.items() if name in clause.variables}


def reminder_letter(*, session: Session, commitment_id: int, on: date, delay_days: int = 15) -> tuple[bytes, str]:
    """The letter reminding the holder of an overdue commitment; (content, file name)."""
    commitment = service.get_commitment(session=session, commitment_id=commitment_id)
    purchase = get_purchase(session=session, purchase_id=commitment.purchase_id)
    assert purchase.id is not None
    values = service.contract_values(session=session, purchase=purchase)
    buyer = session.get(Buyer, purchase.buyer_siret)
    defaults = dict(buyer.defaults) if buyer is not None else {}
    clause = service.followup_clause(session=session, clause_id=commitment.clause_id,
                                     version=commitment.clause_version)
    row, wording = render_clause(session=session, clause_id=commitment.clause_id, version=commitment.clause_version,
                                 variables=_own(values, clause, defaults), draft=True)
    penalties = []
    for required in clause.requires:
        penalty = service.followup_clause(session=session, clause_id=required,
                                          version=values.get(required, {}).get("version"))
        if penalty.kind == PENALTY_KIND:
            penalties.append(render_clause(session=session, clause_id=required,
                                           version=values.get(required, {}).get("version"),
                                           variables=_own(values, penalty, defaults), draft=True))
    buyer_name = display_name(buyer) if buyer else (purchase.buyer_name or f"SIRET {purchase.buyer_siret}")
    holders = holders_of(session=session, purchase_ids=[purchase.id])[purchase.id]
    holder = ", ".join(h.name or f"{h.id_type or 'identifiant'} {h.holder_id}" for h in holders) or "Le titulaire"
    evidence = service.evidence_of(session=session, commitment_ids=[commitment_id])[commitment_id]
    refused = [e for e in evidence if e.decision == "refusee"]

    meta = DocumentMeta(title="Relance : justificatif attendu", buyer=buyer_name, tender_object=purchase.object,
                        reference=purchase.buyer_ref, date=on, logo=buyer.logo if buyer else None)
    document = house_document(meta)

    def paragraph(text: str, **formatting: bool) -> None:
        add_text(document.add_paragraph()._p, french_typography(text), **formatting)

    paragraph(buyer_name, bold=True)
    paragraph(f"À l'attention de : {holder}")
    paragraph(f"Le {format_date(on)}")
    paragraph(f"Objet : relance – justificatif attendu au titre du marché {purchase.buyer_ref} "
              f"« {purchase.object} »", bold=True)
    paragraph("Madame, Monsieur,")
    period = (f" pour la période du {format_date(commitment.period_start)} au {format_date(commitment.period_end)}"
              if commitment.period_start and commitment.period_end else "")
    paragraph(f"Le marché {purchase.buyer_ref}, notifié le {format_date(purchase.notified_on)}, vous engage, par sa "
              f"clause « {row.title} », à remettre le justificatif suivant{period} : {commitment.evidence}."
              + (f" L'échéance en était fixée au {format_date(commitment.due_on)}." if commitment.due_on else ""))
    if refused:
        last = refused[-1]
        paragraph(f"Le justificatif reçu le {format_date(last.received_on)} n'a pas pu être accepté : {last.reason}")
    else:
        paragraph("À la date du présent courrier, nous ne l'avons pas reçu.")
    paragraph(f"Nous vous remercions de nous le transmettre dans un délai de {delay_days} jours à compter de la "
              "réception du présent courrier.")
    def article(text: str) -> None:  # its lists as lists, as in the contract's documents (not justified lines)
        for kind, body in text_blocks(text):
            add_text(document.add_paragraph(style="List Bullet" if kind == "item" else None)._p, body)

    document.add_heading(f"Clause « {row.title} »", level=2)
    article(wording)
    for penalty_row, penalty_text in penalties:
        document.add_heading(f"Pénalité prévue : clause « {penalty_row.title} »", level=2)
        article(penalty_text)
    paragraph("Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.")
    paragraph(f"Pour {buyer_name},\n[à compléter : nom et qualité du signataire]")
    return document_bytes(document), document_filename(f"{purchase.buyer_ref}-{commitment_id}", "relance")
