"""On the demo newsroom a surname, a place or a phrase from a body finds the right story first."""

import pytest

from search.service import search_articles
from seeds.loader import load_newsroom

pytestmark = pytest.mark.django_db

# What a reader types, and the slug of the demo article that should come first.
EXPECTED_FIRST = {
    "Cummings": "asias-world-city-brand-needs-refresh",  # a surname (a person's mention)
    "Panama": "ck-hutchison-panama-canal-ports-sale",  # a place
    "Dubai": "cuhk-robotic-surgery-biotech-dubai-showcase",  # a place in the headline
    '"university presidents"': "university-leaders-summit-hong-kong-tertiary-education",
    '"Economic and Trade Offices"': "hong-kong-economic-trade-offices-scrutiny",
    "stablecoins": "stablecoins-bill-bridge-web3-traditional-finance",
}


def test_searching_the_demo_newsroom_finds_the_right_story_first(committed):
    # Loading the demo newsroom draws its pictures, so it is loaded once for every query.
    with committed():
        load_newsroom()
    firsts = {
        query: search_articles(query).articles.values_list("slug", flat=True).first()
        for query in EXPECTED_FIRST
    }

    assert firsts == EXPECTED_FIRST
