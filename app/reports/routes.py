"""Reports API: the ethical-purchase indicators of a year, as JSON."""

from typing import Annotated, Any

from fastapi import APIRouter, Query

from app.db import SessionDep
from app.reports.indicators import compute_indicators

router = APIRouter(prefix="/api/v1/reports", tags=["rapports"])


@router.get("/ethical-share")
def read_ethical_share(
    session: SessionDep,
    year: Annotated[int, Query(ge=1990, le=2100, description="Année de notification")],
    buyer: Annotated[str | None, Query(pattern=r"^[0-9]{14}$", description="SIRET de l'acheteur")] = None,
) -> dict[str, Any]:
    """Ethical-purchase indicators of a year (territory or one buyer); shares are fractions 0–1."""
    return compute_indicators(session, year=year, buyer=buyer)
