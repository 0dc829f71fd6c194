"""A sweep of every public URL as an anonymous reader: nothing unpublished ever shows.

A draft, an article in review, a scheduled one and a taken-down one each carry marker words
of their own, share a section, a topic, a person and a picture with a public story, and name
a related public story. The sweep follows every link from the home page, the sitemaps, the
feeds and the API, searches for each marker, and asks for each hidden article directly.
"""

import json
import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from articles.models import Article, RelatedArticle
from tests.factories import (
    ArticleFactory,
    ArticleImageFactory,
    BylineFactory,
    ImageFactory,
    MentionFactory,
    PersonFactory,
    SectionFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db

Status = Article.Status
HIDDEN = {
    "zorblaxdraft": {"status": Status.DRAFT, "published_at": None},
    "quintarreview": {"status": Status.IN_REVIEW, "published_at": None},
    "vextonscheduled": {"published_at": timezone.now() + timedelta(days=2)},
    "plumbuswithdrawn": {"status": Status.UNPUBLISHED},
}
STARTS = [
    "/",
    "/sitemap.xml",
    "/news-sitemap.xml",
    "/feeds/latest/",
    "/feeds/latest/atom/",
    "/api/v1/articles/",
    "/api/v1/articles/?cursor=",
    "/api/v1/tags/",
    "/api/v1/people/",
    "/api/v1/sections/",
]
LINK = re.compile(r"""(?:href|src)="([^"#]+)"|<loc>([^<]+)</loc>|<link>([^<]+)</link>""")
MAX_PAGES = 400


@pytest.fixture
def newsroom(committed):
    """Return the hidden articles, around a public story that shares everything with them."""
    section = SectionFactory(slug="harbour")
    tag, person, picture = TagFactory(slug="ferries"), PersonFactory(), ImageFactory()
    with committed():
        public = ArticleFactory(section=section, headline="Ferries run on time")
        hidden = [
            ArticleFactory(
                section=section,
                headline=f"The {marker} story",
                standfirst=f"About {marker}.",
                body=f"<p>Only {marker} readers know.</p>",
                **fields,
            )
            for marker, fields in HIDDEN.items()
        ]
        for article in [public, *hidden]:
            article.tags.add(tag)
            BylineFactory(article=article, person=person)
            MentionFactory(article=article, person=person)
            ArticleImageFactory(article=article, image=picture, is_lead=True)
        for article in hidden:
            RelatedArticle.objects.create(from_article=article, to_article=public, position=0)
            RelatedArticle.objects.create(from_article=public, to_article=article, position=1)
    return public, hidden


def links_in(response) -> list[str]:
    """Return the same-site paths a page, feed, sitemap or API answer points to."""
    text = response.content.decode(errors="replace")
    found = [next(filter(None, groups)) for groups in LINK.findall(text)]
    if response.get("Content-Type", "").startswith("application/json"):
        found += re.findall(r'"(?:url|web_url|next|href)":\s*"([^"]+)"', text)
    paths = []
    for url in found:
        parts = urlsplit(json.loads(f'"{url}"') if "\\" in url else url)
        if parts.netloc in ("", "testserver", "example.com", "localhost") and parts.path:
            paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


def sweep(client, starts: list[str]) -> dict[str, str]:
    """Return the text of every page reachable from `starts`, by path."""
    seen, queue, pages = set(), list(starts), {}
    while queue and len(pages) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen or path.startswith(("/admin", "/static/", "/media/")):
            continue
        seen.add(path)
        response = client.get(path)
        assert response.status_code < 500, path
        if response.status_code == 200:
            pages[path] = response.content.decode(errors="replace")
            queue.extend(links_in(response))
    return pages


def test_no_marker_of_an_unpublished_article_shows_anywhere_public(client, newsroom):
    public, _ = newsroom
    searches = [f"/search/?q={marker}" for marker in HIDDEN]
    searches += [f"/api/v1/articles/?q={marker}" for marker in HIDDEN]
    pages = sweep(client, [*STARTS, *searches, public.get_absolute_url()])

    assert len(pages) > 30
    assert public.get_absolute_url() in pages
    # A search page repeats the words the reader typed; every other marker counts there too.
    leaks = [
        (path, marker)
        for path, text in pages.items()
        for marker in HIDDEN
        if marker in text and f"q={marker}" not in path
    ]
    assert leaks == []


def test_each_unpublished_article_is_absent_when_asked_for_directly(client, newsroom):
    _, hidden = newsroom
    for article in hidden:
        for path in [
            article.get_absolute_url(),
            f"/api/v1/articles/{article.pk}/",
            f"/api/v1/articles/{article.pk}/ninjs/",
            f"/api/v1/articles/{article.slug}/",
        ]:
            response = client.get(path)
            assert response.status_code in (404, 410), path
            text = response.content.decode(errors="replace")
            assert [marker for marker in HIDDEN if marker in text] == [], path
