"""Feeds pass the feed validator's rules, keep each story's id, and carry pictures and text."""

import re
from html import unescape
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from tests.factories import (
    ArticleFactory,
    ArticleImageFactory,
    SectionFactory,
    TaggedArticleFactory,
)
from tests.site.test_feeds import FEEDS  # the same showcase feeds the site tests read

from .feed_rules import ATOM, MEDIA, feed_problems
from .library import pictured

pytestmark = pytest.mark.django_db

HOSTILE = '"><script>alert(1)</script><img src=x onerror=alert(2)>'


@pytest.fixture
def newsroom(kept_showcase):
    """Return the showcase with a bare article beside it: no byline, standfirst or picture."""
    bare = ArticleFactory(
        section=kept_showcase["city"],
        standfirst="",
        body="<p>Tolls rise on Monday. Drivers were told last week.</p>",
        headline="Tunnel tolls rise",
    )
    TaggedArticleFactory(content_object=bare, tag=kept_showcase["topic"])
    return kept_showcase | {"bare": bare}


def fetch(client, url: str) -> ElementTree.Element:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content


def entries(xml: bytes) -> list[ElementTree.Element]:
    root = ElementTree.fromstring(xml)
    return root.findall("channel/item") or root.findall(f"{ATOM}entry")


def entry_id(entry) -> str:
    return entry.findtext("guid") or entry.findtext(f"{ATOM}id")


def entry_for(xml: bytes, headline: str):
    return next(
        e for e in entries(xml) if (e.findtext("title") or e.findtext(f"{ATOM}title")) == headline
    )


@pytest.mark.parametrize("url", FEEDS)
def test_each_feed_follows_the_validators_rules(client, newsroom, url):
    xml = fetch(client, url)

    assert len(entries(xml)) >= 1
    assert feed_problems(xml) == []


@pytest.mark.parametrize("url", ["/feeds/latest/", "/feeds/latest/atom/"])
def test_an_items_id_survives_a_new_headline_slug_and_section(client, newsroom, url):
    story = newsroom["story"]
    before = entry_id(entry_for(fetch(client, url), story.headline))

    Article.objects.filter(pk=story.pk).update(
        headline="Ferries change course again",
        slug="ferries-again",
        section=SectionFactory(slug="elsewhere"),
    )
    after = entry_id(entry_for(fetch(client, url), "Ferries change course again"))

    assert after == before
    assert str(story.pk) in before and story.slug not in before and "city" not in before


def test_the_rss_guid_is_not_a_permalink(client, newsroom):
    guid = entry_for(fetch(client, "/feeds/latest/"), newsroom["story"].headline).find("guid")

    assert guid.get("isPermaLink") == "false" and guid.text.startswith("tag:")


@pytest.mark.parametrize("url", ["/feeds/latest/", "/feeds/latest/atom/"])
def test_the_lead_picture_travels_as_an_enclosure_and_media_content(client, newsroom, url):
    entry = entry_for(fetch(client, url), newsroom["story"].headline)
    enclosure = entry.find("enclosure")
    if enclosure is None:
        enclosure = next(
            link for link in entry.findall(f"{ATOM}link") if link.get("rel") == "enclosure"
        )
    media = entry.find(f"{MEDIA}content")

    href = enclosure.get("url") or enclosure.get("href")
    assert href.endswith(".jpg") and enclosure.get("type") == "image/jpeg"
    renditions = newsroom["story"].images.get(is_lead=True).image.renditions
    shared = renditions.filter(format="jpeg").exclude(spec__contains="-").latest("width")
    assert int(enclosure.get("length")) == shared.file.size
    assert media.get("url") == href and media.get("medium") == "image"
    assert (media.get("width"), media.get("height")) == (str(shared.width), str(shared.height))
    assert entry_for(fetch(client, url), "Tunnel tolls rise").find(f"{MEDIA}content") is None


class Elements(HTMLParser):
    """Collect the element names an HTML fragment holds."""

    def __init__(self):
        super().__init__()
        self.names = []

    def handle_starttag(self, tag, attrs):
        self.names.append(tag)


def html_elements(fragment: str) -> list[str]:
    parser = Elements()
    parser.feed(fragment)
    return parser.names


