"""Tender files (``dossiers``): a consultation prepared lot by lot, its clauses per lot with their values, the
documents generated from it, and the contracts of the ledger it became once awarded.

A file is versioned as a whole (``tender.version``, the ETag): any change to its fields, lots or clauses
moves it by one, compare-and-set, so that two officers never overwrite each other silently.
"""

import datetime as dt
from decimal import Decimal
from typing import Any, Final

from pydantic import BaseModel, ConfigDict, field_validator
from pydantic import Field as PydanticField
from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlmodel import Field, SQLModel, UniqueConstraint

from app.clauses.library import Nature
from app.db import utcnow
from app.matching.schemas import CpvCode

# Status of a file and the moves an officer may make (publishing freezes the clauses; awarding records
# the contracts in the ledger).
STATUSES: Final[dict[str, str]] = {"brouillon": "Brouillon", "pret": "Prêt", "publie": "Publié", "attribue": "Attribué"}
TRANSITIONS: Final[dict[str, tuple[str, ...]]] = {
    "brouillon": ("pret",),
    "pret": ("brouillon", "publie"),
    "publie": ("attribue",),
    "attribue": (),
}
EDITABLE: Final = ("brouillon", "pret")
MAX_LOTS: Final = 50
MAX_TENDER_CLAUSES: Final = 100
# Why a clause is in the file: proposed by the matcher and kept, added by the officer, required by another.
SOURCES: Final[dict[str, str]] = {"proposee": "proposée", "ajoutee": "ajoutée", "requise": "requise"}


class Tender(SQLModel, table=True):
    """A tender file."""

    __tablename__ = "tender"
    __table_args__ = (CheckConstraint("status IN (" + ", ".join(f"'{s}'" for s in STATUSES) + ")", name="status"),)

    id: int | None = Field(default=None, primary_key=True)
    buyer_siret: str | None = Field(
        default=None, sa_column=Column(String(14), ForeignKey("buyer.siret", ondelete="SET NULL"), index=True)
    )
    title: str = Field(max_length=300)
    reference: str = Field(default="", max_length=64)
    summary: str = Field(sa_column=Column(Text, nullable=False))
    nature: str | None = Field(default=None, max_length=20)
    cpv: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    amount_eur: int | None = Field(default=None, sa_type=BigInteger)  # estimated, € HT
    launch_date: dt.date | None = None
    status: str = Field(default="brouillon", max_length=12, index=True)
    # Purchase family of the object (the matcher's reading) and the clauses it recommended when the proposals
    # were last applied: what the past choices of the buyer are counted against.
    family: str | None = Field(default=None, max_length=60, index=True)
    recommended: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    awarded_on: dt.date | None = None
    # The contract of the ledger a file without lots became (a file with lots links each lot to its own).
    purchase_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("purchase.id", ondelete="SET NULL"), index=True)
    )
    author: str = Field(max_length=200)
    version: int = 1
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False))
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False))


