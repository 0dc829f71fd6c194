"""Sections in the admin, with the full path and article count of each."""

from django.contrib import admin
from django.db.models import Count

from articles.models import Section

from .widgets import LabelledAutocompleteMixin


@admin.register(Section)
class SectionAdmin(LabelledAutocompleteMixin, admin.ModelAdmin):
    list_display = ["__str__", "slug", "position", "article_count"]
    list_select_related = ["parent__parent"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["parent__parent__position", "parent__position", "position", "name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_articles=Count("articles"))

    @admin.display(description="Articles", ordering="num_articles")
    def article_count(self, section):
        return section.num_articles
