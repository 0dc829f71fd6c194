"""The editors' admin for people."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from .models import Affiliation, Person

ARTICLES_SHOWN = 20


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 0


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "short_name", "kind", "description", "needs_review"]
    list_filter = ["kind", "needs_review"]
    search_fields = ["full_name", "short_name", "aliases", "slug", "description"]
    prepopulated_fields = {"slug": ["full_name"]}
    readonly_fields = ["articles", "created_at", "updated_at"]
    inlines = [AffiliationInline]
    fieldsets = [
        (None, {"fields": ["full_name", "slug", "short_name", "aliases", "kind"]}),
        ("About", {"fields": ["description", "biography", "photo", "needs_review"]}),
        ("Coverage", {"fields": ["articles", "created_at", "updated_at"]}),
    ]

    @admin.display(description="Articles")
    def articles(self, person):
        """List the articles that carry this person's byline or mention them."""
        if not person.pk:
            return "—"
        links = [
            (reverse("admin:articles_article_change", args=[row.article_id]), row.article, label)
            for label, rows in (("byline", person.bylines), ("mentioned", person.mentions))
            for row in rows.select_related("article").order_by("-article__pk")[:ARTICLES_SHOWN]
        ]
        if not links:
            return "No articles yet."
        return format_html(
            "<ul>{}</ul>", format_html_join("", '<li><a href="{}">{}</a> ({})</li>', links)
        )
