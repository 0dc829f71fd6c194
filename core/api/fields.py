"""Serializer fields that take JSON values of their own type only, as the schema says.

DRF converts loosely: 0 becomes the text "0", "true" and 1 become True, "5" becomes 5.
A client sending the wrong type has a bug it should hear about, so JSON input of another
type is refused. HTML form input (the browsable API) is all text and keeps DRF's reading.
"""

from datetime import UTC

from django.db import models
from django.http import QueryDict
from rest_framework import serializers


def from_form(field) -> bool:
    """Return True if the field's input came from an HTML form rather than JSON."""
    return isinstance(getattr(field.root, "initial_data", None), QueryDict)


class StrictTypeMixin:
    json_types: tuple[type, ...] = ()

    def to_internal_value(self, data):
        wrong_bool = isinstance(data, bool) and bool not in self.json_types
        if not from_form(self) and (wrong_bool or not isinstance(data, self.json_types)):
            self.fail("invalid_type", type=type(data).__name__)
        return super().to_internal_value(data)


def strict(field_class, *json_types: type, message: str):
    """Return a version of `field_class` that refuses JSON values of other types."""
    name = f"Strict{field_class.__name__}"
    messages = {**field_class.default_error_messages, "invalid_type": message}
    attrs = {"json_types": json_types, "default_error_messages": messages, "__doc__": message}
    return type(name, (StrictTypeMixin, field_class), attrs)


TEXT = "Give text here, not a {type}."
CharField = strict(serializers.CharField, str, message=TEXT)
SlugField = strict(serializers.SlugField, str, message=TEXT)
EmailField = strict(serializers.EmailField, str, message=TEXT)
URLField = strict(serializers.URLField, str, message=TEXT)
BooleanField = strict(serializers.BooleanField, bool, message="Give true or false, not a {type}.")
IntegerField = strict(serializers.IntegerField, int, message="Give a whole number, not a {type}.")


class DateTimeField(serializers.DateTimeField):
    """A date-time in the newsroom's zone, or in UTC where that zone's offset has seconds.

    Before standard time (Hong Kong: 1904) a zone's offset is its local mean time, such as
    +07:36:42, which RFC 3339 cannot write: those moments are given in UTC instead.
    """

    def to_representation(self, value):
        text = super().to_representation(value)
        if isinstance(text, str) and text.count(":") > 3:
            # Not through DRF again: it would move the moment back into the newsroom's zone.
            return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
        return text


STRICT = {
    serializers.CharField: CharField,
    serializers.SlugField: SlugField,
    serializers.EmailField: EmailField,
    serializers.URLField: URLField,
    serializers.BooleanField: BooleanField,
    serializers.IntegerField: IntegerField,
}


# The API's ModelSerializer: fields from the model take JSON values of their own type only,
# and write date-times RFC 3339 can read. (A comment, not a docstring: drf-spectacular would
# describe every schema with it.)
class StrictModelSerializer(serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        **{
            model_field: strict_field
            for model_field, loose in serializers.ModelSerializer.serializer_field_mapping.items()
            for strict_field in [STRICT.get(loose)]
            if strict_field is not None
        },
        models.DateTimeField: DateTimeField,
    }
