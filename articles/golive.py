"""Going live is an event: the worker publishes a scheduled story at its time.

A scheduled article is published with a future `published_at`; nothing is saved when that
time comes. So the worker records "article.went_live" for it then: a delayed task enqueued
for that moment (`go_live`), and a sweep every PUBLISH_SWEEP_SECONDS that catches anything
the task missed (a worker down at the time, a task backend emptied). A shared mark says how
far the sweeps have looked, so each article goes live once, whichever gets there first.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from events.models import Marker
from events.services import record

from .changes import article_payload
from .models import Article

MARK = "went-live-until"
# How far back the very first sweep looks (no mark yet: a new database, or one restored).
FIRST_LOOK_BACK = timedelta(days=1)


def record_went_live() -> int:
    """Record "article.went_live" for each article whose time came since the last look."""
    now = timezone.now()
    with transaction.atomic():
        mark, _ = Marker.objects.select_for_update().get_or_create(
            name=MARK, defaults={"at": now - FIRST_LOOK_BACK}
        )
        due = Article.objects.filter(
            status=Article.Status.PUBLISHED, published_at__gt=mark.at, published_at__lte=now
        ).only("pk", "status", "section_id")
        count = 0
        for article in due:
            record("article.went_live", article_payload(article, was_listed=True))
            count += 1
        if now > mark.at:
            mark.at = now
            mark.save(update_fields=["at"])
    return count


@task()
def go_live() -> int:
    """Record the articles whose time has come (enqueued for an article's publish time)."""
    return record_went_live()


def enqueue_go_live(events) -> None:
    """Events' effect: for each article scheduled, run `go_live` at its publish time."""
    listed = {event.payload["article"] for event in events if event.payload.get("listed")}
    if not listed:
        return
    times = Article.objects.filter(
        pk__in=listed, status=Article.Status.PUBLISHED, published_at__gt=timezone.now()
    ).values_list("published_at", flat=True)
    for published_at in set(times):
        go_live.using(run_after=published_at).enqueue()
