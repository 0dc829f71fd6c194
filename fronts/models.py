"""Editors' fronts: the stories chosen, in order, to lead the home page or a section."""

from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce


class Front(models.Model):
    section = models.OneToOneField(
        "articles.Section",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="front",
        help_text="Leave empty for the home page's front.",
    )

    class Meta:
        ordering = ["section__position", "section__name"]
        constraints = [
            # One front per page: the home page's (no section) included.
            models.UniqueConstraint(Coalesce("section", Value(0)), name="front_one_per_page"),
        ]

    def __str__(self):
        return f"Front of {self.section}" if self.section_id else "Front of the home page"

    @property
    def cache_tag(self) -> str:
        """Return the page-cache tag of the page this front leads."""
        return front_tag(self.section_id)


def front_tag(section_id: int | None) -> str:
    """Return the page-cache tag of the home front (None) or of a section's front."""
    return "front-home" if section_id is None else f"front-section-{section_id}"


class Slot(models.Model):
    class Place(models.TextChoices):
        LEAD = "lead", "Lead"
        SECONDARY = "secondary", "Secondary"

    front = models.ForeignKey(Front, on_delete=models.CASCADE, related_name="slots")
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="A draft or scheduled article is skipped until it is public.",
    )
    place = models.CharField(max_length=20, choices=Place.choices, default=Place.SECONDARY)
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Secondary stories with lower numbers come first."
    )
    starts_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Leave empty to show it now. With a time, it replaces the story in the "
        "same place and position from that moment.",
    )

    class Meta:
        ordering = ["place", "position", "starts_at", "pk"]
        indexes = [models.Index(fields=["front", "starts_at"], name="slot_front_starts")]
        constraints = [
            models.CheckConstraint(condition=Q(place__in=["lead", "secondary"]), name="slot_place"),
        ]

    def __str__(self):
        return f"{self.get_place_display()} {self.position}: {self.article}"
