"""The live article's admin page: its settings, the entry composer and its entries.

Every write goes through live/services.py; who may write is the article's edit permission.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import path, reverse

from articles.admin.widgets import LabelledAutocompleteMixin
from articles.models import Article
from articles.services import policy

from . import services
from .forms import ComposerForm, EntryForm
from .models import Entry, LiveCoverage
from .selectors import with_authors

ADMIN_ENTRIES = 50


def visible(request, queryset, field: str):
    """Narrow to what the user may see in the newsroom tools: their articles' rows."""
    articles = policy.visible_articles(request.user, Article.objects.all()).values("pk")
    return queryset.filter(**{f"{field}__in": articles})


@admin.register(LiveCoverage)
class LiveCoverageAdmin(LabelledAutocompleteMixin, admin.ModelAdmin):
    list_display = ["article", "started_at", "status", "entry_count"]
    list_select_related = ["article"]
    autocomplete_fields = ["article"]
    change_form_template = "admin/live/livecoverage/change_form.html"
    search_fields = ["article__headline"]

    def get_queryset(self, request):
        rows = super().get_queryset(request).annotate(entry_count=Count("article__live_entries"))
        return visible(request, rows, "article")

    @admin.display(description="Entries", ordering="entry_count")
    def entry_count(self, obj):
        return obj.entry_count

    @admin.display(description="Status")
    def status(self, obj):
        return "Live" if obj.is_live else "Coverage has ended"

    def get_fields(self, request, obj=None):
        return ["article", "oldest_first"] if obj is None else ["oldest_first"]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else ["started_at", "ended_at"]

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or policy.can_edit(request.user, obj.article))

    def has_delete_permission(self, request, obj=None):
        # Coverage is ended, never deleted: its entries stay readable.
        return False

    def save_model(self, request, obj, form, change):
        try:
            if change:
                services.change_order(
                    coverage=obj, user=request.user, oldest_first=obj.oldest_first
                )
            else:
                services.start_coverage(
                    article=obj.article, user=request.user, oldest_first=obj.oldest_first
                )
        except PermissionDenied as refusal:
            raise PermissionDenied(str(refusal)) from refusal

    def get_urls(self):
        view = self.admin_site.admin_view
        own = [
            path("<path:object_id>/post/", view(self.post_view), name="live_post"),
            path("<path:object_id>/end/", view(self.end_view), name="live_end"),
        ]
        return own + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        coverage = self.get_object(request, object_id)
        extra = {}
        if coverage is not None:
            entries = with_authors(Entry.objects.filter(article_id=coverage.pk))
            extra = {
                "composer": ComposerForm(),
                "may_write": policy.can_edit(request.user, coverage.article),
                "entries": list(entries.order_by("-published_at", "-pk")[:ADMIN_ENTRIES]),
                "live_url": coverage.article.get_absolute_url()
                if coverage.article.is_public
                else "",
            }
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def render_change_form(self, request, context, *args, **kwargs):
        # The composer's editor joins the page's media, which the change form gives a nonce.
        if "composer" in context:
            context["media"] = context["media"] + context["composer"].media
        return super().render_change_form(request, context, *args, **kwargs)

    def coverage_for(self, request, object_id) -> LiveCoverage:
        coverage = get_object_or_404(
            self.get_queryset(request).select_related("article"), pk=object_id
        )
        if not policy.can_edit(request.user, coverage.article):
            raise PermissionDenied(policy.edit_refusal(request.user, coverage.article))
        return coverage

    def post_view(self, request, object_id):
        """Post the composer's entry; JSON for the composer's script, a redirect without it."""
        coverage = self.coverage_for(request, object_id)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        form = ComposerForm(request.POST)
        wants_json = "application/json" in request.headers.get("Accept", "")
        entry = None
        if form.is_valid():
            try:
                entry = services.post_entry(
                    article=coverage.article,
                    user=request.user,
                    body=form.cleaned_data["body"],
                    title=form.cleaned_data["title"],
                    authors=list(form.cleaned_data["authors"]),
                    key_event=form.cleaned_data["key_event"],
                    pinned=form.cleaned_data["pinned"],
                )
            except ValidationError as error:
                form.add_error(None, error)
        back = reverse("admin:live_livecoverage_change", args=[coverage.pk])
        if entry is None:
            problems = [str(m) for errors in form.errors.values() for m in errors]
            if wants_json:
                return JsonResponse({"errors": problems}, status=400)
            messages.error(request, "The entry was not posted: " + " ".join(problems))
            return redirect(back)
        if wants_json:
            entry = with_authors(Entry.objects.filter(pk=entry.pk)).get()
            html = render_to_string(
                "admin/live/entry_row.html", {"entry": entry, "may_write": True}, request
            )
            return JsonResponse({"id": entry.pk, "html": html}, status=201)
        messages.success(request, "Entry posted.")
        return redirect(back)

    def end_view(self, request, object_id):
        """End the coverage (a POST from the End coverage button)."""
        coverage = self.coverage_for(request, object_id)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        services.end_coverage(coverage=coverage, user=request.user)
        messages.success(request, "Coverage has ended; the article no longer updates.")
        return redirect("admin:live_livecoverage_change", coverage.pk)


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    form = EntryForm
    list_display = ["__str__", "article", "published_at", "key_event", "pinned"]
    list_filter = ["key_event", "pinned"]
    list_select_related = ["article"]
    search_fields = ["title", "article__headline"]

    def get_fields(self, request, obj=None):
        if self.has_change_permission(request, obj):
            return ["title", "body", "entry_authors", "key_event"]
        return ["published_at", "title", "body", "author_names", "key_event"]

    @admin.display(description="Authors")
    def author_names(self, obj):
        return ", ".join(row.person.full_name for row in obj.entry_authors.all()) or "—"

    def get_queryset(self, request):
        return visible(request, super().get_queryset(request), "article")

    def get_urls(self):
        pin = self.admin_site.admin_view(self.pin_view)
        return [path("<path:object_id>/pin/", pin, name="live_pin"), *super().get_urls()]

    def pin_view(self, request, object_id):
        """Pin the entry above the others, or unpin it (a POST from the live article's page)."""
        entry = get_object_or_404(
            self.get_queryset(request).select_related("article"), pk=object_id
        )
        if not policy.can_edit(request.user, entry.article):
            raise PermissionDenied(policy.edit_refusal(request.user, entry.article))
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        try:
            services.pin_entry(
                entry=entry, user=request.user, pinned=request.POST.get("pinned") == "1"
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("admin:live_livecoverage_change", entry.article_id)

    def has_add_permission(self, request):
        # Entries are posted from their live article's composer.
        return False

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or policy.can_edit(request.user, obj.article))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or policy.can_edit(request.user, obj.article))

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        try:
            services.edit_entry(
                entry=Entry.objects.get(pk=obj.pk),
                user=request.user,
                body=data["body"],
                title=data["title"],
                authors=list(data["entry_authors"]),
                key_event=data["key_event"],
                expected_version=data.get("expected_version"),
            )
        except services.StaleEntryError as error:
            messages.error(request, str(error))

    def save_related(self, request, form, formsets, change):
        # The service wrote the authors with the entry.
        pass

    def delete_model(self, request, obj):
        services.delete_entry(entry=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for entry in queryset.select_related("article"):
            services.delete_entry(entry=entry, user=request.user)

    def response_change(self, request, obj):
        return redirect("admin:live_livecoverage_change", obj.article_id)
