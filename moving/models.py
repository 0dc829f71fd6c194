"""What an import from another system remembers: where each thing came from, and old addresses."""

import uuid

from django.conf import settings
from django.db import models


class Source(models.TextChoices):
    WORDPRESS = "wordpress", "WordPress"
    GHOST = "ghost", "Ghost"


class ImportedPost(models.Model):
    """The article a source post became, so that a re-run updates it instead of adding one."""

    source = models.CharField(max_length=20, choices=Source.choices)
    key = models.CharField(max_length=500, help_text="The post's GUID (WordPress) or UUID (Ghost).")
    article = models.OneToOneField(
        "articles.Article", on_delete=models.CASCADE, related_name="imported_from"
    )
    fingerprint = models.CharField(
        max_length=64, help_text="A hash of the post as last imported: unchanged posts are skipped."
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "key"], name="imported_post_once")]

    def __str__(self):
        return f"{self.get_source_display()} {self.key}"


class ImportedPerson(models.Model):
    """The person a source author became."""

    source = models.CharField(max_length=20, choices=Source.choices)
    key = models.CharField(max_length=200)
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="imported_person_once")
        ]

    def __str__(self):
        return f"{self.get_source_display()} author {self.key}"


class ImportedPicture(models.Model):
    """The library picture a source picture became, so a re-run uploads nothing twice."""

    url = models.CharField(max_length=1000, unique=True)
    image = models.ForeignKey("images.Image", on_delete=models.CASCADE, related_name="+")

    def __str__(self):
        return self.url


class Redirect(models.Model):
    """An old address of an article: it answers 301 to wherever the article lives now."""

    old_path = models.CharField(
        max_length=500,
        unique=True,
        help_text="The path (and query, e.g. /?p=123) the article answered at before, "
        "starting with /.",
    )
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="old_addresses"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["old_path"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(old_path__startswith="/"), name="redirect_path_absolute"
            )
        ]

    def __str__(self):
        return self.old_path


def export_name(instance, filename: str) -> str:
    """Return a random name in imports/: an export holds drafts and private posts."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "dat"
    return f"imports/{uuid.uuid4().hex}.{extension[:8]}"


class ExportFileField(models.FileField):
    """An uploaded export (XML or JSON): not a picture, so not the pictures' upload path.

    Named at random, never after the upload, and deleted once its import is done.
    """

    not_a_picture = True


class ImportRun(models.Model):
    """An export uploaded in the admin: its dry-run report, then its import by the worker."""

    class State(models.TextChoices):
        CHECKING = "checking", "Being checked"
        CHECKED = "checked", "Checked (dry run)"
        QUEUED = "queued", "Waiting for the worker"
        RUNNING = "running", "Importing"
        DONE = "done", "Imported"
        FAILED = "failed", "Failed"

    source = models.CharField(max_length=20, choices=Source.choices)
    file = ExportFileField(upload_to=export_name)
    state = models.CharField(max_length=20, choices=State.choices, default=State.CHECKING)
    report = models.JSONField(default=dict, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "import from WordPress or Ghost"
        verbose_name_plural = "imports from WordPress or Ghost"

    def __str__(self):
        return f"{self.get_source_display()} import of {self.created_at:%Y-%m-%d %H:%M}"
