"""What a tender needs (CPV prefixes from its codes and from simple French keywords) and which
instrument to advise from the number of eligible local structures (no database, no FastAPI)."""

import datetime as dt
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Final, Literal

from pydantic import BaseModel, Field, field_validator

from app.cpv import division_label
from app.french import number, plural
from app.suppliers.departements import departement_label
from app.suppliers.importer import normalise_cpv
from app.suppliers.labels import fold

Nature = Literal["travaux", "fournitures", "services"]
Instrument = Literal["marche-reserve", "lot-reserve", "condition-insertion", "critere-attribution"]


# (French keywords, folded; CPV prefix; wording). A keyword matches at the start of a word, so
# "nettoy" finds "nettoyage" and "nettoyer". Prefixes come from the CPV groups the communes buy most.
KEYWORD_NEEDS: Final[tuple[tuple[tuple[str, ...], str, str], ...]] = (
    (("espaces verts", "espace vert", "elagage", "tonte", "debroussaill", "paysag", "fleurissement"),
     "7731", "entretien des espaces verts"),
    (("nettoyage des locaux", "nettoyage de locaux", "entretien des locaux", "proprete des locaux",
      "nettoyage des batiments", "menage", "vitrerie"), "9091", "nettoyage de bâtiments"),
    (("nettoyage des rues", "nettoyage de la voirie", "balayage", "depot sauvage"), "9061",
     "nettoyage des rues"),
    (("restauration collective", "restauration scolaire", "cantine", "repas", "traiteur", "plateaux repas"),
     "5552", "restauration collective et traiteur"),
    (("cafe", "the ", "chocolat", "cacao"), "158", "café, thé, chocolat"),
    (("sucre",), "1583", "sucre"),
    (("pain", "boulang", "viennoiser"), "1581", "pain et viennoiseries"),
    (("fruits et legumes", "legume"), "0322", "fruits et légumes"),
    (("impression", "imprimer", "imprimerie", "reprographi"), "798", "impression"),
    (("fournitures de bureau", "papeterie"), "3019", "fournitures de bureau"),
    (("papier",), "30197", "papier"),
    (("ordinateur", "informatique", "poste de travail", "reconditionn"), "302", "matériel informatique"),
    (("mobilier urbain",), "3492", "mobilier urbain"),
    (("mobilier", "meuble"), "391", "mobilier"),
    (("vetements de travail", "vetement de travail", "tenues de travail", "tenue professionnelle",
      "uniforme", "textile"), "181", "vêtements professionnels"),
    (("blanchisserie", "linge", "pressing"), "9831", "blanchisserie"),
    (("dechet", "recyclage", "tri selectif", "encombrant"), "905", "collecte et traitement des déchets"),
    (("voirie", "chaussee", "trottoir"), "4523", "travaux de voirie"),
    (("peinture",), "4544", "travaux de peinture"),
    (("plomberie", "chauffage"), "4533", "plomberie, chauffage"),
    (("travaux d electricite", "electricite des batiments"), "4531", "travaux d'électricité"),
    (("renovation", "rehabilitation", "second oeuvre", "maconnerie", "menuiserie"), "452",
     "travaux de bâtiment"),
    (("demenagement",), "98392", "déménagement"),
    (("gardiennage", "surveillance", "securite des sites"), "7971", "sécurité et gardiennage"),
    (("transport scolaire",), "6013", "transport scolaire"),
    (("entretien des vehicules", "entretien de vehicules", "garage"), "5011", "entretien de véhicules"),
    (("produits d entretien", "produits de nettoyage"), "3983", "produits de nettoyage"),
    (("formation",), "80", "formation"),
)


def activity_words(prefix: str) -> str:
    """What an activity (CPV prefix) is called, for the registry search: the wording and keywords of every
    need it falls under ("9091" -> "nettoyage de bâtiments", "ménage"…), else its CPV division's label."""
    said = [" ".join((wording, *keywords)) for keywords, need, wording in KEYWORD_NEEDS if prefix.startswith(need)]
    return " ".join(said) if said else division_label(prefix, default="")


_KEYWORD_PATTERNS: Final = tuple(
    (re.compile(r"\b(?:" + "|".join(re.escape(k) for k in keywords) + ")"), prefix, wording)
    for keywords, prefix, wording in KEYWORD_NEEDS
)

