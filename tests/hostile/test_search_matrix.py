"""The public search page answers every hostile value in every parameter with a page or a 4xx."""

from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from django.urls import reverse

from search.forms import SearchForm
from tests.factories import ArticleFactory, PersonFactory, SectionFactory, TagFactory

from . import values
from .pages import row_counts

pytestmark = pytest.mark.django_db

# Every field of the form, read from the product, and the page number the list reads.
PARAMETERS = [*SearchForm.base_fields, "page"]


@pytest.fixture
def archive(db):
    section = SectionFactory(slug="harbour")
    ArticleFactory(section=section, headline="Ferries run late in the harbour")
    TagFactory(slug="ferries")
    PersonFactory(slug="ada-lee")


@pytest.mark.parametrize("parameter", PARAMETERS)
def test_every_search_parameter_answers_hostile_values(archive, parameter):
    client = Client(raise_request_exception=False)
    url = reverse("search:search")
    before = row_counts()
    tried = [*values.TEXT.items(), *values.RAW.items()]
    for name, value in tried:
        raw = value if isinstance(value, bytes) else value.encode("utf-8")
        # With words to search for, so that the other parameters reach the query.
        query = f"q=ferries&{quote(parameter)}={quote(raw)}"
        response = client.get(url, QUERY_STRING=query)
        assert response.status_code < 500, f"{parameter}={name}: {response.status_code}"
        if response.status_code >= 400:
            assert response.content.strip(), f"{parameter}={name}: no message"
    repeated = urlencode([("q", "ferries"), (parameter, "1"), (parameter, "x")])
    assert client.get(url, QUERY_STRING=repeated).status_code < 500
    unencoded = f"q=ferries&{parameter}=" + values.RAW["invalid UTF-8"].decode("latin-1")
    assert client.get(url, QUERY_STRING=unencoded).status_code < 500
    assert row_counts() == before
