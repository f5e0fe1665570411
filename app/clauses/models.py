"""Clause tables: every version ever published is a row; ``clause`` points at the current one."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.db import utcnow


class Clause(SQLModel, table=True):
    """The head of a clause: its current version and where it comes from."""

    __tablename__ = "clause"

    id: str = Field(primary_key=True, max_length=120)
    current_version: int
    origin: str = Field(max_length=10)  # "builtin" (file of the library) or "local" (created by an officer)
    # Latest version synced from the built-in file; a local edit of a built-in clause keeps
    # ``current_version`` on the local version until an officer resets it.
    builtin_version: int | None = None
    locally_modified: bool = False
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True)))


class ClauseVersion(SQLModel, table=True):
    """One immutable version of a clause."""

    __tablename__ = "clause_version"
    __table_args__ = (UniqueConstraint("clause_id", "version", name="uq_clause_version_clause_id_version"),)

    pk: int | None = Field(default=None, primary_key=True)
    clause_id: str = Field(foreign_key="clause.id", index=True, max_length=120)
    version: int
    origin: str = Field(max_length=10)  # "builtin" or "local"
    status: str = Field(max_length=10, index=True)
    title: str
    kind: str = Field(max_length=40)
    document: str = Field(max_length=4)
    decp_value: str = Field(max_length=40)
    data: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))  # the whole front matter
    text: str = Field(sa_column=Column(Text, nullable=False))
    content_hash: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True)))
    created_by: str = Field(default="bibliothèque", max_length=200)