class TenderLot(SQLModel, table=True):
    """A lot of a file; once awarded, the contract of the ledger it became (DECP records are per lot)."""

    __tablename__ = "tender_lot"
    __table_args__ = (UniqueConstraint("tender_id", "number", name="uq_tender_lot_tender_id_number"),)

    id: int | None = Field(default=None, primary_key=True)
    tender_id: int = Field(
        sa_column=Column(Integer, ForeignKey("tender.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    number: int
    title: str = Field(max_length=300)
    amount_eur: int | None = Field(default=None, sa_type=BigInteger)
    cpv: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # The lot's purchase family and recommended clauses when the proposals were last applied (past choices).
    family: str | None = Field(default=None, max_length=60, index=True)
    recommended: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    purchase_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("purchase.id", ondelete="SET NULL"), index=True)
    )


class TenderClause(SQLModel, table=True):
    """A clause of a file: its pinned version, the lots it applies to and its values (common and per lot)."""

    __tablename__ = "tender_clause"
    __table_args__ = (UniqueConstraint("tender_id", "clause_id", name="uq_tender_clause_tender_id_clause_id"),)

    id: int | None = Field(default=None, primary_key=True)
    tender_id: int = Field(
        sa_column=Column(Integer, ForeignKey("tender.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    clause_id: str = Field(max_length=120, index=True)
    version: int
    position: int = 0
    lots: list[int] | None = Field(default=None, sa_column=Column(JSON))  # None: every lot
    variables: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # {"2": {"heures": 700}}: values of one lot, over the common ones
    lot_variables: dict[str, dict[str, Any]] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    source: str = Field(max_length=12)  # see SOURCES
    required_by: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # A newer library version the officer chose to keep this one over (the flag then stays quiet for it).
    kept_over: int | None = None


class TenderDocument(SQLModel, table=True):
    """A document generated from a file: which part, from which version of the file, and its bytes (the
    history keeps every one, so that what was sent can be fetched again)."""

    __tablename__ = "tender_document"

    id: int | None = Field(default=None, primary_key=True)
    tender_id: int = Field(
        sa_column=Column(Integer, ForeignKey("tender.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    document_id: int = Field(
        sa_column=Column(Integer, ForeignKey("generated_document.id", ondelete="CASCADE"), nullable=False)
    )
    scope: str = Field(max_length=12)  # "dossier", "RC", "CCAP", "CCTP", "AE" or "lot"
    lot: int | None = None
    tender_version: int
    filename: str = Field(max_length=200)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False))
    created_by: str = Field(max_length=200)


# ---- API shapes -------------------------------------------------------------------------------


class LotIn(BaseModel):
    """A lot: number, title, estimated amount, CPV codes."""

    model_config = ConfigDict(extra="forbid")
    number: int = PydanticField(ge=1, le=999)
    title: str = PydanticField(min_length=1, max_length=300)
    amount_eur: int | None = PydanticField(default=None, ge=0, le=10**13, description="Montant estimé, € HT")
    cpv: list[CpvCode] = PydanticField(default_factory=list, max_length=20)

    @field_validator("title")
    @classmethod
    def _title(cls, value: str) -> str:
        value = " ".join(value.split())
        if not value:
            raise ValueError("intitulé vide")
        return value


class TenderIn(BaseModel):
    """The fields of a file (its lots included); its clauses are set apart (``PUT …/clauses``)."""

    model_config = ConfigDict(extra="forbid")
    buyer_siret: str | None = PydanticField(default=None, pattern=r"^[0-9]{14}$", description="Profil d'acheteur")
    title: str = PydanticField(min_length=1, max_length=300, description="Intitulé de la consultation")
    reference: str = PydanticField(default="", max_length=64, description="Référence chez l'acheteur")
    summary: str = PydanticField(min_length=1, max_length=20_000, description="Résumé ou objet collé")
    nature: Nature | None = None
    cpv: list[CpvCode] = PydanticField(default_factory=list, max_length=20)
    amount_eur: int | None = PydanticField(default=None, ge=0, le=10**13, description="Montant estimé, € HT")
    launch_date: dt.date | None = PydanticField(default=None, description="Date de lancement prévue")
    lots: list[LotIn] = PydanticField(default_factory=list, max_length=MAX_LOTS)

    @field_validator("title", "summary")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("champ vide")
        return value.strip()

    @field_validator("lots")
    @classmethod
    def _distinct_numbers(cls, value: list[LotIn]) -> list[LotIn]:
        numbers = [lot.number for lot in value]
        if len(set(numbers)) != len(numbers):
            raise ValueError("deux lots portent le même numéro")
        return sorted(value, key=lambda lot: lot.number)


class TenderClauseIn(BaseModel):
    """A clause chosen for the file: which lots, which values (common, then per lot)."""

    model_config = ConfigDict(extra="forbid")
    id: str = PydanticField(min_length=1, max_length=120)
    version: int | None = PydanticField(default=None, ge=1, description="Version précise ; la version en vigueur sinon")
    lots: list[int] | None = PydanticField(
        default=None, max_length=MAX_LOTS, description="Lots concernés ; null : tous"
    )
    variables: dict[str, Any] = PydanticField(default_factory=dict, description="Valeurs communes à tous les lots")
    lot_variables: dict[int, dict[str, Any]] = PydanticField(
        default_factory=dict, description="Valeurs propres à un lot, par numéro de lot"
    )
    source: str = PydanticField(default="ajoutee", pattern="^(proposee|ajoutee)$",
                                description="proposee : proposée et conservée ; ajoutee : ajoutée par l'agent")


class StatusIn(BaseModel):
    """A move of the file's status."""

    model_config = ConfigDict(extra="forbid")
    status: str = PydanticField(pattern="^(brouillon|pret|publie)$", description="brouillon, pret ou publie")


class LibraryUpdateIn(BaseModel):
    """The officer's answer to a newer library version of a clause of the file."""

    model_config = ConfigDict(extra="forbid")
    choice: str = PydanticField(pattern="^(mettre-a-jour|conserver)$", description="mettre-a-jour ou conserver")


class AwardedLotIn(BaseModel):
    """What a lot became: its notified amount and its holders."""

    model_config = ConfigDict(extra="forbid")
    number: int = PydanticField(ge=1, le=999)
    # A notified amount has its cents (the ledger keeps them); an estimate is in whole euros.
    amount_eur: Decimal | None = PydanticField(
        default=None, ge=0, le=10**13, max_digits=15, decimal_places=2,
        description="Montant notifié, € HT, centimes compris ; l'estimé sinon",
    )
    holder_siret: str | None = PydanticField(default=None, pattern=r"^[0-9]{14}$")
    holder_name: str | None = PydanticField(default=None, max_length=255)


class AwardIn(BaseModel):
    """The award of a published file: the notification date and, per lot, the notified amount and holder."""

    model_config = ConfigDict(extra="forbid")
    notified_on: dt.date
    duration_months: int | None = PydanticField(default=None, ge=0, le=1200)
    lots: list[AwardedLotIn] = PydanticField(default_factory=list, max_length=MAX_LOTS,
                                             description="Lots attribués (tous les lots si la liste est vide)")


class DocumentScopeIn(BaseModel):
    """Which document to generate from the file."""

    model_config = ConfigDict(extra="forbid")
    scope: str = PydanticField(default="dossier", pattern="^(dossier|RC|CCAP|CCTP|AE|lot)$",
                               description="dossier (toute la consultation), RC, CCAP, CCTP, AE ou lot")
    lot: int | None = PydanticField(default=None, ge=1, le=999, description="Numéro du lot (portée « lot »)")
    draft: bool = PydanticField(default=False, description="Valeurs manquantes surlignées au lieu d'une erreur 422")


class LotOut(BaseModel):
    """A lot as read back, with the contract of the ledger it became once awarded."""

    number: int
    title: str
    amount_eur: int | None
    cpv: list[str]
    purchase_id: int | None


class RequirerOut(BaseModel):
    """A clause of the file that requires another."""

    id: str
    title: str


class TenderClauseOut(BaseModel):
    """A clause of the file: pinned version, lots, values, why it is there."""

    id: str
    version: int
    title: str
    document: str
    kind: str
    decp_value: str
    lots: list[int] | None = PydanticField(description="Lots concernés ; null : tous")
    variables: dict[str, Any]
    lot_variables: dict[str, dict[str, Any]]
    source: str = PydanticField(description="proposee, ajoutee ou requise")
    required_by: list[RequirerOut]
    reason: str = PydanticField(description="Pourquoi la clause est dans le dossier, en français")


class DiffPieceOut(BaseModel):
    """A run of words of a word diff: kept (=), removed (-) or added (+)."""

    op: str
    text: str


class LibraryUpdateOut(BaseModel):
    """A newer library version of a clause of the file, and what changed, word by word."""

    clause_id: str
    title: str
    pinned_version: int
    current_version: int
    diff: list[DiffPieceOut]


class TenderDocumentOut(BaseModel):
    """A document of the file's history."""

    id: int
    document_id: int
    scope: str
    lot: int | None
    label: str
    tender_version: int
    filename: str
    size: int
    created_at: dt.datetime
    created_by: str
    url: str


class TenderSummaryOut(BaseModel):
    """A file in a list."""

    id: int
    buyer_siret: str | None
    buyer_name: str | None
    title: str
    reference: str
    status: str
    status_label: str
    lot_count: int
    author: str
    version: int
    updated_at: dt.datetime


class TenderOut(TenderSummaryOut):
    """A file as read back: fields, lots, clauses, pending library updates, documents, contracts."""

    summary: str
    nature: str | None
    cpv: list[str]
    amount_eur: int | None
    launch_date: dt.date | None
    next_statuses: list[str]
    family: str | None
    awarded_on: dt.date | None
    purchase_id: int | None
    created_at: dt.datetime
    lots: list[LotOut]
    clauses: list[TenderClauseOut]
    library_updates: list[LibraryUpdateOut]
    documents: list[TenderDocumentOut]


class TenderPage(BaseModel):
    """A page of files."""

    items: list[TenderSummaryOut]
    total: int
