"""The editors' admin for articles, sections and tags."""

from django.contrib import admin, messages
from django.db.models import Count, Prefetch
from django.shortcuts import render

from search.admin import SearchServiceAdminMixin

from .admin_desk import ArticleDeskMixin
from .admin_filters import TagKindFilter
from .admin_import import ImportArticleMixin
from .admin_relations import relations_from_formsets
from .admin_widgets import PreloadedAutocompleteInlineMixin
from .admin_workflow import ArticleWorkflowAdmin
from .models import (
    Article,
    ArticleImage,
    Byline,
    Mention,
    RelatedArticle,
    RelatedHeadline,
    Section,
    Tag,
    TaggedArticle,
)
from .services.tags import merge_tags
from .services.writing import write_article


class BylineInline(PreloadedAutocompleteInlineMixin, admin.TabularInline):
    model = Byline
    autocomplete_fields = ["person"]
    extra = 0


class MentionInline(PreloadedAutocompleteInlineMixin, admin.TabularInline):
    model = Mention
    autocomplete_fields = ["person"]
    extra = 0
    verbose_name_plural = "people mentioned"


class TaggedArticleInline(PreloadedAutocompleteInlineMixin, admin.TabularInline):
    model = TaggedArticle
    fk_name = "content_object"
    autocomplete_fields = ["tag"]
    extra = 0
    verbose_name_plural = "tags"


class ArticleImageInline(PreloadedAutocompleteInlineMixin, admin.StackedInline):
    model = ArticleImage
    extra = 0
    autocomplete_fields = ["image"]
    fields = [
        ("image", "file", "needs_file", "is_lead", "position"),
        "caption",
        ("credit", "alt_text"),
    ]
    readonly_fields = ["needs_file"]

    @admin.display(description="Needs an image file", boolean=True)
    def needs_file(self, image):
        return image.needs_file


class RelatedArticleInline(PreloadedAutocompleteInlineMixin, admin.TabularInline):
    model = RelatedArticle
    fk_name = "from_article"
    autocomplete_fields = ["to_article"]
    extra = 0
    verbose_name_plural = "related articles (editor's picks, in order)"


class RelatedHeadlineInline(PreloadedAutocompleteInlineMixin, admin.TabularInline):
    model = RelatedHeadline
    fk_name = "article"
    autocomplete_fields = ["target"]
    extra = 0


@admin.register(Article)
class ArticleAdmin(
    SearchServiceAdminMixin, ImportArticleMixin, ArticleDeskMixin, ArticleWorkflowAdmin
):
    list_display = ["headline", "section", "status", "published_at", "byline_names"]
    list_filter = ["status", ("section", admin.RelatedOnlyFieldListFilter), TagKindFilter]
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
        (None, {"fields": ["kicker", "headline", "slug", "standfirst", "body", "section"]}),
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

    def get_queryset(self, request):
        bylines = Byline.objects.select_related("person")
        return super().get_queryset(request).prefetch_related(Prefetch("bylines", bylines))

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
            # Checked against the form's version when it was opened (admin_conflicts).
            expected_version=form.cleaned_data.get("expected_version") if change else None,
            comment="Changed in the admin" if change else "Added in the admin",
        )


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
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
