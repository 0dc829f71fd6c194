from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from people.models import Person
from tests.factories import (
    AffiliationFactory,
    ArticleFactory,
    BylineFactory,
    PersonFactory,
    SectionFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db


def hours_ago(hours):
    return timezone.now() - timedelta(hours=hours)


def test_the_home_page_lists_published_articles_only(client):
    published = ArticleFactory()
    draft = ArticleFactory(draft=True)
    response = client.get("/")
    assert response.status_code == 200
    assert published.headline in response.text
    assert draft.headline not in response.text


def test_a_draft_article_answers_404(client):
    draft = ArticleFactory(draft=True)
    assert client.get(f"/{draft.section.slug}/{draft.pk}/{draft.slug}/").status_code == 404


def test_an_old_url_redirects_permanently_to_the_canonical_one(client):
    article = ArticleFactory(slug="old-slug")
    old_url = article.get_absolute_url()
    article.slug = "new-slug"
    article.section = SectionFactory(slug="elsewhere")
    article.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == f"/elsewhere/{article.pk}/new-slug/"


def test_section_topic_and_person_pages_render(client):
    article = ArticleFactory()
    tag = TagFactory()
    article.tags.add(tag)
    person = PersonFactory()
    article.mentions.create(person=person)
    for url in (article.section.get_absolute_url(), tag.get_absolute_url(),
                person.get_absolute_url()):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200
        assert article.headline in response.text


def url_of(article):
    return f"/{article.section.slug}/{article.pk}/{article.slug}/"


@pytest.mark.parametrize("status", ["draft", "review"])
def test_an_unready_article_answers_404(client, status):
    article = ArticleFactory(status=status)
    response = client.get(url_of(article))
    assert response.status_code == 404
    assert article.headline not in response.text


def test_a_scheduled_article_answers_404_until_its_time(client):
    article = ArticleFactory(published_at=timezone.now() + timedelta(hours=2))
    assert client.get(url_of(article)).status_code == 404


def test_a_taken_down_article_answers_410_with_a_friendly_page(client):
    article = ArticleFactory(status="unpublished")
    response = client.get(url_of(article))
    assert response.status_code == 410
    assert "has been removed" in response.text
    assert article.headline not in response.text


def test_an_unknown_page_answers_a_friendly_404(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "can’t find that page" in response.text
    assert "Traceback" not in response.text


def test_a_server_error_shows_a_friendly_page_without_a_trace(client, settings):
    settings.ROOT_URLCONF = "tests.site.broken_urls"
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "Something went wrong" in response.text
    assert "RuntimeError" not in response.text


def test_the_home_page_shows_top_stories_and_each_top_level_sections_latest(client):
    news, sport = SectionFactory(name="News"), SectionFactory(name="Sport")
    city = SectionFactory(name="City", parent=news)
    tops = [ArticleFactory(section=sport, published_at=hours_ago(n)) for n in range(5)]
    in_city = ArticleFactory(section=city, published_at=hours_ago(10))
    response = client.get("/")
    assert response.status_code == 200
    assert [a.headline in response.text for a in tops] == [True] * 5
    fronts = response.context["fronts"]
    assert [front.section for front in fronts] == [news]
    assert fronts[0].articles == [in_city]


def test_the_section_front_lists_subsection_articles_with_breadcrumbs_and_links(client):
    news = SectionFactory(name="News")
    city = SectionFactory(name="City", parent=news)
    in_city = ArticleFactory(section=city)
    elsewhere = ArticleFactory()
    response = client.get(news.get_absolute_url())
    assert in_city.headline in response.text
    assert elsewhere.headline not in response.text
    assert f'href="{city.get_absolute_url()}"' in response.text
    crumbs = client.get(city.get_absolute_url()).text
    assert 'aria-label="Breadcrumb"' in crumbs
    assert f'<a href="{news.get_absolute_url()}">News</a>' in crumbs


def test_the_section_front_is_paginated(client):
    section = SectionFactory()
    articles = [ArticleFactory(section=section, published_at=hours_ago(n)) for n in range(30)]
    first = client.get(section.get_absolute_url())
    second = client.get(section.get_absolute_url() + "?page=2")
    # The first page leads with the five newest, then lists the next twenty.
    assert articles[0].headline in first.text and articles[24].headline in first.text
    assert articles[25].headline not in first.text
    assert articles[25].headline in second.text and articles[0].headline not in second.text
    assert 'rel="next" href="?page=2"' in first.text


def test_a_journalists_page_lists_what_they_wrote_and_what_mentions_them(client):
    reporter = PersonFactory(kind=Person.Kind.CONTRIBUTOR, biography="Covers the courts.")
    wrote = ArticleFactory()
    BylineFactory(article=wrote, person=reporter)
    about = ArticleFactory()
    about.mentions.create(person=reporter)
    hidden = ArticleFactory(draft=True)
    BylineFactory(article=hidden, person=reporter)
    response = client.get(reporter.get_absolute_url())
    assert list(response.context["written"].object_list) == [wrote]
    assert list(response.context["mentioned"].object_list) == [about]
    assert "Covers the courts." in response.text
    assert hidden.headline not in response.text


def test_a_newsmakers_page_shows_their_role_and_the_articles_mentioning_them(client):
    person = PersonFactory(description="a ferry operator")
    AffiliationFactory(person=person, organisation="Star Ferry", role="chair")
    article = ArticleFactory()
    article.mentions.create(person=person)
    response = client.get(person.get_absolute_url())
    assert response.context["written"] is None
    assert "A ferry operator" in response.text
    assert "chair, Star Ferry" in response.text
    assert article.headline in response.text


def test_the_archive_lists_one_months_published_articles(client):
    march = ArticleFactory(published_at=datetime(2025, 3, 15, 12, tzinfo=UTC))
    april = ArticleFactory(published_at=datetime(2025, 4, 2, 12, tzinfo=UTC))
    ArticleFactory(published_at=datetime(2025, 3, 16, 12, tzinfo=UTC), draft=False, status="review")
    response = client.get("/archive/2025/3/")
    assert list(response.context["page"].object_list) == [march]
    assert april.headline not in response.text
    assert 'href="/archive/2025/4/"' in response.text


@pytest.mark.parametrize("url", ["/archive/2025/13/", "/archive/2025/0/", "/archive/10000/1/"])
def test_the_archive_refuses_impossible_months(client, url):
    assert client.get(url).status_code == 404


def test_drafts_and_scheduled_articles_appear_on_no_listing(client):
    section = SectionFactory()
    tag = TagFactory()
    person = PersonFactory(kind=Person.Kind.CONTRIBUTOR)
    hidden = [
        ArticleFactory(section=section, draft=True),
        ArticleFactory(section=section, published_at=timezone.now() + timedelta(days=1)),
        ArticleFactory(section=section, status="unpublished"),
    ]
    for article in hidden:
        article.tags.add(tag)
        article.mentions.create(person=person)
        BylineFactory(article=article, person=person)
    now = timezone.localtime()
    pages = ["/", section.get_absolute_url(), tag.get_absolute_url(), person.get_absolute_url(),
             f"/archive/{now.year}/{now.month}/"]  # fmt: skip
    for url in pages:
        text = client.get(url).text
        assert [a.headline in text for a in hidden] == [False] * 3, url
