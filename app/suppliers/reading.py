"""Supplier registry reads: one supplier, its history, fuzzy and filtered search, expiry watch."""

import threading
import weakref
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import Any, Final, cast

from sqlalchemy import (
    ColumnElement,
    Engine,
    Table,
    exists,
    func,
    or_,
    select,
)
from sqlmodel import Session, col

from app.errors import InvalidInput, NotFound
from app.followup.models import GUARANTEE_KINDS, SupplierGuarantee
from app.labels import LABEL_CATEGORIES, LABELS
from app.suppliers.departements import NAMES as DEPARTEMENT_NAMES
from app.suppliers.departements import departement_code
from app.suppliers.importer import (
    normalise_cpv,
)
from app.suppliers.labels import (
    INSERTION_KINDS,
    KINDS,
    canonical_label,
    fold,
)
from app.suppliers.models import (
    ACTIVITY,
    HISTORY,
    LABEL,
    SUPPLIER,
    ActivityIn,
    ExpiringItem,
    ExpiringPage,
    Guarantees,
    HistoryEntry,
    HistoryPage,
    LabelPublic,
    ProductionSite,
    Provenance,
    Supplier,
    SupplierActivity,
    SupplierLabel,
    SupplierPage,
    SupplierPublic,
    SupplierSummary,
    as_utc,
)
from app.suppliers.search import NameIndex
from app.suppliers.suggest import activity_words

GUARANTEE: Final[Table] = SupplierGuarantee.__table__  # type: ignore[attr-defined]
# Rows per round trip, and the size of IN (...) lists.
CHUNK: Final = 1000
# A fuzzy search returns at most this many suppliers (a name search, not a listing).
MAX_FUZZY_HITS: Final = 500
SUMMARY_COLUMNS: Final = (
    SUPPLIER.c.siret, SUPPLIER.c.siren, SUPPLIER.c.name, SUPPLIER.c.brand, SUPPLIER.c.kind,
    SUPPLIER.c.commune, SUPPLIER.c.departement, SUPPLIER.c.is_demo,
)


def chunks(items: list[str], size: int = CHUNK) -> Iterator[list[str]]:
    """``items`` in slices of ``size``."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


def live_supplier(session: Session, siret: str) -> Supplier:
    """The supplier of ``siret`` unless deleted; 404 otherwise."""
    supplier = session.get(Supplier, "".join(siret.split()))
    if supplier is None or supplier.deleted_at is not None:
        raise NotFound(f"Aucun fournisseur de SIRET {siret} dans le registre.")
    return supplier


def labels_of(session: Session, sirets: list[str]) -> dict[str, list[SupplierLabel]]:
    labels: dict[str, list[SupplierLabel]] = defaultdict(list)
    for chunk in chunks(sirets):
        statement = select(SupplierLabel).where(
            SupplierLabel.supplier_siret.in_(chunk)  # type: ignore[attr-defined]
        ).order_by(SupplierLabel.label)
        for label in session.scalars(statement):
            labels[label.supplier_siret].append(label)
    return labels


def read_supplier(*, session: Session, siret: str, today: date | None = None) -> SupplierPublic:
    """Everything the registry knows about one supplier."""
    supplier = live_supplier(session, siret)
    today = today or date.today()
    activities = session.scalars(
        select(SupplierActivity).where(col(SupplierActivity.supplier_siret) == supplier.siret)
        .order_by(col(SupplierActivity.cpv_prefix))
    )
    labels = labels_of(session, [supplier.siret])[supplier.siret]
    return SupplierPublic(
        **supplier.model_dump(include=set(SupplierPublic.model_fields), exclude={"created_at", "updated_at"}),
        kind_label=KINDS[supplier.kind],
        activities=[ActivityIn.model_validate(a, from_attributes=True) for a in activities],
        labels=[LabelPublic.of(label, today) for label in labels],
        guarantees=Guarantees(
            ilo_commitment_on=supplier.ilo_commitment_on,
            production_sites=[ProductionSite(**site) for site in supplier.production_sites],
            last_audit_on=supplier.last_audit_on,
            valid_until=supplier.guarantees_valid_until,
        ),
        provenance=Provenance(
            source=supplier.source, imported_at=as_utc(supplier.imported_at), raw=supplier.raw
        ),
        created_at=as_utc(supplier.created_at),
        updated_at=as_utc(supplier.updated_at),
    )


def read_history(*, session: Session, siret: str, limit: int = 50, offset: int = 0) -> HistoryPage:
    """Changes of a supplier, newest first."""
    siret = "".join(siret.split())
    if session.get(Supplier, siret) is None:
        raise NotFound(f"Aucun fournisseur de SIRET {siret} dans le registre.")
    where = HISTORY.c.supplier_siret == siret
    total = session.scalar(select(func.count()).select_from(HISTORY).where(where)) or 0
    rows = session.execute(
        select(HISTORY).where(where).order_by(HISTORY.c.changed_at.desc(), HISTORY.c.id.desc())
        .limit(limit).offset(offset)
    )
    items = [
        HistoryEntry(changed_at=as_utc(row.changed_at), action=row.action, source=row.source, changes=row.changes)
        for row in rows
    ]
    return HistoryPage(items=items, total=total)


_indexes: "weakref.WeakKeyDictionary[Engine, tuple[tuple[Any, ...], NameIndex]]" = weakref.WeakKeyDictionary()
_index_lock = threading.Lock()


# Weights of the fields searched: a name match ranks before an activity match, before a label, kind or place match.
NAME_WEIGHT, ACTIVITY_WEIGHT, LABEL_WEIGHT = 1.0, 0.9, 0.8


def _search_fields(session: Session) -> Iterator[tuple[str, list[tuple[str, float]]]]:
    """Each live supplier's searched text: name and brand, activities (CPV wording), labels, kind and place."""
    activities: dict[str, set[str]] = defaultdict(set)
    for siret, prefix in session.execute(select(ACTIVITY.c.supplier_siret, ACTIVITY.c.cpv_prefix)):
        activities[siret].add(prefix)
    labels: dict[str, set[str]] = defaultdict(set)
    for siret, label in session.execute(select(LABEL.c.supplier_siret, LABEL.c.label)):
        labels[siret].add(label)
    rows = session.execute(select(SUPPLIER.c.siret, SUPPLIER.c.name, SUPPLIER.c.brand, SUPPLIER.c.kind,
                                  SUPPLIER.c.commune, SUPPLIER.c.departement).where(SUPPLIER.c.deleted_at.is_(None)))
    for siret, name, brand, kind, commune, departement in rows:
        yield siret, [
            (f"{name} {brand or ''}", NAME_WEIGHT),
            (" ".join(activity_words(prefix) for prefix in sorted(activities[siret])), ACTIVITY_WEIGHT),
            (" ".join([*sorted(labels[siret]), KINDS.get(kind, ""), kind, commune or "",
                       DEPARTEMENT_NAMES.get(departement or "", "")]), LABEL_WEIGHT),
        ]


