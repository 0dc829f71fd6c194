"""Wrong API tokens are counted per address; past the limit even a right token waits."""

import pytest
from django.core.cache import cache
from django.test import override_settings
from rest_framework.settings import api_settings
from rest_framework.test import APIClient

from tests.factories import api_key

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_counters():
    cache.clear()
    yield
    cache.clear()


def token_failures(rate):
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "token-failures": rate}
    return override_settings(
        REST_FRAMEWORK={**api_settings.user_settings, "DEFAULT_THROTTLE_RATES": rates}
    )


def get_with(token, address="203.0.113.7"):
    client = APIClient(REMOTE_ADDR=address)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client.get("/api/v1/articles/")


def test_the_fourth_wrong_token_in_a_minute_is_refused_with_retry_after():
    with token_failures("3/minute"):
        codes = [get_with(f"wrong-{n}").status_code for n in range(4)]
        refused = get_with("wrong-again")

    assert codes == [401, 401, 401, 429]
    assert int(refused["Retry-After"]) > 0


def test_a_right_token_waits_too_once_the_address_is_over_the_limit(editor):
    token = api_key(editor)
    with token_failures("3/minute"):
        for n in range(3):
            get_with(f"wrong-{n}")
        assert get_with(token).status_code == 429
        assert get_with(token, address="198.51.100.4").status_code == 200


def test_right_tokens_and_anonymous_reads_are_never_counted(editor):
    token = api_key(editor)
    with token_failures("1/minute"):
        codes = [get_with(token).status_code for _ in range(3)]
        codes += [APIClient().get("/api/v1/articles/").status_code for _ in range(3)]

    assert codes == [200] * 6
