"""A Redis cache that answers as a miss while Redis is unreachable, instead of failing.

A Redis that refuses connections fails fast, but one that hangs (stopped, or a network that
drops packets) makes every call wait for the socket timeout: a request asking the cache five
times would wait five times. So once a connection times out or is refused, every connection
of this process to that server fails at once, without asking, for REDIS_RETRY_SECONDS: a
Redis problem costs a request at most one timeout (REDIS_TIMEOUT), and most requests none.
"""

import functools
import logging
import time

import redis
from django.conf import settings
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
# When each Redis server (host:port) may be asked again, per process: the state of the
# connection to it, like the connection pool itself, not anything read from it.
_away_until: dict[str, float] = {}


class GuardedConnection(redis.Connection):
    """A Redis connection that gives up at once while its server was found not answering."""

    def connect(self):
        self._refuse_while_away()
        return self._watched(super().connect)

    def send_packed_command(self, command, check_health=True):
        self._refuse_while_away()
        return self._watched(super().send_packed_command, command, check_health)

    def read_response(self, *args, **kwargs):
        return self._watched(super().read_response, *args, **kwargs)

    @property
    def _server(self) -> str:
        return f"{self.host}:{self.port}"

    def _refuse_while_away(self) -> None:
        if time.monotonic() < _away_until.get(self._server, 0):
            raise RedisConnectionError(f"Redis at {self._server} did not answer just now.")

    def _watched(self, call, *args, **kwargs):
        try:
            return call(*args, **kwargs)
        except UNREACHABLE:
            _away_until[self._server] = time.monotonic() + settings.REDIS_RETRY_SECONDS
            self.disconnect()
            raise


class GuardedConnectionPool(redis.ConnectionPool):
    """A connection pool of GuardedConnections (the caches' `pool_class`)."""

    @classmethod
    def from_url(cls, url, **kwargs):
        kwargs.setdefault("connection_class", GuardedConnection)
        return super().from_url(url, **kwargs)


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