def name_index(session: Session) -> NameIndex:
    """The fuzzy index of live suppliers (names, activities, labels, kinds), rebuilt when the table changed
    (any process).

    Every write sets ``updated_at`` and every insert changes the count. Blind spot: an update committed
    with an older timestamp than another writer's later commit (two overlapping write transactions).
    """
    engine = cast(Engine, session.get_bind())
    fingerprint = tuple(session.execute(select(func.count(), func.max(SUPPLIER.c.updated_at))).one())
    cached = _indexes.get(engine)
    if cached is not None and cached[0] == fingerprint:
        return cached[1]
    with _index_lock:
        index = NameIndex.build(_search_fields(session))
        _indexes[engine] = (fingerprint, index)
    return index


def cpv_condition(prefix: str) -> ColumnElement[bool]:
    """Activities overlapping a CPV prefix: broader ones (``45`` for ``4521``) and narrower ones."""
    broader = [prefix[:n] for n in range(2, len(prefix) + 1)]
    return or_(ACTIVITY.c.cpv_prefix.in_(broader), ACTIVITY.c.cpv_prefix.like(f"{prefix}%"))


def _label_names(label: str) -> frozenset[str]:
    if label in LABEL_CATEGORIES:
        return frozenset(name for name, category in LABELS.items() if category == label)
    name = canonical_label(label)
    if name is None:
        raise InvalidInput(
            f"Label inconnu : « {label} » (liste : GET /api/v1/suppliers/labels).",
            errors=[{"field": "label", "message": "label inconnu"}],
        )
    return frozenset({name})


def valid_label_condition(names: Iterable[str], on: date) -> ColumnElement[bool]:
    """Suppliers holding one of ``names``, valid on ``on``."""
    return exists().where(
        LABEL.c.supplier_siret == SUPPLIER.c.siret,
        LABEL.c.label.in_(sorted(names)),
        or_(LABEL.c.valid_from.is_(None), LABEL.c.valid_from <= on),
        or_(LABEL.c.valid_until.is_(None), LABEL.c.valid_until >= on),
    )


def communes_matching(session: Session, name: str) -> list[str]:
    wanted = fold(name)
    communes = session.scalars(select(SUPPLIER.c.commune).distinct().where(SUPPLIER.c.commune.is_not(None)))
    return [commune for commune in communes if fold(commune) == wanted]


