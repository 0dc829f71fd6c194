"""The one write path of endpoints: make, change, rotate, delete, test, redeliver.

The admin, the API and `manage.py add_webhook` all call these. A secret is returned once,
to be shown once; the audit log hears of each creation, rotation and deletion (never the
secret) through core.signals.webhook_changed.
"""

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.signals import webhook_changed

from . import kinds, network, sealing, signing
from .enqueue import envelope, new_message_id
from .models import Delivery, Endpoint

TEST_KIND = "webhook.test"


def validate(*, url: str, events: Iterable[str]) -> None:
    """Raise ValidationError for an address that may not be called or an unknown event."""
    errors = {}
    try:
        network.check_url(url)
    except ValueError as error:
        errors["url"] = str(error)
    known = {name for name, _ in kinds.choices()}
    unknown = sorted(set(events) - known)
    if unknown:
        errors["events"] = f"Unknown events: {', '.join(unknown)}."
    elif not events:
        errors["events"] = "Choose at least one event."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_endpoint(
    *, url: str, events: Iterable[str], user=None, **fields
) -> tuple[Endpoint, str]:
    """Make an endpoint; return it and its secret, which is never shown again."""
    events = list(dict.fromkeys(events))
    validate(url=url, events=events)
    secret = signing.new_secret()
    endpoint = Endpoint.objects.create(
        url=url, events=events, sealed_secret=sealing.seal(secret), created_by=user, **fields
    )
    _tell("created", endpoint, user)
    return endpoint, secret


@transaction.atomic
def update_endpoint(*, endpoint: Endpoint, user=None, **fields) -> Endpoint:
    """Change an endpoint's address, events, filters, format or state (not its secret)."""
    # As stored: a form may have set the instance's fields already.
    was_active = Endpoint.objects.filter(pk=endpoint.pk).values_list("active", flat=True).get()
    for name, value in fields.items():
        setattr(endpoint, name, value)
    validate(url=endpoint.url, events=endpoint.events)
    if endpoint.active and not was_active:
        # Enabled again: its failures start afresh.
        endpoint.disabled_reason, endpoint.disabled_at, endpoint.failing_since = "", None, None
    endpoint.save()
    return endpoint


@transaction.atomic
def rotate_secret(*, endpoint: Endpoint, user=None, overlap: timedelta | None = None) -> str:
    """Give the endpoint a new secret; sign with both for `overlap`; return the new one."""
    overlap = overlap or timedelta(hours=settings.WEBHOOK_ROTATION_HOURS)
    secret = signing.new_secret()
    endpoint.sealed_previous_secret = endpoint.sealed_secret
    endpoint.sealed_secret = sealing.seal(secret)
    endpoint.previous_secret_until = timezone.now() + overlap
    fields = ["sealed_secret", "sealed_previous_secret", "previous_secret_until"]
    endpoint.save(update_fields=fields)
    _tell("rotated", endpoint, user)
    return secret


@transaction.atomic
def delete_endpoint(*, endpoint: Endpoint, user=None) -> None:
    _tell("deleted", endpoint, user)
    endpoint.delete()


def send_test(*, endpoint: Endpoint) -> Delivery:
    """Queue a test event for the endpoint; the worker sends it like any other."""
    now = timezone.now()
    body = envelope(TEST_KIND, now, {"endpoint": endpoint.pk, "test": True})
    return Delivery.objects.create(
        endpoint=endpoint, message_id=new_message_id(), kind=TEST_KIND, body=body, next_try=now
    )


def redeliver(*, deliveries) -> int:
    """Send failed deliveries again, with the same webhook-id; return how many."""
    failed = deliveries.filter(state=Delivery.State.FAILED)
    now = timezone.now()
    # A fresh WEBHOOK_RETRY_DAYS of retries from now.
    return failed.update(state=Delivery.State.PENDING, next_try=now, first_tried_at=None)


def prune_log() -> int:
    """Delete deliveries settled more than WEBHOOK_LOG_DAYS ago, with their attempts."""
    before = timezone.now() - timedelta(days=settings.WEBHOOK_LOG_DAYS)
    settled = Delivery.objects.exclude(state=Delivery.State.PENDING).filter(created_at__lt=before)
    _, by_model = settled.delete()
    return by_model.get(Delivery._meta.label, 0)


def disabled_endpoints():
    """Return the endpoints the sender disabled, for the desk's notice."""
    return (
        Endpoint.objects.filter(active=False).exclude(disabled_reason="").order_by("-disabled_at")
    )


def _tell(action: str, endpoint: Endpoint, user) -> None:
    webhook_changed.send(sender=Endpoint, endpoint=endpoint, action=action, user=user)
