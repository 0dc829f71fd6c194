"""Redis stopped when a change commits, started again: pages are fresh once the retried
effects run (the page cache's tag bump is an effect of the change's event)."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from articles.services import publishing
from events.dispatch import backoff
from events.models import Delivery
from events.worker import Worker
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages_on(settings, redis_server):
    """Keep pages (and their tags' versions) on the test's own Redis."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_server.url,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        },
    }
    settings.PAGE_CACHE, settings.PAGE_CACHE_CLOCK_SKEW = True, 0
    return redis_server


def cached(client, url: str) -> str:
    client.get(url)
    response = client.get(url)
    assert response["X-Page-Cache"] == "hit", url
    return response.content.decode()


def test_pages_are_fresh_once_the_effects_missed_in_an_outage_are_retried(
    client, pages_on, django_capture_on_commit_callbacks, editor
):
    with django_capture_on_commit_callbacks(execute=True):
        story = ArticleFactory(headline="Ferries sail again")
    home = reverse("articles:home")
    assert "Ferries sail again" in cached(client, home)

    pages_on.stop(keep_data=True)
    caches["pages"].close()
    with django_capture_on_commit_callbacks(execute=True):
        publishing.unpublish(article=story, user=editor)
    bump = Delivery.objects.get(effect="pagecache", event__kind="article.unpublished")
    assert bump.done_at is None and bump.last_error  # failed at commit, kept for a retry

    pages_on.start()  # with the pages it held: the home page kept before the change
    caches["pages"].close()
    response = client.get(home)
    assert response["X-Page-Cache"] == "hit" and "Ferries sail again" in response.text  # stale

    with time_machine.travel(timezone.now() + backoff(1) + timedelta(seconds=1)):
        Worker("test").turn()
    bump.refresh_from_db()
    assert bump.done_at is not None and bump.attempts == 2
    assert "Ferries sail again" not in client.get(home).content.decode()
