"""People who appear in or write the news."""

from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse

from core.former import KeepsFormerNames
from core.text import split_lines
from images.uploads import PictureField


class PersonQuerySet(models.QuerySet):
    def contributors(self):
        """Return our own journalists."""
        return self.filter(kind=Person.Kind.CONTRIBUTOR)

    def named_in(self, articles):
        """Return the people with a byline or a mention on one of `articles`.

        people/ sits below articles/, so the relations are found by name, and the caller
        says which articles count (the public ones: `Article.objects.published()`).
        """
        named = models.Q()
        for relation in ("bylines", "mentions"):
            rows = self.model._meta.get_field(relation).related_model._default_manager
            on_articles = articles.filter(pk=models.OuterRef("article_id"))
            named |= models.Q(
                models.Exists(rows.filter(models.Exists(on_articles), person=models.OuterRef("pk")))
            )
        return self.filter(named)

    def matching_name(self, name: str):
        """Return people whose full name, short name or alias is `name`."""
        name = name.strip()
        return self.filter(
            models.Q(full_name__iexact=name)
            | models.Q(short_name__iexact=name)
            # A substring match finds candidates; callers confirm with `alias_list`.
            | models.Q(aliases__icontains=name)
        )


# At module level: a model's Meta cannot see names inside the model's class body.
class PersonKind(models.TextChoices):
    """Who a person is to the paper; the model's check constraint reads these values."""

    NEWSMAKER = "newsmaker", "Newsmaker"
    CONTRIBUTOR = "contributor", "Contributor (one of our journalists)"


class Person(KeepsFormerNames, models.Model):
    Kind = PersonKind
    name_field = "full_name"

    full_name = models.CharField(
        max_length=200,
        help_text="As written in the paper, e.g. “Priscilla Leung Mei-fun”: "
        "English given name, surname, Chinese given name.",
    )
    slug = models.SlugField(max_length=200, unique=True, allow_unicode=True)
    short_name = models.CharField(
        max_length=100, blank=True, help_text="Used on later references, e.g. “Leung”."
    )
    aliases = models.TextField(
        blank=True,
        help_text="Other names this person goes by, one per line "
        "(other spellings, a Chinese-character name).",
    )
    description = models.CharField(
        max_length=255,
        blank=True,
        help_text="One line on who they are, e.g. “law professor and lawmaker”.",
    )
    biography = models.TextField(blank=True)
    picture = models.ForeignKey(
        "images.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="photo from the library",
        help_text="Shown on their page, by their byline and among the people in a story; "
        "cropped round the picture's focal point. Takes the place of an uploaded photo.",
    )
    photo = PictureField(
        upload_to="people/%Y/",
        blank=True,
        help_text="JPEG, PNG, WebP or GIF; at most 20 MB and 40 megapixels.",
    )
    kind = models.CharField(
        max_length=20, choices=Kind.choices, default=Kind.NEWSMAKER, db_index=True
    )
    needs_review = models.BooleanField(
        default=False, help_text="Created automatically (e.g. by an import); check the details."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["full_name"]
        verbose_name_plural = "people"
        indexes = [models.Index(Lower("full_name"), name="person_full_name_lower")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=PersonKind.values),
                name="person_kind_valid",
            ),
            models.CheckConstraint(condition=~models.Q(slug=""), name="person_slug_not_empty"),
        ]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("people:detail", kwargs={"slug": self.slug})

    @property
    def alias_list(self) -> list[str]:
        """Return the aliases as a list."""
        return split_lines(self.aliases)

    def keep_former_slug(self, slug: str) -> None:
        FormerPersonSlug.objects.update_or_create(slug=slug, defaults={"person": self})

    @property
    def is_contributor(self) -> bool:
        """Return True if the person is one of our journalists."""
        return self.kind == self.Kind.CONTRIBUTOR


class FormerPersonSlug(models.Model):
    """A slug a person's page had before: it answers 301 to the page where they are now."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="former_slugs")
    slug = models.SlugField(max_length=200, unique=True, allow_unicode=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slug"]

    def __str__(self):
        return self.slug


class Affiliation(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="affiliations")
    organisation = models.CharField(max_length=200)
    role = models.CharField(max_length=200, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["person", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="affiliation_dates_in_order",
            )
        ]

    def __str__(self):
        return f"{self.role}, {self.organisation}" if self.role else self.organisation
