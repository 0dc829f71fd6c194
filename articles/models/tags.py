"""Tags with a kind (topic, place, organisation, series), through django-taggit."""

from django.db import models
from django.urls import reverse
from taggit.models import NaturalKeyManager, TagBase, TaggedItemBase

from core.former import KeepsFormerNames
from core.text import slug_from, split_lines


# At module level: a model's Meta cannot see names inside the model's class body.
class TagKind(models.TextChoices):
    """What a tag names; the model's check constraint reads these values."""

    TOPIC = "topic", "Topic"
    PLACE = "place", "Place"
    ORGANISATION = "organisation", "Organisation"
    SERIES = "series", "Series"


# taggit's slug column holds 100 characters; room is left for its "_2" on a clash.
TAG_SLUG_LENGTH = 90


def tag_slug(name: str) -> str:
    """Return the slug a tag named `name` gets, or "" when the name has no letter or digit."""
    return slug_from(name, max_length=TAG_SLUG_LENGTH)


class TagQuerySet(models.QuerySet):
    def public(self):
        """Return the tags carried by at least one public article: the only ones readers see."""
        # The article model imports this module: reach it through the relation instead.
        articles = TaggedArticle._meta.get_field("content_object").related_model.objects
        public = articles.published().filter(pk=models.OuterRef("content_object_id"))
        used = TaggedArticle.objects.filter(models.Exists(public), tag=models.OuterRef("pk"))
        return self.filter(models.Exists(used))


class Tag(KeepsFormerNames, TagBase):
    Kind = TagKind

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.TOPIC)
    description = models.TextField(blank=True)
    aliases = models.TextField(
        blank=True,
        help_text="Other names for the same thing, one per line; used to recognise it in text.",
    )

    # taggit's manager finds tags by name for fixtures and archives; ours adds public().
    objects = NaturalKeyManager.from_queryset(TagQuerySet)()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["kind", "name"], name="tag_kind_name")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=TagKind.values),
                name="tag_kind_valid",
            ),
            models.CheckConstraint(condition=~models.Q(slug=""), name="tag_slug_not_empty"),
        ]

    def slugify(self, tag, i=None):
        # taggit's own slugify keeps Unicode too; this one also bounds the length and trims
        # separators, as every slug of the newsroom is made (core.text.slug_from).
        slug = tag_slug(tag) or "tag"
        return slug if i is None else f"{slug}_{i}"

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.slug})

    @property
    def alias_list(self) -> list[str]:
        """Return the aliases as a list."""
        return split_lines(self.aliases)

    def keep_former_slug(self, slug: str) -> None:
        FormerTagSlug.objects.update_or_create(slug=slug, defaults={"tag": self})


class FormerTagSlug(models.Model):
    """A slug a topic had before (renamed, or merged into another): it answers 301."""

    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="former_slugs")
    slug = models.SlugField(max_length=100, unique=True, allow_unicode=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slug"]

    def __str__(self):
        return self.slug


class TaggedArticle(TaggedItemBase):
    content_object = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="tagged_items"
    )
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_articles")

    class Meta:
        ordering = ["tag__name"]
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="tagged_article_unique")
        ]
        # Related coverage reads a tag's newest taggings: an index range scan, no sort.
        indexes = [models.Index(fields=["tag", "-id", "content_object"], name="tagged_tag_newest")]

    def __str__(self):
        return str(self.tag)
