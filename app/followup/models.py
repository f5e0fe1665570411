"""Execution follow-up: what the holder of a contract owes (commitments), what it handed over (evidence),
and the insertion hours worked (monthly statements).

Personal data: none about the people in insertion. A statement holds hours and head counts by eligibility
category and modality, never a name, a birth date or any other identifier of a participant. The clause asks
the holder for a nominative statement, but that one stays with the facilitator, who checks eligibility;
the buyer's follow-up only needs the totals to compare them with the commitment and compute the penalty.
Evidence files are the holder's documents (certificates, statements): the officer is told not to attach a
file naming participants (see docs/suivi-execution.md).
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict
from pydantic import Field as PydanticField
from sqlalchemy import Column, DateTime, ForeignKey, Integer, Text
from sqlmodel import Field, SQLModel, UniqueConstraint

from app.db import utcnow

# Evidence decisions: received and not yet examined (None), accepted, refused (with a reason).


class Commitment(SQLModel, table=True):
    """One dated piece of evidence the holder owes under one verification item of one clause of a contract."""

    __tablename__ = "followup_commitment"
    __table_args__ = (
        UniqueConstraint("purchase_id", "clause_id", "item", "sequence",
                         name="uq_followup_commitment_purchase_id_clause_id_item_sequence"),
    )

    id: int | None = Field(default=None, primary_key=True)
    purchase_id: int = Field(
        sa_column=Column(Integer, ForeignKey("purchase.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    clause_id: str = Field(max_length=120)
    clause_version: int
    item: int  # index of the clause's verification item
    sequence: int = 0  # period number (0 for a one-off item)
    evidence: str = Field(sa_column=Column(Text, nullable=False))  # what is owed, as the clause words it
    due_kind: str = Field(max_length=20)  # the schedule: app.clauses.library.Due, "periode" resolved
    period_start: date | None = None
    period_end: date | None = None
    # None: owed, but the contract does not say when (a clause value missing, an end unknown): ``undated_reason``
    # says why, in French, for the officer; opening the follow-up again once it is known dates it.
    due_on: date | None = Field(default=None, index=True)
    undated_reason: str | None = Field(default=None, sa_column=Column(Text))
    # On the periods of the insertion-hours statement: the hours the clause commits for the whole contract
    # (the same on each period; None on other commitments).
    hours_committed: int | None = None
    # The formal notice (mise en demeure) sent to the holder for this commitment, and who recorded it: it starts
    # the period after which a late statement is penalised (app.followup.hours).
    notice_on: date | None = None
    notice_by: str | None = Field(default=None, max_length=200)
    opened_by: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True)))


class StoredFileFields(SQLModel):
    """The file of a piece of evidence, when there is one: stored under the data directory by its SHA-256."""

    filename: str | None = Field(default=None, max_length=255)
    media_type: str | None = Field(default=None, max_length=100)
    size: int | None = None
    sha256: str | None = Field(default=None, max_length=64)


class Evidence(StoredFileFields, table=True):
    """A piece of evidence received for a commitment: when, what it shows, the file, the officer's decision.

    The file is stored under the data directory by its SHA-256, never executed, and served only as a
    download (``Content-Disposition: attachment``).
    """

    __tablename__ = "followup_evidence"

    id: int | None = Field(default=None, primary_key=True)
    commitment_id: int = Field(
        sa_column=Column(Integer, ForeignKey("followup_commitment.id", ondelete="CASCADE"), nullable=False,
                         index=True)
    )
    received_on: date
    description: str = Field(sa_column=Column(Text, nullable=False))  # what it shows
    from_statement: bool = False  # written by the hours statements of the period (app.followup.hours)
    decision: str | None = Field(default=None, max_length=10)  # None (to examine), "acceptee" or "refusee"
    reason: str | None = Field(default=None, sa_column=Column(Text))  # why it was refused
    decided_by: str | None = Field(default=None, max_length=200)
    recorded_by: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True)))


# The social guarantees the charter asks suppliers for: code -> label.
GUARANTEE_KINDS = {
    "oit": "Respect des conventions fondamentales de l'OIT",
    "transparence": "Transparence de la chaîne d'approvisionnement (sites de production)",
    "audit": "Audit social par un tiers indépendant",
}


class SupplierGuarantee(StoredFileFields, table=True):
    """A social guarantee of a registry supplier, justified by a document valid for a period: shown on the
    supplier's page and watched for expiry with its labels."""

    __tablename__ = "supplier_guarantee"

    id: int | None = Field(default=None, primary_key=True)
    supplier_siret: str = Field(foreign_key="supplier.siret", ondelete="CASCADE", max_length=14, index=True)
    kind: str = Field(max_length=20)  # GUARANTEE_KINDS
    description: str = Field(sa_column=Column(Text, nullable=False))
    received_on: date
    valid_until: date | None = Field(default=None, index=True)
    recorded_by: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True)))


