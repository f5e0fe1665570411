"""Request and response of ``POST /api/v1/match`` (and of ``clausier match``), validated in French."""

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from app.clauses.library import Nature
from app.matching.cautions import Caution, read_cautions
from app.matching.cpv import InvalidCpv, parse_code
from app.matching.families import Factor
from app.matching.matcher import MatchResult, Query, Understood
from app.matching.obligations import PurchasesSource
from app.matching.reading import object_lines
from app.matching.rules import Certainty
from app.matching.sizing import InsertionSizing
from app.suppliers.models import Siret

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
    limit: int = Field(default=10, ge=1, le=50,
                       description="Nombre de clauses proposées ; les clauses recommandées y figurent toujours")
    buyer_annual_purchases_eur: float | None = Field(
        default=None, ge=0, allow_inf_nan=False,
        description="Montant total annuel des achats de l'acheteur en € HT (seuil du SPASER) ; prime sur le profil",
    )
    buyer_siret: Siret | None = Field(
        default=None, description="SIRET d'un profil d'acheteur : son volume annuel d'achats sert quand "
                                  "buyer_annual_purchases_eur n'est pas donné",
    )

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("texte vide : décrivez l'objet du marché")
        return value

    def query(self, *, profile_volume: float | None = None) -> Query:
        """The matching query of this request; ``profile_volume``, the annual purchase volume of the profile of
        ``buyer_siret``, counts when no volume is given explicitly."""
        explicit = self.buyer_annual_purchases_eur is not None
        return Query(
            text=self.text, cpv=list(dict.fromkeys(self.cpv)), amount_eur=self.amount_eur, nature=self.nature,
            date=self.date, limit=self.limit,
            buyer_annual_purchases_eur=self.buyer_annual_purchases_eur if explicit else profile_volume,
            buyer_purchases_source="formulaire" if explicit else "profil",
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
    recommended: bool = Field(description="Clause recommandée pour cet achat : cochée d'avance")
    recommendation: str | None = Field(description="Pourquoi elle est recommandée (quand elle l'est)")


class ObligationOut(BaseModel):
    """A legal obligation the tender falls under, and the clauses that fulfil it."""

    id: str
    title: str
    legal_basis: list[str]
    clause_ids: list[str]
    explanation: str
    certainty: Certainty = Field(description="verified : règle vérifiée sur sa source ; to-check : à vérifier")
    to_check: str | None = Field(description="Ce qui reste à vérifier (quand certainty vaut to-check)")


class FamilyRef(BaseModel):
    """A purchase family, by id and French label."""

    id: str
    label: str


class LotOut(BaseModel):
    """A lot named in the text."""

    number: int
    label: str
    reserved: bool = Field(False, description="Le texte réserve ce lot (« lot 2 … réservé aux SIAE »).")


class UnderstoodOut(BaseModel):
    """What was read: what is bought, the amount used and where it comes from, the duration and the lots."""

    object: list[FamilyRef] = Field(description="Ce qui est acheté (familles d'achats de l'objet du marché)")
    amount_eur: float | None = Field(description="Montant retenu, € HT")
    source: Literal["formulaire", "texte"] | None = Field(
        description="formulaire : montant saisi ; texte : montant lu dans le texte ; null : inconnu")
    amount_text: str | None = Field(description="Les mots d'où le montant est lu (« 60 000 € HT par an × 4 ans »)")
    annual_amount_eur: float | None = Field(description="Montant annuel lu, € HT")
    years: float | None = Field(description="Durée lue, reconductions comprises, en années")
    lot_count: int | None = Field(description="Nombre de lots lu (1 : lot unique)")
    lots: list[LotOut] = Field(description="Lots nommés dans le texte")
    object_text: str = Field(description="Objet du marché pour les documents : un lot par ligne")
    notes: list[str] = Field(description="Ce qui a été lu mais pas retenu (prix unitaires, montant des travaux…)")
    buyer_annual_purchases_eur: float | None = Field(description="Montant total annuel des achats de l'acheteur "
                                                                 "retenu (SPASER), € HT")
    buyer_purchases_source: PurchasesSource | None = Field(
        description="formulaire : montant donné ; profil : volume du profil de l'acheteur ; null : inconnu")

    @classmethod
    def of(cls, understood: Understood, text: str) -> "UnderstoodOut":
        reading = understood.reading
        return cls(
            object=[FamilyRef(id=family.id, label=family.label) for family in understood.object_families],
            amount_eur=understood.amount_eur, source=understood.source,
            amount_text=reading.amount_text if understood.source == "texte" else None,
            annual_amount_eur=reading.annual_amount_eur, years=reading.years, lot_count=reading.lot_count,
            lots=[LotOut(number=lot.number, label=lot.label, reserved=lot.reserved) for lot in reading.lots],
            object_text=object_lines(text), notes=reading.notes,
            buyer_annual_purchases_eur=understood.buyer_purchases_eur,
            buyer_purchases_source=understood.buyer_purchases_source,
        )


class InsertionOut(BaseModel):
    """Insertion hours proposed for the recommended insertion clause: amount × labour share × rate ÷ hourly cost."""

    clause_id: str
    variable: str | None = Field(description="Variable de la clause qui reçoit le nombre d'heures")
    amount_eur: float
    labour_share: Factor = Field(description="Part de main-d'œuvre (0 à 1), sa source")
    rate: Factor = Field(description="Taux d'insertion (0 à 1), sa source")
    hourly_cost_eur: Factor = Field(description="Coût horaire chargé (€), sa source")
    hours: int
    formula: str

    @classmethod
    def of(cls, sizing: InsertionSizing) -> "InsertionOut":
        return cls(clause_id=sizing.clause_id, variable=sizing.variable, amount_eur=sizing.amount_eur,
                   labour_share=sizing.labour_share, rate=sizing.rate, hourly_cost_eur=sizing.hourly_cost_eur,
                   hours=sizing.hours, formula=sizing.formula)


class CautionOut(BaseModel):
    """A wish of the summary that the documents may not state as written, and the lawful way to reach its aim."""

    id: str = Field(description="Règle (celle du contrôle des projets de pièces) : preference-locale, "
                                "label-sans-equivalent, politique-generale")
    title: str
    excerpt: str = Field(description="Les premiers mots du texte qui la soulèvent")
    excerpts: list[str] = Field(description="Chaque formulation du texte qui la soulève (trois au plus), la première "
                                            "d'abord")
    message: str = Field(description="Pourquoi les pièces ne peuvent pas l'écrire ainsi")
    fix: str = Field(description="Comment atteindre le même but régulièrement")
    legal_basis: list[str]

    @classmethod
    def of(cls, caution: Caution) -> "CautionOut":
        rule = caution.rule
        return cls(id=rule.id, title=rule.title, excerpt=caution.excerpt,
                   excerpts=list(caution.excerpts), message=rule.message, fix=rule.fix,
                   legal_basis=list(rule.sources))


class MatchResponse(BaseModel):
    """Proposed clauses (best first, the recommended ones flagged), obligations, what the text asks that the
    documents may not say as written, what was read, the insertion hours proposed, and the CPV codes inferred when
    none was given."""

    matches: list[ClauseMatch]
    obligations: list[ObligationOut]
    cautions: list[CautionOut] = Field(
        default_factory=list,
        description="Ce que le texte demande et que les pièces ne peuvent pas écrire ainsi (préférence locale, label "
                    "sans « ou équivalent », politique générale de l'entreprise)",
    )
    inferred_cpv: list[str]
    understood: UnderstoodOut
    insertion: InsertionOut | None

    @classmethod
    def of(cls, result: MatchResult, text: str) -> "MatchResponse":
        """The response for a matching result of ``text``."""
        return cls(
            matches=[
                ClauseMatch(
                    clause_id=match.clause.id, version=match.clause.version, title=match.clause.title,
                    kind=match.clause.kind, document=match.clause.document, decp_value=match.clause.decp_value,
                    themes=list(match.clause.themes), score=match.score, reasons=match.reasons,
                    recommended=match.recommended, recommendation=match.recommendation,
                )
                for match in result.matches
            ],
            obligations=[
                ObligationOut(id=item.id, title=item.title, legal_basis=item.legal_basis, clause_ids=item.clause_ids,
                              explanation=item.explanation, certainty=item.certainty, to_check=item.to_check)
                for item in result.obligations
            ],
            cautions=[CautionOut.of(caution) for caution in read_cautions(text)],
            inferred_cpv=result.inferred_cpv,
            understood=UnderstoodOut.of(result.understood, text),
            insertion=InsertionOut.of(result.insertion) if result.insertion else None,
        )
