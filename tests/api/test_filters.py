"""Filters, ordering and name-prefix lookups on the lists."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import (
    ArticleFactory,
    BylineFactory,
    MentionFactory,
    PersonFactory,
    SectionFactory,
    TagFactory,
    TaggedArticleFactory,
    shown_in_public,
)

pytestmark = pytest.mark.django_db


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {article["id"] for article in response.json()["results"]}


def test_section_includes_its_subsections(api):
    news = SectionFactory(slug="news")
    local = SectionFactory(slug="local", parent=news)
    inside, below, outside = (
        ArticleFactory(section=news),
        ArticleFactory(section=local),
        ArticleFactory(),
    )

    assert ids(api.get("/api/v1/articles/", {"section": "news"})) == {inside.pk, below.pk}
    assert outside.pk not in ids(api.get("/api/v1/articles/", {"section": "news"}))


def test_an_unknown_section_is_a_400_that_names_the_parameter(api):
    response = api.get("/api/v1/articles/", {"section": "nowhere"})

    assert response.status_code == 400
    assert "section" in response.json()["errors"]


def tagged(*tags):
    article = ArticleFactory()
    for tag in tags:
        TaggedArticleFactory(content_object=article, tag=tag)
    return article


def test_several_tags_match_articles_with_all_of_them_by_default(api):
    ferries, typhoons = TagFactory(slug="ferries"), TagFactory(slug="typhoons")
    both, only_ferries = tagged(ferries, typhoons), tagged(ferries)

    result = ids(api.get("/api/v1/articles/?tag=ferries&tag=typhoons"))

    assert result == {both.pk}
    assert only_ferries.pk not in result


def test_tag_mode_any_matches_articles_with_any_of_the_tags(api):
    ferries, typhoons = TagFactory(slug="ferries"), TagFactory(slug="typhoons")
    both, one, other = tagged(ferries, typhoons), tagged(ferries), tagged(typhoons)
    tagged(TagFactory())

    result = ids(api.get("/api/v1/articles/?tag=ferries&tag=typhoons&tag-mode=any"))

    assert result == {both.pk, one.pk, other.pk}
    assert len(api.get("/api/v1/articles/?tag=ferries&tag-mode=any").json()["results"]) == 2


def test_person_matches_mentions_and_bylines_and_author_only_bylines(api):
    person = PersonFactory(slug="mary-chan")
    wrote, named = ArticleFactory(), ArticleFactory()
    BylineFactory(article=wrote, person=person)
    MentionFactory(article=named, person=person)
    ArticleFactory()

    assert ids(api.get("/api/v1/articles/", {"person": "mary-chan"})) == {wrote.pk, named.pk}
    assert ids(api.get("/api/v1/articles/", {"author": "mary-chan"})) == {wrote.pk}


def test_dates_bound_the_publication_day(api):
    now = timezone.now()
    old = ArticleFactory(published_at=now - timedelta(days=10))
    recent = ArticleFactory(published_at=now - timedelta(days=1))
    cut = timezone.localdate(now - timedelta(days=5)).isoformat()

    assert ids(api.get("/api/v1/articles/", {"from-date": cut})) == {recent.pk}
    assert ids(api.get("/api/v1/articles/", {"to-date": cut})) == {old.pk}


def test_a_malformed_date_is_a_400_that_names_the_parameter(api):
    response = api.get("/api/v1/articles/", {"from-date": "yesterday"})

    assert response.status_code == 400
    assert "from-date" in response.json()["errors"]


def test_q_finds_words_in_headline_standfirst_or_body(api, committed):
    with committed():
        by_headline = ArticleFactory(headline="Typhoon closes the harbour")
        by_body = ArticleFactory(body="<p>A typhoon signal was raised.</p>")
        ArticleFactory(headline="Budget day")

    assert ids(api.get("/api/v1/articles/", {"q": "typhoon"})) == {by_headline.pk, by_body.pk}


def test_order_by_oldest_reverses_the_list(api):
    now = timezone.now()
    older = ArticleFactory(published_at=now - timedelta(days=2))
    newer = ArticleFactory(published_at=now - timedelta(days=1))

    def order(**params):
        return [a["id"] for a in api.get("/api/v1/articles/", params).json()["results"]]

    assert order() == [newer.pk, older.pk]
    assert order(**{"order-by": "oldest"}) == [older.pk, newer.pk]


def test_tags_are_looked_up_by_name_prefix_in_any_case(api):
    shown_in_public(
        TagFactory(name="Ferries"), TagFactory(name="Ferry piers"), TagFactory(name="Budget")
    )

    names = [t["name"] for t in api.get("/api/v1/tags/", {"name": "fer"}).json()["results"]]

    assert names == ["Ferries", "Ferry piers"]


def test_people_are_looked_up_by_name_prefix(api):
    shown_in_public(
        PersonFactory(full_name="Priscilla Leung Mei-fun", short_name="Leung"),
        PersonFactory(full_name="Peter Chan", short_name="Chan"),
    )

    response = api.get("/api/v1/people/", {"name": "pri"})

    assert [p["full_name"] for p in response.json()["results"]] == ["Priscilla Leung Mei-fun"]


def test_the_lists_filters_do_not_apply_to_an_article_detail(api):
    article = ArticleFactory()
    other = SectionFactory(slug="elsewhere")

    response = api.get(f"/api/v1/articles/{article.pk}/", {"section": other.slug, "q": "none"})

    assert response.status_code == 200 and response.json()["id"] == article.pk
