"""Topic, person and archive lists show each story's lead picture, in fixed queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from images.renditions import ensure_renditions
from tests.factories import (
    ArticleFactory,
    ArticleImageFactory,
    BylineFactory,
    ImageFactory,
    PersonFactory,
    TagFactory,
    TaggedArticleFactory,
)

pytestmark = pytest.mark.django_db


def pictured_stories(n: int, tag, person) -> list:
    stories = []
    for _ in range(n):
        article = ArticleFactory()
        article.images.all().delete()
        picture = ImageFactory()
        ensure_renditions(picture)
        ArticleImageFactory(article=article, image=picture, is_lead=True)
        TaggedArticleFactory(content_object=article, tag=tag)
        BylineFactory(article=article, person=person)
        stories.append(article)
    return stories


def addresses(tag, person, article) -> dict[str, str]:
    when = article.published_at
    return {
        "topic": tag.get_absolute_url(),
        "person": person.get_absolute_url(),
        "archive": f"/archive/{when.year}/{when.month}/",
    }


def test_each_list_card_shows_its_lead_picture_in_the_same_queries_for_1_or_8(client):
    counts = {}
    warm = TagFactory()  # what a process reads once (the navigation) is read here
    client.get(pictured_stories(1, warm, PersonFactory())[0].get_absolute_url())
    client.get(warm.get_absolute_url())
    for n in (1, 8):
        tag, person = TagFactory(), PersonFactory(kind="contributor")
        stories = pictured_stories(n, tag, person)
        for kind, url in addresses(tag, person, stories[0]).items():
            with CaptureQueriesContext(connection) as captured:
                html = client.get(url).text
            assert html.count('class="card card--pictured"') >= n, kind
            assert html.count("card__picture") >= n, kind
            counts.setdefault(kind, []).append(len(captured.captured_queries))
    assert all(one == eight for one, eight in counts.values()), counts


def test_a_story_without_a_lead_picture_keeps_a_plain_card(client):
    tag = TagFactory()
    article = ArticleFactory()
    article.images.all().delete()
    TaggedArticleFactory(content_object=article, tag=tag)
    html = client.get(tag.get_absolute_url()).text
    assert article.headline in html and "card__picture" not in html
