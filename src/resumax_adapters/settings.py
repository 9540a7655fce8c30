"""Settings, read from ``RESUMAX_*`` environment variables when asked (never at import time).

Every URL picks an adapter (see ``bootstrap``); the defaults need nothing but this package and keep all
state under one per-user data directory.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

from resumax_core.errors import InvalidInput

ENV_PREFIX = "RESUMAX_"


class Settings(BaseModel):
    """resuMAX configuration. Build with ``Settings.from_env()`` or pass fields directly."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    data_dir: Path = Field(
        default_factory=lambda: Path(platformdirs.user_data_dir("resumax", appauthor=False))
    )
    database_url: str | None = None
    storage_url: str | None = None
    queue_url: str = "inprocess://"
    llm: str = "offline"
    llm_fallbacks: tuple[str, ...] = ()
    llm_api_base: str | None = None
    llm_timeout_seconds: float = 60.0
    mail_url: str = "outbox://"
    rate_limit_url: str | None = None
    mail_from: str = "resuMAX <no-reply@resumax.local>"
    base_url: str = "http://127.0.0.1:8000"
    secret_key: SecretStr | None = None
    s3_endpoint_url: str | None = None
    max_upload_bytes: int = 10 * 1024 * 1024
    max_pages: int = 20
    job_timeout_seconds: int = 300
    job_max_retries: int = 2
    worker_concurrency: int = 2
    upload_url_ttl_seconds: int = 600
    download_url_ttl_seconds: int = 300
    export_ttl_seconds: int = 7 * 24 * 3600
    max_active_optimizations_per_user: int = 3
    access_token_ttl_seconds: int = 900
    refresh_token_ttl_seconds: int = 14 * 24 * 3600
    session_max_age_seconds: int = 30 * 24 * 3600
    jwt_issuer: str = "resumax"
    jwt_audience: str = "resumax-api"
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 65536
    default_template: str = "classic"
    log_level: str = "INFO"
    log_json: bool = False
    trace_exporter: str = "none"

    @field_validator("data_dir", mode="before")
    @classmethod
    def _expand(cls, value: Any) -> Any:
        return Path(value).expanduser() if isinstance(value, str | Path) else value

    @field_validator("secret_key")
    @classmethod
    def _long_enough(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value()) < 32:
            raise ValueError(
                "must be at least 32 characters; make one with "
                "python3 -c 'import secrets; print(secrets.token_urlsafe(48))'"
            )
        return value

    @field_validator("llm_fallbacks", mode="before")
    @classmethod
    def _split(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite+aiosqlite:///{self.data_dir / 'resumax.db'}"

    @property
    def resolved_storage_url(self) -> str:
        return self.storage_url or (self.data_dir / "blobs").as_uri()

    @property
    def outbox_dir(self) -> Path:
        return self.data_dir / "outbox"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Read ``RESUMAX_<FIELD>`` variables (e.g. ``RESUMAX_DATABASE_URL``); explicit overrides win.

        Raises InvalidInput naming the variable when a value is malformed.
        """
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for name in cls.model_fields:
            raw = env.get(ENV_PREFIX + name.upper())
            if raw is not None and raw != "":
                values[name] = raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        try:
            return cls(**values)
        except ValidationError as exc:
            problems = "; ".join(
                f"{ENV_PREFIX}{'.'.join(str(p) for p in err['loc']).upper()}: {err['msg']}"
                for err in exc.errors()
            )
            raise InvalidInput(f"Invalid configuration: {problems}") from exc