# Our rules of thumb, not legal thresholds (stated as such in the advice text).
MIN_STRUCTURES_FOR_RESERVATION: Final = 3
COVERAGE_SHOWN: Final = 6  # départements named when saying what the registry covers
# European thresholds for local authorities (€ HT), CCP annex 2; used only to size a reserved lot.
EU_THRESHOLDS: Final[tuple[tuple[date, int, int], ...]] = (
    # (from, supplies and services, works)
    (date(2024, 1, 1), 221_000, 5_538_000),
    (date(2026, 1, 1), 216_000, 5_404_000),
)


class SuggestRequest(BaseModel):
    """Same body as ``POST /api/v1/match``, plus the place of performance."""

    text: str = Field(min_length=1, max_length=20_000, description="Objet ou résumé du marché")
    cpv: list[str] = Field(default_factory=list, max_length=50)
    amount_eur: float | None = Field(default=None, ge=0, description="Montant estimé en € HT")
    nature: Nature | None = None
    date: dt.date | None = Field(default=None, description="Date de lancement (par défaut : aujourd'hui)")
    place: str | None = Field(default=None, max_length=100, description="Commune, code postal ou département")
    limit: int = Field(default=10, ge=1, le=50, description="Structures par groupe")
    include_demo: bool | None = Field(
        default=None, description="Proposer les fournisseurs de démonstration : toujours (true), jamais (false) ; par "
                                  "défaut, seulement tant que le registre ne contient aucun fournisseur réel",
    )

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("texte vide")
        return value

    @field_validator("cpv")
    @classmethod
    def _cpv(cls, values: list[str]) -> list[str]:
        for value in values:
            if not re.fullmatch(r"[0-9]{2,8}(-[0-9])?", value.strip()):
                raise ValueError(f"code CPV invalide « {value} » : 8 chiffres (et clé) attendus")
        return values


@dataclass(frozen=True)
class Need:
    """A sector the tender needs, and how it was found."""

    cpv_prefix: str
    wording: str
    source: Literal["cpv", "texte"]


def infer_needs(text: str, cpv: list[str]) -> list[Need]:
    """CPV prefixes of the given codes; without codes, those implied by keywords of the text."""
    if cpv:
        prefixes = list(dict.fromkeys(normalise_cpv(code) for code in cpv))
        return [
            Need(p, division_label(p), "cpv")
            for p in prefixes
            if not any(p != other and p.startswith(other) for other in prefixes)  # covered by a broader one
        ]
    folded = fold(text) + " "
    return [
        Need(prefix, wording, "texte")
        for pattern, prefix, wording in _KEYWORD_PATTERNS
        if pattern.search(folded)
    ]


def nature_of(needs: list[Need]) -> Nature | None:
    """Nature implied by the first CPV division: 45 works, 03–44 and 48 supplies, 50–98 services."""
    if not needs:
        return None
    division = int(needs[0].cpv_prefix[:2])
    if division == 45:
        return "travaux"
    return "fournitures" if division < 45 or division == 48 else "services"


def eu_threshold(nature: Nature, on: date) -> int:
    """European threshold for a local authority's contract of ``nature`` launched ``on``."""
    applicable = [t for t in EU_THRESHOLDS if t[0] <= on] or [EU_THRESHOLDS[0]]
    _, supplies_services, works = applicable[-1]
    return works if nature == "travaux" else supplies_services


class Counts(BaseModel):
    """Eligible structures that serve the tender's sectors at its place."""

    siae: int = 0
    ea_esat: int = 0
    insertion: int = 0
    commerce_equitable: int = 0
    labellises: int = 0


class AdviceItem(BaseModel):
    """One instrument, its legal basis and why."""

    instrument: Instrument
    title: str
    legal_basis: list[str]
    explanation: str


class Advice(BaseModel):
    """The recommended instrument, its complements, and the counts that justify them."""

    recommendation: AdviceItem
    complements: list[AdviceItem]
    counts: Counts
    amount_eur: float | None
    nature: Nature | None
    eu_threshold_eur: int | None
    rule_of_thumb: str


RULE_OF_THUMB: Final = (
    f"Règle empirique de Clausier, pas un seuil légal : une réservation n'est conseillée qu'à partir de "
    f"{MIN_STRUCTURES_FOR_RESERVATION} structures éligibles qui interviennent sur le secteur et le lieu "
    "du marché, pour espérer plusieurs offres ; au-delà du seuil européen, le marché entier dépasse "
    "souvent la capacité de ces structures et l'on réserve plutôt un lot."
)


