"""Name-prefix and kind lookup for people."""

import django_filters as filters

from core.api.filters import NamePrefixFilter
from people.models import Person


class PersonFilter(NamePrefixFilter):
    name_fields = ("full_name", "short_name")
    kind = filters.ChoiceFilter(choices=Person.Kind.choices)

    class Meta:
        model = Person
        fields = []
