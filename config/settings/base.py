"""Settings shared by every environment; each value can come from the environment."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from js_asset.js import static_lazy

from .env import env, env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env("SECRET_KEY", "insecure-development-key-do-not-use-in-production")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Demo mode lets `manage.py seed` create the demo editor account; production never sets it.
MASTHEAD_DEMO = env_bool("MASTHEAD_DEMO", False)
SITE_NAME = env("SITE_NAME", "Masthead")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "config.apps.MastheadAdminConfig",  # django.contrib.admin with the desk (config/admin.py)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "taggit",
    "reversion",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_prose_editor",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "events",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "accounts",
    "people",
    "articles",
    "search",
    "images",
    "fronts",
    "moving",
    "webhooks",
    "live",
    "seeds",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.RefuseNulMiddleware",
    # In development only, absolute URLs follow the host and port served (core/site.py).
    "core.site.ServedAddressMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.middleware.DatabaseUnavailableMiddleware",
    # Outside the request's transaction: it sees whether the rows of stored files were kept.
    "core.storage.DiscardUnsavedUploadsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the page cache: an old address (a 404, or WordPress's /?p=123) that an import
    # recorded answers 301 to its article, whatever page is cached for it.
    "moving.middleware.OldAddressMiddleware",
    # A renamed or merged person, topic or section: its former slug answers 301 (core/moved.py).
    "core.moved.MovedMiddleware",
    # Before sessions, auth and CSRF: a cached page costs as little as possible.
    "core.pagecache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Who has passed a second factor (django-otp), then idle sessions and owed factors.
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.AuditContextMiddleware",
    "accounts.middleware.StaffSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.site",
            ],
            "libraries": {"csp_nonce": "core.nonce"},
        },
    },
]


# Every request's database work ends well before gunicorn's 30-second worker timeout: a
# statement or a wait for a lock that runs longer is cancelled, and the client gets a 503
# (core/middleware.py) instead of a killed worker. Commands share the limits; give a long
# maintenance run more with e.g. DB_STATEMENT_TIMEOUT=0 (no limit).
DB_STATEMENT_TIMEOUT = float(env("DB_STATEMENT_TIMEOUT", "20"))
DB_LOCK_TIMEOUT = float(env("DB_LOCK_TIMEOUT", "10"))
# How long an SQLite writer waits for another's write lock before giving up (a 503).
DB_BUSY_TIMEOUT = float(env("DB_BUSY_TIMEOUT", "10"))


def postgres_timeouts(statement: float, lock: float) -> str:
    """Return libpq `options` setting PostgreSQL's statement and lock timeouts (seconds)."""
    return f"-c statement_timeout={round(statement * 1000)} -c lock_timeout={round(lock * 1000)}"


def sqlite_database(path: Path) -> dict:
    """Return an SQLite configuration tuned for several concurrent writers."""
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        "OPTIONS": {
            # IMMEDIATE takes the write lock at BEGIN, so a second writer waits
            # (up to `timeout` seconds) instead of failing with "database is locked".
            "transaction_mode": "IMMEDIATE",
            "timeout": DB_BUSY_TIMEOUT,
            "init_command": (
                "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"
            ),
        },
    }


def database_from_url(url: str) -> dict:
    """Return a database configuration parsed from a DATABASE_URL-style string."""
    database = dj_database_url.parse(
        url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True
    )
    if database["ENGINE"] == "django.db.backends.postgresql":
        options = database.setdefault("OPTIONS", {})
        options["options"] = postgres_timeouts(DB_STATEMENT_TIMEOUT, DB_LOCK_TIMEOUT)
    return database


