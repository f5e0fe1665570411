"""A 3-lot tender of the tests: cleaning, green spaces, painting works, for a buyer with clause defaults."""

from typing import Any

from sqlmodel import Session

from app.buyers.models import BuyerCreate
from app.buyers.service import create_buyer
from app.tenders.models import TenderIn
from tests.ledger import public_siret

BUYER = public_siret(40)
SUMMARY = (
    "Entretien des bâtiments communaux en 3 lots : nettoyage des locaux, entretien des espaces verts, travaux de "
    "peinture intérieure. Durée 4 ans."
)
LOTS: list[dict[str, Any]] = [
    {"number": 1, "title": "Nettoyage des locaux", "amount_eur": 500_000},
    {"number": 2, "title": "Entretien des espaces verts", "amount_eur": 250_000},
    {"number": 3, "title": "Travaux de peinture intérieure", "amount_eur": 150_000},
]


def tender_body(**changes: Any) -> dict[str, Any]:
    """The fields of the test tender (JSON of ``POST /api/v1/tenders``)."""
    return {"buyer_siret": BUYER, "title": "Entretien des bâtiments communaux", "reference": "2027-ENT-01",
            "summary": SUMMARY, "nature": "services", "amount_eur": 900_000, "launch_date": "2027-01-15",
            "lots": LOTS, **changes}


def tender_in(**changes: Any) -> TenderIn:
    return TenderIn.model_validate(tender_body(**changes))


def add_buyer(session: Session) -> None:
    """The buyer profile of the test tender, with a facilitator by default."""
    create_buyer(session=session, data=BuyerCreate(
        siret=BUYER, name="Commune de Valbourg", kind="commune",
        defaults={"facilitateur": "Maison de l'emploi de Valbourg"}))
