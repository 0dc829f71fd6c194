"""Reading articles: what an article carries, and what anonymous clients may never see."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    ArticleFactory,
    ArticleImageFactory,
    BylineFactory,
    MentionFactory,
    RelatedArticleFactory,
    SectionFactory,
    TagFactory,
    TaggedArticleFactory,
    shown_in_public,
)

pytestmark = pytest.mark.django_db


def test_an_article_carries_everything_a_partner_needs(api):
    news = SectionFactory(name="News", slug="news")
    hong_kong = SectionFactory(name="Hong Kong", slug="hong-kong", parent=news)
    article = ArticleFactory(section=hong_kong, kicker="Transport", source_name="Wire")
    BylineFactory(article=article, person__full_name="Mary Chan")
    MentionFactory(article=article, person__full_name="Tom Lee", role_phrase="a captain", count=3)
    TaggedArticleFactory(content_object=article, tag=TagFactory(name="Ferries", kind="topic"))
    ArticleImageFactory(article=article, caption="A pier", credit="Staff", alt_text="A pier")

    data = api.get(f"/api/v1/articles/{article.pk}/").json()

    assert data["web_url"].endswith(f"/hong-kong/{article.pk}/{article.slug}/")
    assert data["kicker"] == "Transport"
    assert [s["slug"] for s in data["section"]["path"]] == ["news", "hong-kong"]
    assert data["bylines"][0]["person"]["full_name"] == "Mary Chan"
    assert data["bylines"][0]["role"] == "author"
    assert data["mentions"][0] == {**data["mentions"][0], "role_phrase": "a captain", "count": 3}
    assert data["tags"][0]["name"] == "Ferries" and data["tags"][0]["kind"] == "topic"
    assert data["images"][0]["caption"] == "A pier"
    assert data["images"][0]["alt_text"] == "A pier"
    assert data["source"]["name"] == "Wire"
    assert data["published_at"] and data["updated_at"]


def test_the_detail_lists_related_coverage_in_the_article_pages_order(api):
    article = ArticleFactory()
    pick = ArticleFactory(headline="Editor's pick")
    RelatedArticleFactory(from_article=article, to_article=pick)

    data = api.get(f"/api/v1/articles/{article.pk}/").json()

    assert data["related"][0]["id"] == pick.pk
    assert data["related"][0]["headline"] == "Editor's pick"


def test_hidden_articles_are_absent_from_the_anonymous_list(api, hidden_articles):
    public = ArticleFactory()

    ids = [a["id"] for a in api.get("/api/v1/articles/").json()["results"]]

    assert ids == [public.pk]


@pytest.mark.parametrize("suffix", ["", "ninjs/"])
def test_hidden_articles_are_not_found_by_anonymous_clients(api, hidden_articles, suffix):
    for article in hidden_articles:
        assert api.get(f"/api/v1/articles/{article.pk}/{suffix}").status_code == 404


def test_hidden_articles_never_appear_as_related_coverage(api, hidden_articles):
    article = ArticleFactory()
    for hidden in hidden_articles:
        RelatedArticleFactory(from_article=article, to_article=hidden)

    data = api.get(f"/api/v1/articles/{article.pk}/").json()

    assert not {a["id"] for a in data["related"]} & {a.pk for a in hidden_articles}


def test_hidden_articles_are_invisible_through_filters(api, hidden_articles):
    tag = TagFactory(slug="secret-topic")
    for article in hidden_articles:
        TaggedArticleFactory(content_object=article, tag=tag)

    response = api.get("/api/v1/articles/", {"tag": "secret-topic", "q": "Secret"})

    assert response.json()["results"] == []


def test_staff_who_may_view_articles_see_every_status(editor_api, hidden_articles):
    ids = {a["id"] for a in editor_api.get("/api/v1/articles/").json()["results"]}

    assert ids == {a.pk for a in hidden_articles}
    assert editor_api.get(f"/api/v1/articles/{hidden_articles[0].pk}/").status_code == 200


def test_staff_without_permissions_see_only_published_articles(
    staff_without_permissions_api, hidden_articles
):
    response = staff_without_permissions_api.get("/api/v1/articles/")

    assert response.json()["results"] == []


def test_fields_returns_only_the_fields_asked_for(api):
    ArticleFactory()

    result = api.get("/api/v1/articles/", {"fields": "id,headline"}).json()["results"][0]

    assert set(result) == {"id", "headline"}


def test_fields_naming_an_unknown_field_is_a_400_that_names_it(api):
    response = api.get("/api/v1/articles/", {"fields": "headline,password"})

    assert response.status_code == 400
    assert "password" in response.json()["errors"]["fields"]


def test_fields_without_related_skips_ranking_related_coverage(api):
    article = ArticleFactory()
    url = f"/api/v1/articles/{article.pk}/"

    with CaptureQueriesContext(connection) as full:
        api.get(url)
    with CaptureQueriesContext(connection) as sparse:
        data = api.get(url, {"fields": "id,headline"}).json()

    assert data == {"id": article.pk, "headline": article.headline}
    assert len(sparse) < len(full)


@pytest.mark.parametrize("resource", ["sections", "tags", "people"])
def test_resources_are_found_by_slug_as_well_as_by_id(api, resource):
    article = ArticleFactory()
    record = {
        "sections": lambda: article.section,
        "tags": lambda: shown_in_public(TagFactory()),
        "people": lambda: BylineFactory(article=article).person,
    }[resource]()

    by_id = api.get(f"/api/v1/{resource}/{record.pk}/")
    by_slug = api.get(f"/api/v1/{resource}/{record.slug}/")

    assert by_id.status_code == by_slug.status_code == 200
    assert by_id.json()["id"] == by_slug.json()["id"] == record.pk


def test_an_unknown_slug_is_not_found(api):
    assert api.get("/api/v1/tags/no-such-tag/").status_code == 404
