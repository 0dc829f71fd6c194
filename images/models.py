"""The image library and the resized renditions made from each picture."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from .uploads import PictureField
from .validation import library_upload_to, measure

UNIT_INTERVAL = [MinValueValidator(0.0), MaxValueValidator(1.0)]


class ImageQuerySet(models.QuerySet):
    def with_renditions(self):
        """Fetch every image's stored renditions in one extra query."""
        return self.prefetch_related("renditions")


class Image(models.Model):
    file = PictureField(
        upload_to=library_upload_to,
        # No width_field/height_field: Django would decode the upload to measure it before
        # the validator could refuse a decompression bomb. save() measures it afterwards.
        help_text="JPEG, PNG, WebP or GIF; at most 20 MB and 40 megapixels.",
    )
    caption = models.TextField(blank=True, help_text="What the picture shows, for readers.")
    credit = models.CharField(
        max_length=200, blank=True, help_text="Who made it, e.g. “Masthead illustration”."
    )
    alt_text = models.CharField(
        max_length=300,
        blank=True,
        help_text="What the image shows, for readers who cannot see it.",
    )
    focal_x = models.FloatField(
        null=True,
        blank=True,
        validators=UNIT_INTERVAL,
        verbose_name="focal point x",
        help_text="0 is the left edge, 1 the right; crops keep this point in view.",
    )
    focal_y = models.FloatField(
        null=True,
        blank=True,
        validators=UNIT_INTERVAL,
        verbose_name="focal point y",
        help_text="0 is the top edge, 1 the bottom.",
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        get_latest_by = "uploaded_at"
        constraints = [
            models.CheckConstraint(
                condition=Q(focal_x__isnull=True) | Q(focal_x__gte=0, focal_x__lte=1),
                name="image_focal_x_in_unit_interval",
            ),
            models.CheckConstraint(
                condition=Q(focal_y__isnull=True) | Q(focal_y__gte=0, focal_y__lte=1),
                name="image_focal_y_in_unit_interval",
            ),
        ]

    def __str__(self):
        return self.caption[:60] or self.alt_text[:60] or f"Image {self.pk}"

    def save(self, *args, **kwargs):
        # No width yet means a new file; the field stores it upright (images/uploads.py).
        if self.file and not (self.width and self.height):
            self.width, self.height = measure(self.file)
        super().save(*args, **kwargs)

    @property
    def focal_point(self) -> tuple[float, float]:
        """Return the point crops keep in view, the centre when none is set."""
        return (
            0.5 if self.focal_x is None else self.focal_x,
            0.5 if self.focal_y is None else self.focal_y,
        )


class Rendition(models.Model):
    class Format(models.TextChoices):
        WEBP = "webp", "WebP"
        JPEG = "jpeg", "JPEG"

    image = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="renditions")
    format = models.CharField(max_length=4, choices=Format.choices)
    spec = models.CharField(
        max_length=40, help_text="What was asked for, e.g. “640w” or “640w-16x9”."
    )
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    file = PictureField(upload_to="renditions/")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["image", "format", "width", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["image", "format", "spec"], name="rendition_unique_per_spec"
            ),
            models.CheckConstraint(
                condition=Q(format__in=["webp", "jpeg"]), name="rendition_format_valid"
            ),
        ]

    def __str__(self):
        return f"{self.image} {self.spec} {self.format}"

    @property
    def mime_type(self) -> str:
        """Return the rendition's media type."""
        return f"image/{self.format}"