def test_a_standfirst_full_of_markup_stays_text_in_rss(client, newsroom):
    Article.objects.filter(pk=newsroom["story"].pk).update(standfirst=HOSTILE)

    item = entry_for(fetch(client, "/feeds/latest/"), newsroom["story"].headline)

    # The reader decodes the XML, then treats the description as HTML.
    description = item.findtext("description")
    assert html_elements(description) == []
    assert unescape(description) == HOSTILE  # shown as the very text the editor typed


def test_a_standfirst_full_of_markup_stays_text_in_atom(client, newsroom):
    Article.objects.filter(pk=newsroom["story"].pk).update(standfirst=HOSTILE)

    entry = entry_for(fetch(client, "/feeds/latest/atom/"), newsroom["story"].headline)

    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type", "text") == "text" and summary.text == HOSTILE


def test_an_article_without_byline_or_standfirst_has_an_author_and_a_summary(
    client, newsroom, settings
):
    entry = entry_for(fetch(client, "/feeds/latest/atom/"), "Tunnel tolls rise")

    assert entry.findtext(f"{ATOM}author/{ATOM}name") == settings.SITE_NAME
    assert entry.findtext(f"{ATOM}summary") == "Tolls rise on Monday."


@pytest.mark.parametrize("url", ["/feeds/latest/", "/feeds/latest/atom/"])
def test_a_browser_is_given_a_stylesheet_that_exists(client, newsroom, url):
    xml = fetch(client, url).decode()

    found = re.search(r'<\?xml-stylesheet href="([^"]+)" type="text/xsl"', xml)
    assert found and xml.index("<?xml-stylesheet") < xml.index("<rss" if "<rss" in xml else "<feed")
    stylesheet = finders.find(found.group(1).removeprefix("/static/"))
    root = ElementTree.parse(stylesheet).getroot()
    assert root.tag == "{http://www.w3.org/1999/XSL/Transform}stylesheet"


def test_the_checker_sees_what_a_broken_feed_lacks():
    atom = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>urn:x</id>'
        b"<updated>2025-05-01T10:00:00Z</updated>"
        b"<entry><title>A</title><id>/a/</id><updated>2025-05-01</updated>"
        b'<summary type="html">&lt;script&gt;x&lt;/script&gt;</summary></entry>'
        b"<entry><title>B</title><id>/a/</id><updated>2025-05-01T10:00:00Z</updated>"
        b'<link href="https://x/b"/><author><name>M</name></author><summary>B</summary></entry>'
        b"</feed>"
    )
    rss = (
        b'<rss version="2.0"><channel><title>T</title><link>https://x/</link>'
        b"<description>D</description><item><title>A</title><link>https://x/a</link>"
        b"<description>&lt;b&gt;A&lt;/b&gt;</description><author>Mei</author>"
        b"<guid>tag:x,2025:1</guid><pubDate>yesterday</pubDate>"
        b'<enclosure url="https://x/a.jpg" type="image/jpeg"/></item></channel></rss>'
    )

    assert feed_problems(atom) == [
        "feed: missing link rel=self",
        "two items share an id",
        "entry 0: id is not an absolute IRI",
        "entry 0: missing author name",
        "entry 0: summary turns into markup once decoded",
        "entry 0: updated lacks a time or a time zone",
        "entry 0: missing link rel=alternate",
        "entry 1: id is not an absolute IRI",
    ]
    assert feed_problems(rss) == [
        "channel: missing atom:link rel=self",
        "item 0: description turns into markup once decoded",
        "item 0: author is not an email address",
        "item 0: guid is a permalink but not a full URL",
        "item 0: pubDate is not an RFC-822 date-time",
        "item 0: enclosure length is not a size in bytes",
    ]


@pytest.mark.parametrize("url", ["/feeds/latest/", "/feeds/latest/atom/"])
def test_pictures_cost_the_feed_the_same_queries_for_one_article_or_many(
    client, newsroom, url, django_assert_max_num_queries
):
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(4):
        ArticleImageFactory(article=ArticleFactory(), image=pictured(), is_lead=True)

    with django_assert_max_num_queries(len(one.captured_queries)):
        assert len(entries(fetch(client, url))) == 7
