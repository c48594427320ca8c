"""Gonghui settings, read from the environment (see README "Configuration").

Development defaults run the product on SQLite with generated keys; GONGHUI_PRODUCTION=1 turns on
the production profile, where every secret must be given and transport security is on.
"""

from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config import infra
from config.env import (
    env_base_url,
    env_bool,
    env_ed25519_pem,
    env_int,
    env_key,
    env_keyring,
    env_keys,
    env_list,
    env_str,
    env_tile_url,
)
from gonghui.core.retention import MAXIMUM_BATCH, retention_days_from_env

BASE_DIR = Path(__file__).resolve().parent.parent

PRODUCTION = env_bool("GONGHUI_PRODUCTION", False)
DEBUG = env_bool("GONGHUI_DEBUG", not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("GONGHUI_DEBUG must be off when GONGHUI_PRODUCTION is on.")

_DEV_SECRET = "dev-only-not-secret-" + "x" * 40
SECRET_KEY = env_str("GONGHUI_SECRET_KEY", None if PRODUCTION else _DEV_SECRET)
if PRODUCTION and (SECRET_KEY == _DEV_SECRET or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured("GONGHUI_SECRET_KEY must be a random string of at least 50 characters.")

ALLOWED_HOSTS = env_list("GONGHUI_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("GONGHUI_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "gonghui.core",
    "gonghui.orgs",
    "gonghui.accounts",
    "gonghui.web",
    "gonghui.api",
    "gonghui.members",
    "gonghui.workdays",
    "gonghui.cases",
    "gonghui.contracts",
    "gonghui.assistance",
    "gonghui.aid",
    "gonghui.mutualaid",
    "gonghui.democracy",
    "gonghui.honours",
    "gonghui.skills",
    "gonghui.positions",
    "gonghui.activities",
    "gonghui.jobs",
    "gonghui.benefits",
    "gonghui.reports",
    "gonghui.portal",
    "gonghui.demo",
]

MIDDLEWARE = [
    # Outermost: the request id and the latency cover every other middleware's work.
    "gonghui.core.request_observer.RequestObserverMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "gonghui.core.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gonghui.core.replica.PrimaryAfterWriteMiddleware",
    "gonghui.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "gonghui.accounts.middleware.SessionPolicyMiddleware",
    "gonghui.accounts.middleware.LoginRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "gonghui.web.middleware.DomainErrorPageMiddleware",
]

if PRODUCTION:
    # In production the app serves its own hashed, compressed static files; in development
    # runserver and the test live server do.
    MIDDLEWARE.insert(2, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gonghui.web.context.console",
            ],
        },
    },
]

# SQLite under the project by default; DATABASE_URL switches to PostgreSQL, DATABASE_REPLICA_URL adds
# the replica the read-only pages read from, GONGHUI_REDIS_URL the shared cache (config/infra.py).
DATABASES = infra.databases(BASE_DIR)
DATABASE_ROUTERS = ["gonghui.core.replica.ReplicaRouter"] if infra.REPLICA in DATABASES else []
# Replica reads: the most lag a page accepts, how often a process checks it, and how long a user's
# reads stay on the primary after they wrote (so they see what they just saved).
GONGHUI_REPLICA_MAX_LAG_S = env_int("GONGHUI_REPLICA_MAX_LAG_S", 30, minimum=0)
GONGHUI_REPLICA_CHECK_S = env_int("GONGHUI_REPLICA_CHECK_S", 5, minimum=1)
GONGHUI_REPLICA_STICKY_S = env_int("GONGHUI_REPLICA_STICKY_S", 15, minimum=0)
GONGHUI_REPLICA_PROBE_TIMEOUT_S = env_int("GONGHUI_REPLICA_PROBE_TIMEOUT_S", 2, minimum=1)
# The timer's refresh of the stored figures (数据截至) runs when the last one is at least this old: a
# province's takes minutes, and queued every 5 minutes it would keep a worker and the database busy.
GONGHUI_METRIC_REFRESH_MINUTES = env_int("GONGHUI_METRIC_REFRESH_MINUTES", 30, minimum=1)
GONGHUI_REDIS_URL = infra.redis_url()
CACHES = infra.caches(GONGHUI_REDIS_URL)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "gonghui.accounts.passwords.CharacterClassValidator"},
]

