"""Purchases ledger: one row per contract, keyed like DECP by (buyer SIRET, buyer's own id).

The DECP considerations are stored as one nullable boolean per positive value: a set over a fixed
list of values is exactly that, and flags keep the indicators plain SQL aggregates. For each side
(social, environmental) the flags are either all NULL (the source says nothing, e.g. the pre-2024
DECP format: "non renseigné") or all set (all false = "Pas de considération …").
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict
from pydantic import Field as PydanticField
from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Text,
    false,
)
from sqlmodel import Field, SQLModel, UniqueConstraint

from app.db import utcnow

# DECP values (arrêté du 22 décembre 2022, schema v2.0.3) -> flag column.
SOCIAL_VALUES = {
    "Clause sociale": "social_clause",
    "Critère social": "social_criterion",
    "Marché réservé": "reserved",
}
ENVIRONMENTAL_VALUES = {
    "Clause environnementale": "environmental_clause",
    "Critère environnemental": "environmental_criterion",
}
NO_SOCIAL = "Pas de considération sociale"
NO_ENVIRONMENTAL = "Pas de considération environnementale"


def _all_or_none(columns: list[str]) -> str:
    return (
        "(" + " AND ".join(f"{c} IS NULL" for c in columns) + ") OR ("
        + " AND ".join(f"{c} IS NOT NULL" for c in columns) + ")"
    )


class PurchaseImport(SQLModel, table=True):
    """One import of a file into the ledger: provenance, counts, and whether it was undone."""

    __tablename__ = "purchase_import"

    id: int | None = Field(default=None, primary_key=True)
    filename: str = Field(max_length=255)
    format: str = Field(max_length=20)  # see importer.FORMAT_LABELS
    sha256: str | None = Field(default=None, max_length=64)  # of the file (None: imported before v0.2)
    actor: str = Field(default="", max_length=200)  # who imported it: officer, API key or "cli (<user>)"
    records: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    is_demo: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    imported_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True)))
    undone_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True)))
    undone_by: str | None = Field(default=None, max_length=200)


class Purchase(SQLModel, table=True):
    """A contract notified by a buyer (DECP "marché")."""

    __tablename__ = "purchase"
    __table_args__ = (
        UniqueConstraint("buyer_siret", "buyer_ref", name="uq_purchase_buyer_siret_buyer_ref"),
        CheckConstraint(_all_or_none(list(SOCIAL_VALUES.values())), name="social_all_or_none"),
        CheckConstraint(_all_or_none(list(ENVIRONMENTAL_VALUES.values())), name="environmental_all_or_none"),
        # Covering index of the report: a year's indicators are read from the index alone, in date
        # order, without visiting the table (3 to 4 times faster on a million contracts); the buyer's
        # name is there for the names the breakdown by buyer gives when the buyer has no profile.
        Index("ix_purchase_report", "notified_on", "buyer_siret", "cpv_division", "nature", "amount_cents",
              *SOCIAL_VALUES.values(), *ENVIRONMENTAL_VALUES.values(), "fair_trade_cents", "is_demo", "buyer_name"),
    )

    id: int | None = Field(default=None, primary_key=True)
    buyer_siret: str = Field(max_length=14)
    buyer_name: str | None = Field(default=None, max_length=255)
    buyer_ref: str = Field(max_length=64)  # the buyer's own id of the contract (DECP "id")
    object: str = Field(sa_column=Column(Text, nullable=False))
    cpv: str | None = Field(default=None, max_length=32)  # as published, check digit removed
    cpv_division: str | None = Field(default=None, max_length=2)  # first 2 digits of a well-formed CPV
    nature: str | None = Field(default=None, max_length=80)
    procedure: str | None = Field(default=None, max_length=120)
    amount_cents: int = Field(sa_type=BigInteger)  # € HT, in cents: sums stay exact on every database
    notified_on: date
    # Date the consultation was launched, when known (Clausier tenders, some ledgers; not in DECP).
    launched_on: date | None = None
    duration_months: int | None = None
    social_clause: bool | None = None
    social_criterion: bool | None = None
    reserved: bool | None = None
    environmental_clause: bool | None = None
    environmental_criterion: bool | None = None
    fair_trade_cents: int | None = Field(default=None, sa_type=BigInteger)
    # Clauses used when the tender was built with Clausier: [{"id": ..., "version": ..., "variables": {...}}]
    # ("variables" when known: the values of the contract, e.g. the insertion hours of its lot).
    clauses: list[dict[str, Any]] | None = Field(default=None, sa_column=Column(JSON))
    # The generated_document it came from; no FK on purpose: documents may be purged, the ledger stays.
    document_id: int | None = None
    source: str = Field(max_length=20)  # import format or "clausier"
    # The import that created or last changed the row (None: recorded through the API).
    import_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("purchase_import.id", ondelete="SET NULL")),
    )
    # A fictional contract of the demonstration data (see app/demo).
    is_demo: bool = Field(default=False, index=True, sa_column_kwargs={"server_default": false()})
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True)))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True)))


class PurchaseHolder(SQLModel, table=True):
    """A holder (titulaire) of a contract: a contract with two holders is still one contract."""

    __tablename__ = "purchase_holder"
    __table_args__ = (
        UniqueConstraint("purchase_id", "holder_id", name="uq_purchase_holder_purchase_id_holder_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    purchase_id: int = Field(
        sa_column=Column(Integer, ForeignKey("purchase.id", ondelete="CASCADE"), nullable=False)
    )
    holder_id: str | None = Field(default=None, max_length=32, index=True)  # SIRET, TVA… (None: unknown)
    id_type: str | None = Field(default=None, max_length=16)  # DECP typeIdentifiant
    name: str | None = Field(default=None, max_length=255)
    import_id: int | None = None  # import that last wrote the row: older rows of a re-imported contract go


class PurchaseHistory(SQLModel, table=True):
    """The state of a contract before an import or an API write changed it: what an undo restores.

    Creations leave no row (the contract's ``import_id`` says which import created it); each change
    keeps the whole previous row and its holders, and which import had written that state
    (``before_import_id``), so that undoing that earlier import can tell it was changed since.
    """

    __tablename__ = "purchase_history"

    id: int | None = Field(default=None, primary_key=True)
    purchase_id: int = Field(
        sa_column=Column(Integer, ForeignKey("purchase.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    import_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("purchase_import.id", ondelete="SET NULL"), index=True),
    )
    before_import_id: int | None = Field(default=None, index=True)
    changed_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False))
    source: str = Field(default="", max_length=200)
    before: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))  # {"purchase": {...}, "holders": [...]}


# ---- API shapes -------------------------------------------------------------------------------


class HolderIn(BaseModel):
    """A holder of a contract."""

    model_config = ConfigDict(extra="forbid")
    holder_id: str | None = PydanticField(default=None, max_length=32, description="SIRET, TVA…")
    id_type: str | None = PydanticField(default="SIRET", max_length=16)
    name: str | None = PydanticField(default=None, max_length=255)


class ClauseRef(BaseModel):
    """A clause version used in the tender, and the values of its variables in this contract."""

    model_config = ConfigDict(extra="forbid")
    id: str = PydanticField(min_length=1, max_length=120)
    version: int = PydanticField(ge=1)
    variables: dict[str, Any] | None = PydanticField(
        default=None, description="Valeurs des variables dans ce marché (heures d'insertion, parts…)"
    )


class PurchaseIn(BaseModel):
    """A contract recorded by hand or by Clausier (its clauses fill the DECP considerations)."""

    model_config = ConfigDict(extra="forbid")
    buyer_siret: str = PydanticField(pattern=r"^[0-9]{14}$")
    buyer_name: str | None = PydanticField(default=None, max_length=255)
    buyer_ref: str = PydanticField(min_length=1, max_length=64, description="Identifiant du marché chez l'acheteur")
    object: str = PydanticField(min_length=1, max_length=1000)
    cpv: str | None = PydanticField(default=None, max_length=32)
    nature: str | None = PydanticField(default=None, max_length=80)
    procedure: str | None = PydanticField(default=None, max_length=120)
    amount_eur: Decimal = PydanticField(ge=0, max_digits=15, decimal_places=2, description="Montant HT")
    notified_on: date
    launched_on: date | None = None
    duration_months: int | None = PydanticField(default=None, ge=0, le=1200)
    holders: list[HolderIn] = PydanticField(default_factory=list, max_length=50)
    considerations_sociales: list[str] | None = PydanticField(default=None, max_length=4)
    considerations_environnementales: list[str] | None = PydanticField(default=None, max_length=3)
    clauses: list[ClauseRef] | None = PydanticField(default=None, max_length=200)
    document_id: int | None = PydanticField(
        default=None, ge=1, description="Document généré par Clausier (ses clauses servent si « clauses » est absent)"
    )
    fair_trade_amount_eur: Decimal | None = PydanticField(default=None, ge=0, max_digits=15, decimal_places=2)


class HolderOut(BaseModel):
    """A holder as stored."""

    holder_id: str | None
    id_type: str | None
    name: str | None


class PurchaseOut(BaseModel):
    """A contract of the ledger; a considerations list is null when the source did not report it."""

    id: int
    buyer_siret: str
    buyer_name: str | None
    buyer_ref: str
    object: str
    cpv: str | None
    nature: str | None
    procedure: str | None
    amount_eur: Decimal
    notified_on: date
    launched_on: date | None
    duration_months: int | None
    holders: list[HolderOut]
    considerations_sociales: list[str] | None
    considerations_environnementales: list[str] | None
    fair_trade_amount_eur: Decimal | None
    clauses: list[dict[str, Any]] | None
    document_id: int | None
    source: str
    import_id: int | None
    is_demo: bool


class PurchasePage(BaseModel):
    """A page of contracts."""

    items: list[PurchaseOut]
    total: int


class ImportErrorOut(BaseModel):
    """A refused record."""

    record: str
    message: str
    line: int | None = None


class ImportOut(BaseModel):
    """What an import did."""

    import_id: int | None
    filename: str
    format: str
    sha256: str
    records: int
    created: int
    updated: int
    unchanged: int
    kept: int = PydanticField(description="Valeurs déjà connues que le fichier laissait vides, conservées")
    skipped: int
    ignored: int
    errors: list[ImportErrorOut]


class PurchaseImportOut(BaseModel):
    """An import as recorded: file, who, when, counts, and whether it was undone."""

    model_config = ConfigDict(from_attributes=True)
    id: int
    filename: str
    format: str
    sha256: str | None
    actor: str
    imported_at: datetime
    records: int
    created: int
    updated: int
    unchanged: int
    skipped: int
    is_demo: bool
    undone_at: datetime | None
    undone_by: str | None


class PurchaseImportPage(BaseModel):
    """Imports, newest first."""

    items: list[PurchaseImportOut]
    total: int

