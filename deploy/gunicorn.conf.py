"""gunicorn for Gonghui (README "Production"). Every value can be overridden on the command line or by
GUNICORN_CMD_ARGS; the defaults suit a VM or container of a few cores behind nginx."""

import multiprocessing
import os

bind = os.environ.get("GONGHUI_BIND", "127.0.0.1:8000")
# Sync workers: the pages are database-bound and short; two per core plus one keeps the cores busy
# while some workers wait on PostgreSQL. GONGHUI_WEB_WORKERS pins it (containers see the host's cores).
workers = int(os.environ.get("GONGHUI_WEB_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# Longer than nginx's proxy_read_timeout would be pointless; shorter than an upload of the largest
# roster on a slow line would cut it (nginx buffers the body first, so 60 s is the app's own time).
timeout = int(os.environ.get("GONGHUI_WEB_TIMEOUT_S", 60))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak in a library never grows without bound. Not too often: a
# busy worker answers a few hundred requests a second, and each replacement leaves its place empty for
# a second or two while the old one exits (at 2,000 a worker was replaced every ~15 s under the load
# bench, and throughput swung by half between runs). config/wsgi.py warms the app before the fork, so a
# replacement's first request is not slower than the rest.
max_requests = 20000
max_requests_jitter = 2000
# Load the app before forking: one copy of the code in memory, and a broken setting stops the
# master at start instead of every worker in turn.
preload_app = True
forwarded_allow_ips = os.environ.get("GONGHUI_FORWARDED_ALLOW_IPS", "127.0.0.1")
# The access log names the path without its query string: a member search's query string may hold
# a name or a phone number, which must never reach a log.
accesslog = "-"
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms "%({x-request-id}i)s"'
errorlog = "-"
loglevel = os.environ.get("GONGHUI_WEB_LOG_LEVEL", "info")


def post_fork(server, worker):
    # Connections opened by the master while loading the app must not be shared with the workers.
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        connection.close()

# gunicorn's control socket defaults to one path per user ($HOME/.gunicorn/gunicorn.ctl), shared by
# every gunicorn that user runs on the host; systemd's signals and the process manager do its work.
control_socket_disable = True
