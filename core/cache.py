"""Cache backends: a Redis cache that answers as a miss while Redis is unreachable, instead
of failing; a database cache that adds many keys at once."""

import base64
import functools
import logging
import pickle
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import connections, router
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


class SharedDatabaseCache(DatabaseCache):
    """Django's database cache, with `add_many`: one INSERT adds the keys not yet present.

    The page cache's tag versions live here when Redis is not configured; a page first
    showing a hundred tags would otherwise cost three queries a tag.
    """

    def add_many(self, data: dict, timeout=None) -> set:
        """Set each key that is not present yet, in one statement; return the keys it set."""
        if not data:
            return set()
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        expires = self._expiry(timeout, connection)
        full = {self.make_and_validate_key(key): key for key in data}
        rows = [(name, self._encode(data[key]), expires) for name, key in full.items()]
        placeholders = ", ".join(["(%s, %s, %s)"] * len(rows))
        columns = ", ".join(quote(name) for name in ("cache_key", "value", "expires"))
        sql = (
            f"INSERT INTO {quote(self._table)} ({columns}) VALUES {placeholders} "
            f"ON CONFLICT ({quote('cache_key')}) DO NOTHING RETURNING {quote('cache_key')}"
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
