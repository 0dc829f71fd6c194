"""Every list and detail endpoint runs a fixed number of queries, whatever the sizes."""

import pytest

from tests.factories import (
    AffiliationFactory,
    PersonFactory,
    SectionFactory,
    TagFactory,
    shown_in_public,
)

pytestmark = pytest.mark.django_db

# A page of articles: the page, then its bylines, mentions, tags and images, inside the
# request's savepoint pair. Nothing counts the list.
ARTICLE_PAGE_QUERIES = 7
# A signed-in client adds its token and its permissions (its own and its groups'); the
# token's last use is written at most once a minute, so the first request writes it.
SIGNED_IN_QUERIES = 3


@pytest.mark.parametrize("articles", [2, 20])
@pytest.mark.parametrize("relations", [1, 30])
def test_a_page_of_articles_costs_7_queries_whatever_its_length_and_relations(
    api, rich_article, articles, relations, django_assert_num_queries
):
    for _ in range(articles):
        rich_article(relations)

    with django_assert_num_queries(ARTICLE_PAGE_QUERIES):
        data = api.get("/api/v1/articles/", {"page-size": articles}).json()

    assert len(data["results"]) == articles
    assert len(data["results"][0]["tags"]) == relations


@pytest.mark.parametrize(
    ("fields", "queries"),
    [("id,headline,web_url,section", 3), ("id,tags", 4), ("id,bylines,mentions,images", 6)],
)
def test_a_sparse_page_loads_only_the_relations_its_fields_show(
    api, rich_article, fields, queries, django_assert_num_queries
):
    for _ in range(3):
        rich_article(2)

    with django_assert_num_queries(queries):
        assert api.get("/api/v1/articles/", {"fields": fields}).status_code == 200


@pytest.mark.parametrize("relations", [1, 30])
def test_the_signed_in_article_list_and_cursor_pages_stay_constant(
    editor_api, rich_article, relations, django_assert_num_queries
):
    for _ in range(3):
        rich_article(relations)

    editor_api.get("/api/v1/tags/")  # the token's first use of the minute is written
    for query in ({}, {"cursor": ""}):
        with django_assert_num_queries(ARTICLE_PAGE_QUERIES + SIGNED_IN_QUERIES):
            assert editor_api.get("/api/v1/articles/", query).status_code == 200


@pytest.mark.parametrize("relations", [1, 30])
@pytest.mark.parametrize("suffix", ["", "ninjs/"])
def test_an_article_detail_and_its_ninjs_stay_constant(
    api, rich_article, relations, suffix, django_assert_max_num_queries
):
    article = rich_article(relations)
    for _ in range(relations):
        rich_article(1, section=article.section)

    # The detail adds corrections and related coverage (ranking, then loading) to the list's.
    with django_assert_max_num_queries(ARTICLE_PAGE_QUERIES + 3):
        assert api.get(f"/api/v1/articles/{article.pk}/{suffix}").status_code == 200


@pytest.mark.parametrize("size", [1, 30])
@pytest.mark.parametrize("resource", ["sections", "tags", "people"])
def test_the_other_lists_and_details_stay_constant(
    api, resource, size, django_assert_max_num_queries
):
    for _ in range(size):
        parent = SectionFactory()
        SectionFactory(parent=SectionFactory(parent=parent))
        shown_in_public(TagFactory(), AffiliationFactory(person=PersonFactory()).person)
    record = {"sections": SectionFactory, "tags": TagFactory, "people": PersonFactory}[resource]()
    if resource != "sections":
        shown_in_public(record)

    with django_assert_max_num_queries(5):
        assert api.get(f"/api/v1/{resource}/").status_code == 200
    with django_assert_max_num_queries(4):
        assert api.get(f"/api/v1/{resource}/{record.slug}/").status_code == 200
