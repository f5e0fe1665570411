"""Ethical-purchase indicators: the one place where each indicator is defined and computed.

Everything is an SQL aggregate (SQLAlchemy Core, the same statements on SQLite and PostgreSQL):
rows are never loaded into Python. One grouped pass over the year (buyer × CPV division × nature)
feeds the totals and every breakdown, one pass per earlier year the trend, and the covering index
``ix_purchase_report`` (buyer names included) lets these passes read the index alone.
``DEFINITIONS`` states each definition in French; the report's method section prints exactly
that list, so the code below and the published method cannot drift apart.

Shares are fractions (0–1). A block is ``{"count", "amount_eur", "share_count", "share_amount",
"unreported"}``; ``count`` and the shares are ``None`` ("non renseigné") when no contract of the
perimeter says anything about that consideration (the pre-2024 DECP format), which is not 0.
"""

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import reduce
from operator import add, itemgetter
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    String,
    Table,
    and_,
    case,
    cast,
    false,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlmodel import Session

from app.bulk import stream_rows
from app.buyers.models import BUYER as B
from app.buyers.service import buyer_names, group_members, groups_of
from app.counted import Counted, counted
from app.cpv import DIVISIONS as CPV_DIVISIONS
from app.purchases.models import Purchase, PurchaseHolder
from app.reports.cpv import CATEGORIES, NO_DIVISION
from app.reports.execution import DEFINITIONS as EXECUTION_DEFINITIONS
from app.reports.execution import execution_figures
from app.suppliers.labels import ENVIRONMENTAL_LABELS, FAIR_TRADE_LABELS, INCLUSIVE_KINDS, KINDS
from app.suppliers.models import Supplier, SupplierLabel

P: Table = Purchase.__table__  # type: ignore[attr-defined]
H: Table = PurchaseHolder.__table__  # type: ignore[attr-defined]
S: Table = Supplier.__table__  # type: ignore[attr-defined]
L: Table = SupplierLabel.__table__  # type: ignore[attr-defined]

# PNAD 2022-2025 (Plan national pour des achats durables, 15 March 2022): targets for 2025, in % of
# the contracts notified in the year. No successor plan is known: they remain the reference.
PNAD_TARGETS = {"social": 30, "environmental": 100}
PNAD_REFERENCE = "PNAD 2022-2025 (cibles 2025)"
# Décret 2022-767: from this date the consultations launched must carry an environmental consideration, at least
# an award criterion (CCP R2152-7); the execution condition of CCP L2112-2 follows on 22 August 2026 (loi Climat et
# Résilience art. 35 IV). Either is an environmental consideration in the DECP, so the earlier date is the report's.
ENVIRONMENTAL_OBLIGATION_FROM = date(2026, 8, 21)
TREND_YEARS = 5
LISTED_MISSING = 100
INCLUSIVE = sorted(INCLUSIVE_KINDS)  # the order of the kinds in the report
CONTRACTS_BATCH = 5000

# A contract is social with "Clause sociale", "Critère social" or "Marché réservé"; environmental
# with "Clause environnementale" or "Critère environnemental". NULL when not reported: SQL's
# three-valued OR keeps "unknown" apart from "no" (a known true on either side still makes ANY true).
SOCIAL = or_(P.c.social_clause, P.c.social_criterion, P.c.reserved)
ENVIRONMENTAL = or_(P.c.environmental_clause, P.c.environmental_criterion)
ANY = or_(SOCIAL, ENVIRONMENTAL)
CONSIDERATIONS = {"social": SOCIAL, "environmental": ENVIRONMENTAL, "any": ANY}
BY_KIND = {
    "Clause sociale": P.c.social_clause,
    "Critère social": P.c.social_criterion,
    "Marché réservé": P.c.reserved,
    "Clause environnementale": P.c.environmental_clause,
    "Critère environnemental": P.c.environmental_criterion,
}

