"""How people look in the API, and what a client may write about them."""

from rest_framework import serializers

from core.api.fields import StrictModelSerializer
from core.site import absolute_url
from people.models import Affiliation, Person


class PersonRefSerializer(StrictModelSerializer):
    """A person as named inside an article."""

    web_url = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = ["id", "slug", "full_name", "short_name", "kind", "web_url"]
        read_only_fields = fields

    def get_web_url(self, person) -> str:
        return absolute_url(person.get_absolute_url())


class AffiliationSerializer(StrictModelSerializer):
    class Meta:
        model = Affiliation
        fields = ["organisation", "role", "start_date", "end_date"]
        read_only_fields = fields


class PersonSerializer(StrictModelSerializer):
    web_url = serializers.SerializerMethodField()
    affiliations = AffiliationSerializer(many=True, read_only=True)
    photo = serializers.ImageField(read_only=True)

    class Meta:
        model = Person
        fields = [
            "id", "slug", "full_name", "short_name", "aliases", "description", "biography",
            "kind", "photo", "affiliations", "needs_review", "created_at", "updated_at", "web_url",
        ]  # fmt: skip
        read_only_fields = ["created_at", "updated_at"]

    def get_web_url(self, person) -> str:
        return absolute_url(person.get_absolute_url())
