"""A change to a front refreshes the cached page it leads, and only when it commits."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from fronts.models import Slot
from fronts.pagecache import record_started_slots
from fronts.services import SlotChoice, delete_front, write_front
from tests.cache.pages import cache, text
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.usefixtures("page_cache")
LEAD = Slot.Place.LEAD


@pytest.fixture
def old_story(committed):
    with committed():
        story = ArticleFactory(headline="Tram depot reopens", published_at="2020-05-01T08:00Z")
        for _ in range(12):  # newer stories push it off the home page
            ArticleFactory(section=story.section)
    return story


def test_curating_the_home_front_shows_at_once(client, committed, old_story):
    cache(client, ["/"])
    assert "Tram depot reopens" not in text(client, "/")
    with committed():
        write_front(section=None, slots=[SlotChoice(article=old_story, place=LEAD)])
    assert "Tram depot reopens" in text(client, "/")


def test_deleting_a_front_falls_back_to_the_latest_at_once(client, committed, old_story):
    with committed():
        front = write_front(section=None, slots=[SlotChoice(article=old_story, place=LEAD)])
    cache(client, ["/"])
    with committed():
        delete_front(front=front)
    assert "Tram depot reopens" not in text(client, "/")


def test_curating_a_section_front_refreshes_that_section(client, committed, old_story):
    with committed():
        elsewhere = ArticleFactory(headline="Kiosk law passes", section=SectionFactory())
    url = old_story.section.get_absolute_url()
    cache(client, [url])
    with committed():
        write_front(section=old_story.section, slots=[SlotChoice(article=elsewhere, place=LEAD)])
    assert "Kiosk law passes" in text(client, url)


def test_publishing_a_curated_draft_refreshes_the_section_it_leads(client, committed, editor):
    from articles.services import publishing

    with committed():
        section = SectionFactory()
        ArticleFactory(section=section)
        draft = ArticleFactory(headline="Signal box saved", draft=True, section=SectionFactory())
        write_front(section=section, slots=[SlotChoice(article=draft, place=LEAD)])
    cache(client, [section.get_absolute_url()])
    with committed():
        publishing.publish(article=draft, user=editor)
    assert "Signal box saved" in text(client, section.get_absolute_url())


def test_a_scheduled_slot_shows_from_its_start_on_a_cached_page(client, committed, old_story):
    start = timezone.now() + timedelta(minutes=5)
    with committed():
        write_front(
            section=None, slots=[SlotChoice(article=old_story, place=LEAD, starts_at=start)]
        )
    cache(client, ["/"])
    with time_machine.travel(start + timedelta(seconds=1)):
        with committed():
            record_started_slots()  # the worker's sweep
        assert "Tram depot reopens" in text(client, "/")
