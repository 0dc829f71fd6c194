"""Deliveries to a real receiver: signed, retried through a day of 503, once each, in order."""

import itertools
import json
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles.services import publishing
from articles.services.writing import write_article
from events.models import OutboxEvent
from tests.factories import ArticleFactory, SectionFactory, UserFactory, editor_user
from tests.webhooks.conftest import pending, run_worker
from webhooks import kinds, services
from webhooks.models import Delivery, Endpoint
from webhooks.sending import RETRY_SCHEDULE, retry_delay

pytestmark = pytest.mark.django_db
EVERY_KIND = [name for name, _ in kinds.choices()]


def subscribe(receiver, events=EVERY_KIND, **fields) -> Endpoint:
    endpoint, secret = services.create_endpoint(url=receiver.url, events=events, **fields)
    receiver.secrets.append(secret)
    return endpoint


def publish_new(**fields):
    """Write a draft and have an editor publish it, as the newsroom does."""
    draft = ArticleFactory(draft=True, **fields)
    return publishing.publish(article=draft, user=editor_user(), anyway=True)


def edit(article, n: int):
    user = UserFactory(username="webhook-writer")
    fields = {"standfirst": f"The routes change, update {n}."}
    return write_article(article=article, fields=fields, user=user, comment=f"Update {n}")


def newsroom_news(articles: int = 3, updates: int = 3) -> None:
    """Publish a few articles and update each a few times: events the worker delivers."""
    section = SectionFactory()
    for _ in range(articles):
        article = publish_new(section=section)
        for n in range(updates):
            article = edit(article, n)


def test_a_publication_reaches_the_receiver_signed_with_the_article(receiver):
    subscribe(receiver, events=["article.published"])
    article = publish_new()
    run_worker(turns=2)  # the second: the go-live sweep's event is not sent again

    assert receiver.forged == 0
    [message] = receiver.accepted
    assert message["type"] == "article.published"
    assert message["data"]["article"] == article.pk
    assert message["data"]["version"] == article.version
    assert message["data"]["item"]["altids"] == [{"role": "masthead-id", "value": str(article.pk)}]


def test_the_api_article_json_is_sent_when_the_endpoint_asks_for_it(receiver):
    subscribe(receiver, events=["article.published"], payload_format=Endpoint.Format.ARTICLE)
    article = publish_new()
    run_worker()

    [message] = receiver.accepted
    assert message["data"]["item"]["headline"] == article.headline


def test_an_unpublished_article_is_named_but_never_shown(receiver):
    subscribe(receiver, events=["article.unpublished"])
    publishing.unpublish(article=publish_new(), user=editor_user())
    run_worker()

    [message] = receiver.accepted
    assert message["type"] == "article.unpublished"
    assert "item" not in message["data"]


def test_every_event_is_delivered_once_in_order_after_a_day_of_503(receiver):
    subscribe(receiver)
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        newsroom_news(articles=5)
        receiver.status = 503
        while timezone.now() < start + timedelta(days=1):
            run_worker()
            clock.shift(timedelta(minutes=20))
        assert receiver.accepted == [] and receiver.requests > 0
        receiver.status = 200
        for _ in range(200):
            run_worker()
            if not pending():
                break
            clock.shift(timedelta(hours=1))

    # Every publication and update of a public article recorded (an update identical to one
    # before it in the same transaction is one event; a draft's are not sent, nor the go-live
    # sweep's event for an article published at once).
    recorded = OutboxEvent.objects.filter(kind__in=["article.published", "article.updated"])
    events = {event.pk for event in recorded if event.payload.get("listed", True)}
    received = [message["data"]["sequence"] for message in receiver.accepted]
    lost = len(events - set(received))
    duplicates = len(received) - len(set(received))
    out_of_order = sum(
        1
        for messages in by_article(receiver.accepted).values()
        for before, after in itertools.pairwise(messages)
        if (after["version"], after["sequence"]) < (before["version"], before["sequence"])
    )
    print(f"events {len(events)}, lost {lost}, duplicates {duplicates}, "
          f"out of order {out_of_order}, forged {receiver.forged}")  # fmt: skip
    assert len(events) >= 5 * 2 and set(received) <= events
    assert (lost, duplicates, out_of_order, receiver.forged) == (0, 0, 0, 0)
    assert len(set(receiver.ids())) == len(received), "one webhook-id per event"


