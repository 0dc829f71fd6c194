"""The record of an article's editorial life: transitions and published corrections."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


# At module level: a model's Meta cannot see names inside the model's class body.
class EventAction(models.TextChoices):
    """What a recorded step did; the model's check constraint reads these values."""

    SUBMITTED = "submitted", "Submitted for review"
    RETURNED = "returned", "Returned to draft"
    PUBLISHED = "published", "Published"
    SCHEDULED = "scheduled", "Scheduled"
    UNPUBLISHED = "unpublished", "Unpublished"
    CORRECTED = "corrected", "Correction added"
    RESTORED = "restored", "Revision restored"
    RECOVERED = "recovered", "Recovered after deletion"


class ArticleEvent(models.Model):
    """One recorded step of the workflow: who did what to an article, and when."""

    Action = EventAction

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who did it; empty once that account is deleted.",
    )
    at = models.DateTimeField(default=timezone.now, help_text="When it was done.")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    publish_at = models.DateTimeField(
        null=True, blank=True, help_text="The publish time chosen, for publishing and scheduling."
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        get_latest_by = "at"
        indexes = [models.Index(fields=["article", "-at"], name="article_event_recent")]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=EventAction.values),
                name="article_event_action_valid",
            )
        ]

    def __str__(self):
        who = self.user or "someone no longer on staff"
        return f"{self.get_action_display()} by {who} at {self.at:%Y-%m-%d %H:%M}"


class Correction(models.Model):
    """A correction note shown at the foot of a published article."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="corrections"
    )
    text = models.TextField(help_text="What was wrong and what is right now; plain text.")
    created_at = models.DateTimeField(default=timezone.now, help_text="When it was corrected.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        get_latest_by = "created_at"
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="correction_text_not_empty")
        ]

    def __str__(self):
        return self.text[:60]
