"""What the cache tells browsers and CDNs: lifetimes, surrogate keys, validators, purges."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.services import publishing
from events.dispatch import dispatch_events
from tests.factories import ArticleFactory

pytestmark = pytest.mark.usefixtures("page_cache")

purged: list[list[str]] = []


def remember_purge(tags: list[str]) -> None:
    purged.append(tags)


def max_age(control: str) -> int:
    """Return the s-maxage of a Cache-Control header."""
    return int(control.split("s-maxage=")[1].split(",")[0])


def test_an_anonymous_page_may_be_kept_by_a_cdn(client, story):
    response = client.get(story.get_absolute_url())
    control = response["Cache-Control"]
    assert control.startswith("public")
    assert 590 < max_age(control) <= 600
    assert "stale-while-revalidate=30" in control


def test_the_surrogate_keys_name_the_article_its_section_and_its_lists(client, story):
    response = client.get(story.get_absolute_url())
    keys = response["Surrogate-Key"].split()
    topic = story.tags.get()
    assert f"article-{story.pk}" in keys
    assert f"section-{story.section_id}" in keys
    assert f"list-topic-{topic.pk}" in keys
    assert response["Cache-Tag"].split(",") == keys


def test_a_list_is_keyed_by_what_it_lists(client, story):
    keys = client.get(reverse("api:article-list"))["Surrogate-Key"].split()
    assert {"list-all", f"article-{story.pk}"} <= set(keys)


def test_a_reader_with_the_current_etag_gets_304(client, story):
    first = client.get(story.get_absolute_url())
    again = client.get(story.get_absolute_url(), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_a_reader_with_an_old_etag_gets_the_changed_page(client, story, committed, editor):
    first = client.get(story.get_absolute_url())
    with committed():
        publishing.add_correction(article=story, user=editor, text="The pier is in Central.")
    old = {"if-none-match": first["ETag"]}
    # The first reader after the change may get the copy before it (a 304 to its ETag), the
    # page being rendered afresh after that answer; the next gets the changed page.
    answers = [client.get(story.get_absolute_url(), headers=old) for _ in range(2)]
    assert answers[0].status_code in {200, 304}
    assert answers[1].status_code == 200
    assert answers[1]["ETag"] != first["ETag"]


def test_a_scheduled_story_shortens_no_lifetime(client, story, committed, settings):
    # Going live is an event the worker records (articles/golive.py): no request computes
    # a lifetime from the next scheduled publish.
    with committed():
        ArticleFactory(
            status=Article.Status.PUBLISHED, published_at=timezone.now() + timedelta(seconds=90)
        )
    control = client.get(reverse("articles:home"))["Cache-Control"]
    assert max_age(control) > settings.PAGE_CACHE_SECONDS - 5


def test_a_change_is_handed_to_the_purge_hook(settings, story, committed, editor):
    settings.PAGE_CACHE_PURGE = f"{__name__}.remember_purge"
    purged.clear()
    with committed():
        publishing.unpublish(article=story, user=editor)
    assert purged == []  # a CDN is another server: the worker calls it, not the request
    with committed():
        dispatch_events()
    assert len(purged) == 1
    assert {f"article-{story.pk}", "list-all", f"list-section-{story.section_id}"} <= set(purged[0])
    with committed():
        dispatch_events()
    assert len(purged) == 1  # done once
