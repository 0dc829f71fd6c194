"""A scheduled story goes live by the worker at its time: an event like any publish."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.golive import record_went_live
from articles.services import publishing
from events.models import OutboxEvent
from events.worker import Worker
from tests.cache.pages import cache, text
from tests.factories import ArticleFactory

pytestmark = pytest.mark.usefixtures("page_cache")


def went_live() -> list[int]:
    events = OutboxEvent.objects.filter(kind="article.went_live")
    return [event.payload["article"] for event in events]


def schedule(editor, committed, minutes: int = 5):
    """Schedule a story, a worker having swept already (its first sweep looks back a day)."""
    at = timezone.now() + timedelta(minutes=minutes)
    with committed():
        record_went_live()
    with committed():
        article = ArticleFactory(draft=True, headline="Night ferry timetable", ready=False)
        publishing.schedule(article=article, user=editor, at=at, anyway=True)
    return article, at


def test_scheduling_enqueues_a_task_for_the_publish_time(editor, committed):
    _, at = schedule(editor, committed)
    task = DBTaskResult.objects.get(task_path="articles.golive.go_live")
    assert task.run_after == at


def test_the_worker_publishes_the_story_at_its_time_on_every_cached_list(
    client, editor, committed, story
):
    article, at = schedule(editor, committed)
    cache(client, [reverse("articles:home"), reverse("api:article-list")])
    assert "Night ferry timetable" not in text(client, reverse("articles:home"))
    with time_machine.travel(at + timedelta(seconds=1)):
        with committed():
            Worker("test").turn()  # the delayed task runs: no request computes a lifetime
        assert went_live().count(article.pk) == 1
        assert "Night ferry timetable" in text(client, reverse("articles:home"))
        assert "Night ferry timetable" in text(client, reverse("api:article-list"))


def test_the_sweep_catches_a_story_whose_task_was_lost_and_records_it_once(
    editor, committed, story
):
    article, at = schedule(editor, committed)
    DBTaskResult.objects.all().delete()  # a task backend emptied, a worker down at the time
    with time_machine.travel(at + timedelta(seconds=30)), committed():
        assert record_went_live() == 1
        assert record_went_live() == 0
    assert went_live().count(article.pk) == 1
