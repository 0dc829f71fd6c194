from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from people.models import Person
from tests.factories import (
    ArticleFactory,
    BylineFactory,
    MentionFactory,
    PersonFactory,
    SectionFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    """Return a section, tag and person each with one public and three hidden articles."""
    parent = SectionFactory(slug="news")
    section = SectionFactory(slug="city", parent=parent)
    tag = TagFactory(slug="ferries")
    person = PersonFactory(slug="mei-tsang", kind=Person.Kind.CONTRIBUTOR, full_name="Mei Tsang")
    public = ArticleFactory(section=section, headline="Public & <safe>")
    hidden = [
        ArticleFactory(section=section, draft=True, headline="Hidden draft"),
        ArticleFactory(section=section, status="review", headline="Hidden review"),
        ArticleFactory(
            section=section,
            published_at=timezone.now() + timedelta(days=1),
            headline="Hidden scheduled",
        ),
    ]
    for article in [public, *hidden]:
        article.tags.add(tag)
        BylineFactory(article=article, person=person)
        MentionFactory(article=article)
    return {"public": public, "hidden": hidden}


FEEDS = [
    "/feeds/latest/",
    "/feeds/latest/atom/",
    "/feeds/section/news/",
    "/feeds/section/city/atom/",
    "/feeds/topic/ferries/",
    "/feeds/topic/ferries/atom/",
    "/feeds/person/mei-tsang/",
    "/feeds/person/mei-tsang/atom/",
]


@pytest.mark.parametrize("url", FEEDS)
def test_each_feed_parses_and_lists_only_public_articles(client, newsroom, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert [entry.title for entry in feed.entries] == ["Public & <safe>"]
    entry = feed.entries[0]
    assert entry.link.endswith(newsroom["public"].get_absolute_url())
    assert entry.author == "Mei Tsang"


def test_the_atom_feed_is_atom_and_the_rss_feed_is_rss(client, newsroom):
    assert feedparser.parse(client.get("/feeds/latest/").content).version == "rss20"
    assert feedparser.parse(client.get("/feeds/latest/atom/").content).version == "atom10"


@pytest.mark.parametrize("url", ["/feeds/section/nope/", "/feeds/topic/nope/", "/feeds/person/x/"])
def test_a_feed_of_something_unknown_answers_404(client, url):
    assert client.get(url).status_code == 404