# Security baseline (ARCHITECTURE.md §6a).
GONGHUI_PASSWORD_MAX_AGE = timedelta(days=env_int("GONGHUI_PASSWORD_MAX_AGE_DAYS", 90, minimum=1))
GONGHUI_LOCKOUT_THRESHOLD = env_int("GONGHUI_LOCKOUT_THRESHOLD", 5, minimum=1)
GONGHUI_LOCKOUT_DURATION = timedelta(minutes=env_int("GONGHUI_LOCKOUT_MINUTES", 30, minimum=1))
# Lifetime of the one-time temporary password a reset issues (accounts/resets.py).
GONGHUI_PASSWORD_RESET_HOURS = env_int("GONGHUI_PASSWORD_RESET_HOURS", 24, minimum=1)
# A subtree with more unions than this reads a metric from its stored figure (数据截至…), not live.
GONGHUI_METRIC_STORED_ABOVE = env_int("GONGHUI_METRIC_STORED_ABOVE", 200, minimum=0)
GONGHUI_IDLE_TIMEOUT = timedelta(minutes=env_int("GONGHUI_IDLE_TIMEOUT_MINUTES", 30, minimum=1))
SESSION_COOKIE_AGE = env_int("GONGHUI_SESSION_MAX_HOURS", 12, minimum=1) * 3600  # the absolute cap
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = PRODUCTION
# Probes from the load balancer or the orchestrator speak plain HTTP to the app's own port.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
SECURE_HSTS_SECONDS = 31536000 if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("GONGHUI_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Days a sending union has to release a transfer before it releases by itself.
GONGHUI_TRANSFER_RELEASE_DAYS = env_int("GONGHUI_TRANSFER_RELEASE_DAYS", 15, minimum=1)
# Days a worker has to confirm a transfer a receiving union asked for; unconfirmed, it lapses.
GONGHUI_TRANSFER_CONFIRM_DAYS = env_int("GONGHUI_TRANSFER_CONFIRM_DAYS", 7, minimum=1)
# Look-ups by identity number per account (core/lookups.py): a registration, a transfer request,
# a hardship application, an aid grant or a person's aid history each count one; an import one.
GONGHUI_ID_LOOKUP_PER_HOUR = env_int("GONGHUI_ID_LOOKUP_PER_HOUR", 60, minimum=1)
GONGHUI_ID_LOOKUP_PER_DAY = env_int("GONGHUI_ID_LOOKUP_PER_DAY", 300, minimum=1)
# Background work (django-tasks, the backport of Django 6's Tasks API). By default a task runs at
# once in the process that enqueues it, so `make run` and the tests need no worker; production
# sets GONGHUI_TASKS=rq (Redis, `manage.py rqworker default`) or db (`manage.py db_worker`) beside the
# app processes.
GONGHUI_TASKS = env_str("GONGHUI_TASKS", "immediate")
TASKS, RQ_QUEUES = infra.tasks(GONGHUI_TASKS, GONGHUI_REDIS_URL)
# /readyz says not ready when a queued task has waited longer than this for a worker (GONGHUI_TASKS=db).
GONGHUI_READY_QUEUE_MAX_WAIT_S = env_int("GONGHUI_READY_QUEUE_MAX_WAIT_S", 900, minimum=1)
# Largest table file a union may upload: a roster (集体登记入会), an enrolment list, a bank result.
# An export of more rows than this is written in the background, with a progress page.
GONGHUI_EXPORT_DIRECT_ROWS = env_int("GONGHUI_EXPORT_DIRECT_ROWS", 5000, minimum=1)
GONGHUI_ROSTER_MAX_MB = env_int("GONGHUI_ROSTER_MAX_MB", 50, minimum=1)
# A roster import whose progress has not moved for this long, with no commit holding its lock, is
# taken to have lost its worker and is run again (members/services/roster_recovery.py).
GONGHUI_ROSTER_STALL_MINUTES = env_int("GONGHUI_ROSTER_STALL_MINUTES", 10, minimum=1)
# What an uploaded workbook may declare before a cell is read (core.table_limits; docs/decisions.md
# "Spreadsheets in and out"). A million-row roster of 13–20 columns fits every default; a sheet of
# Excel's 16,384 columns, or a zip that unpacks a hundredfold, does not.
GONGHUI_TABLE_MAX_COLUMNS = env_int("GONGHUI_TABLE_MAX_COLUMNS", 200, minimum=1)
GONGHUI_TABLE_MAX_ROWS = env_int("GONGHUI_TABLE_MAX_ROWS", 1_100_000, minimum=1)
GONGHUI_TABLE_MAX_CELLS = env_int("GONGHUI_TABLE_MAX_CELLS", 20_000_000, minimum=1)
GONGHUI_TABLE_MAX_UNPACKED_MB = env_int("GONGHUI_TABLE_MAX_UNPACKED_MB", 1000, minimum=1)
GONGHUI_TABLE_MAX_RATIO = env_int("GONGHUI_TABLE_MAX_RATIO", 100, minimum=2)
# The reader's child process: its memory cap (0 reads in-process, for platforms without rlimits)
# and CPU-time cap. 200,000 roster rows take ~330 MB and 2 s; a million ~1.3 GB.
GONGHUI_TABLE_READER_MEMORY_MB = env_int("GONGHUI_TABLE_READER_MEMORY_MB", 2048, minimum=0)
GONGHUI_TABLE_READER_SECONDS = env_int("GONGHUI_TABLE_READER_SECONDS", 300, minimum=1)

# 维权 cases: hours a case may stay overdue before the sweep escalates it one level up, and the
# largest attachment (contracts, pay slips, photos, call recordings) a case may carry.
GONGHUI_CASE_ESCALATE_AFTER_HOURS = env_int("GONGHUI_CASE_ESCALATE_AFTER_HOURS", 48, minimum=1)
GONGHUI_CASE_ATTACHMENT_MAX_MB = env_int("GONGHUI_CASE_ATTACHMENT_MAX_MB", 20, minimum=1)
# Largest document (a scan or photo of a discharge summary, an invoice) a mutual-aid claim may carry.
GONGHUI_MUTUAL_AID_DOCUMENT_MAX_MB = env_int("GONGHUI_MUTUAL_AID_DOCUMENT_MAX_MB", 10, minimum=1)
# The union whose 12351 centre receives portal requests, by path (0001000A) or id; unset, the
# province-level federation at the top of the deployment.
GONGHUI_CASE_PORTAL_CENTRE = env_str("GONGHUI_CASE_PORTAL_CENTRE", "").strip().upper()
if GONGHUI_CASE_PORTAL_CENTRE and not (GONGHUI_CASE_PORTAL_CENTRE.isascii() and (
        GONGHUI_CASE_PORTAL_CENTRE.isdigit() or (GONGHUI_CASE_PORTAL_CENTRE.isalnum()
                                                 and len(GONGHUI_CASE_PORTAL_CENTRE) % 4 == 0))):
    raise ImproperlyConfigured("GONGHUI_CASE_PORTAL_CENTRE must be a union's path (4 characters per level, "
                               f"0-9 A-Z) or its id, not {GONGHUI_CASE_PORTAL_CENTRE!r}.")

# 困难职工档案: months between two re-checks (回头看) of a filed household, months a household that
# left hardship (解困脱困) stays watched for a relapse, and the largest supporting document.
GONGHUI_HARDSHIP_RECHECK_MONTHS = env_int("GONGHUI_HARDSHIP_RECHECK_MONTHS", 6, minimum=1)
GONGHUI_HARDSHIP_WATCH_MONTHS = env_int("GONGHUI_HARDSHIP_WATCH_MONTHS", 12, minimum=1)
GONGHUI_HARDSHIP_DOCUMENT_MAX_MB = env_int("GONGHUI_HARDSHIP_DOCUMENT_MAX_MB", 10, minimum=1)

# Lifetime of the signed token in a member card's QR code.
GONGHUI_CARD_TOKEN_MINUTES = env_int("GONGHUI_CARD_TOKEN_MINUTES", 10, minimum=1)

# Aid batches (帮扶发放): whether the cadre who prepared a batch is barred from approving it.
GONGHUI_AID_SEPARATE_APPROVER = env_bool("GONGHUI_AID_SEPARATE_APPROVER", True)

# SMS login codes for the member portal (README "SMS"). Development writes codes to the log;
# production sends nothing until a provider adapter is configured.
GONGHUI_SMS_BACKEND = env_str("GONGHUI_SMS_BACKEND", "gonghui.accounts.sms_backends." + (
    "DisabledBackend" if PRODUCTION else "ConsoleBackend"))
GONGHUI_SMS_CODE_MINUTES = env_int("GONGHUI_SMS_CODE_MINUTES", 5, minimum=1)
GONGHUI_SMS_RESEND_SECONDS = env_int("GONGHUI_SMS_RESEND_SECONDS", 60, minimum=1)
GONGHUI_SMS_PHONE_PER_DAY = env_int("GONGHUI_SMS_PHONE_PER_DAY", 10, minimum=1)
GONGHUI_SMS_MAX_ATTEMPTS = env_int("GONGHUI_SMS_MAX_ATTEMPTS", 5, minimum=1)
# Generous, because a whole workshop scanning the join QR code may share one Wi-Fi or carrier NAT.
GONGHUI_SMS_IP_PER_HOUR = env_int("GONGHUI_SMS_IP_PER_HOUR", 120, minimum=1)
GONGHUI_SMS_IP_PER_DAY = env_int("GONGHUI_SMS_IP_PER_DAY", 500, minimum=1)
# The public address printed in join QR codes, when the console runs on an internal host name.
GONGHUI_PORTAL_BASE_URL = env_str("GONGHUI_PORTAL_BASE_URL", "").rstrip("/")
# The map's tile server (天地图 with the operator's key in production); empty: markers on a blank
# background and the lists beside them. The CSP allows its origin only when it is set.
GONGHUI_MAP_TILES, GONGHUI_MAP_TILES_ORIGIN = env_tile_url("GONGHUI_MAP_TILES")
GONGHUI_MAP_TILES_SUBDOMAINS = env_str("GONGHUI_MAP_TILES_SUBDOMAINS", "01234567")
if not GONGHUI_MAP_TILES_SUBDOMAINS.isalnum():
    raise ImproperlyConfigured("GONGHUI_MAP_TILES_SUBDOMAINS must be letters or digits, one per subdomain.")
# The datum the tiles are drawn in: 天地图 is WGS-84 (CGCS2000), AMap and Tencent GCJ-02.
GONGHUI_MAP_TILES_CRS = env_str("GONGHUI_MAP_TILES_CRS", "wgs84").strip().lower()
if GONGHUI_MAP_TILES_CRS not in ("wgs84", "gcj02"):
    raise ImproperlyConfigured("GONGHUI_MAP_TILES_CRS must be 'wgs84' or 'gcj02'.")
GONGHUI_MAP_TILES_ATTRIBUTION = env_str("GONGHUI_MAP_TILES_ATTRIBUTION", "")

# Personal-data keys: "kid:base64key,…", the first one encrypts. Development derives fixed keys.
GONGHUI_FIELD_KEYS = env_str("GONGHUI_FIELD_KEYS", None if PRODUCTION else "")
GONGHUI_INDEX_KEY = env_str("GONGHUI_INDEX_KEY", None if PRODUCTION else "")

# The audit chain (README "Audit log", docs/decisions.md). Entries are chained with HMAC-SHA256
# under GONGHUI_AUDIT_KEY ("kid:base64(≥ 32 bytes),…": the first signs, all verify), a key that
# never enters the database. Development uses a fixed key of its own.
GONGHUI_AUDIT_KEYS = env_keyring("GONGHUI_AUDIT_KEY", min_size=32)
if not GONGHUI_AUDIT_KEYS:
    if PRODUCTION:
        raise ImproperlyConfigured("Environment variable GONGHUI_AUDIT_KEY is required (kid:base64 of "
                                   "at least 32 random bytes).")
    GONGHUI_AUDIT_KEYS = {"dev": b"gonghui-development-audit-key-not-secret"}
# Checkpoints of the chain's head, signed with Ed25519 and appended outside the database. The private
# key is needed only where checkpoints are written (the `periodic` timer, `audit_checkpoint`); the
# public keys are enough to verify. Development derives a fixed pair.
GONGHUI_AUDIT_CHECKPOINT_KEY = env_key("GONGHUI_AUDIT_CHECKPOINT_KEY", size=32)
GONGHUI_AUDIT_CHECKPOINT_PUBLIC_KEYS = env_keys("GONGHUI_AUDIT_CHECKPOINT_PUBLIC_KEYS", size=32)
GONGHUI_AUDIT_CHECKPOINT_FILE = env_str("GONGHUI_AUDIT_CHECKPOINT_FILE",
                                        "" if PRODUCTION else str(BASE_DIR / "var" / "audit-checkpoints.jsonl"))
GONGHUI_AUDIT_CHECKPOINT_SYSLOG = env_str("GONGHUI_AUDIT_CHECKPOINT_SYSLOG", "")
GONGHUI_AUDIT_CHECKPOINT_MINUTES = env_int("GONGHUI_AUDIT_CHECKPOINT_MINUTES", 15, minimum=1)
GONGHUI_AUDIT_CHECKPOINT_MAX_AGE_MINUTES = env_int("GONGHUI_AUDIT_CHECKPOINT_MAX_AGE_MINUTES", 60, minimum=1)
if GONGHUI_AUDIT_CHECKPOINT_MAX_AGE_MINUTES <= GONGHUI_AUDIT_CHECKPOINT_MINUTES:
    raise ImproperlyConfigured("GONGHUI_AUDIT_CHECKPOINT_MAX_AGE_MINUTES must exceed GONGHUI_AUDIT_CHECKPOINT_MINUTES.")
if PRODUCTION and not (GONGHUI_AUDIT_CHECKPOINT_FILE or GONGHUI_AUDIT_CHECKPOINT_SYSLOG):
    raise ImproperlyConfigured("GONGHUI_AUDIT_CHECKPOINT_FILE or GONGHUI_AUDIT_CHECKPOINT_SYSLOG is required: "
                               "where the audit checkpoints are appended, outside the database.")
if PRODUCTION and not (GONGHUI_AUDIT_CHECKPOINT_KEY or GONGHUI_AUDIT_CHECKPOINT_PUBLIC_KEYS):
    raise ImproperlyConfigured("GONGHUI_AUDIT_CHECKPOINT_PUBLIC_KEYS (or, where checkpoints are written, "
                               "GONGHUI_AUDIT_CHECKPOINT_KEY) is required.")
# How long each kind of record is kept (gonghui.core.retention: the rules, their legal minimums and
# GONGHUI_RETAIN_* settings); a value below a rule's minimum is refused here, at start-up.
GONGHUI_RETAIN_DAYS = retention_days_from_env()
GONGHUI_RETENTION_BATCH = env_int("GONGHUI_RETENTION_BATCH", 1000, minimum=1, maximum=MAXIMUM_BATCH)

# The national tier (reports.federation): this deployment's code (its root union's division code, six
# digits), its Ed25519 signing key (PEM, or the path of the PEM file) and the upper deployment it sends
# its figures to (empty: none). Development signs with a fixed key derived from the code.
GONGHUI_DEPLOYMENT_CODE = env_str("GONGHUI_DEPLOYMENT_CODE", "").strip()
if GONGHUI_DEPLOYMENT_CODE and not (GONGHUI_DEPLOYMENT_CODE.isascii() and GONGHUI_DEPLOYMENT_CODE.isdigit()
                                    and len(GONGHUI_DEPLOYMENT_CODE) == 6):
    raise ImproperlyConfigured("GONGHUI_DEPLOYMENT_CODE must be the root union's six-digit division code, "
                               f"e.g. 510000, not {GONGHUI_DEPLOYMENT_CODE!r}.")
GONGHUI_DEPLOYMENT_KEY = env_ed25519_pem("GONGHUI_DEPLOYMENT_KEY")
GONGHUI_UPPER_URL = env_base_url("GONGHUI_UPPER_URL", https_only=PRODUCTION)
if PRODUCTION and GONGHUI_UPPER_URL and not (GONGHUI_DEPLOYMENT_CODE and GONGHUI_DEPLOYMENT_KEY):
    raise ImproperlyConfigured("GONGHUI_UPPER_URL is set: GONGHUI_DEPLOYMENT_CODE and GONGHUI_DEPLOYMENT_KEY are "
                               "required to sign what is sent to it.")

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "gonghui" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STORAGES = infra.storages(PRODUCTION)
MEDIA_ROOT = Path(env_str("GONGHUI_MEDIA_ROOT", str(BASE_DIR / "var" / "media")))

NINJA_PAGINATION_PER_PAGE = 50

# Logs (JSON lines with the request id, personal numbers masked) and /metrics: config/observability.py.
from config import observability  # noqa: E402 - its defaults depend on PRODUCTION

LOGGING = observability.logging_settings(production=PRODUCTION)
GONGHUI_METRICS_ALLOW = observability.metrics_allow()
GONGHUI_METRICS_TOKEN = observability.metrics_token()
# Where each process writes its request and SMS counters for the others to read (README "Monitoring").
GONGHUI_METRICS_DIR = env_str("GONGHUI_METRICS_DIR", "").strip()
