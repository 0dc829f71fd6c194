"""Every list and detail endpoint runs a fixed number of queries, whatever the sizes."""

import pytest

from tests.factories import AffiliationFactory, PersonFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db

# Five reads for a page of articles (page, bylines, mentions, tags, images) plus the
# request's savepoint pair; a signed-in client adds the token lookup.
ARTICLE_PAGE_QUERIES = 10


@pytest.mark.parametrize("relations", [1, 30])
def test_a_page_of_20_articles_with_all_relations_stays_within_10_queries(
    api, rich_article, relations, django_assert_max_num_queries
):
    for _ in range(20):
        rich_article(relations)

    with django_assert_max_num_queries(ARTICLE_PAGE_QUERIES):
        data = api.get("/api/v1/articles/").json()

    assert len(data["results"]) == 20
    assert len(data["results"][0]["tags"]) == relations


@pytest.mark.parametrize("relations", [1, 30])
def test_the_signed_in_article_list_and_cursor_pages_stay_constant(
    editor_api, rich_article, relations, django_assert_max_num_queries
):
    for _ in range(3):
        rich_article(relations)

    with django_assert_max_num_queries(ARTICLE_PAGE_QUERIES):
        assert editor_api.get("/api/v1/articles/?cursor=").status_code == 200


@pytest.mark.parametrize("relations", [1, 30])
@pytest.mark.parametrize("suffix", ["", "ninjs/"])
def test_an_article_detail_and_its_ninjs_stay_constant(
    api, rich_article, relations, suffix, django_assert_max_num_queries
):
    article = rich_article(relations)
    for _ in range(relations):
        rich_article(1, section=article.section)

    # The detail adds corrections and related coverage to the list's queries.
    with django_assert_max_num_queries(11):
        assert api.get(f"/api/v1/articles/{article.pk}/{suffix}").status_code == 200


@pytest.mark.parametrize("size", [1, 30])
@pytest.mark.parametrize("resource", ["sections", "tags", "people"])
def test_the_other_lists_and_details_stay_constant(
    api, resource, size, django_assert_max_num_queries
):
    for _ in range(size):
        parent = SectionFactory()
        SectionFactory(parent=SectionFactory(parent=parent))
        TagFactory()
        AffiliationFactory(person=PersonFactory())
    record = {"sections": SectionFactory, "tags": TagFactory, "people": PersonFactory}[resource]()

    with django_assert_max_num_queries(5):
        assert api.get(f"/api/v1/{resource}/").status_code == 200
    with django_assert_max_num_queries(4):
        assert api.get(f"/api/v1/{resource}/{record.slug}/").status_code == 200
