"""The legal obligations a tender falls under, from its amount, nature, launch date and product family.

Only facts the project's legal fact sheet confirms are used; those it gives from secondary sources only
are stated as such in the explanation. The clauses that fulfil an obligation are found in the library by
the legal basis they cite and their kind (never by id), the clauses already proposed first.
"""

from dataclasses import dataclass
from datetime import date

import numpy as np

from app.clauses.library import Nature
from app.clauses.values import format_number
from app.matching.detection import Detection, Floats
from app.matching.index import GENERIC_THEME, ClauseIndex
from app.matching.ranking import money
from app.matching.sectors import SECTORS_BY_ID, Sector

# Loi Climat et résilience art. 35 and décret 2022-767: consultations launched from this date.
CLIMATE_DATE = date(2026, 8, 21)
# EU thresholds for local authorities (regulation (EU) 2025/2152 for 2026-2027, previous ones before).
EU_THRESHOLDS: tuple[tuple[date, dict[str, int]], ...] = (
    (date(2026, 1, 1), {"fournitures": 216_000, "services": 216_000, "travaux": 5_404_000}),
    (date(2024, 1, 1), {"fournitures": 221_000, "services": 221_000, "travaux": 5_538_000}),
)
SPASER_THRESHOLD = 50_000_000  # annual purchases, D2111-3 since 1 January 2023
VIGILANCE_THRESHOLD = 5_000
EGALIM_DATE = date(2022, 1, 1)
MEAT_FISH_DATE = date(2024, 1, 1)
REPAIRABILITY_DATE = date(2023, 1, 1)
AGEC_DATE = date(2021, 1, 1)
# Décret 2024-134 trajectory: the rates of the period the launch date falls in.
AGEC_PERIODS = (2030, 2027, 2024)
AGEC_TEXTILES = {2024: (8, 20), 2027: (15, 25), 2030: (15, 30)}  # (réemploi, recyclé) %, confirmed
AGEC_IT = {2024: 20, 2027: 25, 2030: 30}  # overall %, secondary source only
# Low-emission vehicles in annual renewals of local authorities' light fleets (secondary source only).
LOW_EMISSION_SHARES = ((date(2030, 1, 1), 70), (date(2025, 1, 1), 40), (date(2021, 7, 1), 30))
VERY_LOW_EMISSION_SHARES = ((date(2030, 1, 1), 40.0), (date(2026, 1, 1), 37.4))
# Dispense of advertising and competition (R2122-8, décret 2025-1386): a "small purchase" below these.
SMALL_PURCHASE_WORKS = 100_000
SMALL_PURCHASE_OTHER = ((date(2026, 4, 1), 60_000), (date(2020, 1, 1), 40_000))

SECONDARY = "(source secondaire, à vérifier sur Légifrance)"
# A purchase family found at least this strongly is "the" product family of the tender.
FAMILY_MIN = 0.5


@dataclass(frozen=True)
class Obligation:
    """A legal obligation that applies to the tender."""

    id: str
    title: str
    legal_basis: list[str]
    clause_ids: list[str]
    explanation: str


def _percent(value: float) -> str:
    return f"{format_number(value)} %"


def eu_threshold(nature: Nature, when: date) -> int:
    """The EU threshold of a local authority's contract of ``nature`` at ``when`` (latest known if later)."""
    for start, thresholds in EU_THRESHOLDS:
        if when >= start:
            return thresholds[nature]
    return EU_THRESHOLDS[-1][1][nature]


def small_purchase_threshold(nature: Nature | None, when: date) -> int:
    """The amount under which a purchase may be made without advertising nor competition (R2122-8)."""
    if nature == "travaux":
        return SMALL_PURCHASE_WORKS
    return next((amount for start, amount in SMALL_PURCHASE_OTHER if when >= start), SMALL_PURCHASE_OTHER[-1][1])


