"""The page cache on, on local memory and on the real Redis, with changes that commit."""

import os

import pytest
import redis
from django.conf import settings
from django.core.cache import caches

from tests.factories import ArticleFactory, BylineFactory, MentionFactory, TaggedArticleFactory

# CI sets REDIS_URL for its PostgreSQL run; elsewhere TEST_REDIS_URL or the local Redis's
# db 8 is used, each pytest-xdist worker on a db of its own (config/settings/test.py).
REDIS_URL = settings.TEST_REDIS_URL


def redis_answers(url: str) -> bool:
    try:
        return redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.exceptions.ConnectionError:
        return False


def page_cache_config(backend: str) -> dict:
    if backend == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"}
    if not os.environ.get("REDIS_URL") and not redis_answers(REDIS_URL):
        pytest.skip("no Redis at 127.0.0.1:6379 and REDIS_URL is unset")
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "masthead-test-pages",
    }


def empty_page_store(backend: str, settings, *, whole_pages: bool):
    """Yield the page cache's store, empty, on `backend`; whole pages cached or not."""
    settings.CACHES = {**settings.CACHES, "pages": page_cache_config(backend)}
    settings.PAGE_CACHE = whole_pages
    settings.PAGE_CACHE_CLOCK_SKEW = 0
    caches["pages"].clear()
    yield backend
    caches["pages"].clear()


@pytest.fixture(params=["locmem", "redis"])
def page_cache(request, settings, db):
    """Turn the page cache on, empty, on the backend the test is run with."""
    yield from empty_page_store(request.param, settings, whole_pages=True)


@pytest.fixture(params=["locmem", "redis"])
def page_store(request, settings, db):
    """Empty the page cache's store on the test's backend, for kept fragments; no pages."""
    yield from empty_page_store(request.param, settings, whole_pages=False)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Return a context manager under which changes commit (their on-commit hooks run)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def make_story(db, committed):
    """Return a factory of articles with a byline, a mention and a topic, committed."""

    def make(**fields):
        with committed():
            article = ArticleFactory(headline="Ferries sail again", ready=False, **fields)
            BylineFactory(article=article)
            MentionFactory(article=article)
            TaggedArticleFactory(content_object=article)
        return article

    return make


@pytest.fixture
def story(make_story):
    """Return a published article with a byline, a mention and a topic, committed."""
    return make_story()
