"""Settings shared by every preset. Environment variables override the defaults:

- ``DATABASE_URL``: the database (default: SQLite under ``./var/``)
- ``MUJUN_VAR``: the folder for the SQLite file, uploads and collected static files
- ``SECRET_KEY``, ``ALLOWED_HOSTS`` (comma separated), ``DEBUG`` (``1``/``0``)
- ``MUJUN_REDIS_URL``: the background jobs' queue in Redis (default: in the database)
- ``MUJUN_WORKERS``: how many jobs the worker (``mujun qcluster``) runs at once (default 1)
"""

import os
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
# The checkout holding pyproject.toml; npm installs the front-end packages here.
REPO_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("MUJUN_VAR", REPO_DIR / "var"))

SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me-in-production")
# Off unless asked for (DEBUG=1 while developing): with it on, an error page shows the
# traceback, the settings and the request to whoever caused it.
DEBUG = os.environ.get("DEBUG", "0") == "1"
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "simple_history",
    "ninja",
    "django_filters",
    # background jobs (core/jobs.py): the queue and the worker, ``mujun qcluster``
    "django_q",
    "mujun.core",
    "mujun.regions",
    "mujun.accounts",
    "mujun.enterprises",
    "mujun.officials",
    "mujun.projects",
    "mujun.attraction",
    "mujun.indicators",
    "mujun.evaluation",
    "mujun.service",
    "mujun.reader",
    "mujun.screen",
    "mujun.home",
    "mujun.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # compresses HTML pages, after every middleware below has written its body (BREACH: see it)
    "mujun.core.middleware.HtmlGZipMiddleware",
    # refuses a request whose body is larger than any upload may be, before it is read
    "mujun.core.middleware.RequestSizeMiddleware",
    "mujun.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # records who made each change in the audit trail
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "mujun.urls"
WSGI_APPLICATION = "mujun.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["mujun.accounts.backends.RegionModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# every form's errors of no field once, in the alert box (core/forms.py)
FORM_RENDERER = "mujun.core.forms.FormRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "mujun.core.context_processors.navigation",
            ],
        },
    },
]


def _database(url: str) -> dict:
    # Connections are kept per thread: opening one (and its PRAGMAs) cost more than the
    # queries of a small page.
    config = dj_database_url.parse(url, conn_max_age=600, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Writers queue instead of failing with "database is locked" (STYLE.md §13).
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            # A page cache of 64 MB and the file mapped into memory: SQLite's default 2 MB
            # cache re-reads the pages of a 20,000-project list from the OS on every query.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA cache_size=-65536; PRAGMA mmap_size=268435456;"
            ),
        }
    return config


DATABASES = {
    "default": _database(os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'mujun.sqlite3'}"))
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
# The pages are written in Chinese; offering English would give an English browser Django's
# own words (the admin's "Add") beside ours: one language per page, whatever the browser asks.
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# The SQLite file lives under var/ and WhiteNoise expects STATIC_ROOT to exist.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
_NODE = REPO_DIR / "node_modules"
# Third-party front-end code comes from npm packages installed at install time, never a
# committed copy; only the files the pages load are exposed.
# ECharts is the bundle scripts/install builds from the npm package with only the charts the
# pages and the lobby screen use (assets/echarts.js): 0.76 MB where the full build is 1.1 MB.
# Until it is built (a checkout that has not rerun scripts/install) the package's full build
# answers at the same path, so no page loses its charts.
ECHARTS_BUILD = REPO_DIR / "build" / "static" / "echarts"
STATICFILES_DIRS = [
    ("vendor/echarts", ECHARTS_BUILD if ECHARTS_BUILD.is_dir() else _NODE / "echarts" / "dist"),
    ("vendor/htmx", _NODE / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_AGE = 60 * 60 * 12
# What one upload may cost (core/uploads.py): a file's size, what an .xlsx or a .docx unpacks
# to, a spreadsheet's rows below its header, a report's characters. A county's enterprise list
# is a few thousand rows and a report a few thousand characters; a county's whole register of
# 100,000 enterprises, every column filled, is a 10 MB .xlsx that unpacks to 110 MB, and a year
# of a county's monthly figures a 10 MB CSV of 238,000 rows (issue 16).
MUJUN_UPLOAD_MAX_MB = 20
MUJUN_UNPACKED_MAX_MB = 100
MUJUN_IMPORT_UNPACKED_MAX_MB = 250
MUJUN_IMPORT_MAX_ROWS = 300_000
# An import of more rows than this runs as a background job with a page of its own (core/jobs.py)
# rather than in the web request: a few thousand rows are checked and written in a second or two.
MUJUN_IMPORT_JOB_ROWS = 3000
# An unfinished job without progress for this long is reported failed: its worker died, or no
# worker runs. Far above the longest write of an import, which reports nothing while it commits.
MUJUN_JOB_STALE_SECONDS = 20 * 60
MUJUN_REPORT_MAX_CHARS = 200_000
# A request body other than files (a JSON batch, a form): far above a batch of 10,000 figures.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Login lockout (issue: five failed attempts lock the account for 15 minutes).
MUJUN_LOGIN_MAX_FAILURES = 5
MUJUN_LOGIN_LOCK_MINUTES = 15

# The background jobs' queue (django-q2): in the database the platform already has, or in Redis
# where the machine runs it. One worker process by default: an import uses a core, the web
# server the other. A task is handed out again ``retry`` seconds after a worker took it without
# finishing (it died); ``timeout`` stops one that runs for longer.
_REDIS_URL = os.environ.get("MUJUN_REDIS_URL", "")
Q_CLUSTER = {
    "name": "mujun",
    "workers": int(os.environ.get("MUJUN_WORKERS", "1")),
    "timeout": 15 * 60,
    "retry": 16 * 60,
    "max_attempts": 2,
    "catch_up": False,
    "save_limit": 500,
    "ack_failures": True,
    "poll": 0.5,
    "label": "后台任务队列",
    **({"redis": _REDIS_URL} if _REDIS_URL else {"orm": "default"}),
}

PAGE_SIZE = 50
# Lists and list endpoints count their rows up to this many and then say “超过 10,000 条”
# (core/paging.py): a full count at 100,000 rows cost every page 11–29 ms.
MUJUN_COUNT_LIMIT = 10_000
# A filter's empty choice where a list does not name its own (never Django's "---------").
FILTERS_EMPTY_CHOICE_LABEL = "全部"

# models.W040: SQLite has no INCLUDE columns on an index; the indexes that name one add it for
# PostgreSQL, and SQLite's own indexes carry the row id they include anyway.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
