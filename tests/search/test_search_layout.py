"""The search page speaks the site's date format and shows results before the filters."""

import re

import pytest
from django.urls import reverse

URL = reverse("search:search")
pytestmark = pytest.mark.django_db


def test_dates_are_typed_and_shown_in_the_sites_format(client):
    response = client.get(URL, {"q": "ferries", "date_from": "3 Mar 2025", "date_to": "2025-03-09"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.is_valid(), form.errors
    page = response.text
    assert 'value="3 Mar 2025"' in page and 'value="9 Mar 2025"' in page
    assert 'type="date"' not in page


def test_a_date_in_no_known_format_is_refused_with_a_message(client):
    response = client.get(URL, {"q": "ferries", "date_from": "the third of March"})
    assert response.status_code == 200
    assert "Enter a valid date." in response.text


def test_the_results_come_before_the_folded_filters(client, newsroom):
    page = client.get(URL, {"q": "green bonds"}).text
    results, filters = page.index('class="search-results"'), page.index("<details")
    assert results < filters
    assert not re.search(r"<details[^>]*\bopen\b", page)  # folded while no filter is used
    filter_inputs = re.findall(
        r'<(?:input|select)[^>]*name="(?:section|tag|date_from)"[^>]*>', page
    )
    assert len(filter_inputs) == 3
    assert all('form="search-form"' in tag for tag in filter_inputs)


def test_filters_in_use_stay_unfolded(client, newsroom):
    page = client.get(URL, {"q": "green bonds", "section": "business"}).text
    assert re.search(r"<details[^>]*\bopen\b", page)