class NeedPublic(BaseModel):
    """A sector the tender needs."""

    cpv_prefix: str
    wording: str
    source: Literal["cpv", "texte"]


class PlacePublic(BaseModel):
    """The place of performance as understood."""

    query: str
    departement: str | None
    known: bool


class SuggestedSupplier(BaseModel):
    """A supplier able to serve the tender, and why."""

    siret: str
    name: str
    kind: str
    kind_label: str
    commune: str | None
    departement: str | None
    labels: list[dict[str, Any]]
    reasons: list[str]
    is_demo: bool = Field(description="Fournisseur fictif des données de démonstration")


class SuggestionGroup(BaseModel):
    """Suppliers of one role, nearest first."""

    role: Literal["insertion", "commerce-equitable", "labellises"]
    title: str
    total: int
    items: list[SuggestedSupplier]


class SuggestResponse(BaseModel):
    """Suppliers by role, the instrument advice, and what could not be understood."""

    needs: list[NeedPublic]
    place: PlacePublic | None
    groups: list[SuggestionGroup]
    advice: Advice
    warnings: list[str]


def _eur(amount: float) -> str:
    return f"{amount:,.0f}".replace(",", "\u202f") + " € HT"


# National directories of inclusive structures, to look beyond Clausier's registry before ruling out a
# reservation. Checked on 6 December 2026 (public pages): the Marché de l'inclusion puts buyers in touch with
# SIAE and structures employing disabled workers (EA, ESAT), at lemarche.inclusion.gouv.fr (formerly
# lemarche.inclusion.beta.gouv.fr); the Réseau Gesat lists ESAT and EA by département.
DIRECTORIES: Final = (
    "le Marché de l'inclusion (https://lemarche.inclusion.gouv.fr : SIAE, entreprises adaptées, ESAT) et "
    "l'annuaire des ESAT et entreprises adaptées du Réseau Gesat (https://www.reseau-gesat.com, par département) ; "
    "le facilitateur des clauses sociales de votre territoire connaît aussi les structures locales"
)


def registry_coverage(by_departement: dict[str | None, int], place_departement: str | None) -> str:
    """What the registry the advice rests on covers: its suppliers by département, and the place's share."""
    total = sum(by_departement.values())
    if not total:
        return "Le registre des fournisseurs de Clausier est vide."
    known = sorted(((code, n) for code, n in by_departement.items() if code), key=lambda item: (-item[1], item[0]))
    shown = ", ".join(f"{departement_label(code)} {n}" for code, n in known[:COVERAGE_SHOWN])
    others = total - sum(n for _, n in known[:COVERAGE_SHOWN])
    text = (f"Le registre des fournisseurs de Clausier connaît {plural(total, 'fournisseur')}, par département : "
            f"{shown}" + (f", ailleurs ou sans département {number(others)}" if others else "") + ".")
    if place_departement is not None:
        here = by_departement.get(place_departement, 0)
        known_here = f"il en connaît {number(here)}" if here else "il n'en connaît aucun"
        text += f" Dans le département du lieu d'exécution, {departement_label(place_departement)}, {known_here}."
    return text


