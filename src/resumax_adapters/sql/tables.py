"""The schema of the spec's data model (§6) as SQLAlchemy Core tables.

This is what the repositories query. The migrations under ``migrations/versions`` create the same schema
and are the only thing that changes a database; ``tests/contract/test_migrations.py`` checks that the
two agree. Ids are UUID strings; enums are stored as their string values, guarded by CHECK constraints.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import sqlalchemy as sa

from resumax_adapters.sql.types import UtcDateTime, json_type
from resumax_core.entities import ExportFormat, OptimizationStatus, ParseStatus, Role, SourceType

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


def _id() -> sa.Column[str]:
    return sa.Column("id", sa.String(36), primary_key=True)


def _owner() -> sa.Column[str]:
    return sa.Column("user_id", sa.String(36), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)


def _timestamp(name: str, *, nullable: bool = False) -> sa.Column[datetime]:
    return sa.Column(name, UtcDateTime(), nullable=nullable)


def _one_of(column: str, enum: type[Enum], name: str) -> sa.CheckConstraint:
    allowed = ", ".join(f"'{member.value}'" for member in enum)
    return sa.CheckConstraint(f"{column} IN ({allowed})", name=name)


users = sa.Table(
    "users",
    metadata,
    _id(),
    sa.Column("email", sa.Text(), nullable=False),
    sa.Column("email_normalized", sa.Text(), nullable=False, unique=True),
    sa.Column("password_hash", sa.Text(), nullable=False),
    sa.Column("name", sa.Text(), nullable=False),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("preferences", json_type(), nullable=False),
    _timestamp("email_verified_at", nullable=True),
    _timestamp("created_at"),
    _timestamp("updated_at"),
    _timestamp("sessions_valid_after", nullable=True),
    _one_of("role", Role, "role"),
)

resumes = sa.Table(
    "resumes",
    metadata,
    _id(),
    _owner(),
    sa.Column("title", sa.Text(), nullable=False),
    sa.Column("original_filename", sa.Text(), nullable=False),
    sa.Column("storage_key", sa.Text(), nullable=False),
    sa.Column("mime_type", sa.Text(), nullable=False),
    sa.Column("size_mb", sa.Float(), nullable=False),
    sa.Column("parse_status", sa.String(16), nullable=False),
    sa.Column("parsed_text", sa.Text(), nullable=True),
    sa.Column("parsed_sections", json_type(), nullable=True),
    sa.Column("parse_error_code", sa.Text(), nullable=True),
    sa.Column("last_score", sa.Float(), nullable=True),
    _timestamp("deleted_at", nullable=True),
    _timestamp("created_at"),
    _timestamp("updated_at"),
    _one_of("parse_status", ParseStatus, "parse_status"),
    sa.Index(None, "user_id", "created_at"),
)

job_descriptions = sa.Table(
    "job_descriptions",
    metadata,
    _id(),
    _owner(),
    sa.Column("title", sa.Text(), nullable=False),
    sa.Column("company", sa.Text(), nullable=True),
    sa.Column("location", sa.Text(), nullable=True),
    sa.Column("source_type", sa.String(16), nullable=False),
    sa.Column("storage_key", sa.Text(), nullable=True),
    sa.Column("sanitized_text", sa.Text(), nullable=False),
    sa.Column("metadata", json_type(), nullable=False),
    _timestamp("deleted_at", nullable=True),
    _timestamp("created_at"),
    _timestamp("updated_at"),
    _one_of("source_type", SourceType, "source_type"),
    sa.Index(None, "user_id", "created_at"),
)

optimizations = sa.Table(
    "optimizations",
    metadata,
    _id(),
    _owner(),
    sa.Column(
        "resume_id",
        sa.String(36),
        sa.ForeignKey("resumes.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column(
        "job_description_id",
        sa.String(36),
        sa.ForeignKey("job_descriptions.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("strategy", sa.Text(), nullable=False),
    sa.Column("credits_spent", sa.Integer(), nullable=False),
    sa.Column("summary", sa.Text(), nullable=True),
    sa.Column("alignment_score", sa.Float(), nullable=True),
    sa.Column("result", json_type(), nullable=True),
    sa.Column("error_code", sa.Text(), nullable=True),
    sa.Column("error_message", sa.Text(), nullable=True),
    sa.Column("attempts", sa.Integer(), nullable=False),
    sa.Column("idempotency_key", sa.Text(), nullable=True),
    _timestamp("completed_at", nullable=True),
    _timestamp("created_at"),
    _timestamp("updated_at"),
    _one_of("status", OptimizationStatus, "status"),
    sa.UniqueConstraint("user_id", "idempotency_key"),
    sa.Index(None, "user_id", "created_at"),
    sa.Index(None, "status", "updated_at"),
)

optimization_versions = sa.Table(
    "optimization_versions",
    metadata,
    _id(),
    sa.Column(
        "optimization_id",
        sa.String(36),
        sa.ForeignKey("optimizations.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    _owner(),
    sa.Column("accepted_changes", json_type(), nullable=False),
    sa.Column("optimized_sections", json_type(), nullable=False),
    sa.Column("diff", json_type(), nullable=False),
    sa.Column("score", sa.Float(), nullable=True),
    sa.Column("output_storage_key", sa.Text(), nullable=True),
    sa.Column("tokens_used", sa.Integer(), nullable=False),
    sa.Column("cost_usd", sa.Float(), nullable=False),
    _timestamp("created_at"),
    sa.Index(None, "user_id", "created_at"),
)

export_artifacts = sa.Table(
    "export_artifacts",
    metadata,
    _id(),
    sa.Column(
        "version_id",
        sa.String(36),
        sa.ForeignKey("optimization_versions.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    _owner(),
    sa.Column("format", sa.String(16), nullable=False),
    sa.Column("storage_key", sa.Text(), nullable=False),
    sa.Column("template", sa.Text(), nullable=False),
    sa.Column("size_bytes", sa.BigInteger(), nullable=False),
    sa.Column("check", json_type(), nullable=False),
    _timestamp("created_at"),
    _timestamp("expires_at"),
    _one_of("format", ExportFormat, "format"),
    sa.Index(None, "user_id", "created_at"),
)

credit_ledger = sa.Table(
    "credit_ledger",
    metadata,
    _id(),
    _owner(),
    sa.Column("delta", sa.Integer(), nullable=False),
    sa.Column("reason", sa.Text(), nullable=False),
    sa.Column("balance_after", sa.Integer(), nullable=False),
    sa.Column("stripe_event_id", sa.Text(), nullable=True, unique=True),
    _timestamp("created_at"),
    sa.Index(None, "user_id", "created_at"),
)

refresh_tokens = sa.Table(
    "refresh_tokens",
    metadata,
    _id(),
    _owner(),
    sa.Column("family_id", sa.String(36), nullable=False),
    sa.Column("token_hash", sa.Text(), nullable=False, unique=True),
    _timestamp("created_at"),
    _timestamp("expires_at"),
    _timestamp("family_expires_at"),
    _timestamp("used_at", nullable=True),
    _timestamp("revoked_at", nullable=True),
    sa.Index(None, "user_id", "family_id"),
)

# No foreign key on purpose: a user's events outlive the account (its "account_deleted" event above all).
audit_log = sa.Table(
    "audit_log",
    metadata,
    _id(),
    sa.Column("user_id", sa.String(36), nullable=True),
    sa.Column("event", sa.Text(), nullable=False),
    sa.Column("details", json_type(), nullable=False),
    _timestamp("created_at"),
    sa.Index(None, "user_id", "created_at"),
)

idempotency_records = sa.Table(
    "idempotency_records",
    metadata,
    _owner(),
    sa.Column("scope", sa.Text(), nullable=False),
    sa.Column("key", sa.Text(), nullable=False),
    sa.Column("request_hash", sa.Text(), nullable=False),
    sa.Column("status_code", sa.Integer(), nullable=False),
    sa.Column("response", json_type(), nullable=False),
    _timestamp("created_at"),
    sa.PrimaryKeyConstraint("user_id", "scope", "key"),
)
