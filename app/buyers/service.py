"""Buyer profiles: create, read, edit (optimistic concurrency), logo, groups, names for reports and documents."""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from docx.image.exceptions import InvalidImageStreamError, UnexpectedEndOfFileError, UnrecognizedImageError
from docx.image.image import Image
from sqlalchemy import func, or_, select, update
from sqlmodel import Session, col

from app.buyers.models import BUYER, KINDS, LOGO_TYPES, MAX_LOGO_BYTES, Buyer, BuyerCreate, BuyerIn, BuyerOut
from app.clauses.service import current_clauses
from app.clauses.values import parse_value
from app.db import utcnow
from app.errors import Conflict, InvalidInput, NotFound, PayloadTooLarge, PreconditionFailed


def display_name(buyer: Buyer) -> str:
    """The buyer's name, or ``SIRET …`` while nobody has named it."""
    return buyer.name or f"SIRET {buyer.siret}"


def get_buyer(*, session: Session, siret: str) -> Buyer:
    """One buyer profile (its ``annual_volume_eur`` tells whether a SPASER is due); 404 when unknown."""
    siret = "".join(siret.split())
    buyer = session.get(Buyer, siret)
    if buyer is None:
        raise NotFound(f"Aucun acheteur de SIRET {siret}.", siret=siret)
    return buyer


def _children(session: Session) -> dict[str, list[str]]:
    children: dict[str, list[str]] = defaultdict(list)
    for siret, parent in session.execute(
        select(BUYER.c.siret, BUYER.c.parent_siret).where(BUYER.c.parent_siret.is_not(None)).order_by(BUYER.c.siret)
    ):
        children[parent].append(siret)
    return children


def _members(children: dict[str, list[str]], siret: str) -> list[str]:
    members, pending = [], [siret]
    while pending:
        current = pending.pop(0)
        if current not in members:
            members.append(current)
            pending += children.get(current, [])
    return members


def group_members(*, session: Session, siret: str) -> list[str]:
    """The buyer and every buyer attached to it, directly or through another member (the agglomeration, its
    communes and their own attached bodies), in that order."""
    return _members(_children(session), get_buyer(session=session, siret=siret).siret)


def groups_of(*, session: Session) -> dict[str, list[str]]:
    """Every group (a buyer others are attached to) and its members, itself first."""
    children = _children(session)
    return {siret: _members(children, siret) for siret in children}


def buyer_out(session: Session, buyer: Buyer) -> BuyerOut:
    """The API view of a profile, with the buyers attached to it."""
    members = session.scalars(
        select(BUYER.c.siret).where(BUYER.c.parent_siret == buyer.siret).order_by(BUYER.c.siret)
    ).all()
    return BuyerOut(
        siret=buyer.siret, name=buyer.name, display_name=display_name(buyer), kind=buyer.kind,
        kind_label=KINDS.get(buyer.kind) if buyer.kind else None, parent_siret=buyer.parent_siret,
        members=list(members), annual_volume_eur=buyer.annual_volume_eur, defaults=buyer.defaults,
        has_logo=buyer.logo is not None, is_demo=buyer.is_demo, version=buyer.version,
        created_at=buyer.created_at, updated_at=buyer.updated_at,
    )


def list_buyers(
    *, session: Session, q: str | None = None, limit: int = 200, offset: int = 0
) -> tuple[list[Buyer], int]:
    """Profiles by name (unnamed ones last), filtered by a part of the name or of the SIRET."""
    conditions = []
    if q and q.strip():
        needle = f"%{q.strip().lower()}%"
        conditions.append(or_(func.lower(BUYER.c.name).like(needle), BUYER.c.siret.like(needle)))
    total = session.execute(select(func.count()).select_from(BUYER).where(*conditions)).scalar_one()
    rows = session.execute(
        select(Buyer).where(*conditions)
        .order_by(col(Buyer.name).is_(None), col(Buyer.name), col(Buyer.siret)).limit(limit).offset(offset)
    ).scalars()
    return list(rows), int(total)


def buyer_names(*, session: Session, sirets: Iterable[str]) -> dict[str, str]:
    """The names of the named buyers among ``sirets``."""
    wanted = sorted(set(sirets))
    if not wanted:
        return {}
    rows = session.execute(
        select(BUYER.c.siret, BUYER.c.name).where(BUYER.c.siret.in_(wanted), BUYER.c.name.is_not(None))
    )
    return {row.siret: row.name for row in rows}


