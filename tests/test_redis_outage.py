"""Redis away: the cache answers "not cached" and work queued meanwhile waits in the database; when
Redis is back the periodic timer hands it to the queue and a worker runs it. Against a real
redis-server (gonghui.testing.redis_server) and a port nothing listens on."""

import django_rq
import pytest
import redis
from django.core.management import call_command

from gonghui.cases.tasks import case_sweep_overdue_task
from gonghui.core.cache import TolerantRedisCache
from gonghui.core.queue import PendingEnqueue, enqueue_on_commit, flush_pending
from gonghui.testing.redis_server import free_port, run_burst

pytestmark = pytest.mark.django_db


def _cache(url):
    return TolerantRedisCache(url, {"OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}})


def _use_rq(settings, url):
    settings.GONGHUI_TASKS = "rq"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
    settings.RQ_QUEUES = {"default": {"URL": url + "?socket_connect_timeout=1"}}


def test_the_cache_is_a_miss_not_an_error_while_redis_is_away(redis_server):
    away = _cache(f"redis://127.0.0.1:{free_port()}/0")
    assert away.get("k", "fallback") == "fallback"
    away.set("k", 1)
    assert away.add("k", 1) is False and away.get_many(["k"]) == {}
    live = _cache(redis_server.url)
    live.set("gonghui-test-key", {"a": 1})
    assert live.get("gonghui-test-key") == {"a": 1}
    # None means "never expire" (the holiday calendar's version token relies on it), not the default.
    live.set("gonghui-forever", 1, None)
    live.add("gonghui-forever-too", 1, None)
    client = redis.Redis.from_url(redis_server.url)
    assert client.ttl(live.make_and_validate_key("gonghui-forever")) == -1
    assert client.ttl(live.make_and_validate_key("gonghui-forever-too")) == -1
    assert 0 < client.ttl(live.make_and_validate_key("gonghui-test-key")) <= live.default_timeout


def test_work_queued_while_redis_is_away_waits_in_the_database_then_runs(settings, redis_server,
                                                                        django_capture_on_commit_callbacks):
    _use_rq(settings, f"redis://127.0.0.1:{free_port()}/0")
    with django_capture_on_commit_callbacks(execute=True):
        enqueue_on_commit(case_sweep_overdue_task)
    kept = PendingEnqueue.objects.get()
    assert kept.task == case_sweep_overdue_task.module_path and kept.error == "ConnectionError"
    # Still away: the timer tries, counts the attempt and keeps it.
    assert flush_pending() == (0, 1)
    assert PendingEnqueue.objects.get().attempts == 1

    _use_rq(settings, redis_server.url)
    queue = django_rq.get_queue("default")
    queue.empty()
    call_command("periodic", stdout=open("/dev/null", "w"))  # noqa: SIM115 - the command's own output is not the point
    assert not PendingEnqueue.objects.exists()
    # The kept sweep and the timer's own jobs are all in Redis now; a worker runs them here, in-process.
    assert case_sweep_overdue_task.module_path in [job.func_name for job in queue.jobs]
    run_burst(queue)
    assert queue.count == 0 and len(queue.failed_job_registry) == 0


def test_the_metrics_read_the_queue_from_redis_and_count_what_is_kept(settings, redis_server,
                                                                      django_capture_on_commit_callbacks):
    from gonghui.core.monitoring_sources import database_families

    def figures():
        return {(f.name, tuple(sorted(s.labels.items()))): s.value for f in database_families() for s in f.samples}

    _use_rq(settings, f"redis://127.0.0.1:{free_port()}/0")
    with django_capture_on_commit_callbacks(execute=True):
        enqueue_on_commit(case_sweep_overdue_task)
    away = figures()
    assert away[("gonghui_task_kept", ())] == 1 and ("gonghui_task_queue_depth", (("queue", "default"),)) not in away

    _use_rq(settings, redis_server.url)
    django_rq.get_queue("default").empty()
    flush_pending()
    back = figures()
    assert back[("gonghui_task_kept", ())] == 0
    assert back[("gonghui_task_queue_depth", (("queue", "default"),))] == 1
    assert back[("gonghui_tasks_running", ())] == 0
