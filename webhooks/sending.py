"""The worker's sending of deliveries: signed POSTs, retried with backoff for three days.

Each turn of the worker (`send_due`, a periodic job) claims the due deliveries with a token
and a lease, POSTs each once, and writes what happened. A delivery waits while an earlier
one for the same article and endpoint is still pending, so one article's events reach an
endpoint in order. Only a 2xx marks a delivery delivered; its webhook-id never changes, so a
receiver that saw it before (a lost answer) can tell. The schedule of retries is
RETRY_SCHEDULE (docs/api.md, "Webhooks"), each wait spread by ±20% so that many failures
do not come back at once.
"""

import http.client
import logging
import random
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from . import network, signing
from .models import Attempt, Delivery, Endpoint

logger = logging.getLogger(__name__)
# Seconds to wait after the 1st, 2nd, ... failure; the last repeats until the delivery has
# been failing for WEBHOOK_RETRY_DAYS.
RETRY_SCHEDULE = (5, 30, 120, 600, 1800, 3600, 7200, 14400, 28800)
JITTER = 0.2
BATCH = 200
# How much of the response an attempt keeps for the delivery log.
KEPT_BYTES = 500
USER_AGENT = "Masthead-Webhooks/1"


def retry_delay(failures: int) -> timedelta:
    """Return the wait after the `failures`-th failure, with jitter."""
    base = RETRY_SCHEDULE[min(failures, len(RETRY_SCHEDULE)) - 1]
    return timedelta(seconds=base * random.uniform(1 - JITTER, 1 + JITTER))


def due(now: datetime):
    """Return the deliveries that may be sent now, oldest first: the first of each article's."""
    earlier = Delivery.objects.filter(
        endpoint=OuterRef("endpoint"),
        article_id=OuterRef("article_id"),
        pk__lt=OuterRef("pk"),
        state=Delivery.State.PENDING,
    )
    return (
        Delivery.objects.filter(state=Delivery.State.PENDING, next_try__lte=now)
        .filter(endpoint__active=True)
        .exclude(Exists(earlier))
        .order_by("pk")
    )


def claim(now: datetime, limit: int = BATCH) -> list[Delivery]:
    """Claim up to `limit` due deliveries for this process; return them, oldest first."""
    token = uuid.uuid4().hex
    ids = list(due(now).values_list("pk", flat=True)[:limit])
    if not ids:
        return []
    lease = now + timedelta(seconds=settings.EVENTS_LEASE_SECONDS)
    Delivery.objects.filter(pk__in=ids, state=Delivery.State.PENDING, next_try__lte=now).update(
        next_try=lease, claim=token
    )
    return list(Delivery.objects.filter(claim=token).select_related("endpoint").order_by("pk"))


@dataclass
class Answer:
    status: int | None = None
    body: bytes = b""
    error: str = ""
    latency_ms: int = 0


@dataclass
class Connections:
    """Open connections by endpoint address, kept for one turn (keep-alive)."""

    open: dict = field(default_factory=dict)

    def post(self, url: str, body: bytes, headers: dict) -> Answer:
        parts = urlsplit(url)
        key = (parts.scheme, parts.hostname, parts.port)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        started = time.perf_counter()
        reused = key in self.open
        try:
            answer = self._post(key, url, target, body, headers)
        except (ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected):
            self.drop(key)
            if not reused:
                raise
            answer = self._post(key, url, target, body, headers)  # the kept one had closed
        answer.latency_ms = round((time.perf_counter() - started) * 1000)
        return answer

    def _post(self, key, url, target, body, headers) -> Answer:
        connection = self.open.get(key)
        if connection is None:
            connection = self.open[key] = network.connection_for(
                url, settings.WEBHOOK_TIMEOUT_SECONDS
            )
        try:
            connection.request("POST", target, body=body, headers=headers)
            response = connection.getresponse()
            kept = response.read(KEPT_BYTES)
            if response.will_close or not response.isclosed():
                self.drop(key)  # closed by the server, or an answer longer than we read
            return Answer(status=response.status, body=kept)
        except Exception:
            self.drop(key)
            raise

    def drop(self, key) -> None:
        connection = self.open.pop(key, None)
        if connection is not None:
            connection.close()

    def close(self) -> None:
        for key in list(self.open):
            self.drop(key)


def send(delivery: Delivery, connections: Connections, now: datetime) -> Answer:
    """POST one delivery, signed; return the answer or the error (never raise)."""
    endpoint = delivery.endpoint
    headers = {
        **signing.headers(delivery.message_id, delivery.body, endpoint.signing_secrets(now), now),
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
    }
    started = time.perf_counter()
    try:
        return connections.post(endpoint.url, delivery.body.encode(), headers)
    except (OSError, http.client.HTTPException, network.RefusedAddress, ValueError) as error:
        latency = round((time.perf_counter() - started) * 1000)
        return Answer(error=f"{type(error).__name__}: {error}"[:300], latency_ms=latency)


def send_due(budget_seconds: float | None = None) -> int:
    """Send due deliveries batch by batch until none is due or the budget is spent."""
    budget = settings.WEBHOOK_TURN_SECONDS if budget_seconds is None else budget_seconds
    deadline, sent = time.monotonic() + budget, 0
    connections = Connections()
    try:
        while time.monotonic() < deadline:
            batch = claim(timezone.now())
            if not batch:
                break
            sent += send_batch(batch, connections, deadline)
    finally:
        connections.close()
    return sent


