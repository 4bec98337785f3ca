"""Settings for the recovery meetings directory.

Every value comes from the environment, so laptops, CI and production differ only in
environment variables. SQLite is the default database so that a new user needs no server;
production sets DATABASE_URL to PostgreSQL.
"""

import ipaddress
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    if (value := os.environ.get(name, default)) not in ("0", "1"):
        raise ImproperlyConfigured(f"{name} must be 0 or 1, not {value!r}")
    return value == "1"


DEBUG = env_bool("DJANGO_DEBUG", "0")  # `make run` sets it to 1
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "insecure-dev-key" if DEBUG else "")
ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")
    if host.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "csp",
    "simple_history",
    "programmes",
    "meetings",
    "oruk",
]

MIDDLEWARE = [
    "config.middleware.PublicPageCacheMiddleware",  # first: it keeps the finished response
    "config.middleware.PublicCacheControlMiddleware",  # outside CSP: it reads its header
    "config.middleware.PublicGZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "config.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",  # records who made each change
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {  # the public pages (config/jinja2.py says why Jinja2)
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "config.jinja2.environment", "autoescape": True},
    },
    {  # the admin's
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

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database host that does not answer gives a 503 in seconds rather than holding a
    # worker until gunicorn kills it; `?connect_timeout=` in DATABASE_URL overrides it.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
FORMAT_MODULE_PATH = ["config.formats"]  # 24-hour times in the admin
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Staff sign in over HTTPS in production; visitors who only browse get no cookies at all.
# DJANGO_SECURE_COOKIES=0 lets staff sign in to `make serve` over plain http on their own
# machine; never in production.
SECURE_COOKIES = env_bool("DJANGO_SECURE_COOKIES", "0" if DEBUG else "1")
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", "0")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # a load balancer may ask gunicorn itself, over http
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True  # both apply only once DJANGO_HSTS_SECONDS is set
SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "same-origin"

# Everything comes from this site; the one inline style (a printout's page margins) carries
# a nonce. The admin is left to Django's own defaults: its pages use inline styles.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "script-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Staff are asked to check a meeting that nobody has verified for this many months.
NEEDS_CHECKING_MONTHS = int(os.environ.get("DJANGO_NEEDS_CHECKING_MONTHS", "6"))

# "default" is shared by every process and host (the rate limit of "report a change" lives
# there): the database by default (`manage.py createcachetable` makes the table; `make run`
# and `make serve` run it), or Redis when REDIS_URL is set. "pages" keeps whole public pages
# for a few minutes: in each process's memory by default, in Redis when it is set.
REDIS_URL = os.environ.get("REDIS_URL", "")
REDIS_CACHE = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
CACHES = {
    "default": REDIS_CACHE
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "django_cache",
        # Past MAX_ENTRIES (300 unless set) a third of the entries are dropped at random: the
        # stored feed (seconds to build again) and reporters' places in the rate limit with
        # them. Its entries are small and few but for the feed; expired ones still go.
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
    "pages": {**REDIS_CACHE, "KEY_PREFIX": "pages"}
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}
# Whether repeat requests for a public page are answered from the "pages" cache, for as long
# as its Cache-Control allows (config.middleware says how long).
PAGE_CACHE = env_bool("DJANGO_PAGE_CACHE", "1")
# How many "report a change" posts one client may make in an hour.
REPORTS_PER_HOUR = int(os.environ.get("DJANGO_REPORTS_PER_HOUR", "5"))
# How many proxies in front of the app each add the address they heard from to the right of
# X-Forwarded-For (1 behind nginx alone). The rate limit then counts the client's address
# that many entries from the right, not the proxy's. 0: the header, which anyone can send,
# is ignored. Never more than there really are, or clients can choose their own address.
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("DJANGO_TRUSTED_PROXY_COUNT must be 0 or more")
# Networks besides the public internet that imports may fetch sources from, such as
# "10.20.0.0/16" for a source on one's own intranet (meetings/exchange/fetching.py).
try:
    IMPORT_ALLOWED_NETWORKS = [
        ipaddress.ip_network(network.strip())
        for network in os.environ.get("DJANGO_IMPORT_ALLOWED_NETWORKS", "").split(",")
        if network.strip()
    ]
except ValueError as error:
    raise ImproperlyConfigured(f"DJANGO_IMPORT_ALLOWED_NETWORKS: {error}") from None
# Reporters' optional email addresses are deleted after this many days
# (`manage.py delete_reporter_emails`, daily).
REPORTER_EMAIL_DAYS = int(os.environ.get("DJANGO_REPORTER_EMAIL_DAYS", "90"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
