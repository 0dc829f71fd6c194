"""How sections, tags and articles look in the API, and what a client may write."""

from datetime import datetime
from functools import cached_property

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import slug_unicode_re
from django.db import transaction
from django.http import QueryDict
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from articles.models import Article, ArticleImage, Byline, Correction, Mention, Section, Tag
from articles.models.tags import tag_slug
from articles.services import publishing
from articles.services.writing import RELATION_LIMITS, ArticleRelations, TagName, write_article
from core.api import fields as strict
from core.api.fields import StrictModelSerializer
from core.site import absolute_url
from core.text import slug_from
from images.listing import rendition_dicts
from people.api.serializers import PersonRefSerializer
from people.models import Person

from .representation import Addresses, article_data, image_url, related_data
from .transitions import run_transition


class SlugReference(serializers.SlugRelatedField):
    """A reference by slug that refuses text no slug could hold before asking the database.

    PostgreSQL rejects a NUL byte in a query with an error, not a miss.
    """

    def run_validation(self, data=serializers.empty):
        # DRF reads "" as null for relations; the schema says a slug or null, so "" is refused.
        if data == "" and not isinstance(self.root.initial_data, QueryDict):
            self.fail("does_not_exist", slug_name=self.slug_field, value="")
        return super().run_validation(data)

    def to_internal_value(self, data):
        if not isinstance(data, str) or not slug_unicode_re.match(data):
            self.fail("does_not_exist", slug_name=self.slug_field, value=str(data)[:100])
        return super().to_internal_value(data)


class PathStepSerializer(serializers.Serializer):
    """One section on the way from the top of the paper down."""

    slug = serializers.CharField()
    name = serializers.CharField()


class SectionRefSerializer(StrictModelSerializer):
    """A section with the path from the top of the paper down to it."""

    path = serializers.SerializerMethodField()

    class Meta:
        model = Section
        fields = ["id", "slug", "name", "path"]
        read_only_fields = fields

    @extend_schema_field(PathStepSerializer(many=True))
    def get_path(self, section) -> list[dict[str, str]]:
        return [{"slug": s.slug, "name": s.name} for s in section.path]


class SectionSerializer(StrictModelSerializer):
    parent = SlugReference(
        slug_field="slug", queryset=Section.objects.all(), required=False, allow_null=True
    )
    path = serializers.SerializerMethodField()
    web_url = serializers.SerializerMethodField()

    class Meta:
        model = Section
        fields = ["id", "slug", "name", "parent", "path", "description", "position", "web_url"]

    @extend_schema_field(PathStepSerializer(many=True))
    def get_path(self, section) -> list[dict[str, str]]:
        return [{"slug": s.slug, "name": s.name} for s in section.path]

    def get_web_url(self, section) -> str:
        return absolute_url(section.get_absolute_url())

    def validate(self, attrs):
        candidate = Section(pk=getattr(self.instance, "pk", None))
        for field in ("slug", "name", "parent", "description", "position"):
            value = attrs.get(field, getattr(self.instance, field, None))
            setattr(candidate, field, value)
        try:
            candidate.clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from error
        return attrs


class TagSerializer(StrictModelSerializer):
    slug = strict.SlugField(max_length=100, required=False, allow_unicode=True)
    web_url = serializers.SerializerMethodField()

    class Meta:
        model = Tag
        fields = ["id", "slug", "name", "kind", "description", "aliases", "web_url"]

    def get_web_url(self, tag) -> str:
        return absolute_url(tag.get_absolute_url())

    def validate_slug(self, value):
        if not value:
            raise serializers.ValidationError("A tag needs a slug: it is the tag's address.")
        others = Tag.objects.exclude(pk=getattr(self.instance, "pk", None))
        if others.filter(slug=value).exists():
            raise serializers.ValidationError("A tag with this slug already exists.")
        return value

    def validate(self, attrs):
        if attrs.get("slug") or getattr(self.instance, "slug", ""):
            return attrs
        attrs["slug"] = tag_slug(attrs.get("name", ""))
        if not attrs["slug"]:
            raise serializers.ValidationError(
                {"slug": "Give a slug: the name has no letters or digits to make one from."}
            )
        try:
            self.validate_slug(attrs["slug"])
        except serializers.ValidationError as error:
            raise serializers.ValidationError({"slug": error.detail}) from error
        return attrs


