"""The article's relations as inline rows of its change form."""

from django.contrib import admin

from articles.models import (
    ArticleImage,
    Byline,
    Mention,
    RelatedArticle,
    RelatedHeadline,
    TaggedArticle,
)
from articles.services.writing import RELATION_LIMITS

from .tagging import tag_picker_field
from .widgets import PreloadedAutocompleteInlineMixin


class LimitedInlineMixin:
    """Refuse more rows than the write path allows, as a form error rather than a failure."""

    def get_formset(self, request, obj=None, **kwargs):
        return super().get_formset(request, obj, validate_max=True, **kwargs)


class BylineInline(LimitedInlineMixin, PreloadedAutocompleteInlineMixin, admin.TabularInline):
    max_num = RELATION_LIMITS["bylines"]
    model = Byline
    autocomplete_fields = ["person"]
    extra = 0


class MentionInline(LimitedInlineMixin, PreloadedAutocompleteInlineMixin, admin.TabularInline):
    max_num = RELATION_LIMITS["mentions"]
    model = Mention
    autocomplete_fields = ["person"]
    extra = 0
    verbose_name_plural = "people mentioned"


class TaggedArticleInline(
    LimitedInlineMixin, PreloadedAutocompleteInlineMixin, admin.TabularInline
):
    max_num = RELATION_LIMITS["tags"]
    model = TaggedArticle
    fk_name = "content_object"
    autocomplete_fields = ["tag"]
    extra = 0
    verbose_name_plural = "tags"
    field_makers = {"tag": tag_picker_field}


class ArticleImageInline(LimitedInlineMixin, PreloadedAutocompleteInlineMixin, admin.StackedInline):
    max_num = RELATION_LIMITS["images"]
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


class RelatedArticleInline(
    LimitedInlineMixin, PreloadedAutocompleteInlineMixin, admin.TabularInline
):
    max_num = RELATION_LIMITS["related_articles"]
    model = RelatedArticle
    fk_name = "from_article"
    autocomplete_fields = ["to_article"]
    readable_article_fields = ("to_article",)
    extra = 0
    verbose_name_plural = "related articles (editor's picks, in order)"


class RelatedHeadlineInline(
    LimitedInlineMixin, PreloadedAutocompleteInlineMixin, admin.TabularInline
):
    max_num = RELATION_LIMITS["related_headlines"]
    model = RelatedHeadline
    fk_name = "article"
    autocomplete_fields = ["target"]
    readable_article_fields = ("target",)
    extra = 0