DEFINITIONS: list[tuple[str, str]] = [
    ("Marchés de l'année",
     "Marchés dont la date de notification tombe dans l'année civile, pour tous les acheteurs du territoire "
     "ou pour l'acheteur choisi (SIRET). Un marché est identifié, comme dans les données essentielles (DECP), "
     "par le SIRET de l'acheteur et son identifiant interne : publié plusieurs fois ou avec plusieurs "
     "titulaires, il compte une seule fois."),
    ("Montant",
     "Montant hors taxes du marché tel que notifié (pour un accord-cadre, le montant publié), sans ses "
     "modifications ultérieures. Un marché à plusieurs titulaires compte pour son montant total."),
    ("Considération sociale",
     "Le marché porte au moins une des valeurs DECP « Clause sociale », « Critère social » ou "
     "« Marché réservé »."),
    ("Considération environnementale",
     "Le marché porte au moins une des valeurs DECP « Clause environnementale » ou « Critère environnemental »."),
    ("Au moins une considération",
     "Le marché a une considération sociale ou une considération environnementale (il compte une fois)."),
    ("Parts",
     "Part en nombre : marchés concernés ÷ tous les marchés de l'année. Part en montant : montant des marchés "
     "concernés ÷ montant de tous les marchés de l'année. Le dénominateur comprend tous les marchés notifiés "
     "dans l'année, y compris ceux dont les considérations ne sont pas renseignées."),
    ("Non renseigné",
     "Le format DECP antérieur à 2024 ne publie pas les considérations : ces marchés sont « non renseignés », "
     "jamais « sans considération ». Si aucun marché du périmètre n'est renseigné, nombres et parts sont "
     "« non renseigné » ; si une partie seulement l'est, les parts sont des minimums et le nombre de marchés "
     "non renseignés est indiqué."),
    ("Par type de considération",
     "Nombre de marchés portant chaque valeur DECP ; un marché qui en porte plusieurs compte dans chacune."),
    ("Par acheteur, par division CPV, par type d'achat, par nature",
     "Les mêmes indicateurs sur les marchés de chaque acheteur, de chaque division CPV (deux premiers chiffres "
     "du code), de chaque type d'achat déduit de la division (travaux : 45 ; fournitures : 03 à 44 et 48 ; "
     "services : 50 à 98) et de chaque nature déclarée. Un code CPV mal formé est classé à part. Un acheteur est "
     "désigné par le nom de son profil, à défaut par celui que portent ses marchés."),
    ("Par groupement",
     "Un groupement (une communauté d'agglomération, par exemple) totalise ses propres marchés et ceux des acheteurs "
     "rattachés à son profil (ses communes, et ce qui leur est rattaché) : les indicateurs d'un groupement sont "
     "ceux de l'ensemble des marchés de ses membres, chaque marché comptant une fois."),
    ("Données de démonstration",
     "Les marchés fictifs chargés pour la démonstration ne sont comptés que tant que le registre ne contient aucun "
     "marché réel : dès le premier marché réel, ils sont exclus de tous les indicateurs, toutes années confondues. "
     "De même, les fournisseurs fictifs ne comptent plus dès que le registre des fournisseurs contient un "
     "fournisseur réel."),
    ("Achats auprès de structures inclusives",
     "Marchés dont au moins un titulaire figure au registre des fournisseurs (fiche non supprimée) comme "
     "structure d'insertion par l'activité économique (EI, ACI, AI, ETTI, EITI), entreprise adaptée (EA, EATT), "
     "ESAT ou GEIQ. Le montant est celui du marché entier. La couverture indique combien de marchés ont au moins "
     "un titulaire connu du registre."),
    ("Titulaires labellisés",
     "Marchés dont au moins un titulaire détient, à la date de notification, un label de commerce équitable "
     "(respectivement environnemental) de la liste maintenue du registre, valide à cette date (début de "
     "validité passé ou absent, fin de validité non atteinte ou absente)."),
    ("Montant de commerce équitable",
     "Somme des montants d'achats de commerce équitable déclarés par marché (colonne facultative du registre "
     "des achats), rapportée au montant de tous les marchés de l'année."),
    ("Cibles nationales",
     "PNAD 2022-2025 : en 2025, 100 % des marchés notifiés dans l'année comportent au moins une considération "
     "environnementale et 30 % au moins une considération sociale. Elles sont comparées aux parts en nombre. "
     "Aucun plan successeur n'étant connu, elles restent la référence des années suivantes. L'écart indique "
     "combien de marchés de plus auraient dû porter la considération."),
    ("Évolution",
     f"Les mêmes indicateurs pour l'année du rapport et les {TREND_YEARS - 1} années précédentes qui ont des "
     "marchés."),
    ("Obligation environnementale du 21 août 2026",
     "Toute consultation lancée à partir du 21 août 2026 doit comporter une considération environnementale : au "
     "moins un critère d'attribution environnemental (CCP R2152-7, décret 2022-767), et, à partir du 22 août 2026,"
     " une condition d'exécution environnementale (CCP L2112-2). La règle vise la date de lancement : elle est "
     "utilisée quand elle est connue (marchés préparés avec Clausier, registres qui la donnent). Les DECP ne "
     "publient pas cette date : à défaut, la date de notification (21 août 2026 ou après) sert de repère et le "
     "marché est signalé « à vérifier », car sa consultation a pu être lancée avant. Sont listés les marchés "
     "concernés sans considération environnementale ou dont les considérations ne sont pas renseignées."),
    *EXECUTION_DEFINITIONS,
]


