"""Execution follow-up: the formal notice (mise en demeure) sent for a commitment, which starts the late-statement
penalty of the insertion clauses.

Revision ID: 20261206_formal_notice
Revises: 20261206_execution_followup
Create Date: 2026-12-06 18:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '20261206_formal_notice'
down_revision: str | None = '20261206_execution_followup'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('followup_commitment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('notice_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('notice_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('followup_commitment', schema=None) as batch_op:
        batch_op.drop_column('notice_by')
        batch_op.drop_column('notice_on')