class TagRefSerializer(StrictModelSerializer):
    class Meta:
        model = Tag
        fields = ["id", "slug", "name", "kind"]
        read_only_fields = fields


class BylineSerializer(StrictModelSerializer):
    person = PersonRefSerializer(read_only=True)

    class Meta:
        model = Byline
        fields = ["person", "role"]
        read_only_fields = fields


class MentionSerializer(StrictModelSerializer):
    person = PersonRefSerializer(read_only=True)

    class Meta:
        model = Mention
        fields = ["person", "role_phrase", "count"]
        read_only_fields = fields


class RenditionSerializer(serializers.Serializer):
    url = serializers.URLField()
    type = serializers.CharField(help_text="image/webp or image/jpeg")
    width = serializers.IntegerField()
    height = serializers.IntegerField()


class ImageSerializer(StrictModelSerializer):
    url = serializers.SerializerMethodField()
    caption = serializers.CharField(source="shown_caption", read_only=True)
    credit = serializers.CharField(source="shown_credit", read_only=True)
    alt_text = serializers.CharField(source="shown_alt_text", read_only=True)
    renditions = serializers.SerializerMethodField()

    class Meta:
        model = ArticleImage
        fields = ["url", "caption", "credit", "alt_text", "is_lead", "renditions"]
        read_only_fields = fields

    def get_url(self, image) -> str | None:
        return image_url(image)

    @extend_schema_field(RenditionSerializer(many=True))
    def get_renditions(self, image) -> list[dict]:
        return rendition_dicts(image)


class SourceSerializer(serializers.Serializer):
    origin = serializers.CharField()
    name = serializers.CharField(source="source_name")
    url = serializers.CharField(source="source_url")
    copyright = serializers.CharField(source="copyright_line")


class RelatedSerializer(StrictModelSerializer):
    web_url = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = ["id", "headline", "standfirst", "published_at", "web_url"]
        read_only_fields = fields

    def get_web_url(self, article) -> str:
        return absolute_url(article.get_absolute_url())


class ArticleSerializer(StrictModelSerializer):
    """An article as apps and partners read it.

    The fields below declare the representation (and so the OpenAPI schema); the data itself
    is built by `representation.article_data`, several times faster than DRF's fields.
    """

    web_url = serializers.SerializerMethodField()
    section = SectionRefSerializer(read_only=True)
    bylines = BylineSerializer(many=True, read_only=True)
    mentions = MentionSerializer(many=True, read_only=True)
    tags = serializers.SerializerMethodField()
    images = ImageSerializer(many=True, read_only=True)
    source = SourceSerializer(source="*", read_only=True)
    body = serializers.CharField(
        read_only=True,
        help_text="Sanitised HTML. A list gives it only when `fields` names it; the detail "
        "always does.",
    )

    # What a representation leaves out unless `fields` names it.
    unless_asked: frozenset[str] = frozenset({"body"})

    class Meta:
        model = Article
        fields = [
            "id", "web_url", "headline", "slug", "kicker", "standfirst", "dateline", "body",
            "section",
            "bylines", "mentions", "tags", "images", "source", "language", "status",
            "published_at", "updated_at", "version",
        ]  # fmt: skip
        read_only_fields = fields

    def __init__(self, *args, **kwargs):
        # `fields` is the client's sparse fieldset; None keeps every field.
        self.only = kwargs.pop("only", None)
        super().__init__(*args, **kwargs)

    @cached_property
    def shown(self) -> list[str]:
        """Return the names of the fields this representation carries, in order."""
        if self.only is None:
            return [name for name in self.Meta.fields if name not in self.unless_asked]
        return [name for name in self.Meta.fields if name in self.only]

    def get_fields(self):
        # Every field the client may ask for (so the schema lists the body on lists too).
        fields = super().get_fields()
        if self.only is not None:
            fields = {name: field for name, field in fields.items() if name in self.only}
        return fields

    @cached_property
    def addresses(self) -> Addresses:
        """Return the addresses of this response (one for a whole list: its child's)."""
        return Addresses()

    def to_representation(self, instance):
        return article_data(instance, self.shown, self.addresses)

    def get_web_url(self, article) -> str:
        return absolute_url(article.get_absolute_url())

    @extend_schema_field(TagRefSerializer(many=True))
    def get_tags(self, article) -> list[dict]:
        items = article.tagged_items.all()
        return TagRefSerializer([item.tag for item in items], many=True).data


