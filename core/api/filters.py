"""Filters every app's API shares."""

import django_filters as filters
from django.db.models import Q


class NamePrefixFilter(filters.FilterSet):
    """Look records up by the start of any of their `name_fields`, any case."""

    name_fields: tuple[str, ...] = ("name",)
    name = filters.CharFilter(
        method="filter_name", max_length=100, help_text="The start of the name, any case."
    )

    def filter_name(self, queryset, name, value):
        condition = Q()
        for field in self.name_fields:
            condition |= Q(**{f"{field}__istartswith": value})
        return queryset.filter(condition)
