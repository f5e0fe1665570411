"""Document requests, and the record kept of every generated document (traceability)."""

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import JSON, Column, DateTime, Text
from sqlmodel import Field as SQLField
from sqlmodel import SQLModel

from app.clauses.values import MAX_TEXT_LENGTH
from app.db import utcnow

MAX_CLAUSES = 200


class ClauseChoice(BaseModel):
    """One clause of the document and the values of its variables."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, max_length=120)
    version: int | None = Field(default=None, ge=1, description="Version précise ; la version en vigueur sinon")
    variables: dict[str, Any] = {}
    lot: str = Field(
        default="", max_length=300,
        description="Lots de cette occurrence de la clause (« Lot n° 2 – Espaces verts ») ; vide : tous les lots",
    )


class DocumentIn(BaseModel):
    """What to put in the document: title block and clauses."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(default=None, max_length=MAX_TEXT_LENGTH)
    buyer_siret: str | None = Field(
        default=None, pattern=r"^[0-9]{14}$",
        description="Profil d'acheteur : son nom, son logo et ses valeurs par défaut des variables",
    )
    buyer: str | None = Field(
        default=None, max_length=MAX_TEXT_LENGTH, description="Acheteur tel qu'imprimé (le nom du profil sinon)"
    )
    tender_object: str | None = Field(default=None, max_length=MAX_TEXT_LENGTH)
    reference: str | None = Field(default=None, max_length=200)
    date: dt.date | None = Field(default=None, description="Date du document (AAAA-MM-JJ) ; aujourd'hui sinon")
    clauses: list[ClauseChoice] = Field(min_length=1, max_length=MAX_CLAUSES)
    draft: bool = Field(default=False, description="Valeurs manquantes surlignées au lieu d'une erreur 422")
    notes: bool = Field(
        default=False,
        description="Type et fondement sous chaque article (en gris) plutôt que dans une annexe pour l'acheteur",
    )


class GeneratedDocument(SQLModel, table=True):
    """One generated .docx: what went in it and the hash of what came out."""

    __tablename__ = "generated_document"

    id: int | None = SQLField(default=None, primary_key=True)
    created_at: dt.datetime = SQLField(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False, index=True)
    )
    reference: str = SQLField(default="", max_length=200)
    title: str = SQLField(default="", sa_column=Column(Text, nullable=False))
    buyer: str = SQLField(default="", sa_column=Column(Text, nullable=False))
    # The buyer profile the document took its identity and defaults from (no FK: the record outlives it).
    buyer_siret: str | None = SQLField(default=None, max_length=14)
    tender_object: str = SQLField(default="", sa_column=Column(Text, nullable=False))
    # [{"id": clause id, "version": N}] in the order of the request (with "lot" for a clause of some lots only)
    clauses: list[dict[str, Any]] = SQLField(sa_column=Column(JSON, nullable=False))
    sha256: str = SQLField(max_length=64)
    size: int
    template_used: bool = False
    template_sha256: str | None = SQLField(default=None, max_length=64)
    draft: bool = False
    created_by: str = SQLField(max_length=200)