class _Finder:
    """Library clauses that fulfil an obligation: those proposed first, then the best scored, then by id."""

    def __init__(self, index: ClauseIndex, detection: Detection, proposed: list[int], scores: Floats) -> None:
        self.index, self.detection, self.scores = index, detection, scores
        self.rank = np.full(len(index.clauses), len(index.clauses), dtype=np.int64)  # not proposed: last
        self.rank[proposed] = np.arange(len(proposed))

    def find(
        self, *, cites: tuple[str, ...] = (), kinds: tuple[str, ...] = (), decp: tuple[str, ...] = (),
        themes: tuple[str, ...] = (), proposed_only: bool = False, related: bool = False, specific: bool = False,
        limit: int = 4,
    ) -> list[str]:
        """Ids of up to ``limit`` clauses citing ``cites``, of ``kinds``, ``decp`` values and ``themes``."""
        # proposed_only: already proposed; related: proposed, or CPV prefixes covering the tender's codes;
        # specific: no generic clause.
        table = self.index.table
        positions = table.clauses_where(cites=cites, kinds=kinds, decp=decp, themes=themes)
        if specific:
            positions = positions[~table.generic[positions]]
        proposed = self.rank[positions] < len(self.rank)
        if proposed_only:
            positions = positions[proposed]
        elif related:
            positions = positions[proposed | (self.detection.cpv_fit[positions] > 0.0)]
        order = np.lexsort((table.id_rank[positions], -self.scores[positions], self.rank[positions]))
        return [self.index.clauses[int(position)].doc.id for position in positions[order[:limit]]]


def agec_period(when: date) -> int:
    """The year of the décret 2024-134 trajectory step in force at ``when`` (2024, 2027 or 2030)."""
    return next((start for start in AGEC_PERIODS if when.year >= start), AGEC_PERIODS[-1])


@dataclass(frozen=True)
class _Tender:
    """What the obligations depend on."""

    detection: Detection
    amount: float | None
    when: date
    families: list[Sector]  # purchase families found with confidence
    tags: set[str]
    finder: _Finder


def _environment(tender: _Tender) -> Obligation | None:
    if tender.when < CLIMATE_DATE:
        return None
    find = tender.finder.find
    clause_ids = [
        *find(decp=("Critère environnemental",), kinds=("critere-attribution",), proposed_only=True, specific=True,
              limit=2),
        *find(decp=("Clause environnementale",), kinds=("condition-execution",), proposed_only=True, specific=True,
              limit=2),
        # The generic criterion and condition that suit this tender best (for a small purchase, its own).
        *find(cites=("Loi 2021-1104 art. 35",), kinds=("critere-attribution",), themes=(GENERIC_THEME,), limit=1),
        *find(cites=("Loi 2021-1104 art. 35",), kinds=("condition-execution",), themes=(GENERIC_THEME,), limit=1),
    ]
    return Obligation(
        "climat-resilience-environnement",
        "Prise en compte de l'environnement : condition d'exécution et critère d'attribution",
        ["CCP L2112-2", "CCP L2152-7", "CCP R2152-7", "Loi 2021-1104 art. 35", "Décret 2022-767"],
        list(dict.fromkeys(clause_ids)),
        "Pour toute consultation lancée (ou tout avis envoyé à la publication) à partir du 21 août 2026, quel que "
        "soit le montant : au moins une condition d'exécution prend en compte des considérations "
        "environnementales, et au moins un critère d'attribution porte sur les caractéristiques environnementales "
        "de l'offre ; le prix ne peut plus être le critère unique (seul un critère unique de coût intégrant ces "
        "caractéristiques reste possible). Les marchés de défense et de sécurité sont hors champ.",
    )


def _social(tender: _Tender) -> Obligation | None:
    nature, amount, when = tender.detection.nature, tender.amount, tender.when
    if when < CLIMATE_DATE or amount is None or amount < (threshold := eu_threshold(nature or "services", when)):
        return None
    if nature:
        scope = (f"Le montant estimé ({money(amount)}) atteint le seuil européen ({money(threshold)} pour un marché "
                 f"de {nature} d'une collectivité)")
    else:
        scope = (f"Si le marché est de fournitures ou de services, son montant ({money(amount)}) atteint le seuil "
                 f"européen ({money(threshold)} pour une collectivité ; {money(eu_threshold('travaux', when))} pour "
                 "des travaux)")
    find = tender.finder.find
    return Obligation(
        "climat-resilience-social",
        "Considération sociale ou relative à l'emploi dans les conditions d'exécution",
        ["CCP L2112-2-1", "Loi 2021-1104 art. 35"],
        list(dict.fromkeys([
            *find(decp=("Clause sociale",), kinds=("condition-execution",), proposed_only=True, limit=2),
            *find(themes=("insertion",), kinds=("condition-execution",), limit=2),
        ])),
        f"{scope}. Pour les consultations lancées à partir du 21 août 2026, les conditions d'exécution des marchés "
        "d'un montant au moins égal aux seuils européens prennent en compte des considérations relatives au domaine "
        f"social ou à l'emploi, notamment en faveur des personnes défavorisées ; des dérogations sont prévues "
        f"{SECONDARY} : le texte exact de l'article L2112-2-1 et la liste des dérogations n'ont pas pu être "
        "confirmés.",
    )


