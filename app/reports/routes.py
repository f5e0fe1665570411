"""Reports API: the ethical-purchase indicators of a year, as JSON."""

from typing import Annotated, Any

from fastapi import APIRouter, Query

from app.db import SessionDep
from app.errors import InvalidInput
from app.reports.indicators import compute_indicators

router = APIRouter(prefix="/api/v1/reports", tags=["rapports"])


@router.get("/ethical-share")
def read_ethical_share(
    session: SessionDep,
    year: Annotated[int, Query(ge=1990, le=2100, description="Année de notification")],
    buyer: Annotated[str | None, Query(pattern=r"^[0-9]{14}$", description="SIRET de l'acheteur")] = None,
    group: Annotated[
        str | None, Query(pattern=r"^[0-9]{14}$", description="SIRET d'un groupement : lui et ses membres")
    ] = None,
    include_demo: Annotated[bool | None, Query(
        description="Compter les marchés de démonstration : toujours (true), jamais (false) ; par défaut, seulement "
                    "tant qu'aucun marché réel n'est enregistré",
    )] = None,
) -> dict[str, Any]:
    """Ethical-purchase indicators of a year (territory, one buyer or a group); shares are fractions 0–1.

    ``demo`` in the answer says whether demonstration contracts were counted.
    """
    if buyer is not None and group is not None:
        raise InvalidInput("Choisissez un acheteur ou un groupement, pas les deux.",
                           errors=[{"field": "group", "message": "incompatible avec buyer"}])
    return compute_indicators(session, year=year, buyer=buyer, group=group, include_demo=include_demo)
