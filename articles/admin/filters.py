"""Changelist filters for the articles admin."""

from django.contrib import admin

from articles.models import Tag


class TagKindFilter(admin.SimpleListFilter):
    title = "tag kind"
    parameter_name = "tag_kind"

    def lookups(self, request, model_admin):
        return Tag.Kind.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(tagged_items__tag__kind=self.value()).distinct()
        return queryset