class HoursStatement(SQLModel, table=True):
    """Insertion hours worked on a contract in one month, for one eligibility category and one modality.

    Counts and categories only: no participant is named or identified (see the module docstring).
    """

    __tablename__ = "followup_hours"
    __table_args__ = (
        UniqueConstraint("purchase_id", "month", "category", "modality",
                         name="uq_followup_hours_purchase_id_month_category_modality"),
    )

    id: int | None = Field(default=None, primary_key=True)
    purchase_id: int = Field(
        sa_column=Column(Integer, ForeignKey("purchase.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    month: date  # first day of the month
    category: str = Field(max_length=20)  # app.followup.hours.CATEGORIES
    modality: str = Field(max_length=20)  # app.followup.hours.MODALITIES
    hours_x100: int  # hours worked × 100 (two decimals): sums stay exact on every database
    people: int | None = None  # how many people worked those hours (a count, no names)
    source: str = Field(default="", max_length=255)  # "saisie" or the imported file's name
    recorded_by: str = Field(default="", max_length=200)
    recorded_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True)))


# ---- API shapes -------------------------------------------------------------------------------


class ClauseChoiceIn(BaseModel):
    """A clause of the contract, with the values of its variables."""

    model_config = ConfigDict(extra="forbid")
    id: str = PydanticField(min_length=1, max_length=120)
    version: int | None = PydanticField(default=None, ge=1, description="Version (par défaut : la version en vigueur)")
    variables: dict[str, Any] = PydanticField(default_factory=dict, max_length=100)


class ClausesIn(BaseModel):
    """Clauses added to a contract (e.g. read in the CCAP of an imported DECP contract)."""

    model_config = ConfigDict(extra="forbid")
    clauses: list[ClauseChoiceIn] = PydanticField(min_length=1, max_length=200)


class OpenIn(BaseModel):
    """The execution dates: by default the notification date and the contract's duration."""

    model_config = ConfigDict(extra="forbid")
    starts_on: date | None = None
    ends_on: date | None = None
    duration_months: int | None = PydanticField(default=None, ge=1, le=1200)


class EvidenceOut(BaseModel):
    """A piece of evidence as recorded (the file is downloaded from ``file_url``)."""

    id: int
    commitment_id: int
    received_on: date
    description: str
    filename: str | None
    media_type: str | None
    size: int | None
    sha256: str | None
    file_url: str | None
    from_statement: bool
    decision: str | None = PydanticField(description="null (à examiner), acceptee ou refusee")
    reason: str | None
    decided_by: str | None
    recorded_by: str


class CommitmentOut(BaseModel):
    """A commitment of the holder (dated, or not when the contract does not say when), with where it stands on
    the given date."""

    id: int
    purchase_id: int
    clause_id: str
    clause_version: int
    clause_title: str
    item: int
    sequence: int
    evidence_owed: str
    due_kind: str
    period_start: date | None
    period_end: date | None
    due_on: date | None = PydanticField(description="Échéance ; null quand le marché ne la fixe pas (voir "
                                                     "undated_reason)")
    undated_reason: str | None = PydanticField(default=None, description="Pourquoi l'engagement n'a pas de date")
    hours_committed: int | None
    notice_on: date | None = PydanticField(description="Date de la mise en demeure envoyée au titulaire")
    notice_by: str | None
    status: str = PydanticField(description="a-venir, sans-date, en-retard, recue, acceptee ou refusee")
    status_label: str
    evidence: list[EvidenceOut]


