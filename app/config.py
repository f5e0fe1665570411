"""Settings read from ``CLAUSIER_*`` environment variables (and an optional ``.env``)."""

from functools import lru_cache
from ipaddress import ip_network
from pathlib import Path

from pydantic import field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Runtime configuration; every field mirrors a ``CLAUSIER_<FIELD>`` variable."""

    model_config = SettingsConfigDict(env_prefix="CLAUSIER_", env_file=".env", extra="ignore")

    DATABASE_URL: str = "sqlite:///./var/clausier.db"
    HOST: str = "127.0.0.1"
    PORT: int = 8000
    CLAUSES_DIR: Path = PROJECT_ROOT / "clauses"
    # The registry of legal references every clause and obligation cites (references/*.yaml).
    REFERENCES_DIR: Path = PROJECT_ROOT / "references"
    # Purchase families and thesaurus, obligation rules: read at start and again whenever a file changes.
    FAMILIES_DIR: Path = PROJECT_ROOT / "families"
    OBLIGATIONS_DIR: Path = PROJECT_ROOT / "obligations"
    SUPPLIER_DATA_DIR: Path = PROJECT_ROOT / "supplier_data"
    # Load the built-in library and the sample registry into an empty database at start-up.
    LOAD_SAMPLE_DATA: bool = True
    # An intranet usually lets anyone read; writing always needs a key of the right role.
    PUBLIC_READ: bool = True
    CORS_ORIGINS: list[str] = []
    # Requests per minute and per client on expensive routes (match, documents, imports); 0 disables.
    RATE_LIMIT_PER_MINUTE: int = 120
    MAX_JSON_BYTES: int = 2 * 1024 * 1024
    MAX_UPLOAD_BYTES: int = 20 * 1024 * 1024
    # Optional company-directory enrichment of the supplier registry (disabled when empty).
    ENRICH_API_URL: str = ""
    # Header set by the intranet's reverse proxy with the authenticated officer's login (web pages).
    TRUSTED_USER_HEADER: str = ""
    # Addresses or networks of that reverse proxy: only requests from them may carry the officer header
    # (elsewhere: 403 and an audit row) and have their X-Forwarded-For / X-Forwarded-Proto believed.
    TRUSTED_PROXIES: list[str] = ["127.0.0.0/8", "::1"]

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


@lru_cache
def get_settings() -> Settings:
    """Settings of the running process (cached)."""
    return Settings()
