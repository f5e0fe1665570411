"""Optional enrichment from a public company directory (shape of recherche-entreprises.api.gouv.fr).

Disabled unless ``CLAUSIER_ENRICH_API_URL`` is set; it only fills blank fields, never overwrites what an
officer entered, and a directory that cannot be reached stops this command only.
"""

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Final
from urllib.parse import urlsplit

import httpx
from sqlalchemy import Engine, or_, select

from app.db import utcnow
from app.errors import AppError, ServiceUnavailable
from app.suppliers.importer import MAX_LENGTHS, SupplierRecord
from app.suppliers.models import SUPPLIER
from app.suppliers.territory import departement_of_postcode
from app.suppliers.writing import write_records

TIMEOUT: Final = httpx.Timeout(10.0, connect=5.0)
RETRIES: Final = 3
BACKOFF_SECONDS: Final = 0.5  # doubled at each retry
# The public directory allows 7 requests per second; stay under it.
MIN_INTERVAL_SECONDS: Final = 0.15
# Supplier fields the directory can fill, from the establishment found and its company.
FILLABLE: Final = ("name", "brand", "legal_form", "address", "postcode", "commune", "insee_code", "departement")


class DirectoryUnavailable(ServiceUnavailable):
    """The directory could not be reached or kept failing."""


class DirectoryRefused(AppError):
    """The directory answered with a client error."""


@dataclass
class DirectoryClient:
    """GET ``{url}?q=<SIRET>`` with timeouts, retries with backoff, and a minimum interval between calls."""

    url: str
    transport: httpx.BaseTransport | None = None
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _last_call: float = field(default=-1e9, init=False)

    def _get(self, client: httpx.Client, siret: str) -> httpx.Response:
        reason = ""
        for attempt in range(RETRIES):
            wait = MIN_INTERVAL_SECONDS - (self.clock() - self._last_call)
            if wait > 0:
                self.sleep(wait)
            self._last_call = self.clock()
            try:
                response = client.get(self.url, params={"q": siret})
            except httpx.TransportError as exc:
                reason = f"{type(exc).__name__} : {exc}" if str(exc) else type(exc).__name__
            else:
                if response.status_code < 400:
                    return response
                if response.status_code != 429 and response.status_code < 500:
                    raise DirectoryRefused(
                        f"L'annuaire a refusé la requête pour {siret} (HTTP {response.status_code})."
                    )
                reason = f"HTTP {response.status_code}"
                retry_after = response.headers.get("Retry-After", "")
                if retry_after.isdigit() and attempt < RETRIES - 1:
                    self.sleep(min(float(retry_after), 60.0))
                    continue
            if attempt < RETRIES - 1:
                self.sleep(BACKOFF_SECONDS * 2**attempt)
        raise DirectoryUnavailable(
            f"Annuaire des entreprises injoignable ({urlsplit(self.url).netloc}) après {RETRIES} essais : "
            f"{reason}. Hors ligne ? Vérifiez le réseau ou CLAUSIER_ENRICH_API_URL ; le reste de Clausier "
            "fonctionne sans."
        )

    def lookup(self, sirets: list[str]) -> Iterator[tuple[str, dict[str, str] | None]]:
        """Facts the directory gives on each establishment (None when it does not know it)."""
        with httpx.Client(transport=self.transport, timeout=TIMEOUT, headers={"Accept": "application/json"}) as client:
            for siret in sirets:
                try:
                    payload = self._get(client, siret).json()
                except ValueError:
                    raise DirectoryRefused(f"Réponse de l'annuaire illisible pour {siret}.") from None
                yield siret, facts_of(payload, siret)


def facts_of(payload: Any, siret: str) -> dict[str, str] | None:
    """Supplier fields from a directory answer, for the establishment ``siret``."""
    for company in (payload or {}).get("results") or []:
        establishments = [*(company.get("matching_etablissements") or []), company.get("siege") or {}]
        establishment = next((e for e in establishments if e.get("siret") == siret), None)
        if establishment is None:
            continue
        postcode = establishment.get("code_postal") or ""
        form = company.get("nature_juridique")
        facts = {
            "name": company.get("nom_raison_sociale") or company.get("nom_complet") or "",
            "brand": (establishment.get("liste_enseignes") or [""])[0] or establishment.get("nom_commercial") or "",
            "legal_form": f"catégorie juridique {form}" if form else "",
            "address": establishment.get("adresse") or "",
            "postcode": postcode,
            "commune": establishment.get("libelle_commune") or "",
            "insee_code": establishment.get("commune") or "",
            "departement": establishment.get("departement") or departement_of_postcode(postcode) or "",
        }
        return {
            name: str(value).strip()[: MAX_LENGTHS.get(name, 100)]
            for name, value in facts.items() if value and str(value).strip()
        }
    return None


@dataclass
class EnrichReport:
    """What an enrichment run did."""

    looked_up: int = 0
    not_found: list[str] = field(default_factory=list)
    filled: dict[str, list[str]] = field(default_factory=dict)  # siret -> fields filled


def enrich_suppliers(
    *, engine: Engine, client: DirectoryClient, sirets: list[str] | None = None, limit: int = 100,
    dry_run: bool = False, on_progress: Callable[[int, int], None] | None = None,
) -> EnrichReport:
    """Fill the blank fields of live suppliers (those given, else those missing an address or a form)."""
    columns = [SUPPLIER.c[name] for name in FILLABLE]
    statement = select(SUPPLIER.c.siret, *columns).where(SUPPLIER.c.deleted_at.is_(None))
    if sirets:
        statement = statement.where(SUPPLIER.c.siret.in_(sirets))
    else:
        statement = statement.where(or_(*(column.is_(None) for column in columns)))
    statement = statement.order_by(SUPPLIER.c.siret).limit(limit)
    with engine.connect() as connection:
        current = {row.siret: row._mapping for row in connection.execute(statement)}
    report = EnrichReport()
    records = []
    for siret, facts in client.lookup(list(current)):
        report.looked_up += 1
        if on_progress:
            on_progress(report.looked_up, len(current))
        if facts is None:
            report.not_found.append(siret)
            continue
        blanks = {name: value for name, value in facts.items() if not current[siret][name]}
        if blanks:
            report.filled[siret] = sorted(blanks)
            records.append(SupplierRecord(siret=siret, values=blanks))
    if records and not dry_run:
        with engine.begin() as connection:
            write_records(
                connection, records, source=f"annuaire:{urlsplit(client.url).netloc}", now=utcnow(), imported=True
            )
    return report