DATABASES = {
    "default": (
        database_from_url(env("DATABASE_URL"))
        if env("DATABASE_URL")
        else sqlite_database(Path(env("SQLITE_PATH", str(BASE_DIR / "db.sqlite3"))))
    )
}
if env("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = database_from_url(env("DATABASE_REPLICA_URL"))
    DATABASE_ROUTERS = ["config.db_routers.PrimaryReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# Covering indexes (INCLUDE, e.g. live entries' key-event flags) serve PostgreSQL; SQLite
# makes them plain indexes, which is all it needs, so its warning saying so is left out.
SILENCED_SYSTEM_CHECKS = (
    ["models.W040"] if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" else []
)


def redis_cache(url: str) -> dict:
    """Return the Redis cache configuration; it answers as a miss while Redis is down."""
    timeout = float(env("REDIS_TIMEOUT", "0.5"))
    return {
        "BACKEND": "core.cache.FailOpenRedisCache",
        "LOCATION": url,
        "KEY_PREFIX": env("CACHE_KEY_PREFIX", "masthead"),
        "OPTIONS": {
            "socket_connect_timeout": timeout,
            "socket_timeout": timeout,
            "pool_class": "core.cache.GuardedConnectionPool",
        },
    }


PAGE_CACHE_REDIS_URL = env("PAGE_CACHE_REDIS_URL", env("REDIS_URL"))
# What every process must see alike: the page cache's tag versions, throttle counts. Redis
# when it is configured, else Django's database cache (its table is made by `migrate`).
SHARED_CACHE = (
    redis_cache(env("REDIS_URL"))
    if env("REDIS_URL")
    else {
        "BACKEND": "core.cache.SharedDatabaseCache",
        "LOCATION": "masthead_cache",
        # Never culled: a tag version lost would only cost misses, but nothing need go.
        "TIMEOUT": None,
        "OPTIONS": {"MAX_ENTRIES": 10_000_000},
    }
)
# After Redis fails to answer, each process leaves it alone this long (core/cache.py).
REDIS_RETRY_SECONDS = float(env("REDIS_RETRY_SECONDS", "5"))


CACHES = {
    "default": (
        redis_cache(env("REDIS_URL"))
        if env("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    "shared": SHARED_CACHE,
    # The page cache's own alias: pages never evict the API's or the throttles' keys, and a
    # Redis that stops answering fails fast instead of holding up the page (served uncached).
    # Without Redis each process keeps its own pages, checked against the shared versions.
    "pages": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": PAGE_CACHE_REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "masthead") + "-pages",
            "OPTIONS": {
                "socket_connect_timeout": 0.25,
                "socket_timeout": 0.25,
                "pool_class": "core.cache.GuardedConnectionPool",
            },
        }
        if PAGE_CACHE_REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    ),
    # Rendered cards, keyed by what they show (core/fragments.py): each process's own memory,
    # least recently used first out; about 1 kB an entry.
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments",
        "TIMEOUT": None,
        "OPTIONS": {"MAX_ENTRIES": env_int("FRAGMENT_CACHE_ENTRIES", 10000)},
    },
}
FRAGMENT_CACHE_ALIAS = "fragments"
# Rendered cards and article parts (core/fragments.py); off for debugging templates.
FRAGMENT_CACHE = env("FRAGMENT_CACHE", "on").strip().lower() not in {"off", "0", "false", "no"}

# django-axes first: it refuses a locked-out sign-in before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Bounds what an API token's requests may do by the token's scope (accounts/scopes.py).
    "accounts.scopes.TokenScopeBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lock a username out from one address after this many wrong passwords in a row; locking the
# username everywhere would let anyone lock an editor out (docs/operators.md).
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.lockout.locked_out"
AXES_CLIENT_IP_CALLABLE = "core.addresses.client_address"
AXES_SENSITIVE_PARAMETERS = ["password"]

# Two-factor sign-in (docs/operators.md, "Two-factor sign-in"): the roles that must use it.
# Production defaults to Editor and Administrator; development to none.
REQUIRE_2FA_ROLES = env_list("REQUIRE_2FA_ROLES", "")
OTP_TOTP_ISSUER = env("SITE_NAME", "Masthead")
OTP_WEBAUTHN_RP_NAME = env("SITE_NAME", "Masthead")
OTP_WEBAUTHN_RP_ID_CALLABLE = "accounts.passkeys.relying_party_id"
OTP_WEBAUTHN_HELPER_CLASS = "accounts.passkeys.PasskeyHelper"
# The public origin; passkeys need https, or localhost in development (127.0.0.1, an
# address, cannot hold one). The admin's own origin is added per request (accounts/passkeys.py).
OTP_WEBAUTHN_ALLOWED_ORIGINS = [
    SITE_URL.rstrip("/") if SITE_URL.startswith("https://") else "http://localhost:8000"
]
# Passkeys are a second factor after the password, never a way in on their own.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
# An admin session left idle this long ends; staff sign in again.
ADMIN_IDLE_MINUTES = env_int("ADMIN_IDLE_MINUTES", 60)
# How long a new API token lasts unless its creator chooses; audit entries are kept this long.
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 90)
AUDIT_LOG_DAYS = env_int("AUDIT_LOG_DAYS", 365)
# /.well-known/security.txt (RFC 9116).
SECURITY_TXT_CONTACTS = env_list("SECURITY_TXT_CONTACTS", "mailto:security@example.com")
SECURITY_TXT_POLICY = env("SECURITY_TXT_POLICY", "")
SECURITY_TXT_LANGUAGES = env("SECURITY_TXT_LANGUAGES", "en")
SECURITY_TXT_EXPIRES_DAYS = env_int("SECURITY_TXT_EXPIRES_DAYS", 180)
# Imports of WordPress and Ghost exports in the admin (docs/editors.md, "Moving in"): the
# largest file taken, and a folder on the server holding the old site's pictures, if any.
IMPORT_UPLOAD_LIMIT_MB = env_int("IMPORT_UPLOAD_LIMIT_MB", 200)
IMPORT_MEDIA_DIR = env("IMPORT_MEDIA_DIR", "")