# ---------------------------------------------------------------------------------------------
# Building blocks
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Perimeter:
    """Whose contracts a report counts (every buyer, one, or a group's members), and which of them: the
    demonstration rule of ``app.counted`` for contracts and for the registry's suppliers."""

    buyers: tuple[str, ...] | None
    purchases: Counted
    suppliers: Counted


def perimeter(
    session: Session, *, buyer: str | None = None, group: str | None = None, include_demo: bool | None = None
) -> Perimeter:
    """The perimeter of a report on the territory, one ``buyer`` or a ``group`` (its members, see buyers)."""
    buyers = (buyer,) if buyer is not None else tuple(group_members(session=session, siret=group)) if group else None
    return Perimeter(buyers, counted(session, P, include_demo), counted(session, S, include_demo))


def in_perimeter(where: Perimeter) -> list[ColumnElement[bool]]:
    """Contracts of the perimeter, whatever their date: its buyers, demo rows counted or not."""
    conditions = list(where.purchases.conditions)
    if where.buyers is not None:
        conditions.append(P.c.buyer_siret == where.buyers[0] if len(where.buyers) == 1
                          else P.c.buyer_siret.in_(where.buyers))
    return conditions


def scope(year: int, where: Perimeter, *, years: int = 1) -> list[ColumnElement[bool]]:
    """Contracts of the perimeter notified in ``year`` (or the ``years`` years ending with it)."""
    return [P.c.notified_on >= date(year - years + 1, 1, 1), P.c.notified_on < date(year + 1, 1, 1),
            *in_perimeter(where)]


def _count(condition: ColumnElement[Any]) -> Any:
    return func.count(case((condition, 1)))


def _sum(condition: ColumnElement[Any], value: Any = P.c.amount_cents) -> Any:
    return func.coalesce(func.sum(case((condition, value), else_=0)), 0)


def _counters(*, measured_only: bool = False) -> list[Any]:
    """Additive aggregates of a set of contracts: totals, then count/amount/unreported per consideration,
    contracts per DECP value, declared fair-trade amount. Being sums, they add up across groups.
    ``measured_only``: the totals and considerations alone (what ``_measured`` reads); evaluating these
    expressions row by row is most of a year's pass, the index walk itself a tenth of it."""
    columns = [func.count().label("contracts"), func.coalesce(func.sum(P.c.amount_cents), 0).label("cents")]
    for name, expression in CONSIDERATIONS.items():
        columns += [
            _count(expression).label(f"{name}_count"),
            _sum(expression).label(f"{name}_cents"),
            _count(expression.is_(None)).label(f"{name}_unreported"),
        ]
    if measured_only:
        return columns
    columns += [_count(flag).label(f"kind_{i}") for i, flag in enumerate(BY_KIND.values())]
    columns += [func.count(P.c.fair_trade_cents).label("declared"),
                func.coalesce(func.sum(P.c.fair_trade_cents), 0).label("declared_cents")]
    return columns


COUNTERS = [column.name for column in _counters()]
Cell = dict[str, Any]


