"""The parts a deployment plugs in (README "Production"): the databases, the cache, the task queue and
where uploaded files are kept. Each defaults to what `make run` needs on one machine — SQLite, a
per-process cache, tasks run at once, files under var/media — and is switched by the environment:

- DATABASE_URL: the primary; DATABASE_REPLICA_URL: a streaming replica the read-only pages read from
  (gonghui.core.replica decides when; without it every read goes to the primary);
- GONGHUI_REDIS_URL: the shared cache, and the queue when GONGHUI_TASKS=rq;
- GONGHUI_TASKS: immediate (in the request), db (a table and `manage.py db_worker`) or rq (Redis and
  `manage.py rqworker`);
- GONGHUI_MEDIA_S3_BUCKET: uploads on S3-compatible storage instead of a local directory.
"""

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_str

REPLICA = "replica"


def databases(base_dir: Path) -> dict[str, Any]:
    conn_max_age = env_int("GONGHUI_DB_CONN_MAX_AGE", 60, minimum=0)
    # Behind pgbouncer in transaction mode a server connection is shared between clients, so the
    # session-level state Django would otherwise rely on must not be: no server-side cursors.
    pooled = env_bool("GONGHUI_DB_POOLED", False)
    default = dj_database_url.parse(env_str("DATABASE_URL", f"sqlite:///{base_dir / 'var' / 'gonghui.sqlite3'}"),
                                    conn_max_age=conn_max_age)
    result: dict[str, Any] = {"default": default}
    replica_url = env_str("DATABASE_REPLICA_URL", "").strip()
    if replica_url:
        replica = dj_database_url.parse(replica_url, conn_max_age=conn_max_age)
        if replica["ENGINE"] != default["ENGINE"] or "sqlite" in replica["ENGINE"]:
            raise ImproperlyConfigured("DATABASE_REPLICA_URL must be a PostgreSQL replica of DATABASE_URL.")
        # Tests read the replica's alias from the primary's test database.
        replica["TEST"] = {"MIRROR": "default"}
        result[REPLICA] = replica
    for db in result.values():
        if db["ENGINE"] == "django.db.backends.sqlite3":
            # WAL and a busy timeout let the dev server's threads and a test live server share the file.
            db["OPTIONS"] = {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                             "transaction_mode": "IMMEDIATE"}
        elif pooled:
            db["DISABLE_SERVER_SIDE_CURSORS"] = True
    return result


def redis_url() -> str:
    url = env_str("GONGHUI_REDIS_URL", "").strip()
    if url and urlsplit(url).scheme not in ("redis", "rediss", "unix"):
        raise ImproperlyConfigured(f"GONGHUI_REDIS_URL must be a redis://, rediss:// or unix:// URL, not {url!r}.")
    return url


def caches(redis: str) -> dict[str, dict[str, Any]]:
    if not redis:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # A cache that answers "not cached" when Redis is down: the site keeps serving, only slower.
    return {"default": {"BACKEND": "gonghui.core.cache.TolerantRedisCache", "LOCATION": redis,
                        "KEY_PREFIX": "gh", "TIMEOUT": 300,
                        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}}


def tasks(kind: str, redis: str) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """(TASKS, RQ_QUEUES)."""
    backends = {
        "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        "db": "django_tasks_db.DatabaseBackend",
        "rq": "django_tasks_rq.RQBackend",
    }
    if kind not in backends:
        raise ImproperlyConfigured(f"GONGHUI_TASKS must be 'immediate', 'db' or 'rq', not {kind!r}.")
    if kind == "rq" and not redis:
        raise ImproperlyConfigured("GONGHUI_TASKS=rq needs GONGHUI_REDIS_URL: the queue lives in Redis.")
    # Connecting gives up after 2 s, so a request that queues work while Redis is away keeps the task in
    # the database (gonghui.core.queue) instead of hanging; reads keep no timeout: a worker blocks
    # waiting for work on purpose.
    if redis and "socket_connect_timeout" not in redis:
        redis += ("&" if "?" in redis else "?") + "socket_connect_timeout=2"
    queues = {"default": {"URL": redis, "DEFAULT_TIMEOUT": env_int("GONGHUI_TASK_TIMEOUT_S", 3600, minimum=60)}}
    return {"default": {"BACKEND": backends[kind]}}, (queues if redis else {})


def storages(production: bool) -> dict[str, dict[str, Any]]:
    static = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage" if production
              else "django.contrib.staticfiles.storage.StaticFilesStorage"}
    bucket = env_str("GONGHUI_MEDIA_S3_BUCKET", "").strip()
    if not bucket:
        return {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}, "staticfiles": static}
    options = {
        "bucket_name": bucket,
        "endpoint_url": env_str("GONGHUI_MEDIA_S3_ENDPOINT", "") or None,
        "region_name": env_str("GONGHUI_MEDIA_S3_REGION", "") or None,
        "access_key": env_str("GONGHUI_MEDIA_S3_ACCESS_KEY", "") or None,
        "secret_key": env_str("GONGHUI_MEDIA_S3_SECRET_KEY", "") or None,
        "location": env_str("GONGHUI_MEDIA_S3_PREFIX", "media"),
        # Personal documents: private objects, reached only through the app's own checked views,
        # and never overwritten by an upload of the same name.
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
        "addressing_style": env_str("GONGHUI_MEDIA_S3_ADDRESSING", "path"),
    }
    return {"default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}, "staticfiles": static}
