"""The webhooks effect: turn outbox events into deliveries for the endpoints subscribed.

It runs in the worker (never in the editor's request), and only while an active endpoint
exists (`any_active_endpoint`, asked by the dispatcher): with none, an event costs nothing.
It may run twice for an event; the (event, endpoint) constraint keeps one delivery.
"""

import json
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.utils import timezone

from articles.models import Article, TaggedArticle
from events.models import OutboxEvent

from .models import Delivery, Endpoint

# The events of the batch being turned into deliveries, and what builders read for them.
_batch: ContextVar[dict | None] = ContextVar("webhooks_batch", default=None)


def batch_memo() -> dict:
    """Return where a payload builder may keep what it read for the whole batch.

    `memo["events"]` holds the batch's events, so that a builder can read every article of
    the batch at once; outside a batch the dict is a new, empty one each time.
    """
    memo = _batch.get()
    return memo if memo is not None else {}


def any_active_endpoint() -> bool:
    """Return True if some endpoint may be sent deliveries."""
    return Endpoint.objects.active().exists()


def new_message_id() -> str:
    return f"msg_{uuid.uuid4().hex}"


def envelope(kind: str, occurred_at, data: dict) -> str:
    """Return a message's body: Standard Webhooks' type, timestamp (the event's) and data."""
    message = {"type": kind, "timestamp": occurred_at.isoformat(), "data": data}
    return json.dumps(message, separators=(",", ":"), ensure_ascii=False)


class ArticleFacts:
    """The versions, sections and topics of the articles a batch of events names, read once."""

    def __init__(self, events: list[OutboxEvent]):
        ids = {event.payload.get("article") for event in events} - {None}
        rows = Article.objects.filter(pk__in=ids).values_list("pk", "version", "section_id")
        self.version = {pk: version for pk, version, _ in rows}
        self.sections = {pk: {section} for pk, _, section in rows}
        self.topics: dict[int, set[int]] = {}
        tagged = TaggedArticle.objects.filter(content_object_id__in=ids)
        for article, tag in tagged.values_list("content_object_id", "tag_id"):
            self.topics.setdefault(article, set()).add(tag)

    def matches(self, endpoint: Endpoint, event: OutboxEvent) -> bool:
        """Return True if the event's article is in the endpoint's section and topic."""
        article = event.payload.get("article")
        sections = self.sections.get(article, set()) | set(event.payload.get("sections", ()))
        topics = self.topics.get(article, set()) | set(event.payload.get("topics", ()))
        section_ok = endpoint.section_id is None or endpoint.section_id in sections
        return section_ok and (endpoint.topic_id is None or endpoint.topic_id in topics)


def enqueue(events: list[OutboxEvent], kinds_of: Callable[[str], list]) -> None:
    """Make one delivery per subscribed endpoint for each event of the batch.

    `kinds_of` gives the subscribable kinds (webhooks/kinds.py) an outbox kind is sent as.
    """
    endpoints = list(Endpoint.objects.active())
    if not endpoints:
        return
    token = _batch.set({"events": events})
    try:
        _make_deliveries(events, endpoints, kinds_of)
    finally:
        _batch.reset(token)


def _make_deliveries(events: list[OutboxEvent], endpoints: list[Endpoint], kinds_of) -> None:
    facts, built, now = ArticleFacts(events), {}, timezone.now()
    deliveries = []
    for event in events:
        for kind in kinds_of(event.kind):
            for endpoint in endpoints:
                if kind.name not in endpoint.events or not facts.matches(endpoint, event):
                    continue
                key = (event.pk, kind.name, endpoint.payload_format)
                if key not in built:
                    built[key] = kind.build(event.payload, endpoint.payload_format)
                if built[key] is None:
                    continue
                deliveries.append(delivery(endpoint, event, kind.name, built[key], facts, now))
    Delivery.objects.bulk_create(deliveries, ignore_conflicts=True)


def delivery(endpoint, event, kind: str, data: dict, facts: ArticleFacts, now) -> Delivery:
    article = event.payload.get("article")
    # The version lets a receiver drop an older event that arrives late; the sequence (the
    # event's id) orders events that carry the same version, and a deleted article's.
    data = {**data, "version": facts.version.get(article), "sequence": event.pk}
    return Delivery(
        endpoint=endpoint,
        message_id=new_message_id(),
        event_id=event.pk,
        kind=kind,
        article_id=article,
        body=envelope(kind, event.created_at, data),
        next_try=now,
        created_at=now,
    )
