"""Common Ground settings: one module, every value from the environment.

Each variable is listed with its default and meaning in docs/configuration.md; keep
the two in step. Production is the default (``DEBUG`` off); the demo server and the
test suite opt out of the production-only requirements explicitly.
"""

from __future__ import annotations

import datetime
import importlib.util
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from commonground.config import (
    env_bool,
    env_int,
    env_list,
    env_secret,
    env_str,
    mandatory_secret,
    strong_secret,
)

SRC_DIR = Path(__file__).resolve().parent
BASE_DIR = SRC_DIR.parents[1]  # the repository (or installation) root
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    # No switch here lets a server run without a real key: the test suite (tests/settings.py)
    # and analysts' offline commands (__main__.py) put a throwaway key in their own
    # process's environment instead.
    key = env_secret("SECRET_KEY")
    if key:
        return key if DEBUG else strong_secret("SECRET_KEY", key)
    if DEBUG:
        # Development only: a random key kept beside the demo database so that
        # sign-ins survive a restart. Never used with DEBUG off.
        path = VAR_DIR / "dev-secret-key"
        if not path.exists():
            VAR_DIR.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
            path.chmod(0o600)
        return path.read_text(encoding="utf-8").strip()
    return mandatory_secret(
        "SECRET_KEY",
        "Common Ground will not start in production (DEBUG=false) without a secret key, "
        "because sessions, password-reset links and invitations are signed with it.",
    )


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# HTTPS is assumed in production: secure cookies, HSTS and redirects to https.
HTTPS = env_bool("HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
# The client's address for rate limits and lockouts comes from the proxies' header only
# when the operator says how many proxies stand in front (core/client_address.py).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
TRUSTED_PROXY_HEADER = env_str("TRUSTED_PROXY_HEADER", "X-Forwarded-For")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 12)
CSRF_FAILURE_VIEW = "commonground.core.views.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "commonground.core",
    "commonground.background",
    "commonground.search",
    "commonground.accounts",
    "commonground.places",
    "commonground.library",
    "commonground.forums",
    "commonground.tensions",
    "commonground.surveys",
    "commonground.plans",
    "commonground.assessments",
    "commonground.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files: served, not logged
    "commonground.core.logs.RequestLogMiddleware",
    "commonground.core.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "commonground.core.middleware.PreferredLanguageMiddleware",
    "commonground.core.middleware.ServiceErrorPagesMiddleware",  # not Django's debug pages
    "django.middleware.common.CommonMiddleware",
    # NUL and other control characters in the API's input: 422, before any endpoint runs.
    "commonground.api.middleware.ApiTextMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "commonground.core.middleware.DomainErrorMiddleware",
    # Last: turns a sign-in from a locked-out account and address into the lockout page.
    "axes.middleware.AxesMiddleware",
]

FORM_RENDERER = "commonground.core.forms.GovukFormRenderer"
ROOT_URLCONF = "commonground.urls"
WSGI_APPLICATION = "commonground.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "commonground.core.context_processors.service",
                "commonground.core.context_processors.languages",
            ],
            # Every template may mark strings without remembering {% load i18n %}, and
            # use the layout patterns (tables in their own scroll box, folded filters).
            "builtins": ["django.templatetags.i18n", "commonground.core.templatetags.layout"],
        },
    },
]


