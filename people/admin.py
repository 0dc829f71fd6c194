"""The editors' admin for people."""

from django.contrib import admin

from .models import Affiliation, Person


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 0


class PersonPages:
    """The person admin's lists, search and form; articles/admin/people.py adds coverage."""

    list_display = ["full_name", "short_name", "kind", "description", "needs_review"]
    list_filter = ["kind", "needs_review"]
    search_fields = ["full_name", "short_name", "aliases", "slug", "description"]
    prepopulated_fields = {"slug": ["full_name"]}
    # The articles naming a person are added by articles/admin/people.py, which knows who
    # may read which article.
    readonly_fields = ["created_at", "updated_at"]
    autocomplete_fields = ["picture"]
    inlines = [AffiliationInline]
    fieldsets = [
        (None, {"fields": ["full_name", "slug", "short_name", "aliases", "kind"]}),
        ("About", {"fields": ["description", "biography", "picture", "photo", "needs_review"]}),
        ("Record", {"fields": ["created_at", "updated_at"]}),
    ]


@admin.register(Person)
class PersonAdmin(PersonPages, admin.ModelAdmin):
    pass
