"""A small newsroom with every kind of public page filled in, for the validators to read."""

from datetime import timedelta

import pytest
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
)

from .library import pictured


def body_with_figure(image) -> str:
    """Return an article body with a library figure between two paragraphs."""
    return (
        "<p>The ferry operator said the routes would change. Piers open in May.</p>"
        f'<figure><img src="{image.file.url}" alt="A map of the routes" data-file="{image.pk}">'
        "<figcaption>The new routes.</figcaption></figure>"
        "<h2>What changes</h2><p>Two piers open.</p>"
    )


@pytest.fixture
def showcase(db, committed, editor):
    """Return a newsroom: a section tree, a topic, a writer and an illustrated article."""
    with committed():
        news = SectionFactory(name="News", slug="news")
        city = SectionFactory(name="City", slug="city", parent=news)
        topic = TagFactory(name="Ferries", slug="ferries")
        writer = PersonFactory(
            full_name="Mei Tsang", slug="mei-tsang", kind=Person.Kind.CONTRIBUTOR
        )
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
        "draft_version": versions_of(draft).first(),
        "news": news,
        "city": city,
        "topic": topic,
        "writer": writer,
    }
