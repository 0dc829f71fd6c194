"""A writer's unsaved change form, kept aside while they type so a closed tab loses nothing."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Autosave(models.Model):
    """The change form of one article as one user last had it, never applied by itself."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="autosaves"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="article_autosaves"
    )
    fields = models.JSONField(
        help_text="The form's field names and values as the writer left them."
    )
    article_version = models.PositiveIntegerField(
        help_text="The article's version the form was opened at; saving still checks it."
    )
    saved_at = models.DateTimeField(default=timezone.now, help_text="When it was kept.")

    class Meta:
        ordering = ["-saved_at"]
        get_latest_by = "saved_at"
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="one_autosave_per_writer")
        ]

    def __str__(self):
        return f"Unsaved changes by {self.user} at {self.saved_at:%Y-%m-%d %H:%M}"
