"""Turn outbox events into their effects, each run until it has succeeded once.

Each (event, effect) pair has a Delivery row. Whoever runs an effect first claims its rows
with a token and a lease (`next_try` moved past the lease, in statements only one process
can win for a row); the handler then runs once for all the events claimed, and marks them
done in the same transaction as its own database writes, or moves `next_try` on by a
growing backoff if it fails. A process killed halfway leaves claims that expire after
EVENTS_LEASE_SECONDS, and the effect runs again for them: handlers are idempotent. An event
is done when every effect it has is.

Events are taken in the order they were recorded (their ids), and each effect sees a batch
in that order; effects of one event are run in the order they were registered.
"""

import logging
import uuid
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import F, Q
from django.utils import timezone

from core.db import on_primary

from .markers import last_heartbeat
from .models import Delivery, OutboxEvent
from .registry import Effect, all_effects

logger = logging.getLogger(__name__)
# The most events one pass takes.
BATCH = 200


def dispatch_events(
    event_ids: list[int] | None = None, *, at_commit: bool = False, using: str = DEFAULT_DB_ALIAS
) -> int:
    """Run the due effects of the given events (default: every undelivered one).

    `at_commit`: only the effects registered to run at commit. Return how many effects ran.
    """
    pending = OutboxEvent.objects.using(using).filter(done_at__isnull=True).order_by("pk")
    if event_ids is not None:
        pending = pending.filter(pk__in=event_ids)
    ran, after = 0, 0
    with on_primary():
        while events := list(pending.filter(pk__gt=after)[:BATCH]):
            ran += _dispatch_batch(events, at_commit=at_commit, using=using)
            after = events[-1].pk
    return ran


def _dispatch_batch(events: list[OutboxEvent], *, at_commit: bool, using: str) -> int:
    """Run each effect due for the batch once, for all its events at a time."""
    done = set(
        Delivery.objects.using(using)
        .filter(event__in=events, done_at__isnull=False)
        .values_list("event_id", "effect")
    )
    due = {
        effect: [e for e in events if effect.takes(e.kind) and (e.pk, effect.name) not in done]
        for effect in all_effects()
        if effect.at_commit or not at_commit
    }
    due = {effect: chosen for effect, chosen in due.items() if chosen}
    token = uuid.uuid4().hex
    claimed = _claim(due, token, using) if due else set()
    ran = 0
    # At commit, one transaction for the batch and a savepoint for each effect: one that
    # fails is rolled back alone, and an effect's database writes commit with its "done".
    # The worker's effects may be slow (another server): each is a transaction of its own.
    with transaction.atomic(using=using) if at_commit else nullcontext():
        for effect, chosen in due.items():
            mine = [event for event in chosen if (event.pk, effect.name) in claimed]
            if mine:
                ran += 1
                if _run(effect, mine, token, using):
                    done.update((event.pk, effect.name) for event in mine)
    _close(events, done, using)
    return ran


def _claim(due: dict[Effect, list[OutboxEvent]], token: str, using: str) -> set[tuple[int, str]]:
    """Claim the due deliveries that are free; return the (event, effect) pairs claimed."""
    now = timezone.now()
    lease = now + timedelta(seconds=settings.EVENTS_LEASE_SECONDS)
    deliveries = Delivery.objects.using(using)
    fresh = [
        Delivery(event=event, effect=effect.name, attempts=1, next_try=lease, claim=token)
        for effect, chosen in due.items()
        for event in chosen
    ]
    # A row another process made first is left to it (the unique constraint).
    deliveries.bulk_create(fresh, ignore_conflicts=True)
    events = {event.pk for chosen in due.values() for event in chosen}
    names = [effect.name for effect in due]
    deliveries.filter(
        ~Q(claim=token), event__in=events, effect__in=names, done_at__isnull=True,
        next_try__lte=now,
    ).update(next_try=lease, attempts=F("attempts") + 1, claim=token)  # fmt: skip
    return set(deliveries.filter(claim=token).values_list("event_id", "effect"))


def _run(effect: Effect, events: list[OutboxEvent], token: str, using: str) -> bool:
    """Run the handler for the events claimed; mark them done, or due again after a backoff."""
    mine = Delivery.objects.using(using).filter(effect=effect.name, claim=token)
    try:
        with transaction.atomic(using=using):
            effect.handler(events)
            mine.update(done_at=timezone.now(), last_error="")
    except Exception as error:
        ids = [event.pk for event in events]
        logger.warning("Effect %s failed for events %s; retried later", effect.name, ids)
        logger.debug("The failure", exc_info=True)
        attempts = max(mine.values_list("attempts", flat=True), default=1)
        mine.update(next_try=timezone.now() + backoff(attempts), last_error=repr(error)[:2000])
        return False
    return True


def _close(events: list[OutboxEvent], done: set, using: str) -> None:
    """Mark done the events all of whose effects have run."""
    finished = [
        event.pk
        for event in events
        if all(
            (event.pk, effect.name) in done for effect in all_effects() if effect.takes(event.kind)
        )
    ]
    if finished:
        OutboxEvent.objects.using(using).filter(pk__in=finished).update(done_at=timezone.now())


def backoff(attempts: int) -> timedelta:
    """Return how long to wait after the `attempts`-th failure: doubling, up to a ceiling."""
    first = settings.EVENTS_RETRY_SECONDS
    return timedelta(seconds=min(first * 2 ** (attempts - 1), settings.EVENTS_RETRY_MAX_SECONDS))


def backlog(using: str = DEFAULT_DB_ALIAS) -> tuple[int, OutboxEvent | None]:
    """Return how many events wait for an effect, and the oldest of them."""
    waiting = OutboxEvent.objects.using(using).filter(done_at__isnull=True)
    return waiting.count(), waiting.order_by("pk").first()


def failing(using: str = DEFAULT_DB_ALIAS):
    """Return the deliveries that failed and have not succeeded since, oldest first."""
    return (
        Delivery.objects.using(using)
        .filter(done_at__isnull=True)
        .exclude(last_error="")
        .select_related("event")
        .order_by("pk")
    )


@dataclass(frozen=True)
class Backlog:
    """What the desk shows administrators: events waiting, the oldest, effects failing."""

    waiting: int
    oldest_at: datetime | None
    failing: int
    last_error: str
    worker_beat: datetime | None


def backlog_summary(using: str = DEFAULT_DB_ALIAS) -> Backlog:
    """Return the outbox's backlog and the worker's last heartbeat."""
    waiting, oldest = backlog(using)
    failed = failing(using)
    newest_failure = failed.order_by("-pk").first()
    return Backlog(
        waiting=waiting,
        oldest_at=oldest.created_at if oldest else None,
        failing=failed.count(),
        last_error=newest_failure.last_error if newest_failure else "",
        worker_beat=last_heartbeat(),
    )


def prune(using: str = DEFAULT_DB_ALIAS) -> int:
    """Delete events done more than EVENTS_KEEP_DAYS ago (and their deliveries); return how many."""
    before = timezone.now() - timedelta(days=settings.EVENTS_KEEP_DAYS)
    _, by_model = OutboxEvent.objects.using(using).filter(done_at__lt=before).delete()
    return by_model.get(OutboxEvent._meta.label, 0)
