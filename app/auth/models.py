"""API key table: only a salted hash of each key is stored, never the key itself."""

from datetime import datetime

from sqlalchemy import Column, DateTime
from sqlmodel import Field, SQLModel

from app.db import utcnow

ROLES = ("reader", "editor", "admin")


class ApiKey(SQLModel, table=True):
    """A key given to a tool of the intranet; ``prefix`` is its public id, the rest is secret."""

    __tablename__ = "api_key"

    id: int | None = Field(default=None, primary_key=True)
    # The public part of the key, used to find its row without scanning every hash.
    prefix: str = Field(max_length=16, unique=True, index=True)
    name: str = Field(max_length=100, index=True)
    role: str = Field(max_length=10)
    salt: str = Field(max_length=64)  # hex, one per key
    key_hash: str = Field(max_length=200)  # "scrypt:<n>:<r>:<p>:<hex digest>" of the whole key
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False))
    revoked_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True)))
    last_used_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True)))