def _cube(session: Session, year: int, where: Perimeter) -> list[Cell]:
    """The counters of the year grouped by buyer × CPV division × nature: one pass over the year feeds
    the totals and every breakdown (a few hundred rows, never the contracts themselves)."""
    keys = (P.c.buyer_siret, P.c.cpv_division, P.c.nature)
    query = (
        select(P.c.buyer_siret.label("buyer"), P.c.cpv_division.label("division"), P.c.nature.label("nature"),
               func.max(P.c.buyer_name).label("buyer_name"), *_counters())
        .where(*scope(year, where))
        .group_by(*keys)
    )
    keys_count = len(query.selected_columns) - len(COUNTERS)
    labels = list(query.selected_columns.keys())
    return [dict(zip(labels, (*row[:keys_count], *map(int, row[keys_count:])), strict=True))
            for row in session.execute(query).tuples()]


def _year_counters(session: Session, year: int, where: Perimeter) -> dict[str, int]:
    """The totals and considerations of ``year`` (the other counters are not read from a year of the trend)."""
    query = select(*_counters(measured_only=True)).where(*scope(year, where))
    return {name: int(value) for name, value in session.execute(query).one()._mapping.items()}


_counter_values = itemgetter(*COUNTERS)


def _add(cells: list[Cell]) -> dict[str, int]:
    """The counters of ``cells`` summed, column by column."""
    columns = zip(*map(_counter_values, cells), strict=True) if cells else ((0,) for _ in COUNTERS)
    return dict(zip(COUNTERS, map(sum, columns), strict=True))


def _grouped(cells: list[Cell], key: Any) -> dict[Any, dict[str, int]]:
    groups: dict[Any, list[Cell]] = {}
    for cell in cells:
        groups.setdefault(key(cell), []).append(cell)
    return {value: _add(group) for value, group in groups.items()}


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _euros(cents: Any) -> float:
    return round(int(cents) / 100, 2)


def _block(count: int, cents: int, contracts: int, total_cents: int, unreported: int) -> dict[str, Any]:
    if contracts and unreported == contracts:
        return {"count": None, "amount_eur": None, "share_count": None, "share_amount": None,
                "unreported": unreported}
    return {
        "count": count, "amount_eur": _euros(cents), "share_count": _share(count, contracts),
        "share_amount": _share(cents, total_cents), "unreported": unreported,
    }


def _measured(counters: dict[str, int]) -> dict[str, Any]:
    """The totals and the social / environmental / any blocks of a set of contracts."""
    contracts, cents = counters["contracts"], counters["cents"]
    measured: dict[str, Any] = {"contracts": contracts, "amount_eur": _euros(cents)}
    for name in CONSIDERATIONS:
        measured[name] = _block(counters[f"{name}_count"], counters[f"{name}_cents"], contracts, cents,
                                counters[f"{name}_unreported"])
    return measured


def category_of(division: str | None) -> str | None:
    """Works, supplies or services from a CPV division (None when the code is malformed)."""
    if division is None:
        return None
    if division == "45":
        return "travaux"
    return "fournitures" if division < "45" or division == "48" else "services"


def _last_if_none(value: str | None) -> tuple[bool, str]:
    return (value is None, value or "")


# ---------------------------------------------------------------------------------------------
# Indicators
# ---------------------------------------------------------------------------------------------

def by_kind(counters: dict[str, int]) -> dict[str, int | None]:
    """Contracts carrying each DECP value (None when no contract reports that side)."""
    reported = {side: counters["contracts"] - counters[f"{side}_unreported"] for side in ("social", "environmental")}
    return {
        value: counters[f"kind_{i}"] if reported["environmental" if "environnement" in value else "social"] else None
        for i, value in enumerate(BY_KIND)
    }


def _names_in_contracts(cells: list[Cell]) -> dict[str, str | None]:
    """Each buyer's name as its contracts give it (the greatest one when they differ), in one pass."""
    names: dict[str, str | None] = {}
    for cell in cells:
        name, known = cell["buyer_name"], names.get(cell["buyer"])
        names[cell["buyer"]] = max(name, known) if name and known else name or known
    return names


