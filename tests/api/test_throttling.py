"""Throttling follows the configured rates for anonymous and signed-in clients."""

import pytest
from django.core.cache import cache
from django.test import override_settings
from rest_framework.settings import api_settings

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def rates(anon, user):
    return override_settings(
        REST_FRAMEWORK={
            **api_settings.user_settings,
            "DEFAULT_THROTTLE_RATES": {"anon": anon, "user": user},
        }
    )


@pytest.fixture(autouse=True)
def fresh_counters():
    cache.clear()
    yield
    cache.clear()


def test_anonymous_clients_over_their_rate_get_429(api):
    ArticleFactory()
    with rates("2/minute", "100/minute"):
        codes = [api.get("/api/v1/articles/").status_code for _ in range(3)]

    assert codes == [200, 200, 429]


def test_signed_in_clients_have_their_own_rate(editor_api):
    with rates("1/minute", "3/minute"):
        codes = [editor_api.get("/api/v1/tags/").status_code for _ in range(4)]

    assert codes == [200, 200, 200, 429]


def test_anonymous_clients_answer_to_their_rate_alone(api):
    # The signed-in clients' rate is per account: it does not also count addresses.
    ArticleFactory()
    with rates("5/minute", "2/minute"):
        codes = [api.get("/api/v1/articles/").status_code for _ in range(6)]

    assert codes == [200] * 5 + [429]
