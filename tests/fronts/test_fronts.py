"""Editors' fronts lead the home and section pages; readers see only what is public."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fronts.models import Slot
from fronts.selectors import curated_articles
from fronts.services import SlotChoice, write_front
from tests.factories import ArticleFactory, SectionFactory
from tests.site.test_query_counts import LIMITS

pytestmark = pytest.mark.django_db
LEAD, SECONDARY = Slot.Place.LEAD, Slot.Place.SECONDARY


def ago(hours: int):
    return timezone.now() - timedelta(hours=hours)


def headlines_in_order(text: str, articles) -> list[str]:
    """Return the headlines of `articles` in the order the page shows them."""
    found = [(text.find(a.headline), a.headline) for a in articles if a.headline in text]
    return [headline for _, headline in sorted(found)]


def test_the_home_leads_with_the_curated_stories_then_the_latest_without_repeats(client):
    older = [ArticleFactory(headline=f"Older story {n}", published_at=ago(50 + n)) for n in (1, 2)]
    newest = [ArticleFactory(headline=f"Newest story {n}", published_at=ago(n)) for n in (1, 2)]
    write_front(
        section=None,
        slots=[
            SlotChoice(article=older[1], place=SECONDARY, position=1),
            SlotChoice(article=older[0], place=LEAD),
            SlotChoice(article=newest[0], place=SECONDARY, position=2),
        ],
    )
    response = client.get("/")
    top = response.context["top"]
    assert (top.lead, top.secondary) == (older[0], [older[1], newest[0]])
    assert top.latest == [newest[1]]
    text = response.text
    assert text.count(newest[0].headline) == 1
    order = [older[0].headline, older[1].headline, newest[0].headline, newest[1].headline]
    assert headlines_in_order(text, older + newest) == order


def test_an_empty_front_falls_back_to_the_latest(client):
    stories = [ArticleFactory(published_at=ago(n)) for n in range(3)]
    write_front(section=None, slots=[])
    top = client.get("/").context["top"]
    assert (top.lead, top.secondary) == (stories[0], stories[1:])


def test_a_draft_or_scheduled_article_in_a_slot_is_skipped_until_public(client):
    live = ArticleFactory(headline="Live lead")
    draft = ArticleFactory(headline="Draft story", draft=True)
    later = timezone.now() + timedelta(hours=2)
    scheduled = ArticleFactory(headline="Scheduled story", published_at=later)
    write_front(
        section=None,
        slots=[
            SlotChoice(article=live, place=LEAD),
            SlotChoice(article=draft, position=1),
            SlotChoice(article=scheduled, position=2),
        ],
    )
    text = client.get("/").text
    assert "Live lead" in text
    assert "Draft story" not in text and "Scheduled story" not in text
    with time_machine.travel(later + timedelta(minutes=1)):
        assert curated_articles() == [live, scheduled]


def test_a_scheduled_slot_replaces_its_place_from_its_start():
    first, second = ArticleFactory(), ArticleFactory()
    start = timezone.now() + timedelta(hours=1)
    write_front(
        section=None,
        slots=[
            SlotChoice(article=first, place=LEAD),
            SlotChoice(article=second, place=LEAD, starts_at=start),
        ],
    )
    assert curated_articles() == [first]
    with time_machine.travel(start + timedelta(seconds=1)):
        assert curated_articles() == [second]


def test_a_section_front_leads_with_its_curated_stories_and_lists_the_rest_below(client):
    section = SectionFactory()
    chosen = ArticleFactory(section=section, headline="Chosen story", published_at=ago(30))
    rest = [ArticleFactory(section=section, published_at=ago(n)) for n in range(3)]
    write_front(section=section, slots=[SlotChoice(article=chosen, place=LEAD)])
    response = client.get(section.get_absolute_url())
    assert response.context["top"].lead == chosen
    assert list(response.context["page"].object_list) == rest
    assert response.text.count("Chosen story") == 1


def test_the_home_front_does_not_lead_a_section_page(client):
    section = SectionFactory()
    own = ArticleFactory(section=section)
    ArticleFactory(section=section, published_at=ago(5))
    older = ArticleFactory(section=section, published_at=ago(9))
    write_front(section=None, slots=[SlotChoice(article=older, place=LEAD)])
    assert client.get(section.get_absolute_url()).context["top"].lead == own


def count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("length", [1, 12])
def test_a_front_costs_the_same_queries_whatever_its_length(client, length):
    section = SectionFactory()
    stories = [ArticleFactory(section=section) for _ in range(length)]
    slots = [SlotChoice(article=stories[0], place=LEAD)] + [
        SlotChoice(article=story, position=n) for n, story in enumerate(stories[1:])
    ]
    write_front(section=None, slots=slots)
    write_front(section=section, slots=slots)
    # The pages' budgets for their first reader (the front's slots are one query of them).
    assert count(client, "/") <= LIMITS["home"]
    assert count(client, section.get_absolute_url()) <= LIMITS["section"]