def _egalim(tender: _Tender) -> Obligation | None:
    catering = "restauration" in tender.tags
    food = "alimentaire" in tender.tags and tender.detection.themes.get("alimentation-durable", 0.0) >= 0.5
    if not (catering or food) or tender.when < EGALIM_DATE:
        return None
    meat = (" ; depuis le 1er janvier 2024, au moins 60 % des achats de viandes et de poissons sont durables et de "
            "qualité" if tender.when >= MEAT_FISH_DATE else "")
    target = "" if catering else "Si ces denrées sont destinées à un service de restauration collective : "
    return Obligation(
        "egalim-restauration-collective",
        "Produits durables et de qualité en restauration collective (EGalim)",
        ["C. rural L230-5-1", "Loi 2018-938 art. 24", "Décret 2019-351", "Loi 2021-1104"],
        tender.finder.find(cites=("C. rural L230-5-1", "C. rural L230-5-6"),
                           kinds=("condition-execution", "critere-attribution")),
        f"{target}depuis le 1er janvier 2022, au moins 50 % en valeur HT des achats de denrées de la restauration "
        f"collective publique sont des produits durables et de qualité, dont au moins 20 % de produits biologiques "
        f"ou en conversion{meat} ; un menu végétarien est proposé chaque semaine. Les produits du commerce "
        "équitable (loi 2005-882, art. 60) comptent dans les 50 %.",
    )


def _agec(tender: _Tender) -> Obligation | None:
    family = next((sector for sector in tender.families if sector.agec), None)
    if family is None or tender.when < AGEC_DATE:
        return None
    year = agec_period(tender.when)
    if family.id == "textiles-habillement":
        reuse, recycled = AGEC_TEXTILES[year]
        rates = (f"Pour cette catégorie, à partir de {year} : {reuse} % issus du réemploi ou de la réutilisation et "
                 f"{recycled} % intégrant des matières recyclées.")
    elif family.id == "informatique-materiel":
        rates = (f"Pour cette catégorie, à partir de {year} : {AGEC_IT[year]} % au total {SECONDARY}, sans la "
                 "répartition entre réemploi et matières recyclées.")
    else:
        rates = "Les taux de cette catégorie sont à relever dans l'annexe du décret 2024-134."
    return Obligation(
        "agec-reemploi-recyclage",
        "Part d'achats issus du réemploi, de la réutilisation ou intégrant des matières recyclées (loi AGEC)",
        ["Loi 2020-105 art. 58", "Décret 2024-134"],
        tender.finder.find(cites=("Loi 2020-105 art. 58", "Décret 2024-134"),
                           kinds=("condition-execution", "critere-attribution", "specification-technique"),
                           related=True),
        f"Catégorie « {family.agec} » du décret 2024-134 (en vigueur depuis le 1er juillet 2024) : une part minimale "
        "du montant HT annuel des achats de la catégorie doit provenir du réemploi ou de la réutilisation ou intégrer "
        "des matières recyclées, y compris quand ces biens sont achetés dans un marché de travaux ou de services. "
        f"{rates} La part s'apprécie sur l'ensemble des achats de l'année de la catégorie ; déclaration annuelle sur "
        "data.gouv.fr avant le 30 juin de l'année suivante.",
    )


