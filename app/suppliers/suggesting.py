"""Suppliers able to serve a tender, by role with reasons, and the advice (the database side of suggest.py)."""

from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from sqlalchemy import (
    func,
    or_,
    select,
)
from sqlmodel import Session

from app.counted import counted
from app.labels import LABEL_CATEGORIES
from app.suppliers.departements import find_departement
from app.suppliers.labels import (
    DISABILITY_KINDS,
    INCLUSIVE_KINDS,
    INSERTION_KINDS,
    INSERTION_ROUTES,
    KINDS,
    RESERVATION_ARTICLES,
    SIAE_KINDS,
    fold,
)
from app.suppliers.models import (
    ACTIVITY,
    SUPPLIER,
    LabelPublic,
)
from app.suppliers.reading import SUMMARY_COLUMNS, communes_matching, cpv_condition, labels_of
from app.suppliers.suggest import (
    Counts,
    Need,
    NeedPublic,
    PlacePublic,
    SuggestedSupplier,
    SuggestionGroup,
    SuggestRequest,
    SuggestResponse,
    advise,
    infer_needs,
    nature_of,
    registry_coverage,
)
from app.suppliers.territory import departement_of_postcode, is_departement, is_postcode, region_of


@dataclass(frozen=True)
class Place:
    """Where a tender is performed, as far as the registry can tell."""

    query: str
    departement: str | None
    commune: str | None  # folded commune name

    @property
    def wording(self) -> str:
        """``à Melun (77)``, ``dans le 77``, or the text given."""
        if self.commune and self.departement:
            return f"à {self.query} ({self.departement})"
        if self.departement:
            return f"dans le {self.departement}"
        return f"à {self.query}"


def resolve_place(session: Session, text: str | None) -> Place | None:
    """Département and commune of a place given as a département, a postcode or a commune name."""
    if not text or not text.strip():
        return None
    text = text.strip()
    if is_departement(text.upper()):
        return Place(text, text.upper(), None)
    if is_postcode(text):
        commune = session.scalar(select(SUPPLIER.c.commune).where(SUPPLIER.c.postcode == text).limit(1))
        return Place(commune or text, departement_of_postcode(text), fold(commune) if commune else None)
    communes = communes_matching(session, text)
    if communes:  # a commune the registry knows ("Vienne", in Isère) before a département's name
        departement = session.scalar(
            select(SUPPLIER.c.departement).where(SUPPLIER.c.commune.in_(communes)).limit(1)
        )
        return Place(communes[0], departement, fold(text))
    named = find_departement(text)
    return Place(text, named, None) if named else Place(text, None, fold(text))


def _serves(place: Place | None, supplier: Any, activity: Any) -> bool:
    if place is None or activity.reach == "national":
        return True
    if place.commune and fold(supplier.commune or "") == place.commune:
        return True
    if activity.reach == "region":
        return region_of(place.departement) in activity.areas
    if activity.reach == "departements":
        return place.departement in activity.areas
    return (place.commune in {fold(area) for area in activity.areas}) if place.commune else (
        supplier.departement == place.departement
    )


def _reach_wording(activity: Any) -> str:
    if activity.reach == "national":
        return "intervient dans toute la France"
    if activity.reach == "region":
        return "intervient dans la région"
    return "intervient : " + ", ".join(activity.areas)


def _role_reason(kind: str) -> str:
    parts = []
    if kind in RESERVATION_ARTICLES:
        parts.append(f"peut se voir réserver le marché ou un lot ({RESERVATION_ARTICLES[kind]})")
    if kind in INSERTION_ROUTES:
        parts.append(f"heures d'insertion par {INSERTION_ROUTES[kind]} (L2112-2)")
    return f"{KINDS[kind]} : " + " ; ".join(parts)


def _label_reason(label: LabelPublic, on: date) -> str:
    category = LABEL_CATEGORIES[label.category]
    if label.valid_until is None:
        return f"Label {label.label} ({category}), sans date de fin connue"
    soon = " — à renouveler bientôt" if (label.valid_until - on).days <= 60 else ""
    return f"Label {label.label} ({category}) valide jusqu'au {label.valid_until:%d/%m/%Y}{soon}"


GROUPS: Final = (
    ("insertion", "Structures inclusives (SIAE, EA, ESAT, GEIQ) : réservation ou clause d'insertion"),
    ("commerce-equitable", "Commerce équitable labellisé"),
    ("labellises", "Labels environnementaux ou sociaux valides"),
)


