"""A scheduled article appears on every public surface exactly at its publish time."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from articles.services import publishing
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def surfaces(article):
    """Return (name, path, shows) for each public surface; `shows` reads the response."""
    headline = article.headline
    return [
        ("article page", article.get_absolute_url(), lambda r: r.status_code == 200),
        ("home page", reverse("articles:home"), lambda r: headline in r.text),
        ("section page", article.section.get_absolute_url(), lambda r: headline in r.text),
        ("RSS feed", reverse("articles:feed-latest"), lambda r: headline in r.text),
        (
            "sitemap",
            reverse("articles:sitemap-part", args=["articles"]),
            lambda r: article.get_absolute_url() in r.text,
        ),
        ("API list", "/api/v1/articles/", lambda r: headline in r.text),
        ("API detail", f"/api/v1/articles/{article.pk}/", lambda r: r.status_code == 200),
    ]


@pytest.fixture
def scheduled(newsroom_editor):
    at = timezone.now().replace(microsecond=0) + timedelta(hours=3)
    article = ArticleFactory(draft=True, headline="Typhoon shelters open at dusk")
    publishing.schedule(article=article, user=newsroom_editor, at=at)
    return article, at


@pytest.mark.parametrize("index", range(7))
def test_a_scheduled_article_is_hidden_one_second_early_and_shown_on_time(client, scheduled, index):
    article, at = scheduled
    name, path, shows = surfaces(article)[index]
    cache.clear()

    with time_machine.travel(at - timedelta(seconds=1), tick=False):
        early = client.get(path)
    # Whatever the early request cached must not hide the article once it is due.
    with time_machine.travel(at, tick=False):
        on_time = client.get(path)

    assert not shows(early), f"{name} showed the article a second early"
    assert shows(on_time), f"{name} did not show the article at its publish time"
