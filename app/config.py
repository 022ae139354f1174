"""Configuration from environment variables, with safe local defaults."""

import os
import secrets
from datetime import timedelta
from pathlib import Path


class ConfigError(RuntimeError):
    """A setting that production needs is missing or wrong."""


def database_url(instance_path: str) -> str:
    """``DATABASE_URL`` (PostgreSQL for several instances), else SQLite in the instance folder."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return f"sqlite:///{Path(instance_path) / 'vox.sqlite'}"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def secret_key(instance_path: str, production: bool) -> str:
    """The key that signs sessions. Production must set SECRET_KEY; locally one is kept in instance/."""
    key = os.environ.get("SECRET_KEY", "").strip()
    if key:
        return key
    if production:
        raise ConfigError("SECRET_KEY is not set. Set it to a long random string before starting Vox in production "
                          "(for example: python -c 'import secrets; print(secrets.token_hex(32))').")
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
    return path.read_text().strip()


def load_config(instance_path: str) -> dict:
    production = os.environ.get("VOX_ENV", "development") == "production"
    return {
        "VOX_ENV": "production" if production else "development",
        "SECRET_KEY": secret_key(instance_path, production),
        "SQLALCHEMY_DATABASE_URI": database_url(instance_path),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "BABEL_DEFAULT_LOCALE": os.environ.get("VOX_DEFAULT_LOCALE", "nl"),
        "BABEL_DEFAULT_TIMEZONE": os.environ.get("VOX_TIMEZONE", "Europe/Brussels"),
        "BABEL_TRANSLATION_DIRECTORIES": str(Path(__file__).parent.parent / "translations"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        #: a staff session ends this long after logging in, even in a browser kept open (at least a day)
        "PERMANENT_SESSION_LIFETIME": timedelta(days=max(1, int(os.environ.get("VOX_SESSION_DAYS", 31)))),
        "MAX_CONTENT_LENGTH": int(os.environ.get("VOX_MAX_UPLOAD_BYTES", 5 * 1024 * 1024)),
        #: the smallest group a dashboard or export may show
        "VOX_MIN_GROUP": max(3, int(os.environ.get("VOX_MIN_GROUP", 5))),
        #: where the spoken clips made by `flask speech generate` are kept (shared by the instances or made on each)
        "VOX_SPEECH_DIR": os.environ.get("VOX_SPEECH_DIR", str(Path(instance_path) / "speech")),
        "VOX_PUBLIC_URL": os.environ.get("VOX_PUBLIC_URL", "http://127.0.0.1:5000").rstrip("/"),
        #: where rate limits are counted: memory (one process) or Redis shared by every app server
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        #: while that storage does not answer, limits are counted in each process's memory: no login or answer fails
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        "RATELIMIT_SWALLOW_ERRORS": True,
        "RATELIMIT_HEADERS_ENABLED": True,
        #: responses accepted per round per minute (a tablet that was offline sends its backlog at once)
        "VOX_SUBMISSIONS_PER_MINUTE": int(os.environ.get("VOX_SUBMISSIONS_PER_MINUTE", 600)),
        #: how many reverse proxies stand in front of the app (for HTTPS detection and HSTS)
        "VOX_PROXIES": int(os.environ.get("VOX_PROXIES", 0)),
    }
