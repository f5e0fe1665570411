"""Audit table: one row per write, never updated nor deleted by the application."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime
from sqlmodel import Field, SQLModel

from app.db import utcnow


class AuditEvent(SQLModel, table=True):
    """Who did what, when, from where, with a before/after summary."""

    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False, index=True))
    actor: str = Field(max_length=200, index=True)  # key name, officer login, or "cli (<user>)"
    role: str = Field(max_length=20)
    ip: str = Field(default="", max_length=64)
    method: str = Field(default="", max_length=10)
    path: str = Field(default="", max_length=500)
    resource: str = Field(max_length=50, index=True)  # "clause", "supplier", "api_key"…
    resource_id: str = Field(default="", max_length=200, index=True)
    action: str = Field(max_length=50)  # "create", "update", "retire", "import"…
    summary: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
