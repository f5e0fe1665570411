"""Buyer profiles: who buys (SIRET, name, kind), the group it belongs to, its size, its clause defaults."""

from datetime import datetime
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, field_validator
from pydantic import Field as PydanticField
from sqlalchemy import JSON, BigInteger, CheckConstraint, Column, DateTime, ForeignKey, Integer, LargeBinary, String
from sqlmodel import Field, SQLModel

from app.db import utcnow
from app.suppliers.models import Siret

BuyerKind = Literal["commune", "epci", "syndicat", "ccas", "departement", "region", "etablissement", "autre"]
KINDS: Final[dict[str, str]] = {
    "commune": "Commune",
    "epci": "Intercommunalité (communauté de communes, d'agglomération, urbaine, métropole)",
    "syndicat": "Syndicat intercommunal ou mixte",
    "ccas": "CCAS ou CIAS",
    "departement": "Département",
    "region": "Région",
    "etablissement": "Autre établissement public",
    "autre": "Autre acheteur",
}
LOGO_TYPES: Final = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}
MAX_LOGO_BYTES: Final = 512 * 1024
MAX_DEFAULTS: Final = 100
DefaultValue = str | int | float


class Buyer(SQLModel, table=True):
    """A buyer (commune, intercommunalité, syndicat…), keyed by its SIRET like the DECP."""

    __tablename__ = "buyer"
    __table_args__ = (
        CheckConstraint("kind IS NULL OR kind IN (" + ", ".join(f"'{k}'" for k in KINDS) + ")", name="kind"),
    )

    siret: str = Field(primary_key=True, max_length=14)
    name: str | None = Field(default=None, max_length=255)  # None: created by an import that gave no name
    kind: str | None = Field(default=None, max_length=20)
    # The group it belongs to (the agglomeration of a commune), itself a buyer.
    parent_siret: str | None = Field(
        default=None, sa_column=Column(String(14), ForeignKey("buyer.siret", ondelete="SET NULL"), index=True)
    )
    # Annual purchase volume, € HT: the SPASER obligation depends on it (CCP L2111-3).
    annual_volume_eur: int | None = Field(default=None, sa_type=BigInteger)
    # Values of clause variables by variable name (penalty amounts, facilitator…), used by documents.
    defaults: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    logo: bytes | None = Field(default=None, sa_column=Column(LargeBinary))
    logo_type: str | None = Field(default=None, max_length=20)
    is_demo: bool = False
    # The purchases import that created it (unnamed buyers of a DECP file): undoing that import removes it.
    import_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("purchase_import.id", ondelete="SET NULL"), index=True)
    )
    version: int = 1
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False))


BUYER: Final = SQLModel.metadata.tables[Buyer.__tablename__]


# ---- API shapes -------------------------------------------------------------------------------


class BuyerIn(BaseModel):
    """Editable fields of a buyer profile."""

    model_config = ConfigDict(extra="forbid")
    name: str = PydanticField(min_length=1, max_length=255, description="Nom officiel (« Commune de Melun »)")
    kind: BuyerKind | None = None
    parent_siret: str | None = PydanticField(default=None, description="SIRET du groupement (l'agglomération)")
    annual_volume_eur: int | None = PydanticField(
        default=None, ge=0, le=10**13, description="Volume annuel d'achats en € HT (détermine le SPASER)"
    )
    defaults: dict[str, DefaultValue] = PydanticField(
        default_factory=dict, max_length=MAX_DEFAULTS,
        description="Valeurs par défaut des variables de clauses, par nom de variable",
    )

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        value = " ".join(value.split())
        if not value:
            raise ValueError("nom vide")
        return value

    @field_validator("parent_siret")
    @classmethod
    def _parent(cls, value: str | None) -> str | None:
        return None if value is None or not value.strip() else "".join(value.split())


class BuyerCreate(BuyerIn):
    """A new buyer profile."""

    siret: Siret


class BuyerOut(BaseModel):
    """A buyer profile as read back."""

    siret: str
    name: str | None
    display_name: str = PydanticField(description="Le nom, ou « SIRET … » tant que l'acheteur n'est pas nommé")
    kind: str | None
    kind_label: str | None
    parent_siret: str | None
    members: list[str] = PydanticField(description="SIRET des acheteurs rattachés à ce groupement")
    annual_volume_eur: int | None
    defaults: dict[str, Any]
    has_logo: bool
    is_demo: bool
    version: int
    created_at: datetime
    updated_at: datetime


class BuyerPage(BaseModel):
    """A list of buyers."""

    items: list[BuyerOut]
    total: int
