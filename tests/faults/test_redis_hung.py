"""With Redis hung (stopped, not refusing), a request waits for it at most once: 0.5 s."""

import os
import signal
import time

import pytest
from django.conf import settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from core import cache as guarded
from core.api import conditional
from tests.factories import ArticleFactory

from .test_redis_down import cached_by  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def hung(cached_by):  # noqa: F811
    """Stop the test's Redis with SIGSTOP: connections open, nothing answers."""
    os.kill(cached_by.process.pid, signal.SIGSTOP)
    yield cached_by
    os.kill(cached_by.process.pid, signal.SIGCONT)
    guarded._away_until.clear()


def timed(call) -> tuple[int, float]:
    started = time.monotonic()
    status = call().status_code
    return status, time.monotonic() - started


def test_a_hung_redis_costs_each_request_at_most_one_timeout(editor, hung):
    article = ArticleFactory()
    token = Token.objects.create(user=editor)
    reader, writer = APIClient(), APIClient()
    writer.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    budget = float(os.environ.get("REDIS_TIMEOUT", "0.5")) + 0.3

    def patch(headline):
        article.refresh_from_db()
        return writer.patch(
            f"/api/v1/articles/{article.pk}/",
            {"headline": headline},
            format="json",
            HTTP_IF_MATCH=conditional.version_etag(article),
        )

    results = [
        timed(lambda: reader.get("/api/v1/articles/")),
        timed(lambda: patch("Hung one")),
        timed(lambda: reader.get(article.get_absolute_url())),
        timed(lambda: patch("Hung two")),
    ]
    assert [status for status, _ in results] == [200, 200, 200, 200]
    assert all(seconds < budget for _, seconds in results), results
    # Only the first found Redis hung; the others did not ask it again.
    assert sum(seconds for _, seconds in results[1:]) < 0.3, results
    assert sum(seconds for _, seconds in results) < settings.REDIS_RETRY_SECONDS
