"""Runtime settings, read from `HUB_*` environment variables (and a `.env` file)."""

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every knob of the hub; each field maps to `HUB_<NAME>`."""

    model_config = SettingsConfigDict(env_prefix="HUB_", env_file=".env", extra="ignore")

    database_url: str = "sqlite+aiosqlite:///./hub.db"
    env: Literal["development", "production"] = "development"
    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "INFO"
    sql_echo: bool = False
    max_page_size: int = 100
    default_page_size: int = 20
    max_query_depth: int = 10
    max_aliases: int = 30
    max_tokens: int = 5000
    # Pooled connections per process: a GraphQL request holds one read connection while it
    # runs, so this is about the number of requests served at once (more wait for one).
    pool_size: int = 20
    rules_file: Path | None = None  # qualification rules; None: the ones shipped with hub
    max_body_bytes: int = 1_000_000
    max_import_rows: int = 1_000
    # How often a server re-reads the policy table for changes made by other processes.
    policy_refresh_seconds: float = 5.0
    # How long a server trusts an API key it has looked up: a revoked or rotated key keeps
    # working in a running server for at most this long (0: looked up on every request).
    identity_cache_seconds: float = 5.0
    # Queries made only of columns and declared relations are answered from a look-ahead at
    # the selection (hub/resolvers/plan.py); off: every query runs field by field.
    planned_reads: bool = True
    jwt_secret: SecretStr | None = None
    jwt_public_key_file: Path | None = None
    jwt_jwks_file: Path | None = None
    jwt_issuer: str = "hub"
    jwt_audience: str = "hub"
    # Webhooks: `hub serve` runs the dispatcher unless this is off (then run `hub webhooks run`).
    webhooks_dispatch: bool = True
    webhook_timeout_seconds: float = 10.0
    # Retry n waits min(cap, base * 2^(n-1)) seconds; after max_attempts a delivery is FAILED.
    webhook_backoff_base_seconds: float = 10.0
    webhook_backoff_cap_seconds: float = 3600.0
    webhook_max_attempts: int = 8
    # The dispatcher wakes on every committed change, and looks again at least this often.
    webhook_poll_seconds: float = 5.0
    # Loopback, link-local and private hosts or networks webhooks may target anyway, e.g.
    # HUB_WEBHOOK_ALLOW_PRIVATE='["10.1.2.0/24", "erp.corp.internal"]'; none by default.
    webhook_allow_private: list[str] = []

    @property
    def is_production(self) -> bool:
        """True when errors must be masked and introspection restricted."""
        return self.env == "production"


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
