"""A real Redis for the tests of what production runs on Redis (the shared cache, the RQ queue): a
throwaway `redis-server` on a free loopback port, nothing saved to disk. Without the binary the tests
that need it are skipped, except under REQUIRE_SERVICES=1 (CI), where that is a failure."""

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest


@dataclass
class RedisServer:
    port: int
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_listening(port: int, process: subprocess.Popen[bytes]) -> None:
    for _ in range(200):
        if process.poll() is not None:
            raise RuntimeError(f"redis-server exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("redis-server did not start listening")


@pytest.fixture(scope="session")
def _redis_process() -> Iterator[RedisServer]:
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail("REQUIRE_SERVICES=1 but redis-server is not installed (apt-get install redis-server).")
        pytest.skip("redis-server is not installed; the Redis tests are skipped (REQUIRE_SERVICES=1 requires it).")
    port = free_port()
    argv = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--loglevel", "warning"]
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
    try:
        _wait_until_listening(port, process)
        yield RedisServer(port, process)
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def redis_server(_redis_process: RedisServer) -> RedisServer:
    """The worker's redis-server, emptied: one server serves a worker's whole session, and a test must not
    find what an earlier one left (a failed job in the failed-job registry, queued jobs, cache keys)."""
    import redis

    redis.Redis.from_url(_redis_process.url).flushdb()
    return _redis_process


def run_burst(queue: Any) -> None:
    """RQ's own worker runs what `queue` holds, in this process, and returns when the queue is empty.

    Without the worker's command channel: rq subscribes to it with a pub/sub thread that redis-py's
    `get_message` parks for up to 60 s once unsubscribed (the worker's `sleep_time`), and the worker
    waits for that thread on its way out, a minute per run at random. The channel only carries
    shutdown/stop-job requests from outside, which a burst run here never receives."""
    from django_tasks_rq import Job
    from rq import SimpleWorker

    class BurstWorker(SimpleWorker):
        def subscribe(self) -> None:
            pass

    BurstWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)
