"""Tags in the admin: kinds, aliases, article counts and merging."""

from django.contrib import admin, messages
from django.db.models import Count
from django.shortcuts import render
from taggit.models import Tag as TaggitTag

from articles.models import Tag
from articles.services.tags import merge_tags

# Articles are tagged with our own Tag; django-taggit's admin edits its unused tag table,
# and its merge page checks no permission at all.
admin.site.unregister(TaggitTag)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "slug", "article_count"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["merge_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_articles=Count("tagged_articles"))

    @admin.display(description="Articles", ordering="num_articles")
    def article_count(self, tag):
        return tag.num_articles

    @admin.action(description="Merge selected tags into one", permissions=["change"])
    def merge_selected(self, request, queryset):
        tags = list(queryset)
        target_pk = request.POST.get("target")
        target = next((tag for tag in tags if str(tag.pk) == target_pk), None)
        if target is None:
            context = {**self.admin_site.each_context(request), "tags": tags, "opts": self.opts}
            return render(request, "admin/articles/tag/merge_confirmation.html", context)
        moved = merge_tags(target=target, duplicates=tags)
        self.message_user(
            request,
            f"Merged {len(tags) - 1} tag(s) into “{target}”, moving {moved} article(s).",
            messages.SUCCESS,
        )
        return None
