"""Request and response of ``POST /api/v1/match`` (and of ``clausier match``), validated in French."""

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from app.clauses.library import Nature
from app.matching.cpv import InvalidCpv, parse_code
from app.matching.matcher import MatchResult, Query
from app.matching.rules import Certainty

MAX_TEXT = 20_000
MAX_CODES = 20


def _valid_code(raw: str) -> str:
    try:
        return parse_code(raw)
    except InvalidCpv as exc:
        raise ValueError(str(exc)) from None


CpvCode = Annotated[str, AfterValidator(_valid_code)]


class MatchRequest(BaseModel):
    """A tender to match."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(max_length=MAX_TEXT, description="Objet ou résumé du marché")  # blank: _not_blank says why
    cpv: list[CpvCode] = Field(
        default_factory=list, max_length=MAX_CODES,
        description="Codes CPV : 8 chiffres, clé de contrôle facultative (90911200-8)",
    )
    amount_eur: float | None = Field(default=None, ge=0, allow_inf_nan=False, description="Montant estimé en € HT")
    nature: Nature | None = Field(default=None, description="travaux, fournitures ou services")
    date: dt.date | None = Field(default=None, description="Date de lancement (par défaut : aujourd'hui)")
    limit: int = Field(default=10, ge=1, le=50, description="Nombre de clauses proposées")
    buyer_annual_purchases_eur: float | None = Field(
        default=None, ge=0, allow_inf_nan=False,
        description="Montant total annuel des achats de l'acheteur en € HT (seuil du SPASER)",
    )

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("texte vide : décrivez l'objet du marché")
        return value

    def query(self) -> Query:
        """The matching query of this request."""
        return Query(
            text=self.text, cpv=list(dict.fromkeys(self.cpv)), amount_eur=self.amount_eur, nature=self.nature,
            date=self.date, limit=self.limit, buyer_annual_purchases_eur=self.buyer_annual_purchases_eur,
        )


class ClauseMatch(BaseModel):
    """A proposed clause, with why it is proposed."""

    clause_id: str
    version: int
    title: str
    kind: str
    document: str
    decp_value: str
    themes: list[str]
    score: int = Field(ge=0, le=100)
    reasons: list[str]


class ObligationOut(BaseModel):
    """A legal obligation the tender falls under, and the clauses that fulfil it."""

    id: str
    title: str
    legal_basis: list[str]
    clause_ids: list[str]
    explanation: str
    certainty: Certainty = Field(description="verified : règle vérifiée sur sa source ; to-check : à vérifier")
    to_check: str | None = Field(description="Ce qui reste à vérifier (quand certainty vaut to-check)")


class MatchResponse(BaseModel):
    """Proposed clauses (best first), obligations, and the CPV codes inferred when none was given."""

    matches: list[ClauseMatch]
    obligations: list[ObligationOut]
    inferred_cpv: list[str]

    @classmethod
    def of(cls, result: MatchResult) -> "MatchResponse":
        """The response for a matching result."""
        return cls(
            matches=[
                ClauseMatch(
                    clause_id=match.clause.id, version=match.clause.version, title=match.clause.title,
                    kind=match.clause.kind, document=match.clause.document, decp_value=match.clause.decp_value,
                    themes=list(match.clause.themes), score=match.score, reasons=match.reasons,
                )
                for match in result.matches
            ],
            obligations=[
                ObligationOut(id=item.id, title=item.title, legal_basis=item.legal_basis, clause_ids=item.clause_ids,
                              explanation=item.explanation, certainty=item.certainty, to_check=item.to_check)
                for item in result.obligations
            ],
            inferred_cpv=result.inferred_cpv,
        )
