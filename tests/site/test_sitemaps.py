from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from tests.factories import (
    ArticleFactory,
    BylineFactory,
    MentionFactory,
    PersonFactory,
    SectionFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db
NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def locations(client, url):
    response = client.get(url)
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return [element.text for element in root.iterfind(".//s:loc", NS)]


def paths(urls):
    return {url.split("testserver", 1)[1] for url in urls}


@pytest.fixture
def public():
    article = ArticleFactory()
    tag = TagFactory()
    article.tags.add(tag)
    writer, named = PersonFactory(), PersonFactory()
    BylineFactory(article=article, person=writer)
    MentionFactory(article=article, person=named)
    return {"article": article, "tag": tag, "writer": writer, "named": named}


@pytest.fixture
def hidden():
    articles = [
        ArticleFactory(draft=True),
        ArticleFactory(published_at=timezone.now() + timedelta(days=1)),
        ArticleFactory(status="unpublished"),
    ]
    tag, person = TagFactory(), PersonFactory()
    for article in articles:
        article.tags.add(tag)
        MentionFactory(article=article, person=person)
    return {"articles": articles, "tag": tag, "person": person}


def test_the_sitemap_index_lists_one_sitemap_per_kind(client):
    assert paths(locations(client, "/sitemap.xml")) == {
        "/sitemap-articles.xml",
        "/sitemap-sections.xml",
        "/sitemap-topics.xml",
        "/sitemap-people.xml",
    }


def test_the_sitemaps_list_public_articles_sections_topics_and_people(client, public, hidden):
    found = set()
    for part in ["articles", "sections", "topics", "people"]:
        found |= paths(locations(client, f"/sitemap-{part}.xml"))
    expected = {
        public["article"].get_absolute_url(),
        public["article"].section.get_absolute_url(),
        public["tag"].get_absolute_url(),
        public["writer"].get_absolute_url(),
        public["named"].get_absolute_url(),
    }
    assert expected <= found
    leaks = {a.get_absolute_url() for a in hidden["articles"]}
    leaks |= {hidden["tag"].get_absolute_url(), hidden["person"].get_absolute_url()}
    assert found & leaks == set()


def test_the_news_sitemap_lists_the_last_two_days_only(client, hidden, settings):
    now = timezone.now()
    fresh = ArticleFactory(headline="Fresh & new", published_at=now - timedelta(hours=47))
    stale = ArticleFactory(published_at=timezone.now() - timedelta(hours=49))
    response = client.get("/news-sitemap.xml")
    assert response["Content-Type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)
    urls = root.findall("s:url", NS)
    assert [u.find("s:loc", NS).text for u in urls] == [
        settings.SITE_URL.rstrip("/") + fresh.get_absolute_url()
    ]
    assert urls[0].find("news:news/news:title", NS).text == "Fresh & new"
    assert stale.get_absolute_url() not in response.text


def test_robots_txt_announces_both_sitemaps(client, settings):
    text = client.get("/robots.txt").text
    base = settings.SITE_URL.rstrip("/")
    assert f"Sitemap: {base}/sitemap.xml" in text.splitlines()
    assert f"Sitemap: {base}/news-sitemap.xml" in text.splitlines()
    assert "Disallow: /admin/" in text


def test_a_section_without_public_articles_still_has_a_page_in_the_sitemap(client):
    section = SectionFactory()
    assert section.get_absolute_url() in paths(locations(client, "/sitemap-sections.xml"))
