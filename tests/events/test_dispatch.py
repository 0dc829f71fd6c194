"""The dispatcher runs each registered effect once per event, retrying failures with backoff."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from events.dispatch import backoff, dispatch_events, prune
from events.models import Delivery, OutboxEvent
from events.services import record

pytestmark = pytest.mark.django_db


class Flaky:
    """An effect that fails its first `failures` runs, then notes each event it is given."""

    def __init__(self, failures: int = 0):
        self.failures = failures
        self.seen: list[int] = []

    def __call__(self, events):
        if self.failures:
            self.failures -= 1
            raise ConnectionError("the other server is down")
        self.seen += [event.pk for event in events]


def test_an_app_adds_an_effect_by_registering_it(effect, committed):
    notes = Flaky()
    effect("notes", notes, kinds=["topic.changed"], at_commit=True)
    with committed():
        record("topic.changed", {"topic": 1})
        record("person.changed", {"person": 1})
    topic_event = OutboxEvent.objects.get(kind="topic.changed")
    assert notes.seen == [topic_event.pk]  # its kind only, at commit
    assert Delivery.objects.get(effect="notes").done_at is not None


def test_an_effect_left_to_the_worker_does_not_run_at_commit(effect, committed):
    slow = Flaky()
    effect("slow", slow, kinds=["topic.changed"])
    with committed():
        record("topic.changed", {"topic": 1})
    assert slow.seen == []
    assert OutboxEvent.objects.get().done_at is None  # waiting for the worker
    dispatch_events()
    assert len(slow.seen) == 1
    assert OutboxEvent.objects.get().done_at is not None


def test_a_failed_effect_is_retried_after_its_backoff_until_it_succeeds(effect, settings):
    settings.EVENTS_RETRY_SECONDS = 10
    flaky = Flaky(failures=2)
    effect("flaky", flaky, kinds=["topic.changed"])
    record("topic.changed", {"topic": 1})
    dispatch_events()
    delivery = Delivery.objects.get(effect="flaky")
    assert delivery.done_at is None and "down" in delivery.last_error
    dispatch_events()  # too early: it waits for its backoff
    assert Delivery.objects.get(effect="flaky").attempts == 1
    with time_machine.travel(timezone.now() + backoff(1) + timedelta(seconds=1)):
        dispatch_events()  # fails again, waits twice as long
    assert Delivery.objects.get(effect="flaky").attempts == 2
    with time_machine.travel(timezone.now() + backoff(1) + backoff(2) + timedelta(seconds=2)):
        dispatch_events()
    delivery = Delivery.objects.get(effect="flaky")
    assert delivery.done_at is not None and delivery.attempts == 3
    assert len(flaky.seen) == 1
    assert OutboxEvent.objects.get().done_at is not None


def test_the_backoff_doubles_up_to_its_ceiling(settings):
    settings.EVENTS_RETRY_SECONDS, settings.EVENTS_RETRY_MAX_SECONDS = 2, 60
    assert [backoff(n).total_seconds() for n in range(1, 8)] == [2, 4, 8, 16, 32, 60, 60]


def test_a_done_effect_never_runs_again(effect):
    once = Flaky()
    effect("once", once, kinds=["topic.changed"])
    record("topic.changed", {"topic": 1})
    dispatch_events()
    dispatch_events()
    assert len(once.seen) == 1


def test_a_claim_left_by_a_process_that_died_is_taken_again_after_its_lease(effect, settings):
    settings.EVENTS_LEASE_SECONDS = 30
    late = Flaky()
    effect("late", late, kinds=["topic.changed"])
    record("topic.changed", {"topic": 1})
    event = OutboxEvent.objects.get()
    # What a worker killed mid-effect leaves: its claim, with the lease still running.
    Delivery.objects.create(
        event=event, effect="late", attempts=1, claim="dead",
        next_try=timezone.now() + timedelta(seconds=30),
    )  # fmt: skip
    dispatch_events()
    assert late.seen == []  # another process holds it
    with time_machine.travel(timezone.now() + timedelta(seconds=31)):
        dispatch_events()
    assert late.seen == [event.pk]
    assert Delivery.objects.get(effect="late").attempts == 2


def test_events_reach_an_effect_in_the_order_they_were_recorded(effect):
    order = Flaky()
    effect("order", order, kinds=["topic.changed"])
    for n in range(5):
        record("topic.changed", {"topic": n})
    dispatch_events()
    assert order.seen == sorted(order.seen) and len(order.seen) == 5


def test_events_done_long_ago_are_pruned_and_waiting_ones_kept(effect, settings):
    settings.EVENTS_KEEP_DAYS = 7
    waiting = Flaky(failures=100)
    effect("waiting", waiting, kinds=["person.changed"])
    record("topic.changed", {"topic": 1})
    record("person.changed", {"person": 1})
    dispatch_events()
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        assert prune() == 1
    assert list(OutboxEvent.objects.values_list("kind", flat=True)) == ["person.changed"]
