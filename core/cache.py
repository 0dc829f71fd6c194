"""A Redis cache that answers as a miss while Redis is unreachable, instead of failing."""

import functools
import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


def fail_open(fallback):
    """Return a decorator that logs an unreachable Redis and returns `fallback(args)`."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except UNREACHABLE as error:
                logger.warning("Redis is unreachable (%s); %s is a miss", error, method.__name__)
                return fallback(*args, **kwargs)

        return wrapper

    return decorate


def missing_counter(*args, **kwargs):
    """Raise as incr() does for a missing key, the one answer its callers expect."""
    raise ValueError("Redis is unreachable; the key counts as missing.")


class FailOpenRedisCacheClient(RedisCacheClient):
    """Django's Redis client with every call answering as an empty cache when Redis is down."""

    get = fail_open(lambda key, default: default)(RedisCacheClient.get)
    get_many = fail_open(lambda keys: {})(RedisCacheClient.get_many)
    has_key = fail_open(lambda key: False)(RedisCacheClient.has_key)
    add = fail_open(lambda *args, **kwargs: False)(RedisCacheClient.add)
    set = fail_open(lambda *args, **kwargs: None)(RedisCacheClient.set)
    set_many = fail_open(lambda *args, **kwargs: [])(RedisCacheClient.set_many)
    touch = fail_open(lambda *args, **kwargs: False)(RedisCacheClient.touch)
    delete = fail_open(lambda key: False)(RedisCacheClient.delete)
    delete_many = fail_open(lambda keys: None)(RedisCacheClient.delete_many)
    incr = fail_open(missing_counter)(RedisCacheClient.incr)
    clear = fail_open(lambda: False)(RedisCacheClient.clear)


class FailOpenRedisCache(RedisCache):
    """Django's Redis cache; while Redis is unreachable it logs and behaves as a miss."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = FailOpenRedisCacheClient
