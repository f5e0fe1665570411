"""Reports API: the ethical-purchase indicators of a year, as JSON, and the contracts they count, as CSV."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from app.db import SessionDep
from app.errors import InvalidInput
from app.reports.indicators import compute_indicators

router = APIRouter(prefix="/api/v1/reports", tags=["rapports"])


Year = Annotated[int, Query(ge=1990, le=2100, description="Année de notification")]
BuyerQuery = Annotated[str | None, Query(pattern=r"^[0-9]{14}$", description="SIRET de l'acheteur")]
GroupQuery = Annotated[
    str | None, Query(pattern=r"^[0-9]{14}$", description="SIRET d'un groupement : lui et ses membres")
]
IncludeDemo = Annotated[bool | None, Query(
    description="Compter les marchés de démonstration : toujours (true), jamais (false) ; par défaut, seulement "
                "tant qu'aucun marché réel n'est enregistré",
)]


def _indicators(session: SessionDep, year: int, buyer: str | None, group: str | None,
                include_demo: bool | None) -> dict[str, Any]:
    if buyer is not None and group is not None:
        raise InvalidInput("Choisissez un acheteur ou un groupement, pas les deux.",
                           errors=[{"field": "group", "message": "incompatible avec buyer"}])
    return compute_indicators(session, year=year, buyer=buyer, group=group, include_demo=include_demo)


@router.get("/ethical-share")
def read_ethical_share(
    session: SessionDep, year: Year, buyer: BuyerQuery = None, group: GroupQuery = None,
    include_demo: IncludeDemo = None,
) -> dict[str, Any]:
    """Ethical-purchase indicators of a year (territory, one buyer or a group); shares are fractions 0–1.

    ``demo`` in the answer says whether demonstration contracts were counted.
    """
    return _indicators(session, year, buyer, group, include_demo)


@router.get("/contracts.csv", response_class=Response, responses={200: {"content": {"text/csv": {}}}})
def read_report_contracts(
    session: SessionDep, year: Year, buyer: BuyerQuery = None, group: GroupQuery = None,
    include_demo: IncludeDemo = None,
) -> Response:
    """The contracts the indicators of the same parameters count, one line each, with their considerations
    (CSV: ``;``, decimal comma, UTF-8 with BOM), so that each figure can be checked."""
    from app.reports.render import contracts_csv  # matplotlib: loaded only when a report is made

    content, name = contracts_csv(session, _indicators(session, year, buyer, group, include_demo))
    return Response(content, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