def _check_parent(session: Session, siret: str, parent: str | None) -> None:
    if parent is None:
        return
    if parent == siret:
        raise InvalidInput("Un acheteur ne peut pas être son propre groupement.",
                           errors=[{"field": "parent_siret", "message": "groupement identique à l'acheteur"}])
    if session.get(Buyer, parent) is None:
        raise InvalidInput(f"Groupement inconnu : aucun acheteur de SIRET {parent}. Créez d'abord son profil.",
                           errors=[{"field": "parent_siret", "message": "acheteur inconnu"}])
    if session.get(Buyer, siret) is not None and parent in group_members(session=session, siret=siret):
        raise InvalidInput(f"Groupement circulaire : {parent} est déjà rattaché à {siret}.",
                           errors=[{"field": "parent_siret", "message": "rattachement circulaire"}])


def check_defaults(session: Session, defaults: dict[str, Any]) -> dict[str, Any]:
    """Default values checked against every clause in force that has a variable of that name."""
    variables: dict[str, list[tuple[str, Any]]] = defaultdict(list)
    for doc in current_clauses(session=session):
        for name, variable in doc.variables.items():
            variables[name].append((doc.id, variable))
    errors = []
    for name, value in defaults.items():
        if name not in variables:
            errors.append({"field": f"defaults.{name}", "message": "aucune clause n'a de variable de ce nom"})
            continue
        for clause_id, variable in variables[name]:
            try:
                parse_value(variable, value)
            except ValueError as exc:
                errors.append({"field": f"defaults.{name}", "message": f"{exc} (clause {clause_id})"})
                break
    if errors:
        raise InvalidInput(
            "Valeurs par défaut invalides : " + " ; ".join(f"{e['field'][9:]} : {e['message']}" for e in errors) + ".",
            errors=errors,
        )
    return dict(sorted(defaults.items()))


def create_buyer(*, session: Session, data: BuyerCreate, is_demo: bool = False) -> Buyer:
    """Add a profile; 409 when the SIRET already has one."""
    if session.get(Buyer, data.siret) is not None:
        raise Conflict(f"L'acheteur de SIRET {data.siret} a déjà un profil : modifiez-le.", siret=data.siret)
    _check_parent(session, data.siret, data.parent_siret)
    buyer = Buyer(**data.model_dump(exclude={"defaults"}), defaults=check_defaults(session, data.defaults),
                  is_demo=is_demo)
    session.add(buyer)
    session.commit()
    session.refresh(buyer)
    return buyer


def _claim(session: Session, siret: str, expected_version: int, values: dict[str, Any]) -> Buyer:
    """Write ``values`` if the profile is still at ``expected_version`` (compare-and-set); 412 otherwise."""
    current = get_buyer(session=session, siret=siret)
    done = session.execute(
        update(BUYER).where(BUYER.c.siret == current.siret, BUYER.c.version == expected_version)
        .values(**values, version=expected_version + 1, updated_at=utcnow())
    )
    if done.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        version = get_buyer(session=session, siret=siret).version
        raise PreconditionFailed(
            f"Le profil de l'acheteur {current.siret} a été modifié entre-temps (version actuelle : {version}). "
            "Rechargez-le avant de l'enregistrer.", siret=current.siret, current_version=version,
        )
    session.commit()
    session.refresh(current)
    return current


def update_buyer(*, session: Session, siret: str, data: BuyerIn, expected_version: int) -> Buyer:
    """Replace a profile's name, kind, group, volume and defaults if it is still at ``expected_version``."""
    buyer = get_buyer(session=session, siret=siret)
    _check_parent(session, buyer.siret, data.parent_siret)
    values = data.model_dump(exclude={"defaults"}) | {"defaults": check_defaults(session, data.defaults)}
    return _claim(session, buyer.siret, expected_version, values)


def set_logo(*, session: Session, siret: str, content: bytes | None, expected_version: int) -> Buyer:
    """Replace (PNG or JPEG, at most 512 KB) or remove (``None``) the logo printed on documents."""
    media_type = None
    if content is not None:
        if len(content) > MAX_LOGO_BYTES:
            raise PayloadTooLarge(f"Logo trop lourd : {MAX_LOGO_BYTES // 1024} Ko au plus.")
        media_type = next((kind for magic, kind in LOGO_TYPES.items() if content.startswith(magic)), None)
        try:
            if media_type is None:
                raise ValueError(media_type)
            Image.from_blob(content)  # what the documents will do with it: read its size
        except (ValueError, InvalidImageStreamError, UnexpectedEndOfFileError, UnrecognizedImageError):
            raise InvalidInput("Logo illisible : image PNG ou JPEG attendue.",
                               errors=[{"field": "logo", "message": "image PNG ou JPEG attendue"}]) from None
    return _claim(session, siret, expected_version, {"logo": content, "logo_type": media_type})
