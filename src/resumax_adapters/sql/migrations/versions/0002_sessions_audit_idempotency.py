"""Sessions, audit log and idempotency: refresh tokens, security events, replayable responses.

Revision ID: 0002
Revises: 0001
Create Date: 2025-12-02

Adds ``users.sessions_valid_after`` and the tables ``refresh_tokens``, ``audit_log`` and
``idempotency_records``. ``audit_log.user_id`` has no foreign key on purpose: a user's events outlive the
account. Self-contained and wrapped in ``op.f`` like 0001; runs unchanged on SQLite and PostgreSQL (the
users column is altered inside ``op.batch_alter_table``).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | tuple[str, ...] | None = None
depends_on: str | tuple[str, ...] | None = None


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON(none_as_null=True).with_variant(postgresql.JSONB(none_as_null=True), "postgresql")


def _timestamp(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _owner(table: str) -> tuple[sa.Column[str], sa.ForeignKeyConstraint]:
    return (
        sa.Column("user_id", sa.String(36), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f(f"fk_{table}_user_id_users"), ondelete="CASCADE"
        ),
    )


def upgrade() -> None:
    with op.batch_alter_table("users") as users:
        users.add_column(_timestamp("sessions_valid_after", nullable=True))

    op.create_table(
        "refresh_tokens",
        sa.Column("id", sa.String(36), nullable=False),
        *_owner("refresh_tokens"),
        sa.Column("family_id", sa.String(36), nullable=False),
        sa.Column("token_hash", sa.Text(), nullable=False),
        _timestamp("created_at"),
        _timestamp("expires_at"),
        _timestamp("family_expires_at"),
        _timestamp("used_at", nullable=True),
        _timestamp("revoked_at", nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refresh_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_refresh_tokens_token_hash")),
    )
    op.create_index(op.f("ix_refresh_tokens_user_id_family_id"), "refresh_tokens", ["user_id", "family_id"])

    op.create_table(
        "audit_log",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("user_id", sa.String(36), nullable=True),
        sa.Column("event", sa.Text(), nullable=False),
        sa.Column("details", _json(), nullable=False),
        _timestamp("created_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index(op.f("ix_audit_log_user_id_created_at"), "audit_log", ["user_id", "created_at"])

    op.create_table(
        "idempotency_records",
        *_owner("idempotency_records"),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("request_hash", sa.Text(), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("response", _json(), nullable=False),
        _timestamp("created_at"),
        sa.PrimaryKeyConstraint("user_id", "scope", "key", name=op.f("pk_idempotency_records")),
    )


def downgrade() -> None:
    for table in ("idempotency_records", "audit_log", "refresh_tokens"):
        op.drop_table(table)
    with op.batch_alter_table("users") as users:
        users.drop_column("sessions_valid_after")
