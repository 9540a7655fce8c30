"""Initial schema: the spec's data model (§6).

Revision ID: 0001
Revises:
Create Date: 2025-11-25

Self-contained on purpose (no imports from the application), so that later changes to ``tables.py``
never rewrite history. Every name is wrapped in ``op.f`` so that it is used as written, whatever naming
convention the environment's metadata has. Runs unchanged on SQLite and PostgreSQL.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | tuple[str, ...] | None = None
depends_on: str | tuple[str, ...] | None = None


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON(none_as_null=True).with_variant(postgresql.JSONB(none_as_null=True), "postgresql")


def _timestamp(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _id(table: str) -> tuple[sa.Column[str], sa.PrimaryKeyConstraint]:
    return sa.Column("id", sa.String(36), nullable=False), sa.PrimaryKeyConstraint(
        "id", name=op.f(f"pk_{table}")
    )


def _owner(table: str) -> tuple[sa.Column[str], sa.ForeignKeyConstraint]:
    return (
        sa.Column("user_id", sa.String(36), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f(f"fk_{table}_user_id_users"), ondelete="CASCADE"
        ),
    )


def _owner_index(table: str) -> None:
    op.create_index(op.f(f"ix_{table}_user_id_created_at"), table, ["user_id", "created_at"])


def upgrade() -> None:
    op.create_table(
        "users",
        *_id("users"),
        sa.Column("email", sa.Text(), nullable=False),
        sa.Column("email_normalized", sa.Text(), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("preferences", _json(), nullable=False),
        _timestamp("email_verified_at", nullable=True),
        _timestamp("created_at"),
        _timestamp("updated_at"),
        sa.UniqueConstraint("email_normalized", name=op.f("uq_users_email_normalized")),
        sa.CheckConstraint("role IN ('user', 'admin')", name=op.f("ck_users_role")),
    )

    op.create_table(
        "resumes",
        *_id("resumes"),
        *_owner("resumes"),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("original_filename", sa.Text(), nullable=False),
        sa.Column("storage_key", sa.Text(), nullable=False),
        sa.Column("mime_type", sa.Text(), nullable=False),
        sa.Column("size_mb", sa.Float(), nullable=False),
        sa.Column("parse_status", sa.String(16), nullable=False),
        sa.Column("parsed_text", sa.Text(), nullable=True),
        sa.Column("parsed_sections", _json(), nullable=True),
        sa.Column("parse_error_code", sa.Text(), nullable=True),
        sa.Column("last_score", sa.Float(), nullable=True),
        _timestamp("deleted_at", nullable=True),
        _timestamp("created_at"),
        _timestamp("updated_at"),
        sa.CheckConstraint(
            "parse_status IN ('pending', 'parsing', 'completed', 'failed')",
            name=op.f("ck_resumes_parse_status"),
        ),
    )
    _owner_index("resumes")

    op.create_table(
        "job_descriptions",
        *_id("job_descriptions"),
        *_owner("job_descriptions"),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("company", sa.Text(), nullable=True),
        sa.Column("location", sa.Text(), nullable=True),
        sa.Column("source_type", sa.String(16), nullable=False),
        sa.Column("storage_key", sa.Text(), nullable=True),
        sa.Column("sanitized_text", sa.Text(), nullable=False),
        sa.Column("metadata", _json(), nullable=False),
        _timestamp("deleted_at", nullable=True),
        _timestamp("created_at"),
        _timestamp("updated_at"),
        sa.CheckConstraint(
            "source_type IN ('paste', 'upload')", name=op.f("ck_job_descriptions_source_type")
        ),
    )
    _owner_index("job_descriptions")

    op.create_table(
        "optimizations",
        *_id("optimizations"),
        *_owner("optimizations"),
        sa.Column("resume_id", sa.String(36), nullable=False),
        sa.Column("job_description_id", sa.String(36), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("strategy", sa.Text(), nullable=False),
        sa.Column("credits_spent", sa.Integer(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("alignment_score", sa.Float(), nullable=True),
        sa.Column("result", _json(), nullable=True),
        sa.Column("error_code", sa.Text(), nullable=True),
        sa.Column("error_message", sa.Text(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("idempotency_key", sa.Text(), nullable=True),
        _timestamp("completed_at", nullable=True),
        _timestamp("created_at"),
        _timestamp("updated_at"),
        sa.ForeignKeyConstraint(
            ["resume_id"], ["resumes.id"], name=op.f("fk_optimizations_resume_id_resumes"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["job_description_id"],
            ["job_descriptions.id"],
            name=op.f("fk_optimizations_job_description_id_job_descriptions"),
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint(
            "user_id", "idempotency_key", name=op.f("uq_optimizations_user_id_idempotency_key")
        ),
        sa.CheckConstraint(
            "status IN ('queued', 'processing', 'generating', 'completed', 'failed')",
            name=op.f("ck_optimizations_status"),
        ),
    )
    _owner_index("optimizations")
    op.create_index(op.f("ix_optimizations_resume_id"), "optimizations", ["resume_id"])
    op.create_index(op.f("ix_optimizations_job_description_id"), "optimizations", ["job_description_id"])
    op.create_index(op.f("ix_optimizations_status_updated_at"), "optimizations", ["status", "updated_at"])

    op.create_table(
        "optimization_versions",
        *_id("optimization_versions"),
        sa.Column("optimization_id", sa.String(36), nullable=False),
        *_owner("optimization_versions"),
        sa.Column("accepted_changes", _json(), nullable=False),
        sa.Column("optimized_sections", _json(), nullable=False),
        sa.Column("diff", _json(), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("output_storage_key", sa.Text(), nullable=True),
        sa.Column("tokens_used", sa.Integer(), nullable=False),
        sa.Column("cost_usd", sa.Float(), nullable=False),
        _timestamp("created_at"),
        sa.ForeignKeyConstraint(
            ["optimization_id"],
            ["optimizations.id"],
            name=op.f("fk_optimization_versions_optimization_id_optimizations"),
            ondelete="CASCADE",
        ),
    )
    _owner_index("optimization_versions")
    op.create_index(
        op.f("ix_optimization_versions_optimization_id"), "optimization_versions", ["optimization_id"]
    )

    op.create_table(
        "export_artifacts",
        *_id("export_artifacts"),
        sa.Column("version_id", sa.String(36), nullable=False),
        *_owner("export_artifacts"),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("storage_key", sa.Text(), nullable=False),
        sa.Column("template", sa.Text(), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("check", _json(), nullable=False),
        _timestamp("created_at"),
        _timestamp("expires_at"),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["optimization_versions.id"],
            name=op.f("fk_export_artifacts_version_id_optimization_versions"),
            ondelete="CASCADE",
        ),
        sa.CheckConstraint("format IN ('pdf', 'docx', 'text')", name=op.f("ck_export_artifacts_format")),
    )
    _owner_index("export_artifacts")
    op.create_index(op.f("ix_export_artifacts_version_id"), "export_artifacts", ["version_id"])

    op.create_table(
        "credit_ledger",
        *_id("credit_ledger"),
        *_owner("credit_ledger"),
        sa.Column("delta", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("balance_after", sa.Integer(), nullable=False),
        sa.Column("stripe_event_id", sa.Text(), nullable=True),
        _timestamp("created_at"),
        sa.UniqueConstraint("stripe_event_id", name=op.f("uq_credit_ledger_stripe_event_id")),
    )
    _owner_index("credit_ledger")


def downgrade() -> None:
    for table in (
        "credit_ledger",
        "export_artifacts",
        "optimization_versions",
        "optimizations",
        "job_descriptions",
        "resumes",
        "users",
    ):
        op.drop_table(table)
