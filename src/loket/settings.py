"""The one settings module of Loket, driven by environment variables.

Defaults are safe for production (DEBUG off, secure cookies, HSTS); a local demo over plain HTTP
sets ``LOKET_HTTPS=0``. Nothing here may read a file other than ``var/secret-key``.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = Path(os.environ.get("LOKET_HOME", Path.cwd()))
VAR_DIR = Path(os.environ.get("LOKET_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    """The key from the environment, or one made once and kept in ``var/secret-key``."""
    if key := os.environ.get("LOKET_SECRET_KEY"):
        return key
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "secret-key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("LOKET_DEBUG", False)
HTTPS = env_bool("LOKET_HTTPS", True)
SECRET_KEY = _secret_key()
# Old keys, still accepted for signatures and appointment links while they run out (comma-separated).
SECRET_KEY_FALLBACKS = env_list("LOKET_SECRET_KEY_FALLBACKS", "")
ALLOWED_HOSTS = env_list("LOKET_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("LOKET_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",  # tokens for staff systems (telephony, e-counters) on the API
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "django_prometheus",  # /metrics (loket.core.metrics): requests, latencies, database
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "loket.core",
    "loket.organisations",
    "loket.catalog",
    "loket.appointments",
    "loket.queueing",
    "loket.citizens",
    "loket.contacts",
    "loket.feedback",
    "loket.insights",
    "loket.planning",
    "loket.notifications",
]

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",  # first: counts and times everything below
    "loket.core.logs.RequestIdMiddleware",  # X-Request-ID in, out, and in every log line of the request
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",  # Content-Security-Policy on every response, static files too
    "django_permissions_policy.PermissionsPolicyMiddleware",  # no camera, microphone, location (below)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "loket.core.unavailable.DatabaseUnavailableMiddleware",  # database gone: 503 + Retry-After; outside sessions
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After OTPMiddleware (is this session verified?) and messages (it says why it logged you out).
    "loket.organisations.otp.StaffSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "loket.core.audit.AuditSourceMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",  # last: responses by view and status
]

ROOT_URLCONF = "loket.urls"
WSGI_APPLICATION = "loket.wsgi.application"

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
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite under var/ is the embedded default; PostgreSQL (postgres://...) is for production and CI.
# LOKET_TEST_DATABASE_URL, when set, is the server the test suite creates its database on.
_default_sqlite = f"sqlite:///{VAR_DIR / 'loket.sqlite3'}"
_database_url = os.environ.get("LOKET_DATABASE_URL") or _default_sqlite
if os.environ.get("LOKET_TESTING") and os.environ.get("LOKET_TEST_DATABASE_URL"):
    _database_url = os.environ["LOKET_TEST_DATABASE_URL"]
DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A read replica (a standby of the primary): only reads inside loket.core.db.reading_from_replica()
# go there (the manager's dashboard). Ignored by the test suite, whose replica a test makes itself.
if (_replica_url := os.environ.get("LOKET_REPLICA_DATABASE_URL")) and not os.environ.get("LOKET_TESTING"):
    DATABASES["replica"] = dj_database_url.parse(_replica_url, conn_max_age=60, conn_health_checks=True)
DATABASE_ROUTERS = ["loket.core.db.ReplicaRouter"]
# The same database backends, counting queries, errors and connections for /metrics (django-prometheus).
_METERED_ENGINES = {
    "django.db.backends.postgresql": "django_prometheus.db.backends.postgresql",
    "django.db.backends.sqlite3": "django_prometheus.db.backends.sqlite3",
}
for _database in DATABASES.values():
    _database["ENGINE"] = _METERED_ENGINES.get(_database["ENGINE"], _database["ENGINE"])
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication -------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # throttles repeated failed logins
    "django.contrib.auth.backends.ModelBackend",
]
if os.environ.get("LOKET_TESTING"):
    # Tests log in hundreds of times; a slow hash there proves nothing about production.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "staff-login"
LOGIN_REDIRECT_URL = "staff-home"
LOGOUT_REDIRECT_URL = "home"
AXES_FAILURE_LIMIT = int(os.environ.get("LOKET_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours: a locked-out account may try again after 15 minutes
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "staff/locked_out.html"
AXES_VERBOSE = False

# --- Languages and time ---------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "loket_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SAMESITE = "Lax"
MODELTRANSLATION_DEFAULT_LANGUAGE = "nl"
MODELTRANSLATION_LANGUAGES = ("nl", "fr", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("nl", "fr", "en")}
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]  # the project's own CSS and the vendored HTMX
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or os.environ.get("LOKET_TESTING")
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"
WHITENOISE_USE_FINDERS = DEBUG

# --- E-mail ---------------------------------------------------------------------------------
# LOKET_EMAIL_URL: smtp://user:password@host:port (smtp+tls:// for STARTTLS), or console:// (default).
_email_url = os.environ.get("LOKET_EMAIL_URL", "console://")
if _email_url.startswith("console:"):
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    from urllib.parse import unquote, urlsplit

    _parts = urlsplit(_email_url)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _parts.hostname or "127.0.0.1"
    EMAIL_PORT = _parts.port or 25
    EMAIL_HOST_USER = unquote(_parts.username or "")
    EMAIL_HOST_PASSWORD = unquote(_parts.password or "")
    EMAIL_USE_TLS = _parts.scheme == "smtp+tls"
    EMAIL_USE_SSL = _parts.scheme == "smtps"
    EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("LOKET_FROM_EMAIL", "Loket <loket@localhost>")

# --- Background jobs ------------------------------------------------------------------------
# LOKET_TASKS_BACKEND: "database" (django-tasks-db: jobs in PostgreSQL, `loket worker` runs db_worker)
# or "rq" (django-tasks-rq: jobs in Redis at LOKET_REDIS_URL, `loket worker` runs an RQ worker).
LOKET_TASKS_BACKEND = os.environ.get("LOKET_TASKS_BACKEND", "database").strip().lower()
LOKET_REDIS_URL = os.environ.get("LOKET_REDIS_URL", "redis://127.0.0.1:6379/0")
TASKS: dict[str, dict[str, object]]
if LOKET_TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif LOKET_TASKS_BACKEND == "rq":
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    INSTALLED_APPS.append("django_rq")  # its rqworker command
else:
    raise ImproperlyConfigured(f"LOKET_TASKS_BACKEND must be 'database' or 'rq', not {LOKET_TASKS_BACKEND!r}")
RQ_QUEUES = {"default": {"URL": LOKET_REDIS_URL, "DEFAULT_TIMEOUT": 600}}
RQ = {"JOB_CLASS": "django_tasks_rq.Job"}  # RQ's workers must run django-tasks' jobs with its job class

# --- Notifications --------------------------------------------------------------------------
# The outbox (loket.notifications): how long a message is retried, how long a worker may hold one
# while sending it, the back-off between attempts, and where SMS go (a dotted path to a gateway).
LOKET_OUTBOX_RETRY_PERIOD = int(os.environ.get("LOKET_OUTBOX_RETRY_PERIOD", str(48 * 3600)))  # seconds
LOKET_OUTBOX_LEASE = int(os.environ.get("LOKET_OUTBOX_LEASE", "300"))  # seconds; well above EMAIL_TIMEOUT
LOKET_OUTBOX_BACKOFF = (60, 1800)  # seconds: first retry after about a minute, never more than 30 minutes apart
LOKET_OUTBOX_BATCH = int(os.environ.get("LOKET_OUTBOX_BATCH", "50"))
LOKET_SMS_GATEWAY = os.environ.get("LOKET_SMS_GATEWAY", "loket.notifications.gateways.FileSmsGateway")
LOKET_SMS_DIR = VAR_DIR / "sms"  # where FileSmsGateway appends its JSON lines
# The right-hand side of Message-IDs and iCalendar UIDs; defaults to the host of LOKET_PUBLIC_URL.
LOKET_MESSAGE_DOMAIN = os.environ.get("LOKET_MESSAGE_DOMAIN", "")

# --- Appointments ---------------------------------------------------------------------------
# Reminder this many hours before (none for an appointment booked closer than that); check-in grace
# (arriving later than start + grace is "late"); a no-show is recorded once end + grace has passed;
# a person with this many no-shows in this many days is flagged to staff; a place freed for the
# waiting list is held this many hours for the person offered it.
LOKET_REMINDER_HOURS = int(os.environ.get("LOKET_REMINDER_HOURS", "24"))
LOKET_LATE_GRACE_MINUTES = int(os.environ.get("LOKET_LATE_GRACE_MINUTES", "5"))
LOKET_CHECK_IN_EARLY_MINUTES = int(os.environ.get("LOKET_CHECK_IN_EARLY_MINUTES", "60"))
LOKET_NO_SHOW_FLAG_COUNT = int(os.environ.get("LOKET_NO_SHOW_FLAG_COUNT", "2"))
LOKET_NO_SHOW_FLAG_DAYS = int(os.environ.get("LOKET_NO_SHOW_FLAG_DAYS", "365"))
LOKET_WAITING_LIST_HOLD_HOURS = int(os.environ.get("LOKET_WAITING_LIST_HOLD_HOURS", "12"))
# Documents a citizen may upload for an appointment: at most this many, each at most this size.
LOKET_DOCUMENT_MAX_BYTES = int(os.environ.get("LOKET_DOCUMENT_MAX_BYTES", str(10 * 1024 * 1024)))
LOKET_DOCUMENT_MAX_COUNT = int(os.environ.get("LOKET_DOCUMENT_MAX_COUNT", "5"))
# Bookings per client address: through the web form and the API (django-ratelimit / DRF throttles).
LOKET_BOOKING_RATE = os.environ.get("LOKET_BOOKING_RATE", "10/h")
LOKET_BOOKING_RATE_NO_SCRIPT = os.environ.get("LOKET_BOOKING_RATE_NO_SCRIPT", "3/h")

# --- Walk-in queue --------------------------------------------------------------------------
# A checked-in appointment is called before walk-ins from this many minutes before its time; a
# clerk may mark "did not come" after calling this many more times; a ticket with a phone number
# gets a text message when this many people or fewer are before it; tickets still open this many
# minutes after the location's last desk closes are closed as "not served" (docs/queue-policy.md).
LOKET_QUEUE_APPOINTMENT_EARLY_MINUTES = int(os.environ.get("LOKET_QUEUE_APPOINTMENT_EARLY_MINUTES", "5"))
LOKET_QUEUE_NO_SHOW_RECALLS = int(os.environ.get("LOKET_QUEUE_NO_SHOW_RECALLS", "2"))
LOKET_QUEUE_SMS_POSITION = int(os.environ.get("LOKET_QUEUE_SMS_POSITION", "3"))
LOKET_QUEUE_CLOSE_GRACE_MINUTES = int(os.environ.get("LOKET_QUEUE_CLOSE_GRACE_MINUTES", "30"))

# --- Contacts, requests and the citizen record ---------------------------------------------
# A request's due date counts this many working days when its service names no handling time.
LOKET_REQUEST_DEFAULT_HANDLING_DAYS = int(os.environ.get("LOKET_REQUEST_DEFAULT_HANDLING_DAYS", "20"))
# Fernet keys (comma-separated, newest first) that encrypt national register numbers; without
# them the key derives from SECRET_KEY (demo and tests; check --deploy warns).
LOKET_PERSONAL_DATA_KEYS = env_list("LOKET_PERSONAL_DATA_KEYS", "")
# Mijn loket: a sign-in link works once and this many minutes; a citizen's session lasts this long.
LOKET_SIGN_IN_LINK_MINUTES = int(os.environ.get("LOKET_SIGN_IN_LINK_MINUTES", "30"))
LOKET_CITIZEN_SESSION_MINUTES = int(os.environ.get("LOKET_CITIZEN_SESSION_MINUTES", "60"))
LOKET_SIGN_IN_RATE = os.environ.get("LOKET_SIGN_IN_RATE", "5/h")  # links asked per e-mail address and per client
# Mijn loket: sign in through one OpenID Connect provider (itsme, the federal login); off while
# LOKET_OIDC_ISSUER is empty. The issuer exactly as the provider names it (its discovery document
# is <issuer>/.well-known/openid-configuration); register <LOKET_PUBLIC_URL>/nl/mijn-loket/sign-in/oidc/callback/
# with it. NAME is shown on the button; NATIONAL_NUMBER_CLAIM names the claim with the national
# register number (empty: the provider gives none).
LOKET_OIDC_NAME = os.environ.get("LOKET_OIDC_NAME", "")
LOKET_OIDC_ISSUER = os.environ.get("LOKET_OIDC_ISSUER", "")
LOKET_OIDC_CLIENT_ID = os.environ.get("LOKET_OIDC_CLIENT_ID", "")
LOKET_OIDC_CLIENT_SECRET = os.environ.get("LOKET_OIDC_CLIENT_SECRET", "")
LOKET_OIDC_SCOPES = os.environ.get("LOKET_OIDC_SCOPES", "openid email profile")
LOKET_OIDC_NATIONAL_NUMBER_CLAIM = os.environ.get("LOKET_OIDC_NATIONAL_NUMBER_CLAIM", "")
# Retention (days), per kind of data; the daily job (`loket retention`) anonymises what is due.
LOKET_RETENTION_DAYS = {
    "contacts": int(os.environ.get("LOKET_RETENTION_CONTACTS_DAYS", str(2 * 365))),  # after the contact
    "appointments": int(os.environ.get("LOKET_RETENTION_APPOINTMENTS_DAYS", "365")),  # after the date
    "tickets": int(os.environ.get("LOKET_RETENTION_TICKETS_DAYS", "90")),  # after the day
    "requests": int(os.environ.get("LOKET_RETENTION_REQUESTS_DAYS", str(5 * 365))),  # after closure
    "sign_in_links": int(os.environ.get("LOKET_RETENTION_SIGN_IN_LINKS_DAYS", "30")),  # after sending
    "outbox": int(os.environ.get("LOKET_RETENTION_OUTBOX_DAYS", "90")),  # e-mails and SMS, once sent
    "people": int(os.environ.get("LOKET_RETENTION_PEOPLE_DAYS", str(5 * 365))),  # after the last activity
}
# Satisfaction surveys: at most one invitation per person in this many days; a link works this long.
LOKET_SURVEY_MIN_DAYS = int(os.environ.get("LOKET_SURVEY_MIN_DAYS", "90"))
LOKET_SURVEY_VALID_DAYS = int(os.environ.get("LOKET_SURVEY_VALID_DAYS", "14"))
# Staff who see personal data sign in with a second factor (TOTP, django-otp;
# loket.organisations.otp). A wrong code doubles the wait before the next try: 1 s, 2 s, 4 s, ...
# (django-otp's throttling; 0 would turn it off). A staff session ends SESSION_COOKIE_AGE after
# signing in and after this many minutes without a request.
OTP_TOTP_ISSUER = "Loket"
OTP_TOTP_THROTTLE_FACTOR = 1
LOKET_STAFF_OTP_REQUIRED = env_bool("LOKET_STAFF_OTP_REQUIRED", True)
LOKET_STAFF_IDLE_MINUTES = int(os.environ.get("LOKET_STAFF_IDLE_MINUTES", "30"))

# --- Security -------------------------------------------------------------------------------
# Cookies (the session, which also holds who is signed in to Mijn loket; the CSRF token; the
# language): HTTPS only, out of reach of scripts, Lax. Not Strict: the OpenID Connect provider
# sends the citizen back by a cross-site redirect that must carry the session (state, nonce),
# and a sign-in link opened from a webmail is a cross-site visit too. No script reads the CSRF
# token from its cookie: forms carry it, and HTMX sends the form's field or the page's header.
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 3600  # one working day
SECURE_SSL_REDIRECT = HTTPS and env_bool("LOKET_SSL_REDIRECT", True)
# Probes and the Prometheus scraper talk to the processes directly over HTTP: no redirect for them.
SECURE_REDIRECT_EXEMPT = [r"^health/", r"^metrics$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("LOKET_BEHIND_PROXY", False) else None
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp; docs/security.md): scripts, styles, fonts, images and
# connections from Loket itself only. No inline script, event handler or style anywhere: the
# templates load static files. No plugins, no <base>, never inside a frame (the kiosk and the
# call screens are top-level pages too). Images also as data: URIs, which run nothing: the API
# documentation's icons are. Forms post to Loket only, and to the OpenID Connect provider: its
# "Sign in with ..." button posts to Loket, which answers with a redirect to the provider, and
# browsers hold a form's redirects to form-action too. The provider's origin is the issuer's;
# LOKET_CSP_FORM_ACTION adds others (an authorization endpoint on another host).
_oidc_origin = "/".join(LOKET_OIDC_ISSUER.split("/")[:3]) if LOKET_OIDC_ISSUER.startswith("http") else ""
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],  # the proof of work's solver
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'", *filter(None, [_oidc_origin]), *env_list("LOKET_CSP_FORM_ACTION", "")],
    }
}
# Permissions-Policy (django-permissions-policy): Loket uses none of these browser features, so no
# page, and no script that got in, may ask for them.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "serial", "bluetooth", "display-capture")
}
FORMS_URLFIELD_ASSUME_HTTPS = True  # links typed without a scheme are https (Django 6 default)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger uploads are streamed to a temporary file

# --- API ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("LOKET_API_ANON_RATE", "600/minute")},
    # A client names its own address only through the proxy in front (LOKET_BEHIND_PROXY): otherwise
    # a forged X-Forwarded-For would give every request a fresh throttle counter.
    "NUM_PROXIES": 1 if env_bool("LOKET_BEHIND_PROXY", False) else 0,
    "EXCEPTION_HANDLER": "loket.core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Loket API",
    "DESCRIPTION": "Public services, locations and (later) appointments and queues of Loket.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",  # served from our own static files: no CDN
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
# Shared by every process: rate-limit counters, used proof-of-work challenges, API throttles. The
# database cache culls a third of its rows past MAX_ENTRIES (Django's default is 300): far too few
# for counters that must hold, so the limit is set high; expired rows go on every write.
# LOKET_CACHE_URL=redis://host:6379/1 puts it in Redis instead (Django's RedisCache), shared the same way.
LOKET_CACHE_URL = os.environ.get("LOKET_CACHE_URL", "")
if LOKET_CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": LOKET_CACHE_URL,
            "KEY_PREFIX": "loket",
            # A Redis that does not answer fails a request in seconds instead of hanging it.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
elif LOKET_CACHE_URL:
    raise ImproperlyConfigured("LOKET_CACHE_URL must be a redis://, rediss:// or unix:// address (or empty)")
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "loket_cache",
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("LOKET_CACHE_MAX_ENTRIES", "1000000"))},
        }
    }

# --- Logs and monitoring --------------------------------------------------------------------
# LOKET_LOG_FORMAT: "json" in production (one JSON object a line: time, level, logger, message,
# request_id; loket.core.logs), "text" (default) for a terminal. gunicorn's lines (loket serve) too.
LOKET_LOG_FORMAT = os.environ.get("LOKET_LOG_FORMAT", "text").strip().lower()
if LOKET_LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured(f"LOKET_LOG_FORMAT must be 'json' or 'text', not {LOKET_LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "loket.core.logs.RequestIdFilter"},
        "gunicorn_access": {"()": "loket.core.logs.GunicornAccessFilter"},
    },
    "formatters": {
        "json": {"()": "loket.core.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOKET_LOG_FORMAT, "filters": ["request_id"]}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOKET_LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "gunicorn.access": {
            "handlers": ["console"],
            "level": "INFO",
            "propagate": False,
            "filters": ["gunicorn_access"],
        },
    },
}
# /metrics (loket.core.metrics) answers only a bearer token or the listed addresses (comma-separated
# addresses or networks, e.g. 10.0.5.0/24); with neither set it is not there (404).
LOKET_METRICS_TOKEN = os.environ.get("LOKET_METRICS_TOKEN", "")
LOKET_METRICS_ALLOWED_IPS = env_list("LOKET_METRICS_ALLOWED_IPS", "")

# --- Loket ----------------------------------------------------------------------------------
# The public address of this Loket (e.g. https://loket.mechelen.be/): IRIs in the CPSV-AP export.
LOKET_PUBLIC_URL = os.environ.get("LOKET_PUBLIC_URL", "")
LOKET_SEARCH_MODEL = env_bool("LOKET_SEARCH_MODEL", True)  # multilingual embeddings on top of lexical search
LOKET_READABILITY_TARGET = {"nl": 60.0, "fr": 60.0, "en": 60.0}
