"""What was honoured: the execution follow-up's figures of a year (commitments met, evidence on time,
insertion hours committed and achieved, penalties computed), per buyer, per group and in all.

Definitions (printed in the report's method section, see ``DEFINITIONS``):
- the commitments of the year are those due in the year, up to the report's date;
- the hours committed in the year: each insertion-hours commitment spread evenly over its statement periods,
  the periods ending in the year counted;
- penalties: computed (never applied) for the insertion commitments whose last statement period ends in the
  year, with the penalty clause's values: the hours missing, and the statements late after a formal notice.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Table, case, func, or_, select
from sqlmodel import Session

from app.followup.hours import insertion_summary
from app.followup.models import Commitment, Evidence, HoursStatement
from app.purchases.models import Purchase

P: Table = Purchase.__table__  # type: ignore[attr-defined]
C: Table = Commitment.__table__  # type: ignore[attr-defined]
E: Table = Evidence.__table__  # type: ignore[attr-defined]
HS: Table = HoursStatement.__table__  # type: ignore[attr-defined]

DEFINITIONS: list[tuple[str, str]] = [
    ("Engagements de l'année (suivi d'exécution)",
     "Justificatifs dus par les titulaires au titre des clauses de leur marché (relevés d'heures, certificats, "
     "bilans), dont l'échéance tombe dans l'année et au plus tard à la date du rapport. Un engagement est "
     "respecté quand un justificatif reçu a été accepté ; il est tenu à temps quand un justificatif non refusé "
     "a été reçu au plus tard à l'échéance."),
    ("Heures d'insertion",
     "Heures engagées : le volume d'heures de chaque clause d'insertion, réparti à parts égales entre ses périodes "
     "de relevé ; les périodes qui se terminent dans l'année sont comptées. Heures réalisées : heures des relevés "
     "mensuels des mois de l'année. Aucune donnée nominative : les relevés ne comptent que des heures et des "
     "effectifs par public et par modalité."),
    ("Pénalités calculées",
     "Pour chaque engagement d'heures d'insertion dont la dernière période de relevé se termine dans l'année : "
     "heures manquantes × montant par heure de la clause de pénalité, plus, pour les états des heures remis "
     "après une mise en demeure restée sans effet, jours de retard depuis l'échéance × montant par jour, le tout "
     "dans la limite du plafond de la clause. Elles sont "
     "calculées et affichées, jamais appliquées : l'acheteur notifie le décompte et le titulaire présente ses "
     "observations."),
]
FIELDS = ("commitments_due", "commitments_met", "evidence_on_time", "hours_committed_x100", "hours_achieved_x100",
          "penalty_cents", "penalty_contracts")


def _empty() -> dict[str, int]:
    return dict.fromkeys(FIELDS, 0)


def _block(counters: dict[str, int]) -> dict[str, Any]:
    """The published figures of a set of counters (JSON keys stable; shares as fractions)."""
    due = counters["commitments_due"]
    committed, achieved = counters["hours_committed_x100"], counters["hours_achieved_x100"]
    return {
        "commitments_due": due,
        "commitments_met": counters["commitments_met"],
        "share_met": counters["commitments_met"] / due if due else None,
        "evidence_on_time": counters["evidence_on_time"],
        "share_on_time": counters["evidence_on_time"] / due if due else None,
        "insertion_hours_committed": committed / 100,
        "insertion_hours_achieved": achieved / 100,
        "share_hours_achieved": achieved / committed if committed else None,
        "penalties_eur": counters["penalty_cents"] / 100,
        "penalty_contracts": counters["penalty_contracts"],
    }


def _commitments(session: Session, year: int, conditions: list[ColumnElement[bool]], until: date,
                 totals: dict[str, dict[str, int]]) -> None:
    met = select(E.c.commitment_id).where(E.c.decision == "acceptee")
    on_time = select(E.c.commitment_id).join(C, C.c.id == E.c.commitment_id).where(
        E.c.received_on <= C.c.due_on, or_(E.c.decision.is_(None), E.c.decision != "refusee"))
    query = (
        select(P.c.buyer_siret, func.count(),
               func.count(case((C.c.id.in_(met), 1))), func.count(case((C.c.id.in_(on_time), 1))))
        .select_from(C.join(P, P.c.id == C.c.purchase_id))
        .where(*conditions, C.c.due_on >= date(year, 1, 1), C.c.due_on <= until)
        .group_by(P.c.buyer_siret)
    )
    for buyer, due, met_count, on_time_count in session.execute(query):
        totals[buyer]["commitments_due"] += int(due)
        totals[buyer]["commitments_met"] += int(met_count)
        totals[buyer]["evidence_on_time"] += int(on_time_count)


def _hours(session: Session, year: int, conditions: list[ColumnElement[bool]], until: date,
           totals: dict[str, dict[str, int]]) -> None:
    achieved = (
        select(P.c.buyer_siret, func.coalesce(func.sum(HS.c.hours_x100), 0))
        .select_from(HS.join(P, P.c.id == HS.c.purchase_id))
        .where(*conditions, HS.c.month >= date(year, 1, 1), HS.c.month <= date(year, 12, 31))
        .group_by(P.c.buyer_siret)
    )
    for buyer, hours in session.execute(achieved):
        totals[buyer]["hours_achieved_x100"] += int(hours)
    periods = session.execute(
        select(P.c.buyer_siret, C.c.purchase_id, C.c.clause_id, C.c.hours_committed, C.c.period_end)
        .select_from(C.join(P, P.c.id == C.c.purchase_id))
        .where(*conditions, C.c.hours_committed.is_not(None))
    ).all()
    by_commitment: dict[tuple[str, int, str], list[tuple[int, date]]] = defaultdict(list)
    for buyer, purchase_id, clause_id, committed, period_end in periods:
        by_commitment[(buyer, purchase_id, clause_id)].append((int(committed), period_end))
    ended: set[tuple[str, int]] = set()
    for (buyer, purchase_id, _), rows in by_commitment.items():
        in_year = [end for _, end in rows if end.year == year]
        totals[buyer]["hours_committed_x100"] += round(rows[0][0] * 100 * len(in_year) / len(rows))
        last = max(end for _, end in rows)
        if last.year == year and last <= until:
            ended.add((buyer, purchase_id))
    for buyer, purchase_id in sorted(ended):
        penalty = insertion_summary(session=session, purchase_id=purchase_id, on=until).penalties_eur or Decimal(0)
        totals[buyer]["penalty_cents"] += int(penalty * 100)
        totals[buyer]["penalty_contracts"] += 1 if penalty else 0


def execution_figures(
    session: Session, *, year: int, conditions: list[ColumnElement[bool]], groups: dict[str, list[str]],
    names: dict[str, str], as_of: date | None = None,
) -> dict[str, Any]:
    """The follow-up figures of ``year`` for the contracts matching ``conditions`` (the report's perimeter,
    notification dates aside): in all, per buyer and per group (its members' sum)."""
    until = min(date(year, 12, 31), as_of or date.today())
    totals: dict[str, dict[str, int]] = defaultdict(_empty)
    _commitments(session, year, conditions, until, totals)
    _hours(session, year, conditions, until, totals)

    def add(buyers: Iterable[str]) -> dict[str, int]:
        summed = _empty()
        for buyer in buyers:
            for field in FIELDS:
                summed[field] += totals[buyer][field] if buyer in totals else 0
        return summed

    followed = sorted(buyer for buyer, counters in totals.items() if any(counters.values()))
    return {
        **_block(add(followed)),
        "by_buyer": [{"buyer": b, "buyer_name": names.get(b)} | _block(totals[b]) for b in followed],
        "by_group": [{"group": g, "group_name": names.get(g), "members": members} | _block(add(members))
                     for g, members in sorted(groups.items()) if set(members) & set(followed)],
    }
