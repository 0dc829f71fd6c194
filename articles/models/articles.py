"""The article and the single rule that decides what the public may see."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager

from articles.sanitize import check_html_bounds, sanitize_html
from core.text import first_sentence, lead_text

from .tags import TaggedArticle

# The columns an article card shows (templates/includes/article_card.html): never the body.
CARD_FIELDS = (
    "id", "headline", "slug", "kicker", "standfirst", "published_at", "section_id",
    "section__id", "section__name", "section__slug", "section__parent_id",
)  # fmt: skip
BYLINE_CARD_FIELDS = (
    "id", "article_id", "person_id", "role", "position",
    "person__id", "person__full_name", "person__slug",
)  # fmt: skip


def card_bylines() -> Prefetch:
    """Return the prefetch of a card's bylines, with the people's names and slugs only."""
    from .relations import Byline

    return Prefetch(
        "bylines", queryset=Byline.objects.select_related("person").only(*BYLINE_CARD_FIELDS)
    )


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Return the articles the public may see: published and due."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def in_section(self, section):
        """Return the articles of `section` and of every section beneath it."""
        return self.filter(
            Q(section=section) | Q(section__parent=section) | Q(section__parent__parent=section)
        )

    def mentioning(self, person):
        """Return the articles that mention `person`."""
        return self.filter(mentions__person=person)

    def by_author(self, person):
        """Return the articles with `person` in their bylines."""
        from .relations import Byline

        return self.filter(Exists(Byline.objects.filter(article=OuterRef("pk"), person=person)))

    def tagged(self, tag):
        """Return the articles carrying `tag`."""
        return self.filter(tagged_items__tag=tag)

    def for_listing(self):
        """Fetch what a list of articles shows (section path, bylines) in fixed queries."""
        from .relations import Byline

        return self.select_related("section__parent__parent").prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related("person"))
        )

    def card_rows(self):
        """Load only the columns an article card shows: no body; the section joined."""
        return self.select_related("section").only(*CARD_FIELDS)

    def cards(self):
        """Fetch what a list of cards shows, bylines included, in two queries."""
        return self.card_rows().prefetch_related(card_bylines())

    def with_lead_picture(self):
        """Prefetch each card's lead picture and its renditions, in two more queries."""
        from .relations import ArticleImage

        leads = ArticleImage.objects.filter(is_lead=True).select_related("image")
        return self.prefetch_related(
            Prefetch("images", queryset=leads), "images__image__renditions"
        )

    def newest_first(self):
        """Order by publish time, newest first."""
        return self.order_by("-published_at", "-pk")


# At module level: a model's Meta cannot see names inside the model's class body.
class ArticleStatus(models.TextChoices):
    """Where an article is in the workflow; the model's check constraint reads these values."""

    DRAFT = "draft", "Draft"
    IN_REVIEW = "review", "In review"
    PUBLISHED = "published", "Published"
    UNPUBLISHED = "unpublished", "Unpublished (taken down)"


class Article(models.Model):
    Status = ArticleStatus

    class Origin(models.TextChoices):
        ORIGINAL = "original", "Original"
        SYNDICATED = "syndicated", "Syndicated"

    headline = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        allow_unicode=True,
        help_text="The readable part of the URL; the article's id keeps it stable.",
    )
    kicker = models.CharField(
        max_length=60, blank=True, help_text="A short label above the headline."
    )
    standfirst = models.TextField(
        max_length=600, blank=True, help_text="One or two sentences under the headline."
    )
    dateline = models.CharField(
        max_length=100,
        blank=True,
        help_text="Where (and for agency copy, when and by whom) the story was filed, "
        "e.g. “LISBON, Nov 20 (Meridian Wire)”; shown before the first paragraph.",
    )
    body = models.TextField(
        blank=True,
        validators=[check_html_bounds],
        help_text="HTML; anything outside the allow-list is removed on save.",
    )
    section = models.ForeignKey(
        "articles.Section", on_delete=models.PROTECT, related_name="articles"
    )
    tags = TaggableManager(through=TaggedArticle, blank=True)
    related_articles = models.ManyToManyField(
        "self",
        through="articles.RelatedArticle",
        symmetrical=False,
        blank=True,
        related_name="+",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="The article is public from this moment when published."
    )
    embargo_until = models.DateTimeField(
        null=True, blank=True, help_text="Not to be published before this moment."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    language = models.CharField(max_length=10, default="en")
    seo_title = models.CharField(max_length=70, blank=True, verbose_name="SEO title")
    seo_description = models.CharField(max_length=160, blank=True, verbose_name="SEO description")
    origin = models.CharField(max_length=20, choices=Origin.choices, default=Origin.ORIGINAL)
    source_name = models.CharField(
        max_length=200, blank=True, help_text="The original publisher, for syndicated copy."
    )
    source_url = models.URLField(blank=True)
    copyright_line = models.CharField(max_length=255, blank=True)
    source_fingerprint = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="Hash of the imported source text; stops the same copy being imported twice.",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        get_latest_by = "published_at"
        permissions = [
            ("publish_article", "Can publish, schedule and unpublish articles"),
            ("change_any_article", "Can edit any article, not only their own drafts"),
        ]
        indexes = [
            # Both end with the id, the lists' tie-break, so a page of the newest is read
            # straight off the index in order, with no sort (see articles/selectors.py).
            models.Index(fields=["status", "-published_at", "-id"], name="article_status_newest"),
            models.Index(
                fields=["section", "status", "-published_at", "-id"], name="article_section_newest"
            ),
            models.Index(fields=["slug"], name="article_slug"),
            models.Index(fields=["-updated_at"], name="article_updated"),
            # Covers the visibility check search makes on each candidate it ranks, so the
            # row, with its long body, is not read.
            models.Index(fields=["id", "status", "published_at"], name="article_visibility"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ArticleStatus.values),
                name="article_status_valid",
            ),
            models.CheckConstraint(condition=~Q(slug=""), name="article_slug_not_empty"),
            models.CheckConstraint(
                condition=~Q(status=ArticleStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="article_published_has_time",
            ),
            models.UniqueConstraint(
                fields=["source_fingerprint"],
                condition=~Q(source_fingerprint=""),
                name="article_source_fingerprint_unique",
            ),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "articles:detail",
            kwargs={"section": self.section.slug, "pk": self.pk, "slug": self.slug},
        )

    @property
    def summary(self) -> str:
        """Return the standfirst, or the first sentence of the body when there is none."""
        return self.standfirst.strip() or first_sentence(lead_text(self.body))

    def linked_headlines(self) -> list:
        """Return the related headlines a reader can follow; the rest are kept for the record.

        An imported "Next In" list names stories of the source's own site: shown as plain
        text they would be dead ends, so only those matching an article of ours appear.
        """
        return [headline for headline in self.related_headlines.all() if headline.link]

    @property
    def is_public(self) -> bool:
        """Return True if the article is publicly accessible now."""
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )
