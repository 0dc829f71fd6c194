"""Cards rendered once and kept in memory (core/fragments.py) still show every change at once.

The page cache is off here: what is tested is the kept fragments alone, the cards in memory
and the lists kept whole (articles/kept.py). Each test renders the lists first, so that the
old card is kept, then commits a change to one thing the card shows.
"""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.utils import timezone

from articles.models import Byline
from articles.services.writing import ArticleRelations, write_article
from articles.templatetags.site_tags import machine_time
from tests.factories import ArticleFactory, BylineFactory, PersonFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    settings.PAGE_CACHE = False
    caches[settings.FRAGMENT_CACHE_ALIAS].clear()


@pytest.fixture
def story(committed):
    with committed():
        article = ArticleFactory(
            headline="Night buses run late", kicker="Transport", standfirst="Routes change."
        )
        BylineFactory(article=article, person=PersonFactory(full_name="Mei Ling Chan"))
    return article


def lists(article) -> list[str]:
    """Return the URLs of the lists that show `article` as a plain card."""
    month = timezone.localtime(article.published_at)
    return ["/", article.section.get_absolute_url(), f"/archive/{month:%Y/%-m}/"]


def shown_everywhere(client, article, text: str) -> bool:
    return all(text in client.get(url).text for url in lists(article))


def shown_nowhere(client, article, text: str) -> bool:
    return not any(text in client.get(url).text for url in lists(article))


def test_the_lists_show_the_card(client, story):
    for text in ("Night buses run late", "Transport", "Mei Ling Chan"):
        assert shown_everywhere(client, story, text), text


@pytest.mark.parametrize(
    ("field", "old", "new"),
    [
        ("headline", "Night buses run late", "Night buses run on time"),
        ("kicker", "Transport", "City transport"),
        ("standfirst", "Routes change.", "Routes stay the same."),
    ],
)
def test_an_edited_article_shows_its_new_text(client, story, committed, field, old, new):
    # Six newer stories push it down to the section front's plain cards, which show standfirsts.
    for _ in range(6):
        ArticleFactory(section=story.section)
    where = story.section.get_absolute_url()
    assert old in client.get(where).text
    with committed():
        write_article(article=story, fields={field: new}, user=None, comment="edit")
    page = client.get(where).text
    assert new in page and old not in page


def test_a_renamed_author_shows_the_new_name(client, story, committed):
    assert shown_everywhere(client, story, "Mei Ling Chan")
    person = story.bylines.get().person
    person.full_name = "Chan Mei-ling"
    with committed():
        person.save()
    assert shown_everywhere(client, story, "Chan Mei-ling")
    assert shown_nowhere(client, story, "Mei Ling Chan")


def test_an_author_who_becomes_a_photographer_leaves_the_card(client, story, committed):
    assert shown_everywhere(client, story, "Mei Ling Chan")
    person = story.bylines.get().person
    photographer = Byline(person=person, role=Byline.Role.PHOTOGRAPHER)
    credits = ArticleRelations(bylines=[photographer])
    with committed():
        write_article(article=story, fields={}, relations=credits, user=None, comment="credit")
    assert shown_nowhere(client, story, "By Mei Ling Chan")


def test_a_renamed_section_shows_the_new_name(client, story, committed):
    section = story.section
    link = f'class="card__section" href="{section.get_absolute_url()}">'
    month = lists(story)[-1]  # the archive lists every story as a plain card
    assert link + section.name in client.get(month).text
    section.name = "Getting around"
    with committed():
        section.save()
    assert link + "Getting around" in client.get(month).text


def test_an_article_moved_to_another_section_links_there(client, story, committed):
    client.get("/")
    elsewhere = SectionFactory(name="Harbour")
    with committed():
        write_article(article=story, fields={"section": elsewhere}, user=None, comment="move")
    home = client.get("/").text
    assert f'href="{story.get_absolute_url()}"' in home
    assert f'href="{elsewhere.get_absolute_url()}"' in home


def test_a_new_publish_time_shows_its_date(client, story, committed):
    newer = timezone.now() - timedelta(minutes=10)
    for _ in range(6):  # newer stories lead the front; the story is a plain card below them
        ArticleFactory(section=story.section, published_at=newer)
    url = story.section.get_absolute_url()
    before = story.published_at
    assert machine_time(before) in client.get(url).text
    earlier = before - timedelta(days=3)
    with committed():
        write_article(article=story, fields={"published_at": earlier}, user=None, comment="dt")
    page = client.get(url).text
    assert machine_time(earlier) in page and machine_time(before) not in page


def test_cards_from_memory_are_the_cards_a_fresh_render_makes(client, settings, story):
    for _ in range(8):  # five lead the front; the others are plain cards
        ArticleFactory(section=story.section)
    url = story.section.get_absolute_url()
    fresh = client.get(url).text
    fragments = caches[settings.FRAGMENT_CACHE_ALIAS]
    assert fragments._cache, "the section front kept no card in memory"
    assert client.get(url).text == fresh
