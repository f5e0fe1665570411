"""Every table model, imported here so that ``SQLModel.metadata`` (and Alembic) sees them all."""

import app.db  # noqa: F401  (sets the naming convention before any table is declared)
from app.audit.models import AuditEvent  # noqa: F401
from app.auth.models import ApiKey  # noqa: F401
from app.buyers.models import Buyer  # noqa: F401
from app.clauses.models import Clause, ClauseVersion  # noqa: F401
from app.documents.models import GeneratedDocument  # noqa: F401
from app.followup.models import Commitment, Evidence, HoursStatement, SupplierGuarantee  # noqa: F401
from app.purchases.models import Purchase, PurchaseHistory, PurchaseHolder, PurchaseImport  # noqa: F401
from app.suppliers.models import (  # noqa: F401
    Supplier,
    SupplierActivity,
    SupplierHistory,
    SupplierImport,
    SupplierLabel,
)
from app.tenders.models import Tender, TenderClause, TenderDocument, TenderLot  # noqa: F401
