"""Purchase families and the thesaurus: the vocabulary of matching, as read from ``families/`` (see its README).

A family's ``themes`` weigh how strongly each theme belongs in the proposals for that kind of purchase
(1.0: among the first proposals; about 0.5: acceptable; absent: off-topic). The weights encode the usual
reasoning of responsible-procurement practice (works: insertion hours and site waste; cleaning: insertion,
working hours, cleaning chemicals; textiles: supply-chain human rights…), not any particular tender.

``terms`` are the nouns and phrases buyers use in contract objects (DECP style included: capitals,
abbreviations); ``weak`` terms are ambiguous and count half. ``core`` lists the clauses a buyer expects for
that kind of purchase; ``agec`` names the category of the décret 2024-134 (AGEC art. 58) the family falls in,
when it clearly does; ``tags`` are what obligation rules test ("restauration", "vehicules"…); ``yields_to`` names
the families whose purchase its words describe when both are named (catering words in a festival); ``about``
marks work about a subject (studies, assistance, checks, training: "Formation des cuisiniers aux menus
végétariens" buys no vegetarian menu); ``covers`` marks a purchase that covers a subject without working on it
(insurance of a building site buys no works); ``upkept_by`` names, for a supply, the service family that repairs
and services it (« Entretien des tondeuses » buys that service, not mowers); ``labour_share`` is the share of
labour in its amounts, for the insertion hours; ``vat_rate`` the VAT rate of its supplies when it is a reduced one
(an amount written TTC is brought back to HT at it).

``besoins.yaml`` groups clauses that say the same thing (one is recommended per tender) and ``insertion.yaml``
holds the defaults of the insertion-hours sizing.

The thesaurus holds the words that point at one theme whatever is bought ("adaptations PMR", "papier
recyclé"). Weights: 1.0 the term names the theme, 0.5–0.8 it usually means it, below 0.5 it hints at it.
Pure: no FastAPI, no database.
"""

import re
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from app.clauses.library import ClauseId, Nature
from app.clauses.themes import THEME_IDS
from app.cpv import DIVISIONS, division_label

# Theme -> phrase -> weight in (0, 1].
Thesaurus = dict[str, dict[str, float]]