# The anonymous page and API cache (docs/operators.md, "The page cache"). PAGE_CACHE=off
# turns it off, for the benchmark and for debugging.
PAGE_CACHE = env("PAGE_CACHE", "on").strip().lower() not in {"off", "0", "false", "no"}
PAGE_CACHE_ALIAS = "pages"
# Where tag versions live when the page cache is not on Redis (on Redis they lie beside the
# pages, for the one-round-trip hit): a store every process sees.
PAGE_CACHE_VERSIONS_ALIAS = "shared"
# The API throttles' counts: a per-process count is no limit (events/checks.py).
THROTTLE_CACHE_ALIAS = "shared"
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# How long a CDN may serve a stale copy while it fetches a fresh one.
PAGE_CACHE_STALE_SECONDS = env_int("PAGE_CACHE_STALE_SECONDS", 30)
# How long after a change a page may still be served as it was before it, while one request
# renders it afresh (the others are not held up: no stampede); docs/operators.md.
PAGE_CACHE_STALE_BOUND = float(env("PAGE_CACHE_STALE_BOUND", "2"))
# How far apart the clocks of the web servers may be (they stamp each change).
PAGE_CACHE_CLOCK_SKEW = float(env("PAGE_CACHE_CLOCK_SKEW", "0.5"))
PAGE_CACHE_SKIP_PREFIXES = ["/admin/", "/preview/", "/media/", "/static/", "/bench/", "/health/"]
# Live answers (polls, feeds) are described by the live app, everything else by articles'.
PAGE_CACHE_DESCRIBE = "live.pagecache.describe"
# Which answers, once stale, the request finding them renders (the others are rendered after
# that request's answer): the live polls and feeds, small and polled for.
PAGE_CACHE_REFRESH_INLINE = "live.pagecache.polled"
# How often a live article's readers poll for new entries, stated by the server in every
# answer: raise it to slow every reader down under load (docs/operators.md, "Live coverage").
LIVE_POLL_SECONDS = env_int("LIVE_POLL_SECONDS", 15)
# A callable given the tags each change makes stale, e.g. to purge them at a CDN.
PAGE_CACHE_PURGE = env("PAGE_CACHE_PURGE")
# Routes bench/serve.py's trivial view (/bench/ceiling/); never set in production.
BENCH_CEILING = env_bool("BENCH_CEILING", False)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env("TIME_ZONE", "Asia/Hong_Kong")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# The body editor's own figure dialog and credit mark replace the library's Figure.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("admin-desk/figure.js")],
        # What each allows in the HTML; articles/sanitize.py has the last word.
        "extensions": {
            "Figure": "django_prose_editor.config.process_figure",
            "Credit": "articles.admin.desk.allow_credit",
        },
    },
]
MEDIA_URL = env("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
# Uploads go through the storage API only; for S3 set MEDIA_STORAGE_BACKEND to
# "storages.backends.s3.S3Storage" (django-storages) and its AWS_* variables (docs/operators.md).
STORAGES = {
    "default": {"BACKEND": env("MEDIA_STORAGE_BACKEND", "core.storage.AtomicFileSystemStorage")},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Width and height of the pictures `manage.py seed` draws for the demo newsroom.
DEMO_PICTURE_SIZE = (1600, 900)

# Media is served by Masthead itself, safely, unless a web server or object storage does it.
SERVE_MEDIA = env_bool(
    "SERVE_MEDIA",
    MEDIA_URL.startswith("/")
    and STORAGES["default"]["BACKEND"]
    in ("core.storage.AtomicFileSystemStorage", "django.core.files.storage.FileSystemStorage"),
)


def media_origin(url: str) -> list[str]:
    """Return the origin of an absolute MEDIA_URL, for the CSP to allow its pictures."""
    if "://" not in url:
        return []
    scheme, rest = url.split("://", 1)
    return [f"{scheme}://{rest.split('/', 1)[0]}"]


# No inline script anywhere: the few inline blocks carry the request's nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        # The hash is the stylesheet the admin's rich-text editor (Tiptap, in
        # django-prose-editor 0.28.0) injects; tests/browser/test_csp.py notices a change.
        "style-src": [SELF, NONCE, "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"],
        "img-src": [SELF, "data:", *media_origin(MEDIA_URL)],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

TAGGIT_CASE_INSENSITIVE = True
# Search lists, re-ranks and counts facets over this many of its best matches (every match
# is placed in its tier first; see docs/architecture.md).
SEARCH_DEPTH = env_int("SEARCH_DEPTH", 1000)
# An emergency cap below SEARCH_DEPTH for an overloaded database; 0 (the default) is off.
SEARCH_CANDIDATES = env_int("SEARCH_CANDIDATES", 0)
# Django 6 makes https the default scheme of form URL fields; opt in now.
FORMS_URLFIELD_ASSUME_HTTPS = True

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Token first, so that an unauthenticated write gets 401 with WWW-Authenticate.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.ScopedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["core.api.permissions.NewsroomModelPermissions"],
    "DEFAULT_FILTER_BACKENDS": ["core.api.filters.FilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.NumberedPages",
    "PAGE_SIZE": 20,
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "core.api.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "core.api.parsers.SafeJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "EXCEPTION_HANDLER": "core.api.errors.exception_handler",
    # Throttling protects capacity; it is not a security control.
    "DEFAULT_THROTTLE_CLASSES": [
        "core.api.throttling.AnonymousThrottle",
        "core.api.throttling.ClientThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_ANON", "120/minute"),
        "user": env("API_THROTTLE_USER", "1200/minute"),
        # Wrong tokens from one address; unlike the two above, this one guards access.
        "token-failures": env("API_TOKEN_FAILURES", "10/minute"),
    },
    "NUM_PROXIES": env_int("API_NUM_PROXIES", 0),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Masthead API",
    "DESCRIPTION": "Read published journalism; staff clients may also write.",
    "VERSION": "1.0.0",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Clients send JSON. Forms are parsed only for the browsable API's HTML forms, where an
    # empty field means "not given": a meaning that JSON Schema cannot describe.
    "PARSER_WHITELIST": ["core.api.parsers.SafeJSONParser"],
    # `fields=` may leave any field out, so responses promise no field in particular.
    "COMPONENT_NO_READ_ONLY_REQUIRED": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "TagKindEnum": "articles.models.Tag.Kind",
        "PersonKindEnum": "people.models.Person.Kind",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.schema.describe_unicode_slugs",
        "core.api.schema.document_errors",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    # The worker runs the tasks backend's own loop every turn: its start and end are noise.
    "loggers": {"django_tasks_db": {"level": "WARNING"}},
}

# Background work (docs/operators.md, "The worker"): django.tasks on the database (the
# default) or on Redis Queue (TASKS_BACKEND=rq, with REDIS_URL), for several machines.
TASKS_BACKEND = env("TASKS_BACKEND", "database")
TASKS = {
    "default": {
        "BACKEND": "django_tasks_rq.RQBackend"
        if TASKS_BACKEND == "rq"
        else "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
if TASKS_BACKEND == "rq":
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": env("REDIS_URL")}}
# Events (docs/architecture.md, "Events"): an effect that fails is tried again after
# EVENTS_RETRY_SECONDS, doubling up to EVENTS_RETRY_MAX_SECONDS; a process that claimed one
# and died leaves it to another after EVENTS_LEASE_SECONDS.
EVENTS_RETRY_SECONDS = env_int("EVENTS_RETRY_SECONDS", 2)
EVENTS_RETRY_MAX_SECONDS = env_int("EVENTS_RETRY_MAX_SECONDS", 300)
EVENTS_LEASE_SECONDS = env_int("EVENTS_LEASE_SECONDS", 60)
# How long the worker rests between turns.
EVENTS_POLL_SECONDS = float(env("EVENTS_POLL_SECONDS", "1"))
# Events whose effects have all run are deleted by the worker after this many days.
EVENTS_KEEP_DAYS = env_int("EVENTS_KEEP_DAYS", 7)
# A scheduled story goes live by the worker at its time (a delayed task), and a sweep this
# often catches any the task missed: the most a cached list may lag a scheduled publish.
PUBLISH_SWEEP_SECONDS = env_int("PUBLISH_SWEEP_SECONDS", 60)
# Readiness fails when the worker has not beaten for this long, or when the oldest
# undelivered event is this old.
HEALTH_WORKER_SECONDS = env_int("HEALTH_WORKER_SECONDS", 120)
HEALTH_OUTBOX_SECONDS = env_int("HEALTH_OUTBOX_SECONDS", 300)

# Webhooks (docs/api.md, "Webhooks"; docs/operators.md): networks otherwise refused as
# private (comma-separated CIDRs, e.g. 10.0.0.0/8 for a partner on the same network), and
# whether http:// endpoints are allowed (https only unless set; local.py allows it).
WEBHOOK_ALLOWED_NETWORKS = env_list("WEBHOOK_ALLOWED_NETWORKS")
WEBHOOK_ALLOW_HTTP = env_bool("WEBHOOK_ALLOW_HTTP", False)
WEBHOOK_TIMEOUT_SECONDS = float(env("WEBHOOK_TIMEOUT_SECONDS", "10"))
# A delivery is retried for this long; an endpoint failing for this long is disabled.
WEBHOOK_RETRY_DAYS = env_int("WEBHOOK_RETRY_DAYS", 3)
# After a secret's rotation, deliveries carry both signatures for this long.
WEBHOOK_ROTATION_HOURS = env_int("WEBHOOK_ROTATION_HOURS", 24)
# Delivered and failed deliveries stay in the delivery log this long.
WEBHOOK_LOG_DAYS = env_int("WEBHOOK_LOG_DAYS", 30)
# The longest a worker's turn spends sending webhooks before its other work.
WEBHOOK_TURN_SECONDS = float(env("WEBHOOK_TURN_SECONDS", "20"))

# Seconds a client is asked to wait (Retry-After) while the database is unreachable.
DATABASE_RETRY_AFTER = env_int("DATABASE_RETRY_AFTER", 30)
