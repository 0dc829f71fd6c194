"""The API's search: the same answer as the readers' page, with its facets and suggestion."""

from rest_framework import serializers

from articles.models import Section, Tag
from people.models import Person

PAGE_SIZE = 20
ORDERS = [("relevance", "relevance"), ("newest", "newest")]


class SearchParameters(serializers.Serializer):
    """What a search asks; every value is checked before the service sees it."""

    q = serializers.CharField(
        max_length=200, allow_blank=True, help_text="Words to look for (quotes, -word)."
    )
    # Empty, as an HTML form sends them, these apply no filter.
    section = serializers.CharField(
        required=False, allow_blank=True, max_length=100, help_text="A section's slug."
    )
    topic = serializers.CharField(
        required=False, allow_blank=True, max_length=100, help_text="A topic's slug."
    )
    person = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text="A person's slug."
    )
    order = serializers.ChoiceField(choices=ORDERS, default="relevance", required=False)
    page = serializers.IntegerField(min_value=1, max_value=10_000, default=1, required=False)

    def validate_section(self, slug):
        return self.found(Section, "section", slug)

    def validate_topic(self, slug):
        return self.found(Tag, "topic", slug)

    def validate_person(self, slug):
        return self.found(Person, "person", slug)

    def found(self, model, kind: str, slug: str):
        """Return the record with `slug` (None for no slug), or refuse an unknown one."""
        record = model.objects.filter(slug=slug).first() if slug else None
        if slug and record is None:
            raise serializers.ValidationError(f"There is no {kind} with the slug “{slug}”.")
        return record

    def search_arguments(self) -> dict:
        """Return the keyword arguments of the search service, from valid data."""
        data = self.validated_data
        filters = {"section": data.get("section"), "tag": data.get("topic")}
        return {**filters, "person": data.get("person"), "order": data["order"]}


class FacetSerializer(serializers.Serializer):
    label = serializers.CharField()
    value = serializers.CharField(help_text="The filter's value: a slug, or a year.")
    count = serializers.IntegerField()


class FacetsSerializer(serializers.Serializer):
    sections = FacetSerializer(many=True)
    topics = FacetSerializer(many=True)
    people = FacetSerializer(many=True)
    years = FacetSerializer(many=True)


class NamedPageSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[("person", "person"), ("topic", "topic")])
    name = serializers.CharField()
    slug = serializers.CharField()


def search_response(results_serializer):
    """Return the serializer class of a search's answer, listing articles with the given one."""

    class SearchAnswerSerializer(serializers.Serializer):
        query = serializers.CharField(help_text="What was searched (the fallback, if one ran).")
        suggestion = serializers.CharField(
            allow_null=True, help_text="“Did you mean”: the query with unknown words replaced."
        )
        instead = serializers.ChoiceField(
            choices=[("", "none"), ("suggestion", "suggestion"), ("any word", "any word")],
            help_text="The fallback searched because nothing matched, if any.",
        )
        count = serializers.IntegerField(help_text="Matches listed (at most SEARCH_DEPTH).")
        exact = serializers.BooleanField(help_text="False when more articles matched.")
        page = serializers.IntegerField()
        results = results_serializer(many=True)
        facets = FacetsSerializer(help_text="Counted over the listed matches.")
        named = NamedPageSerializer(many=True, help_text="People and topics named by the query.")

    return SearchAnswerSerializer


def answer_data(found, page: int, articles: list, serialize) -> dict:
    """Return the response body of a search answer, with the page's articles serialized."""
    facets = found.facets()
    named = [{"kind": "person", "name": p.full_name, "slug": p.slug} for p in found.people]
    named += [{"kind": "topic", "name": t.name, "slug": t.slug} for t in found.topics]
    return {
        "query": found.results.query.text,
        "suggestion": found.suggestion.text if found.suggestion else None,
        "instead": found.instead,
        "count": len(found.results.ids),
        "exact": found.results.exact,
        "page": page,
        "results": serialize(articles),
        "facets": {
            name: [vars(facet) for facet in getattr(facets, name)]
            for name in ("sections", "topics", "people", "years")
        },
        "named": named,
    }
