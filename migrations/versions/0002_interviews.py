"""AI interviews: invitation links (hashed tokens), issued reports, notification links.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "interview_links",
        sa.Column("token_sha256", sa.String(64), nullable=False),
        sa.Column("workflow_id", sa.String(255), nullable=False),
        sa.Column("candidate_id", sa.String(64), nullable=False),
        sa.Column("expires_at", TIMESTAMP, nullable=False),
        sa.Column("created_at", TIMESTAMP, server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("token_sha256", name="pk_interview_links"),
        sa.UniqueConstraint("workflow_id", name="uq_interview_links_workflow_id"),
    )
    op.create_index("ix_interview_links_candidate_id", "interview_links", ["candidate_id"])
    op.create_table(
        "interview_reports",
        sa.Column("workflow_id", sa.String(255), nullable=False),
        sa.Column("candidate_id", sa.String(64), nullable=False),
        sa.Column("role", sa.String(64), nullable=False),
        sa.Column("overall", sa.Float(), nullable=False),
        sa.Column("issued_at", TIMESTAMP, server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("workflow_id", name="pk_interview_reports"),
    )
    op.create_index("ix_interview_reports_role", "interview_reports", ["role", "overall"])
    op.create_index("ix_interview_reports_candidate_id", "interview_reports", ["candidate_id"])
    with op.batch_alter_table("notifications") as batch:
        batch.add_column(sa.Column("link", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("notifications") as batch:
        batch.drop_column("link")
    op.drop_table("interview_reports")
    op.drop_table("interview_links")
