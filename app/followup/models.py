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

from sqlalchemy import Column, DateTime, ForeignKey, Integer, Text
from sqlmodel import Field, SQLModel, UniqueConstraint

from app.db import utcnow

# Evidence decisions: received and not yet examined (None), accepted, refused (with a reason).
DECISIONS = ("acceptee", "refusee")


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
    due_on: date = Field(index=True)
    # On the periods of the insertion-hours statement: the hours the clause commits for the whole contract
    # (the same on each period; None on other commitments).
    hours_committed: int | None = None
    opened_by: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True)))


class Evidence(SQLModel, table=True):
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
    filename: str | None = Field(default=None, max_length=255)
    media_type: str | None = Field(default=None, max_length=100)
    size: int | None = None
    sha256: str | None = Field(default=None, max_length=64)
    from_statement: bool = False  # written by the hours statements of the period (app.followup.hours)
    decision: str | None = Field(default=None, max_length=10)  # None (to examine) or one of DECISIONS
    reason: str | None = Field(default=None, sa_column=Column(Text))  # why it was refused
    decided_by: str | None = Field(default=None, max_length=200)
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
