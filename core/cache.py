"""Cache backends: a Redis cache that answers as a miss while Redis is unreachable, and
a database cache that adds many keys at once.

A Redis that refuses connections fails fast, but one that hangs (stopped, or a network that
drops packets) makes every call wait for the socket timeout: a request asking the cache five
times would wait five times. So once a connection times out or is refused, every connection
of this process to that server fails at once, without asking, for REDIS_RETRY_SECONDS: a
Redis problem costs a request at most one timeout (REDIS_TIMEOUT), and most requests none.
"""

import base64
import functools
import logging
import pickle
import time
from datetime import UTC, datetime

import redis
from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import connections, router
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


class SharedDatabaseCache(DatabaseCache):
    """Django's database cache, with `add_many`: one INSERT adds the keys not yet present.

    The page cache's tag versions live here when Redis is not configured; a page first
    showing a hundred tags, or a change bumping twenty, would otherwise cost three queries a
    tag. Keys are never culled here (the shared cache's MAX_ENTRIES is far above its use).
    """

    def add_many(self, data: dict, timeout=None) -> set:
        """Set each key that is not present yet, in one statement; return the keys it set."""
        return self._insert(data, timeout, on_conflict="DO NOTHING")

    def set_many(self, data: dict, timeout=DEFAULT_TIMEOUT) -> list:
        """Set every key in one statement (Django's sets them one by one, three queries each)."""
        self._insert(
            data,
            timeout,
            on_conflict="DO UPDATE SET {value} = excluded.{value}, {expires} = excluded.{expires}",
        )
        return []

    def _insert(self, data: dict, timeout, *, on_conflict: str) -> set:
        if not data:
            return set()
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        expires = self._expiry(timeout, connection)
        full = {self.make_and_validate_key(key): key for key in data}
        rows = [(name, self._encode(data[key]), expires) for name, key in full.items()]
        placeholders = ", ".join(["(%s, %s, %s)"] * len(rows))
        names = {name: quote(name) for name in ("cache_key", "value", "expires")}
        conflict = on_conflict.format(**names)
        sql = (
            f"INSERT INTO {quote(self._table)} ({', '.join(names.values())}) "
            f"VALUES {placeholders} ON CONFLICT ({names['cache_key']}) {conflict} "
            f"RETURNING {names['cache_key']}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [value for row in rows for value in row])
            return {full[name] for (name,) in cursor.fetchall()}

    def _encode(self, value) -> str:
        return base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")

    def _expiry(self, timeout, connection):
        seconds = self.get_backend_timeout(timeout)
        if seconds is None:
            moment = datetime.max
        else:
            moment = datetime.fromtimestamp(seconds, tz=UTC if settings.USE_TZ else None)
        return connection.ops.adapt_datetimefield_value(moment.replace(microsecond=0))
