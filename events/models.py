"""The outbox: what changed, recorded in the transaction that changed it, and its effects."""

from django.db import models
from django.db.models import Q


class OutboxEvent(models.Model):
    """One change readers or partners may see, waiting for its effects to run."""

    kind = models.CharField(max_length=40, help_text="What happened, e.g. article.published.")
    payload = models.JSONField(default=dict, help_text="The ids the change concerns.")
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(
        null=True, blank=True, help_text="When every effect of the event had run."
    )

    class Meta:
        ordering = ["pk"]
        get_latest_by = "pk"
        indexes = [
            # The dispatcher's and the health check's look-up: undelivered events, oldest first.
            models.Index(fields=["id"], condition=Q(done_at__isnull=True), name="outbox_pending"),
        ]

    def __str__(self):
        return f"{self.kind} #{self.pk}"


class Delivery(models.Model):
    """One effect of one event: claimed, retried with backoff until it has run once."""

    event = models.ForeignKey(OutboxEvent, on_delete=models.CASCADE, related_name="deliveries")
    effect = models.CharField(max_length=60, help_text="The registered effect's name.")
    attempts = models.PositiveIntegerField(default=0)
    next_try = models.DateTimeField(
        help_text="When it may be tried next: after a failure's backoff, or a claim's lease."
    )
    done_at = models.DateTimeField(null=True, blank=True)
    claim = models.CharField(max_length=32, blank=True, help_text="The token of its last claim.")
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(fields=["event", "effect"], name="one_delivery_per_effect")
        ]

    def __str__(self):
        return f"{self.effect} of {self.event_id}"


class Marker(models.Model):
    """A named moment every process shares: the go-live sweep's mark, the worker's heartbeat."""

    name = models.CharField(max_length=40, primary_key=True)
    at = models.DateTimeField()

    def __str__(self):
        return f"{self.name} at {self.at:%Y-%m-%d %H:%M:%S}"
