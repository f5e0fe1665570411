"""Small purchase files and buyers written in the tests themselves: DECP JSON (2024 shape) and valid SIRETs."""

import io
import json
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session
from stdnum import luhn

from app.purchases.service import ImportReport, import_purchases


def public_siret(n: int) -> str:
    """A valid SIRET of a fictional public buyer (prefix 21, the communes'; not the demo's)."""
    base = f"21{n:06d}"
    siren = base + luhn.calc_check_digit(base)
    return siren + "0001" + luhn.calc_check_digit(siren + "0001")


def contract(
    buyer: str, ref: str, *, amount: float = 10_000, notified: str = "2025-03-01", social: list[str] | None = None,
    environmental: list[str] | None = None, holder: str = "98000000100019", buyer_name: str | None = None,
) -> dict[str, Any]:
    """One contract of a DECP 2024 file."""
    return {
        "id": ref, "acheteur": {"id": buyer, **({"nom": buyer_name} if buyer_name else {})}, "nature": "Marché",
        "objet": f"Marché {ref}", "codeCPV": "90910000-9", "procedure": "Procédure adaptée", "dureeMois": 12,
        "dateNotification": notified, "montant": amount,
        "titulaires": [{"titulaire": {"typeIdentifiant": "SIRET", "id": holder}}],
        "considerationsSociales": {"considerationSociale": social or ["Pas de considération sociale"]},
        "considerationsEnvironnementales": {
            "considerationEnvironnementale": environmental or ["Pas de considération environnementale"]},
    }


def decp(*contracts: dict[str, Any]) -> bytes:
    """A DECP JSON file of ``contracts``."""
    return json.dumps({"marches": {"marche": list(contracts)}}, ensure_ascii=False).encode()


def import_decp(engine: Engine, data: bytes, filename: str = "decp.json", *, actor: str = "tests") -> ImportReport:
    """Import a DECP file into the ledger of ``engine``."""
    with Session(engine) as session:
        return import_purchases(session=session, stream=io.BytesIO(data), filename=filename, actor=actor)
