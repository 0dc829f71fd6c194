"""The article page's own parts are kept rendered (articles/story.py), and are never stale.

Whole pages are not cached here (PAGE_CACHE off): what is tested is the kept parts alone,
on local memory and on the real Redis, with every change committed as in production.
"""

import json
from dataclasses import replace
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.golive import record_went_live
from articles.models import ArticleImage, RelatedHeadline
from articles.services import publishing
from articles.services.writing import ArticleRelations, write_article
from articles.story import PARTS
from core import fragments
from core.fragments import parts_key
from core.pagecache import store
from tests.factories import (
    ArticleFactory,
    ImageFactory,
    SectionFactory,
    TagFactory,
    TaggedArticleFactory,
)

pytestmark = pytest.mark.usefixtures("page_store")


def page(client, article) -> str:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.text


# Tables only the kept parts read: the page's lists read bylines, mentions and topics too.
PARTS_ONLY = ('"articles_correction"', '"articles_relatedheadline"', '"articles_articleimage"')


def tables_read(client, article) -> set[str]:
    with CaptureQueriesContext(connection) as captured:
        page(client, article)
    sql = " ".join(query["sql"] for query in captured.captured_queries)
    return {table for table in PARTS_ONLY if table in sql}


def test_the_parts_are_kept_after_the_first_reader(client, story):
    assert tables_read(client, story) == set(PARTS_ONLY)
    assert tables_read(client, story) == set()


def test_an_edit_shows_at_once(client, story, committed, editor):
    page(client, story)
    with committed():
        write_article(
            article=story, fields={"body": "<p>Boats at dawn.</p>"}, user=editor, comment=""
        )
    assert "Boats at dawn." in page(client, story)


def test_a_renamed_person_shows_at_once_in_the_byline_and_the_people(client, story, committed):
    page(client, story)
    for person in (story.bylines.get().person, story.mentions.get().person):
        with committed():
            person.full_name = f"Renamed {person.pk}"
            person.save()
        assert f"Renamed {person.pk}" in page(client, story)


def test_a_renamed_topic_shows_at_once(client, story, committed):
    page(client, story)
    tag = story.tags.get()
    with committed():
        tag.name = "Harbour life"
        tag.save()
    assert "Harbour life" in page(client, story)


def test_a_renamed_section_shows_at_once_in_the_breadcrumbs(client, story, committed):
    page(client, story)
    section = story.section
    with committed():
        section.name = "Waterfront"
        section.save()
    breadcrumbs = page(client, story).split('<nav class="breadcrumbs"')[1].split("</nav>")[0]
    assert "Waterfront" in breadcrumbs


def test_a_correction_shows_at_once(client, story, committed, editor):
    page(client, story)
    with committed():
        publishing.add_correction(article=story, user=editor, text="The pier opened in May.")
    assert "The pier opened in May." in page(client, story)


def test_a_linked_story_taken_down_is_no_longer_linked(client, story, committed, editor):
    with committed():
        linked = ArticleFactory(headline="Piers reopen")
        link = RelatedHeadline(target=linked, title="Piers reopen")
        relations = ArticleRelations(related_headlines=[link])
        write_article(article=story, fields={}, relations=relations, user=editor, comment="")
    assert "Piers reopen" in page(client, story)
    with committed():
        publishing.unpublish(article=linked, user=editor)
    assert f'href="{linked.get_absolute_url()}"' not in page(client, story)


def test_a_library_picture_recaptioned_shows_at_once(client, story, committed):
    with committed():
        picture = ImageFactory(caption="Boats at the pier.")
        lead = ArticleImage(image=picture, caption="", credit="", alt_text="", is_lead=True)
        relations = ArticleRelations(images=[lead])
        write_article(article=story, fields={}, relations=relations, user=None, comment="")
    assert "Boats at the pier." in page(client, story)
    with committed():
        picture.caption = "Boats leave the pier at dawn."
        picture.save()
    assert "Boats leave the pier at dawn." in page(client, story)


def test_a_linked_story_scheduled_is_linked_once_it_is_public(client, story, committed, editor):
    soon = timezone.now() + timedelta(minutes=5)
    with committed():
        linked = ArticleFactory(headline="Piers reopen", published_at=soon)
        link = RelatedHeadline(target=linked, title="Piers reopen")
        relations = ArticleRelations(related_headlines=[link])
        write_article(article=story, fields={}, relations=relations, user=editor, comment="")
    assert f'href="{linked.get_absolute_url()}"' not in page(client, story)
    with time_machine.travel(soon + timedelta(seconds=1)):
        with committed():
            record_went_live()  # the worker's sweep
        assert f'href="{linked.get_absolute_url()}"' in page(client, story)


def test_a_topic_added_ranks_the_stories_sharing_it_at_once(client, story, committed, editor):
    with committed():
        elsewhere = ArticleFactory(headline="Lanterns on the water", section=SectionFactory())
        TaggedArticleFactory(content_object=elsewhere, tag=TagFactory(name="Lanterns"))
    related = page(client, story).split('id="related"')
    assert len(related) == 1 or "Lanterns on the water" not in related[1]
    with committed():
        topics = [*story.tags.all(), elsewhere.tags.get()]
        relations = ArticleRelations(tags=topics)
        write_article(article=story, fields={}, relations=relations, user=editor, comment="")
    assert "Lanterns on the water" in page(client, story).split('id="related"')[1]


def kept_story_key(article) -> str:
    """Return the key the article's parts are kept under, as articles/story.py makes it."""
    identity = (article.pk, article.created_at, article.version)
    return parts_key("story", identity, tuple(PARTS.values()))


def test_parts_kept_in_an_older_shape_are_rendered_afresh(client, story, caplog):
    # Kept by code before a deploy that added a part, had the schema not been raised with it.
    page(client, story)
    key = kept_story_key(story)
    kept = store.fetch(key)
    older = {name: html for name, html in json.loads(kept.content).items() if name != "ties"}
    store.save(key, replace(kept, content=json.dumps(older).encode()), 600)

    assert story.headline in page(client, story)  # 200, rendered afresh
    assert "no longer fit" in caplog.text


def test_parts_are_keyed_by_their_templates_and_schema(story, monkeypatch):
    before = kept_story_key(story)
    monkeypatch.setattr(fragments, "PARTS_SCHEMA", fragments.PARTS_SCHEMA + 1)
    assert kept_story_key(story) != before