def list_suppliers(
    *, session: Session, q: str | None = None, kind: str | None = None, label: str | None = None,
    label_valid_on: date | None = None, cpv: str | None = None, departement: str | None = None,
    commune: str | None = None, eligible_clause_sociale: bool | None = None,
    limit: int = 50, offset: int = 0, today: date | None = None,
) -> SupplierPage:
    """Live suppliers matching every filter given; by relevance with ``q``, else by name."""
    today = today or date.today()
    conditions: list[ColumnElement[bool]] = [SUPPLIER.c.deleted_at.is_(None)]
    if kind is not None:
        if kind not in KINDS:
            raise InvalidInput(
                f"Type de structure inconnu : « {kind} ».",
                errors=[{"field": "kind", "message": "valeur non autorisée"}],
            )
        conditions.append(SUPPLIER.c.kind == kind)
    if label is not None:
        conditions.append(valid_label_condition(_label_names(label), label_valid_on or today))
    if cpv is not None:
        try:
            prefix = normalise_cpv(cpv)
        except ValueError as exc:
            raise InvalidInput(str(exc), errors=[{"field": "cpv", "message": str(exc)}]) from None
        conditions.append(exists().where(ACTIVITY.c.supplier_siret == SUPPLIER.c.siret, cpv_condition(prefix)))
    if departement is not None:
        conditions.append(SUPPLIER.c.departement == departement_code(departement))
    if commune is not None:
        conditions.append(SUPPLIER.c.commune.in_(communes_matching(session, commune)))
    if eligible_clause_sociale is not None:
        eligible = SUPPLIER.c.kind.in_(sorted(INSERTION_KINDS))
        conditions.append(eligible if eligible_clause_sociale else ~eligible)

    scores: dict[str, float] = {}
    digits = "".join((q or "").split())
    by_siret = digits.isdigit() and len(digits) >= 3
    if by_siret:
        conditions.append(SUPPLIER.c.siret.like(f"{digits}%"))
    if q and q.strip() and not by_siret:
        scores = dict(name_index(session).search(q, MAX_FUZZY_HITS))
        ranked = list(scores)
        if conditions[1:]:  # filters besides "live": keep the hits that pass them
            passing = select(SUPPLIER.c.siret).where(*conditions, SUPPLIER.c.siret.in_(ranked))
            kept = set(session.scalars(passing))
            ranked = [siret for siret in ranked if siret in kept]
        total, wanted = len(ranked), ranked[offset:offset + limit]
        rows = {row.siret: row for row in session.execute(
            select(*SUMMARY_COLUMNS).where(SUPPLIER.c.siret.in_(wanted))
        )}
        page = [rows[siret] for siret in wanted if siret in rows]
    else:
        total = session.scalar(select(func.count()).select_from(SUPPLIER).where(*conditions)) or 0
        page = list(session.execute(
            select(*SUMMARY_COLUMNS).where(*conditions).order_by(SUPPLIER.c.name, SUPPLIER.c.siret)
            .limit(limit).offset(offset)
        ))
    labels = labels_of(session, [row.siret for row in page])
    items = [
        SupplierSummary(
            **row._mapping, labels=[LabelPublic.of(lab, today) for lab in labels[row.siret]],
            score=scores.get(row.siret),
        )
        for row in page
    ]
    return SupplierPage(items=items, total=total)


def list_expiring(
    *, session: Session, days: int = 60, include_expired: bool = False, today: date | None = None,
    limit: int = 200, offset: int = 0,
) -> ExpiringPage:
    """Labels and social guarantees of live suppliers ending within ``days``, soonest first."""
    today = today or date.today()
    end = today + timedelta(days=days)
    start = date.min if include_expired else today
    live = SUPPLIER.c.deleted_at.is_(None)
    items: list[ExpiringItem] = []
    label_rows = session.execute(
        select(SUPPLIER.c.siret, SUPPLIER.c.name, SUPPLIER.c.kind, LABEL.c.label, LABEL.c.valid_until)
        .join(LABEL, LABEL.c.supplier_siret == SUPPLIER.c.siret)
        .where(live, LABEL.c.valid_until.between(start, end))
    )
    for row in label_rows:
        items.append(ExpiringItem(
            siret=row.siret, name=row.name, kind=row.kind, what="label", label=row.label,
            valid_until=row.valid_until, days_left=(row.valid_until - today).days,
        ))
    guarantee_rows = session.execute(
        select(SUPPLIER.c.siret, SUPPLIER.c.name, SUPPLIER.c.kind, SUPPLIER.c.guarantees_valid_until)
        .where(live, SUPPLIER.c.guarantees_valid_until.between(start, end))
    )
    for row in guarantee_rows:
        items.append(ExpiringItem(
            siret=row.siret, name=row.name, kind=row.kind, what="garanties", label=None,
            valid_until=row.guarantees_valid_until, days_left=(row.guarantees_valid_until - today).days,
        ))
    evidenced = session.execute(
        select(SUPPLIER.c.siret, SUPPLIER.c.name, SUPPLIER.c.kind, GUARANTEE.c.kind.label("guarantee"),
               GUARANTEE.c.valid_until)
        .join(GUARANTEE, GUARANTEE.c.supplier_siret == SUPPLIER.c.siret)
        .where(live, GUARANTEE.c.valid_until.between(start, end))
    )
    for row in evidenced:
        items.append(ExpiringItem(
            siret=row.siret, name=row.name, kind=row.kind, what="garanties", label=GUARANTEE_KINDS[row.guarantee],
            valid_until=row.valid_until, days_left=(row.valid_until - today).days,
        ))
    items.sort(key=lambda item: (item.valid_until, item.name, item.siret, item.label or ""))
    return ExpiringPage(items=items[offset:offset + limit], total=len(items))
