"""Matching API: a tender in, the clauses to propose, the obligations and the inferred CPV codes out; and the
knowledge it applies (purchase families, thesaurus, obligation rules), exported as read from the files."""

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from app.auth.dependencies import ReaderDep
from app.matching import service
from app.matching.families import Family, Need, Sizing, Thesaurus
from app.matching.rules import AgecCategory, Rule, Threshold
from app.matching.schemas import MatchRequest, MatchResponse

router = APIRouter(prefix="/api/v1", tags=["correspondance"])


class FamiliesOut(BaseModel):
    """The purchase families, in reading order, the thesaurus, the needs (clauses that say the same thing) and the
    defaults of the insertion-hours sizing."""

    items: list[Family]
    thesaurus: Thesaurus
    needs: list[Need]
    insertion: Sizing


class ObligationsOut(BaseModel):
    """The obligation rules in their order, the amount thresholds and the AGEC categories they use."""

    items: list[Rule]
    thresholds: list[Threshold]
    agec_categories: list[AgecCategory]


@router.post("/match", response_model=MatchResponse)
async def match_tender(body: MatchRequest, request: Request, _reader: ReaderDep) -> Response:
    """Clauses to propose for a tender (best first, with reasons), applicable obligations and inferred CPV."""
    state = request.app.state
    # The library revision is read on the loop (one small query): the index is built in a thread only when
    # the library or the knowledge files changed since the last match.
    index = service.cached_engine_index(state.engine, state.settings)
    if index is None:
        index = await run_in_threadpool(service.engine_index, state.engine, state.settings)
    # The buyer profile, when the request names one, is read in a thread (a session and a query).
    volume = None if body.buyer_siret is None else await run_in_threadpool(
        service.engine_profile_volume, state.engine, body)
    # Matching is pure CPU (about a millisecond): on the event loop it is faster than in a thread, where it
    # would contend with the loop for the GIL.
    result = service.match_on(index, body, volume=volume)
    # Already validated: serialised directly rather than validated a second time by FastAPI.
    return Response(result.model_dump_json(), media_type="application/json")


@router.get("/families", response_model=FamiliesOut)
def list_families(request: Request, _reader: ReaderDep) -> FamiliesOut:
    """Purchase families (words, CPV prefixes, theme weights, core clauses, tags), thesaurus, needs and insertion-hours
    defaults in force."""
    knowledge = service.current_knowledge(request.app.state.settings)
    return FamiliesOut(items=list(knowledge.families.all), thesaurus=knowledge.thesaurus, needs=list(knowledge.needs),
                       insertion=knowledge.sizing)


@router.get("/obligations", response_model=ObligationsOut)
def list_obligations(request: Request, _reader: ReaderDep) -> ObligationsOut:
    """Obligation rules in force (conditions, legal basis, certainty, explanation, clause searches, sources)."""
    knowledge = service.current_knowledge(request.app.state.settings)
    return ObligationsOut(items=list(knowledge.rules), thresholds=list(knowledge.thresholds.values()),
                          agec_categories=list(knowledge.agec.values()))
