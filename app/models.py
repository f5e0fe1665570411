"""Every table model, imported here so that ``SQLModel.metadata`` (and Alembic) sees them all."""

import app.db  # noqa: F401  (sets the naming convention before any table is declared)
from app.clauses.models import Clause, ClauseVersion  # noqa: F401
