"""The report's covering index also holds the buyer's name as its contracts give it: the grouped pass over a year
(buyer × CPV division × nature) reads the index alone instead of visiting every contract of the year in the table.

Revision ID: 20261207_report_index_buyer_name
Revises: 20261206_formal_notice
Create Date: 2026-12-07 18:00:00
"""
from collections.abc import Sequence

from alembic import op


revision: str = '20261207_report_index_buyer_name'
down_revision: str | None = '20261206_formal_notice'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ['notified_on', 'buyer_siret', 'cpv_division', 'nature', 'amount_cents', 'social_clause',
           'social_criterion', 'reserved', 'environmental_clause', 'environmental_criterion', 'fair_trade_cents',
           'is_demo']


def upgrade() -> None:
    with op.batch_alter_table('purchase', schema=None) as batch_op:
        batch_op.drop_index('ix_purchase_report')
        batch_op.create_index('ix_purchase_report', [*COLUMNS, 'buyer_name'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('purchase', schema=None) as batch_op:
        batch_op.drop_index('ix_purchase_report')
        batch_op.create_index('ix_purchase_report', COLUMNS, unique=False)
