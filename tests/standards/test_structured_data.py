"""Search engines and link previews get complete NewsArticle data, descriptions and icons."""

import json
import re
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PILImage

from tests.factories import ArticleFactory, ArticleImageFactory, BylineFactory, ImageFactory

from .structured_data import news_article_problems, ratio_name

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


class HeadTags(HTMLParser):
    """Collect the <meta> and <link> tags of a page as attribute dicts."""

    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        if tag in {"meta", "link"}:
            self.tags.append({"tag": tag, **dict(attrs)})


def head_tags(html: str) -> list[dict]:
    parser = HeadTags()
    parser.feed(html)
    return parser.tags


def meta(html: str, key: str) -> list[str]:
    """Return the content of every <meta name|property=key> of the page."""
    return [
        tag.get("content")
        for tag in head_tags(html)
        if tag["tag"] == "meta" and key in (tag.get("name"), tag.get("property"))
    ]


def news_article(html: str) -> dict:
    blocks = [json.loads(block) for block in JSON_LD.findall(html)]
    return next(block for block in blocks if block["@type"] == "NewsArticle")


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_an_illustrated_article_has_every_property_and_three_crops(client, showcase):
    data = news_article(page(client, showcase["story"].get_absolute_url()))

    assert news_article_problems(data, pictured=True) == []
    assert data["description"] == "The routes change next month."
    assert [author["name"] for author in data["author"]] == ["Mei Tsang"]


def test_the_crops_named_in_the_json_ld_are_real_files_of_those_shapes(client, showcase, settings):
    data = news_article(page(client, showcase["story"].get_absolute_url()))

    shapes = []
    for image in data["image"]:
        name = image["url"].removeprefix(settings.SITE_URL + settings.MEDIA_URL)
        with default_storage.open(name) as file, PILImage.open(file) as picture:
            assert picture.size == (image["width"], image["height"])
        shapes.append(ratio_name(*picture.size))
    assert shapes == ["16:9", "4:3", "1:1"]


def test_an_article_without_an_author_byline_is_credited_to_the_publication(client, settings):
    article = ArticleFactory()
    BylineFactory(article=article, role="additional_reporting")

    data = news_article(page(client, article.get_absolute_url()))

    assert news_article_problems(data, pictured=False) == []
    assert data["author"] == [
        {"@type": "Organization", "name": settings.SITE_NAME, "url": settings.SITE_URL + "/"}
    ]


def test_without_a_standfirst_the_description_is_the_bodys_first_sentence(client):
    article = ArticleFactory(
        standfirst="",
        body="<h2>Piers</h2><p>Two piers open on Monday. More follow in May.</p>",
    )

    html = page(client, article.get_absolute_url())

    assert news_article(html)["description"] == "Two piers open on Monday."
    assert meta(html, "description") == ["Two piers open on Monday."]
    assert meta(html, "og:description") == ["Two piers open on Monday."]
    assert meta(html, "twitter:description") == ["Two piers open on Monday."]


def test_an_article_with_no_text_at_all_is_described_by_its_headline(client):
    article = ArticleFactory(standfirst="", body="", headline="Piers open")

    html = page(client, article.get_absolute_url())

    assert meta(html, "description") == meta(html, "og:description") == ["Piers open"]


def test_the_twitter_card_is_large_when_there_is_a_picture(client, showcase):
    plain = ArticleFactory()
    unseen = ArticleFactory()
    ArticleImageFactory(article=unseen, is_lead=True)  # a caption still waiting for its file

    assert meta(page(client, showcase["story"].get_absolute_url()), "twitter:card") == [
        "summary_large_image"
    ]
    assert meta(page(client, plain.get_absolute_url()), "twitter:card") == ["summary"]
    assert meta(page(client, unseen.get_absolute_url()), "twitter:card") == ["summary"]


def test_every_public_page_has_a_description(client, showcase):
    published = timezone.localtime(showcase["story"].published_at)
    urls = [
        reverse("articles:home"),
        showcase["city"].get_absolute_url(),
        showcase["topic"].get_absolute_url(),
        showcase["writer"].get_absolute_url(),
        showcase["story"].get_absolute_url(),
        reverse("articles:archive", args=[published.year, published.month]),
        reverse("search:search") + "?q=ferries",
    ]
    for url in urls:
        descriptions = meta(page(client, url), "description")
        assert len(descriptions) == 1 and descriptions[0].strip(), url


def test_every_page_links_its_icons_and_web_app_manifest(client):
    links = {
        tag["rel"]: tag["href"] for tag in head_tags(page(client, "/")) if tag["tag"] == "link"
    }

    assert links["manifest"] == reverse("articles:web-manifest")
    for rel in ("icon", "apple-touch-icon"):
        assert finders.find(links[rel].removeprefix("/static/")), rel


def test_the_web_app_manifest_names_the_site_and_offers_installable_icons(client, settings):
    response = client.get(reverse("articles:web-manifest"))

    assert response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert manifest["name"] == settings.SITE_NAME and manifest["start_url"] == "/"
    sizes = set()
    for icon in manifest["icons"]:
        with PILImage.open(finders.find(icon["src"].removeprefix("/static/"))) as picture:
            assert f"{picture.width}x{picture.height}" == icon["sizes"]
            assert picture.format == "PNG" and icon["type"] == "image/png"
        sizes.add(icon["sizes"])
    assert {"192x192", "512x512"} <= sizes  # what browsers ask of an installable site


def test_favicon_ico_leads_to_the_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert finders.find(response["Location"].removeprefix("/static/"))


def test_the_checker_sees_what_a_broken_news_article_lacks():
    broken = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": " ",
        "datePublished": "2025-05-01T10:00:00",
        "dateModified": "2025-04-01T10:00:00+00:00",
        "author": [{"@type": "Person", "name": "Mei Tsang", "url": "/person/mei/"}],
        "publisher": {"@type": "Organization", "name": "M", "logo": {"url": "https://x/l.png"}},
        "image": [{"url": "https://x/a.jpg", "width": 1280, "height": 720}],
    }

    assert news_article_problems(broken, pictured=True) == [
        "headline is missing or empty",
        "description is missing or empty",
        "datePublished is not an ISO 8601 date-time with a time zone",
        "author 0 needs @type Person or Organization, a name and an absolute url",
        "publisher logo is smaller than 112 px",
        "image ratios are ['16:9'], not 16:9, 4:3 and 1:1",
    ]


def test_a_picture_without_its_crops_yet_is_shared_as_its_one_url(client, settings):
    article = ArticleFactory()
    ArticleImageFactory(article=article, image=ImageFactory(), is_lead=True)

    data = news_article(page(client, article.get_absolute_url()))

    assert len(data["image"]) == 1 and data["image"][0].startswith(settings.SITE_URL)
