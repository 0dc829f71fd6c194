"""Ordered relations of an article: bylines, mentions, images and related coverage."""

from django.db import models
from django.db.models import F, Q

from images.uploads import PictureField


# At module level: a model's Meta cannot see names inside the model's class body.
class BylineRole(models.TextChoices):
    """What a person did for an article; the model's check constraint reads these values."""

    AUTHOR = "author", "Author"
    ADDITIONAL_REPORTING = "additional_reporting", "Additional reporting"
    PHOTOGRAPHER = "photographer", "Photographer"
    EDITOR = "editor", "Editor"


class Byline(models.Model):
    Role = BylineRole

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="bylines"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="bylines")
    role = models.CharField(max_length=30, choices=Role.choices, default=Role.AUTHOR)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "person", "role"], name="byline_unique_person_role"
            ),
            models.CheckConstraint(
                condition=Q(role__in=BylineRole.values),
                name="byline_role_valid",
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"


class Mention(models.Model):
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="mentions"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="mentions")
    role_phrase = models.CharField(
        max_length=255,
        blank=True,
        help_text="How this story describes them, e.g. “an NPC deputy and tech entrepreneur”.",
    )
    count = models.PositiveIntegerField(default=1, help_text="How many times the story names them.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "person"], name="mention_unique_person"),
            models.CheckConstraint(condition=Q(count__gte=1), name="mention_count_positive"),
        ]
        # Related coverage reads a person's newest mentions: an index range scan, no sort.
        indexes = [models.Index(fields=["person", "-id", "article"], name="mention_person_newest")]

    def __str__(self):
        return str(self.person)


class ArticleImage(models.Model):
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey(
        "images.Image",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="uses",
        verbose_name="library image",
        help_text="From the image library; the caption, credit and alt text here override its own.",
    )
    file = PictureField(
        upload_to="articles/%Y/%m/",
        blank=True,
        help_text="May be added later. JPEG, PNG, WebP or GIF; at most 20 MB and 40 megapixels.",
    )
    caption = models.TextField(blank=True)
    credit = models.CharField(max_length=200, blank=True)
    alt_text = models.CharField(
        max_length=300, blank=True, help_text="What the image shows, for readers who cannot see it."
    )
    is_lead = models.BooleanField(default=False, help_text="Shown at the top of the article.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-is_lead", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article"], condition=Q(is_lead=True), name="image_one_lead_per_article"
            )
        ]

    def __str__(self):
        # Whole: a caption cut mid-word misleads the editor reading a check about it.
        return self.caption or f"Image {self.pk}"

    @property
    def needs_file(self) -> bool:
        """Return True if the figure still has no image file."""
        return not self.file and self.image_id is None

    @property
    def shown_caption(self) -> str:
        """Return this use's caption, else the library image's."""
        return self.caption or (self.image.caption if self.image_id else "")

    @property
    def shown_credit(self) -> str:
        """Return this use's credit, else the library image's."""
        return self.credit or (self.image.credit if self.image_id else "")

    @property
    def shown_alt_text(self) -> str:
        """Return this use's alt text, else the library image's."""
        return self.alt_text or (self.image.alt_text if self.image_id else "")


class RelatedArticle(models.Model):
    """An editor's manual pick of related coverage, in order."""

    from_article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="related_links"
    )
    to_article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="+", verbose_name="article"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_article", "to_article"], name="related_article_unique"
            ),
            models.CheckConstraint(
                condition=~Q(from_article=F("to_article")), name="related_article_not_self"
            ),
        ]

    def __str__(self):
        return str(self.to_article)


class RelatedHeadline(models.Model):
    """A related headline, linked to an article of ours when one matches."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="related_headlines"
    )
    title = models.CharField(max_length=300)
    url = models.URLField(blank=True)
    section_name = models.CharField(
        max_length=100, blank=True, help_text="The list it came under, e.g. “Aseanplus News”."
    )
    target = models.ForeignKey(
        "articles.Article",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Our own article with this headline, when there is one.",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title

    @property
    def link(self) -> str:
        """Return where the headline leads a reader: our public article, else its own URL."""
        if self.target_id and self.target.is_public:
            return self.target.get_absolute_url()
        return self.url
