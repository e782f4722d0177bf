"""A Redis cache that degrades to "always a miss" when Redis is unreachable.

Pages, fragments and tallies are caches: if Redis is down they are recomputed from PostgreSQL and
the site keeps serving. Throttles are not caches: they use the strict `throttle` alias (the plain
backend, which raises) and treat an error as "blocked" — see accounts.throttle.
"""

import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger("portal.cache")
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)


def _degrading(name, fallback):
    def method(self, *args, **kwargs):
        try:
            return getattr(super(DegradingRedisCache, self), name)(*args, **kwargs)
        except UNAVAILABLE as error:
            log.warning("cache unavailable (%s): %s", name, error)
            return fallback(args, kwargs) if callable(fallback) else fallback

    method.__name__ = name
    return method


def _default_arg(args, kwargs):
    return kwargs.get("default", args[1] if len(args) > 1 else None)


class DegradingRedisCache(RedisCache):
    get = _degrading("get", _default_arg)
    get_many = _degrading("get_many", {})
    has_key = _degrading("has_key", False)
    set = _degrading("set", None)
    set_many = _degrading("set_many", [])
    # add() answers "not stored", so nobody believes they won a cache-based race while degraded.
    add = _degrading("add", False)
    touch = _degrading("touch", False)
    delete = _degrading("delete", False)
    delete_many = _degrading("delete_many", None)
    clear = _degrading("clear", None)

    def get_or_set(self, key, default, timeout=None, version=None):
        value = self.get(key, version=version)
        if value is None:
            value = default() if callable(default) else default
            if value is not None:
                self.add(key, value, timeout=timeout, version=version)
        return value

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version=version)
        except UNAVAILABLE as error:
            log.warning("cache unavailable (incr): %s", error)
            # What callers already handle: the key is not there.
            raise ValueError(f"Key '{key}' not found (cache unavailable)")

    def decr(self, key, delta=1, version=None):
        return self.incr(key, -delta, version=version)
