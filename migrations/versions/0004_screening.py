"""Batch screening: the applications table and the talent-pool consent flag.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "applications",
        sa.Column("candidate_id", sa.String(64), nullable=False),
        sa.Column("requisition_id", sa.String(64), nullable=False),
        sa.Column("document_sha256", sa.String(64), nullable=False),
        sa.Column("batch_id", sa.String(64), nullable=False),
        sa.Column("chunk", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("outcome", sa.String(32), nullable=True),
        sa.Column("created_at", TIMESTAMP, server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("candidate_id", name="pk_applications"),
        sa.UniqueConstraint(
            "requisition_id",
            "document_sha256",
            name="uq_applications_requisition_id_document_sha256",
        ),
    )
    op.create_index("ix_applications_batch_id_chunk", "applications", ["batch_id", "chunk"])
    # A plain ADD COLUMN, not batch mode: rebuilding ``subjects`` on SQLite would
    # drop the old table, and its ON DELETE CASCADE would empty ``documents``.
    op.add_column(
        "subjects",
        sa.Column("pool_consent", sa.Boolean(), server_default=sa.false(), nullable=False),
    )


def downgrade() -> None:
    op.drop_column("subjects", "pool_consent")
    op.drop_index("ix_applications_batch_id_chunk", table_name="applications")
    op.drop_table("applications")
