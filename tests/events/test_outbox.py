"""Every change records its events in its own transaction; nothing rolled back leaves one."""

import pytest
from django.db import transaction
from django.utils import timezone

from articles.changes import ARTICLE_KINDS
from articles.models import Article
from articles.services import publishing
from articles.services.revisions import restore_revision, versions_of
from articles.services.writing import ArticleRelations, write_article
from events.models import OutboxEvent
from tests.factories import (
    ArticleFactory,
    BylineFactory,
    ImageFactory,
    PersonFactory,
    SectionFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db


def kinds() -> list[str]:
    return list(OutboxEvent.objects.order_by("pk").values_list("kind", flat=True))


def test_a_change_rolled_back_records_no_event():
    with pytest.raises(RuntimeError), transaction.atomic():
        ArticleFactory()
        raise RuntimeError("the writer failed")
    assert kinds() == []


def test_a_savepoint_rolled_back_forgets_its_events_and_the_rest_are_kept(committed):
    with committed():
        kept = SectionFactory()
        with pytest.raises(RuntimeError), transaction.atomic():
            TagFactory()
            raise RuntimeError("the inner block failed")
        SectionFactory(parent=kept)
    assert kinds() == ["section.changed", "section.changed"]
    assert not OutboxEvent.objects.filter(done_at=None).exists()  # both dispatched


def test_the_write_path_records_one_event_for_a_whole_write(editor):
    article = ArticleFactory(ready=False)
    BylineFactory(article=article)
    left = article.bylines.get().person
    joined, topic = PersonFactory(), TagFactory()
    OutboxEvent.objects.all().delete()
    relations = ArticleRelations(
        bylines=[BylineFactory.build(person=joined, article=None)], tags=[topic]
    )
    write_article(
        article=article, fields={"headline": "New"}, relations=relations, user=editor, comment=""
    )
    (event,) = OutboxEvent.objects.all()
    assert event.kind == "article.updated"
    assert event.payload["people"] == sorted([left.pk, joined.pk])  # the list left, and joined
    assert event.payload["topics"] == [topic.pk]
    assert event.payload["listed"] and event.payload["was_listed"]


def test_each_step_of_the_workflow_records_its_own_kind(editor):
    draft = ArticleFactory(draft=True, ready=False)
    OutboxEvent.objects.all().delete()
    publishing.publish(article=draft, user=editor, anyway=True)
    publishing.add_correction(article=draft, user=editor, text="The pier is in Central.")
    publishing.unpublish(article=draft, user=editor)
    later = ArticleFactory(draft=True, ready=False)
    publishing.schedule(
        article=later, user=editor, at=timezone.now() + timezone.timedelta(hours=2), anyway=True
    )
    write_article(article=later, fields={"headline": "Renamed"}, user=editor, comment="Edit")
    restore_revision(article=later, version=versions_of(later).last(), user=editor)
    later.delete()
    recorded = kinds()
    steps = ["published", "corrected", "unpublished", "scheduled", "updated", "restored", "deleted"]
    for kind in [f"article.{step}" for step in steps]:
        assert kind in recorded, kind
        assert kind in ARTICLE_KINDS


def test_sections_topics_people_and_pictures_record_their_changes():
    section, topic, person = SectionFactory(), TagFactory(), PersonFactory()
    picture = ImageFactory()
    payloads = {e.kind: e.payload for e in OutboxEvent.objects.all()}
    assert payloads["section.changed"]["section"] == section.pk
    assert payloads["topic.changed"] == {"topic": topic.pk}
    assert payloads["person.changed"] == {"person": person.pk}
    assert payloads["picture.changed"] == {"picture": picture.pk}


def test_the_same_event_twice_in_one_transaction_is_recorded_once():
    with transaction.atomic():
        topic = TagFactory()
        topic.save()
        topic.save()
    assert kinds() == ["topic.changed"]


def test_a_save_with_no_revision_block_records_one_revision_at_commit(committed):
    with committed():
        article = ArticleFactory(ready=False)
        article.headline = "Saved by a script"
        article.save()
    assert versions_of(article).count() == 1
    assert Article.objects.get().headline == "Saved by a script"
