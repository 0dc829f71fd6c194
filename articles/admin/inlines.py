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

from .widgets import PreloadedAutocompleteInlineMixin


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