def send_batch(batch: list[Delivery], connections: Connections, deadline: float) -> int:
    """Send each claimed delivery once; write the attempts and outcomes together.

    After a failure, the endpoint's other deliveries in the batch wait with the failed one
    (not counted as attempts): an endpoint that hangs costs one timeout per retry, not one
    per delivery. Past the deadline the rest are let go, untried, for the next turn.
    """
    attempts, endpoints, before, waiting = [], {}, {}, {}
    for delivery in batch:
        endpoint = endpoints.setdefault(delivery.endpoint_id, delivery.endpoint)
        before.setdefault(endpoint.pk, (endpoint.active, endpoint.failing_since))
        delivery.endpoint = endpoint  # one object per endpoint, so outcomes add up
        now = timezone.now()
        if not endpoint.active or endpoint.pk in waiting or time.monotonic() >= deadline:
            delivery.next_try, delivery.claim = waiting.get(endpoint.pk, now), ""
            continue
        answer = send(delivery, connections, now)
        attempts.append(attempt(delivery, answer, now))
        settle(delivery, answer, now)
        if delivery.state == Delivery.State.PENDING:
            waiting[endpoint.pk] = delivery.next_try
    Attempt.objects.bulk_create(attempts)
    write_outcomes(batch, {attempt.delivery_id for attempt in attempts})
    for endpoint in endpoints.values():
        if (endpoint.active, endpoint.failing_since) == before[endpoint.pk]:
            continue  # unchanged: an administrator's change meanwhile stands
        changes = {"failing_since": endpoint.failing_since}
        if not endpoint.active:
            changes.update(active=False, disabled_reason=endpoint.disabled_reason,
                           disabled_at=endpoint.disabled_at)  # fmt: skip
        Endpoint.objects.filter(pk=endpoint.pk).update(**changes)
    return len(attempts)


def write_outcomes(batch: list[Delivery], tried: set[int]) -> None:
    """Write what became of each delivery of the batch, in a few statements.

    Delivered and failed ones are one UPDATE each (a row-by-row bulk update of a batch costs
    more than the POSTs); those due again carry times of their own.
    """
    now = timezone.now()
    sent = {"attempts": F("attempts") + 1, "claim": ""}
    sent["first_tried_at"] = Coalesce("first_tried_at", Value(now))
    by_state = defaultdict(list)
    for delivery in batch:
        if delivery.pk in tried and delivery.state != Delivery.State.PENDING:
            by_state[delivery.state].append(delivery.pk)
    if ids := by_state[Delivery.State.DELIVERED]:
        Delivery.objects.filter(pk__in=ids).update(
            state=Delivery.State.DELIVERED, delivered_at=now, **sent
        )
    if ids := by_state[Delivery.State.FAILED]:
        Delivery.objects.filter(pk__in=ids).update(state=Delivery.State.FAILED, **sent)
    again = [d for d in batch if d.pk in tried and d.state == Delivery.State.PENDING]
    Delivery.objects.bulk_update(again, ["attempts", "first_tried_at", "next_try", "claim"])
    untried = defaultdict(list)
    for delivery in batch:
        if delivery.pk not in tried:
            untried[delivery.next_try].append(delivery.pk)
    for next_try, ids in untried.items():
        Delivery.objects.filter(pk__in=ids).update(next_try=next_try, claim="")


def attempt(delivery: Delivery, answer: Answer, now: datetime) -> Attempt:
    return Attempt(
        delivery=delivery,
        at=now,
        status=answer.status,
        latency_ms=answer.latency_ms,
        response=answer.body.decode("utf-8", "replace")[:KEPT_BYTES],
        error=answer.error,
    )


def settle(delivery: Delivery, answer: Answer, now: datetime) -> None:
    """Mark the delivery delivered, due again, or failed; disable its endpoint if it must."""
    endpoint = delivery.endpoint
    delivery.attempts += 1
    delivery.first_tried_at = delivery.first_tried_at or now
    delivery.claim = ""
    if answer.status is not None and 200 <= answer.status < 300:
        delivery.state, delivery.delivered_at = Delivery.State.DELIVERED, now
        endpoint.failing_since = None
        return
    logger.info("Webhook %s to endpoint %s failed: %s", delivery.message_id, endpoint.pk,
                answer.status or answer.error)  # fmt: skip
    endpoint.failing_since = endpoint.failing_since or now
    give_up = timedelta(days=settings.WEBHOOK_RETRY_DAYS)
    if answer.status == 410:
        delivery.state = Delivery.State.FAILED
        disable(endpoint, "It answered 410 Gone.", now)
    elif now - delivery.first_tried_at >= give_up:
        delivery.state = Delivery.State.FAILED
    else:
        delivery.next_try = now + retry_delay(delivery.attempts)
    if endpoint.active and now - endpoint.failing_since >= give_up:
        disable(endpoint, f"Every delivery failed for {settings.WEBHOOK_RETRY_DAYS} days.", now)


def disable(endpoint: Endpoint, reason: str, now: datetime) -> None:
    endpoint.active, endpoint.disabled_reason, endpoint.disabled_at = False, reason, now
    logger.warning("Webhook endpoint %s disabled: %s", endpoint.pk, reason)