class CorrectionSerializer(StrictModelSerializer):
    class Meta:
        model = Correction
        fields = ["text", "created_at"]
        read_only_fields = fields


class ArticleDetailSerializer(ArticleSerializer):
    """An article with its corrections and related coverage, as the article page shows it."""

    related = serializers.SerializerMethodField()
    corrections = CorrectionSerializer(many=True, read_only=True)
    body = serializers.CharField(read_only=True, help_text="Sanitised HTML.")

    unless_asked: frozenset[str] = frozenset()

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "corrections", "related"]
        read_only_fields = fields

    def to_representation(self, instance):
        names = [name for name in self.shown if name != "related"]
        data = article_data(instance, names, self.addresses)
        if "related" in self.shown:
            related = self.context.get("related", [])
            data["related"] = [related_data(article, self.addresses) for article in related]
        return data

    @extend_schema_field(RelatedSerializer(many=True))
    def get_related(self, article) -> list[dict]:
        related = self.context.get("related", [])
        return RelatedSerializer(related, many=True).data


READABLE_FIELDS = frozenset(ArticleDetailSerializer.Meta.fields)


class TagInputSerializer(serializers.Serializer):
    name = strict.CharField(max_length=100)
    kind = serializers.ChoiceField(choices=Tag.Kind.choices, default=Tag.Kind.TOPIC)

    def validate_name(self, name):
        if not tag_slug(name):
            raise serializers.ValidationError(
                "A tag name needs a letter or a digit (any script): it makes the tag's address."
            )
        return name


class BylineInputSerializer(serializers.Serializer):
    person = SlugReference(slug_field="slug", queryset=Person.objects.all())
    role = serializers.ChoiceField(choices=Byline.Role.choices, default=Byline.Role.AUTHOR)


class MentionInputSerializer(serializers.Serializer):
    person = SlugReference(slug_field="slug", queryset=Person.objects.all())
    role_phrase = strict.CharField(max_length=255, required=False, allow_blank=True)
    count = strict.IntegerField(min_value=1, max_value=100_000, default=1)


