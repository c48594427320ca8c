"""The shared cache on Redis, tolerant of Redis being away.

Nothing the product needs for correctness lives only in the cache (sessions, rate limits and the
queue's fallback are in the database), so when Redis stops answering a read is a miss and a write is
dropped: pages keep being served, a little slower. One warning per minute says so in the log.
"""

import logging
import time
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)
_UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)
_last_warning = 0.0


def _warn(exc: BaseException) -> None:
    global _last_warning
    now = time.monotonic()
    if now - _last_warning > 60:
        _last_warning = now
        log.warning("Redis cache unavailable (%s); serving without it.", type(exc).__name__)


class TolerantRedisCache(RedisCache):
    # Timeouts pass through as given: None means "never expire", DEFAULT_TIMEOUT the cache's default.
    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> bool:
        try:
            return bool(super().add(key, value, timeout, version))
        except _UNAVAILABLE as exc:
            _warn(exc)
            return False

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        try:
            return super().get(key, default, version)
        except _UNAVAILABLE as exc:
            _warn(exc)
            return default

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> None:
        try:
            super().set(key, value, timeout, version)
        except _UNAVAILABLE as exc:
            _warn(exc)

    def delete(self, key: Any, version: Any = None) -> bool:
        try:
            return bool(super().delete(key, version))
        except _UNAVAILABLE as exc:
            _warn(exc)
            return False

    def get_many(self, keys: Any, version: Any = None) -> dict[Any, Any]:
        try:
            return dict(super().get_many(keys, version))
        except _UNAVAILABLE as exc:
            _warn(exc)
            return {}

    def set_many(self, data: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> list[Any]:
        try:
            return list(super().set_many(data, timeout, version))
        except _UNAVAILABLE as exc:
            _warn(exc)
            return list(data)
