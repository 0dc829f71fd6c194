"""The navigation on every cached page follows sections gaining or losing their only story."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles.golive import record_went_live
from articles.services import publishing
from tests.cache.pages import cache, text
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.usefixtures("page_cache")


def nav_link(section) -> str:
    return f'href="{section.get_absolute_url()}"'


def test_a_section_appears_in_every_cached_navigation_with_its_first_story(
    client, story, committed, editor
):
    quiet = SectionFactory(name="Lighthouses")
    with committed():
        first = ArticleFactory(draft=True, section=quiet)
    cache(client, [story.get_absolute_url()])
    assert nav_link(quiet) not in text(client, story.get_absolute_url())

    with committed():
        publishing.publish(article=first, user=editor)

    assert nav_link(quiet) in text(client, story.get_absolute_url())

    with committed():
        publishing.unpublish(article=first, user=editor)

    assert nav_link(quiet) not in text(client, story.get_absolute_url())


def test_a_second_story_in_a_listed_section_leaves_other_pages_cached(
    client, story, committed, editor
):
    with committed():
        second = ArticleFactory(draft=True, section=story.section)
        other = ArticleFactory(section=SectionFactory())
    cache(client, [other.get_absolute_url()])

    with committed():
        publishing.publish(article=second, user=editor)

    assert client.get(other.get_absolute_url())["X-Page-Cache"] == "hit"


@pytest.mark.parametrize("page_cache_on", [True, False], ids=["pages kept", "pages not kept"])
def test_a_section_appears_when_its_first_scheduled_story_goes_public(
    client, story, committed, settings, page_cache_on
):
    # The worker records the story going live (articles/golive.py): the kept navigation
    # (articles/navigation.py) and pages are stale from then.
    settings.PAGE_CACHE = page_cache_on
    quiet, soon = SectionFactory(name="Lighthouses"), timezone.now() + timedelta(minutes=5)
    with committed():
        ArticleFactory(section=SectionFactory(parent=quiet), published_at=soon)
    assert nav_link(quiet) not in text(client, story.get_absolute_url())
    assert nav_link(quiet) not in text(client, story.get_absolute_url())
    with time_machine.travel(soon + timedelta(seconds=1)):
        assert nav_link(quiet) not in text(client, story.get_absolute_url())  # kept until…
        with committed():
            record_went_live()  # …the worker's sweep (or delayed task) records the event
        assert nav_link(quiet) in text(client, story.get_absolute_url())
