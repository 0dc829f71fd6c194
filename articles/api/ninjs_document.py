"""The shape of the ninjs document the API serves, for the OpenAPI schema (ninjs 2.4)."""

from rest_framework import serializers

TYPES = ["text", "audio", "video", "picture", "graphic", "composite", "component"]
PUBSTATUSES = ["usable", "withheld", "canceled"]


class NinjsRoleValueSerializer(serializers.Serializer):
    role = serializers.CharField()
    value = serializers.CharField()


class NinjsDescriptionSerializer(NinjsRoleValueSerializer):
    contenttype = serializers.CharField(required=False)


class NinjsBodySerializer(NinjsDescriptionSerializer):
    charcount = serializers.IntegerField(min_value=0, required=False)
    wordcount = serializers.IntegerField(min_value=0, required=False)


class NinjsStandardSerializer(serializers.Serializer):
    name = serializers.ChoiceField(choices=["ninjs"])
    version = serializers.CharField()
    schema = serializers.URLField()


class NinjsConceptSerializer(serializers.Serializer):
    """A person, subject, place or organisation the item is about."""

    name = serializers.CharField()
    rel = serializers.CharField(required=False)
    literal = serializers.CharField(required=False)
    uri = serializers.URLField(required=False)


class NinjsRenditionSerializer(serializers.Serializer):
    name = serializers.CharField()
    href = serializers.URLField()
    contenttype = serializers.CharField(required=False)
    width = serializers.IntegerField(min_value=0, required=False)
    height = serializers.IntegerField(min_value=0, required=False)


class NinjsAssociationSerializer(serializers.Serializer):
    """An item associated with the article: one of its pictures."""

    name = serializers.CharField()
    uri = serializers.CharField()
    type = serializers.ChoiceField(choices=TYPES)
    descriptions = NinjsDescriptionSerializer(many=True, required=False)
    copyrightholder = serializers.CharField(required=False)
    renditions = NinjsRenditionSerializer(many=True, required=False)


class NinjsInfoSourceSerializer(serializers.Serializer):
    name = serializers.CharField()
    role = serializers.CharField(required=False)
    uri = serializers.URLField(required=False)


class NinjsSerializer(serializers.Serializer):
    """An article as an IPTC ninjs 2.4 news item; empty members are left out."""

    uri = serializers.CharField()
    standard = NinjsStandardSerializer()
    type = serializers.ChoiceField(choices=TYPES)
    representationtype = serializers.ChoiceField(choices=["full", "partial"])
    profile = serializers.CharField()
    version = serializers.CharField()
    firstcreated = serializers.DateTimeField()
    versioncreated = serializers.DateTimeField()
    contentcreated = serializers.DateTimeField(required=False)
    embargoed = serializers.DateTimeField(required=False)
    pubstatus = serializers.ChoiceField(choices=PUBSTATUSES)
    language = serializers.CharField()
    slugline = serializers.CharField(required=False)
    headlines = NinjsRoleValueSerializer(many=True)
    descriptions = NinjsDescriptionSerializer(many=True, required=False)
    bodies = NinjsBodySerializer(many=True)
    by = serializers.CharField(required=False)
    people = NinjsConceptSerializer(many=True, required=False)
    subjects = NinjsConceptSerializer(many=True, required=False)
    places = NinjsConceptSerializer(many=True, required=False)
    organisations = NinjsConceptSerializer(many=True, required=False)
    associations = NinjsAssociationSerializer(many=True, required=False)
    renditions = NinjsRenditionSerializer(many=True)
    altids = NinjsRoleValueSerializer(many=True)
    copyrightnotice = serializers.CharField(required=False)
    infosources = NinjsInfoSourceSerializer(many=True, required=False)
