"""No anonymous reader is served a stale page or API answer after a change commits."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.services import publishing
from articles.services.tags import merge_tags
from articles.services.writing import write_article
from tests.cache.pages import cache, text, urls_showing
from tests.factories import ArticleFactory, TagFactory, TaggedArticleFactory

pytestmark = pytest.mark.usefixtures("page_cache")


def test_publishing_shows_the_article_on_every_page_that_lists_it(
    client, make_story, committed, editor
):
    draft = make_story(draft=True)
    urls = urls_showing(draft)
    # Its topic and people are named by nothing public yet: their pages and feeds are 404
    # until then, as are the article's own page and API detail.
    slugs = [draft.tags.get().slug, draft.bylines.get().person.slug]
    slugs.append(draft.mentions.get().person.slug)
    named = [url for url in urls[1:-1] if any(f"/{slug}/" in url for slug in slugs)]
    assert len(named) >= 3
    assert [client.get(url).status_code for url in named] == [404] * len(named)
    cache(client, [url for url in urls[1:-1] if url not in named])
    with committed():
        publishing.publish(article=draft, user=editor, anyway=True)  # no picture: not the point
    for url in urls:
        assert "Ferries sail again" in text(client, url), url


def test_unpublishing_takes_the_article_off_every_page(client, story, committed, editor):
    urls = urls_showing(story)
    cache(client, urls)
    with committed():
        publishing.unpublish(article=story, user=editor)
    assert client.get(story.get_absolute_url()).status_code == 410
    assert client.get(reverse("api:article-detail", kwargs={"pk": story.pk})).status_code == 404
    for url in urls[1:-1]:
        assert "Ferries sail again" not in text(client, url), url


def test_an_edit_shows_everywhere_the_article_does(client, story, committed, editor):
    urls = urls_showing(story)
    cache(client, [url for url in urls if "?q=" not in url])
    with committed():
        write_article(
            article=story, fields={"headline": "Ferries sail at dawn"}, user=editor, comment="Edit"
        )
    for url in urls:
        if "?q=" not in url:
            assert "Ferries sail at dawn" in text(client, url), url
    assert "Ferries sail at dawn" in text(client, reverse("search:search") + "?q=dawn")


def test_an_edit_refreshes_other_articles_related_lists(client, story, committed, editor):
    with committed():
        neighbour = ArticleFactory(section=story.section, published_at=story.published_at)
    cache(client, [neighbour.get_absolute_url()])
    with committed():
        write_article(
            article=story, fields={"headline": "Ferries sail at dawn"}, user=editor, comment="Edit"
        )
    assert "Ferries sail at dawn" in text(client, neighbour.get_absolute_url())


def test_a_new_article_joins_its_neighbours_next_in_section_list(client, story, committed):
    cache(client, [story.get_absolute_url()])
    with committed():
        ArticleFactory(section=story.section, headline="Piers reopen")
    assert "Piers reopen" in text(client, story.get_absolute_url())


def test_a_correction_shows_on_the_article_page_and_in_the_api(client, story, committed, editor):
    detail = reverse("api:article-detail", kwargs={"pk": story.pk})
    cache(client, [story.get_absolute_url(), detail])
    with committed():
        publishing.add_correction(article=story, user=editor, text="The pier is in Central.")
    assert "The pier is in Central." in text(client, story.get_absolute_url())
    assert "The pier is in Central." in text(client, detail)


def test_deleting_the_article_takes_it_off_every_page(client, story, committed):
    urls = urls_showing(story)
    cache(client, urls)
    with committed():
        story.delete()
    assert client.get(urls[0]).status_code == 404
    for url in urls[1:-1]:
        assert "Ferries sail again" not in text(client, url), url


def test_a_scheduled_article_appears_at_its_publish_time(client, story, committed, editor):
    due = timezone.now() + timedelta(hours=2)
    with committed():
        later = ArticleFactory(section=story.section, headline="Typhoon signal lowered")
        later.status = Article.Status.DRAFT
        later.published_at = None
        later.save()
        publishing.schedule(article=later, user=editor, at=due, anyway=True)
    urls = [reverse("articles:home"), story.section.get_absolute_url(), reverse("api:article-list")]
    cache(client, urls)
    for url in urls:
        assert "Typhoon signal lowered" not in text(client, url)
    with time_machine.travel(due + timedelta(seconds=1)):
        for url in urls:
            assert "Typhoon signal lowered" in text(client, url), url


def test_renaming_a_person_shows_the_new_name_everywhere(client, story, committed):
    writer = story.bylines.get().person
    urls = [story.get_absolute_url(), reverse("api:article-list")]
    urls += [reverse("api:article-detail", kwargs={"pk": story.pk})]
    urls += [reverse("people:detail", kwargs={"slug": writer.slug})]
    cache(client, urls)
    with committed():
        writer.full_name = "Chan Siu-ming"
        writer.save()
    for url in urls:
        assert "Chan Siu-ming" in text(client, url), url


def test_renaming_a_topic_shows_the_new_name_everywhere(client, story, committed):
    tag = story.tags.get()
    urls = [story.get_absolute_url(), reverse("articles:tag", kwargs={"slug": tag.slug})]
    urls.append(reverse("api:article-detail", kwargs={"pk": story.pk}))
    cache(client, urls)
    with committed():
        tag.name = "Cross-harbour transport"
        tag.save()
    for url in urls:
        assert "Cross-harbour transport" in text(client, url), url


def test_merging_topics_moves_the_article_to_the_surviving_topic(client, story, committed):
    duplicate = story.tags.get()
    with committed():
        target = TagFactory(name="Ferries")
        TaggedArticleFactory(content_object=ArticleFactory(headline="Older story"), tag=target)
    target_page = reverse("articles:tag", kwargs={"slug": target.slug})
    cache(client, [story.get_absolute_url(), target_page])
    with committed():
        merge_tags(target=target, duplicates=[duplicate])
    assert "Ferries sail again" in text(client, target_page)
    page = text(client, story.get_absolute_url())
    assert reverse("articles:tag", kwargs={"slug": target.slug}) in page
    assert duplicate.name not in page


def test_renaming_a_section_shows_the_new_name_everywhere(client, story, committed):
    section = story.section
    urls = [reverse("articles:home"), section.get_absolute_url(), story.get_absolute_url()]
    cache(client, urls)
    with committed():
        section.name = "Harbour and transport"
        section.save()
    for url in urls:
        assert "Harbour and transport" in text(client, url), url


def test_a_change_leaves_unrelated_pages_cached(client, story, committed, editor):
    with committed():
        other = ArticleFactory(headline="Budget day")
    cache(client, [other.get_absolute_url()])
    with committed():
        write_article(
            article=story, fields={"headline": "Ferries sail at dawn"}, user=editor, comment="Edit"
        )
    assert client.get(other.get_absolute_url())["X-Page-Cache"] == "hit"
