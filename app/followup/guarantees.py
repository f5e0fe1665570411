"""Suppliers' social guarantees (ILO core conventions, supply-chain transparency, social audits): documents with
a validity date, checked and stored like the contracts' evidence."""

from datetime import date
from pathlib import Path

from sqlmodel import Session, col, select

from app.errors import InvalidInput, NotFound
from app.followup import files
from app.followup.models import GUARANTEE_KINDS, GuaranteeOut, SupplierGuarantee
from app.followup.service import check_received_on
from app.suppliers.models import Supplier


def add_guarantee(
    *, session: Session, siret: str, kind: str, description: str, received_on: date, valid_until: date | None,
    upload: tuple[bytes, str] | None, folder: Path, max_bytes: int, actor: str, today: date | None = None,
) -> SupplierGuarantee:
    """Record a guarantee of a registry supplier, with its file checked and stored (received by ``today``)."""
    supplier = session.get(Supplier, siret)
    if supplier is None or supplier.deleted_at is not None:
        raise NotFound(f"Fournisseur inconnu : SIRET {siret}.", siret=siret)
    if kind not in GUARANTEE_KINDS:
        raise InvalidInput(f"Garantie inconnue « {kind} » : " + ", ".join(GUARANTEE_KINDS) + ".")
    if not description.strip():
        raise InvalidInput("Indiquez ce que montre le justificatif.")
    check_received_on(received_on, today)
    if valid_until is not None and valid_until < received_on:
        raise InvalidInput("La fin de validité précède la date de réception.")
    stored = files.accept(upload, folder, max_bytes=max_bytes)
    guarantee = SupplierGuarantee(supplier_siret=siret, kind=kind, description=description.strip(),
                                  received_on=received_on, valid_until=valid_until, recorded_by=actor[:200], **stored)
    session.add(guarantee)
    session.commit()
    session.refresh(guarantee)
    return guarantee


def guarantees_of(*, session: Session, siret: str, on: date) -> list[GuaranteeOut]:
    """A supplier's guarantees, newest first, each valid or not on ``on``."""
    rows = session.exec(select(SupplierGuarantee).where(SupplierGuarantee.supplier_siret == siret)
                        .order_by(col(SupplierGuarantee.received_on).desc(), col(SupplierGuarantee.id).desc())).all()
    return [
        GuaranteeOut(
            id=row.id or 0, supplier_siret=row.supplier_siret, kind=row.kind, kind_label=GUARANTEE_KINDS[row.kind],
            description=row.description, received_on=row.received_on, valid_until=row.valid_until,
            valid=row.received_on <= on and (row.valid_until is None or row.valid_until >= on),
            filename=row.filename, media_type=row.media_type, sha256=row.sha256,
            file_url=f"/api/v1/followup/guarantees/{row.id}/file" if row.sha256 else None,
            recorded_by=row.recorded_by,
        )
        for row in rows
    ]


def get_guarantee(*, session: Session, guarantee_id: int) -> SupplierGuarantee:
    """One guarantee by id."""
    guarantee = session.get(SupplierGuarantee, guarantee_id)
    if guarantee is None:
        raise NotFound(f"Garantie inconnue : {guarantee_id}.", guarantee_id=guarantee_id)
    return guarantee