def _databases() -> dict[str, Any]:
    default_sqlite = f"sqlite:///{VAR_DIR / 'commonground.sqlite3'}"
    url = env_str("DATABASE_URL", default_sqlite)
    config: dict[str, Any] = dict(dj_database_url.parse(
        url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60), conn_health_checks=True
    ))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Connections persist like PostgreSQL's (DATABASE_CONN_MAX_AGE): opening one and
        # running the pragmas below on every request was the largest cost left per page.
        config["OPTIONS"] = {
            # WAL lets readers carry on while one writer writes; IMMEDIATE takes the
            # write lock at BEGIN so concurrent writers queue instead of failing.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
        if config["NAME"] and config["NAME"] != ":memory:":
            Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    return {"default": config}


DATABASES = _databases()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": REDIS_URL}}
else:
    # Shared by every server process (unlike local memory), so sign-in throttling holds.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                          "LOCATION": "commonground_cache"}}

# Background work (docs/deployment.md, "Workers and the scheduler"): tasks are queued in
# the database and run by `commonground worker` processes; `commonground scheduler` queues
# the periodic ones. Long imports have a queue of their own, so that a deployment can give
# them their own workers and email never waits behind them.
TASK_QUEUES = ["default", "imports"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": TASK_QUEUES}}

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "core:home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 60 * 60 * 24)

# Failed sign-ins: after this many within the window, that account *from that address*
# must wait until the window has passed (django-axes; accounts/throttle.py says why the
# pair, not the account alone: a stranger must not lock the owner out).
SIGN_IN_MAX_FAILURES = env_int("SIGN_IN_MAX_FAILURES", 5)
SIGN_IN_WINDOW_SECONDS = env_int("SIGN_IN_WINDOW_SECONDS", 15 * 60)
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend",
                           "commonground.accounts.backends.MembershipBackend",
                           # Only to read back sessions signed in before MembershipBackend.
                           "django.contrib.auth.backends.ModelBackend"]
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"  # counts in the shared cache, expiring
AXES_FAILURE_LIMIT = SIGN_IN_MAX_FAILURES
AXES_COOLOFF_TIME = datetime.timedelta(seconds=SIGN_IN_WINDOW_SECONDS)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "commonground.accounts.throttle.username_of"
AXES_CLIENT_IP_CALLABLE = "commonground.core.client_address.client_address"
AXES_LOCKOUT_CALLABLE = "commonground.accounts.views.signin.locked_out"
AXES_RESET_ON_SUCCESS = True
# No table of every sign-in with its address and browser: the audit log records sign-ins.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = False  # its tables stay empty with the cache handler
# Password-reset emails sent per account, and per address, in an hour; past either the
# page answers the same and sends nothing.
PASSWORD_RESET_EMAILS_PER_ACCOUNT = env_int("PASSWORD_RESET_EMAILS_PER_ACCOUNT", 3)
PASSWORD_RESET_EMAILS_PER_ADDRESS = env_int("PASSWORD_RESET_EMAILS_PER_ADDRESS", 10)
INVITATION_DAYS = env_int("INVITATION_DAYS", 14)

# How long personal and operational data are kept (days); see docs/configuration.md.
RETENTION_DAYS = {
    "contact_details": env_int("RETENTION_CONTACT_DETAILS_DAYS", 365),
    "audit_log": env_int("RETENTION_AUDIT_LOG_DAYS", 6 * 365),
    "outgoing_email": env_int("RETENTION_OUTGOING_EMAIL_DAYS", 30),
    "task_results": env_int("RETENTION_TASK_RESULTS_DAYS", 14),
    "survey_responses": env_int("RETENTION_SURVEY_RESPONSES_DAYS", 730),
}
# Counts from 1 to DISCLOSURE_MIN_COUNT - 1 are hidden outside the organisation owning them.
DISCLOSURE_MIN_COUNT = env_int("DISCLOSURE_MIN_COUNT", 5)
# Residents' survey: below this effective number of responses a ward's direct estimate is
# not shown ("not enough responses"; a modelled estimate may stand in).
SURVEY_MIN_EFFECTIVE_N = env_int("SURVEY_MIN_EFFECTIVE_N", 30)
# Public tension reports accepted per network address per hour (0 turns the limit off).
REPORT_RATE_LIMIT = env_int("REPORT_RATE_LIMIT", 10)
# A base map under the report form's pin: a tile address such as
# https://tile.example.org/{z}/{x}/{y}.png, and the words its licence asks to be shown.
# Empty (the default): no tiles, the ward shapes are the map, and no other host is allowed.
MAP_TILE_URL = env_str("MAP_TILE_URL")
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION")

# Forums: how long authors may edit their posts; how new accounts are held back.
FORUMS_EDIT_WINDOW_MINUTES = env_int("FORUMS_EDIT_WINDOW_MINUTES", 60)
FORUMS_NEW_ACCOUNT_DAYS = env_int("FORUMS_NEW_ACCOUNT_DAYS", 7)
FORUMS_NEW_ACCOUNT_POSTS_PER_HOUR = env_int("FORUMS_NEW_ACCOUNT_POSTS_PER_HOUR", 5)

# Plans: the largest evidence file (megabytes) attached to a mapping item or an update.
PLANS_EVIDENCE_MAX_MB = env_int("PLANS_EVIDENCE_MAX_MB", 10)

EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Common Ground <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# English and Welsh (docs/welsh.md). English pages have unprefixed addresses, Welsh ones
# the same address under /cy/; the reader's choice is kept in a cookie and, once signed
# in, on their account (which also sets the language of the emails they receive).
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
# The project catalogue (the shared layout, and Django's messages Django has no Welsh for),
# then each app's own. Listed here, not only found through INSTALLED_APPS, because
# catalogues in LOCALE_PATHS come before Django's: where our Welsh for a phrase differs
# from Django's (the admin's "%(counter)s result"), ours must win.
LOCALE_PATHS = [SRC_DIR / "locale", *sorted(SRC_DIR.glob("*/locale"))]
LANGUAGE_COOKIE_NAME = "cg_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_HTTPONLY = True
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
# Front-end packages come from npm (package.json) into node_modules, and our Sass is
# compiled into build/static by `npm run build`; neither is committed.
NODE_MODULES = Path(env_str("NODE_MODULES", str(BASE_DIR / "node_modules")))
STATICFILES_DIRS = [
    BASE_DIR / "build" / "static",
    ("govuk", NODE_MODULES / "govuk-frontend" / "dist" / "govuk"),
    ("leaflet", NODE_MODULES / "leaflet" / "dist"),
    ("chartjs", NODE_MODULES / "chart.js" / "dist"),
]


def _file_storage() -> dict[str, Any]:
    """Uploaded files: a local folder (MEDIA_ROOT), or an S3-compatible bucket when
    STORAGE_S3_BUCKET is set, so that every web server and worker reads the same files."""
    bucket = env_str("STORAGE_S3_BUCKET")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if importlib.util.find_spec("storages") is None:
        raise ImproperlyConfigured(
            "STORAGE_S3_BUCKET is set, but django-storages is not installed: install "
            "Common Ground with its s3 extra (pip install '.[s3]').")
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "bucket_name": bucket,
        "endpoint_url": env_str("STORAGE_S3_ENDPOINT_URL") or None,
        "region_name": env_str("STORAGE_S3_REGION") or None,
        # Unset, boto3 finds credentials itself (instance role, AWS_* variables, files).
        "access_key": env_secret("STORAGE_S3_ACCESS_KEY_ID"),
        "secret_key": env_secret("STORAGE_S3_SECRET_ACCESS_KEY"),
        "location": env_str("STORAGE_S3_PREFIX", "uploads"),
        "addressing_style": env_str("STORAGE_S3_ADDRESSING_STYLE") or None,
        # Private objects, never overwritten; nothing of ours links to them directly.
        "default_acl": None, "file_overwrite": False, "querystring_auth": True,
    }}


STORAGES = {
    "default": _file_storage(),
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG  # serve files as they change; no collectstatic
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))

# One JSON object per line in production (what a log collector reads), plain text for a
# person at the demo; one line per request with its id (core/logs.py says what is in it
# and what never is).
LOG_FORMAT = env_str("LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or text, not {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "commonground.core.logs.RequestIdFilter"},
        "without_paths": {"()": "commonground.core.logs.WithoutPaths"},
    },
    "formatters": {
        "json": {"()": "commonground.core.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT,
                             "filters": ["request_id", "without_paths"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # The development server prints its own line per request.
        "commonground.request": {"level": "INFO" if LOG_FORMAT == "json" else "WARNING"},
        # django-axes logs every sign-in at INFO, with masked names: lockouts are warnings.
        "axes": {"level": "WARNING"},
    },
}

# Shown in the phase banner and page titles.
SERVICE_NAME = "Common Ground"
SERVICE_PHASE = env_str("SERVICE_PHASE", "beta")
FEEDBACK_EMAIL = env_str("FEEDBACK_EMAIL", "feedback@localhost")
