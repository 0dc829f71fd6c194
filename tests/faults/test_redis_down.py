"""With Redis stopped, pages and the API (throttles and token checks included) still answer."""

import time

import pytest
from django.conf import settings
from django.core.cache import caches
from rest_framework.authtoken.models import Token
from rest_framework.settings import api_settings
from rest_framework.test import APIClient

from config.settings.base import redis_cache
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached_by(settings, redis_server):
    """Point the cache at the test's own Redis and turn every throttle on."""
    on_redis = redis_cache(redis_server.url)
    settings.CACHES = {**settings.CACHES, "default": on_redis, "shared": on_redis}
    rates = {"anon": "1000/minute", "user": "1000/minute", "token-failures": "10/minute"}
    settings.REST_FRAMEWORK = {**api_settings.user_settings, "DEFAULT_THROTTLE_RATES": rates}
    return redis_server


def visit_everything(article, token) -> list[int]:
    reader, client = APIClient(), APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    wrong = APIClient()
    wrong.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    return [
        reader.get("/").status_code,
        reader.get(article.get_absolute_url()).status_code,
        reader.get("/api/v1/articles/").status_code,
        reader.get(f"/api/v1/articles/{article.pk}/").status_code,
        client.get("/api/v1/tags/").status_code,
        wrong.get("/api/v1/articles/").status_code,
    ]


def test_pages_and_the_api_answer_before_and_after_redis_stops(cached_by, editor):
    article = ArticleFactory()
    token = Token.objects.create(user=editor)
    assert visit_everything(article, token) == [200, 200, 200, 200, 200, 401]
    # The throttle really counted in Redis, in the store every process shares.
    assert caches[settings.THROTTLE_CACHE_ALIAS].get("throttle_anon_127.0.0.1")

    cached_by.stop()
    started = time.monotonic()
    codes = visit_everything(article, token)

    assert codes == [200, 200, 200, 200, 200, 401]
    assert time.monotonic() - started < 10  # refused connections fail fast