def advise(
    counts: Counts, *, amount_eur: float | None, nature: Nature | None, on: date, where: str, coverage: str
) -> Advice:
    """Instrument to recommend from the eligible structures found ``where`` and the amount. Too few in the
    registry never rules a reservation out: ``coverage`` says what the registry knows, and the advice points to
    the national directories."""
    threshold = eu_threshold(nature, on) if nature else None
    reservable = counts.siae + counts.ea_esat
    found = f"{counts.siae} SIAE et {counts.ea_esat} EA/ESAT {where}"
    insertion_criterion = AdviceItem(
        instrument="critere-attribution",
        title="Critère d'attribution : performance en matière d'insertion professionnelle",
        legal_basis=["R2152-7"],
        explanation=(
            "Noter la performance en matière d'insertion professionnelle des publics en difficulté "
            "(exemple de critère cité par R2152-7), avec une méthode de notation précise."
        ),
    )
    insertion_condition = AdviceItem(
        instrument="condition-insertion",
        title="Condition d'exécution : clause d'insertion (heures réservées à des publics éloignés de l'emploi)",
        legal_basis=["L2112-2"],
        explanation=(
            f"{plural(counts.insertion, 'structure', 'structures')} {where} : "
            f"{'peut' if counts.insertion <= 1 else 'peuvent'} porter les heures d'insertion "
            "(sous-traitance, cotraitance ou mise à disposition) ; le titulaire peut aussi embaucher "
            "directement avec l'appui du facilitateur."
        ),
    )
    if reservable >= MIN_STRUCTURES_FOR_RESERVATION:
        basis = (["L2113-13"] if counts.siae else []) + (["L2113-12"] if counts.ea_esat else [])
        if counts.siae and counts.ea_esat:
            basis.append("L2113-14")  # one reservation may cover both families
        basis.append("R2113-7")
        if amount_eur is not None and threshold is not None and amount_eur >= threshold:
            recommendation = AdviceItem(
                instrument="lot-reserve",
                title="Réserver un ou plusieurs lots aux structures inclusives",
                legal_basis=basis,
                explanation=(
                    f"{found} : assez pour une réservation. Le montant ({_eur(amount_eur)}) atteint le "
                    f"seuil européen ({_eur(threshold)}) : réserver un lot à leur mesure plutôt que "
                    "le marché entier. L'avis de marché vise l'article de réservation ; ces structures "
                    "emploient au moins 50 % de travailleurs handicapés ou défavorisés (R2113-7)."
                ),
            )
        else:
            recommendation = AdviceItem(
                instrument="marche-reserve",
                title="Réserver le marché aux structures inclusives",
                legal_basis=basis,
                explanation=(
                    f"{found} : assez pour une réservation du marché entier. L'avis de marché vise "
                    "l'article de réservation ; ces structures emploient au moins 50 % de travailleurs "
                    "handicapés ou défavorisés (R2113-7)."
                ),
            )
        complements = [insertion_condition] if counts.insertion else [insertion_criterion]
    elif counts.insertion:
        recommendation = insertion_condition.model_copy(update={"explanation": (
            f"{found} d'après le registre de Clausier : trop peu pour conseiller une réservation (moins de "
            f"{MIN_STRUCTURES_FOR_RESERVATION}). {coverage} D'autres structures existent peut-être : avant "
            f"d'écarter une réservation, consultez {DIRECTORIES}. "
            + insertion_condition.explanation
        )})
        complements = [insertion_criterion]
    else:
        recommendation = insertion_criterion.model_copy(update={"explanation": (
            f"Le registre de Clausier ne connaît aucune structure inclusive {where}, ce qui ne veut pas dire qu'il "
            f"n'en existe pas. {coverage} Avant d'écarter une réservation ou la sous-traitance à une structure "
            f"inclusive, consultez {DIRECTORIES}. En attendant : "
            + insertion_criterion.explanation
        )})
        complements = [insertion_condition.model_copy(update={"explanation": (
            "Une clause d'insertion reste possible par embauche directe, avec l'appui du facilitateur "
            "des clauses sociales."
        )})]
    if counts.commerce_equitable:
        complements.append(AdviceItem(
            instrument="critere-attribution",
            title="Critère : garantie de la rémunération équitable des producteurs",
            legal_basis=["R2152-7"],
            explanation=(
                f"{plural(counts.commerce_equitable, 'structure labellisée', 'structures labellisées')} "
                f"commerce équitable {where}. "
                "Décrire les exigences (engagement de 3 ans, prix rémunérateur, prime, traçabilité) et "
                "accepter « Fairtrade/Max Havelaar, WFTO, SPP, Fair for Life… ou équivalent » ou tout moyen "
                "de preuve approprié."
            ),
        ))
    if counts.labellises:
        complements.append(AdviceItem(
            instrument="critere-attribution",
            title="Label environnemental ou social « ou équivalent »",
            legal_basis=["R2111-13", "R2111-16", "R2152-7"],
            explanation=(
                f"{plural(counts.labellises, 'structure', 'structures')} avec un label environnemental ou "
                f"social valide {where}. Exiger le label « ou équivalent » dans les spécifications ou les conditions "
                "d'exécution, ou en faire un critère, en listant les caractéristiques qu'il atteste."
            ),
        ))
    return Advice(
        recommendation=recommendation, complements=complements, counts=counts,
        amount_eur=amount_eur, nature=nature, eu_threshold_eur=threshold, rule_of_thumb=RULE_OF_THUMB,
    )
