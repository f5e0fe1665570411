"""Supplier registry tables (supplier, labels, activities, history) and the API's shapes."""

from datetime import UTC, date, datetime
from typing import Annotated, Any, Final, Literal, overload

from pydantic import AfterValidator, BaseModel, ConfigDict, field_validator
from pydantic import Field as PydanticField
from sqlalchemy import JSON, CheckConstraint, DateTime, UniqueConstraint, false
from sqlmodel import Field, SQLModel
from stdnum.exceptions import InvalidChecksum, InvalidLength, ValidationError
from stdnum.fr import siret as siret_number

from app.db import utcnow
from app.french import plural
from app.labels import LABELS, LabelCategory
from app.suppliers.labels import KINDS, Kind, canonical_label
from app.suppliers.territory import is_departement, is_postcode

Reach = Literal["communes", "departements", "region", "national"]
REACHES: tuple[Reach, ...] = ("communes", "departements", "region", "national")


def _quoted(values: Any) -> str:
    return ", ".join(f"'{value}'" for value in values)


class Supplier(SQLModel, table=True):
    """A supplier establishment, identified by its SIRET."""

    __tablename__ = "supplier"
    __table_args__ = (CheckConstraint(f"kind IN ({_quoted(KINDS)})", name="kind"),)

    siret: str = Field(primary_key=True, max_length=14)
    siren: str = Field(max_length=9, index=True)
    name: str = Field(max_length=250)
    brand: str | None = Field(default=None, max_length=250)
    legal_form: str | None = Field(default=None, max_length=100)
    kind: str = Field(max_length=16, index=True)
    address: str | None = Field(default=None, max_length=300)
    postcode: str | None = Field(default=None, max_length=5)
    commune: str | None = Field(default=None, max_length=100, index=True)
    insee_code: str | None = Field(default=None, max_length=5)
    departement: str | None = Field(default=None, max_length=3, index=True)
    email: str | None = Field(default=None, max_length=200)
    phone: str | None = Field(default=None, max_length=30)
    website: str | None = Field(default=None, max_length=300)
    notes: str | None = Field(default=None, max_length=2000)
    # Social guarantees asked by the charter.
    ilo_commitment_on: date | None = None  # signed commitment to the ILO fundamental conventions
    production_sites: list[dict[str, str]] = Field(default_factory=list, sa_type=JSON)  # [{name, country}]
    last_audit_on: date | None = None
    guarantees_valid_until: date | None = Field(default=None, index=True)
    # Provenance of the current values.
    source: str = Field(default="", max_length=200)
    imported_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    raw: dict[str, str] | None = Field(default=None, sa_type=JSON)
    # A fictional supplier of the demonstration registry (see app/demo).
    is_demo: bool = Field(default=False, index=True, sa_column_kwargs={"server_default": false()})
    version: int = 1
    created_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))
    updated_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True), index=True)
    deleted_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


class SupplierLabel(SQLModel, table=True):
    """A label or certification held by a supplier, with its validity."""

    __tablename__ = "supplier_label"
    __table_args__ = (UniqueConstraint("supplier_siret", "label"),)

    id: int | None = Field(default=None, primary_key=True)
    supplier_siret: str = Field(foreign_key="supplier.siret", ondelete="CASCADE", max_length=14, index=True)
    label: str = Field(max_length=60, index=True)
    number: str | None = Field(default=None, max_length=100)
    issuer: str | None = Field(default=None, max_length=200)
    valid_from: date | None = None
    valid_until: date | None = Field(default=None, index=True)
    evidence: str | None = Field(default=None, max_length=500)  # URL or file name of the certificate
    source: str = Field(default="", max_length=200)


class SupplierActivity(SQLModel, table=True):
    """A sector (CPV prefix) a supplier works in, and where."""

    __tablename__ = "supplier_activity"
    __table_args__ = (
        UniqueConstraint("supplier_siret", "cpv_prefix"),
        CheckConstraint(f"reach IN ({_quoted(REACHES)})", name="reach"),
    )

    id: int | None = Field(default=None, primary_key=True)
    supplier_siret: str = Field(foreign_key="supplier.siret", ondelete="CASCADE", max_length=14, index=True)
    cpv_prefix: str = Field(max_length=8, index=True)
    reach: str = Field(max_length=12)
    # Communes (names) or départements (codes) for those reaches; the région code for "region".
    areas: list[str] = Field(default_factory=list, sa_type=JSON)


class SupplierImport(SQLModel, table=True):
    """One import of a registry file: provenance, counts, and whether it was undone."""

    __tablename__ = "supplier_import"

    id: int | None = Field(default=None, primary_key=True)
    filename: str = Field(max_length=255)
    sha256: str = Field(max_length=64)
    actor: str = Field(default="", max_length=200)  # who imported it: officer, API key or "cli (<user>)"
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    is_demo: bool = False
    imported_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))
    undone_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    undone_by: str | None = Field(default=None, max_length=200)