class Factor(BaseModel):
    """A default value of the insertion-hours sizing, with where it comes from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: float = Field(gt=0)
    source: str = Field(min_length=3)  # French: the text or the reasoning it rests on
    certainty: Literal["verified", "to-check"] = "verified"


class Family(BaseModel):
    """A family of purchases (its nature is the name of the file it is written in)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: ClauseId
    label: str = Field(min_length=3)  # French, shown in reasons: "code CPV 9091… : nettoyage de locaux"
    nature: Nature
    cpv: tuple[str, ...] = Field(min_length=1)  # prefixes; the first one is the family's representative code
    themes: dict[str, float] = Field(min_length=1)
    core: tuple[str, ...] = ()
    terms: tuple[str, ...] = Field(min_length=1)
    weak: tuple[str, ...] = ()
    agec: str | None = None
    tags: tuple[str, ...] = ()
    # Families whose purchase this family's words describe when both are named ("repas" of a festival, of a
    # reception): this family is then not the object of the tender.
    yields_to: tuple[str, ...] = ()
    # The purchase is work about a subject the text names (studies, assistance, checks, training): the themes of
    # that subject are what the work is about, not what is bought.
    about: bool = False
    # The purchase covers a subject the text names without working on it (insurance of a building site, of a fleet;
    # a loan): that subject brings almost none of its themes.
    covers: bool = False
    # The service family that keeps this supply in use (repair, servicing): « Entretien et réparation des vélos »
    # buys that service, not bicycles (supplies only).
    upkept_by: str | None = None
    labour_share: Factor | None = None  # share of labour in the amount (insertion hours), 0 to 1
    # The VAT rate of its supplies when it is not the standard one: an amount written TTC is brought back to HT at it.
    vat_rate: Factor | None = None

    @field_validator("labour_share", "vat_rate")
    @classmethod
    def _share(cls, value: Factor | None, info: ValidationInfo) -> Factor | None:
        if value is not None and value.value > 1:
            what = "part de main-d'œuvre" if info.field_name == "labour_share" else "taux de TVA"
            raise ValueError(f"{what} {value.value} : nombre de l'intervalle ]0 ; 1] attendu")
        return value

    @field_validator("cpv")
    @classmethod
    def _cpv_prefixes(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for prefix in value:
            if not re.fullmatch(r"\d{2,8}", prefix):
                raise ValueError(f"préfixe CPV « {prefix} » : 2 à 8 chiffres entre guillemets attendus")
            if prefix[:2] not in DIVISIONS:
                raise ValueError(f"préfixe CPV « {prefix} » : la division {prefix[:2]} n'existe pas dans le CPV 2008")
        repeated = sorted({prefix for prefix in value if value.count(prefix) > 1})
        if repeated:
            raise ValueError(f"préfixe CPV répété : {', '.join(repeated)}")
        return value

    @field_validator("themes")
    @classmethod
    def _themes(cls, value: dict[str, float]) -> dict[str, float]:
        unknown = [theme for theme in value if theme not in THEME_IDS]
        if unknown:
            raise ValueError(f"thème inconnu : {', '.join(unknown)}")
        out_of_range = [f"{theme} = {weight}" for theme, weight in value.items() if not 0.0 < weight <= 1.0]
        if out_of_range:
            raise ValueError(f"poids hors de l'intervalle ]0 ; 1] : {', '.join(out_of_range)}")
        return value


class Families:
    """The purchase families in reading order, by id, by CPV prefix and by core clause."""

    def __init__(self, families: Iterable[Family]) -> None:
        self.all = tuple(families)
        self.by_id = {family.id: family for family in self.all}
        self._prefixes: dict[str, list[Family]] = {}
        self.core_of: dict[str, frozenset[str]] = {}  # clause id -> ids of the families it is a core clause of
        # service family id -> the supplies it keeps in use (``upkept_by``)
        self.upkept: dict[str, tuple[Family, ...]] = {}
        for family in self.all:
            for prefix in family.cpv:
                self._prefixes.setdefault(prefix, []).append(family)
            for clause in family.core:
                self.core_of[clause] = self.core_of.get(clause, frozenset()) | {family.id}
            if family.upkept_by:
                self.upkept[family.upkept_by] = (*self.upkept.get(family.upkept_by, ()), family)

    def for_code(self, code: str) -> tuple[list[Family], str]:
        """The families of the longest known prefix of ``code``, and that prefix ("" if none)."""
        for length in range(len(code), 1, -1):
            families = self._prefixes.get(code[:length])
            if families:
                return families, code[:length]
        return [], ""

    def label(self, code: str) -> str:
        """French description of a code for the reasons: its family, else its division."""
        families, _ = self.for_code(code)
        return families[0].label if families else division_label(code)


class Need(BaseModel):
    """Clauses that say the same thing (``besoins.yaml``): a tender is recommended one of them, the one that fits
    best, and none that the text contradicts ("lot unique" and a reserved lot)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: ClauseId
    label: str = Field(min_length=3)
    clauses: tuple[ClauseId, ...] = Field(min_length=1)
    unless: dict[ClauseId, tuple[str, ...]] = {}  # clause id -> phrases that, written in the text, contradict it
    only_if: dict[ClauseId, tuple[str, ...]] = {}  # clause id -> phrases one of which the text must write
    by_nature: dict[Nature, ClauseId] = {}  # nature -> the clause of the need meant for tenders of that nature
    for_lot: ClauseId | None = None  # the clause of the need when the text reserves a lot (« le lot 3 est réservé »)


class Sizing(BaseModel):
    """Defaults of the insertion-hours sizing (``insertion.yaml``): hours = amount × labour share × rate ÷ loaded
    hourly cost; the labour share is the family's when it gives one."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rate: Factor
    hourly_cost_eur: Factor
    labour_share: Factor
    variable: str = Field(min_length=1)  # the variable of the insertion clauses that receives the hours

    @field_validator("rate", "labour_share")
    @classmethod
    def _fraction(cls, value: Factor) -> Factor:
        if value.value > 1:
            raise ValueError(f"{value.value} : nombre de l'intervalle ]0 ; 1] attendu (0,05 pour 5 %)")
        return value
