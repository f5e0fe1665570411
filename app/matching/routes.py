"""Matching API: a tender in, the clauses to propose, the obligations and the inferred CPV codes out."""

from fastapi import APIRouter, Response

from app.auth.dependencies import ReaderDep
from app.db import SessionDep
from app.matching import service
from app.matching.schemas import MatchRequest, MatchResponse

router = APIRouter(prefix="/api/v1", tags=["correspondance"])


@router.post("/match", response_model=MatchResponse)
def match_tender(body: MatchRequest, session: SessionDep, _reader: ReaderDep) -> Response:
    """Clauses to propose for a tender (best first, with reasons), applicable obligations and inferred CPV."""
    result = service.match_tender(session=session, request=body)
    # Already validated: serialised directly rather than validated a second time by FastAPI.
    return Response(result.model_dump_json(), media_type="application/json")
