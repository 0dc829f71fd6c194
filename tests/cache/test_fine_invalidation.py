"""A change makes stale only the pages that show what it changed: a card's fields its lists,
the rest its own pages."""

from datetime import timedelta

import pytest
from django.db import models
from django.template.loader import get_template
from django.urls import reverse

from articles.card_fields import CARD_TEMPLATE, card_fields
from articles.models import Article
from articles.services.writing import write_article
from tests.cache.pages import cache, text
from tests.factories import ArticleFactory, SectionFactory


def card_html(article: Article) -> str:
    """Render the card as it shows the most (featured, with its standfirst)."""
    context = {"article": article, "heading": "h2", "show_standfirst": True, "featured": True}
    return get_template(CARD_TEMPLATE).render(context)


def other_value(article: Article, field: models.Field):
    """Return a valid value for `field` unlike the article's."""
    value = getattr(article, field.name)
    if field.choices:
        return next(choice for choice, _ in field.choices if choice != value)
    if isinstance(field, models.ForeignKey):
        return SectionFactory() if field.related_model.__name__ == "Section" else None
    if isinstance(field, models.DateTimeField):
        return (value or article.published_at) + timedelta(days=3)
    if isinstance(field, models.BooleanField):
        return not value
    if isinstance(field, models.IntegerField):
        return (value or 0) + 1
    if isinstance(field, models.URLField):
        return "https://example.org/elsewhere"
    return (value or "") + "-other"


def editable_fields() -> list[str]:
    """Return the article's own fields an editor or the write path may change."""
    return [field.name for field in Article._meta.concrete_fields if not field.primary_key]


@pytest.mark.django_db
@pytest.mark.parametrize("name", editable_fields())
def test_a_card_changes_with_a_field_exactly_when_the_field_is_one_it_shows(name):
    article = ArticleFactory(kicker="On the water")
    article = Article.objects.cards().get(pk=article.pk)  # as lists load it
    before = card_html(article)
    field = Article._meta.get_field(name)
    setattr(article, name, other_value(article, field))

    assert (card_html(article) != before) == (name in card_fields()), name


def test_the_card_shows_its_relations_and_never_the_body():
    assert {"bylines", "images", "section", "headline"} <= card_fields()
    assert "body" not in card_fields()


def lists_of(story) -> list[str]:
    """Return pages that list the story as a card: home, its section, its topic."""
    return [
        reverse("articles:home"),
        story.section.get_absolute_url(),
        reverse("articles:tag", kwargs={"slug": story.tags.get().slug}),
    ]


# (field, new value, what readers of the article page see after it)
CARD_EDITS = [
    ("headline", "Ferries sail at dawn", "Ferries sail at dawn"),
    ("kicker", "Harbour watch", "Harbour watch"),
]
INSIDE_EDITS = [
    ("body", "<p>The first boat leaves at six.</p>", "The first boat leaves at six."),
    ("seo_title", "Ferry timetable for the new routes", "Ferry timetable for the new routes"),
    ("dateline", "KOWLOON", "KOWLOON"),
]


@pytest.mark.usefixtures("page_cache")
@pytest.mark.parametrize(("field", "value", "shown"), INSIDE_EDITS)
def test_an_edit_inside_the_article_leaves_its_lists_cached(
    client, story, committed, editor, field, value, shown
):
    assert field not in card_fields()
    lists = lists_of(story)
    cache(client, [story.get_absolute_url(), *lists])
    with committed():
        write_article(article=story, fields={field: value}, user=editor, comment="Edit")

    assert shown in text(client, story.get_absolute_url())
    for url in lists:
        assert client.get(url)["X-Page-Cache"] == "hit", url


@pytest.mark.usefixtures("page_cache")
@pytest.mark.parametrize(("field", "value", "shown"), CARD_EDITS)
def test_an_edit_to_a_cards_field_refreshes_every_list_showing_the_card(
    client, story, committed, editor, field, value, shown
):
    assert field in card_fields()
    lists = lists_of(story)
    cache(client, [story.get_absolute_url(), *lists])
    with committed():
        write_article(article=story, fields={field: value}, user=editor, comment="Edit")

    for url in [story.get_absolute_url(), *lists]:
        assert shown in text(client, url), url


@pytest.mark.usefixtures("page_cache")
def test_an_edit_inside_one_article_leaves_other_articles_pages_cached(
    client, story, committed, editor
):
    with committed():
        neighbour = ArticleFactory(section=story.section, published_at=story.published_at)
    cache(client, [neighbour.get_absolute_url()])
    with committed():
        write_article(
            article=story, fields={"body": "<p>New words.</p>"}, user=editor, comment="Edit"
        )
    assert client.get(neighbour.get_absolute_url())["X-Page-Cache"] == "hit"


@pytest.mark.usefixtures("page_cache")
def test_a_body_edit_still_refreshes_search_results(client, story, committed, editor):
    url = reverse("search:search") + "?q=lighthouse"
    assert "Ferries sail again" not in text(client, url)
    with committed():
        write_article(
            article=story,
            fields={"body": "<p>The lighthouse keeper waved.</p>"},
            user=editor,
            comment="Edit",
        )
    assert "Ferries sail again" in text(client, url)
