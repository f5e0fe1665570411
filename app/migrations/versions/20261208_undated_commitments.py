"""Execution follow-up: a commitment may be owed without a date when the contract does not say when (a clause value
missing or unreadable, the end of a contract whose end is unknown); it says why.

Revision ID: 20261208_undated_commitments
Revises: 20261207_report_index_buyer_name
Create Date: 2026-12-08 01:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '20261208_undated_commitments'
down_revision: str | None = '20261207_report_index_buyer_name'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('followup_commitment', schema=None) as batch_op:
        batch_op.alter_column('due_on', existing_type=sa.Date(), nullable=True)
        batch_op.add_column(sa.Column('undated_reason', sa.Text(), nullable=True))


def downgrade() -> None:
    op.execute("DELETE FROM followup_commitment WHERE due_on IS NULL")
    with op.batch_alter_table('followup_commitment', schema=None) as batch_op:
        batch_op.drop_column('undated_reason')
        batch_op.alter_column('due_on', existing_type=sa.Date(), nullable=False)
