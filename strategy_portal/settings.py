"""Settings for the strategy portal, read from the environment (twelve-factor).

Development needs nothing set: DEBUG defaults to on and the database to SQLite under var/.
Production sets DEBUG=off, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL (PostgreSQL); docs/deployment.md lists the
other variables (load balancer, logs, media storage).
"""

from datetime import timedelta
from pathlib import Path
from typing import Any

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from strategy_portal.logs import JSON_FORMATTER

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()


def strict_bool(name: str, default: bool) -> bool:
    """Read a yes/no setting; a value that is neither (a typo like DEBUG=flase) stops the start."""
    value = env.str(name, default=str(default)).strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be on/off, true/false, yes/no or 1/0, not {value!r}.")


DEBUG = strict_bool("DEBUG", default=True)
if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="insecure-development-key-never-use-in-production")
else:
    SECRET_KEY = env.str("SECRET_KEY", default="")
    if not SECRET_KEY:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "axes",
    "csp",
    "strategy_portal",
    "accounts",
    "stakeholders",
    "projects",
    "budget",
    "reports",
    "oparl",
    "exchange",
]

MIDDLEWARE = [
    "strategy_portal.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag on every answer and 304 to a conditional GET (the OParl views add Last-Modified).
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "strategy_portal.urls"
WSGI_APPLICATION = "strategy_portal.wsgi.application"
ASGI_APPLICATION = "strategy_portal.asgi.application"

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

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# In production a worker keeps its connection for a minute (runserver's thread per request would only leak them),
# checked before each request: after a database restart the first request reconnects instead of failing.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0 if DEBUG else 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# In the database, shared by all app servers and their workers: the OParl interface caches rendered papers so that
# the size and checksum it announces belong to the file it serves (a DOCX differs with every rendering). The table
# comes from `manage.py createcachetable` (make migrate, make serve, docs/deployment.md).
# The licence of the OParl interface's data (System and Body `license`): the German open-data licence.
OPARL_LICENSE = env.str("OPARL_LICENSE", default="https://www.govdata.de/dl-de/by-2-0")
CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache"}}

AUTH_USER_MODEL = "accounts.User"
# django-axes first: it refuses a locked-out login before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend that refuses the demo accounts when DEBUG is off.
    "accounts.backends.PortalBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# The workspace's start page (an app's route): the shared workspace views link to it without importing that app.
WORKSPACE_HOME = "reports:workspace"
LOGIN_REDIRECT_URL = WORKSPACE_HOME
LOGOUT_REDIRECT_URL = "projects:home"

LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch")]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
# German numbers in and out: "12.000,00" in forms, pages and localized form fields (Django's `de` formats: "." groups
# thousands, "," separates the decimals). Templates then group every number they print, so years, ids and numbers
# in URLs or attributes are printed with |unlocalize (or {% localize off %}).
USE_THOUSAND_SEPARATOR = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")


def media_storage() -> dict[str, Any]:
    """Where uploaded documents live: under MEDIA_ROOT, or in an S3-compatible bucket that all app servers share.

    Either way they are never served directly: the portal's download view streams them as attachments.
    """
    kind = env.str("MEDIA_STORAGE", default="local")
    if kind == "local":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if kind != "s3":
        raise ImproperlyConfigured(f"MEDIA_STORAGE must be local or s3, not {kind!r}.")
    options = {
        "bucket_name": env.str("MEDIA_S3_BUCKET"),
        "endpoint_url": env.str("MEDIA_S3_ENDPOINT_URL", default=None),
        "region_name": env.str("MEDIA_S3_REGION", default=None),
        # Without keys boto3 finds its credentials itself (AWS_* variables, instance profile).
        "access_key": env.str("MEDIA_S3_ACCESS_KEY_ID", default=None),
        "secret_key": env.str("MEDIA_S3_SECRET_ACCESS_KEY", default=None),
        "location": env.str("MEDIA_S3_PREFIX", default="media"),
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
    }
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


STORAGES = {
    "default": media_storage(),
    # Production: collected files with a content hash in their names (cached for a year) and compressed beforehand
    # (.gz, .br), served by WhiteNoise from every app server. Development and tests read them from static/ and the
    # apps as they are, so nothing needs collectstatic there.
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
DOCUMENT_MAX_BYTES = env.int("DOCUMENT_MAX_BYTES", default=10 * 1024 * 1024)
# The largest strategy document `import_strategy` reads (exchange/document/reading.py); the seed has 44 kB.
STRATEGY_IMPORT_MAX_BYTES = env.int("STRATEGY_IMPORT_MAX_BYTES", default=8 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
# SMTP in production: EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS.
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = strict_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="strategieportal@localhost")
# The portal's address as users reach it: links in e-mails sent outside a request (reminders) start with it.
PORTAL_URL = env.str("PORTAL_URL", default="http://127.0.0.1:8000")

# Security ----------------------------------------------------------------------------------------------------------
# Strict whenever DEBUG is off; development keeps plain HTTP for runserver. Behind a TLS-terminating load balancer
# set SECURE_PROXY_SSL_HEADER to the header it sets (X-Forwarded-Proto, value https) and strips from client requests.
SECURE_SSL_REDIRECT = strict_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Load balancers probe over plain HTTP: the health check answers there instead of redirecting.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if proxy_ssl_header := env.str("SECURE_PROXY_SSL_HEADER", default=""):
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + proxy_ssl_header.strip().upper().replace("-", "_"), "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = strict_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = strict_bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = not DEBUG
# Only needed where a form is posted from another origin than the one the browser shows (e.g. a second host name).
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# In every environment, so that an inline script or style shows up in development already.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Password-reset throttling (accounts/throttle.py): e-mails per address and requests per client (the address as
# django-axes determines it, see AXES_PROXY_COUNT) within the window; more are refused without sending anything.
PASSWORD_RESET_MAILS_PER_ADDRESS = env.int("PASSWORD_RESET_MAILS_PER_ADDRESS", default=3)
PASSWORD_RESET_REQUESTS_PER_CLIENT = env.int("PASSWORD_RESET_REQUESTS_PER_CLIENT", default=10)
PASSWORD_RESET_THROTTLE_WINDOW = timedelta(hours=1)

# Login throttling (django-axes): five failed logins lock that user name from that address for the cool-off time.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
# Only failures are recorded; successful logins with their addresses are not kept (data minimisation).
AXES_DISABLE_ACCESS_LOG = True
# No admin pages for the records: the role table (accounts/roles.py) grants none. An operator unlocks a user early
# with `manage.py axes_reset_username NAME`.
AXES_ENABLE_ADMIN = False
# Failures and lockouts are logged with the lockout parameters only, masked by axes; no banner at every start.
AXES_VERBOSE = False
# AXES_PROXY_COUNT: the number of reverse proxies in front of the app servers (1: one load balancer). Then the client
# is read from X-Forwarded-For, which django-ipware expects to hold the client followed by the proxies before the last
# one; a forged, longer header counts as the balancer's address. Without proxies the peer address (REMOTE_ADDR) counts.
if axes_proxy_count := env.int("AXES_PROXY_COUNT", default=0):
    AXES_IPWARE_PROXY_COUNT = axes_proxy_count - 1
    AXES_IPWARE_PROXY_ORDER = "right-most"
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# Logging -----------------------------------------------------------------------------------------------------------
# One line per event on standard error (systemd's journal or the container runtime collects it): JSON in production,
# readable text in development. Not standard output: commands write their results there (export_strategy > file).
LOG_FORMAT = env.str("LOG_FORMAT", default="text" if DEBUG else "json")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or text, not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": JSON_FORMATTER,
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr", "formatter": LOG_FORMAT},
    },
    "root": {"handlers": ["stderr"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own handlers would print a second, unstructured copy of each error.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": [], "level": "INFO", "propagate": True},
        # WeasyPrint (PDF papers) and its font library report every step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# The strategy document shipped with the portal; `make run` imports it.
SEED_DOCUMENT = BASE_DIR / "data" / "zukunftsstrategie-ludwigsburg-2025.json"
