"""Initial ledger schema: events, the PII vault, deployments, outbox, employees.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMP = sa.DateTime(timezone=True)


def _created(name: str = "created_at") -> sa.Column[object]:
    return sa.Column(name, TIMESTAMP, server_default=sa.func.now(), nullable=False)


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        sa.Column("stream", sa.String(64), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("type", sa.String(64), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("actor", sa.JSON(), nullable=False),
        sa.Column("definition_id", sa.String(64), nullable=False),
        sa.Column("definition_version", sa.Integer(), nullable=False),
        sa.Column("workflow_id", sa.String(255), nullable=False),
        sa.Column("run_id", sa.String(64), nullable=False),
        sa.Column("occurred_at", TIMESTAMP, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        _created("recorded_at"),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
        sa.UniqueConstraint("key", name="uq_events_key"),
        sa.UniqueConstraint("stream", "sequence", name="uq_events_stream_sequence"),
    )
    op.create_index("ix_events_type", "events", ["type"])
    op.create_index("ix_events_occurred_at", "events", ["occurred_at"])

    op.create_table(
        "subjects",
        sa.Column("candidate_id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=True),
        sa.Column("email", sa.String(320), nullable=True),
        sa.Column("phone", sa.String(50), nullable=True),
        sa.Column("national_id", sa.String(64), nullable=True),
        _created(),
        sa.PrimaryKeyConstraint("candidate_id", name="pk_subjects"),
    )
    op.create_table(
        "documents",
        sa.Column("candidate_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        _created(),
        sa.PrimaryKeyConstraint("candidate_id", "kind", name="pk_documents"),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["subjects.candidate_id"],
            name="fk_documents_candidate_id_subjects",
            ondelete="CASCADE",
        ),
    )

    op.create_table(
        "deployments",
        sa.Column("definition_id", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("compiled", sa.JSON(), nullable=False),
        _created("deployed_at"),
        sa.PrimaryKeyConstraint("definition_id", "version", name="pk_deployments"),
        sa.UniqueConstraint(
            "definition_id", "content_hash", name="uq_deployments_definition_id_content_hash"
        ),
    )

    op.create_table(
        "notifications",
        sa.Column("id", sa.String(200), nullable=False),
        sa.Column("candidate_id", sa.String(64), nullable=False),
        sa.Column("template", sa.String(64), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), server_default="queued", nullable=False),
        _created(),
        sa.PrimaryKeyConstraint("id", name="pk_notifications"),
    )
    op.create_index("ix_notifications_candidate_id", "notifications", ["candidate_id"])

    op.create_table(
        "employees",
        sa.Column("employee_id", sa.String(20), nullable=False),
        sa.Column("candidate_id", sa.String(64), nullable=False),
        _created(),
        sa.PrimaryKeyConstraint("employee_id", name="pk_employees"),
        sa.UniqueConstraint("candidate_id", name="uq_employees_candidate_id"),
    )


def downgrade() -> None:
    op.drop_table("employees")
    op.drop_index("ix_notifications_candidate_id", table_name="notifications")
    op.drop_table("notifications")
    op.drop_table("deployments")
    op.drop_table("documents")
    op.drop_table("subjects")
    op.drop_index("ix_events_occurred_at", table_name="events")
    op.drop_index("ix_events_type", table_name="events")
    op.drop_table("events")
