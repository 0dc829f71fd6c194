"""Live coverage: an article that grows by timed entries while news breaks."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from articles.models import Article
from articles.sanitize import check_html_bounds


class LiveCoverage(models.Model):
    """The live settings of one article: when its coverage started and ended, its order."""

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="live_coverage"
    )
    started_at = models.DateTimeField(default=timezone.now, help_text="When coverage began.")
    ended_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When editors ended the coverage; an ended article stops updating.",
    )
    oldest_first = models.BooleanField(
        default=False, help_text="Show entries oldest first (a timeline) instead of newest first."
    )

    class Meta:
        verbose_name = "live coverage"
        verbose_name_plural = "live coverage"
        ordering = ["-started_at", "-pk"]
        get_latest_by = "started_at"

    def __str__(self):
        return str(self.article)

    @property
    def is_live(self) -> bool:
        """Return True while the coverage has not been ended."""
        return self.ended_at is None


class Entry(models.Model):
    """One timed update of a live article."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="live_entries")
    published_at = models.DateTimeField(default=timezone.now, help_text="The entry's time.")
    edited_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When the entry was last edited."
    )
    title = models.CharField(max_length=200, blank=True, help_text="An optional short title.")
    body = models.TextField(
        validators=[check_html_bounds],
        help_text="HTML; anything outside the allow-list is removed on save.",
    )
    key_event = models.BooleanField(
        default=False, help_text="List this entry among the key events at the top of the page."
    )
    pinned = models.BooleanField(
        default=False, help_text="Show this entry above all others (one per article)."
    )
    authors = models.ManyToManyField(
        "people.Person", through="live.EntryAuthor", blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name_plural = "entries"
        ordering = ["-published_at", "-pk"]
        get_latest_by = "published_at"
        indexes = [
            # Covering the flags: the key events' window (live.selectors.flagged) reads
            # only this index on PostgreSQL.
            models.Index(
                fields=["article", "-published_at", "-id"],
                include=["key_event", "pinned"],
                name="live_entry_newest",
            ),
            models.Index(
                fields=["article", "published_at", "id"],
                condition=Q(key_event=True),
                name="live_entry_key_events",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["article"], condition=Q(pinned=True), name="live_entry_one_pinned"
            ),
        ]

    def __str__(self):
        return self.title or f"Entry of {self.published_at:%d %b %Y %H:%M}"

    def get_absolute_url(self):
        return reverse("live:entry", kwargs={"pk": self.pk})

    @cached_property
    def permalink(self) -> str:
        """The entry's permanent link (set in bulk by live.selectors.address for a page)."""
        return self.get_absolute_url()

    @property
    def anchor(self) -> str:
        return f"entry-{self.pk}"


class EntryAuthor(models.Model):
    """One author of an entry, in byline order."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="entry_authors")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "person"], name="live_entry_author_once"),
        ]

    def __str__(self):
        return str(self.person)

    @cached_property
    def person_url(self) -> str:
        """The author's page (set in bulk by live.selectors.address for a page)."""
        return self.person.get_absolute_url()