def by_article(messages: list[dict]) -> dict[int, list[dict]]:
    """Return the messages' data by article, in the order received."""
    grouped = {}
    for message in messages:
        grouped.setdefault(message["data"]["article"], []).append(message["data"])
    return grouped


def test_a_410_disables_the_endpoint_and_nothing_more_is_sent(receiver):
    endpoint = subscribe(receiver)
    receiver.status = 410
    publish_new()
    run_worker()
    endpoint.refresh_from_db()
    requests = receiver.requests

    publish_new()
    run_worker()

    assert not endpoint.active and "410" in endpoint.disabled_reason
    assert requests == 1 and receiver.requests == 1
    assert Delivery.objects.get(endpoint=endpoint, state=Delivery.State.FAILED)


def test_an_endpoint_failing_for_three_days_is_disabled(receiver, settings):
    endpoint = subscribe(receiver)
    receiver.status = 500
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        publish_new()
        while Endpoint.objects.get(pk=endpoint.pk).active:
            # the last wait is at most 8 h + 20%
            assert timezone.now() < start + timedelta(days=settings.WEBHOOK_RETRY_DAYS, hours=10)
            run_worker()
            clock.shift(timedelta(hours=1))

    endpoint.refresh_from_db()
    assert endpoint.disabled_at - start >= timedelta(days=settings.WEBHOOK_RETRY_DAYS)
    assert f"{settings.WEBHOOK_RETRY_DAYS} days" in endpoint.disabled_reason
    assert list(services.disabled_endpoints()) == [endpoint]


