"""Settings for the platform portal, read from the environment in this one place.

Local defaults are safe for a developer's machine (SQLite under ``var/``, DEBUG on). With DEBUG off the
portal refuses to start without a real SECRET_KEY and ALLOWED_HOSTS. Every variable is listed in
``.env.example``.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from platform_site.observability import error_reporting_init, logging_config  # operations (issue 9)

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEFAULT_SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"
# Secrets published in this repository (the development default, .env.example's placeholders past and
# present): whoever reads the repository could sign sessions and password-reset links with them.
PUBLISHED_SECRET_KEYS = frozenset(
    {
        DEFAULT_SECRET_KEY,
        "change-me-to-a-long-random-string-of-at-least-32-characters",
        "django-insecure-placeholder-refused-until-replaced-by-the-generated-value",
    }
)

DEBUG = env_bool("DEBUG", default=True)
SECRET_KEY = os.environ.get("SECRET_KEY", DEFAULT_SECRET_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")


def strong_secret(secret: str) -> bool:
    """What Django's deployment check (security.W009) demands of a secret, so that a key the portal accepts
    never fails ``check --deploy``: at least 50 characters, 5 different ones, no "django-insecure-" prefix;
    and not one published in this repository."""
    return (
        secret not in PUBLISHED_SECRET_KEYS
        and len(secret) >= SECRET_KEY_MIN_LENGTH
        and len(set(secret)) >= SECRET_KEY_MIN_UNIQUE_CHARACTERS
        and not secret.startswith(SECRET_KEY_INSECURE_PREFIX)
    )


if not DEBUG:
    if not strong_secret(SECRET_KEY):
        raise ImproperlyConfigured(
            f"Set SECRET_KEY to a long random value (at least {SECRET_KEY_MIN_LENGTH} characters, for instance "
            "python -c 'import secrets; print(secrets.token_urlsafe(48))'): DEBUG is off."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("Set ALLOWED_HOSTS (comma-separated host names): DEBUG is off.")

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before it.
    "modeltranslation",
    "platform_site.apps.PortalAdminConfig",  # django.contrib.admin with the coordinators-only site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_countries",
    "django_filters",
    "import_export",
    "simple_history",
    "axes",
    "django_htmx",
    # --- open data API (issue 12) ---
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # --- end open data API ---
    "partners",
    "recommendations",
    "reports",
    # The review calendar (issue 11): between reports and advocacy on the floors.
    "cycle",
    "advocacy",
    "platform_site",
    "api",  # open data API (issue 12): the top floor beside platform_site; nothing imports it
    "translations",  # content translation workflow (issue 13): the top floor beside platform_site
]

# --- background jobs (issue 9) -------------------------------------------------------------------------
# Django's task API (the django-tasks backport until Django 6's django.tasks) with its database backend:
# the worker is `manage.py db_worker`. The jobs app comes before django_tasks_db so that its db_worker (the
# library's, plus a heartbeat and the recovery of jobs whose worker died) takes the name.
INSTALLED_APPS += ["jobs", "django_tasks", "django_tasks_db"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Exports of more rows than this run as a job; smaller ones download at once.
EXPORT_SYNC_MAX_ROWS = int(os.environ.get("EXPORT_SYNC_MAX_ROWS", "5000"))
# Rows one imported file may hold (UHRI export or status workbook); the whole UN index fits by default.
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", "300000"))
# Largest imported file in megabytes. 300,000 UHRI-like rows (texts shorter than UHRI's) are 27 MB as .xlsx and
# 120 MB as CSV: to take all of UHRI in one upload raise this and the proxy's request_body max_size.
MAX_IMPORT_MB = int(os.environ.get("MAX_IMPORT_MB", "20"))
# Days a finished job and its result file are kept before `manage.py purge_job_results` deletes them.
JOB_RESULT_DAYS = int(os.environ.get("JOB_RESULT_DAYS", "7"))
# A worker not heard of for this long counts as gone: /healthz answers 503, its running jobs fail.
WORKER_STALE_SECONDS = int(os.environ.get("WORKER_STALE_SECONDS", "120"))
WORKER_HEARTBEAT_SECONDS = float(os.environ.get("WORKER_HEARTBEAT_SECONDS", "5"))
# Who sees everyone's jobs on /members/jobs/ (the jobs app itself knows nothing of roles).
JOBS_SEE_ALL = "partners.access.is_coordinator"
# --- end background jobs

MIDDLEWARE = [
    # Operations (issue 9): one log line per request, outermost so it times and sees every response.
    "platform_site.observability.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # /healthz for a local probe, before anything checks the host it names (platform_site/health.py).
    "platform_site.health.HealthCheckMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Hardening: 400 for a NUL character in the path or query string (platform_site/middleware.py); after
    # LocaleMiddleware, so that the 400 page speaks the visitor's language.
    "platform_site.middleware.RefuseNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Anonymous visitors' public pages, keyed by the content version (platform_site/page_cache.py).
    "platform_site.page_cache.AnonymousPageCacheMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # axes comes last, as its documentation asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "platform_site.urls"
WSGI_APPLICATION = "platform_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "platform_site.context_processors.portal",
            ],
        },
    },
]

VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
USING_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if USING_POSTGRES:
    INSTALLED_APPS.append("django.contrib.postgres")
    # No JIT compiling: it pays off for long analytical queries, and a page's queries are short. Planned
    # without statistics (after a bulk load, before autovacuum analyses) a page's query of a millisecond is
    # estimated costly enough to be compiled first, which took 100-500 ms. POSTGRES_JIT=on brings it back.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options", f"-c jit={'on' if os.environ.get('POSTGRES_JIT', '') == 'on' else 'off'}"
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# URL names, not paths: reversed in the language of the log-in or log-out page (/en/members/, /ky/members/).
LOGIN_REDIRECT_URL = "members:home"
LOGOUT_REDIRECT_URL = "home"

# Log-in lock-out: five failures lock the user name from that address for an hour.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

# --- Client address behind the proxy, and throttles (issue 8, point 8) ------------------------------------
# How many reverse proxies stand in front of the portal (0: none, X-Forwarded-For is ignored). With N, the
# client's address is the Nth entry from the right of X-Forwarded-For (partners/throttle.py), for axes'
# lock-out of the pair (user name, address) and for every rate limit.
TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
AXES_CLIENT_IP_CALLABLE = "partners.throttle.client_address"
# Password-reset mails (count, seconds): 3 an hour from one client address, 1 per 15 minutes to one
# e-mail address. Counted in the default cache (shared between hosts with a Redis CACHE_URL).
PASSWORD_RESET_MAILS_PER_ADDRESS = (3, 60 * 60)
PASSWORD_RESET_MAILS_PER_ACCOUNT = (1, 15 * 60)
# --- end of client address and throttles ------------------------------------------------------------------

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", _("Russian")), ("en", _("English")), ("ky", _("Kyrgyz"))]
# The project's catalogues first; then the country names in Kyrgyz that django-countries lacks, generated
# from CLDR by `manage.py country_names --language ky` (a folder not named "locale", so makemessages never
# writes into it).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "partners" / "country_names"]
# Date formats of our own where Django's differ from CLDR's (Kyrgyz: platform_site/formats/ky/).
FORMAT_MODULE_PATH = ["platform_site.formats"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Bishkek")
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "ru"
MODELTRANSLATION_LANGUAGES = ("ru", "en", "ky")
# A page falls back where a field was not written in its language: Kyrgyz readers mostly read Russian
# too, so Kyrgyz falls back to Russian first; Russian and English fall back to each other.
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("ru", "en"), "ky": ("ru", "en"), "ru": ("en",), "en": ("ru",)}

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploaded evidence and report files: PDF, Word or images up to this size.
MAX_UPLOAD_MB = int(os.environ.get("MAX_UPLOAD_MB", "20"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

CACHE_URL = os.environ.get("CACHE_URL", "")
# In this process's memory unless CACHE_URL names a Redis (redis:// or rediss://: see "One cache for every
# web host" below, which sets the default cache for both).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# --- The page cache apart from the rest (issue 8) ----------------------------------------------------------
# Anonymous visitors fill the page cache at will (every query string is a page of its own); sharing the
# default cache, they would push out what else it holds, the password-reset counters first among them.
# In memory each alias has its own store and its own limit. In one Redis they share its memory, so a Redis
# that evicts keys (a maxmemory limit) could still lose the counters: PAGE_CACHE_URL gives pages their own.
PAGE_CACHE_URL = os.environ.get("PAGE_CACHE_URL") or CACHE_URL
if PAGE_CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": PAGE_CACHE_URL,
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal") + ":pages",
    }
else:
    CACHES["pages"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"}
# --- end of the page cache apart ----------------------------------------------------------------------------

# Seconds an anonymous visitor's page is kept (0: no page cache). A change to the content shows at once
# whatever this is: the content version in the cache key moves on.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0" if DEBUG else "300"))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "portal@localhost")

# --- Review calendar digests (issue 11) ---
# Where the file backend (EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend) writes messages.
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
# The portal's address as readers reach it: links in e-mails (digests, unsubscribe) are built on it.
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# --- end review calendar digests ---

# Content security policy: everything is served from this host; no CDN, no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- HTTPS in production: redirect and HSTS (issue 8, point 11) -------------------------------------------
# On by default with DEBUG off, so that `manage.py check --deploy --fail-level WARNING` is clean; each can be
# tuned or turned off from the environment (see .env.example and the README's production section).
# The redirect trusts the proxy's X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER above): the proxy must set it
# and strip any the client sent. /healthz stays on plain HTTP for a local probe that sends no such header.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
# --- end of HTTPS in production ---------------------------------------------------------------------------

# --- Operations (issue 9): logs, error reports, uploaded files in object storage, backups ----------------
# LOG_FORMAT=json: one JSON object per line (requests, jobs, errors); unset or "text": human-readable.
# The request log and each job's start and end (logger "jobs": job_id, kind, duration_ms, outcome) are INFO
# lines, logged whatever LOG_LEVEL says; JOBS_LOG_LEVEL quiets the jobs' lines.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOGGING = logging_config(log_format=LOG_FORMAT, level=os.environ.get("LOG_LEVEL", "WARNING"))
LOGGING["loggers"]["jobs"]["level"] = os.environ.get("JOBS_LOG_LEVEL", "INFO")

# One cache for every web host. With Redis (CACHE_URL=redis://… or rediss://…) the page cache, the sessions'
# cache and anything else on Django's cache (rate limits) are shared by every web host; without it each
# process has its own. django-axes keeps its lock-out counters in the database (its default database
# handler), which every host shares already. CACHE_KEY_PREFIX separates portals (or test runs) sharing a Redis.
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "portal")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": CACHE_URL,
        "KEY_PREFIX": CACHE_KEY_PREFIX,
    }
    # Sessions read from Redis and written through to the database: a Redis restart logs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Errors go to Sentry only when SENTRY_DSN is set, without personal data (send_default_pii=False).
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
error_reporting_init(
    dsn=SENTRY_DSN,
    environment=os.environ.get("SENTRY_ENVIRONMENT", ""),
    traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
)

# MEDIA_STORAGE=s3: uploads (and job results, stored through the default storage) live in an S3-compatible
# bucket. Objects are private and every URL the storage makes is signed and short-lived; the portal still
# serves each file only through the view that asks who may see it (partners/files.py), never a bucket URL.
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "filesystem").strip().lower()
if MEDIA_STORAGE == "s3":
    if not os.environ.get("AWS_STORAGE_BUCKET_NAME"):
        raise ImproperlyConfigured("Set AWS_STORAGE_BUCKET_NAME: MEDIA_STORAGE is s3.")
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            # None: boto3 finds credentials itself (instance role, ~/.aws) when the variables are unset.
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 300,
            "signature_version": "s3v4",
            # Never replace another upload of the same name: the storage adds a suffix, as on disk.
            "file_overwrite": False,
        },
    }
elif MEDIA_STORAGE != "filesystem":
    raise ImproperlyConfigured("MEDIA_STORAGE is filesystem (the default) or s3.")

# Where `make backup` (manage.py backup_portal) writes the database dump and the uploads' archive.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", VAR_DIR / "backups"))
# --- end of operations: logs, error reports, storage, backups --------------------------------------------

SITE_NAME = _("Migrant Workers' Rights Platform")

# History is a record, not an undo button: a revert would also bring back derived state such as a
# recommendation's stored status, which only the assessment services may write.
SIMPLE_HISTORY_REVERT_DISABLED = True

# The names the region and the UN use, where django-countries' Russian names differ.
COUNTRIES_OVERRIDE = {"KG": _("Kyrgyzstan")}

# --- Open data API (issue 12): /api/v1/, its documentation at /api/ and the nightly dumps -------------
# Anonymous callers are throttled per address, counters in the default cache (shared through Redis when
# CACHE_URL is set); members use their session or a personal token and see what they see on the site.
API_ANON_RATE = os.environ.get("API_ANON_RATE", "60/minute")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.PersonalTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.AnonymousAddressThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": API_ANON_RATE},
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer", "api.renderers.CSVRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.IdCursorPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # The client address behind the reverse proxy: as many X-Forwarded-For hops as proxies we trust.
    "NUM_PROXIES": int(os.environ.get("TRUSTED_PROXIES", "0")),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Migrant Workers' Rights Platform — open data API",
    "DESCRIPTION": "Read-only public record of the platform: reports, UN and OSCE recommendations and their "
    "implementation status, advocacy events, organisations and vocabularies. See /api/ for examples.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # One name per choice set, where several fields share a name ("status", "kind").
    "ENUM_NAME_OVERRIDES": {
        "RecommendationStatusEnum": "recommendations.models.Status",
        "WorkflowStatusEnum": "partners.access.Workflow",
        "AssessmentStateEnum": "recommendations.models.StatusAssessment.State",
        "OrganisationKindEnum": "partners.models.Organisation.Kind",
        "ReportKindEnum": "reports.models.Report.Kind",
        "EventKindEnum": "advocacy.models.Event.Kind",
        "MechanismKindEnum": "recommendations.models.Mechanism.Kind",
        "RecommendationKindEnum": "recommendations.models.Recommendation.Kind",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.document_conditional_and_errors",
    ],
}
# The licence of the data the API and the dumps publish, and how to cite it (shown on /api/).
DATA_LICENCE = {
    "name": os.environ.get("DATA_LICENCE_NAME", "CC BY 4.0"),
    "url": os.environ.get("DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/"),
}
# Nightly dumps (manage.py dump_public_data) are kept under MEDIA_ROOT/<this>; this many are kept.
OPENDATA_DIR = os.environ.get("OPENDATA_DIR", "opendata")
OPENDATA_KEEP = int(os.environ.get("OPENDATA_KEEP", "3"))
# --- end open data API ---
