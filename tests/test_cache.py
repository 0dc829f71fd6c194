import os

import pytest
from django.core.cache import caches

from config.settings.base import CACHES


@pytest.mark.skipif(
    not os.environ.get("REDIS_URL"),
    reason="REDIS_URL is unset; CI sets it for the PostgreSQL run to use the real Redis",
)
def test_the_cache_is_the_real_redis_when_redis_url_is_set():
    cache = caches["default"]
    assert CACHES["default"]["BACKEND"].endswith("RedisCache")
    cache.set("masthead-probe", {"n": 1}, timeout=5)
    assert cache.get("masthead-probe") == {"n": 1}
    assert cache._cache.get_client().ping()
