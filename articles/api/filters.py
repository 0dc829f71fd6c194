"""Filters for the article list, and name-prefix lookup for tags."""

import django_filters as filters
from django.db.models import Exists, OuterRef
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from articles.models import Article, Byline, Mention, Section, Tag, TaggedArticle
from core.api.filters import NamePrefixFilter
from people.models import Person
from search import service as search_service


def search_articles(queryset, q: str):
    """Return the articles of `queryset` matching `q`, best match first (the search service)."""
    return search_service.search_articles(q, queryset=queryset).articles


def bylined(person):
    """Return a condition true for articles with the person in their bylines."""
    return Exists(Byline.objects.filter(article=OuterRef("pk"), person=person))


def mentioned(person):
    """Return a condition true for articles that mention the person."""
    return Exists(Mention.objects.filter(article=OuterRef("pk"), person=person))


@extend_schema_field(OpenApiTypes.STR)
class SlugFilter(filters.ModelChoiceFilter):
    """Choose a record by its slug; an unknown slug is a 400 naming the parameter."""


# A string: drf-spectacular makes a multiple-choice filter an array of it (form, exploded).
@extend_schema_field(OpenApiTypes.STR)
class SlugsFilter(filters.ModelMultipleChoiceFilter):
    """Choose several records by their slugs."""


class ArticleFilter(filters.FilterSet):
    section = SlugFilter(
        queryset=Section.objects.all(),
        to_field_name="slug",
        method="filter_section",
        help_text="A section's slug; articles of its subsections are included.",
    )
    tag = SlugsFilter(
        queryset=Tag.objects.all(),
        to_field_name="slug",
        method="filter_tags",
        help_text="A tag's slug; repeat it for several (see `tag-mode`).",
    )
    tag_mode = filters.ChoiceFilter(
        choices=[("all", "all"), ("any", "any")],
        method="ignore",
        empty_label=None,
        help_text="With several tags: articles carrying all of them (default) or any.",
    )
    person = SlugFilter(
        queryset=Person.objects.all(),
        to_field_name="slug",
        method="filter_person",
        help_text="A person's slug: articles that mention them or carry their byline.",
    )
    author = SlugFilter(
        queryset=Person.objects.all(),
        to_field_name="slug",
        method="filter_author",
        help_text="A person's slug: articles carrying their byline.",
    )
    from_date = filters.DateFilter(
        field_name="published_at",
        lookup_expr="date__gte",
        help_text="Published on or after this date (YYYY-MM-DD, newsroom time).",
    )
    to_date = filters.DateFilter(
        field_name="published_at",
        lookup_expr="date__lte",
        help_text="Published on or before this date (YYYY-MM-DD, newsroom time).",
    )
    q = filters.CharFilter(method="filter_q", max_length=200, help_text="Words to look for.")
    order_by = filters.ChoiceFilter(
        choices=[("relevance", "relevance"), ("newest", "newest"), ("oldest", "oldest")],
        method="ignore",
        empty_label=None,
        help_text="relevance (the default with `q`), newest (the default otherwise) or oldest.",
    )

    class Meta:
        model = Article
        fields = []

    def filter_section(self, queryset, name, section):
        return queryset.in_section(section)

    def filter_tags(self, queryset, name, tags):
        if not tags:
            return queryset
        if self.form.cleaned_data.get("tag-mode") == "any":
            return queryset.filter(tagged_items__tag__in=tags).distinct()
        for tag in tags:
            queryset = queryset.filter(Exists(tagged_with(tag)))
        return queryset

    def filter_person(self, queryset, name, person):
        return queryset.filter(bylined(person) | mentioned(person))

    def filter_author(self, queryset, name, person):
        return queryset.filter(bylined(person))

    def filter_q(self, queryset, name, value):
        matches = search_articles(queryset, value)
        if self.form.cleaned_data.get("order-by") in ("newest", "oldest"):
            return matches.order_by(*queryset.query.order_by)
        return matches

    def ignore(self, queryset, name, value):
        # Read by filter_tags and by the view's ordering, not a filter by itself.
        return queryset


def tagged_with(tag):
    """Return the taggings that tie an outer article to `tag`."""
    return TaggedArticle.objects.filter(content_object=OuterRef("pk"), tag=tag)


def use_hyphens(filterset_class):
    """Expose `from_date`-style filters as `from-date`, the API's spelling."""
    for name in [name for name in filterset_class.base_filters if "_" in name]:
        filterset_class.base_filters[name.replace("_", "-")] = filterset_class.base_filters.pop(
            name
        )
    return filterset_class


use_hyphens(ArticleFilter)


class TagFilter(NamePrefixFilter):
    kind = filters.ChoiceFilter(choices=Tag.Kind.choices)

    class Meta:
        model = Tag
        fields = []