def _vehicles(tender: _Tender) -> Obligation | None:
    if "vehicules" not in tender.tags:
        return None
    low = next((share for start, share in LOW_EMISSION_SHARES if tender.when >= start), None)
    very_low = next((share for start, share in VERY_LOW_EMISSION_SHARES if tender.when >= start), None)
    shares = ""
    if low is not None:
        shares = (f" Pour les collectivités gérant plus de 20 véhicules légers : {_percent(low)} de véhicules à "
                  "faibles émissions dans les renouvellements de l'année")
        shares += f" et {_percent(very_low)} de véhicules à très faibles émissions" if very_low is not None else ""
        shares += f" {SECONDARY}."
    return Obligation(
        "vehicules-faibles-emissions",
        "Véhicules à faibles et très faibles émissions lors du renouvellement de la flotte",
        ["C. env. L224-7", "C. env. L224-8"],
        tender.finder.find(cites=("C. env. L224-7", "C. env. L224-8")),
        "Lors du renouvellement annuel de leur flotte, les acheteurs publics achètent ou utilisent des véhicules à "
        "faibles et très faibles émissions dans des proportions minimales fixées par catégorie de véhicules et par "
        "période ; l'obligation couvre l'achat, la location et le crédit-bail (véhicule à faibles émissions : au "
        f"plus 60 g de CO2/km).{shares}",
    )


def _repairability(tender: _Tender) -> Obligation | None:
    equipment = any(sector.id == "informatique-materiel" for sector in tender.families)
    if not equipment or tender.detection.nature not in (None, "fournitures") or tender.when < REPAIRABILITY_DATE:
        return None
    return Obligation(
        "indice-reparabilite",
        "Prise en compte de l'indice de réparabilité des équipements numériques",
        ["Loi 2021-1485 art. 15"],
        tender.finder.find(cites=("Loi 2021-1485 art. 15",)),
        "Depuis le 1er janvier 2023, l'achat de produits numériques dotés d'un indice de réparabilité tient compte "
        "de cet indice (loi REEN), quel que soit le montant.",
    )


def _vigilance(tender: _Tender) -> Obligation | None:
    if tender.amount is None or tender.amount < VIGILANCE_THRESHOLD:
        return None
    return Obligation(
        "vigilance-travail-dissimule",
        "Vérification des documents de vigilance du titulaire",
        ["C. trav. L8222-1", "C. trav. D8222-5"],
        tender.finder.find(cites=("C. trav. L8222-1",), kinds=("condition-execution",)),
        f"Pour un contrat d'au moins {money(VIGILANCE_THRESHOLD)}, l'acheteur vérifie à la signature puis tous les "
        "six mois que le titulaire est immatriculé et à jour de ses déclarations et cotisations sociales "
        f"(attestation de vigilance), sous peine de solidarité financière {SECONDARY}.",
    )


def _spaser(tender: _Tender) -> Obligation | None:
    amount = tender.amount
    if amount is None or amount < eu_threshold(tender.detection.nature or "services", tender.when):
        return None
    opening = ("Ce marché atteint à lui seul 50 M€ HT, le seuil des achats annuels au-delà duquel "
               if amount >= SPASER_THRESHOLD else
               "Rappel pour les grands acheteurs : si le montant total annuel de vos achats dépasse 50 M€ HT, ")
    return Obligation(
        "spaser",
        "Schéma de promotion des achats socialement et écologiquement responsables (SPASER)",
        ["CCP L2111-3", "CCP D2111-3"],
        [],
        f"{opening}l'acheteur adopte et publie un SPASER, avec des indicateurs annuels précis (en nombre de marchés "
        "ou en valeur) sur la part de ses achats socialement et écologiquement responsables ; ce marché entre dans "
        "ces indicateurs. Un schéma commun à l'intercommunalité et à ses communes est possible.",
    )


RULES = (_environment, _social, _egalim, _agec, _vehicles, _repairability, _vigilance, _spaser)


def obligations_for(
    index: ClauseIndex, detection: Detection, *, amount: float | None, when: date, proposed: list[int],
    scores: Floats,
) -> list[Obligation]:
    """Every obligation the tender falls under, most general first."""
    families = [SECTORS_BY_ID[sector] for sector, level in detection.sectors.items() if level >= FAMILY_MIN]
    tender = _Tender(detection, amount, when, families, {tag for sector in families for tag in sector.tags},
                     _Finder(index, detection, proposed, scores))
    return [obligation for rule in RULES if (obligation := rule(tender)) is not None]