class SupplierHistory(SQLModel, table=True):
    """One change of a supplier: who or what made it, each field's old and new value, and (for changes of
    an existing supplier) its whole previous state, which undoing the import restores."""

    __tablename__ = "supplier_history"

    id: int | None = Field(default=None, primary_key=True)
    supplier_siret: str = Field(foreign_key="supplier.siret", ondelete="CASCADE", max_length=14, index=True)
    changed_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))
    action: str = Field(max_length=20)  # creation, modification, suppression, restauration
    source: str = Field(default="", max_length=200)
    changes: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    import_id: int | None = Field(default=None, foreign_key="supplier_import.id", ondelete="SET NULL", index=True)
    before: dict[str, Any] | None = Field(default=None, sa_type=JSON)  # {"supplier", "labels", "activities"}


SUPPLIER: Final = SQLModel.metadata.tables[Supplier.__tablename__]
LABEL: Final = SQLModel.metadata.tables[SupplierLabel.__tablename__]
ACTIVITY: Final = SQLModel.metadata.tables[SupplierActivity.__tablename__]
HISTORY: Final = SQLModel.metadata.tables[SupplierHistory.__tablename__]
IMPORTS: Final = SQLModel.metadata.tables[SupplierImport.__tablename__]


# ---- API shapes -------------------------------------------------------------------------------


@overload
def as_utc(value: datetime) -> datetime: ...
@overload
def as_utc(value: None) -> None: ...
def as_utc(value: datetime | None) -> datetime | None:
    """SQLite hands datetimes back naive: they were stored as UTC."""
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


_DOUBLED = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)  # a digit doubled, its two digits added


def _luhn(digits: str) -> bool:
    return (sum(map(int, digits[-1::-2])) + sum(_DOUBLED[int(d)] for d in digits[-2::-2])) % 10 == 0


def check_siret(value: str) -> str:
    """The compact SIRET, or ValueError with a French reason."""
    compact = "".join(value.split()).replace(".", "")
    # The common case in a few microseconds (a 100 000-row registry): 14 ASCII digits, the Luhn keys of the
    # SIRET and of its SIREN. La Poste's establishments (SIREN 356000000) and every error go to stdnum.
    if len(compact) == 14 and compact.isascii() and compact.isdigit() and not compact.startswith("356000000") \
            and _luhn(compact) and _luhn(compact[:9]):
        return compact
    try:
        return siret_number.validate(compact)
    except InvalidLength:
        raise ValueError(f"SIRET invalide : 14 chiffres attendus, {plural(len(compact), 'reçu')}") from None
    except InvalidChecksum:
        raise ValueError("SIRET invalide : clé de contrôle incorrecte (algorithme de Luhn)") from None
    except ValidationError:
        raise ValueError("SIRET invalide : 14 chiffres attendus") from None


# A SIRET field of the API: checked and stored compact (spaces and dots removed).
Siret = Annotated[str, AfterValidator(check_siret)]


class ProductionSite(BaseModel):
    """A production site declared for supply-chain transparency."""

    model_config = ConfigDict(extra="forbid")
    name: str = PydanticField(default="", max_length=200)
    country: str = PydanticField(pattern=r"^[A-Z]{2}$", description="Code pays ISO 3166 (FR, MA…)")


class Guarantees(BaseModel):
    """Social guarantees: ILO commitment, production sites, last audit, end of validity."""

    model_config = ConfigDict(extra="forbid")
    ilo_commitment_on: date | None = None
    production_sites: list[ProductionSite] = PydanticField(default_factory=list, max_length=200)
    last_audit_on: date | None = None
    valid_until: date | None = None


class LabelIn(BaseModel):
    """A label held by a supplier."""

    model_config = ConfigDict(extra="forbid")
    label: str = PydanticField(description="Nom de la liste maintenue (GET /api/v1/suppliers/labels)")
    number: str | None = PydanticField(default=None, max_length=100)
    issuer: str | None = PydanticField(default=None, max_length=200)
    valid_from: date | None = None
    valid_until: date | None = None
    evidence: str | None = PydanticField(default=None, max_length=500)

    @field_validator("label")
    @classmethod
    def _known_label(cls, value: str) -> str:
        name = canonical_label(value)
        if name is None:
            raise ValueError(f"label inconnu : « {value} »")
        return name


class ActivityIn(BaseModel):
    """A sector (CPV prefix, 2 to 8 digits) and where the supplier works in it."""

    model_config = ConfigDict(extra="forbid")
    cpv_prefix: str = PydanticField(pattern=r"^[0-9]{2,8}$")
    reach: Reach = "departements"
    areas: list[str] = PydanticField(default_factory=list, max_length=500)


