"""A person's photo from the library: on their page, by their byline, among a story's people."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from images.renditions import ensure_renditions
from tests.factories import (
    ArticleFactory,
    BylineFactory,
    ImageFactory,
    MentionFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def pictured_person(**fields):
    picture = ImageFactory()
    ensure_renditions(picture)
    return PersonFactory(picture=picture, **fields)


def portraits(html: str, size: int) -> list[str]:
    pattern = rf'<picture>(?:(?!</picture>).)*class="portrait portrait--{size}"'
    return re.findall(pattern, html, re.DOTALL)


def test_the_article_shows_the_authors_and_the_mentioned_peoples_portraits(client):
    article = ArticleFactory()
    article.bylines.all().delete()
    BylineFactory(article=article, person=pictured_person())
    BylineFactory(article=article, person=PersonFactory())  # no photo: no portrait
    MentionFactory(article=article, person=pictured_person())
    html = client.get(article.get_absolute_url()).text
    byline = html[html.index('class="byline"') : html.index("</p>", html.index('class="byline"'))]
    assert len(portraits(byline, 40)) == 1
    assert len(portraits(html, 64)) == 1  # the about-the-authors box
    people = html[html.index('id="people-in-story"') :]
    assert len(portraits(people, 48)) == 1
    assert 'alt=""' in portraits(people, 48)[0]  # the name beside it says who it is


def test_the_person_page_shows_their_portrait(client):
    person = pictured_person()
    MentionFactory(person=person)
    html = client.get(person.get_absolute_url()).text
    assert len(portraits(html, 160)) == 1


def article_with_people(n: int):
    article = ArticleFactory()
    for _ in range(n):
        BylineFactory(article=article, person=pictured_person())
        MentionFactory(article=article, person=pictured_person())
    return article


def test_portraits_cost_no_query_per_person(client):
    client.get(article_with_people(0).get_absolute_url())  # what a process reads once
    counts = []
    for n in (1, 8):
        article = article_with_people(n)
        with CaptureQueriesContext(connection) as captured:
            html = client.get(article.get_absolute_url()).text
        assert len(portraits(html, 48)) == n
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1], counts