class OverdueOut(BaseModel):
    """A commitment past due on the date asked."""

    commitment_id: int
    purchase_id: int
    buyer_siret: str
    buyer_ref: str
    object: str
    clause_id: str
    evidence_owed: str
    due_on: date
    days_late: int


class OverduePage(BaseModel):
    """Commitments overdue on ``date``, oldest first."""

    date: date
    items: list[OverdueOut]
    total: int


class DecisionIn(BaseModel):
    """The officer's decision on a piece of evidence: a refusal states its reason."""

    model_config = ConfigDict(extra="forbid")
    accepted: bool
    reason: str | None = PydanticField(default=None, max_length=2000)


class HoursLineIn(BaseModel):
    """Hours of one month, eligibility category and modality (counts only: no name)."""

    model_config = ConfigDict(extra="forbid")
    month: str = PydanticField(min_length=4, max_length=20, description="AAAA-MM, MM/AAAA ou « mars 2027 »")
    category: str = PydanticField(min_length=1, max_length=200)
    modality: str = PydanticField(min_length=1, max_length=200)
    hours: Decimal = PydanticField(ge=0, le=100000, decimal_places=2)
    people: int | None = PydanticField(default=None, ge=0, le=10000)


class HoursIn(BaseModel):
    """A statement entered by hand or sent by the intranet; each month given replaces that month."""

    model_config = ConfigDict(extra="forbid")
    lines: list[HoursLineIn] = PydanticField(min_length=1, max_length=5000)
    received_on: date | None = PydanticField(
        default=None, description="Date de réception (par défaut : aujourd'hui ; une date à venir est refusée, 422)")


class InsertionOut(BaseModel):
    """Insertion hours of a contract: committed, achieved, shortfall, penalty (computed, never applied)."""

    purchase_id: int
    hours_committed: int | None
    hours_achieved: Decimal
    hours_by_category: dict[str, Decimal]
    hours_by_modality: dict[str, Decimal]
    hours_by_month: dict[str, Decimal]
    shortfall_hours: Decimal
    penalty_clause: str | None
    penalty_per_hour_eur: Decimal | None
    penalty_cap_eur: Decimal | None
    penalty_eur: Decimal | None = PydanticField(
        description="Pénalité pour les heures manquantes, calculée selon la clause, jamais appliquée")
    penalty_per_day_late_eur: Decimal | None
    late_days: int = PydanticField(
        description="Jours de retard des états des heures dont la mise en demeure est restée sans effet, comptés "
                    "depuis l'échéance")
    late_penalty_eur: Decimal | None = PydanticField(
        description="Pénalité pour les états remis en retard, calculée selon la clause, jamais appliquée")
    penalties_eur: Decimal | None = PydanticField(
        description="Les deux pénalités ensemble, dans la limite de leur plafond commun")


class NoticeIn(BaseModel):
    """The formal notice sent to the holder for an overdue commitment (null removes it)."""

    model_config = ConfigDict(extra="forbid")
    sent_on: date | None = PydanticField(description="Date d'envoi de la mise en demeure (AAAA-MM-JJ), ou null")


class GuaranteeOut(BaseModel):
    """A social guarantee of a supplier, with its validity on the date asked."""

    id: int
    supplier_siret: str
    kind: str
    kind_label: str
    description: str
    received_on: date
    valid_until: date | None
    valid: bool
    filename: str | None
    media_type: str | None
    sha256: str | None
    file_url: str | None
    recorded_by: str


class UndatedClauseOut(BaseModel):
    """A contract clause whose evidence has no fixed due date (with the offer, at each delivery, on request…):
    it makes no dated commitment."""

    id: str
    title: str
    when: list[str] = PydanticField(description="Quand ses justificatifs se remettent, en toutes lettres")


class FollowupOut(BaseModel):
    """The follow-up of one contract."""

    purchase_id: int
    on: date
    commitments: list[CommitmentOut]
    insertion: InsertionOut
    undated_clauses: list[UndatedClauseOut] = PydanticField(
        default_factory=list, description="Clauses du marché dont les justificatifs n'ont pas d'échéance fixe : "
        "elles ne créent aucun engagement daté")
