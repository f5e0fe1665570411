"""Settings read from ``CLAUSIER_*`` environment variables (and an optional ``.env`` file).

Where the data lives never depends on the current directory:

- the default database is ``DATA_DIR/clausier.db``; ``DATA_DIR`` is the checkout's ``var/`` for a source
  install (``make run``, editable install), the user's data directory (``$XDG_DATA_HOME/clausier``,
  ``~/.local/share/clausier``) for an installed package;
- a relative SQLite path in ``CLAUSIER_DATABASE_URL`` is relative to the checkout (``PROJECT_ROOT``);
- the ``.env`` file read is the checkout's (``PROJECT_ROOT/.env``), or the file named by
  ``CLAUSIER_ENV_FILE``; environment variables win over it.
"""

import os
from datetime import UTC, datetime
from functools import lru_cache
from ipaddress import ip_network
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# Dates and times shown to officers (documents, pages, command line) are French ones, not UTC.
LOCAL_TIMEZONE = ZoneInfo("Europe/Paris")


def local_time(moment: datetime) -> datetime:
    """A stored moment (UTC; SQLite hands it back naive) in French local time."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(LOCAL_TIMEZONE)
ENV_FILE = Path(os.environ.get("CLAUSIER_ENV_FILE") or PROJECT_ROOT / ".env")


def default_data_dir() -> Path:
    """The checkout's ``var/`` when running from a source tree, else the user's data directory."""
    if (PROJECT_ROOT / "pyproject.toml").is_file():
        return PROJECT_ROOT / "var"
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "clausier"


class Settings(BaseSettings):
    """Runtime configuration; every field mirrors a ``CLAUSIER_<FIELD>`` variable."""

    model_config = SettingsConfigDict(env_prefix="CLAUSIER_", env_file=ENV_FILE, extra="ignore")

    # Folder of the default SQLite database.
    DATA_DIR: Path = default_data_dir()
    # Empty: SQLite in DATA_DIR/clausier.db.
    DATABASE_URL: str = ""
    HOST: str = "127.0.0.1"
    PORT: int = 8000
    CLAUSES_DIR: Path = PROJECT_ROOT / "clauses"
    # The registry of legal references every clause and obligation cites (references/*.yaml).
    REFERENCES_DIR: Path = PROJECT_ROOT / "references"
    # Purchase families and thesaurus, obligation rules: read at start and again whenever a file changes.
    FAMILIES_DIR: Path = PROJECT_ROOT / "families"
    OBLIGATIONS_DIR: Path = PROJECT_ROOT / "obligations"
    SUPPLIER_DATA_DIR: Path = PROJECT_ROOT / "supplier_data"
    # Load the demonstration data (fictional suppliers, buyers and contracts) into a new database.
    LOAD_SAMPLE_DATA: bool = True
    # An intranet usually lets anyone read; writing always needs a key of the right role.
    PUBLIC_READ: bool = True
    CORS_ORIGINS: list[str] = []
    # Requests per minute and per client on expensive routes (match, documents, imports); 0 disables.
    RATE_LIMIT_PER_MINUTE: int = 120
    MAX_JSON_BYTES: int = 2 * 1024 * 1024
    MAX_UPLOAD_BYTES: int = 20 * 1024 * 1024
    # Evidence files of the execution follow-up (certificates, statements): size limit and folder
    # (empty: DATA_DIR/justificatifs).
    MAX_EVIDENCE_BYTES: int = 10 * 1024 * 1024
    EVIDENCE_DIR: Path | None = None
    # Optional company-directory enrichment of the supplier registry (disabled when empty).
    ENRICH_API_URL: str = ""
    # Header set by the intranet's reverse proxy with the authenticated officer's login (web pages).
    TRUSTED_USER_HEADER: str = ""
    # Addresses or networks of that reverse proxy: only requests from them may carry the officer header
    # (elsewhere: 403 and an audit row) and have their X-Forwarded-For / X-Forwarded-Proto believed.
    TRUSTED_PROXIES: list[str] = ["127.0.0.0/8", "::1"]
    # Single-user install without a proxy: the login of the officer every page request from this very
    # machine (127.0.0.1, ::1) is attributed to. Ignored when TRUSTED_USER_HEADER is set.
    LOCAL_OFFICER: str = ""

    @field_validator("TRUSTED_PROXIES")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        for entry in value:
            try:
                ip_network(entry, strict=False)
            except ValueError:
                raise ValueError(
                    f"CLAUSIER_TRUSTED_PROXIES : « {entry} » n'est ni une adresse IP ni un réseau (10.0.0.0/8)"
                ) from None
        return value

    @model_validator(mode="after")
    def _database_url(self) -> Any:
        if not self.DATABASE_URL:
            self.DATABASE_URL = f"sqlite:///{self.DATA_DIR / 'clausier.db'}"
        self.DATABASE_URL = absolute_sqlite_url(self.DATABASE_URL)
        if self.EVIDENCE_DIR is None:
            self.EVIDENCE_DIR = self.DATA_DIR / "justificatifs"
        return self


def absolute_sqlite_url(url: str) -> str:
    """``url`` with a relative SQLite path made absolute from the checkout (other URLs unchanged)."""
    parsed = make_url(url)
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return url
    path = Path(database)
    if path.is_absolute():
        return url
    return parsed.set(database=str((PROJECT_ROOT / path).resolve())).render_as_string(hide_password=False)


@lru_cache
def get_settings() -> Settings:
    """Settings of the running process (cached)."""
    return Settings()