def test_no_endpoint_no_delivery_and_the_event_needs_no_worker(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        publish_new()

    assert not Delivery.objects.exists()
    assert not OutboxEvent.objects.filter(done_at__isnull=True).exists()


def test_a_redirect_is_not_followed(receiver):
    subscribe(receiver, events=["article.published"])
    receiver.status = 302
    receiver.headers = {"Location": receiver.url + "elsewhere/"}
    publish_new()
    run_worker()

    assert receiver.requests == 1
    assert Delivery.objects.get().state == Delivery.State.PENDING


def test_a_rotated_secret_signs_beside_the_old_one_during_the_overlap(receiver):
    endpoint = subscribe(receiver)
    old = receiver.secrets.pop()
    new = services.rotate_secret(endpoint=endpoint, overlap=timedelta(hours=1))

    for secrets, later in (([old], 0), ([new], 0), ([new], 2)):
        receiver.secrets, receiver.accepted = secrets, []
        with time_machine.travel(timezone.now() + timedelta(hours=later), tick=False):
            services.send_test(endpoint=endpoint)
            run_worker()
        assert receiver.forged == 0, (secrets == [old], later)
    receiver.secrets = [old]
    with time_machine.travel(timezone.now() + timedelta(hours=2), tick=False):
        services.send_test(endpoint=endpoint)
        run_worker()
    assert receiver.forged == 1, "the old secret still signs after the overlap"


def test_a_redelivery_keeps_the_webhook_id(receiver):
    endpoint = subscribe(receiver)
    delivery = services.send_test(endpoint=endpoint)
    Delivery.objects.filter(pk=delivery.pk).update(state=Delivery.State.FAILED)

    assert services.redeliver(deliveries=endpoint.deliveries.all()) == 1
    run_worker()

    assert list(receiver.ids()) == [delivery.message_id]


def test_the_section_filter_sends_only_that_sections_articles(receiver):
    chosen = SectionFactory()
    subscribe(receiver, events=["article.published"], section=chosen)
    publish_new(section=chosen)
    publish_new()
    run_worker()

    assert len(receiver.accepted) == 1


def test_the_retry_schedule_grows_and_spreads_and_covers_the_days(settings):
    waits = [retry_delay(n).total_seconds() for n in range(1, len(RETRY_SCHEDULE) + 1)]
    for wait, base in zip(waits, RETRY_SCHEDULE, strict=True):
        assert base * 0.8 <= wait <= base * 1.2
    assert tuple(sorted(RETRY_SCHEDULE)) == RETRY_SCHEDULE
    assert retry_delay(50).total_seconds() <= RETRY_SCHEDULE[-1] * 1.2


def test_another_app_adds_a_kind_with_one_call(receiver):
    kinds.register_kind(
        "article.scheduled",
        "Article scheduled",
        build=lambda payload, payload_format: {"article": payload["article"], "when": "later"},
    )
    try:
        subscribe(receiver, events=["article.scheduled"])
        later = timezone.now() + timedelta(days=1)
        draft = ArticleFactory(draft=True)
        publishing.publish(article=draft, user=editor_user(), at=later, anyway=True)
        run_worker()
    finally:
        kinds.unregister_kind("article.scheduled")

    [message] = receiver.accepted
    assert message["type"] == "article.scheduled" and message["data"]["when"] == "later"
    assert json.loads(Delivery.objects.get().body)["data"]["when"] == "later"


def test_the_log_keeps_settled_deliveries_for_its_days_and_pending_ones_always(receiver, settings):
    endpoint = subscribe(receiver)
    old = services.send_test(endpoint=endpoint)
    run_worker()
    waiting = services.send_test(endpoint=Endpoint.objects.get())
    Endpoint.objects.update(active=False)
    later = timezone.now() + timedelta(days=settings.WEBHOOK_LOG_DAYS, hours=1)

    with time_machine.travel(later, tick=False):
        assert services.prune_log() == 1

    assert list(Delivery.objects.all()) == [waiting]
    assert not Delivery.objects.filter(pk=old.pk).exists()


def test_an_endpoint_that_fails_costs_one_attempt_per_retry_not_one_per_delivery(receiver):
    endpoint = subscribe(receiver)
    receiver.status = 503
    for _ in range(5):
        services.send_test(endpoint=endpoint)
    run_worker()

    assert receiver.requests == 1
    assert set(Delivery.objects.values_list("attempts", flat=True)) == {0, 1}
    receiver.status = 200
    with time_machine.travel(timezone.now() + timedelta(minutes=1), tick=False):
        run_worker()
    assert len(receiver.ids()) == 5 and not pending()


def queries_to_publish(django_capture_on_commit_callbacks) -> int:
    """Return the queries an editor's publish makes, its at-commit effects included."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    draft, editor = ArticleFactory(draft=True), editor_user()
    run_worker()  # the draft's own events are done: only the publish's are measured
    committed = django_capture_on_commit_callbacks(execute=True)
    with CaptureQueriesContext(connection) as queries, committed:
        publishing.publish(article=draft, user=editor, anyway=True)
    return len(queries)


def test_twenty_endpoints_add_no_query_to_the_editors_publish(
    receiver, django_capture_on_commit_callbacks
):
    publish_new()  # the first publication warms what is kept (content types, the roles)
    none = queries_to_publish(django_capture_on_commit_callbacks)
    for _ in range(20):
        subscribe(receiver)

    twenty = queries_to_publish(django_capture_on_commit_callbacks)

    print(f"queries to publish: {none} with no endpoint, {twenty} with twenty")
    # With endpoints the event waits for the worker, so the commit may close it with fewer.
    assert twenty <= none
    assert not Delivery.objects.exists(), "made by the worker, not in the editor's request"
