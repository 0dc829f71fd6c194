"""The article admin, composed from the desk, import, preview, search and workflow pieces.

Each Django hook is defined once, here or in exactly one piece: a hook defined in two
pieces would let one silently hide the other (that once broke every workflow page), and
tests/architecture/test_admin_composition.py keeps it so.
"""

from django.contrib import admin
from django.db.models import Prefetch
from django.utils.safestring import mark_safe
from reversion.admin import VersionAdmin

from articles.models import Article, Byline
from articles.sanitize import sanitize_html
from articles.services import policy
from articles.services.autosave import discard_autosave
from articles.services.writing import write_article
from search.admin import SearchServiceAdminMixin

from .autosave import ArticleAutosaveMixin
from .desk import ArticleDeskMixin, QuickFilter, with_lead_thumbnails
from .filters import TagKindFilter
from .importing import ImportArticleMixin
from .inlines import (
    ArticleImageInline,
    BylineInline,
    MentionInline,
    RelatedArticleInline,
    RelatedHeadlineInline,
    TaggedArticleInline,
)
from .previewing import ArticlePreviewMixin
from .relations import relations_from_formsets
from .widgets import LabelledAutocompleteMixin
from .workflow import ArticleWorkflowMixin, WaitingForReviewFilter

READ_ONLY_BODY = "body_as_read"


@admin.register(Article)
class ArticleAdmin(
    LabelledAutocompleteMixin,
    SearchServiceAdminMixin,
    ImportArticleMixin,
    ArticleDeskMixin,
    ArticlePreviewMixin,
    ArticleWorkflowMixin,
    ArticleAutosaveMixin,
    VersionAdmin,
):
    list_display = ["headline", "section", "status", "published_at", "byline_names"]
    list_filter = [
        QuickFilter,
        WaitingForReviewFilter,
        "status",
        ("section", admin.RelatedOnlyFieldListFilter),
        TagKindFilter,
    ]
    list_select_related = ["section__parent__parent"]
    date_hierarchy = "published_at"
    search_fields = ["headline", "standfirst", "slug"]
    autocomplete_fields = ["section"]
    prepopulated_fields = {"slug": ["headline"]}
    readonly_fields = ["created_at", "updated_at", "version"]
    list_per_page = 50
    inlines = [
        BylineInline,
        MentionInline,
        TaggedArticleInline,
        ArticleImageInline,
        RelatedArticleInline,
        RelatedHeadlineInline,
    ]
    fieldsets = [
        (
            None,
            {"fields": ["kicker", "headline", "slug", "standfirst", "dateline", "body", "section"]},
        ),
        ("Publishing", {"fields": ["status", "published_at", "embargo_until"]}),
        (
            "Source",
            {
                "classes": ["collapse"],
                "fields": ["origin", "source_name", "source_url", "copyright_line", "language"],
            },
        ),
        ("Search engines", {"classes": ["collapse"], "fields": ["seo_title", "seo_description"]}),
        ("History", {"classes": ["collapse"], "fields": ["created_at", "updated_at", "version"]}),
    ]

    class Media:
        css = {"all": ["admin-desk/desk.css"]}
        js = [
            "admin-desk/desk.js",
            "admin-desk/autosave.js",
            "admin-desk/tags.js",
            "admin-desk/sortable.js",
        ]

    def get_queryset(self, request):
        queryset = policy.visible_articles(request.user, super().get_queryset(request))
        bylines = Byline.objects.select_related("person")
        queryset = queryset.prefetch_related(Prefetch("bylines", bylines))
        match = request.resolver_match
        if match and match.url_name and match.url_name.endswith("changelist"):
            queryset = with_lead_thumbnails(queryset)
        return queryset

    def get_urls(self):
        return [
            *self.import_urls(),
            *self.workflow_urls(),
            *self.preview_urls(),
            *self.autosave_urls(),
            *super().get_urls(),
        ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # Read only (e.g. submitted, for its contributor): the body as readers get it, not
        # its HTML source.
        return [
            (name, {**options, "fields": [READ_ONLY_BODY if f == "body" else f
                                          for f in options["fields"]]})
            for name, options in fieldsets
        ]  # fmt: skip

    @admin.display(description="Body")
    def body_as_read(self, article):
        # Sanitised again on the way out, as on every save: what is marked safe is nh3's.
        return mark_safe(f'<div class="readonly-body">{sanitize_html(article.body)}</div>')

    @admin.display(description="Bylines")
    def byline_names(self, article):
        return ", ".join(byline.person.full_name for byline in article.bylines.all())

    def save_model(self, request, obj, form, change):
        """Write nothing yet: save_related() writes the article and its inlines together."""

    def save_related(self, request, form, formsets, change):
        """Write the form's fields and the inlines' rows through the one write path."""
        fields = {
            field.name: form.cleaned_data[field.name]
            for field in Article._meta.concrete_fields
            if field.name in form.cleaned_data
        }
        if not change:
            fields["created_by"] = request.user
        write_article(
            article=form.instance,
            fields=fields,
            relations=relations_from_formsets(formsets),
            user=request.user,
            # Checked against the form's version when it was opened (admin/conflicts.py).
            expected_version=form.cleaned_data.get("expected_version") if change else None,
            comment="Changed in the admin" if change else "Added in the admin",
        )
        # The save went through: the kept copy of the form is no longer needed.
        discard_autosave(article=form.instance, user=request.user)
