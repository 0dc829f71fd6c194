"""Page numbers, cursors and the page-size cap."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticleFactory, TagFactory, shown_in_public

pytestmark = pytest.mark.django_db


def test_page_size_is_capped_at_100(api):
    ArticleFactory.create_batch(101)

    data = api.get("/api/v1/articles/", {"page-size": 500, "fields": "id"}).json()

    assert len(data["results"]) == 100
    assert data["next"]


def test_page_numbers_walk_the_list(api):
    ArticleFactory.create_batch(5)

    first = api.get("/api/v1/articles/", {"page-size": 2}).json()
    second = api.get(first["next"]).json()
    last = api.get(second["next"]).json()

    assert first["previous"] is None and "page=2" in first["next"]
    assert "page=" not in second["previous"]
    assert len(last["results"]) == 1 and last["next"] is None and "page=2" in last["previous"]


def test_a_full_last_page_has_no_next_link(api):
    ArticleFactory.create_batch(4)

    last = api.get("/api/v1/articles/", {"page-size": 2, "page": 2}).json()

    assert len(last["results"]) == 2 and last["next"] is None


@pytest.mark.parametrize("resource", ["articles", "tags"])
def test_numbered_pages_never_count_the_collection(api, resource):
    ArticleFactory.create_batch(3)
    shown_in_public(*TagFactory.create_batch(3))

    with CaptureQueriesContext(connection) as queries:
        data = api.get(f"/api/v1/{resource}/", {"page-size": 2}).json()

    assert "count" not in data and data["next"]
    assert not [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]


@pytest.mark.parametrize(
    "page", ["3", "0", "-1", "2.0", "last", "x", str(2**62), str(2**63), "9" * 30]
)
def test_a_page_past_the_end_or_not_a_page_number_is_not_found(api, page):
    ArticleFactory.create_batch(3)

    response = api.get("/api/v1/articles/", {"page-size": 2, "page": page})

    assert response.status_code == 404


def test_an_empty_list_is_an_empty_first_page(api):
    data = api.get("/api/v1/articles/").json()

    assert data == {"next": None, "previous": None, "results": []}


@pytest.mark.parametrize("order", ["newest", "oldest"])
def test_a_cursor_pages_through_every_article_once_in_order(api, order):
    articles = ArticleFactory.create_batch(7)
    expected = [a.pk for a in sorted(articles, key=lambda a: (a.published_at, a.pk))]
    if order == "newest":
        expected.reverse()

    seen, url = [], f"/api/v1/articles/?cursor=&page-size=3&order-by={order}"
    while url:
        data = api.get(url).json()
        assert "count" not in data
        seen += [a["id"] for a in data["results"]]
        url = data["next"]

    assert seen == expected


def test_next_cursor_is_the_cursor_parameter_of_the_next_page(api):
    articles = ArticleFactory.create_batch(5)

    seen, cursor = [], ""
    while cursor is not None:
        data = api.get("/api/v1/articles/", {"cursor": cursor, "page-size": 2}).json()
        seen += [a["id"] for a in data["results"]]
        cursor = data["next_cursor"]

    assert sorted(seen) == sorted(a.pk for a in articles)
    assert data["previous_cursor"]


@pytest.mark.parametrize("size", ["0", "-1", "null", "2.5", "²"])
@pytest.mark.parametrize("cursor", [False, True])
def test_a_page_size_that_is_not_a_whole_number_from_1_is_a_400(api, size, cursor):
    query = {"page-size": size, **({"cursor": ""} if cursor else {})}

    response = api.get("/api/v1/articles/", query)

    assert response.status_code == 400
    assert "page-size" in response.json()["errors"]


def test_a_well_formed_cursor_the_api_did_not_give_is_a_404(api):
    from base64 import b64encode

    ArticleFactory.create_batch(3)
    given = api.get("/api/v1/articles/", {"cursor": "", "page-size": 1}).json()["next_cursor"]
    assert api.get("/api/v1/articles/", {"cursor": given, "page-size": 1}).status_code == 200
    # A cursor written by hand, as DRF's unsigned ones could be: an offset into the list.
    for written in (b64encode(b"o=2").decode(), given.rsplit(":", 1)[0]):
        response = api.get("/api/v1/articles/", {"cursor": written, "page-size": 1})
        assert response.status_code == 404 and response.json()["detail"] == "Invalid cursor"
