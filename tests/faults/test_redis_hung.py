"""With Redis hung (SIGSTOP: connections open, nothing answers), a request waits at most 0.5 s."""

import os
import signal
import time

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from core import cache as guarded
from core.api import conditional
from tests.factories import ArticleFactory, api_key

from .test_redis_down import cached_by  # noqa: F401

pytestmark = pytest.mark.django_db


def timed(call) -> tuple[int, float]:
    started = time.monotonic()
    status = call().status_code
    return status, time.monotonic() - started


def test_a_hung_redis_costs_each_request_at_most_one_timeout(editor, cached_by):  # noqa: F811
    article = ArticleFactory()
    token = api_key(editor)
    reader, writer = APIClient(), APIClient()
    writer.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    timeout = float(os.environ.get("REDIS_TIMEOUT", "0.5"))

    def patch(headline):
        article.refresh_from_db()
        return writer.patch(
            f"/api/v1/articles/{article.pk}/",
            {"headline": headline},
            format="json",
            HTTP_IF_MATCH=conditional.version_etag(article),
        )

    def visit(n: int) -> list[tuple[int, float]]:
        return [
            timed(lambda: reader.get("/api/v1/articles/")),
            timed(lambda: patch(f"Headline {n}")),
            timed(lambda: reader.get(article.get_absolute_url())),
            timed(lambda: patch(f"Headline {n + 1}")),
        ]

    visit(0)  # warm
    answering = visit(2)
    os.kill(cached_by.process.pid, signal.SIGSTOP)
    try:
        hung = visit(4)
    finally:
        os.kill(cached_by.process.pid, signal.SIGCONT)
        guarded._away_until.clear()

    assert [status for status, _ in hung] == [200, 200, 200, 200]
    extra = [h - a for (_, h), (_, a) in zip(hung, answering, strict=True)]
    # The first request waits one timeout; the others do not ask Redis again.
    assert extra[0] < timeout + 0.3 and sum(extra[1:]) < 0.3, (hung, answering)
    assert sum(seconds for _, seconds in hung) < settings.REDIS_RETRY_SECONDS
