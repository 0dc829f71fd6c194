"""A small newsroom with every kind of public page filled in, for the validators to read."""

import copy
from datetime import timedelta

import pytest
from django.test import TestCase
from django.utils import timezone

from articles.models import Byline, Correction
from articles.services.revisions import save_with_revision, versions_of
from people.models import Person
from tests.factories import (
    ArticleFactory,
    ArticleImageFactory,
    BylineFactory,
    MentionFactory,
    PersonFactory,
    RelatedArticleFactory,
    RelatedHeadlineFactory,
    SectionFactory,
    TagFactory,
    TaggedArticleFactory,
    editor_user,
)
from tests.kept import kept_for_the_scope

from .library import pictured


def body_with_figure(image) -> str:
    """Return an article body with a library figure between two paragraphs."""
    return (
        "<p>The ferry operator said the routes would change. Piers open in May.</p>"
        f'<figure><img src="{image.file.url}" alt="A map of the routes" data-file="{image.pk}">'
        "<figcaption>The new routes.</figcaption></figure>"
        "<h2>What changes</h2><p>Two piers open.</p>"
    )


def make_showcase(editor) -> dict:
    """Make a newsroom: a section tree, a topic, a writer and an illustrated article."""
    news = SectionFactory(name="News", slug="news")
    city = SectionFactory(name="City", slug="city", parent=news)
    topic = TagFactory(name="Ferries", slug="ferries")
    writer = PersonFactory(full_name="Mei Tsang", slug="mei-tsang", kind=Person.Kind.CONTRIBUTOR)
    story = ArticleFactory(
        section=city,
        kicker="Transport",
        headline="Harbour ferries change course",
        standfirst="The routes change next month.",
        body=body_with_figure(pictured(caption="A map")),
        source_name="Harbour Wire",
        source_url="https://wire.example/ferries",
        published_at=timezone.now() - timedelta(hours=2),
    )
    ArticleImageFactory(article=story, image=pictured(), is_lead=True)
    BylineFactory(article=story, person=writer)
    BylineFactory(article=story, role=Byline.Role.ADDITIONAL_REPORTING)
    MentionFactory(article=story)
    TaggedArticleFactory(content_object=story, tag=topic)
    Correction.objects.create(article=story, text="An earlier version misnamed a pier.")
    other = ArticleFactory(section=city, headline="Piers reopen")
    TaggedArticleFactory(content_object=other, tag=topic)
    RelatedArticleFactory(from_article=story, to_article=other)
    RelatedHeadlineFactory(article=story, target=other)
    draft = ArticleFactory(draft=True, section=city, headline="Tunnel tolls rise")
    save_with_revision(article=draft, user=editor, comment="First draft")
    return {
        "story": story,
        "other": other,
        "draft": draft,
        "news": news,
        "city": city,
        "topic": topic,
        "writer": writer,
    }


def with_first_version(showcase: dict) -> dict:
    """Return the showcase with its draft's first version, once its commit is done."""
    return showcase | {"draft_version": versions_of(showcase["draft"]).first()}


@pytest.fixture
def showcase(db, committed, editor) -> dict:
    """Return a newsroom: a section tree, a topic, a writer and an illustrated article."""
    with committed():
        made = make_showcase(editor)
    return with_first_version(made)


@pytest.fixture(scope="module")
def showcase_made_once(django_db_setup, django_db_blocker) -> dict:
    """Make the showcase once for a module, with what its commit does (it indexes)."""
    with kept_for_the_scope(django_db_blocker):
        with django_db_blocker.unblock():
            with TestCase.captureOnCommitCallbacks(execute=True):
                made = make_showcase(editor_user())
            made = with_first_version(made)
        yield made


@pytest.fixture
def kept_showcase(db, showcase_made_once) -> dict:
    """Return the showcase made once for the module, as it was made.

    For a module whose every database test starts from the showcase: the rows are the
    module's (each test's changes are rolled back), and the objects are copies, since a
    test may change them.
    """
    return copy.deepcopy(showcase_made_once)