def suggest_suppliers(
    *, session: Session, request: SuggestRequest, today: date | None = None
) -> SuggestResponse:
    """Suppliers able to serve a tender, by role and with reasons, and the instrument to advise."""
    on = request.date or today or date.today()
    needs = infer_needs(request.text, request.cpv)
    place = resolve_place(session, request.place)
    demo = counted(session, SUPPLIER, request.include_demo)
    warnings = []
    if demo.demo:
        warnings.append("Le registre ne contient que des fournisseurs de démonstration : les structures proposées et "
                        "le conseil qui en découle sont fictifs.")
    if not needs:
        warnings.append("Aucun secteur reconnu dans le texte : indiquez un code CPV pour trouver des structures.")
    if place is not None and place.departement is None:
        warnings.append(
            f"Lieu « {place.query} » inconnu du registre : seules les structures qui interviennent partout "
            "ou qui citent cette commune sont retenues."
        )

    # Each row carries a supplier and one of its activities overlapping a need.
    matched: dict[str, tuple[Any, Need]] = {}
    if needs:
        statement = (
            select(*SUMMARY_COLUMNS, ACTIVITY.c.cpv_prefix, ACTIVITY.c.reach, ACTIVITY.c.areas)
            .join(ACTIVITY, ACTIVITY.c.supplier_siret == SUPPLIER.c.siret)
            .where(SUPPLIER.c.deleted_at.is_(None), *demo.conditions,
                   or_(*(cpv_condition(need.cpv_prefix) for need in needs)))
            .order_by(SUPPLIER.c.siret, ACTIVITY.c.cpv_prefix)
        )
        for row in session.execute(statement):
            if row.siret not in matched and _serves(place, row, row):
                need = next(
                    n for n in needs
                    if row.cpv_prefix.startswith(n.cpv_prefix) or n.cpv_prefix.startswith(row.cpv_prefix)
                )
                matched[row.siret] = (row, need)

    labels = labels_of(session, list(matched))
    groups: dict[str, list[tuple[tuple[int, str, str], SuggestedSupplier]]] = {key: [] for key, _ in GROUPS}
    counts = Counts()
    for siret, (row, need) in matched.items():
        valid = [label for label in (LabelPublic.of(lab, on) for lab in labels[siret]) if label.valid]
        base_reasons = [
            f"Activité CPV {row.cpv_prefix} pour le besoin « {need.cpv_prefix} {need.wording} »"
            + (" (déduit du texte)" if need.source == "texte" else ""),
            f"Basée à {row.commune or '?'} ({row.departement or '?'}), {_reach_wording(row)}",
        ]
        same_commune = place is not None and place.commune == fold(row.commune or "")
        nearness = 0 if same_commune else 1 if place and row.departement == place.departement else 2
        order = (nearness, fold(row.name), siret)

        def suggested(reasons: list[str], row: Any = row, valid: list[LabelPublic] = valid) -> SuggestedSupplier:
            return SuggestedSupplier(
                siret=row.siret, name=row.name, kind=row.kind, kind_label=KINDS[row.kind],
                commune=row.commune, departement=row.departement,
                labels=[label.model_dump(mode="json") for label in valid], reasons=reasons, is_demo=row.is_demo,
            )

        if row.kind in INCLUSIVE_KINDS:
            groups["insertion"].append((order, suggested([_role_reason(row.kind), *base_reasons])))
            counts.siae += row.kind in SIAE_KINDS
            counts.ea_esat += row.kind in DISABILITY_KINDS
            counts.insertion += row.kind in INSERTION_KINDS
        fair = [label for label in valid if label.category == "commerce-equitable"]
        if fair:
            reasons = [_label_reason(label, on) for label in fair]
            groups["commerce-equitable"].append((order, suggested([*reasons, *base_reasons])))
            counts.commerce_equitable += 1
        other = [label for label in valid if label.category in ("environnement", "social")]
        if other:
            reasons = [_label_reason(label, on) for label in other]
            groups["labellises"].append((order, suggested([*reasons, *base_reasons])))
            counts.labellises += 1

    by_departement = dict(session.execute(
        select(SUPPLIER.c.departement, func.count()).where(SUPPLIER.c.deleted_at.is_(None), *demo.conditions)
        .group_by(SUPPLIER.c.departement)
    ).tuples().all())
    advice = advise(
        counts, amount_eur=request.amount_eur, nature=request.nature or nature_of(needs), on=on,
        where=f"pour ce secteur {place.wording}" if place else "pour ce secteur",
        coverage=registry_coverage(by_departement, place.departement if place else None),
    )
    return SuggestResponse(
        needs=[NeedPublic(cpv_prefix=n.cpv_prefix, wording=n.wording, source=n.source) for n in needs],
        place=None if place is None else PlacePublic(
            query=place.query, departement=place.departement, known=place.departement is not None
        ),
        groups=[
            SuggestionGroup(
                role=key, title=title, total=len(groups[key]),
                items=[item for _, item in sorted(groups[key], key=lambda entry: entry[0])[: request.limit]],
            )
            for key, title in GROUPS
        ],
        advice=advice,
        warnings=warnings,
    )