class ArticleWriteSerializer(StrictModelSerializer):
    """What an editor's client may send to create or change an article."""

    slug = strict.SlugField(max_length=200, required=False, allow_unicode=True)
    section = SlugReference(slug_field="slug", queryset=Section.objects.all())
    tags = TagInputSerializer(many=True, required=False, max_length=RELATION_LIMITS["tags"])
    bylines = BylineInputSerializer(
        many=True, required=False, max_length=RELATION_LIMITS["bylines"]
    )
    mentions = MentionInputSerializer(
        many=True, required=False, max_length=RELATION_LIMITS["mentions"]
    )
    publish_anyway = serializers.BooleanField(
        required=False,
        write_only=True,
        default=False,
        help_text="With status 'published': publish despite the blocking publishing checks "
        "(no byline, no lead picture, a picture still missing, a headline over 110 characters); "
        "the article's events record it. Without it such an article is refused with a 400.",
    )

    class Meta:
        model = Article
        fields = [
            "headline", "slug", "kicker", "standfirst", "dateline", "body", "section", "tags",
            "bylines",
            "mentions", "status", "published_at", "embargo_until", "language", "seo_title",
            "seo_description", "origin", "source_name", "source_url", "copyright_line",
            "publish_anyway",
        ]  # fmt: skip

    def validate_bylines(self, bylines):
        keys = [(b["person"].pk, b["role"]) for b in bylines]
        if len(keys) != len(set(keys)):
            raise serializers.ValidationError("The same person appears twice in one role.")
        return bylines

    def validate_mentions(self, mentions):
        people = [m["person"].pk for m in mentions]
        if len(people) != len(set(people)):
            raise serializers.ValidationError("The same person is mentioned twice.")
        return mentions

    def validate_tags(self, tags):
        names = [t["name"].strip().lower() for t in tags]
        if len(names) != len(set(names)):
            raise serializers.ValidationError("The same tag is given twice.")
        return tags

    def validate(self, attrs):
        def current(field):
            return attrs.get(field, getattr(self.instance, field, None))

        errors = {}
        emptied = "published_at" in attrs and attrs["published_at"] is None
        if emptied and current("status") == Article.Status.PUBLISHED:
            errors["published_at"] = (
                "A published article needs a publication time: give one, or leave "
                "published_at out to publish now."
            )
        if self._sets_time_without_publishing(attrs):
            errors["published_at"] = (
                "Only publishing sets a publication time: send it with status 'published' "
                "(a future time schedules the article)."
            )
        embargo, published = current("embargo_until"), current("published_at")
        if embargo and published and published < embargo:
            errors["published_at"] = "The article is embargoed until after this time."
        if errors:
            raise serializers.ValidationError(errors)
        if not current("slug"):
            attrs["slug"] = slug_from(current("headline") or "", max_length=200) or "article"
        return attrs

    def _sets_time_without_publishing(self, attrs) -> bool:
        at = attrs.get("published_at")
        stored = getattr(self.instance, "published_at", None)
        status = attrs.get("status")
        return at is not None and at != stored and status not in (None, Article.Status.PUBLISHED)

    @transaction.atomic
    def create(self, validated_data):
        wanted = pop_workflow(validated_data)
        relations = pop_relations(validated_data)
        article = write_article(
            fields=validated_data,
            relations=relations,
            user=self.context["request"].user,
            comment="Created through the API",
        )
        self._change_status(article, wanted)
        return article

    @transaction.atomic
    def update(self, article, validated_data):
        """Write the changes if the article is still at `expected_version` (given to save())."""
        expected = validated_data.pop("expected_version", None)
        wanted = pop_workflow(validated_data)
        relations = pop_relations(validated_data)
        write_article(
            article=article,
            fields=validated_data,
            relations=relations,
            user=self.context["request"].user,
            comment="Changed through the API",
            expected_version=expected,
        )
        self._change_status(article, wanted)
        return article

    def _change_status(self, article: Article, wanted: dict) -> None:
        """Run the workflow transition the client asked for, recorded as the request's user.

        Status and publish time never change by a plain save: the publishing services apply
        the role rules and record who did it and when. A refusal rolls the whole write back.
        """
        step = requested_step(article, wanted)
        if step is None:
            return
        status, at = step
        user = self.context["request"].user
        anyway = wanted.get("publish_anyway", False)
        run_transition(
            publishing.change_status,
            article=article,
            user=user,
            status=status,
            at=at,
            anyway=anyway,
        )


def pop_workflow(data: dict) -> dict:
    """Take the status, publish time and confirmation out of validated data; keep those sent."""
    names = ("status", "published_at", "publish_anyway")
    return {name: data.pop(name) for name in names if name in data}


def requested_step(article: Article, wanted: dict) -> tuple[str, datetime | None] | None:
    """Return the (status, publish time) the client asks `article` to move to, or None.

    Sending back the current values (as a PUT does) asks for nothing. A publish time sent
    without a status publishes or schedules the article at that time.
    """
    Status = Article.Status
    at = wanted.get("published_at")
    target = wanted.get("status", article.status)
    if at is not None and "status" not in wanted and article.status != Status.PUBLISHED:
        target = Status.PUBLISHED
    if target == Status.PUBLISHED:
        moved = at is not None and at != article.published_at
        return (target, at) if article.status != Status.PUBLISHED or moved else None
    return (target, None) if target != article.status else None


def pop_relations(data: dict) -> ArticleRelations:
    """Take the relation lists out of validated data; absent lists stay untouched."""
    tags, bylines, mentions = (data.pop(name, None) for name in ("tags", "bylines", "mentions"))
    return ArticleRelations(
        tags=None if tags is None else [TagName(**tag) for tag in tags],
        bylines=None if bylines is None else numbered(Byline, bylines),
        mentions=None if mentions is None else numbered(Mention, mentions),
    )


def numbered(model, rows: list[dict]) -> list:
    """Return unsaved relation rows of `model`, positioned in the order given."""
    return [model(position=position, **row) for position, row in enumerate(rows)]
