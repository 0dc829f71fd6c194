"""Sections of the paper, nested up to three levels (News › Hong Kong › Politics)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from core.former import KeepsFormerNames
from core.text import split_lines

# Top-level URL words that a section slug must not take over.
RESERVED_SLUGS = {
    "admin", "api", "section", "topic", "person", "people", "feeds", "search",
    "archive", "sitemap.xml", "robots.txt", "static", "media", "preview", "rss",
}  # fmt: skip


class SectionQuerySet(models.QuerySet):
    def with_ancestors(self):
        """Join the parent chain so that `path` costs no further queries."""
        return self.select_related("parent__parent")

    def top_level(self):
        """Return the sections without a parent."""
        return self.filter(parent__isnull=True)

    def named(self, name: str):
        """Return the section called `name`, by its name or else one of its aliases, or None."""
        name = name.strip()
        if not name:
            return None
        found = self.filter(models.Q(name__iexact=name) | models.Q(aliases__icontains=name))
        by_name = [section for section in found if section.name.lower() == name.lower()]
        by_alias = [s for s in found if name.lower() in {a.lower() for a in s.alias_list}]
        return next(iter(by_name + by_alias), None)


class Section(KeepsFormerNames, models.Model):
    MAX_DEPTH = 3

    name = models.CharField(max_length=100)
    aliases = models.TextField(
        blank=True,
        help_text="Other names for this section, one per line (a former name is added when "
        "it is renamed); used to recognise it in imported copy.",
    )
    slug = models.SlugField(
        max_length=100, unique=True, allow_unicode=True, help_text="Used in the section's URL."
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="Leave empty for a top-level section.",
    )
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Sections with lower numbers come first."
    )

    objects = SectionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")), name="section_not_own_parent"
            ),
            models.CheckConstraint(condition=~models.Q(slug=""), name="section_slug_not_empty"),
        ]

    def __str__(self):
        return " › ".join(section.name for section in self.path)

    def get_absolute_url(self):
        return reverse("articles:section", kwargs={"slug": self.slug})

    @property
    def alias_list(self) -> list[str]:
        """Return the aliases as a list."""
        return split_lines(self.aliases)

    def keep_former_slug(self, slug: str) -> None:
        FormerSectionSlug.objects.update_or_create(slug=slug, defaults={"section": self})

    @property
    def path(self) -> list["Section"]:
        """Return the sections from the top level down to this one."""
        chain, node = [], self
        # The bound stops an unsaved cycle (A inside B inside A) from looping forever.
        while node is not None and len(chain) <= self.MAX_DEPTH:
            chain.append(node)
            node = node.parent
        return chain[::-1]

    def clean(self):
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": f"“{self.slug}” is reserved for the site's own URLs."})
        if self.parent_id and self.pk and self.pk in {s.pk for s in self.parent.path}:
            raise ValidationError({"parent": "A section cannot sit inside itself."})
        if self.parent_id and len(self.parent.path) >= self.MAX_DEPTH:
            raise ValidationError({"parent": f"Sections nest at most {self.MAX_DEPTH} deep."})


class FormerSectionSlug(models.Model):
    """A slug a section had before: its pages and feeds answer 301 to the section's own."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="former_slugs")
    slug = models.SlugField(max_length=100, unique=True, allow_unicode=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slug"]

    def __str__(self):
        return self.slug
