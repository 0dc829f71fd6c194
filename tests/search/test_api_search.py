"""The API's `q` goes through the search service: ranked by default, drafts hidden."""

import pytest
from rest_framework.test import APIClient

URL = "/api/v1/articles/"


@pytest.fixture
def api():
    return APIClient()


def pks(response):
    """Return the ids of a list response, in order."""
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def test_q_ranks_a_headline_match_first_by_default(api, newsroom):
    assert pks(api.get(URL, {"q": "green bonds"}))[0] == newsroom["headline"].pk


def test_q_with_order_by_newest_keeps_the_newest_first(api, newsroom):
    found = pks(api.get(URL, {"q": "green bonds", "order-by": "newest"}))

    assert found == [newsroom["body"].pk, newsroom["bonds_apart"].pk, newsroom["headline"].pk]


def test_q_supports_phrases_and_never_finds_drafts(api, newsroom):
    assert set(pks(api.get(URL, {"q": '"green bonds"'}))) == {
        newsroom["headline"].pk,
        newsroom["body"].pk,
    }
    assert pks(api.get(URL, {"q": "secret"})) == []