class SupplierBase(BaseModel):
    """Editable fields of a supplier."""

    model_config = ConfigDict(extra="forbid")
    name: str = PydanticField(min_length=1, max_length=250)
    brand: str | None = PydanticField(default=None, max_length=250)
    legal_form: str | None = PydanticField(default=None, max_length=100)
    kind: Kind
    address: str | None = PydanticField(default=None, max_length=300)
    postcode: str | None = None
    commune: str | None = PydanticField(default=None, max_length=100)
    insee_code: str | None = PydanticField(default=None, pattern=r"^[0-9][0-9AB][0-9]{3}$")
    departement: str | None = None
    email: str | None = PydanticField(default=None, max_length=200)
    phone: str | None = PydanticField(default=None, max_length=30)
    website: str | None = PydanticField(default=None, max_length=300)
    notes: str | None = PydanticField(default=None, max_length=2000)
    activities: list[ActivityIn] = PydanticField(default_factory=list, max_length=200)
    labels: list[LabelIn] = PydanticField(default_factory=list, max_length=100)
    guarantees: Guarantees = PydanticField(default_factory=Guarantees)

    @field_validator("postcode")
    @classmethod
    def _postcode(cls, value: str | None) -> str | None:
        if value is not None and not is_postcode(value):
            raise ValueError("code postal invalide : 5 chiffres attendus")
        return value

    @field_validator("departement")
    @classmethod
    def _departement(cls, value: str | None) -> str | None:
        if value is not None and not is_departement(value):
            raise ValueError("département invalide (01 à 95, 2A, 2B, 971 à 976)")
        return value


class SupplierCreate(SupplierBase):
    """A new supplier."""

    siret: Siret


class LabelPublic(BaseModel):
    """A label as read back, with its category and whether it is valid today."""

    label: str
    category: LabelCategory
    number: str | None = None
    issuer: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    evidence: str | None = None
    source: str = ""
    valid: bool

    @classmethod
    def of(cls, row: SupplierLabel, today: date) -> "LabelPublic":
        """Public view of ``row`` on ``today``."""
        valid = (row.valid_from is None or row.valid_from <= today) and (
            row.valid_until is None or row.valid_until >= today
        )
        return cls(
            label=row.label, category=LABELS[row.label], number=row.number, issuer=row.issuer,
            valid_from=row.valid_from, valid_until=row.valid_until, evidence=row.evidence,
            source=row.source, valid=valid,
        )


class SupplierSummary(BaseModel):
    """A supplier in a list."""

    siret: str
    siren: str
    name: str
    brand: str | None
    kind: str
    commune: str | None
    departement: str | None
    labels: list[LabelPublic]
    is_demo: bool = PydanticField(description="Fournisseur fictif des données de démonstration")
    score: float | None = PydanticField(default=None, description="Pertinence de la recherche floue (0–100)")


class SupplierPage(BaseModel):
    """A page of suppliers."""

    items: list[SupplierSummary]
    total: int


class Provenance(BaseModel):
    """Where the current values come from."""

    source: str
    imported_at: datetime | None
    raw: dict[str, str] | None


class SupplierPublic(BaseModel):
    """A supplier with everything the registry knows."""

    siret: str
    siren: str
    name: str
    brand: str | None
    legal_form: str | None
    kind: str
    kind_label: str
    address: str | None
    postcode: str | None
    commune: str | None
    insee_code: str | None
    departement: str | None
    email: str | None
    phone: str | None
    website: str | None
    notes: str | None
    activities: list[ActivityIn]
    labels: list[LabelPublic]
    guarantees: Guarantees
    provenance: Provenance
    is_demo: bool = PydanticField(description="Fournisseur fictif des données de démonstration")
    version: int
    created_at: datetime
    updated_at: datetime


class HistoryEntry(BaseModel):
    """One change of a supplier."""

    changed_at: datetime
    action: str
    source: str
    changes: dict[str, Any]


class HistoryPage(BaseModel):
    """A page of a supplier's history, newest first."""

    items: list[HistoryEntry]
    total: int


class ExpiringItem(BaseModel):
    """A label or a set of social guarantees that ends soon."""

    siret: str
    name: str
    kind: str
    what: Literal["label", "garanties"]
    label: str | None
    valid_until: date
    days_left: int


class ExpiringPage(BaseModel):
    """Labels and guarantees ending within the window, soonest first."""

    items: list[ExpiringItem]
    total: int


class ImportIssue(BaseModel):
    """A refused or flagged cell of an imported file."""

    line: int
    column: str
    message: str


class ImportReport(BaseModel):
    """Outcome of an import: counts, refused rows, warnings."""

    file: str
    sha256: str = ""
    import_id: int | None = PydanticField(default=None, description="Numéro de l'import enregistré (pour l'annuler)")
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    written: bool = False
    errors: list[ImportIssue] = PydanticField(default_factory=list)
    errors_total: int = 0
    warnings: list[ImportIssue] = PydanticField(default_factory=list)


class SupplierImportOut(BaseModel):
    """An import of the registry as recorded: file, who, when, counts, and whether it was undone."""

    model_config = ConfigDict(from_attributes=True)
    id: int
    filename: str
    sha256: str
    actor: str
    imported_at: datetime
    rows: int
    created: int
    updated: int
    unchanged: int
    is_demo: bool
    undone_at: datetime | None
    undone_by: str | None


class SupplierImportPage(BaseModel):
    """Imports, newest first."""

    items: list[SupplierImportOut]
    total: int
