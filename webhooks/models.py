"""Partners' webhook endpoints, the deliveries made to them, and each attempt of a delivery."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .sealing import unseal


class EndpointQuerySet(models.QuerySet):
    def active(self):
        """Return the endpoints deliveries go to: those not disabled."""
        return self.filter(active=True)


class Endpoint(models.Model):
    """A partner's address that hears about the events it subscribes to, signed."""

    class Format(models.TextChoices):
        NINJS = "ninjs", "IPTC ninjs 2.x"
        ARTICLE = "article", "The API's article JSON"

    url = models.URLField(
        "URL", max_length=2000, help_text="Where deliveries are POSTed (https in production)."
    )
    description = models.CharField(
        max_length=200, blank=True, help_text="Whose endpoint this is, for the newsroom."
    )
    events = models.JSONField(
        default=list, help_text="The kinds of event sent, e.g. article.published."
    )
    section = models.ForeignKey(
        "articles.Section",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Only articles of this section; empty: every section.",
    )
    topic = models.ForeignKey(
        "articles.Tag",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Only articles tagged with this; empty: all.",
    )
    payload_format = models.CharField(
        "payload", max_length=10, choices=Format.choices, default=Format.NINJS
    )
    # Shown once, when made or rotated; never rendered again (docs/api.md, "Webhooks"), and
    # kept encrypted (webhooks/sealing.py).
    sealed_secret = models.CharField(max_length=300, editable=False)
    sealed_previous_secret = models.CharField(max_length=300, blank=True, editable=False)
    previous_secret_until = models.DateTimeField(null=True, blank=True, editable=False)
    active = models.BooleanField(default=True, help_text="Disabled endpoints are sent nothing.")
    disabled_reason = models.CharField(max_length=200, blank=True, editable=False)
    disabled_at = models.DateTimeField(null=True, blank=True, editable=False)
    failing_since = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="The first failure since a success."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = EndpointQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["id"], condition=Q(active=True), name="webhook_active")]

    def __str__(self):
        return self.url

    def signing_secrets(self, now=None) -> list[str]:
        """Return the secrets a delivery is signed with: both during a rotation's overlap."""
        now = now or timezone.now()
        sealed = [self.sealed_secret]
        until = self.previous_secret_until
        if self.sealed_previous_secret and until and now < until:
            sealed.append(self.sealed_previous_secret)
        return [unseal(secret) for secret in sealed]


class Delivery(models.Model):
    """One event for one endpoint: a message sent until a 2xx, with a stable webhook-id."""

    class State(models.TextChoices):
        PENDING = "pending", "Waiting"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed"

    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="deliveries")
    message_id = models.CharField(max_length=60, unique=True, help_text="The webhook-id header.")
    event_id = models.BigIntegerField(null=True, blank=True, help_text="The outbox event.")
    kind = models.CharField(max_length=40)
    # The article the event concerns: deliveries for one article to one endpoint go in order.
    article_id = models.BigIntegerField(null=True, blank=True)
    body = models.TextField(help_text="The JSON sent, as signed.")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    first_tried_at = models.DateTimeField(null=True, blank=True)
    next_try = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)
    claim = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["-pk"]
        verbose_name_plural = "deliveries"
        constraints = [
            # The effect may run twice for an event (at-least-once): one delivery still.
            models.UniqueConstraint(fields=["event_id", "endpoint"], name="one_delivery_per_event")
        ]
        indexes = [
            # The sender's look-up: pending deliveries that are due, oldest first.
            models.Index(
                fields=["next_try", "id"], condition=Q(state="pending"), name="webhook_due"
            ),
            models.Index(fields=["endpoint", "article_id", "id"], name="webhook_order"),
        ]

    def __str__(self):
        return f"{self.kind} to {self.endpoint_id} ({self.message_id})"


class Attempt(models.Model):
    """One POST of a delivery: when, the answer's status, how long, its first bytes."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="tries")
    at = models.DateTimeField(default=timezone.now)
    status = models.PositiveSmallIntegerField(null=True, blank=True, help_text="HTTP status.")
    latency_ms = models.PositiveIntegerField(default=0)
    response = models.CharField(max_length=500, blank=True, help_text="The answer's first bytes.")
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.status or self.error} at {self.at:%Y-%m-%d %H:%M:%S}"