def breakdowns(cells: list[Cell], profiles: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    """The indicators of each buyer (named by its profile, else as in its contracts), CPV division,
    purchase category and declared nature."""
    names = {buyer: profiles.get(buyer) or name for buyer, name in _names_in_contracts(cells).items()}
    divisions = _grouped(cells, lambda c: c["division"])
    categories = _grouped(cells, lambda c: category_of(c["division"]))
    natures = _grouped(cells, lambda c: c["nature"])
    return {
        "by_buyer": [{"buyer": b, "buyer_name": names[b]} | _measured(c)
                     for b, c in sorted(_grouped(cells, lambda c: c["buyer"]).items())],
        "by_cpv_division": [
            {"division": d, "label": CPV_DIVISIONS.get(d, "Division inconnue") if d else NO_DIVISION} | _measured(c)
            for d, c in sorted(divisions.items(), key=lambda i: (-i[1]["cents"], _last_if_none(i[0])))
        ],
        "by_category": [
            {"category": k, "label": CATEGORIES[k] if k else NO_DIVISION} | _measured(c)
            for k, c in sorted(categories.items(), key=lambda i: _last_if_none(i[0]))
        ],
        "by_nature": [
            {"nature": n} | _measured(c) for n, c in sorted(natures.items(), key=lambda i: _last_if_none(i[0]))
        ],
    }


def by_group(session: Session, cells: list[Cell], names: dict[str, str]) -> list[dict[str, Any]]:
    """The indicators of each group that has contracts in the perimeter: a buyer with attached members
    (the agglomeration and its communes) totals its own contracts and its members'."""
    groups = []
    for siret, members in sorted(groups_of(session=session).items()):
        cells_in = [cell for cell in cells if cell["buyer"] in members]
        if cells_in:
            name = names.get(siret) or buyer_names(session=session, sirets=[siret]).get(siret)
            groups.append({"group": siret, "group_name": name, "members": members} | _measured(_add(cells_in)))
    return groups


def suppliers(session: Session, year: int, where: Perimeter, contracts: int, cents: int) -> dict[str, Any]:
    """Purchases from inclusive structures and from holders labelled at notification date."""
    known_holders = P.join(H, H.c.purchase_id == P.c.id).join(
        S, and_(S.c.siret == H.c.holder_id, S.c.deleted_at.is_(None), *where.suppliers.conditions)
    )
    valid_label = and_(
        L.c.supplier_siret == S.c.siret,
        L.c.label.in_(sorted(FAIR_TRADE_LABELS | ENVIRONMENTAL_LABELS)),
        or_(L.c.valid_from.is_(None), L.c.valid_from <= P.c.notified_on),
        or_(L.c.valid_until.is_(None), L.c.valid_until >= P.c.notified_on),
    )
    # One row per contract having at least one holder known to the registry (two holders count once), with what
    # its holders are: one join of the holders to the registry for every figure below.
    flags = {
        "inclusive": S.c.kind.in_(INCLUSIVE),
        "fair_trade": L.c.label.in_(sorted(FAIR_TRADE_LABELS)),
        "environmental": L.c.label.in_(sorted(ENVIRONMENTAL_LABELS)),
        # A contract with holders of two inclusive kinds counts once in the total, once in each kind.
        **{f"kind_{i}": S.c.kind == kind for i, kind in enumerate(INCLUSIVE)},
    }
    known = (
        select(P.c.amount_cents.label("cents"),
               *[func.max(case((flag, 1), else_=0)).label(name) for name, flag in flags.items()])
        .select_from(known_holders.outerjoin(L, valid_label))
        .where(*scope(year, where))
        .group_by(P.c.id, P.c.amount_cents)
        .subquery()
    )
    row = session.execute(
        select(
            func.count().label("known"),
            *[measure
              for name in flags
              for measure in (func.coalesce(func.sum(known.c[name]), 0).label(name),
                              func.coalesce(func.sum(known.c[name] * known.c.cents), 0).label(f"{name}_cents"))],
        )
    ).one()._mapping

    def block(count: int, part: int) -> dict[str, Any]:
        return {"count": int(count), "amount_eur": _euros(part), "share_count": _share(int(count), contracts),
                "share_amount": _share(int(part), cents)}

    return {
        "inclusive_suppliers": block(row["inclusive"], row["inclusive_cents"]) | {
            "by_kind": [{"kind": kind, "label": KINDS.get(kind, kind), "count": int(row[f"kind_{i}"]),
                         "amount_eur": _euros(row[f"kind_{i}_cents"])}
                        for i, kind in enumerate(INCLUSIVE) if row[f"kind_{i}"]],
            "registry_coverage": {"count": int(row["known"]), "share_count": _share(int(row["known"]), contracts)},
        },
        "labels": {
            "commerce-equitable": block(row["fair_trade"], row["fair_trade_cents"]),
            "environnement": block(row["environmental"], row["environmental_cents"]),
        },
    }


def trend(session: Session, year: int, where: Perimeter, counters: dict[str, int]) -> list[dict[str, Any]]:
    """The totals of the previous years that have contracts, then of ``year`` (``counters``), oldest first.

    One query per year rather than a GROUP BY on the year: each is a range scan of the report index,
    with no sort."""
    years = [(y, _year_counters(session, y, where)) for y in range(year - TREND_YEARS + 1, year)]
    return [{"year": y} | _measured(c) for y, c in [*years, (year, counters)] if c["contracts"]]


def targets(measured: dict[str, Any]) -> dict[str, Any]:
    """The PNAD targets next to the shares by count, and how many more contracts would reach them."""
    compared: dict[str, Any] = {"reference": PNAD_REFERENCE}
    contracts = measured["contracts"]
    for side, percent in PNAD_TARGETS.items():
        count = measured[side]["count"]
        needed = -(-percent * contracts // 100)  # ceil, in integers: exact at the boundary
        compared[side] = {
            "target": percent / 100,
            "share_count": measured[side]["share_count"],
            "met": None if count is None or not contracts else count >= needed,
            "missing_contracts": None if count is None else max(0, needed - count),
        }
    return compared


def _missing_environmental(year: int, where: Perimeter) -> tuple[ColumnElement[bool], ...]:
    subject = or_(
        P.c.launched_on >= ENVIRONMENTAL_OBLIGATION_FROM,
        and_(P.c.launched_on.is_(None), P.c.notified_on >= ENVIRONMENTAL_OBLIGATION_FROM),
    )
    return (*scope(year, where), subject, func.coalesce(ENVIRONMENTAL, false()) == false())


def _missing_item(row: Any) -> dict[str, Any]:
    return {
        "buyer": row.buyer_siret, "buyer_name": row.buyer_name, "buyer_ref": row.buyer_ref,
        "object": row.object, "notified_on": row.notified_on.isoformat(),
        "launched_on": row.launched_on.isoformat() if row.launched_on else None,
        "amount_eur": _euros(row.amount_cents),
        "status": "non renseigné" if row.environmental_clause is None else "sans considération",
        "to_check": row.launched_on is None,
    }


def _missing_query(year: int, where: Perimeter) -> Select[Any]:
    return (
        select(P.c.buyer_siret, func.coalesce(B.c.name, P.c.buyer_name).label("buyer_name"), P.c.buyer_ref,
               P.c.object, P.c.notified_on, P.c.launched_on, P.c.amount_cents, P.c.environmental_clause)
        .select_from(P.outerjoin(B, B.c.siret == P.c.buyer_siret))
        .where(*_missing_environmental(year, where))
        .order_by(P.c.notified_on, P.c.buyer_siret, P.c.buyer_ref)
    )


def environmental_obligation(session: Session, year: int, where: Perimeter) -> dict[str, Any]:
    """Contracts subject to the 21 August 2026 obligation that lack an environmental consideration."""
    applies = date(year, 12, 31) >= ENVIRONMENTAL_OBLIGATION_FROM
    found: dict[str, Any] = {"from": ENVIRONMENTAL_OBLIGATION_FROM.isoformat(), "applies": applies,
                             "total": 0, "unreported": 0, "to_check": 0, "items": []}
    if not applies:
        return found
    counts = session.execute(
        select(func.count(), _count(P.c.environmental_clause.is_(None)), _count(P.c.launched_on.is_(None)))
        .where(*_missing_environmental(year, where))
    ).one()
    items = session.execute(_missing_query(year, where).limit(LISTED_MISSING)).all()
    return found | {"total": int(counts[0]), "unreported": int(counts[1]), "to_check": int(counts[2]),
                    "items": [_missing_item(row) for row in items]}


def iter_missing_environmental(session: Session, year: int, where: Perimeter) -> Iterator[dict[str, Any]]:
    """Every contract of ``environmental_obligation``, streamed (for the full CSV list)."""
    result = session.execute(_missing_query(year, where).execution_options(yield_per=1000))
    for row in result:
        yield _missing_item(row)


LISTING_ORDER = (P.c.notified_on, P.c.buyer_siret, P.c.buyer_ref)


def iter_contracts(
    session: Session, year: int, where: Perimeter, *, limit: int | None = None
) -> Iterator[dict[str, Any]]:
    """Every contract the indicators of ``year`` count (the first ``limit`` ones), with what made it count (the
    annex, so that a figure can be checked line by line), streamed in notification order.

    One statement: a row per contract and holder (holders in their published order), grouped here. On SQLite
    the contracts of the year are found in the report's index, then read in the table's order: read in date order,
    a national year jumps from page to page of the table (6.6 s of SQLite's time instead of 3.7 s for a year of a
    million contracts, the sort included)."""
    in_year: list[ColumnElement[bool]] = scope(year, where)
    if limit is not None:
        first = select(P.c.id).where(*in_year).order_by(*LISTING_ORDER).limit(limit)
        in_year = [P.c.id.in_(first.correlate(None).scalar_subquery())]
    elif session.get_bind().dialect.name == "sqlite":
        in_year = [P.c.id.in_(select(P.c.id).where(*in_year).correlate(None))]
    query = (
        select(P.c.id, P.c.buyer_siret, func.coalesce(B.c.name, P.c.buyer_name), P.c.buyer_ref, P.c.object,
               P.c.notified_on, P.c.amount_cents, P.c.cpv, P.c.nature, SOCIAL, ENVIRONMENTAL, *BY_KIND.values(),
               H.c.id, H.c.name, H.c.holder_id, S.c.kind)
        .select_from(
            P.outerjoin(B, B.c.siret == P.c.buyer_siret)
            .outerjoin(H, H.c.purchase_id == P.c.id)
            .outerjoin(S, and_(S.c.siret == H.c.holder_id, S.c.deleted_at.is_(None), *where.suppliers.conditions))
        )
        .where(*in_year)
        .order_by(*LISTING_ORDER, H.c.id)
    )
    rows_found = stream_rows(session.connection(), query, size=CONTRACTS_BATCH)
    for _, group in itertools.groupby(rows_found, key=itemgetter(0)):
        rows = list(group)
        (_, buyer, buyer_name, ref, object_, notified_on, amount_cents, cpv, nature, social, environmental,
         *flags) = rows[0][:-4]
        holders = [row[-3:] for row in rows if row[-4] is not None]  # None: no holder (outer join)
        yield {
            "buyer": buyer, "buyer_name": buyer_name, "buyer_ref": ref, "object": object_,
            "notified_on": _iso(notified_on), "amount_eur": _euros(amount_cents), "cpv": cpv,
            "nature": nature, "social": None if social is None else bool(social),
            "environmental": None if environmental is None else bool(environmental),
            "kinds": list(itertools.compress(BY_KIND, flags)),
            "holders": [name or holder or "" for name, holder, _ in holders],
            "inclusive": any(kind in INCLUSIVE_KINDS for _, _, kind in holders),
        }


def _yes_no(condition: ColumnElement[Any]) -> ColumnElement[str]:
    return case((condition.is_(None), "non renseigné"), (condition, "oui"), else_="non")


def contracts_listing(year: int, where: Perimeter) -> Select[Any]:
    """The contracts of ``iter_contracts`` as the text of the contracts CSV's columns, one row per contract,
    written by PostgreSQL: amount with a decimal comma, « oui » / « non » / « non renseigné », DECP values and
    holders joined with ", " (holders in their published order). An empty text is NULL: ``COPY … CSV`` writes NULL
    as nothing and quotes an empty string, Python's csv writes both as nothing.

    Python then only copies the server's CSV: building a dict and the strings of each of a national year's
    200 000 contracts in Python cost 4.8 s of the report's CPU. The amount is written from the integer cents: the
    same text as ``_euros`` then ``%.2f`` for any amount under 2**45 € (where a double still holds the cents)."""
    cents = func.abs(P.c.amount_cents)
    amount = (case((P.c.amount_cents < 0, "-"), else_="") + cast(cents // 100, String) + ","
              + func.substr(cast(100 + cents % 100, String), 2))
    kinds = func.substr(reduce(add, [case((flag, literal(f", {value}")), else_="")
                                     for value, flag in BY_KIND.items()]), 3)
    holder = func.coalesce(func.nullif(H.c.name, ""), func.nullif(H.c.holder_id, ""), "")
    its_holder = H.c.purchase_id == P.c.id
    holders = select(func.string_agg(holder, aggregate_order_by(literal(", "), H.c.id))).where(its_holder)
    # The registry's inclusive structures are found once (a hashed subplan), then each holder of the contract is
    # looked up in them.
    inclusive_sirets = select(S.c.siret).where(S.c.deleted_at.is_(None), *where.suppliers.conditions,
                                               S.c.kind.in_(INCLUSIVE))
    inclusive = select(func.max(case((H.c.holder_id.in_(inclusive_sirets), 1), else_=0))).where(its_holder)
    columns = [P.c.buyer_siret, func.coalesce(B.c.name, P.c.buyer_name), P.c.buyer_ref, P.c.object,
               func.to_char(P.c.notified_on, "YYYY-MM-DD"), amount, P.c.cpv, P.c.nature, _yes_no(SOCIAL),
               _yes_no(ENVIRONMENTAL), kinds, holders.scalar_subquery(),
               case((inclusive.scalar_subquery() == 1, "oui"), else_="non")]
    return (
        select(*(func.nullif(column, "") for column in columns))
        .select_from(P.outerjoin(B, B.c.siret == P.c.buyer_siret))
        .where(*scope(year, where))
        .order_by(*LISTING_ORDER)
    )


def analytic_settings(connection: Connection) -> None:
    """On PostgreSQL, for the rest of the transaction: no JIT compilation, and room for the report's sorts.

    The listing's per-contract subqueries put its estimated cost in the millions, which made PostgreSQL compile
    and optimise it with LLVM for 5.4 s (of a 10.4 s run; 0.5 s on the former listing); with 4 MB the sorts of
    the year's grouped pass and of the listing spill to disk (external merge of 4 to 11 MB per worker)."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("SET LOCAL jit = off")
        connection.exec_driver_sql("SET LOCAL work_mem = '64MB'")


def _iso(day: date | str) -> str:
    """A date as ``stream_rows`` gives it (SQLite's driver: its ISO text already), in ISO format."""
    return day if isinstance(day, str) else day.isoformat()


def compute_indicators(
    session: Session, *, year: int, buyer: str | None = None, group: str | None = None,
    include_demo: bool | None = None, as_of: date | None = None,
) -> dict[str, Any]:
    """Every indicator of ``year`` for the territory, one ``buyer`` or a ``group`` (the buyer and its attached
    members): the JSON of the API and the report. Demo contracts count only while the ledger has no real
    one, unless ``include_demo`` says otherwise; ``demo`` says whether they were counted. The execution
    follow-up counts the commitments due up to ``as_of`` (today by default)."""
    analytic_settings(session.connection())
    where = perimeter(session, buyer=buyer, group=group, include_demo=include_demo)
    cube = _cube(session, year, where)
    counters = _add(cube)
    measured = _measured(counters)
    names = buyer_names(session=session, sirets=[*(cell["buyer"] for cell in cube), *filter(None, (buyer, group))])
    parts = breakdowns(cube, names)
    return {
        "year": year,
        "buyer": buyer,
        "buyer_name": names.get(buyer) or _names_in_contracts(cube).get(buyer) if buyer is not None else None,
        "group": group,
        "group_name": names.get(group) if group is not None else None,
        "demo": where.purchases.demo,
        **measured,
        "by_kind": by_kind(counters),
        **parts,
        "by_group": by_group(session, cube, names),
        **suppliers(session, year, where, counters["contracts"], counters["cents"]),
        "fair_trade": {"contracts": counters["declared"], "amount_eur": _euros(counters["declared_cents"]),
                       "share_amount": _share(counters["declared_cents"], counters["cents"])},
        "targets": targets(measured),
        "trend": trend(session, year, where, counters),
        "environmental_obligation": environmental_obligation(session, year, where),
        "execution": execution_figures(session, year=year, conditions=in_perimeter(where),
                                       groups=groups_of(session=session), names=names, as_of=as_of),
    }
